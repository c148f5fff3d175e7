package io.camfleet.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The Chrome DevTools protocol over a WebSocket, enough to read a live page and photograph it. */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private DevTools(String webSocketUrl) {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(webSocketUrl), new Listener())
            .join();
  }

  /** Attaches to the first page of the browser whose debugging endpoint listens on {@code port}. */
  static DevTools attachToPage(int port) throws IOException, InterruptedException {
    HttpResponse<String> list =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : JSON.readTree(list.body())) {
      if ("page".equals(target.path("type").asText())) {
        return new DevTools(target.get("webSocketDebuggerUrl").asText());
      }
    }
    throw new IllegalStateException("Chromium shows no page: " + list.body());
  }

  /** The value of a JavaScript expression evaluated in the page, as text. */
  String evaluate(String expression) throws Exception {
    ObjectNode params =
        JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
    JsonNode result = call("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("the page threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value").asText();
  }

  /**
   * Waits in the page, without polling, until the JavaScript {@code condition} holds (checked now
   * and after each change to the document), then returns the text of {@code value}; returns {@code
   * "timed out: " + value} if {@code timeout} passes first. The page may still be loading: a wait
   * cut short by the navigation starts again in the new document.
   */
  String waitFor(String condition, String value, Duration timeout) throws Exception {
    String expression =
        "new Promise(resolve => {"
            + " const holds = () => { try { return "
            + condition
            + "; } catch (e) { return false; } };"
            + " const text = () => { try { return String("
            + value
            + "); } catch (e) { return String(e); } };"
            + " const check = () => { if (holds()) { done(text()); } };"
            + " const observer = new MutationObserver(check);"
            + " const timer = setTimeout(() => done('timed out: ' + text()), "
            + timeout.toMillis()
            + ");"
            + " function done(result) { observer.disconnect(); clearTimeout(timer); resolve(result); }"
            + " observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});"
            + " check();"
            + " })";
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ObjectNode params =
          JSON.createObjectNode()
              .put("expression", expression)
              .put("returnByValue", true)
              .put("awaitPromise", true);
      JsonNode result;
      try {
        result = call("Runtime.evaluate", params, timeout.plusSeconds(10));
      } catch (IllegalStateException e) {
        boolean navigated =
            e.getMessage().contains("context was destroyed")
                || e.getMessage().contains("navigated");
        if (navigated && System.nanoTime() < deadline) {
          continue;
        }
        throw e;
      }
      if (result.has("exceptionDetails")) {
        throw new IllegalStateException("the page threw: " + result.get("exceptionDetails"));
      }
      return result.path("result").path("value").asText();
    }
  }

  /** A PNG of the whole page, at most {@code maxHeight} pixels tall. */
  byte[] screenshot(int width, int maxHeight) throws Exception {
    int height =
        Math.min(
            maxHeight,
            (int) Double.parseDouble(evaluate("String(document.documentElement.scrollHeight)")));
    call(
        "Emulation.setDeviceMetricsOverride",
        JSON.createObjectNode()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
    // let the charts redraw at the new size before the picture is taken
    evaluate("new Promise(r => setTimeout(r, 500)).then(() => 'ok')");
    Thread.sleep(600);
    JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    return java.util.Base64.getDecoder().decode(shot.get("data").asText());
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    return call(method, params, Duration.ofSeconds(30));
  }

  private JsonNode call(String method, ObjectNode params, Duration timeout) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(message.toString(), true).join();
    JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + " failed: " + answer.get("error"));
    }
    return answer.path("result");
  }

  @Override
  public void close() {
    socket
        .sendClose(WebSocket.NORMAL_CLOSURE, "done")
        .orTimeout(5, TimeUnit.SECONDS)
        .exceptionally(e -> null)
        .join();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          CompletableFuture<JsonNode> reply =
              message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (reply != null) {
            reply.complete(message);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
