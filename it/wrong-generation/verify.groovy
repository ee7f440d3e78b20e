import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains("Failed at step 'Check region, VM size Standard_D2s_v5, security type and network in westeurope'")
assert !log.contains('Prepare gallery')
assert log.contains('has Hyper-V generation V1, but the build needs V2 (source Canonical:ubuntu-24_04-lts:server:24.04.202411030)')
assert !log.contains('Create resource group azimg-')

def resources = new JsonSlurper().parse(new File(basedir, 'target/azure-image/emulator-inventory.json')).resources
assert resources*.name.sort() == ['corp_images', 'images-rg', 'orders-service']
true
