package com.licenserecon.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.PostgresJobTest;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The web application keeps its observations: SecurityApiTest reads Spring Batch's timers from /actuator/prometheus. */
class CommandObservationsTest extends PostgresJobTest {

    @Autowired
    ObservationRegistry observations;

    @Test
    void givenACommandsApplicationWithNoWebServer_thenItsJobsRecordNoObservations() {
        assertThat(observations.isNoop()).isTrue();
    }
}
