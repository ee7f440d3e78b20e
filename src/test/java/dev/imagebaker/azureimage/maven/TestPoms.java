package dev.imagebaker.azureimage.maven;

/**
 * Poms for @MojoTest tests, as compile-time constants (annotations take only those): a valid bake configuration,
 * to which a test may add elements between BAKE and END.
 */
final class TestPoms {
    static final String BAKE = "<project><build><plugins><plugin>"
            + "<artifactId>azure-image-maven-plugin</artifactId><configuration>"
            + "<subscriptionId>8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b</subscriptionId>"
            + "<location>westeurope</location>"
            + "<source>Canonical:ubuntu-24_04-lts:server:latest</source>"
            + "<gallery><resourceGroup>images-rg</resourceGroup><name>corp_images</name>"
            + "<imageDefinition>orders-service</imageDefinition><publisher>contoso</publisher><offer>orders</offer>"
            + "<sku>ubuntu2404</sku></gallery>";
    static final String END = "</configuration></plugin></plugins></build></project>";

    private TestPoms() {
    }
}
