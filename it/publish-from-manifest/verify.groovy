import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def manifest = new JsonSlurper().parse(new File(basedir, 'target/azure-image/image.json'))
def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def version = resources.find { it.type == 'Microsoft.Compute/galleries/images/versions' }

assert log.contains('is a candidate: azure-image:publish replicates and promotes it')
assert log.contains('Publishing image version 1.4.2 to westeurope (1x Standard_LRS), eastus2 (1x Standard_LRS); promoted to latest')
assert version.properties.publishingProfile.excludeFromLatest == false
assert version.properties.publishingProfile.targetRegions*.name.sort() == ['East US 2', 'West Europe']
assert manifest.imageVersion.excludeFromLatest == false
assert manifest.imageVersion.targetRegions*.name == ['westeurope', 'eastus2']
true
