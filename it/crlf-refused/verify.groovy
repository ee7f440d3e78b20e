def log = new File(basedir, 'build.log').text
assert log.contains("20-app.sh has Windows (CRLF) line endings from line 1 on; bash would fail with \"\$'\\r': command not found\"")
assert log.contains('<scriptsDirectory> (-Dazure-image.scriptsDirectory)')
assert !log.contains('Using the embedded Azure Resource Manager emulator')
assert !new File(basedir, 'target/azure-image/emulator-inventory.json').exists()
true
