import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('The image version 2.0.0 already exists, baked from other inputs: script:20-app.sh changed.')
assert !log.contains('script:10-packages.sh changed')
assert log.contains('Bump the project version (or <imageVersion>) to publish the change')
assert log.count('Create build VM') == 1

def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
assert resources.findAll { it.type == 'Microsoft.Compute/galleries/images/versions' }*.name == ['2.0.0']
assert resources*.id.findAll { it.toLowerCase().contains('/resourcegroups/azimg-') } == []
true
