// Starts a bake in a separate Maven, kills it with SIGKILL while the build VM is being created (no shutdown hook
// runs), and checks that it left its temporary resource group in the shared emulator state.
import groovy.json.JsonSlurper
import java.util.concurrent.TimeUnit

def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def log = new File(basedir, 'killed.log')
// Same repositories as the invoker's own builds: the plugin from its local repository, the rest from the user's.
def settings = new File(basedir, 'killed-settings.xml')
def remote = new File(userRepository).toURI().toString()
settings.text = """<settings><profiles><profile><id>it</id>
  <activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>local.central</id><url>${remote}</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>local.central</id><url>${remote}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def command = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}", 'package',
               '-Dazure-image.emulator', '-Dazure-image.emulator.timeScale=0.3',
               '-Dazure-image.emulator.state=cloud.json', '-Dazure-image.tempGroupTtl=1s']
def process = new ProcessBuilder(command*.toString()).directory(basedir).redirectErrorStream(true).redirectOutput(log).start()
def deadline = System.currentTimeMillis() + 120_000
while (!log.text.contains('Create build VM') && process.alive && System.currentTimeMillis() < deadline) {
    Thread.sleep(200)
}
assert log.text.contains('Create build VM') : "the bake never reached the build VM:\n${log.text}"
process.destroyForcibly()
assert process.waitFor(60, TimeUnit.SECONDS)

def groups = new JsonSlurper().parse(new File(basedir, 'cloud.json')).resources*.id
        .findAll { it ==~ /(?i).*\/resourceGroups\/azimg-orders-service-[^\/]+/ }
assert groups.size() == 1 : "the killed build should have left its group: ${groups}"
// Expired (tempGroupTtl=1s) by the time clean runs.
Thread.sleep(1500)
true
