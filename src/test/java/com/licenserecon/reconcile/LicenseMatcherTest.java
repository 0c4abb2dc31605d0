package com.licenserecon.reconcile;

import static com.licenserecon.reconcile.ReconFixtures.OTHER_TENANT;
import static com.licenserecon.reconcile.ReconFixtures.TENANT;
import static com.licenserecon.reconcile.ReconFixtures.ct;
import static com.licenserecon.reconcile.ReconFixtures.provider;
import static com.licenserecon.reconcile.ReconFixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Matching rules 1-4 of the "Reconciliation" section of licensing-rules.md, in memory. */
class LicenseMatcherTest {

    private static final UUID SUB_A = uuid(1);
    private static final UUID SUB_B = uuid(2);
    private static final UUID SUB_C = uuid(3);
    private static final UUID UNKNOWN_SUB = uuid(999);

    private static List<ReconciliationLine> reconcile(List<CtLicense> cts, List<ProviderSubscription> providers) {
        return LicenseMatcher.reconcile(cts, providers, Set.of());
    }

    private static ReconciliationLine lineOfCt(List<ReconciliationLine> lines, String ctLicenseId) {
        assertThat(lines).filteredOn(l -> ctLicenseId.equals(l.ctLicenseId())).hasSize(1);
        return lines.stream().filter(l -> ctLicenseId.equals(l.ctLicenseId())).findFirst().orElseThrow();
    }

    private static ReconciliationLine lineOfSubscription(List<ReconciliationLine> lines, UUID subscriptionId) {
        assertThat(lines).filteredOn(l -> subscriptionId.equals(l.subscriptionId())).hasSize(1);
        return lines.stream().filter(l -> subscriptionId.equals(l.subscriptionId())).findFirst().orElseThrow();
    }

    @Nested
    @DisplayName("Rule 1: a CT record with a subscription_id")
    class ById {

        @Test
        @DisplayName("matches the provider subscription with that id")
        void matchesById() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").linkedTo(SUB_B).build()),
                    List.of(provider(SUB_A).build(), provider(SUB_B).build()));

