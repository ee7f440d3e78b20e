package dev.imagebaker.azureimage.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagebaker.azureimage.config.PropertyNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints the custom Azure role that holds exactly the operations the plugin's goals perform, and writes it to
 * target/azure-image/role.json for {@code az role definition create --role-definition}. Scoped to the configured
 * subscription. No Azure access needed.
 */
@Mojo(name = "role", requiresProject = false, threadSafe = true)
public class RoleMojo extends ImageMojo {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    @Override
    String goal() {
        return "role";
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        String subscription = rawConfiguration().value(PropertyNames.SUBSCRIPTION_ID).map(String::trim).orElse(null);
        if (subscription != null && !GUID.matcher(subscription).matches()) {
            throw new MojoFailureException("<subscriptionId> (-D" + PropertyNames.SUBSCRIPTION_ID + "): '"
                    + subscription + "' is not a subscription id (a GUID). Fix: use e.g."
                    + " 8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b (az account show --query id).");
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode role;
        try (InputStream in = RoleMojo.class.getResourceAsStream("/dev/imagebaker/azureimage/role.json")) {
            role = (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new MojoExecutionException("The plugin's role definition cannot be read: " + e.getMessage(), e);
        }
        if (subscription != null) {
            role.putArray("AssignableScopes").add("/subscriptions/" + subscription.toLowerCase());
        } else {
            getLog().warn("No <subscriptionId> (-D" + PropertyNames.SUBSCRIPTION_ID + "): AssignableScopes keeps the"
                    + " placeholder /subscriptions/{subscriptionId}; replace it before creating the role.");
        }
        Path file = outputDirectory().resolve("role.json");
        String text;
        try {
            text = json.writeValueAsString(role).replace("\r", "");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        getLog().info("Custom role with the " + role.path("Actions").size() + " actions the goals perform:\n" + text);
        getLog().info("Written to " + file + ". Create it with: az role definition create --role-definition " + file
                + "; assign it on the subscription, or (with <buildResourceGroup>) on the build and gallery groups.");
    }
}
