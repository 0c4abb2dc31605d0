package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.SampleData;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** /api/seat-changes: submit (JSON, CSV), list, read with history, cancel, preview; OPS and ADMIN only. */
class SeatChangeApiTest extends WebApiTest {

    private static final String TENANT = "8c5d9580-8eda-4d68-ac2b-bb14320169c0";
    /** LEGACY, 258 seats, 199 assigned, billed by CT record 500476. */
    private static final String LEGACY_SUBSCRIPTION = "cacf397c-5082-42b2-be24-1df35b2274f5";
    /** NCE, 60 seats, auto-renew, term ends 2026-12-01, nothing refundable at T. */
    private static final String NCE_SUBSCRIPTION = "a937cb4d-7ec8-4eaa-bcae-7b91958c1623";
    private static final String NCE_TENANT = "1ef6c403-4fd3-4f82-a5ea-2a22016c84e1";

    private static String request(String tenant, String subscription, String change, Object amount, String extra) {
        return """
                {"customerTenantId": "%s", "subscriptionId": "%s", "change": "%s", "amount": %s%s}"""
                .formatted(tenant, subscription, change, amount, extra);
    }

    private MvcTestResult post(String json, String user) {
        return mvc.post().uri("/api/seat-changes").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content(json).exchange();
    }

    private String submitted(String json) {
        MvcTestResult result = post(json, OPS);
        assertThat(result).hasStatus(201);
        return json(result, "$.requestId");
    }

    // --- POST JSON

    @Test
    void submittingNeedsOpsOrAdmin() {
        String json = request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 5, "");
        assertRefused(() -> mvc.post().uri("/api/seat-changes").contentType(MediaType.APPLICATION_JSON).content(json),
                FINANCE);
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isZero();

