package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.SampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;

/**
 * The night after a renewal: the sync imports the renewed subscription (new term, the renewed seats refundable for
 * 7 days) and its seat change step applies the decreases that were waiting for that window, and only those.
 */
class SeatChangeSecondNightTest extends SeatChangeNight {

    private static final Instant NEXT_NIGHT = Instant.parse("2026-12-02T02:00:00Z");

    /** k-000009: Less 1 on 162 seats (145 assigned), term ended 2026-11-30: waiting for 2026-12-01. */
    private static final String RENEWED_ON_DEC_1 = "84e23c5d-3e81-4295-97f0-6baa2a9db829";
    /** k-000003: Less 100 on 60 seats (30 assigned), term ends 2026-12-01: waiting for 2026-12-02. */
    private static final String RENEWED_ON_DEC_2 = "a937cb4d-7ec8-4eaa-bcae-7b91958c1623";

    @Test
    void aDecreaseWaitingForTheRenewalIsAppliedTheNightAfterIt() throws Exception {
        givenTheFirstNightDecided();
        Map<String, StoredRequest> firstNight = requestsByKey();

        JobExecution sync = sync(NEXT_NIGHT, nextNightProviderFile());

        StoredRequest k9 = requestsByKey().get("k-000009");
        assertThat(k9.status()).isEqualTo(SeatChangeStatus.APPLIED);
        assertThat(k9.reasonCode()).isNull();
        assertThat(k9.quantityBefore()).isEqualTo(162);
        assertThat(k9.quantityAfter()).isEqualTo(161);
        assertThat(store.history(k9.requestId())).last().satisfies(event -> {
            assertThat(event.to()).isEqualTo(SeatChangeStatus.APPLIED);
            assertThat(event.actor()).isEqualTo("job execution " + sync.getId());
        });
        // Applied once, at the provider and in billing alike.
        assertThat(CsvFiles.read(report("provider-changes", NEXT_NIGHT))).singleElement().satisfies(line -> {
            assertThat(line).containsEntry("request_id", k9.requestId().toString())
                    .containsEntry("quantity_before", "162").containsEntry("quantity_after", "161");
        });
        assertThat(providerQuantities().get(UUID.fromString(RENEWED_ON_DEC_1))).isEqualTo(161);
        assertThat(ctLicenses().get("500067")).isEqualTo(161);
        // What the first night decided for good stays as it was.
        firstNight.values().stream().filter(r -> r.status().isFinal()).forEach(r ->
                assertThat(store.find(r.requestId()).orElseThrow()).as(r.requestKey()).isEqualTo(r));
    }

    @Test
    void aDecreaseWhoseWindowHasNotOpenedStaysQueued() throws Exception {
        givenTheFirstNightDecided();

        sync(NEXT_NIGHT, nextNightProviderFile());

        for (String key : List.of("k-000048", "k-000073", "k-000076")) { // windows from 2026-12-05 and 2026-12-14
            StoredRequest request = requestsByKey().get(key);
            assertThat(request.status()).as(key).isEqualTo(SeatChangeStatus.QUEUED);
            assertThat(request.reasonCode()).as(key).isEqualTo("WAITING_FOR_WINDOW");
            assertThat(text(request.eligibleFrom())).as(key).isEqualTo(expectedChanges().get(key).get("eligible_from"));
        }
    }

    /**
     * k-000003 asks to remove 100 seats from a 60-seat subscription. After its renewal only the 60 renewed seats are
     * refundable, so rule 7 does not fire (amount > refundable(T)); auto-renew is on, so rule 10 keeps it QUEUED
     * for the next renewal window (term_end 2027-01-01 + 1 day).
     */
    @Test
    void aDecreaseLargerThanTheRenewedSeatsKeepsWaitingForTheNextWindow() throws Exception {
        givenTheFirstNightDecided();

        sync(NEXT_NIGHT, nextNightProviderFile());

        StoredRequest k3 = requestsByKey().get("k-000003");
        assertThat(k3.status()).isEqualTo(SeatChangeStatus.QUEUED);
        assertThat(k3.reasonCode()).isEqualTo("WAITING_FOR_WINDOW");
        assertThat(k3.eligibleFrom()).isEqualTo(Instant.parse("2027-01-02T00:00:00Z"));
        assertThat(k3.windowCloses()).isEqualTo(Instant.parse("2027-01-09T00:00:00Z"));
        assertThat(providerQuantities().get(UUID.fromString(RENEWED_ON_DEC_2))).isEqualTo(60);
        assertThat(ctLicenses().get("500037")).isEqualTo(60);
    }

    private void givenTheFirstNightDecided() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        apply(T);
        assertThat(requestsByKey().get("k-000003").eligibleFrom()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(requestsByKey().get("k-000009").eligibleFrom()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    /** The sample provider file, with the two subscriptions renewed for one more month. */
    private Path nextNightProviderFile() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(SampleData.PROVIDER_LICENSES, StandardCharsets.UTF_8));
        List<String> header = List.of(lines.get(0).split(",", -1));
        int id = header.indexOf("subscription_id");
        int start = header.indexOf("term_start");
        int end = header.indexOf("term_end");
        int refundable = header.indexOf("refundable");
        int quantity = header.indexOf("quantity");
        int renewed = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells[id].equals(RENEWED_ON_DEC_1)) {
                cells[start] = "2026-12-01";
                cells[end] = "2026-12-31";
                cells[refundable] = cells[quantity] + "@2026-12-08T00:00:00Z";
            } else if (cells[id].equals(RENEWED_ON_DEC_2)) {
                cells[start] = "2026-12-02";
                cells[end] = "2027-01-01";
                cells[refundable] = cells[quantity] + "@2026-12-09T00:00:00Z";
            } else {
                continue;
            }
            lines.set(i, String.join(",", cells));
            renewed++;
        }
        assertThat(renewed).isEqualTo(2);
        Path file = reports.resolve("provider-licenses-2026-12-02.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
