package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the page tests, driven through its chromedriver (named explicitly, so Selenium never
 * looks for one on the network), in the time zone {@link #ZONE} so the page's "your zone" is not UTC by accident.
 * Skipped when Chromium is not installed, unless SMTPTRAIL_REQUIRE_CHROMIUM=1 (CI), which turns its absence into a
 * failure.
 */
final class PageBrowser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** The browser's zone: an hour from UTC in November, so a time shown in UTC by mistake is seen. */
  static final String ZONE = "Europe/Paris";

  private PageBrowser() {}

  static void requireChromium() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String message = "Chromium is not installed (apt-get install -y chromium chromium-driver); the page test needs it";
    if ("1".equals(System.getenv("SMTPTRAIL_REQUIRE_CHROMIUM"))) {
      fail(message + ", and SMTPTRAIL_REQUIRE_CHROMIUM=1 requires it");
    }
    Assumptions.abort(message + " (set SMTPTRAIL_REQUIRE_CHROMIUM=1 to fail instead of skipping)");
  }

  /** A browser with its own profile under {@code home} and downloads into {@code downloads}. */
  static ChromeDriver start(Path home, Path downloads, int width, int height) throws IOException {
    ChromeDriverService driver = new ChromeDriverService.Builder().withEnvironment(Map.of("TZ", ZONE))
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--hide-scrollbars",
        "--user-data-dir=" + home.resolve("profile"));
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    return new ChromeDriver(driver, options);
  }
}
