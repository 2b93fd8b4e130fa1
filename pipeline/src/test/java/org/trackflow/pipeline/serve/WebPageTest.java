package org.trackflow.pipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The served page in a real headless Chromium (Debian's chromium and chromedriver, through Selenium): search a
 * track, its instant mix (listed and lit on the map), a path between two tracks, and the path saved as an
 * M3U8 whose entries resolve. Skipped without chromium and chromedriver unless TRACKFLOW_REQUIRE_CHROMIUM is
 * set (CI installs both).
 */
class WebPageTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    static AnalysedLibrary lib;
    static TrackflowServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER));
        if (System.getenv("TRACKFLOW_REQUIRE_CHROMIUM") != null) {
            assertThat(present).as("chromium and chromedriver (TRACKFLOW_REQUIRE_CHROMIUM is set)").isTrue();
        }
        assumeTrue(present, "chromium and chromedriver are not installed (CI installs Debian's packages)");
        lib = AnalysedLibrary.get();
        server = TrackflowServer.start(lib.output(), new TrackflowServer.Settings("127.0.0.1", 0, null, null, false, 500));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static List<WebElement> items(String list) {
        return browser.findElements(By.cssSelector("#" + list + " > li"));
    }

    @Test
    void searchMixPathAndSave() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(d -> items("results").size() == lib.paths.size());
        assertThat(browser.findElement(By.id("status")).getText()).contains(lib.paths.size() + " tracks");
        waiting().until(d -> d.findElements(By.cssSelector("#map circle")).size() == lib.paths.size());

        browser.findElement(By.id("q")).sendKeys("song 21");
        waiting().until(d -> d.findElement(By.id("found")).getText().equals(AnalysedLibrary.PER_ALBUM + " tracks"));
        WebElement first = items("results").get(0);
        String seedPath = first.getAttribute("title");
        assertThat(seedPath).startsWith("Artist C/Album 2/");

        first.findElement(By.cssSelector("button.mix")).click();
        waiting().until(d -> items("result").size() == lib.paths.size());
        assertThat(items("result").get(0).getAttribute("title")).isEqualTo(seedPath);
        assertThat(items("result").get(0).getAttribute("class")).contains("seed");
        assertThat(browser.findElements(By.cssSelector("#map circle.hit"))).hasSize(lib.paths.size());

        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("song 00");
        waiting().until(d -> d.findElement(By.id("found")).getText().equals(AnalysedLibrary.PER_ALBUM + " tracks")
                && items("results").get(0).getAttribute("title").startsWith("Artist A/"));
        String from = items("results").get(0).getAttribute("title");
        String to = items("results").get(AnalysedLibrary.PER_ALBUM - 1).getAttribute("title");
        assertThat(from).startsWith("Artist A/Album 1/01 ");
        items("results").get(0).findElement(By.cssSelector("button.from")).click();
        items("results").get(AnalysedLibrary.PER_ALBUM - 1).findElement(By.cssSelector("button.to")).click();
        waiting().until(d -> d.findElement(By.id("result-title")).getText().startsWith("From"));
        List<WebElement> path = items("result");
        assertThat(path.get(0).getAttribute("title")).isEqualTo(from);
        assertThat(path.get(path.size() - 1).getAttribute("title")).isEqualTo(to);

        WebElement name = browser.findElement(By.id("save-name"));
        name.clear();
        name.sendKeys("From the page");
        browser.findElement(By.id("save")).click();
        waiting().until(d -> !d.findElement(By.id("saved")).getText().isEmpty());
        Path file = lib.out.resolve(browser.findElement(By.id("saved")).getAttribute("data-file"));
        assertThat(file).isRegularFile().hasFileName("From the page.m3u8");
        List<String> entries = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(entries).hasSize(path.size()).allSatisfy(e -> assertThat(file.getParent().resolve(e).normalize()).isRegularFile());
    }
}
