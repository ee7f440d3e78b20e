def log = new File(basedir, 'build.log').text
assert log.contains("<gallery/name> (-Dazure-image.gallery.name): 'corp-images' contains a hyphen")
assert log.contains("Use 'corp_images'.")
assert !log.contains('Using the embedded Azure Resource Manager emulator')
assert !new File(basedir, 'target/azure-image/emulator-inventory.json').exists()
true