            ReconciliationLine line = lineOfCt(lines, "500001");
            assertThat(line.subscriptionId()).isEqualTo(SUB_B);
            assertThat(line.result()).isEqualTo("OK");
            assertThat(lineOfSubscription(lines, SUB_A).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lines).hasSize(2);
        }

        @Test
        @DisplayName("matches by id even across tenant and SKU (the id decides)")
        void idWinsOverTenantAndSku() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").linkedTo(SUB_A).sku("SPE_E5").build()),
                    List.of(provider(SUB_A).sku("SPE_E3").build()));

            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.ctLicenseId()).isEqualTo("500001");
                assertThat(line.subscriptionId()).isEqualTo(SUB_A);
                assertThat(line.result()).isEqualTo("OK");
            });
        }

        @Test
        @DisplayName("whose id is not at the provider is MISSING_AT_PROVIDER")
        void idAbsentIsMissingAtProvider() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").linkedTo(UNKNOWN_SUB).licenses(7).build()),
                    List.of());

            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.result()).isEqualTo("MISSING_AT_PROVIDER");
                assertThat(line.quantityDelta()).isEqualTo(-7);
            });
        }

        @Test
        @DisplayName("whose id is not at the provider does NOT then match by tenant and SKU")
        void idAbsentDoesNotFallBackToTenantAndSku() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").linkedTo(UNKNOWN_SUB).build()),
                    List.of(provider(SUB_A).build()));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("MISSING_AT_PROVIDER");
            assertThat(lineOfCt(lines, "500001").providerQuantity()).isNull();
            assertThat(lineOfSubscription(lines, SUB_A).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lines).hasSize(2);
        }
    }

    @Nested
    @DisplayName("Rule 2: a CT record without subscription_id, by (customer_tenant_id, sku_part_number)")
    class ByTenantAndSku {

        @Test
        @DisplayName("1 CT record : 1 provider subscription of the pair match, and the row carries UNLINKED")
        void oneToOneIsUnlinkedPair() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").build()),
                    List.of(provider(SUB_A).build()));

            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.ctLicenseId()).isEqualTo("500001");
                assertThat(line.subscriptionId()).isEqualTo(SUB_A);
                assertThat(line.result()).isEqualTo("UNLINKED");
            });
        }

        @Test
        @DisplayName("the pair must agree on both tenant and SKU")
        void tenantAndSkuMustBothAgree() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").tenant(TENANT).sku("SPE_E3").build()),
                    List.of(provider(SUB_A).tenant(OTHER_TENANT).sku("SPE_E3").build(),
                            provider(SUB_B).tenant(TENANT).sku("SPE_E5").build()));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("MISSING_AT_PROVIDER");
            assertThat(lineOfSubscription(lines, SUB_A).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lineOfSubscription(lines, SUB_B).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lines).hasSize(3);
        }

        @Test
        @DisplayName("1 CT record : 2 provider subscriptions -> AMBIGUOUS_MATCH, and both subscriptions MISSING_IN_CT")
        void oneCtTwoProvidersIsAmbiguous() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500343").licenses(30).unitPrice("12.50").build()),
                    List.of(provider(SUB_A).build(), provider(SUB_B).build()));

            ReconciliationLine ctLine = lineOfCt(lines, "500343");
            assertThat(ctLine.result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(ctLine.subscriptionId()).isNull();
            assertThat(ctLine.quantityDelta()).isEqualTo(-30);
            assertThat(ctLine.monthlyAmountDelta()).isEqualByComparingTo("-375.00");
            assertThat(lineOfSubscription(lines, SUB_A).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lineOfSubscription(lines, SUB_B).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lines).hasSize(3);
        }

        @Test
        @DisplayName("2 CT records : 1 provider subscription -> both AMBIGUOUS_MATCH, the subscription MISSING_IN_CT")
        void twoCtsOneProviderIsAmbiguous() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").build(), ct("500002").build()),
                    List.of(provider(SUB_A).build()));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(lineOfCt(lines, "500002").result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(lineOfSubscription(lines, SUB_A).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lines).hasSize(3);
        }

        @Test
        @DisplayName("2 CT records : 2 provider subscriptions -> all four unmatched (no guessing)")
        void twoCtsTwoProvidersIsAmbiguous() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").build(), ct("500002").build()),
                    List.of(provider(SUB_A).build(), provider(SUB_B).build()));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(lineOfCt(lines, "500002").result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(lineOfSubscription(lines, SUB_A).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lineOfSubscription(lines, SUB_B).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lines).hasSize(4);
        }

        @Test
        @DisplayName("0 candidates -> MISSING_AT_PROVIDER")
        void noCandidateIsMissingAtProvider() {
            List<ReconciliationLine> lines = reconcile(List.of(ct("500001").licenses(4).build()), List.of());

            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.result()).isEqualTo("MISSING_AT_PROVIDER");
                assertThat(line.quantityDelta()).isEqualTo(-4);
            });
        }

        @Test
        @DisplayName("2 CT records and 0 candidates -> both MISSING_AT_PROVIDER (not AMBIGUOUS_MATCH)")
        void twoCtsNoCandidateAreMissingAtProvider() {
            List<ReconciliationLine> lines = reconcile(List.of(ct("500001").build(), ct("500002").build()), List.of());

            assertThat(lines).extracting(ReconciliationLine::result)
                    .containsExactlyInAnyOrder("MISSING_AT_PROVIDER", "MISSING_AT_PROVIDER");
        }

        @Test
        @DisplayName("a subscription claimed by id is not a candidate: 1 unlinked CT, 2 subs of the pair, one claimed -> UNLINKED with the other")
        void subscriptionClaimedByIdIsNotACandidate() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").linkedTo(SUB_A).build(), ct("500002").build()),
                    List.of(provider(SUB_A).build(), provider(SUB_B).build()));

            ReconciliationLine linked = lineOfCt(lines, "500001");
            assertThat(linked.subscriptionId()).isEqualTo(SUB_A);
            assertThat(linked.result()).isEqualTo("OK");
            ReconciliationLine unlinked = lineOfCt(lines, "500002");
            assertThat(unlinked.subscriptionId()).isEqualTo(SUB_B);
            assertThat(unlinked.result()).isEqualTo("UNLINKED");
            assertThat(lines).hasSize(2);
        }

        @Test
        @DisplayName("a subscription claimed by id is not a candidate: the only sub of the pair claimed -> MISSING_AT_PROVIDER")
        void onlySubscriptionClaimedByIdLeavesNoCandidate() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").linkedTo(SUB_A).build(), ct("500002").build()),
                    List.of(provider(SUB_A).build()));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("OK");
            assertThat(lineOfCt(lines, "500002").result()).isEqualTo("MISSING_AT_PROVIDER");
            assertThat(lines).hasSize(2);
        }

        @Test
        @DisplayName("a CT record whose id is not at the provider does not count among the pair's unlinked records")
        void recordWithUnknownIdDoesNotCompeteForThePair() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").linkedTo(UNKNOWN_SUB).build(), ct("500002").build()),
                    List.of(provider(SUB_A).build()));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("MISSING_AT_PROVIDER");
            assertThat(lineOfCt(lines, "500002").result()).isEqualTo("UNLINKED");
            assertThat(lineOfCt(lines, "500002").subscriptionId()).isEqualTo(SUB_A);
            assertThat(lines).hasSize(2);
        }

        @Test
        @DisplayName("each (tenant, SKU) pair is decided on its own")
        void pairsAreIndependent() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").sku("SPE_E3").build(), ct("500002").sku("SPE_E5").build(),
                            ct("500003").sku("SPE_E5").build()),
                    List.of(provider(SUB_A).sku("SPE_E3").build(), provider(SUB_B).sku("SPE_E5").build()));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("UNLINKED");
            assertThat(lineOfCt(lines, "500002").result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(lineOfCt(lines, "500003").result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(lineOfSubscription(lines, SUB_B).result()).isEqualTo("MISSING_IN_CT");
            assertThat(lines).hasSize(4);
        }

        @Test
        @DisplayName("an UNLINKED pair also gets the codes of its differences")
        void unlinkedPairAlsoGetsMismatchCodes() {
            List<ReconciliationLine> lines = reconcile(
                    List.of(ct("500001").licenses(10).build()),
                    List.of(provider(SUB_A).quantity(12).build()));

            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.result()).isEqualTo("QUANTITY_MISMATCH;UNLINKED");
                assertThat(line.quantityDelta()).isEqualTo(2);
            });
        }
    }

    @Nested
    @DisplayName("Rule 3: a provider subscription matched by nothing")
    class MissingInCt {

        @ParameterizedTest(name = "status {0}")
        @EnumSource(ProviderStatus.class)
        @DisplayName("is MISSING_IN_CT whatever its status")
        void missingInCtWhateverStatus(ProviderStatus status) {
            List<ReconciliationLine> lines = reconcile(List.of(), List.of(provider(SUB_A).status(status).quantity(5).build()));

            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.result()).isEqualTo("MISSING_IN_CT");
                assertThat(line.subscriptionId()).isEqualTo(SUB_A);
                assertThat(line.quantityDelta()).isEqualTo(5);
                assertThat(line.monthlyAmountDelta()).isNull();
            });
        }
    }

    @Nested
    @DisplayName("Rule 4: customers whose provider data could not be read")
    class UnreadCustomers {

        @Test
        @DisplayName("their CT records are NOT_AUDITED, never MISSING_AT_PROVIDER")
        void unreadCustomerRecordsAreNotAudited() {
            List<ReconciliationLine> lines = LicenseMatcher.reconcile(
                    List.of(ct("500001").tenant(OTHER_TENANT).linkedTo(UNKNOWN_SUB).build(),
                            ct("500002").tenant(OTHER_TENANT).build()),
                    List.of(),
                    Set.of(OTHER_TENANT));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("NOT_AUDITED");
            assertThat(lineOfCt(lines, "500002").result()).isEqualTo("NOT_AUDITED");
            assertThat(lines).hasSize(2);
        }

        @Test
        @DisplayName("other customers in the same run are reconciled as usual")
        void otherCustomersAreUnaffected() {
            List<ReconciliationLine> lines = LicenseMatcher.reconcile(
                    List.of(ct("500001").tenant(OTHER_TENANT).build(),
                            ct("500002").tenant(TENANT).linkedTo(UNKNOWN_SUB).build(),
                            ct("500003").tenant(TENANT).linkedTo(SUB_A).build()),
                    List.of(provider(SUB_A).tenant(TENANT).build()),
                    Set.of(OTHER_TENANT));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("NOT_AUDITED");
            assertThat(lineOfCt(lines, "500002").result()).isEqualTo("MISSING_AT_PROVIDER");
            assertThat(lineOfCt(lines, "500003").result()).isEqualTo("OK");
        }

        @Test
        @DisplayName("an unread customer's unlinked record is NOT_AUDITED even where a candidate happens to be present")
        void unreadUnlinkedIsNotAuditedNotUnlinked() {
            List<ReconciliationLine> lines = LicenseMatcher.reconcile(
                    List.of(ct("500001").tenant(OTHER_TENANT).build()),
                    List.of(provider(SUB_A).tenant(OTHER_TENANT).build()),
                    Set.of(OTHER_TENANT));

            assertThat(lineOfCt(lines, "500001").result()).isEqualTo("NOT_AUDITED");
            // completeness: the subscription still appears in exactly one row
            assertThat(lines).filteredOn(l -> SUB_A.equals(l.subscriptionId())).hasSize(1);
        }
    }

    @Nested
    @DisplayName("Completeness: every CT record and every provider subscription appears in exactly one row")
    class Completeness {

        @Test
        @DisplayName("a hand-made mix of every rule")
        void handMadeMix() {
            List<CtLicense> cts = List.of(
                    ct("1").linkedTo(SUB_A).build(),                     // rule 1 match
                    ct("2").linkedTo(UNKNOWN_SUB).build(),               // rule 1 missing
                    ct("3").sku("SPE_E5").build(),                       // rule 2 unlinked pair with SUB_B
                    ct("4").sku("SPE_F1").build(),                       // rule 2 ambiguous (SUB_C, uuid(4))
                    ct("5").sku("EMS").build());                         // rule 2 none
            List<ProviderSubscription> providers = List.of(
                    provider(SUB_A).build(),
                    provider(SUB_B).sku("SPE_E5").build(),
                    provider(SUB_C).sku("SPE_F1").build(),
                    provider(uuid(4)).sku("SPE_F1").build(),
                    provider(uuid(5)).sku("VISIO").build());             // rule 3

            List<ReconciliationLine> lines = reconcile(cts, providers);

            assertThat(lines).hasSize(cts.size() + providers.size() - 2);
            assertThat(lines).extracting(ReconciliationLine::ctLicenseId).filteredOn(Objects::nonNull)
                    .containsExactlyInAnyOrder("1", "2", "3", "4", "5");
            for (ProviderSubscription p : providers) {
                assertThat(lines).filteredOn(l -> p.subscriptionId().equals(l.subscriptionId()))
                        .as("rows of subscription %s", p.subscriptionId()).hasSize(1);
            }
            assertThat(lines).extracting(ReconciliationLine::result).containsExactlyInAnyOrder(
                    "OK", "MISSING_AT_PROVIDER", "UNLINKED", "AMBIGUOUS_MATCH", "MISSING_AT_PROVIDER",
                    "MISSING_IN_CT", "MISSING_IN_CT", "MISSING_IN_CT");
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 2, 3, 7, 42, 1234, 20261126, 987654321})
        @DisplayName("a randomized data set: rows = CT records + provider subscriptions - matched pairs, each once")
        void randomizedDataSet(long seed) {
            Random random = new Random(seed);
            List<UUID> tenants = List.of(uuid(101), uuid(102), uuid(103));
            List<String> skus = List.of("SPE_E3", "SPE_E5", "SPE_F1", "EMS");
            List<ProviderSubscription> providers = new ArrayList<>();
            int next = 1000;
            for (UUID tenant : tenants) {
                for (String sku : skus) {
                    int count = random.nextInt(4);
                    for (int i = 0; i < count; i++) {
                        providers.add(provider(uuid(next++)).tenant(tenant).sku(sku)
                                .status(ProviderStatus.values()[random.nextInt(ProviderStatus.values().length)])
                                .quantity(random.nextInt(50)).build());
                    }
                }
            }
            List<CtLicense> cts = new ArrayList<>();
            Set<UUID> claimed = new HashSet<>();
            int ctCount = 5 + random.nextInt(30);
            for (int i = 0; i < ctCount; i++) {
                String id = "CT-" + i;
                int kind = random.nextInt(3);
                if (kind == 0 && !providers.isEmpty()) {
                    ProviderSubscription target = providers.get(random.nextInt(providers.size()));
                    if (claimed.add(target.subscriptionId())) {
                        cts.add(ct(id).tenant(target.customerTenantId()).sku(target.skuPartNumber())
                                .linkedTo(target.subscriptionId()).licenses(random.nextInt(50)).build());
                        continue;
                    }
                }
                if (kind == 1) {
                    cts.add(ct(id).tenant(tenants.get(random.nextInt(3))).sku(skus.get(random.nextInt(4)))
                            .linkedTo(uuid(900_000 + i)).licenses(random.nextInt(50)).build());
                    continue;
                }
                cts.add(ct(id).tenant(tenants.get(random.nextInt(3))).sku(skus.get(random.nextInt(4)))
                        .licenses(random.nextInt(50)).build());
            }

            // Independent oracle of the matching rules.
            Map<String, String> expectedKind = new HashMap<>();
            Map<List<Object>, Integer> unlinkedPerPair = new HashMap<>();
            Map<List<Object>, Integer> freePerPair = new HashMap<>();
            for (CtLicense c : cts) {
                if (c.subscriptionId() == null) {
                    unlinkedPerPair.merge(List.of(c.customerTenantId(), c.skuPartNumber()), 1, Integer::sum);
                }
            }
            for (ProviderSubscription p : providers) {
                if (!claimed.contains(p.subscriptionId())) {
                    freePerPair.merge(List.of(p.customerTenantId(), p.skuPartNumber()), 1, Integer::sum);
                }
            }
            int pairs = 0;
            for (CtLicense c : cts) {
                if (c.subscriptionId() != null) {
                    boolean found = claimed.contains(c.subscriptionId());
                    expectedKind.put(c.ctLicenseId(), found ? "pair" : "MISSING_AT_PROVIDER");
                    pairs += found ? 1 : 0;
                } else {
                    List<Object> key = List.of(c.customerTenantId(), c.skuPartNumber());
                    int free = freePerPair.getOrDefault(key, 0);
                    int records = unlinkedPerPair.get(key);
                    String kind = free == 0 ? "MISSING_AT_PROVIDER" : records == 1 && free == 1 ? "UNLINKED" : "AMBIGUOUS_MATCH";
                    expectedKind.put(c.ctLicenseId(), kind);
                    pairs += kind.equals("UNLINKED") ? 1 : 0;
                }
            }

            List<ReconciliationLine> lines = reconcile(cts, providers);

            assertThat(lines).hasSize(cts.size() + providers.size() - pairs);
            for (CtLicense c : cts) {
                ReconciliationLine line = lineOfCt(lines, c.ctLicenseId());
                String kind = expectedKind.get(c.ctLicenseId());
                switch (kind) {
                    case "pair" -> {
                        assertThat(line.subscriptionId()).isEqualTo(c.subscriptionId());
                        assertThat(line.providerQuantity()).isNotNull();
                        assertThat(line.result()).doesNotContain("UNLINKED", "MISSING", "AMBIGUOUS");
                    }
                    case "UNLINKED" -> {
                        assertThat(line.result()).contains("UNLINKED");
                        assertThat(line.providerQuantity()).isNotNull();
                    }
                    default -> assertThat(line.result()).isEqualTo(kind);
                }
            }
            for (ProviderSubscription p : providers) {
                ReconciliationLine line = lineOfSubscription(lines, p.subscriptionId());
                assertThat(line.providerQuantity()).isEqualTo(p.quantity());
                if (line.ctLicenseId() == null) {
                    assertThat(line.result()).isEqualTo("MISSING_IN_CT");
                }
            }
            long missingInCt = lines.stream().filter(l -> l.result().equals("MISSING_IN_CT")).count();
            assertThat(missingInCt).isEqualTo(providers.size() - pairs);
        }
    }
}
