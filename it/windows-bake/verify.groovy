import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
def definition = resources.find { it.type == 'Microsoft.Compute/galleries/images' }
def version = resources.find { it.type == 'Microsoft.Compute/galleries/images/versions' }

assert definition.properties.osType == 'Windows'
assert definition.properties.hyperVGeneration == 'V2'
assert version.tags['azure-image.source'] == 'MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:20348.2849.241106'
assert log.contains('exit code 3010 accepted (exitCodes [0, 3010])')
assert log.contains('Restart azimg-build after 10-updates.ps1 and wait for its guest agent')
assert log.contains('Run script 20-site.ps1')
assert log.contains('Generalize the guest (sysprep /generalize /oobe /quit /mode:vm) and wait for IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE')
assert log.contains('uploaded src/main/image/files/site (directory, archived)')
assert !resources*.id.any { it.toLowerCase().contains('/resourcegroups/azimg-') }
true
