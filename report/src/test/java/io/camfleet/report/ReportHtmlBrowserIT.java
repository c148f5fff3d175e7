package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html of a seven-policy, one-year comparison in headless Chromium: the browser's DOM
 * holds every chart's lines, and screenshots show them drawn. Needs Chromium ({@code apt-get
 * install -y chromium}); fails without it unless {@code -Dcamfleet.browser.optional=true}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportHtmlBrowserIT {
  private static final Path TARGET = Path.of("target");
  private static final Path REPORT = TARGET.resolve("browser-it");
  private static final long BROWSER_SECONDS = 120;

  private Path chromium;

  @TempDir Path temp;

  @BeforeAll
  static void writeReport() throws IOException {
    ReportWriter.write(SevenPolicies.report(), REPORT);
  }

  // per test, not per class: a skip (camfleet.browser.optional) then shows on every test
  @BeforeEach
  void findChromium() {
    chromium = chromiumOrSkip();
  }

  @Test
  void domHoldsAFootageAndACopiesChartPerPolicyWithEveryDayDrawn()
      throws IOException, InterruptedException {
    String dom =
        browser("--dump-dom", REPORT.resolve("report.html").toAbsolutePath().toUri().toString());
    List<HtmlCharts.Chart> charts = HtmlCharts.in(dom);

    List<String> expected = new ArrayList<>();
    int days = SevenPolicies.DAYS;
    for (String policy : SevenPolicies.NAMES) {
      expected.add(
          policy
              + "/footage: clipsAlive="
              + days
              + ", clipsExpired="
              + days
              + ", clipsExemptByShare="
              + days);
      expected.add(
          policy
              + "/copies: copiesAlive.REQUESTING_POLICE="
              + days
              + ", copiesAlive.OTHER_AGENCY="
              + days
              + ", copiesAlive.FEDERAL_AGENCY="
              + days
              + ", copiesAlive.NEIGHBOURHOOD_FEED="
              + days
              + ", copiesAlive.PUBLIC="
              + days);
    }
    assertEquals(expected, HtmlCharts.shapes(charts));
    for (HtmlCharts.Chart chart : charts) {
      for (HtmlCharts.Line line : chart.lines()) {
        assertTrue(
            line.points().stream().allMatch(point -> point.matches("\\d+\\.\\d,\\d+\\.\\d")),
            chart.policy()
                + "/"
                + chart.kind()
                + "/"
                + line.series()
                + " has a point that is not x,y");
      }
    }
    assertTrue(
        dom.contains("Content-Security-Policy"), "the browser kept the page's no-network policy");
  }

  @Test
  void screenshotShowsThePageAtDesktopSize() throws IOException, InterruptedException {
    Path png = TARGET.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);

    browser(
        "--screenshot=" + png,
        "--window-size=1400,2000",
        "--hide-scrollbars",
        REPORT.resolve("report.html").toAbsolutePath().toUri().toString());

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(List.of(1400, 2000), List.of(image.getWidth(), image.getHeight()));
  }

  @Test
  void screenshotShowsEveryLineColourDrawnInTheCharts() throws IOException, InterruptedException {
    Path png = TARGET.resolve("report-full.png").toAbsolutePath();
    Files.deleteIfExists(png);

    browser(
        "--screenshot=" + png,
        "--window-size=1400,6400",
        "--hide-scrollbars",
        REPORT.resolve("report.html").toAbsolutePath().toUri().toString());

    // each colour also marks its legend entries (7 charts x 18 x 3 pixels); far more than that
    // means the lines themselves were drawn
    Map<String, Integer> pixels =
        countColours(
            ImageIO.read(png.toFile()),
            List.of("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7"));
    Map<String, Integer> tooFew = new TreeMap<>();
    pixels.forEach(
        (colour, count) -> {
          if (count < 3000) {
            tooFew.put(colour, count);
          }
        });
    assertEquals(Map.of(), tooFew, "colours with too few pixels; all counts: " + pixels);
  }

  private static Map<String, Integer> countColours(BufferedImage image, List<String> colours) {
    Map<Integer, String> byRgb = new TreeMap<>();
    colours.forEach(c -> byRgb.put(Integer.parseInt(c.substring(1), 16), c));
    Map<String, Integer> counts = new TreeMap<>();
    colours.forEach(c -> counts.put(c, 0));
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        String colour = byRgb.get(image.getRGB(x, y) & 0xFFFFFF);
        if (colour != null) {
          counts.merge(colour, 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  /**
   * Runs headless Chromium with a fresh profile and no background network, returns its standard
   * output.
   */
  private String browser(String... arguments) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(temp.resolve("profile"));
    Path stdout = temp.resolve("chromium.out");
    Path stderr = temp.resolve("chromium.err");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    Collections.addAll(command, arguments);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!process.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail(
          "Chromium did not finish within "
              + BROWSER_SECONDS
              + " s: "
              + command
              + "\n"
              + tail(stderr));
    }
    if (process.exitValue() != 0) {
      fail("Chromium exited with " + process.exitValue() + ": " + command + "\n" + tail(stderr));
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static Path chromiumOrSkip() {
    String configured = System.getProperty("camfleet.chromium");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    } else {
      candidates.add(Path.of("/usr/bin/chromium"));
      String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
      for (String folder : path.split(File.pathSeparator)) {
        if (!folder.isBlank()) {
          Stream.of("chromium", "chromium-browser", "google-chrome")
              .forEach(name -> candidates.add(Path.of(folder, name)));
        }
      }
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message =
        "Chromium is needed to check report.html in a browser but was not found (looked at "
            + (configured != null && !configured.isBlank()
                ? configured
                : "/usr/bin/chromium and PATH")
            + "). Install it with `apt-get install -y chromium`, point -Dcamfleet.chromium at it,"
            + " or run with -Dcamfleet.browser.optional=true to skip this test.";
    if (Boolean.getBoolean("camfleet.browser.optional")) {
      Assumptions.abort(message);
    }
    throw new IllegalStateException(message);
  }
}
