package io.camfleet.sharing.custody;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camfleet.provenance.CustodyGraph;
import io.camfleet.provenance.ProvJson;
import io.camfleet.streams.metrics.MetricsHttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The custody API over HTTP, in JSON:
 *
 * <ul>
 *   <li>{@code GET /clips/{clipId}/custody[?policy=NAME][&asOf=INSTANT]}: every copy of the clip,
 *       live, expired or blocked, as trees, per policy;
 *   <li>{@code GET /clips/{clipId}/provenance[?policy=NAME][&asOf=INSTANT]}: the same copies as a
 *       W3C PROV-JSON document;
 *   <li>{@code GET /holders/{holderId}/copies[?policy=NAME][&asOf=INSTANT]}: the holder's copies,
 *       live or expired, per policy;
 *   <li>{@code GET /local/clips/{clipId}/copies} and {@code GET /local/holders/{holderId}/copies}:
 *       this instance's copies only, as a flat list, for the other instances;
 *   <li>{@code GET /metrics}, when started with a {@link MetricsHttpHandler}: the service's metrics
 *       in the Prometheus text format.
 * </ul>
 *
 * {@code asOf} (an ISO-8601 instant) answers with the custody as it stood then: the copies made or
 * blocked by then, each with its status then. An id no copy has gives 404; a malformed id or query
 * gives 400; copies that cannot be read now give 503.
 */
