package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An instant emulator over plain HTTP with a {@link Scenario} to build; tests read answers as raw JSON. */
abstract class ScenarioFixture {
    protected ArmEmulator emulator;
    protected ContractRunner http;
    protected Scenario scenario;

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = ArmEmulator.builder().https(false).timeScale(0).start();
        http = new ContractRunner(emulator);
        scenario = new Scenario(http);
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    JsonNode get(String path) throws Exception {
        return http.send("GET", path, null, 200);
    }

    /** The answer once its long-running PUT or PATCH has finished (the clock runs instantly). */
    JsonNode settled(String path) throws Exception {
        JsonNode body = get(path);
        for (int i = 0; i < 50 && !body.at("/properties/provisioningState").asText().equals("Succeeded"); i++) {
            Thread.sleep(20);
            body = get(path);
        }
        return body;
    }
}
