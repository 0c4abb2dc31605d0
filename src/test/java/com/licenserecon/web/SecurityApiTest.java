package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.licenserecon.web.ApiSecurityProperties.ApiUser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Who gets in: health for anyone, actuator for ADMIN, nothing else without a login; refusals are problems. */
class SecurityApiTest extends WebApiTest {

    @Test
    void healthIsReachableWithoutCredentials() {
        MvcTestResult health = mvc.get().uri("/actuator/health").exchange();

        assertThat(health).hasStatusOk();
        assertThat(health).bodyJson().extractingPath("$.status").isEqualTo("UP");
        // Details only for ADMIN: an anonymous caller learns nothing about the database.
        assertThat(health).bodyJson().doesNotHavePath("$.components");
        assertThat(mvc.get().uri("/actuator/health/liveness").exchange()).doesNotHaveFailed();
    }

    @Test
    void healthDetailsAreShownToAdmin() {
        MvcTestResult health = mvc.get().uri("/actuator/health").with(as(ADMIN)).exchange();

        assertThat(health).hasStatusOk();
        assertThat(health).bodyJson().extractingPath("$.components.db.status").isEqualTo("UP");
    }

    @Test
    void prometheusIsForAdminOnly() {
        assertRefused(() -> mvc.get().uri("/actuator/prometheus"), OPS, FINANCE);

        MvcTestResult metrics = mvc.get().uri("/actuator/prometheus").with(as(ADMIN)).exchange();
        assertThat(metrics).hasStatusOk();
        assertThat(metrics).bodyText().contains("# TYPE");
    }

    @Test
    void afterASyncPrometheusShowsSpringBatchMetricsAndTheCountsPerResultCode() throws Exception {
        double missingInCtBefore = missingInCtRows();

        givenTheSampleNight();

        MvcTestResult metrics = mvc.get().uri("/actuator/prometheus").with(as(ADMIN)).exchange();
        assertThat(metrics).hasStatusOk();
        assertThat(metrics).bodyText().contains("spring_batch_job").contains("spring_batch_step");
        // The context is shared by the web tests, so the counter may already hold earlier nights.
        assertThat(missingInCtRows() - missingInCtBefore).isEqualTo(9.0);
    }

    private double missingInCtRows() {
        String text = body(mvc.get().uri("/actuator/prometheus").with(as(ADMIN)).exchange());
        var counter = java.util.regex.Pattern
                .compile("license_recon_reconciliation_rows_total\\{code=\"MISSING_IN_CT\"[^}]*} ([0-9.E]+)")
                .matcher(text);
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0.0;
    }

    @Test
    void otherActuatorEndpointsAreForAdminOnly() {
        assertRefused(() -> mvc.get().uri("/actuator"), OPS, FINANCE);
        assertThat(mvc.get().uri("/actuator").with(as(ADMIN)).exchange()).hasStatusOk();
    }

    @Test
    void anUnknownPathNeedsALoginAndIsThenA404Problem() {
        assertProblem(mvc.get().uri("/api/nothing-here").exchange(), 401);
        assertProblem(mvc.get().uri("/").exchange(), 401);

        MvcTestResult unknown = mvc.get().uri("/api/nothing-here").with(as(OPS)).exchange();
        assertProblem(unknown, 404);
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPassword() {
        MvcTestResult unknown = mvc.get().uri("/api/seat-changes").with(httpBasic("mallory", "guess")).exchange();

        assertProblem(unknown, 401);
        assertThat(unknown).bodyJson().extractingPath("$.detail").isEqualTo("The user name or password is wrong.");
        assertThat(unknown).bodyJson().extractingPath("$.instance").isEqualTo("/api/seat-changes");
    }

    @Test
    void theApiKeepsNoSession() {
        MvcTestResult result = mvc.get().uri("/api/seat-changes").with(as(OPS)).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).doesNotContainHeader(HttpHeaders.SET_COOKIE);
        assertThat(result.getRequest().getSession(false)).isNull();
    }

    @Test
    void bothBcryptSpellingsLogIn() {
        // ops has a {bcrypt}-prefixed hash, finance a bare $2a$ one.
        assertThat(mvc.get().uri("/api/customers/" + java.util.UUID.randomUUID() + "/licenses").with(as(OPS))
                .exchange()).hasStatus(404);
        assertThat(mvc.get().uri("/api/customers/" + java.util.UUID.randomUUID() + "/licenses").with(as(FINANCE))
                .exchange()).hasStatus(404);
    }

    @Test
    void aUserWithoutABcryptHashStopsTheStartWithoutShowingTheHash() {
        ApiSecurityConfiguration configuration = new ApiSecurityConfiguration();
        ApiSecurityProperties plain = new ApiSecurityProperties(
                List.of(new ApiUser("carol", "{noop}hunter2", Set.of(ApiRole.OPS))));

        assertThatThrownBy(() -> configuration.apiUsers(plain))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("carol")
                .hasMessageContaining("hash-password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aUserWithoutRolesOrListedTwiceStopsTheStart() {
        ApiSecurityConfiguration configuration = new ApiSecurityConfiguration();
        String hash = new BCryptPasswordEncoder(4).encode("x");

        assertThatThrownBy(() -> configuration.apiUsers(new ApiSecurityProperties(
                List.of(new ApiUser("carol", hash, Set.of()))))).hasMessageContaining("no roles");
        assertThatThrownBy(() -> configuration.apiUsers(new ApiSecurityProperties(List.of(
                new ApiUser("carol", hash, Set.of(ApiRole.OPS)), new ApiUser("carol", hash, Set.of(ApiRole.ADMIN))))))
                .hasMessageContaining("listed twice");
    }

    @Test
    void aUsersHashNeverShowsInItsText() {
        String hash = new BCryptPasswordEncoder(4).encode("x");

        assertThat(new ApiUser("carol", hash, Set.of(ApiRole.OPS)).toString()).doesNotContain(hash).contains("carol");
    }
}
