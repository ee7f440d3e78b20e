import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def versions = resources.findAll { it.type == 'Microsoft.Compute/galleries/images/versions' }

// Two distinct snapshot versions, both in the snapshot definition, both excluded from latest.
assert versions.size() == 2
assert versions*.name.unique().size() == 2
versions.each {
    assert it.id.contains('/images/orders-service-snapshot/versions/1.5.')
    assert it.properties.publishingProfile.excludeFromLatest == true
    assert it.tags['maven.version'] == '1.5.0-SNAPSHOT'
    assert it.tags['azure-image.kind'] == 'snapshot'
}
assert versions*.tags*.getAt('azure-image.fingerprint').unique().size() == 2
// Nothing in the release definition.
assert !resources*.id.any { it.endsWith('/images/orders-service') }
assert log.count('Create build VM') == 2
assert log.count('reused (same inputs)') == 1
true
