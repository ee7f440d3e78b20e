package dev.imagebaker.azureimage.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The commit a project's git checkout is at, read from .git without running git; null if not a checkout. */
final class GitRevision {
    private GitRevision() {
    }

    static String of(Path projectDir) {
        for (Path dir = projectDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                return read(git);
            }
            if (Files.isRegularFile(git)) {
                return worktree(dir, git);
            }
        }
        return null;
    }

    private static String worktree(Path dir, Path gitFile) {
        try {
            String pointer = Files.readString(gitFile, StandardCharsets.UTF_8).trim();
            return pointer.startsWith("gitdir:") ? read(dir.resolve(pointer.substring(7).trim()).normalize()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (!head.startsWith("ref:")) {
                return head;
            }
            String ref = head.substring(4).trim();
            Path common = commonDir(git);
            for (Path base : new Path[] {git, common}) {
                Path loose = base.resolve(ref);
                if (Files.isRegularFile(loose)) {
                    return Files.readString(loose, StandardCharsets.UTF_8).trim();
                }
            }
            Path packed = common.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref)) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path commonDir(Path git) throws IOException {
        Path pointer = git.resolve("commondir");
        return Files.isRegularFile(pointer)
                ? git.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim()).normalize() : git;
    }
}
