// The plain values: the first one is only ever stored encrypted in settings.xml.
def secrets = ['Db-Pa55w0rd-from-settings-xml', 'Registry-T0ken-from-the-environment']

def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the build ran with -X'
assert log.contains('Run script 10-credentials.sh')
assert log.contains('BUILD SUCCESS')

def leaks = []
new File(basedir, 'target').eachFileRecurse { f ->
    if (f.isFile()) {
        def text = new String(f.bytes, 'ISO-8859-1')
        secrets.each { if (text.contains(it)) leaks << "${f} contains ${it.take(3)}..." }
    }
}
secrets.each { if (log.contains(it)) leaks << "build.log contains ${it.take(3)}..." }
assert leaks == []
true
