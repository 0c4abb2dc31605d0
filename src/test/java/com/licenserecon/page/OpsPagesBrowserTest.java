package com.licenserecon.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;

import com.licenserecon.LicenseReconApplication;
import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.schedule.JobStarter;
import com.licenserecon.seatchange.ChangeKind;
import com.licenserecon.seatchange.NewSeatChange;
import com.licenserecon.seatchange.SeatChangeIntake;
import com.licenserecon.support.PostgresTestDatabase;
import com.licenserecon.support.SampleData;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The ops pages end to end: the service ({@code serve} profile) on a random port and the real PostgreSQL, the
 * sample night synced as of {@link SampleData#AS_OF} (the clock stands there, so the next seat-change run is
 * 02:15 UTC), plus a customer with 500 licenses, and a real headless Chromium clicking through the pages as ops,
 * finance and admin would. The sample night is loaded once; each test works on licenses of its own.
 */
@SpringBootTest(classes = {LicenseReconApplication.class, OpsPagesBrowserTest.FixedClockAndCountedStatements.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(LicenseReconApplication.SERVE)
@TestPropertySource(properties = "spring.quartz.auto-startup=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsPagesBrowserTest {

    static final Instant T = Instant.parse(SampleData.AS_OF);

    static final String OPS = "ops.test";
    static final String FINANCE = "finance.test";
    static final String ADMIN = "admin.test";
    private static final Map<String, String> PASSWORDS = Map.of(OPS, UUID.randomUUID().toString(),
            FINANCE, UUID.randomUUID().toString(), ADMIN, UUID.randomUUID().toString());

    /** Customer 0000015: NCE subscriptions, nothing refundable at T. */
    static final String TENANT = "1ef6c403-4fd3-4f82-a5ea-2a22016c84e1";
    /** NCE, 60 seats, auto-renew, term ends 2026-12-01: a Less waits for the window opening 2026-12-02. */
    static final String WAITING = "a937cb4d-7ec8-4eaa-bcae-7b91958c1623";
    /** NCE, 222 seats: an Additional applies at the next run. */
    static final String GROWING = "c5630494-406f-49f6-a402-ca31644d686a";
    /** LEGACY, 258 seats, 199 assigned (tenant 8c5d9580). */
    static final String LEGACY_TENANT = "8c5d9580-8eda-4d68-ac2b-bb14320169c0";
    static final String LEGACY = "cacf397c-5082-42b2-be24-1df35b2274f5";

    /** A customer with 500 licenses, added to the sample night. */
    static final UUID BIG = UUID.fromString("5e1f0000-0000-4000-8000-000000000500");
    static final int BIG_LICENSES = 500;

    static final Path WORK = temp("license-recon-pages-");
    static final Path REPORT_DIR = WORK.resolve("reports");

    /** JDBC statements prepared or created through the application's DataSource. */
    static final AtomicLong STATEMENTS = new AtomicLong();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
        registry.add("license-recon.sync.report-dir", REPORT_DIR::toString);
        registry.add("license-recon.schedule.inbox", () -> WORK.resolve("inbox").toString());
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String[][] users = {{OPS, "OPS"}, {FINANCE, "FINANCE"}, {ADMIN, "ADMIN"}};
        for (int i = 0; i < users.length; i++) {
            String prefix = "license-recon.security.users[" + i + "].";
            String name = users[i][0];
            String role = users[i][1];
            registry.add(prefix + "name", () -> name);
            registry.add(prefix + "password-hash", () -> "{bcrypt}" + bcrypt.encode(PASSWORDS.get(name)));
            registry.add(prefix + "roles[0]", () -> role);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClockAndCountedStatements {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(T, ZoneOffset.UTC);
        }

        /** Counts statements, to show that a page's queries do not grow with the number of licenses. */
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? counting(dataSource) : bean;
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @Autowired
    SyncLauncher syncLauncher;

    @Autowired
    SeatChangeIntake intake;

    @Autowired
    JdbcClient jdbc;

    @MockitoBean
    JobStarter jobStarter;

    Browser browser;

    @BeforeAll
    void theSampleNightWithABigCustomerAndABrowser() throws Exception {
        Path ct = WORK.resolve("ct-licenses.csv");
        Path provider = WORK.resolve("provider-licenses.csv");
        withBigCustomer(ct, provider);
        ctLicenseImporter.importFile(ct);
        assertThat(syncLauncher.launch(new SyncJobParameters(T, 0, provider, REPORT_DIR), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        browser = Browser.start("http://localhost:" + port);
    }

    @AfterAll
    void closeTheBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.open("/login");
        browser.driver.manage().deleteAllCookies();
    }

    // --- ops: find a customer, preview, save

    @Test
    void opsFindsACustomerAndQueuesALessThatWaitsForTheWindowSeeingWhenBeforeSaving() {
        browser.logIn(OPS, PASSWORDS.get(OPS));
        browser.screenshot("01-customers-search");
        browser.find(By.id("q")).sendKeys("0000015");
        browser.go(By.cssSelector("form.search button"));
        browser.screenshot("02-customers-found");
        browser.go(By.linkText("Customer 0000015 Ltd"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Customer 0000015 Ltd");
        browser.screenshot("03-customer-licenses");

        changeSeats(WAITING, "Less", "5");

        WebElement outcome = browser.find(By.id("outcome"));
        assertThat(outcome.getText()).contains("Waits for the window opening 2026-12-02 (open until 2026-12-09)");
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE subscription_id = '" + WAITING + "'")).isZero();
        browser.screenshot("04-customer-preview-less");

        browser.go(By.id("save"));

        assertThat(browser.textShowing("Saved.")).contains("is in the queue")
                .contains("In the queue for this license").contains("Less 5 by ops.test");
        assertThat(jdbc.sql("SELECT status || ' ' || change_kind || ' ' || amount || ' ' || requested_by"
                + " FROM seat_change_request WHERE subscription_id = '" + WAITING + "'").query(String.class).single())
                .isEqualTo("QUEUED LESS 5 ops.test");
        browser.screenshot("05-customer-saved");
    }

    @Test
    void anAdditionalIsPredictedToApplyAtTheNextRunAndIsQueued() {
        browser.logIn(OPS, PASSWORDS.get(OPS));
        browser.open("/ui/customers/" + TENANT);

        changeSeats(GROWING, "Additional", "3");

        assertThat(browser.find(By.id("outcome")).getText())
                .contains("Applied at the next run, 2026-11-26 02:15 UTC: 222 → 225 seats.");
        browser.go(By.id("save"));

        assertThat(browser.textShowing("Saved.")).contains("Additional 3 by ops.test");
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE subscription_id = '" + GROWING
                + "' AND change_kind = 'ADDITIONAL' AND status = 'QUEUED'")).isEqualTo(1);
    }

    @Test
    void aDecreaseBelowTheAssignedSeatsIsRefusedAndNotOfferedForSaving() {
        browser.logIn(OPS, PASSWORDS.get(OPS));
        browser.open("/ui/customers/" + LEGACY_TENANT);

        changeSeats(LEGACY, "Less", "100");

        assertThat(browser.find(By.id("outcome")).getText())
                .contains("Refused: would drop below 199 assigned seats.");
        assertThat(browser.driver.findElements(By.id("save"))).isEmpty();
    }

    @Test
    void aMissingAmountIsShownAtTheFieldAndPredictsNothing() {
        browser.logIn(OPS, PASSWORDS.get(OPS));
        browser.open("/ui/customers/" + TENANT);

        changeSeats(GROWING, "Less", "");

        WebElement amount = browser.find(By.id("amount"));
        assertThat(amount.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id("amount-error")).getText()).isEqualTo("Enter a whole number of seats, 1 or more.");
        assertThat(browser.driver.findElements(By.id("outcome"))).isEmpty();
    }

    // --- ops: the queue

    @Test
    void opsCancelsAQueuedRequestInTheQueue() {
        String tenant = "b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7";
        UUID subscription = UUID.fromString("c3e1b258-fd72-4452-8cea-71ff4a14876a");
        UUID id = intake.submit(new NewSeatChange(UUID.fromString(tenant), subscription, ChangeKind.LESS, 2, "ops.bob",
                null, null, "too many"), "ops.bob").queued().get(0).requestId();
        browser.logIn(OPS, PASSWORDS.get(OPS));
        browser.go(By.linkText("Queue"));
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("status"))).selectByValue("QUEUED");
        browser.find(By.id("customer")).sendKeys(tenant);
        browser.go(By.cssSelector("form.filters button"));
        browser.screenshot("06-queue");

        browser.go(By.cssSelector("#q-" + id + " button.danger"));

        assertThat(browser.textShowing("Cancelled: Less 2 on " + subscription)).isNotEmpty();
        assertThat(browser.driver.findElements(By.id("q-" + id))).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM seat_change_request WHERE request_id = ?").param(id)
                .query(String.class).single()).isEqualTo("CANCELLED");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("status"))).selectByValue("CANCELLED");
        browser.go(By.cssSelector("form.filters button"));
        browser.textShowing("cancelled by ops.test");
        assertThat(browser.find(By.id("q-" + id)).getText()).contains("CANCELLED").contains("cancelled by ops.test");
    }

    // --- finance: reports

    @Test
    void financeDownloadsTheNightsReconciliationReport() throws Exception {
        browser.logIn(FINANCE, PASSWORDS.get(FINANCE));
        browser.go(By.linkText("Reports"));
        assertThat(browser.find(By.id("summary-title")).getText())
                .isEqualTo("Latest summary: reconciliation-summary-2026-11-26.csv");
        assertThat(browser.find(By.cssSelector("table.summary")).getText()).contains("matched_pairs");
        browser.screenshot("07-reports");

        browser.find(By.linkText("reconciliation-2026-11-26.csv")).click();

        Path downloaded = browser.downloads.resolve("reconciliation-2026-11-26.csv");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> Files.isRegularFile(downloaded));
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(
                REPORT_DIR.resolve("reconciliation-2026-11-26.csv")));
    }

    // --- roles

    @Test
    void financeSeesNoSeatFormsNorTheQueueAndIsRefusedThemWhenItTries() {
        browser.logIn(FINANCE, PASSWORDS.get(FINANCE));
        assertThat(navigation()).containsExactly("Customers", "Reports");
        browser.open("/ui/customers/" + TENANT + "?open=" + WAITING + "&change=Less&amount=5");
        assertThat(browser.driver.findElements(By.linkText("Change seats"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("amount"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("outcome"))).isEmpty();

        browser.open("/ui/seat-changes");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        browser.screenshot("09-not-allowed");
        browser.open("/ui/jobs");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");

        // A Save forged in the page, with the session's valid CSRF token: refused, nothing queued.
        browser.open("/ui/customers/" + TENANT);
        ((JavascriptExecutor) browser.driver).executeScript("""
                const f = document.createElement('form'); f.method = 'post';
                f.action = '/ui/customers/%s/seat-changes';
                const token = document.querySelector('form.logout input[name=_csrf]');
                for (const [k, v] of [['subscriptionId', '%s'], ['change', 'Less'], ['amount', '7'], ['_csrf', token.value]]) {
                  const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i);
                }
                document.body.appendChild(f); f.submit();""".formatted(TENANT, GROWING));
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.tagName("h1")).getText().equals("Not allowed"));
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE amount = 7")).isZero();
    }

    @Test
    void opsSeesNeitherReportsNorJobsAndIsRefusedThem() {
        browser.logIn(OPS, PASSWORDS.get(OPS));
        assertThat(navigation()).containsExactly("Customers", "Queue");

        browser.open("/ui/reports");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        browser.open("/ui/reports/reconciliation-2026-11-26.csv");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        browser.open("/ui/jobs");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    }

    @Test
    void aPageAsksForALoginAndAWrongPasswordIsSaidSo() {
        browser.open("/ui/seat-changes");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        browser.screenshot("00-login");

        browser.logIn(OPS, "not-the-password");

        assertThat(browser.textShowing("The user name or password is wrong.")).isNotEmpty();
    }

    @Test
    void anAddressThatIsNotACustomerSaysSoInAPage() {
        browser.logIn(OPS, PASSWORDS.get(OPS));

        browser.open("/ui/customers/not-a-tenant-id");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Bad Request");
        browser.open("/ui/customers/" + UUID.randomUUID());
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not Found");
        assertThat(browser.text()).contains("Neither a CT license record nor the latest provider data knows the tenant");
    }

    // --- admin: jobs

    @Test
    void adminSeesTheNightsRunAndStartsASyncNow() {
        browser.logIn(ADMIN, PASSWORDS.get(ADMIN));
        assertThat(navigation()).containsExactly("Customers", "Queue", "Reports", "Jobs");
        browser.go(By.linkText("Jobs"));
        assertThat(browser.find(By.cssSelector("main table")).getText()).contains("2026-11-26T02:00:00Z")
                .contains("COMPLETED");

        browser.go(By.id("sync-now"));

        assertThat(browser.textShowing("Started sync")).isNotEmpty();
        verify(jobStarter).startNow(JobStarter.SYNC);
        browser.screenshot("08-jobs");
    }

    // --- a big customer

    /**
     * A customer with 500 licenses: the page lists them all in as many statements as a customer with 5 (no query
     * per license), and loads, with a preview, in under three seconds even on a busy CI machine (about one second here).
     */
    @Test
    void aCustomerWith500LicensesLoadsQuicklyInAsManyStatementsAsOneWith5() {
        browser.logIn(OPS, PASSWORDS.get(OPS));
        browser.open("/ui/customers/" + BIG); // warm: the first render compiles the template
        long small = statementsFor("/ui/customers/" + TENANT);
        long big = statementsFor("/ui/customers/" + BIG);

        long start = System.nanoTime();
        long withPreview = statementsFor("/ui/customers/" + BIG + "?open=" + bigSubscription(250)
                + "&change=Less&amount=1");
        long millis = (System.nanoTime() - start) / 1_000_000;

        int rows = browser.driver.findElements(By.cssSelector("table.licenses > tbody > tr:not(.expanded)")).size();
        System.out.printf("customer page: %d statements for 5 licenses, %d for 500; 500 with a preview: %d statements,"
                + " %d ms in the browser, %d KB of HTML%n", small, big, withPreview, millis,
                browser.driver.getPageSource().length() / 1024);
        assertThat(rows).isEqualTo(BIG_LICENSES);
        assertThat(browser.find(By.id("outcome")).getText()).isNotBlank();
        assertThat(big).isEqualTo(small);
        assertThat(withPreview).isLessThanOrEqualTo(big + 8);
        assertThat(millis).isLessThan(3_000);
        browser.screenshot("10-customer-500-licenses");
    }

    private long statementsFor(String path) {
        STATEMENTS.set(0);
        browser.open(path);
        return STATEMENTS.get();
    }

    // --- helpers

    /** Expands the license, fills Amount and Additional/Less, and presses Preview, by keyboard-reachable controls. */
    private void changeSeats(String subscription, String change, String amount) {
        browser.go(By.cssSelector("#s-" + subscription + " a[aria-expanded=false]"));
        WebElement field = browser.find(By.id("amount"));
        field.clear();
        field.sendKeys(amount);
        browser.find(By.id("change-" + change.toLowerCase())).click();
        browser.go(By.id("preview"));
    }

    private List<String> navigation() {
        return browser.driver.findElements(By.cssSelector("nav[aria-label=Main] a")).stream().map(WebElement::getText)
                .toList();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    static UUID bigSubscription(int i) {
        return UUID.nameUUIDFromBytes(("big-customer-subscription-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The sample files with a customer of 500 licenses added: NCE and legacy, some with a quantity difference. */
    private static void withBigCustomer(Path ct, Path provider) throws IOException {
        List<String> ctLines = new ArrayList<>(Files.readAllLines(SampleData.CT_LICENSES));
        List<String> providerLines = new ArrayList<>(Files.readAllLines(SampleData.PROVIDER_LICENSES));
        for (int i = 0; i < BIG_LICENSES; i++) {
            LocalDate termStart = LocalDate.parse("2026-01-01").plusDays(i % 330);
            LocalDate termEnd = termStart.plusYears(1).minusDays(1);
            int quantity = 10 + i % 50;
            boolean nce = i % 4 != 0;
            boolean autoRenew = i % 3 != 0;
            String sku = "SKU_" + (i % 20);
            providerLines.add(String.join(",", BIG.toString(), "Big Customer 500 Ltd", bigSubscription(i).toString(),
                    "", sku, "Product " + i, Integer.toString(quantity), Integer.toString(5 + i % 5), "active",
                    Boolean.toString(autoRenew), nce ? "NCE" : "LEGACY", "P1Y", "annual", termStart.toString(),
                    termEnd.toString(), ""));
            ctLines.add(String.join(",", "big-" + i, BIG.toString(), bigSubscription(i).toString(), sku,
                    "Product " + i, Integer.toString(i % 10 == 0 ? quantity + 1 : quantity),
                    termEnd.plusDays(1).toString(), "Active", autoRenew ? "Yes" : "No", "8.00", "USD"));
        }
        Files.write(ct, ctLines);
        Files.write(provider, providerLines);
    }

    private static DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(OpsPagesBrowserTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? countingConnection(connection) : result;
                });
    }

    private static Connection countingConnection(Connection target) {
        return (Connection) Proxy.newProxyInstance(OpsPagesBrowserTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                        STATEMENTS.incrementAndGet();
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
