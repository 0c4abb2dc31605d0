package com.licenserecon.page;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium, from Debian's {@code chromium} and {@code chromium-driver} packages.
 * Both paths are given explicitly so that Selenium Manager never looks for a browser or a driver on the network.
 * A missing browser fails the test with the command that installs it: a skipped browser test proves nothing.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    /** Screenshots go to docs/screenshots with -Dscreenshots.update=true, else under target (not committed). */
    static final Path SCREENSHOTS = Boolean.getBoolean("screenshots.update") ? Path.of("docs", "screenshots")
            : Path.of("target", "screenshots");

    final WebDriver driver;
    final Path downloads;
    private final Path profile;
    private final String base;

    private Browser(WebDriver driver, Path downloads, Path profile, String base) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
        this.base = base;
    }

    static Browser start(String baseUrl) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Chromium or its driver is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "). Install them with: "
                    + "apt-get install -y chromium chromium-driver  (./scripts/test.sh does this when they are missing)");
        }
        // No Selenium Manager: it would try to download a browser or a driver.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("license-recon-chromium-");
        Path downloads = Files.createTempDirectory("license-recon-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1440,1000", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, downloads, profile, baseUrl);
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    String text() {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("body")).getText());
    }

    /** The page's text once it shows {@code expected}: a click that submits a form returns before the next page. */
    String textShowing(String expected) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    String text = d.findElement(By.tagName("body")).getText();
                    return text.contains(expected) ? text : null;
                });
    }

    /** Clicks something that loads another page, and waits until that page has replaced this one. */
    void go(By by) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> gone(page));
    }

    /**
     * Whether the element's page has been replaced. Chromium reports a replaced node either as stale or, while
     * the new document loads, as "does not belong to the document": both mean the old page is gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.getTagName();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Logs in through the form, as a person would. */
    void logIn(String user, String password) {
        open("/login");
        find(By.id("username")).sendKeys(user);
        find(By.id("password")).sendKeys(password);
        go(By.cssSelector("main button[type=submit]"));
    }

    void logOut() {
        go(By.cssSelector("form.logout button"));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        org.springframework.util.FileSystemUtils.deleteRecursively(downloads);
    }
}
