import groovy.json.JsonSlurper

def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
// Run 1 installed its manifest (classifier azure-image) before publish ran; runs 2 and 3 install nothing.
def installed = json.parse(new File(basedir, '../../local-repo/com/example/orders-service/1.4.2/orders-service-1.4.2-azure-image.json'))
def manifest = json.parse(new File(basedir, 'target/azure-image/image.json'))
def resources = json.parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def versions = resources.findAll { it.type == 'Microsoft.Compute/galleries/images/versions' }

// Run 1: a candidate first (excluded, build region only), then published.
assert installed.imageVersion.excludeFromLatest == true
assert installed.imageVersion.targetRegions*.name == ['westeurope']
assert log.contains('is a candidate: azure-image:publish replicates and promotes it')
assert log.contains('Publishing image version 1.4.2 to westeurope (1x Standard_LRS), northeurope (2x Standard_ZRS); promoted to latest')
assert log.contains('replication northeurope: Completed 100%')

// One version only, published as configured.
assert versions.size() == 1
def profile = versions[0].properties.publishingProfile
assert profile.excludeFromLatest == false
assert profile.targetRegions*.name.sort() == ['North Europe', 'West Europe']
assert profile.targetRegions.find { it.name == 'North Europe' }.storageAccountType == 'Standard_ZRS'
assert profile.endOfLifeDate != null

// Runs 2 and 3: the same image, no VM, a handful of requests, already published.
assert log.count('Create build VM') == 1
assert log.count('reused (same inputs)') == 1
assert manifest.bake.reused == true
assert manifest.bake.armRequests <= 5 : "an unchanged bake made ${manifest.bake.armRequests} ARM requests"
['id', 'name', 'fingerprint', 'tags'].each { assert manifest.imageVersion[it] == installed.imageVersion[it] }
['kind', 'source', 'maven', 'imageDefinition', 'gallery'].each { assert manifest[it] == installed[it] }
assert log.contains('Image version 1.4.2 is already published as configured')
assert resources*.id.findAll { it.toLowerCase().contains('/resourcegroups/azimg-') } == []
true
