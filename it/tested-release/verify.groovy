import groovy.json.JsonSlurper

def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
def resources = json.parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources

// Tested between bake and publish, on two VMs, every script on each.
def tested = log.indexOf('Testing image version ')
assert tested > log.indexOf('is a candidate: azure-image:publish replicates and promotes it')
assert tested < log.indexOf('Publishing image version 1.4.2')
assert log.count('Create test VM azimg-test-') == 2
assert log.count('Run test 10-java.sh on azimg-test-') == 2
assert log.count('Run test 20-app.sh on azimg-test-') == 2
assert log.contains('Image version 1.4.2 passed its tests on 2 VM(s)')
assert log.contains('Tagged 1.4.2 azure-image.test=passed')

def versions = resources.findAll { it.type == 'Microsoft.Compute/galleries/images/versions' }
assert versions.size() == 1
assert versions[0].tags['azure-image.test'] == 'passed'
assert versions[0].tags['azure-image.tested-at'] != null
assert versions[0].properties.publishingProfile.excludeFromLatest == false

// Neither the build VM nor the test VMs are left, nor their groups.
assert resources*.id.findAll { it.toLowerCase().contains('/resourcegroups/azimg-') } == []
assert resources.findAll { it.type == 'Microsoft.Compute/virtualMachines' } == []
true
