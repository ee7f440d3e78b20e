package dev.imagebaker.azureimage.bake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.image.Fingerprint;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * target/azure-image/image.json (keys sorted). Everything but "bake" describes the image, so a bake that reuses
 * a version writes the same manifest as the bake that made it; "bake" describes this run.
 */
public final class Manifest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private Manifest() {
    }

    public static ObjectNode of(BakeConfig config, BakeResult result, int armRequests) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("schemaVersion", 1);
        m.put("kind", result.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("subscriptionId", config.subscriptionId());
        m.put("location", config.location());
        m.set("imageVersion", version(result.version()));
        ObjectNode definition = m.putObject("imageDefinition");
        definition.put("id", result.version().id().definitionId());
        definition.put("name", config.definition());
        ObjectNode gallery = m.putObject("gallery");
        gallery.put("id", result.version().id().galleryId());
        gallery.put("name", config.gallery().name());
        gallery.put("resourceGroup", config.gallery().resourceGroup());
        ObjectNode source = m.putObject("source");
        source.put("configured", config.source().text());
        source.put("resolved", result.source().resolved());
        source.put("osType", result.facts().osType().azureName());
        source.put("hyperVGeneration", result.facts().hyperVGeneration());
        source.put("architecture", result.facts().architecture());
        ObjectNode maven = m.putObject("maven");
        maven.put("groupId", config.project().groupId());
        maven.put("artifactId", config.project().artifactId());
        maven.put("version", config.project().version());
        ObjectNode bake = m.putObject("bake");
        bake.put("buildId", result.buildId());
        bake.put("reused", result.reused());
        bake.put("started", result.started().toString());
        bake.put("elapsedSeconds", seconds(result.elapsed().toMillis()));
        bake.put("armRequests", armRequests);
        if (result.startLayer() != null) {
            bake.putObject("startedFromLayer").put("name", result.startLayer().name())
                    .put("versionId", result.startLayer().versionId());
        }
        ArrayNode steps = bake.putArray("steps");
        result.stepTimes().forEach((name, d) -> steps.addObject().put("name", name).put("seconds",
                seconds(d.toMillis())));
        return m;
    }

    /** The image version as Azure has it: identity, publishing, fingerprint and tags. */
    public static ObjectNode version(VersionInfo v) {
        ObjectNode version = MAPPER.createObjectNode();
        version.put("id", v.id().value());
        version.put("name", v.name());
        version.put("location", v.location());
        version.put("excludeFromLatest", v.excludeFromLatest());
        ArrayNode regions = version.putArray("targetRegions");
        for (TargetRegion r : v.regions()) {
            regions.addObject().put("name", r.name()).put("replicas", r.replicas())
                    .put("storageAccountType", r.storageAccountType());
        }
        if (v.endOfLifeDate() != null) {
            version.put("endOfLifeDate", v.endOfLifeDate().toString());
        }
        version.put("fingerprint", v.tags().getOrDefault(Fingerprint.TAG, ""));
        ObjectNode tags = version.putObject("tags");
        new TreeMap<>(v.tags()).forEach(tags::put);
        return version;
    }

    private static double seconds(long millis) {
        return Math.round(millis / 100.0) / 10.0;
    }

    public static void write(JsonNode manifest, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, MAPPER.writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
    }

    public static ObjectNode read(Path file) throws IOException {
        JsonNode node = MAPPER.readTree(file.toFile());
        if (!(node instanceof ObjectNode obj) || !obj.path("imageVersion").has("id")) {
            throw new IOException(file + " is not an azure-image manifest (no imageVersion.id)");
        }
        return obj;
    }
}
