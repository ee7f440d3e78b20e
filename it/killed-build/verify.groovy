import groovy.json.JsonSlurper

def killed = new File(basedir, 'killed.log').text
assert killed.contains('Create build VM')
assert !killed.contains('[cleanup]') : 'SIGKILL runs no cleanup'

def log = new File(basedir, 'build.log').text
assert log.contains('Deleted resource group azimg-orders-service-')
assert log.contains('Deleted 1 resource group(s)')

def ids = new JsonSlurper().parse(new File(basedir, 'cloud.json')).resources*.id
assert ids.findAll { it.toLowerCase().contains('/resourcegroups/azimg-') } == []
true
