package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Persists the emulated cloud to a JSON file so that several Maven invocations share it. Operations in flight
 * are not persisted: on load, resources caught mid-change are settled as if their operation had completed.
 * One emulator at a time owns the file (an OS lock on a sibling .lock file, naming its holder): two builds sharing
 * it would otherwise each save their own view, and the last writer would silently drop what the other published.
 */
final class StateFile implements AutoCloseable {
    private static final Duration POLL = Duration.ofSeconds(1);
    private final Path file;
    private FileChannel lockChannel;
    private FileLock lock;

    StateFile(Path file) {
        this.file = file;
    }

    /**
     * Takes the file for this emulator, waiting (at most wait, saying so through notice) while another holds it;
     * then checks that it can be written, so that a read-only file fails at once instead of on every request.
     */
    void acquire(Duration wait, Consumer<String> notice) throws StateFileException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StateFileException("The emulator state file " + file + " cannot be used: its lock " + lockFile
                    + " cannot be created (" + e.getMessage() + ").", "Point -Dazure-image.emulator.state at a"
                    + " writable place, or fix the folder's permissions.", e);
        }
        Instant deadline = Instant.now().plus(wait);
        boolean told = false;
        while ((lock = tryLock()) == null) {
            String holder = holder(lockFile);
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new StateFileException("The emulator state file " + file + " is in use by " + holder + ".",
                        "Wait for that build to end (two builds must not share one emulated cloud at once), or give"
                                + " this one its own -Dazure-image.emulator.state.", null);
            }
            if (!told) {
                notice.accept("Waiting for the emulator state file " + file + ", in use by " + holder + " (at most "
                        + wait.toSeconds() + " s)");
                told = true;
            }
            sleep();
        }
        try {
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            // The holder's name is a courtesy to whoever waits; the lock itself holds.
        }
        if (Files.exists(file) && !Files.isWritable(file) || !Files.isWritable(file.toAbsolutePath().getParent())) {
            close();
            throw new StateFileException("The emulator state file " + file + " cannot be written.", "Make it (and"
                    + " its folder) writable, or point -Dazure-image.emulator.state elsewhere.", null);
        }
    }

    private FileLock tryLock() throws StateFileException {
        try {
            return lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        } catch (IOException e) {
            throw new StateFileException("The emulator state file " + file + " cannot be locked: " + e.getMessage()
                    + ".", "Point -Dazure-image.emulator.state at a local, writable folder.", e);
        }
    }

    private static String holder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another build" : "another build (" + text + ")";
        } catch (IOException e) {
            return "another build";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void load(CloudState cloud) throws StateFileException {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            cloud.inventory.restore(root.path("resources"));
            root.path("subscriptions").forEach(s -> cloud.subscriptions.add(s.asText()));
            settle(cloud);
        } catch (IOException | RuntimeException e) {
            throw new StateFileException("The emulator state file " + file + " cannot be read: " + e.getMessage()
                    + ".", "Delete it (the emulated cloud starts empty), or run mvn clean if it is the default one"
                    + " under target/.", e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // The OS releases the lock with the process anyway.
        }
        lock = null;
        lockChannel = null;
    }

    private static void settle(CloudState cloud) {
        for (Resource r : cloud.inventory.all()) {
            ObjectNode props = r.properties();
            String state = props.path("provisioningState").asText("");
            if (state.equals("Deleting")) {
                cloud.inventory.within(r.id, null).forEach(c -> cloud.inventory.remove(c.id));
                cloud.inventory.remove(r.id);
                continue;
            }
            if (state.equals("Creating") || state.equals("Updating")) {
                props.put("provisioningState", "Succeeded");
            }
            if (r.state.has("power")) {
                VmState.setPower(r, VmState.power(r).settled());
            }
        }
    }

    void save(CloudState cloud) {
        ObjectNode root = Json.object();
        ArrayNode subscriptions = root.putArray("subscriptions");
        cloud.subscriptions.stream().sorted().forEach(subscriptions::add);
        root.set("resources", cloud.inventory.snapshot());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".emulator-state", ".json");
            Files.writeString(tmp, Json.writeSorted(root), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulator state " + file, e);
        }
    }
}
