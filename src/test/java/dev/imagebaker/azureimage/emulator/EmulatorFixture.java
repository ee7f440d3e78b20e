package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceDelayProvider;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.imagebaker.azureimage.azure.ArmConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts an instant (time scale 0) emulator and the real SDK pointed at it, with a short SDK poll delay. */
abstract class EmulatorFixture {
    static final String SUB = ArmEmulator.DEFAULT_SUBSCRIPTION;
    final List<String> requests = new CopyOnWriteArrayList<>();
    ArmEmulator emulator;
    ArmConnection.Connected connection;
    ComputeManager azure;

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = ArmEmulator.builder().timeScale(0).requestLog(requests::add).start();
        connection = ArmConnection.emulator(emulator.endpoint(), emulator.certificatePem(), ArmEmulator.TENANT, SUB,
                List.of());
        azure = connection.compute();
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(5));
    }

    @AfterEach
    void stopEmulator() {
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(new ResourceDelayProvider());
        connection.close();
        emulator.close();
    }

    /** Asserts that the call fails with Azure's error code. */
    static void assertArmError(ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(ManagementException.class)
                .satisfies(e -> org.assertj.core.api.Assertions
                        .assertThat(((ManagementException) e).getValue().getCode()).isEqualTo(code));
    }
}
