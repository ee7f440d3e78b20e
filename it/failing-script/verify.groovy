import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains("Failed at step 'Run script 20-app.sh'")
assert log.contains('Script 20-app.sh exited with code 3')
assert log.contains("useradd: group 'orders' does not exist")
assert log.contains('[cleanup] Deleted resource group azimg-orders-service-')

def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
assert resources*.id.findAll { it.toLowerCase().contains('/resourcegroups/azimg-') } == []
assert resources.findAll { it.type == 'Microsoft.Compute/galleries/images/versions' } == []
assert !new File(basedir, 'target/azure-image/image.json').exists()
true
