package dev.imagebaker.azureimage.config;

import java.nio.file.Path;

/** The Maven project being baked: coordinates, directories, and the VCS revision when it is a git checkout. */
public record ProjectInfo(String groupId, String artifactId, String version, Path baseDir, Path buildDir,
                          String vcsRevision) {
}