        assertThat(post(json, ADMIN)).hasStatus(201);
    }

    @Test
    void aJsonRequestIsQueuedAsTheAuthenticatedUserWhateverRequestedByTheClientSends() {
        MvcTestResult result = post(request(TENANT, LEGACY_SUBSCRIPTION, "increase", 5,
                ", \"requestedBy\": \"mallory\", \"requestedAt\": \"2026-11-20T10:00:00+01:00\","
                        + " \"requestKey\": \"api-1\", \"note\": \"new starters\""), OPS);

        assertThat(result).hasStatus(201);
        String id = json(result, "$.requestId");
        assertThat(result).hasHeader(HttpHeaders.LOCATION, "http://localhost/api/seat-changes/" + id);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"requestKey": "api-1", "customerTenantId": "%s", "subscriptionId": "%s", "change": "Additional",
                 "amount": 5, "requestedBy": "%s", "requestedAt": "2026-11-20T09:00:00Z", "note": "new starters",
                 "status": "QUEUED", "reasonCode": null, "quantityAfter": null, "decidedAt": null}"""
                .formatted(TENANT, LEGACY_SUBSCRIPTION, OPS));
        assertThat(jdbc.sql("SELECT requested_by FROM seat_change_request").query(String.class).single()).isEqualTo(OPS);
        assertThat(jdbc.sql("SELECT actor FROM seat_change_event").query(String.class).single()).isEqualTo(OPS);
    }

    @Test
    void theSameRequestKeyAgainReturnsTheFirstRequestAndQueuesNothing() {
        String json = request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 5, ", \"requestKey\": \"api-2\"");
        String first = submitted(json);

        MvcTestResult again = post(json, ADMIN);

        assertThat(again).hasStatusOk();
        assertThat(again).bodyJson().extractingPath("$.requestId").isEqualTo(first);
        assertThat(again).bodyJson().extractingPath("$.requestedBy").isEqualTo(OPS);
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isEqualTo(1);
    }

    @Test
    void withoutRequestedAtTheRequestIsDatedWhenItWasSubmitted() {
        String id = submitted(request(TENANT, LEGACY_SUBSCRIPTION, "Less", 1, ""));

        MvcTestResult read = mvc.get().uri("/api/seat-changes/" + id).with(as(OPS)).exchange();
        assertThat(read).bodyJson().extractingPath("$.request.requestedAt").isNotNull();
        assertThat(read).bodyJson().extractingPath("$.request.change").isEqualTo("Less");
    }

    @Test
    void aBadJsonRequestIsA400ProblemNamingEveryBadField() {
        MvcTestResult result = post("""
                {"subscriptionId": "%s", "change": "sideways", "amount": 0, "note": "x"}""".formatted(LEGACY_SUBSCRIPTION), OPS);

        assertProblem(result, 400);
        Map<String, String> errors = fieldErrors(result);
        assertThat(errors).containsOnlyKeys("customerTenantId", "change", "amount");
        assertThat(errors.get("change")).isEqualTo("is not Additional or Less (also accepted: add, increase, decrease, remove)");
        assertThat(errors.get("customerTenantId")).isEqualTo("must not be null");
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isZero();
    }

    @Test
    void aFractionOfASeatOrAWrongTypeIsA400ProblemForThatField() {
        MvcTestResult fraction = post(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 1.5, ""), OPS);
        assertProblem(fraction, 400);
        assertThat(fieldErrors(fraction)).containsExactly(Map.entry("amount", "must be a whole number of seats"));

        MvcTestResult notAUuid = post(request(TENANT, "not-a-uuid", "Additional", 1, ""), OPS);
        assertProblem(notAUuid, 400);
        assertThat(fieldErrors(notAUuid)).containsExactly(Map.entry("subscriptionId", "is not a UUID"));

        MvcTestResult badInstant = post(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 1,
                ", \"requestedAt\": \"yesterday\""), OPS);
        assertProblem(badInstant, 400);
        assertThat(fieldErrors(badInstant)).containsOnlyKeys("requestedAt");

        MvcTestResult notJson = post("{not json", OPS);
        assertProblem(notJson, 400);
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isZero();
    }

    @Test
    void anotherMediaTypeIsA415Problem() {
        assertProblem(mvc.post().uri("/api/seat-changes").with(as(OPS)).contentType(MediaType.TEXT_PLAIN)
                .content("hello").exchange(), 415);
    }

    // --- POST CSV

    @Test
    void aCsvBatchIsQueuedAllAsTheAuthenticatedUser() throws Exception {
        assertRefused(() -> mvc.post().uri("/api/seat-changes").contentType("text/csv")
                .content(readSamples()), FINANCE);

        MvcTestResult result = mvc.post().uri("/api/seat-changes").with(as(OPS)).contentType("text/csv")
                .content(readSamples()).exchange();

        assertThat(result).hasStatus(201);
        List<String> queued = json(result, "$.queued");
        long rows = Files.readAllLines(SampleData.SEAT_CHANGES).size() - 1;
        assertThat(queued).hasSize((int) rows).doesNotHaveDuplicates();
        assertThat(result).bodyJson().extractingPath("$.skipped").isEqualTo(0);
        // The file's requested_by column (ops.carol, ops.bob, ...) is ignored.
        assertThat(jdbc.sql("SELECT DISTINCT requested_by FROM seat_change_request").query(String.class).list())
                .containsExactly(OPS);
        assertThat(jdbc.sql("SELECT DISTINCT actor FROM seat_change_event").query(String.class).list())
                .containsExactly(OPS);

        MvcTestResult again = mvc.post().uri("/api/seat-changes").with(as(ADMIN)).contentType("text/csv")
                .content(readSamples()).exchange();
        assertThat(again).hasStatus(201);
        assertThat(again).bodyJson().extractingPath("$.queued").asArray().isEmpty();
        assertThat(again).bodyJson().extractingPath("$.skipped").isEqualTo((int) rows);
    }

    @Test
    void aCsvBatchNeedsNoRequestedByColumn() {
        MvcTestResult result = mvc.post().uri("/api/seat-changes").with(as(OPS)).contentType("text/csv")
                .content("customer_tenant_id,subscription_id,change,amount\n"
                        + TENANT + "," + LEGACY_SUBSCRIPTION + ",add,3\n").exchange();

        assertThat(result).hasStatus(201);
        assertThat(result).bodyJson().extractingPath("$.queued").asArray().hasSize(1);
        assertThat(jdbc.sql("SELECT requested_by FROM seat_change_request").query(String.class).single()).isEqualTo(OPS);
    }

    @Test
    void aCsvBatchWithBadRowsIsRefusedWholeListingEveryBadValue() {
        MvcTestResult result = mvc.post().uri("/api/seat-changes").with(as(OPS)).contentType("text/csv")
                .content("customer_tenant_id,subscription_id,change,amount,requested_by\n"
                        + TENANT + "," + LEGACY_SUBSCRIPTION + ",Additional,2,\n"
                        + TENANT + "," + LEGACY_SUBSCRIPTION + ",sideways,0,\n"
                        + "nope," + LEGACY_SUBSCRIPTION + ",Less,1,\n").exchange();

        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("File refused");
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .startsWith("the uploaded file: 3 bad values").doesNotContain("/tmp");
        List<Map<String, Object>> errors = json(result, "$.errors");
        assertThat(errors).extracting(e -> e.get("line"), e -> e.get("column"), e -> e.get("value")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "change", "sideways"),
                org.assertj.core.groups.Tuple.tuple(3, "amount", "0"),
                org.assertj.core.groups.Tuple.tuple(4, "customer_tenant_id", "nope"));
        assertThat(errors).allSatisfy(e -> assertThat((String) e.get("reason")).isNotBlank());
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isZero();
    }

    @Test
    void aCsvBatchWithoutARequiredColumnIsA400Problem() {
        MvcTestResult result = mvc.post().uri("/api/seat-changes").with(as(OPS)).contentType("text/csv")
                .content("customer_tenant_id,subscription_id,change\n" + TENANT + "," + LEGACY_SUBSCRIPTION + ",add\n")
                .exchange();

        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.detail")
                .isEqualTo("the uploaded file: missing required column amount");
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isZero();
    }

    // --- GET list and one

    @Test
    void listingNeedsOpsOrAdminAndFiltersByStatusAndCustomer() {
        assertRefused(() -> mvc.get().uri("/api/seat-changes"), FINANCE);
        String legacy = submitted(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 5, ""));
        String nce = submitted(request(NCE_TENANT, NCE_SUBSCRIPTION, "Less", 5, ""));
        cancel(nce, OPS).getResponse();

        MvcTestResult all = mvc.get().uri("/api/seat-changes").with(as(ADMIN)).exchange();
        assertThat(all).hasStatusOk();
        assertThat(all).bodyJson().extractingPath("$[*].requestId").asArray().containsExactlyInAnyOrder(legacy, nce);

        MvcTestResult queued = mvc.get().uri("/api/seat-changes?status=queued").with(as(OPS)).exchange();
        assertThat(queued).bodyJson().extractingPath("$[*].requestId").asArray().containsExactly(legacy);
        MvcTestResult ofCustomer = mvc.get().uri("/api/seat-changes?customer=" + NCE_TENANT).with(as(OPS)).exchange();
        assertThat(ofCustomer).bodyJson().extractingPath("$[*].requestId").asArray().containsExactly(nce);
        MvcTestResult none = mvc.get().uri("/api/seat-changes?status=CANCELLED&customer=" + TENANT).with(as(OPS)).exchange();
        assertThat(none).bodyJson().extractingPath("$").asArray().isEmpty();

        MvcTestResult badStatus = mvc.get().uri("/api/seat-changes?status=DONE").with(as(OPS)).exchange();
        assertProblem(badStatus, 400);
        assertThat(fieldErrors(badStatus)).containsOnlyKeys("status");
        MvcTestResult badCustomer = mvc.get().uri("/api/seat-changes?customer=acme").with(as(OPS)).exchange();
        assertProblem(badCustomer, 400);
        assertThat(fieldErrors(badCustomer)).containsExactly(Map.entry("customer", "is not a UUID"));
    }

    @Test
    void oneRequestComesWithItsHistory() {
        String id = submitted(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 5, ", \"requestKey\": \"h-1\""));
        assertRefused(() -> mvc.get().uri("/api/seat-changes/" + id), FINANCE);

        MvcTestResult read = mvc.get().uri("/api/seat-changes/" + id).with(as(ADMIN)).exchange();

        assertThat(read).hasStatusOk();
        assertThat(read).bodyJson().extractingPath("$.request.requestId").isEqualTo(id);
        assertThat(read).bodyJson().extractingPath("$.request.requestKey").isEqualTo("h-1");
        List<Map<String, Object>> history = json(read, "$.history");
        assertThat(history).singleElement().satisfies(event -> {
            assertThat(event.get("from")).isNull();
            assertThat(event.get("to")).isEqualTo("QUEUED");
            assertThat(event.get("actor")).isEqualTo(OPS);
            assertThat(event.get("reason")).isEqualTo("submitted");
            assertThat(event.get("occurredAt")).isNotNull();
        });
    }

    @Test
    void anUnknownOrMalformedIdIsAProblem() {
        assertProblem(mvc.get().uri("/api/seat-changes/" + java.util.UUID.randomUUID()).with(as(OPS)).exchange(), 404);
        assertProblem(mvc.get().uri("/api/seat-changes/12").with(as(OPS)).exchange(), 400);
    }

    // --- cancel

    private MvcTestResult cancel(String id, String user) {
        return mvc.post().uri("/api/seat-changes/" + id + "/cancel").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"customer changed their mind\", \"by\": \"mallory\"}").exchange();
    }

    @Test
    void cancellingIsForOpsOrAdminAndRecordsTheAuthenticatedUser() {
        String id = submitted(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 5, ""));
        assertRefused(() -> mvc.post().uri("/api/seat-changes/" + id + "/cancel"), FINANCE);

        MvcTestResult cancelled = cancel(id, ADMIN);

        assertThat(cancelled).hasStatusOk();
        assertThat(cancelled).bodyJson().extractingPath("$.request.status").isEqualTo("CANCELLED");
        assertThat(cancelled).bodyJson().extractingPath("$.request.reason").isEqualTo("customer changed their mind");
        assertThat(cancelled).bodyJson().extractingPath("$.history[1].actor").isEqualTo(ADMIN);
        assertThat(cancelled).bodyJson().extractingPath("$.history[1].from").isEqualTo("QUEUED");
        assertThat(cancelled).bodyJson().extractingPath("$.history[1].to").isEqualTo("CANCELLED");
    }

    @Test
    void cancellingWithoutABodyGivesADefaultReason() {
        String id = submitted(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 5, ""));

        MvcTestResult cancelled = mvc.post().uri("/api/seat-changes/" + id + "/cancel").with(as(OPS)).exchange();

        assertThat(cancelled).hasStatusOk();
        assertThat(cancelled).bodyJson().extractingPath("$.request.reason").isEqualTo("cancelled by " + OPS);
    }

    @Test
    void cancellingARequestThatIsNotQueuedIsA409AndAnUnknownOneA404() {
        String id = submitted(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 5, ""));
        assertThat(cancel(id, OPS)).hasStatusOk();

        MvcTestResult again = cancel(id, OPS);

        assertProblem(again, 409);
        assertThat(again).bodyJson().extractingPath("$.detail").asString().contains("CANCELLED");
        assertThat(count("SELECT COUNT(*) FROM seat_change_event")).isEqualTo(2);
        assertProblem(cancel(java.util.UUID.randomUUID().toString(), OPS), 404);
    }

    // --- preview

    private MvcTestResult preview(String subscription, String change, int amount, String user) {
        return mvc.post().uri("/api/seat-changes/preview").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"subscriptionId": "%s", "change": "%s", "amount": %d, "asOf": "%s"}"""
                        .formatted(subscription, change, amount, T)).exchange();
    }

    @Test
    void previewNeedsProviderData() {
        assertRefused(() -> mvc.post().uri("/api/seat-changes/preview").contentType(MediaType.APPLICATION_JSON)
                .content("{}"), FINANCE);

        MvcTestResult noData = preview(LEGACY_SUBSCRIPTION, "Additional", 5, OPS);

        assertProblem(noData, 409);
        assertThat(noData).bodyJson().extractingPath("$.detail").asString().contains("no provider data");
    }

    @Test
    void previewDecidesAfterTheQueuedRequestsAndQueuesNothing() throws Exception {
        givenTheSampleNight();
        submitted(request(TENANT, LEGACY_SUBSCRIPTION, "Additional", 100, ""));

        MvcTestResult more = preview(LEGACY_SUBSCRIPTION, "Additional", 5, OPS);

        assertThat(more).hasStatusOk();
        assertThat(more).bodyJson().isLenientlyEqualTo("""
                {"asOf": "2026-11-26T02:00:00Z", "subscriptionId": "%s", "change": "Additional", "amount": 5,
                 "status": "APPLIED", "reasonCode": null, "quantityBefore": 358, "quantityAfter": 363,
                 "eligibleFrom": null, "windowCloses": null, "queuedBefore": 1}""".formatted(LEGACY_SUBSCRIPTION));
        assertThat(more).bodyJson().extractingPath("$.reason").asString().contains("358 -> 363");

        MvcTestResult tooMany = preview(LEGACY_SUBSCRIPTION, "remove", 200, ADMIN);
        assertThat(tooMany).bodyJson().isLenientlyEqualTo("""
                {"status": "REJECTED", "reasonCode": "BELOW_ASSIGNED", "quantityBefore": 358, "quantityAfter": null}""");

        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT quantity FROM provider_subscription WHERE subscription_id = ?::uuid")
                .param(LEGACY_SUBSCRIPTION).query(Integer.class).single()).isEqualTo(258);
    }

    @Test
    void previewOfANceDecreaseOutsideItsWindowTellsWhenTheWindowOpens() throws Exception {
        givenTheSampleNight();

        MvcTestResult waiting = preview(NCE_SUBSCRIPTION, "Less", 10, OPS);

        assertThat(waiting).hasStatusOk();
        assertThat(waiting).bodyJson().isLenientlyEqualTo("""
                {"status": "QUEUED", "reasonCode": "WAITING_FOR_WINDOW", "quantityBefore": 60, "quantityAfter": null,
                 "eligibleFrom": "2026-12-02T00:00:00Z", "windowCloses": "2026-12-09T00:00:00Z", "queuedBefore": 0}""");
    }

    @Test
    void aBadPreviewIsA400ProblemWithFieldErrors() {
        MvcTestResult bad = mvc.post().uri("/api/seat-changes/preview").with(as(OPS)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"change\": \"more\", \"amount\": -1}").exchange();

        assertProblem(bad, 400);
        assertThat(fieldErrors(bad)).containsOnlyKeys("subscriptionId", "change", "amount");
    }

    // ---

    private static String readSamples() {
        try {
            return Files.readString(SampleData.SEAT_CHANGES);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> fieldErrors(MvcTestResult result) {
        List<Map<String, String>> errors = json(result, "$.errors");
        Map<String, String> byField = new java.util.LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.get("field"), e.get("message"), (a, b) -> a + "; " + b));
        return byField;
    }
}
