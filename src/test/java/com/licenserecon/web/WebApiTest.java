package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.schedule.JobStarter;
import com.licenserecon.support.PostgresJobTest;
import com.licenserecon.support.SampleData;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The REST API in the servlet web application, on the real PostgreSQL (a schema of its own, emptied before
 * each test), through MockMvc with the whole security filter chain. Quartz stays stopped; the job starter
 * is a mock, so that "start now" starts nothing in the background while a test runs. Every test class of
 * the API extends this one and shares its Spring context.
 *
 * <p>The users are made here, with passwords drawn at random for this JVM and hashed at bcrypt's lowest
 * cost: no user and no password is in the repository. {@code ops} has a {@code {bcrypt}} hash, {@code finance}
 * a bare {@code $2a$} one.
 */
@AutoConfigureMockMvc
@TestPropertySource(properties = {
        "spring.main.web-application-type=servlet",
        "spring.quartz.auto-startup=false",
        "management.endpoints.web.exposure.include=health,prometheus",
        "management.endpoint.health.show-details=when-authorized",
        "management.endpoint.health.roles=ADMIN",
        "spring.mvc.problemdetails.enabled=true"})
abstract class WebApiTest extends PostgresJobTest {

    static final Instant T = Instant.parse(SampleData.AS_OF);

    static final String OPS = "ops.test";
    static final String FINANCE = "finance.test";
    static final String ADMIN = "admin.test";

    private static final Map<String, String> PASSWORDS = Map.of(
            OPS, UUID.randomUUID().toString(),
            FINANCE, UUID.randomUUID().toString(),
            ADMIN, UUID.randomUUID().toString());

    /** Where the service writes and serves reports: a folder of this test JVM. */
    static final Path REPORT_DIR = tempDir();

    @DynamicPropertySource
    static void apiUsers(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("license-recon.sync.report-dir", REPORT_DIR::toString);
        user(registry, 0, OPS, "{bcrypt}" + bcrypt.encode(PASSWORDS.get(OPS)), "OPS");
        user(registry, 1, FINANCE, bcrypt.encode(PASSWORDS.get(FINANCE)), "FINANCE");
        user(registry, 2, ADMIN, "{bcrypt}" + bcrypt.encode(PASSWORDS.get(ADMIN)), "ADMIN");
    }

    private static void user(DynamicPropertyRegistry registry, int i, String name, String hash, String role) {
        String prefix = "license-recon.security.users[" + i + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "password-hash", () -> hash);
        registry.add(prefix + "roles[0]", () -> role);
    }

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    JobStarter jobStarter;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @Autowired
    SyncLauncher syncLauncher;

    /** HTTP Basic as one of the test users. */
    static RequestPostProcessor as(String user) {
        return httpBasic(user, PASSWORDS.get(user));
    }

    /**
     * The request is refused without credentials (401), with a wrong password (401), and for a user whose
     * role does not allow it (403), each time as a problem detail; 401 challenges for HTTP Basic.
     *
     * @param request    a new request each call (a request builder is used once)
     * @param wrongRoles users that may not make this request
     */
    void assertRefused(Supplier<MockMvcRequestBuilder> request, String... wrongRoles) {
        MvcTestResult anonymous = request.get().exchange();
        assertProblem(anonymous, 401);
        assertThat(anonymous).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"license-recon\", charset=\"UTF-8\"");

        MvcTestResult wrongPassword = request.get().with(httpBasic(ADMIN, "not-the-password")).exchange();
        assertProblem(wrongPassword, 401);
        assertThat(wrongPassword).bodyJson().extractingPath("$.detail").isEqualTo("The user name or password is wrong.");

        for (String user : wrongRoles) {
            assertProblem(request.get().with(as(user)).exchange(), 403);
        }
    }

    static void assertProblem(MvcTestResult result, int status) {
        assertThat(result).hasStatus(status);
        assertThat(result).contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
        assertThat(result).bodyJson().extractingPath("$.title").isNotNull();
    }

    static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T json(MvcTestResult result, String path) {
        return JsonPath.read(body(result), path);
    }

    /** import-ct and sync of the sample night at T: the latest provider snapshot. */
    JobExecution givenTheSampleNight() throws Exception {
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);
        JobExecution sync = syncLauncher.launch(
                new SyncJobParameters(T, 0, SampleData.PROVIDER_LICENSES, REPORT_DIR), false);
        assertThat(sync.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return sync;
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("license-recon-web-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
