import groovy.json.JsonSlurper

def manifest = new JsonSlurper().parse(new File(basedir, 'target/azure-image/image.json'))
def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def temporary = resources*.id.findAll { it.toLowerCase().contains('/resourcegroups/azimg-') }
def versions = resources.findAll { it.type == 'Microsoft.Compute/galleries/images/versions' }

assert manifest.imageVersion.name == '1.4.2'
assert manifest.kind == 'release'
// No publish goal is bound: bake publishes, so the release is latest.
assert manifest.imageVersion.excludeFromLatest == false
assert manifest.bake.reused == false
assert manifest.source.configured == 'Canonical:ubuntu-24_04-lts:server:latest'
assert manifest.source.resolved == 'Canonical:ubuntu-24_04-lts:server:24.04.202411030'
assert manifest.maven == [groupId: 'com.example', artifactId: 'orders-service', version: '1.4.2']

assert temporary == [] : "temporary resources left: ${temporary}"
assert versions.size() == 1
def version = versions[0]
assert version.id == manifest.imageVersion.id
assert version.tags['maven.groupId'] == 'com.example'
assert version.tags['maven.artifactId'] == 'orders-service'
assert version.tags['maven.version'] == '1.4.2'
assert version.tags['azure-image.source'] == 'Canonical:ubuntu-24_04-lts:server:24.04.202411030'
assert version.tags['azure-image.build-id'] == manifest.bake.buildId
assert version.tags['azure-image.fingerprint'] ==~ /[0-9a-f]{64}/
assert version.properties.publishingProfile.excludeFromLatest == false

def log = new File(basedir, 'build.log').text
// Steps run concurrently where they can, so only the total is fixed.
assert log =~ /\[\d+\/13\] Capture image version images-rg\/corp_images\/orders-service\/1\.4\.2/
assert log.contains('[cleanup] Deleted resource group azimg-orders-service-')
// Nothing of the plugin may outlive the goal (its class realm is gone after it).
assert !log.contains('ClassNotFoundException')
true
