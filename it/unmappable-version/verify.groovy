def log = new File(basedir, 'build.log').text
assert log.contains("The project version '1.2.3.4' cannot name an Azure Compute Gallery image version")
assert log.contains('<imageVersion>1.4.2</imageVersion>')
// Refused by the validate goal, offline: the emulator never started, so nothing can exist.
assert !log.contains('Using the embedded Azure Resource Manager emulator')
assert !new File(basedir, 'target/azure-image/emulator-inventory.json').exists()
true
