import groovy.json.JsonSlurper

def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
def resources = json.parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources

// Run 1: the test failed, named with its VM, exit code and stderr; nothing was published.
// The test VMs run side by side: whichever fails first is named.
assert log =~ /Test 20-app\.sh failed on azimg-test-\d with exit code 1/
assert log.contains("id: 'orders': no such user")
assert log.contains('Tagged 1.4.2 azure-image.test=failed')
assert log.contains('[cleanup] Deleted resource group azimg-test-orders-service-')
assert !log.contains('Publishing image version 1.4.2')

// Run 2: publish refuses the failed candidate.
assert log.contains('The image version failed its tests')

def versions = resources.findAll { it.type == 'Microsoft.Compute/galleries/images/versions' }
assert versions.size() == 1
assert versions[0].tags['azure-image.test'] == 'failed'
assert versions[0].properties.publishingProfile.excludeFromLatest == true
assert versions[0].properties.publishingProfile.targetRegions*.name == ['West Europe']
assert resources*.id.findAll { it.toLowerCase().contains('/resourcegroups/azimg-') } == []
assert resources.findAll { it.type == 'Microsoft.Compute/virtualMachines' } == []
true
