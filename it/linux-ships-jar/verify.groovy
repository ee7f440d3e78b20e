import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def version = resources.find { it.type == 'Microsoft.Compute/galleries/images/versions' }

// The jar was built first, then uploaded, then installed and checked by SHA-256 in the guest.
assert new File(basedir, 'target/orders-service-1.4.2.jar').exists()
assert log.contains('Stage 2 file(s) in storage account azimg')
assert log.contains('uploaded target/orders-service-1.4.2.jar')
assert log.contains('uploaded src/main/image/files/conf (directory, archived)')
assert log.contains('Install 2 file(s) in the guest, checked by SHA-256')
assert log.contains('Run script 90-motd.sh (inline)')
// The temporary storage went with the temporary group; no SAS was ever printed.
assert !resources*.id.any { it.contains('Microsoft.Storage') }
assert !resources*.id.any { it.toLowerCase().contains('/resourcegroups/azimg-') }
assert !log.contains('sig=')
// The jar and the configuration are part of the fingerprint.
def inputs = version.tags.findAll { it.key.startsWith('azure-image.inputs.') }*.value.join(';')
assert inputs.contains('file:/opt/orders/orders.jar=')
assert inputs.contains('file:/etc/orders=')
assert inputs.contains('env:APP_HOME=')
true
