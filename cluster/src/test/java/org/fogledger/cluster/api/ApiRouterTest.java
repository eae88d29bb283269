package org.fogledger.cluster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Routing, paging, tags and settings without a server. */
class ApiRouterTest {
    private static final ApiRouter.Handler NOTHING = request -> CompletableFuture.completedFuture(null);

    private static ApiRouter router() {
        return new ApiRouter()
                .get("/api/v1/policies/effective", NOTHING)
                .get("/api/v1/policies/{scope...}", NOTHING)
                .get("/api/v1/devices/{id}", NOTHING)
                .get("/api/v1/devices/{id}/legitimacy", NOTHING)
                .post("/api/v1/transactions", NOTHING);
    }

    @Test
    void literalSegmentsWinOverParametersAddedAfterThem() {
        assertEquals("/api/v1/policies/effective", router().resolve("GET", "/api/v1/policies/effective").route().pattern());
        ApiRouter.Match scope = router().resolve("GET", "/api/v1/policies/eu/fr/lyon");
        assertEquals(Map.of("scope", "eu/fr/lyon"), scope.parameters());
    }

    @Test
    void parametersBindOneSegmentAndTheWholePathMustMatch() {
        assertEquals(Map.of("id", "dev-1"), router().resolve("GET", "/api/v1/devices/dev-1").parameters());
        assertEquals("/api/v1/devices/{id}/legitimacy",
                router().resolve("GET", "/api/v1/devices/dev-1/legitimacy").route().pattern());
        ApiProblem tooLong = assertThrows(ApiProblem.class,
                () -> router().resolve("GET", "/api/v1/devices/dev-1/legitimacy/more"));
        assertEquals(404, tooLong.status());
        assertEquals("unknown-route", tooLong.code());
    }

    @Test
    void aKnownPathUnderAnotherMethodIs405NamingTheAllowedOnes() {
        ApiProblem wrong = assertThrows(ApiProblem.class, () -> router().resolve("DELETE", "/api/v1/transactions"));
        assertEquals(405, wrong.status());
        assertTrue(wrong.getMessage().contains("allowed: POST"), wrong.getMessage());
    }

    @Test
    void pagesSliceTheListAndSayWhetherMoreFollow() throws Exception {
        JsonNode all = ApiJson.MAPPER.readTree("[1,2,3,4,5]");
        JsonNode first = LedgerRoutes.pageOf(all, 0, 2);
        assertEquals("[1,2]", first.get("items").toString());
        assertEquals(1, first.get("next").asInt());
        JsonNode last = LedgerRoutes.pageOf(all, 2, 2);
        assertEquals("[5]", last.get("items").toString());
        assertTrue(last.get("next").isNull());
        assertEquals(0, LedgerRoutes.pageOf(all, 9, 2).get("items").size());
    }

    @Test
    void tagsChangeWithTheBody() {
        String tag = ApiServer.etagOf("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(tag, ApiServer.etagOf("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(!tag.equals(ApiServer.etagOf("{\"a\":2}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void malformedJsonNamesWhereItBreaks() {
        ApiProblem problem = assertThrows(ApiProblem.class,
                () -> ApiJson.readBody("{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("malformed-json", problem.code());
        assertTrue(problem.getMessage().contains("Duplicate field 'a'"), problem.getMessage());
        assertEquals("malformed-json", assertThrows(ApiProblem.class,
                () -> ApiJson.readBody("{} []".getBytes(StandardCharsets.UTF_8))).code());
    }

    @Test
    void settingsComeFromTheNodeConfigurationAndNameABadKey() {
        ApiSettings settings = ApiSettings.fromConfig(ConfigFactory.parseString(
                "fogledger.api { port = 9090, confirmations = 2, answer-timeout = 5s, max-body-bytes = 64KiB }"),
                ApiSettings.CONFIG_PATH, "chain-x");
        assertEquals(9090, settings.port());
        assertEquals(2, settings.confirmations());
        assertEquals(Duration.ofSeconds(5), settings.answerTimeout());
        assertEquals(64 * 1024, settings.maxBodyBytes());
        assertEquals(ApiSettings.defaults("chain-x"), ApiSettings.fromConfig(ConfigFactory.empty(),
                ApiSettings.CONFIG_PATH, "chain-x"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ApiSettings.fromConfig(
                ConfigFactory.parseString("fogledger.api.confirmations = 0"), ApiSettings.CONFIG_PATH, "c"));
        assertTrue(bad.getMessage().startsWith("fogledger.api: confirmations"), bad.getMessage());
    }
}
