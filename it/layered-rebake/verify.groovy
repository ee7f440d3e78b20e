import groovy.json.JsonSlurper

def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
def manifest = json.parse(new File(basedir, 'target/azure-image/image.json'))
def resources = json.parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def layers = resources.findAll { it.id.contains('/images/orders-service-layers/versions/') }
def releases = resources.findAll { it.id.contains('/images/orders-service/versions/') }*.name.sort()
def hidden = resources.find { it.id.endsWith('/images/orders-service-layers') }

// validate shows the layers; run 1 snapshots the base layer and records it in the hidden Specialized definition.
assert log.contains('cached layers [base [10-packages.sh]]')
assert log.contains('created hidden image definition orders-service-layers (Specialized)')
assert hidden.properties.osState == 'Specialized'
assert layers.size() == 1
assert layers[0].properties.publishingProfile.excludeFromLatest == true
assert layers[0].tags['azure-image.layer'] == 'base'

// Run 2: only the app script changed, so the build VM starts from the cached layer and skips the base scripts.
assert log.contains('starting from cached layer base')
assert log.contains('Run script 10-packages.sh: skipped, in cached layer base')
assert log.contains('Snapshot layer base (OS disk of azimg-build): skipped, the layer is cached')
assert manifest.bake.startedFromLayer.name == 'base'
assert manifest.bake.startedFromLayer.versionId == layers[0].id
assert releases == ['1.0.0', '1.0.1']
assert !resources.any { it.id.toLowerCase().contains('/resourcegroups/azimg-') }
true
