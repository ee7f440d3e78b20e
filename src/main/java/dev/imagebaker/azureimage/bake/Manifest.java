package dev.imagebaker.azureimage.bake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagebaker.azureimage.config.BakeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/** target/azure-image/image.json: what was baked, from what, and how long each step took (keys sorted). */
public final class Manifest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private Manifest() {
    }

    public static ObjectNode of(BakeConfig config, BakeResult result) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("schemaVersion", 1);
        ObjectNode version = m.putObject("imageVersion");
        version.put("id", result.version().id());
        version.put("name", result.version().name());
        version.put("location", result.version().location());
        version.put("excludeFromLatest", result.version().excludeFromLatest());
        ArrayNode regions = version.putArray("targetRegions");
        result.version().targetRegions().forEach(regions::add);
        ObjectNode definition = m.putObject("imageDefinition");
        definition.put("id", result.definitionId());
        definition.put("name", config.gallery().imageDefinition());
        ObjectNode gallery = m.putObject("gallery");
        gallery.put("id", result.galleryId());
        gallery.put("name", config.gallery().name());
        gallery.put("resourceGroup", config.gallery().resourceGroup());
        m.put("location", config.location());
        ObjectNode source = m.putObject("source");
        source.put("configured", result.source().configured().text());
        source.put("resolved", result.source().resolved());
        source.put("osType", result.source().facts().osType().azureName());
        source.put("hyperVGeneration", result.source().facts().hyperVGeneration());
        source.put("architecture", result.source().facts().architecture());
        ObjectNode maven = m.putObject("maven");
        maven.put("groupId", config.project().groupId());
        maven.put("artifactId", config.project().artifactId());
        maven.put("version", config.project().version());
        if (config.project().vcsRevision() != null) {
            m.put("vcsRevision", config.project().vcsRevision());
        }
        m.put("buildId", result.buildId());
        m.put("started", result.started().toString());
        m.put("elapsedSeconds", seconds(result.elapsed().toMillis()));
        ArrayNode steps = m.putArray("steps");
        result.stepTimes().forEach((name, d) -> steps.addObject().put("name", name).put("seconds",
                seconds(d.toMillis())));
        ObjectNode tags = m.putObject("tags");
        new TreeMap<>(result.tags()).forEach(tags::put);
        return m;
    }

    private static double seconds(long millis) {
        return Math.round(millis / 100.0) / 10.0;
    }

    public static void write(ObjectNode manifest, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, MAPPER.writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
    }
}
