package io.camfleet.sharing.custody;

import static io.camfleet.sharing.custody.CopyViews.ended;
import static io.camfleet.sharing.custody.CopyViews.forwardBlocked;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.provenance.CustodyGraph;
import io.camfleet.provenance.ProvJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustodyHttpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> POLICIES = List.of("status-quo-2019", "no-forwarding");

  private static final CopyView POLICE_ALIVE =
      copy(
          "status-quo-2019",
          "copy-police",
          null,
          "agency-fll",
          "REQUESTING_POLICE",
          "SHARE",
          "2019-06-02T00:00:00Z");
  private static final CopyView POLICE =
      ended(
          POLICE_ALIVE,
          "EXPIRED",
          "2019-07-02T00:00:00Z",
          "COPY_EXPIRED",
          "HOLDER_LIFETIME_ENDED",
          "copies held by REQUESTING_POLICE live 30 days");
  private static final CopyView NEIGHBOUR_BLOCKED =
      forwardBlocked(
          "status-quo-2019",
          "copy-neighbour",
          "clip-1",
          "house-1",
          "2019-06-04T00:00:00Z",
          "FORWARDING_FORBIDDEN",
          "forwarding is forbidden");
  private static final CopyView SHERIFF =
      copy(
          "status-quo-2019",
          "copy-sheriff",
          "copy-police",
          "agency-sheriff",
          "OTHER_AGENCY",
          "FORWARD",
          "2019-06-03T00:00:00Z");
  private static final CopyView POLICE_NO_FORWARDING =
      copy(
          "no-forwarding",
          "copy-police",
          null,
          "agency-fll",
          "REQUESTING_POLICE",
          "SHARE",
          "2019-06-02T00:00:00Z");

  /** The copies of clip-1 and of holder agency-fll; nothing else exists. */
  private final CopySource source =
      new CopySource() {
        @Override
        public List<CopyView> clipCopies(String clipId) {
          return clipId.equals("clip-1")
              ? List.of(SHERIFF, NEIGHBOUR_BLOCKED, POLICE_NO_FORWARDING, POLICE)
              : List.of();
        }

        @Override
        public List<CopyView> holderCopies(String holderId) {
          if (holderId.equals("offline")) {
            throw new Unavailable("instance 10.0.0.2:7070 did not answer", null);
          }
          return holderId.equals("agency-fll") ? List.of(POLICE_NO_FORWARDING, POLICE) : List.of();
        }

        @Override
        public List<CopyView> localClipCopies(String clipId) {
          return clipId.equals("clip-1") ? List.of(POLICE) : List.of();
        }

        @Override
        public List<CopyView> localHolderCopies(String holderId) {
          return List.of();
        }
      };

  private CustodyHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = CustodyHttpServer.bind("127.0.0.1", 0);
    server.start(source, POLICIES);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersClipCustodyAsTreePerPolicy() throws Exception {
    assertEquals(
        new Reply(
            200,
            JSON.valueToTree(
                Map.of(
                    "clipId",
                    "clip-1",
                    "policies",
                    Map.of(
                        "status-quo-2019",
                            List.of(
                                POLICE.withChildren(List.of(SHERIFF.withChildren(List.of()))),
                                NEIGHBOUR_BLOCKED.withChildren(List.of())),
                        "no-forwarding", List.of(POLICE_NO_FORWARDING.withChildren(List.of())))))),
        get("/clips/clip-1/custody"));
    assertEquals(
        new Reply(
            200,
            JSON.valueToTree(
                Map.of(
                    "clipId",
                    "clip-1",
                    "policies",
                    Map.of(
                        "no-forwarding", List.of(POLICE_NO_FORWARDING.withChildren(List.of())))))),
        get("/clips/clip-1/custody?policy=no-forwarding"));
  }

  @Test
  void answersClipCustodyAsItStoodAtAnInstant() throws Exception {
    assertEquals(
        new Reply(
            200,
            JSON.valueToTree(
                Map.of(
                    "clipId",
                    "clip-1",
                    "policies",
                    Map.of(
                        "status-quo-2019", List.of(POLICE_ALIVE.withChildren(List.of())),
                        "no-forwarding", List.of(POLICE_NO_FORWARDING.withChildren(List.of())))))),
        get("/clips/clip-1/custody?asOf=2019-06-02T12:00:00Z"));
    assertEquals(
        new Reply(
            200,
            JSON.valueToTree(
                Map.of(
                    "clipId",
                    "clip-1",
                    "policies",
                    Map.of(
                        "status-quo-2019",
                        List.of(
                            POLICE_ALIVE.withChildren(List.of(SHERIFF.withChildren(List.of()))),
                            NEIGHBOUR_BLOCKED.withChildren(List.of())))))),
        get("/clips/clip-1/custody?policy=status-quo-2019&asOf=2019-07-01T23:59:59.999Z"));
    assertEquals(
        new Reply(
            404,
            JSON.valueToTree(
                Map.of(
                    "error",
                    "no copy of clip clip-1 under [status-quo-2019, no-forwarding] as of"
                        + " 2019-06-01T00:00:00Z"))),
        get("/clips/clip-1/custody?asOf=2019-06-01T00:00:00Z"));
  }

  @Test
  void answers400NamingAsOfAndItsFormWhenAsOfIsNotAnInstant() throws Exception {
    assertEquals(
        new Reply(
            400,
            JSON.valueToTree(
                Map.of(
                    "error",
                    "malformed asOf 'yesterday': expected an ISO-8601 instant in UTC, such as"
                        + " 2026-01-31T12:00:00Z"))),
        get("/clips/clip-1/custody?asOf=yesterday"));
    assertEquals(
        List.of(400, 400),
        List.of(
            get("/holders/agency-fll/copies?asOf=2019-06-02").status(),
            get("/clips/clip-1/provenance?asOf=").status()));
  }

  @Test
  void exportsClipCustodyAsProvJson() throws Exception {
    HttpResponse<String> response = send("/clips/clip-1/provenance");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        ProvJson.document(
            List.of(
                new CustodyGraph(
                    "status-quo-2019",
                    "clip-1",
                    List.of(POLICE.toCopy(), SHERIFF.toCopy(), NEIGHBOUR_BLOCKED.toCopy())),
                new CustodyGraph(
                    "no-forwarding", "clip-1", List.of(POLICE_NO_FORWARDING.toCopy())))),
        JSON.readTree(response.body()));
    assertEquals(
        new Reply(
            200,
            ProvJson.document(
                new CustodyGraph(
                    "status-quo-2019",
                    "clip-1",
                    List.of(POLICE_ALIVE.toCopy(), SHERIFF.toCopy())))),
        get("/clips/clip-1/provenance?policy=status-quo-2019&asOf=2019-06-03T00:00:00Z"));
    assertEquals(404, get("/clips/clip-unknown/provenance").status());
  }

  @Test
  void listsHolderCopiesPerPolicy() throws Exception {
    assertEquals(
        new Reply(
            200,
            JSON.valueToTree(
                Map.of(
                    "holderId",
                    "agency-fll",
                    "policies",
                    Map.of(
                        "status-quo-2019",
                        List.of(POLICE),
                        "no-forwarding",
                        List.of(POLICE_NO_FORWARDING))))),
        get("/holders/agency-fll/copies"));
  }

  @Test
  void answersLocalCopiesAsFlatListForOtherInstances() throws Exception {
    assertEquals(
        new Reply(200, JSON.valueToTree(List.of(POLICE))), get("/local/clips/clip-1/copies"));
  }

  @Test
  void answers404ForUnknownIdsPoliciesAndPaths() throws Exception {
    assertEquals(
        List.of(404, 404, 404, 404),
        List.of(
            get("/clips/clip-unknown/custody").status(),
            get("/holders/nobody/copies").status(),
            get("/clips/clip-1/custody?policy=eu-30-days").status(),
            get("/clips/clip-1").status()));
  }

  @Test
  void answers400ForMalformedIdsAndQueries() throws Exception {
    assertEquals(
        new Reply(
            400,
            JSON.valueToTree(
                Map.of("error", "malformed clip id: no spaces, control characters or '|'"))),
        get("/clips/clip%7C1/custody"));
    assertEquals(
        List.of(400, 400, 400, 400, 400),
        List.of(
            get("/clips//custody").status(),
            get("/clips/clip%201/custody").status(),
            get("/holders/" + "x".repeat(257) + "/copies").status(),
            get("/clips/clip-1/custody?policy=Not%20A%20Policy").status(),
            get("/clips/clip-1/custody?sort=time").status()));
  }

  @Test
  void answers503WhenAnInstanceCannotBeAsked() throws Exception {
    assertEquals(
        new Reply(503, JSON.valueToTree(Map.of("error", "instance 10.0.0.2:7070 did not answer"))),
        get("/holders/offline/copies"));
  }

  private record Reply(int status, JsonNode body) {}

  private Reply get(String path) throws Exception {
    HttpResponse<String> response = send(path);
    return new Reply(response.statusCode(), JSON.readTree(response.body()));
  }

  private HttpResponse<String> send(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static CopyView copy(
      String policy,
      String copyId,
      String parent,
      String holder,
      String holderType,
      String kind,
      String madeAt) {
    return new CopyView(
        policy,
        copyId,
        parent,
        "clip-1",
        "cam-1",
        "house-1",
        "2019-06-01T20:00:00Z",
        holder,
        holderType,
        kind,
        "POLICE_REQUEST",
        "req-1",
        true,
        madeAt,
        null,
        "ALIVE",
        null,
        null,
        null,
        null,
        null);
  }
}
