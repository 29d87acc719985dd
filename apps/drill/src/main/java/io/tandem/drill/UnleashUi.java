package io.tandem.drill;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Unleash admin UI as an ops person uses it, in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, over WebDriver): log in, open a flag, flip one environment's switch. Elements are found by
 * what the UI gives people and screen readers (input names, {@code role=switch} labelled with the environment's
 * name), not by generated CSS classes, so a restyle of the UI does not break the scenario.
 */
final class UnleashUi implements AutoCloseable {
    /** Debian's paths; TANDEM_CHROMIUM / TANDEM_CHROMEDRIVER override them (another distribution). */
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Long enough for the single-page app's first load on a busy 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Selenium warns that it has no DevTools bindings for this Chromium: WebDriver itself needs none. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");
    private static final By ALERT = By.cssSelector("[role=alert]");
    /** Notes when the next click reaches the page, before the UI's own handlers run. */
    private static final String CLICK_CLOCK = "window.opsUiClickedAt = 0; document.addEventListener('click',"
            + " () => { window.opsUiClickedAt = Date.now(); }, {capture: true, once: true});";

    private final String base;
    private final Path evidenceDir;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private UnleashUi(String base, Path evidenceDir, ChromeDriver driver) {
        this.base = base.replaceAll("/+$", "");
        this.evidenceDir = evidenceDir;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** Starts chromedriver and a headless Chromium; the driver's log goes to {@code logDir/ops-ui-chromedriver.log}. */
    static UnleashUi start(String unleashUrl, Path logDir) {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("TANDEM_CHROMIUM", CHROMIUM));
        // no sandbox: CI runs as root; a desktop-sized window so the UI lays out as ops see it
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("TANDEM_CHROMEDRIVER", CHROMEDRIVER)))
                .withLogFile(logDir.resolve("ops-ui-chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return new UnleashUi(unleashUrl, logDir, driver);
    }

    /** The login form; then either the app leaves the login page, or the page shows why not (an alert). */
    void login(String user, String password) {
        driver.get(base + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.name("username"))).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.withMessage("the login page neither went on nor said why")
                .until(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(ALERT).isEmpty());
        if (driver.getCurrentUrl().contains("/login")) {
            throw new IllegalStateException("the Unleash UI refused the login of " + user + ": "
                    + driver.findElements(ALERT).stream().map(WebElement::getText).toList());
        }
    }

    /** Opens a flag's page and waits for its environment switches. */
    void openFlag(String project, String flag, String environment) {
        driver.get(base + "/projects/" + project + "/features/" + flag);
        wait.withMessage("no switch for environment " + environment + " on " + flag + "'s page")
                .until(ExpectedConditions.presenceOfElementLocated(switchOf(environment)));
    }

    boolean isOn(String environment) {
        return driver.findElement(switchOf(environment)).isSelected();
    }

    /**
     * Clicks the environment's switch (which must show the other state).
     *
     * @return when the page got the click (epoch ms, read in the page): WebDriver takes a few hundred ms to deliver
     *         one on a busy machine, and the time to measure from is the click, not the asking for it
     */
    long click(String environment, boolean on) {
        WebElement input = driver.findElement(switchOf(environment));
        if (input.isSelected() == on) {
            throw new IllegalStateException("the " + environment + " switch already shows " + (on ? "on" : "off"));
        }
        long asked = System.currentTimeMillis();
        driver.executeScript(CLICK_CLOCK);
        try {
            input.click();
        } catch (ElementNotInteractableException e) {
            // the checkbox is an invisible overlay of the drawn switch: a layout change may hide it; click the switch
            input.findElement(By.xpath("./ancestor::span[contains(@class,'MuiSwitch-root')]")).click();
        }
        Object at = driver.executeScript("return window.opsUiClickedAt;");
        return at instanceof Number n && n.longValue() > 0 ? n.longValue() : asked;
    }

    /** Waits until the environment's switch shows the state (the UI got Unleash's answer). */
    void awaitShown(String environment, boolean on) {
        wait.withMessage("the " + environment + " switch did not show " + (on ? "on" : "off"))
                .until(d -> d.findElement(switchOf(environment)).isSelected() == on);
    }

    /** A screenshot and the page's HTML, for a failure: {@code <dir>/ops-ui-<label>.png|.html}. */
    List<Path> saveEvidence(String label) {
        List<Path> saved = new ArrayList<>();
        try {
            Path png = evidenceDir.resolve("ops-ui-" + label + ".png");
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
            saved.add(png);
            Path html = evidenceDir.resolve("ops-ui-" + label + ".html");
            Files.writeString(html, "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
            saved.add(html);
        } catch (IOException | WebDriverException e) {
            System.out.println("  could not save the page: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return saved;
    }

    private static By switchOf(String environment) {
        return By.cssSelector("input[role=switch][aria-label='" + environment + "']");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
