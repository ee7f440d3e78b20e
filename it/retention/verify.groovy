import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def releases = resources.findAll { it.id.contains('/images/orders-service/versions/') }*.name.sort()
def snapshots = resources.findAll { it.id.contains('/images/orders-service-snapshot/versions/') }

// Newest release kept (1.0.2), the current latest kept (1.0.0), the rest deleted (1.0.1).
assert releases == ['1.0.0', '1.0.2']
assert log.contains('retention keeps orders-service/1.0.0: it is the current latest')
assert log.contains('retention deletes orders-service/1.0.1')
assert log.contains('Retention deleted 1 version(s) of orders-service: [1.0.1]')
assert snapshots.size() == 1
true