public final class CustodyHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CustodyHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ID_LENGTH = 256;
  private static final String AS_OF = "asOf";

  private final HttpServer server;
  private final ExecutorService executor;

  private CustodyHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds the port ({@code 0} for a free one) without serving yet. */
  public static CustodyHttpServer bind(String host, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    AtomicInteger threads = new AtomicInteger();
    // Requests wait on other instances' answers, so a bounded pool could starve itself.
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "custody-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    return new CustodyHttpServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Serves custody queries for {@code policies} from {@code source}. */
  public void start(CopySource source, List<String> policies) {
    server.createContext("/", exchange -> handle(exchange, source, List.copyOf(policies)));
    server.start();
  }

  /** Serves custody queries, and {@code /metrics} with {@code metrics}. */
  public void start(CopySource source, List<String> policies, MetricsHttpHandler metrics) {
    server.createContext(MetricsHttpHandler.PATH, metrics);
    start(source, policies);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void handle(HttpExchange exchange, CopySource source, List<String> policies)
      throws IOException {
    try (exchange) {
      Response response;
      try {
        response = route(exchange, source, policies);
      } catch (BadRequest e) {
        response = Response.error(400, e.getMessage());
      } catch (NotFound e) {
        response = Response.error(404, e.getMessage());
      } catch (CopySource.Unavailable e) {
        response = Response.error(503, e.getMessage());
      } catch (RuntimeException e) {
        log.error("custody query {} failed", exchange.getRequestURI(), e);
        response = Response.error(500, "internal error: " + e.getMessage());
      }
      byte[] body = JSON.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Response route(HttpExchange exchange, CopySource source, List<String> policies) {
    if (!exchange.getRequestMethod().equals("GET")) {
      return Response.error(405, "only GET is supported");
    }
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (path.size() == 3 && path.get(0).equals("clips") && path.get(2).equals("custody")) {
      String clipId = id("clip", path.get(1));
      List<String> selected = selectPolicies(query, policies);
      Optional<Instant> asOf = asOf(query);
      Map<String, List<CopyView>> trees =
          CustodyTree.byPolicy(selected, asOf(source.clipCopies(clipId), asOf));
      if (trees.values().stream().allMatch(List::isEmpty)) {
        return Response.error(404, "no copy of clip " + clipId + " under " + selected + at(asOf));
      }
      return Response.ok(body("clipId", clipId, trees));
    }
    if (path.size() == 3 && path.get(0).equals("clips") && path.get(2).equals("provenance")) {
      String clipId = id("clip", path.get(1));
      List<String> selected = selectPolicies(query, policies);
      Optional<Instant> asOf = asOf(query);
      List<CustodyGraph> graphs = new ArrayList<>();
      CustodyTree.listsByPolicy(selected, asOf(source.clipCopies(clipId), asOf))
          .forEach(
              (policy, copies) -> {
                if (!copies.isEmpty()) {
                  graphs.add(
                      new CustodyGraph(
                          policy, clipId, copies.stream().map(CopyView::toCopy).toList()));
                }
              });
      if (graphs.isEmpty()) {
        return Response.error(404, "no copy of clip " + clipId + " under " + selected + at(asOf));
      }
      return Response.ok(ProvJson.document(graphs));
    }
    if (path.size() == 3 && path.get(0).equals("holders") && path.get(2).equals("copies")) {
      String holderId = id("holder", path.get(1));
      List<String> selected = selectPolicies(query, policies);
      Optional<Instant> asOf = asOf(query);
      Map<String, List<CopyView>> held =
          CustodyTree.listsByPolicy(selected, asOf(source.holderCopies(holderId), asOf));
      if (held.values().stream().allMatch(List::isEmpty)) {
        return Response.error(
            404, "holder " + holderId + " has no copy under " + selected + at(asOf));
      }
      return Response.ok(body("holderId", holderId, held));
    }
    if (path.size() == 4
        && path.get(0).equals("local")
        && path.get(3).equals("copies")
        && query.isEmpty()) {
      if (path.get(1).equals("clips")) {
        return Response.ok(source.localClipCopies(id("clip", path.get(2))));
      }
      if (path.get(1).equals("holders")) {
        return Response.ok(source.localHolderCopies(id("holder", path.get(2))));
      }
    }
    return Response.error(
        404,
        "no such resource; try /clips/{clipId}/custody, /clips/{clipId}/provenance or"
            + " /holders/{holderId}/copies");
  }

  private static Map<String, Object> body(
      String idName, String id, Map<String, List<CopyView>> policies) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(idName, id);
    body.put("policies", policies);
    return body;
  }

  private static List<String> selectPolicies(Map<String, String> query, List<String> policies) {
    for (String parameter : query.keySet()) {
      if (!parameter.equals("policy") && !parameter.equals(AS_OF)) {
        throw new BadRequest(
            "unknown query parameter '" + parameter + "'; only 'policy' and 'asOf' are accepted");
      }
    }
    String policy = query.get("policy");
    if (policy == null) {
      return policies;
    }
    if (!policy.matches("[a-z0-9][a-z0-9.-]{0,60}")) {
      throw new BadRequest("malformed policy name '" + policy + "'");
    }
    if (!policies.contains(policy)) {
      throw new NotFound(
          "policy " + policy + " is not enforced here; this service enforces " + policies);
    }
    return List.of(policy);
  }

  /** The instant of {@code ?asOf=}, if given. */
  private static Optional<Instant> asOf(Map<String, String> query) {
    String asOf = query.get(AS_OF);
    if (asOf == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(asOf));
    } catch (DateTimeParseException e) {
      throw new BadRequest(
          "malformed asOf '"
              + asOf
              + "': expected an ISO-8601 instant in UTC, such as 2026-01-31T12:00:00Z");
    }
  }

  /** The copies as they stood at {@code asOf}, or as they stand now. */
  private static List<CopyView> asOf(List<CopyView> copies, Optional<Instant> asOf) {
    if (asOf.isEmpty()) {
      return copies;
    }
    return copies.stream().flatMap(copy -> copy.asOf(asOf.get()).stream()).toList();
  }

  private static String at(Optional<Instant> asOf) {
    return asOf.map(instant -> " as of " + instant).orElse("");
  }

  private static String id(String what, String id) {
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw new BadRequest(
          "malformed " + what + " id: it must have 1 to " + MAX_ID_LENGTH + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      // '|' separates the parts of the stores' keys
      if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '|') {
        throw new BadRequest("malformed " + what + " id: no spaces, control characters or '|'");
      }
    }
    return id;
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    String[] raw = rawPath.split("/", -1);
    for (int i = 1; i < raw.length; i++) {
      segments.add(decode(raw[i]));
    }
    return segments;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0
          || query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))) != null) {
        throw new BadRequest("malformed query '" + rawQuery + "'");
      }
    }
    return query;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed percent-encoding in '" + raw + "'");
    }
  }

  private record Response(int status, Object body) {
    static Response ok(Object body) {
      return new Response(200, body);
    }

    static Response error(int status, String message) {
      return new Response(status, Map.of("error", message));
    }
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }
}
