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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html of a seven-policy comparison over five seeds in headless Chromium: the
 * browser's DOM holds the differences table, the findings and every comparison chart with its lines
 * and interval bands, and screenshots show them drawn. Needs Chromium ({@code apt-get install -y
 * chromium}); fails without it unless {@code -Dcamfleet.browser.optional=true}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportHtmlBrowserIT {
  private static final Path TARGET = Path.of("target");
  private static final Path REPORT = TARGET.resolve("browser-it");
  private static final long BROWSER_SECONDS = 120;
  private static final List<Long> SEEDS = List.of(11L, 12L, 13L, 14L, 15L);

  private Path chromium;

  @TempDir Path temp;

  @BeforeAll
  static void writeReport() throws IOException {
    ReportWriter.write(SeededPolicies.comparison(SEEDS, Optional.empty()), REPORT);
  }

  // per test, not per class: a skip (camfleet.browser.optional) then shows on every test
  @BeforeEach
  void findChromium() {
    chromium = chromiumOrSkip();
  }

  @Test
  void domHoldsTheDifferencesTableTheFindingsAndTheComparisonCharts()
      throws IOException, InterruptedException {
    String dom = dom();

    // the differences table: the baseline's column, then one per other policy
    Matcher head =
        Pattern.compile(
                "<table class=\"differences\">\\s*<thead><tr>(.*?)</tr></thead>", Pattern.DOTALL)
            .matcher(dom);
    assertTrue(head.find(), "a differences table");
    List<String> columns =
        Pattern.compile("<th[^>]*>([^<]*)</th>")
            .matcher(head.group(1))
            .results()
            .map(m -> m.group(1))
            .toList();
    assertEquals(
        List.of(
            "measure",
            "unit",
            "status-quo-2019 (baseline)",
            "eu-30-days",
            "copies-inherit-expiry",
            "markey-caps-2019",
            "no-forwarding",
            "police-copies-180-days (no effect)",
            "rfa-2021"),
        columns);
    Matcher past =
        Pattern.compile(
                "<tr data-difference=\"footageAlivePastRetention\">(.*?)</tr>", Pattern.DOTALL)
            .matcher(dom);
    assertTrue(past.find(), "a row for clips alive past retention");
    assertTrue(
        past.group(1)
            .contains(
                "<td class=\"up\" data-policy=\"eu-30-days\"><span class=\"rel\">+51%</span>"),
        past.group(1));

    // the findings, as sentences
    List<String> findings =
        Pattern.compile("<li class=\"(?:finding|no-effect|identical)\"[^>]*>([^<]*)</li>")
            .matcher(dom)
            .results()
            .map(m -> m.group(1).replace("&amp;", "&"))
            .toList();
    assertTrue(
        findings.stream()
            .anyMatch(
                f ->
                    f.matches(
                        "eu-30-days: clips alive past retention \\+51% \\(95% CI \\+\\d+% to \\+\\d+%\\)")),
        findings.toString());
    assertTrue(
        findings.contains(
            "police-copies-180-days: no effect on this world; it gave the same figures as"
                + " status-quo-2019 on every measure in every seed: its shortest copy lifetime, 180"
                + " days, is longer than any copy lives in this world of 120 days."),
        findings.toString());
    assertTrue(
        findings.stream()
            .anyMatch(f -> f.startsWith("markey-caps-2019 and rfa-2021 gave the same figures")),
        findings.toString());

    // one comparison chart per key measure: every policy's line over every day, and its band
    List<HtmlCharts.Chart> charts = HtmlCharts.in(dom);
    assertEquals(
        HtmlReport.CHARTS.stream().map(ReportKey::name).toList(),
        charts.stream().map(HtmlCharts.Chart::kind).toList());
    for (HtmlCharts.Chart chart : charts) {
      List<String> drawn = new ArrayList<>(SevenPolicies.NAMES);
      Collections.reverse(drawn); // the baseline's line last, on top
      assertEquals(drawn, chart.lines().stream().map(HtmlCharts.Line::series).toList());
      assertEquals(
          SevenPolicies.NAMES, chart.bands().stream().map(HtmlCharts.Line::series).toList());
      for (HtmlCharts.Line line : chart.lines()) {
        assertEquals(SeededPolicies.DAYS, line.points().size(), chart.kind() + "/" + line.series());
        assertTrue(
            line.points().stream().allMatch(point -> point.matches("\\d+\\.\\d,\\d+\\.\\d")),
            chart.kind() + "/" + line.series() + " has a point that is not x,y");
      }
    }
    assertTrue(
        dom.contains("Content-Security-Policy"), "the browser kept the page's no-network policy");
  }

  @Test
  void everyComparisonChartMarksTheStageOfAStagedPolicy() throws IOException, InterruptedException {
    String dom = dom();

    Matcher chart =
        Pattern.compile(
                "<svg class=\"chart\" data-chart=\"([^\"]*)\"[^>]*>(.*?)</svg>", Pattern.DOTALL)
            .matcher(dom);
    List<String> marked = new ArrayList<>();
    while (chart.find()) {
      Matcher stage =
          Pattern.compile(
                  "<g class=\"stage\" data-stage=\"2019-03-01\" data-from=\"2019-03-01\""
                      + " data-policies=\"rfa-2021\">.*?<line x1=\"([0-9.]+)\".*?stroke=\"#56B4E9\".*?"
                      + "<text[^>]*>2019-03-01</text></g>")
              .matcher(chart.group(2));
      if (stage.find()) {
        // 2019-02-28 closes 58 days after 2019-01-01: x = 64 + 58 * 536 / 119
        assertEquals("325.2", stage.group(1), chart.group(1));
        marked.add(chart.group(1));
      }
    }
    assertEquals(HtmlReport.CHARTS.stream().map(ReportKey::name).toList(), marked);
  }

  private String dom() throws IOException, InterruptedException {
    return browser("--dump-dom", REPORT.resolve("report.html").toAbsolutePath().toUri().toString());
  }

  @Test
  void screenshotShowsThePageAtDesktopSize() throws IOException, InterruptedException {
    Path png = TARGET.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);

    browser(
        "--screenshot=" + png,
        "--window-size=1400,2400",
        "--hide-scrollbars",
        REPORT.resolve("report.html").toAbsolutePath().toUri().toString());

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(List.of(1400, 2400), List.of(image.getWidth(), image.getHeight()));
  }

  @Test
  void screenshotShowsEveryLineColourDrawnInTheCharts() throws IOException, InterruptedException {
    Path png = TARGET.resolve("report-full.png").toAbsolutePath();
    Files.deleteIfExists(png);

    browser(
        "--screenshot=" + png,
        "--window-size=1400,7000",
        "--hide-scrollbars",
        REPORT.resolve("report.html").toAbsolutePath().toUri().toString());

    // each colour also marks its legend entries (9 charts x 18 x 3 pixels); far more than that
    // means the lines themselves were drawn. The lines of police-copies-180-days and rfa-2021 are
    // hidden under the identical ones of the baseline and markey-caps-2019, drawn after them.
    Map<String, Integer> pixels =
        countColours(
            ImageIO.read(png.toFile()),
            List.of("#000000", "#0072B2", "#D55E00", "#009E73", "#E69F00"));
    Map<String, Integer> tooFew = new TreeMap<>();
    pixels.forEach(
        (colour, count) -> {
          if (count < 800) {
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
