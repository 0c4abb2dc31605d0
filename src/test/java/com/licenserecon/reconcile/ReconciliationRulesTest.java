package com.licenserecon.reconcile;

import static com.licenserecon.reconcile.ReconFixtures.RENEWAL;
import static com.licenserecon.reconcile.ReconFixtures.TERM_END;
import static com.licenserecon.reconcile.ReconFixtures.ct;
import static com.licenserecon.reconcile.ReconFixtures.provider;
import static com.licenserecon.reconcile.ReconFixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.ctlicense.CtStatus;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.ReconciliationRules.UnlinkedMatch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The "Reconciliation" section of licensing-rules.md: codes for a matched pair, money, unmatched records. */
class ReconciliationRulesTest {

    private static final UUID SUB = uuid(1);

    /** A CT record linked by id to the provider subscription: the plain matched pair of matching rule 1. */
    private static ReconciliationLine decideLinked(ReconFixtures.CtBuilder ct, ReconFixtures.ProviderBuilder provider) {
        return ReconciliationRules.decide(new MatchCandidate(ct.linkedTo(SUB).build(), provider.build(), 0, 0, false));
    }

    /** A CT record without subscription id, the only one of its (tenant, SKU), with exactly one candidate. */
    private static ReconciliationLine decideUnlinked(ReconFixtures.CtBuilder ct, ReconFixtures.ProviderBuilder provider) {
        return ReconciliationRules.decide(new MatchCandidate(ct.build(), provider.build(), 1, 1, false));
    }

    @Nested
    @DisplayName("Codes for a matched pair")
    class CodesForAMatchedPair {

        @Test
        @DisplayName("a pair that agrees on seats, status, renewal date and auto renew is OK")
        void agreeingPairIsOk() {
            ReconciliationLine line = decideLinked(ct("500001"), provider(SUB));

            assertThat(line.result()).isEqualTo("OK");
        }

        @ParameterizedTest(name = "ct_licenses={0}, quantity={1} -> {2}")
        @CsvSource({
                "10, 10, OK",
                "10, 11, QUANTITY_MISMATCH",
                "10,  9, QUANTITY_MISMATCH",
                " 0,  0, OK",
                " 0,  1, QUANTITY_MISMATCH",
                " 1,  0, QUANTITY_MISMATCH",
                "1000, 1000, OK",
        })
        @DisplayName("QUANTITY_MISMATCH when ct_licenses != quantity")
        void quantityMismatch(int ctLicenses, int quantity, String expected) {
            ReconciliationLine line = decideLinked(ct("500001").licenses(ctLicenses), provider(SUB).quantity(quantity));

            assertThat(line.result()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "CT {0}, provider {1} -> {2}")
        @CsvSource({
                "Active,   ACTIVE,    OK",
                "Active,   PENDING,   STATUS_MISMATCH",
                "Active,   SUSPENDED, STATUS_MISMATCH",
                "Active,   EXPIRED,   STATUS_MISMATCH",
                "Active,   DISABLED,  STATUS_MISMATCH",
                "Active,   DELETED,   STATUS_MISMATCH",
                "Inactive, ACTIVE,    STATUS_MISMATCH",
                "Inactive, PENDING,   OK",
                "Inactive, SUSPENDED, OK",
                "Inactive, EXPIRED,   OK",
                "Inactive, DISABLED,  OK",
                "Inactive, DELETED,   OK",
        })
        @DisplayName("STATUS_MISMATCH when (CT status is Active) != (provider status is active)")
        void statusMismatchTruthTable(CtStatus ctStatus, ProviderStatus providerStatus, String expected) {
            ReconciliationLine line = decideLinked(ct("500001").status(ctStatus), provider(SUB).status(providerStatus));

            assertThat(line.result()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "CT renewal_date = term_end {0} days -> {1}")
        @CsvSource({
                " 1, OK",
                " 0, RENEWAL_DATE_MISMATCH",
                " 2, RENEWAL_DATE_MISMATCH",
                "-1, RENEWAL_DATE_MISMATCH",
                "366, RENEWAL_DATE_MISMATCH",
        })
        @DisplayName("RENEWAL_DATE_MISMATCH when CT renewal_date != term_end + 1 day")
        void renewalDateMismatch(int daysAfterTermEnd, String expected) {
            ReconciliationLine line = decideLinked(ct("500001").renewal(TERM_END.plusDays(daysAfterTermEnd)),
                    provider(SUB).termEnd(TERM_END));

            assertThat(line.result()).isEqualTo(expected);
        }

        @Test
        @DisplayName("term_end is the inclusive last day: a CT renewal_date equal to term_end IS a mismatch")
        void renewalDateEqualToTermEndIsAMismatch() {
            LocalDate termEnd = LocalDate.of(2027, 4, 28);

            ReconciliationLine line = decideLinked(ct("500001").renewal(termEnd), provider(SUB).termEnd(termEnd));

            assertThat(line.result()).isEqualTo("RENEWAL_DATE_MISMATCH");
            assertThat(line.providerRenewalDate()).isEqualTo(LocalDate.of(2027, 4, 29));
        }

        @ParameterizedTest(name = "term_end {0}, CT renewal_date {1} -> {2}")
        @CsvSource({
                "2026-12-31, 2027-01-01, OK",
                "2028-02-28, 2028-02-29, OK",
                "2028-02-28, 2028-03-01, RENEWAL_DATE_MISMATCH",
                "2027-02-28, 2027-03-01, OK",
                "2026-11-30, 2026-12-01, OK",
        })
        @DisplayName("term_end + 1 day crosses month, year and leap-day boundaries")
        void renewalDateAcrossCalendarBoundaries(LocalDate termEnd, LocalDate ctRenewal, String expected) {
            ReconciliationLine line = decideLinked(ct("500001").renewal(ctRenewal), provider(SUB).termEnd(termEnd));

            assertThat(line.result()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "CT auto renew {0}, provider auto_renew {1} -> {2}")
        @CsvSource({
                "true,  true,  OK",
                "false, false, OK",
                "true,  false, AUTO_RENEW_MISMATCH",
                "false, true,  AUTO_RENEW_MISMATCH",
        })
        @DisplayName("AUTO_RENEW_MISMATCH when (CT auto renew is Yes) != provider auto_renew")
        void autoRenewMismatch(boolean ctAutoRenew, boolean providerAutoRenew, String expected) {
            ReconciliationLine line = decideLinked(ct("500001").autoRenew(ctAutoRenew),
                    provider(SUB).autoRenew(providerAutoRenew));

            assertThat(line.result()).isEqualTo(expected);
        }

        @Test
        @DisplayName("UNLINKED when the pair was matched by tenant and SKU, not by subscription id")
        void unlinkedWhenMatchedByTenantAndSku() {
            ReconciliationLine line = decideUnlinked(ct("500001"), provider(SUB));

            assertThat(line.result()).isEqualTo("UNLINKED");
            assertThat(line.subscriptionId()).isEqualTo(SUB);
            assertThat(line.ctLicenseId()).isEqualTo("500001");
        }

        @Test
        @DisplayName("no UNLINKED when the pair was matched by subscription id")
        void noUnlinkedWhenMatchedById() {
            ReconciliationLine line = decideLinked(ct("500001"), provider(SUB));

            assertThat(line.result()).doesNotContain("UNLINKED");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "quantity+status,             QUANTITY_MISMATCH;STATUS_MISMATCH",
                "auto renew+quantity,         AUTO_RENEW_MISMATCH;QUANTITY_MISMATCH",
                "renewal+unlinked,            RENEWAL_DATE_MISMATCH;UNLINKED",
                "status+auto renew,           AUTO_RENEW_MISMATCH;STATUS_MISMATCH",
                "all five,                    AUTO_RENEW_MISMATCH;QUANTITY_MISMATCH;RENEWAL_DATE_MISMATCH;STATUS_MISMATCH;UNLINKED",
        })
        @DisplayName("several codes are sorted by name and joined with ';'")
        void combinationsAreSortedByNameAndJoined(String description, String expected) {
            Set<String> codes = Set.of(expected.split(";"));

            ReconciliationLine line = decide(codes);

            assertThat(line.result()).isEqualTo(expected);
        }

        static Stream<Arguments> everyCombinationOfCodes() {
            List<String> all = List.of("QUANTITY_MISMATCH", "STATUS_MISMATCH", "RENEWAL_DATE_MISMATCH",
                    "AUTO_RENEW_MISMATCH", "UNLINKED");
            List<Arguments> combinations = new ArrayList<>();
            for (int mask = 0; mask < 1 << all.size(); mask++) {
                TreeSet<String> codes = new TreeSet<>();
                for (int i = 0; i < all.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        codes.add(all.get(i));
                    }
                }
                combinations.add(Arguments.of(codes, codes.isEmpty() ? "OK" : String.join(";", codes)));
            }
            return combinations.stream();
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("everyCombinationOfCodes")
        @DisplayName("each of the 32 combinations of the five pair codes gives exactly those codes, sorted")
        void everyCombination(Set<String> codes, String expected) {
            ReconciliationLine line = decide(codes);

            assertThat(line.result()).isEqualTo(expected);
        }

        /** Builds a pair that differs in exactly the facts behind {@code codes}. */
        private ReconciliationLine decide(Set<String> codes) {
            var ct = ct("500001");
            var provider = provider(SUB);
            if (codes.contains("QUANTITY_MISMATCH")) {
                provider.quantity(12);
            }
            if (codes.contains("STATUS_MISMATCH")) {
                provider.status(ProviderStatus.SUSPENDED);
            }
            if (codes.contains("RENEWAL_DATE_MISMATCH")) {
                ct.renewal(TERM_END);
            }
            if (codes.contains("AUTO_RENEW_MISMATCH")) {
                ct.autoRenew(false);
            }
            return codes.contains("UNLINKED") ? decideUnlinked(ct, provider) : decideLinked(ct, provider);
        }
    }

    @Nested
    @DisplayName("Money for a matched pair")
    class MoneyForAMatchedPair {

        @ParameterizedTest(name = "ct_licenses={0}, quantity={1}, unit_price={2} -> delta {3}, amount {4}")
        @CsvSource({
                "214, 217, 57.00,   3,   171.00",
                "217, 214, 57.00,  -3,  -171.00",
                " 10,  10,  8.00,   0,     0",
                "  7,   0, 12.3456, -7, -86.4192",
                "  1,   2,  0.0001,  1,    0.0001",
                "  5, 105, 19.99, 100,  1999.00",
                "  0,   3,  0.3333,  3,    0.9999",
        })
        @DisplayName("quantity_delta = provider quantity - ct_licenses; monthly_amount_delta = delta x unit_price, exact")
        void deltaAndAmount(int ctLicenses, int quantity, String unitPrice, int expectedDelta, String expectedAmount) {
            ReconciliationLine line = decideLinked(ct("500001").licenses(ctLicenses).unitPrice(unitPrice),
                    provider(SUB).quantity(quantity));

            assertThat(line.quantityDelta()).isEqualTo(expectedDelta);
            assertThat(line.monthlyAmountDelta()).isNotNull().isEqualByComparingTo(expectedAmount);
            assertThat(line.ctLicenses()).isEqualTo(ctLicenses);
            assertThat(line.providerQuantity()).isEqualTo(quantity);
        }

        @Test
        @DisplayName("the amount is never rounded: 3 x 0.3333 is 0.9999, not 1.00")
        void amountIsNotRounded() {
            ReconciliationLine line = decideLinked(ct("500001").licenses(0).unitPrice("0.3333"),
                    provider(SUB).quantity(3));

            assertThat(line.monthlyAmountDelta()).isEqualByComparingTo("0.9999");
            assertThat(line.monthlyAmountDelta()).isNotEqualByComparingTo("1.00");
        }

        @Test
        @DisplayName("a zero delta with a price is an amount of 0, not blank")
        void zeroDeltaWithPriceIsZero() {
            ReconciliationLine line = decideLinked(ct("500001").licenses(10).unitPrice("8.00"), provider(SUB).quantity(10));

            assertThat(line.quantityDelta()).isZero();
            assertThat(line.monthlyAmountDelta()).isNotNull().isEqualByComparingTo(BigDecimal.ZERO);
        }

        @Test
        @DisplayName("a blank CT unit_price gives a blank amount (null), never 0, while quantity_delta is still set")
        void blankPriceGivesBlankAmount() {
            ReconciliationLine line = decideLinked(ct("500001").licenses(10).unitPrice(null), provider(SUB).quantity(13));

            assertThat(line.quantityDelta()).isEqualTo(3);
            assertThat(line.monthlyAmountDelta()).isNull();
            assertThat(line.unitPrice()).isNull();
        }

        @Test
        @DisplayName("a blank CT unit_price with zero delta still gives a blank amount, not 0")
        void blankPriceAndZeroDeltaGivesBlankAmount() {
            ReconciliationLine line = decideLinked(ct("500001").licenses(10).unitPrice(null), provider(SUB).quantity(10));

            assertThat(line.quantityDelta()).isZero();
            assertThat(line.monthlyAmountDelta()).isNull();
        }

        @Test
        @DisplayName("an UNLINKED pair is priced like any other pair")
        void unlinkedPairIsPriced() {
            ReconciliationLine line = decideUnlinked(ct("500001").licenses(20).unitPrice("12.50"), provider(SUB).quantity(16));

            assertThat(line.quantityDelta()).isEqualTo(-4);
            assertThat(line.monthlyAmountDelta()).isEqualByComparingTo("-50.00");
        }

        @Test
        @DisplayName("the pair's line carries both sides, with provider_renewal_date = term_end + 1 day")
        void pairLineCarriesBothSides() {
            CtLicense ctRecord = ct("500001").linkedTo(SUB).licenses(9).status(CtStatus.Inactive).autoRenew(false)
                    .renewal(LocalDate.of(2027, 1, 1)).unitPrice("36.00").currency("EUR").build();
            ProviderSubscription sub = provider(SUB).quantity(11).assigned(7).status(ProviderStatus.SUSPENDED)
                    .autoRenew(true).termEnd(LocalDate.of(2027, 6, 30)).build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(ctRecord, sub, 0, 0, false));

            assertThat(line.customerTenantId()).isEqualTo(ReconFixtures.TENANT);
            assertThat(line.subscriptionId()).isEqualTo(SUB);
            assertThat(line.ctLicenseId()).isEqualTo("500001");
            assertThat(line.ctLicenses()).isEqualTo(9);
            assertThat(line.providerQuantity()).isEqualTo(11);
            assertThat(line.assigned()).isEqualTo(7);
            assertThat(line.ctStatus()).isEqualTo("Inactive");
            assertThat(line.providerStatus()).isEqualTo("suspended");
            assertThat(line.ctRenewalDate()).isEqualTo(LocalDate.of(2027, 1, 1));
            assertThat(line.providerRenewalDate()).isEqualTo(LocalDate.of(2027, 7, 1));
            assertThat(line.ctAutoRenew()).isFalse();
            assertThat(line.providerAutoRenew()).isTrue();
            assertThat(line.unitPrice()).isEqualByComparingTo("36.00");
            assertThat(line.currency()).isEqualTo("EUR");
            assertThat(line.commitment()).isEqualTo("NCE");
            assertThat(line.quantityDelta()).isEqualTo(2);
            assertThat(line.monthlyAmountDelta()).isEqualByComparingTo("72.00");
            // Inactive vs suspended agree (neither is active): no STATUS_MISMATCH.
            assertThat(line.result()).isEqualTo("AUTO_RENEW_MISMATCH;QUANTITY_MISMATCH;RENEWAL_DATE_MISMATCH");
        }
    }

    @Nested
    @DisplayName("CT records matched to nothing")
    class UnmatchedCtRecords {

        @Test
        @DisplayName("a CT record whose subscription id is not at the provider is MISSING_AT_PROVIDER, delta = -ct_licenses")
        void linkedRecordWithoutProviderIsMissingAtProvider() {
            CtLicense record = ct("500014").linkedTo(SUB).licenses(216).unitPrice("57.00").build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 0, 0, false));

            assertThat(line.result()).isEqualTo("MISSING_AT_PROVIDER");
            assertThat(line.quantityDelta()).isEqualTo(-216);
            assertThat(line.monthlyAmountDelta()).isEqualByComparingTo("-12312.00");
            assertThat(line.subscriptionId()).isEqualTo(SUB);
            assertThat(line.providerQuantity()).isNull();
            assertThat(line.providerStatus()).isNull();
            assertThat(line.providerRenewalDate()).isNull();
            assertThat(line.providerAutoRenew()).isNull();
        }

        @Test
        @DisplayName("an unlinked CT record with no candidate is MISSING_AT_PROVIDER, delta = -ct_licenses")
        void unlinkedRecordWithoutCandidateIsMissingAtProvider() {
            CtLicense record = ct("500015").licenses(4).unitPrice("8.00").build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 1, 0, false));

            assertThat(line.result()).isEqualTo("MISSING_AT_PROVIDER");
            assertThat(line.quantityDelta()).isEqualTo(-4);
            assertThat(line.monthlyAmountDelta()).isEqualByComparingTo("-32.00");
            assertThat(line.subscriptionId()).isNull();
        }

        @ParameterizedTest(name = "{0} unlinked CT record(s), {1} candidate(s)")
        @CsvSource({
                "1, 2",
                "2, 1",
                "2, 2",
                "3, 5",
        })
        @DisplayName("an unlinked CT record among several records or candidates is AMBIGUOUS_MATCH, delta = -ct_licenses")
        void ambiguousMatch(long records, long candidates) {
            CtLicense record = ct("500343").licenses(30).unitPrice("12.50").build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, records, candidates, false));

            assertThat(line.result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(line.quantityDelta()).isEqualTo(-30);
            assertThat(line.monthlyAmountDelta()).isEqualByComparingTo("-375.00");
            assertThat(line.providerQuantity()).isNull();
        }

        @Test
        @DisplayName("MISSING_AT_PROVIDER with a blank CT price has a blank amount, never 0")
        void missingAtProviderWithoutPriceHasBlankAmount() {
            CtLicense record = ct("500016").linkedTo(SUB).licenses(5).unitPrice(null).build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 0, 0, false));

            assertThat(line.quantityDelta()).isEqualTo(-5);
            assertThat(line.monthlyAmountDelta()).isNull();
        }

        @Test
        @DisplayName("AMBIGUOUS_MATCH with a blank CT price has a blank amount, never 0")
        void ambiguousWithoutPriceHasBlankAmount() {
            CtLicense record = ct("500017").licenses(5).unitPrice(null).build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 1, 2, false));

            assertThat(line.result()).isEqualTo("AMBIGUOUS_MATCH");
            assertThat(line.quantityDelta()).isEqualTo(-5);
            assertThat(line.monthlyAmountDelta()).isNull();
        }

        @Test
        @DisplayName("a CT record with 0 licenses matched to nothing has delta 0 (not -0 or blank)")
        void zeroLicensesMissingAtProvider() {
            CtLicense record = ct("500018").linkedTo(SUB).licenses(0).unitPrice("8.00").build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 0, 0, false));

            assertThat(line.quantityDelta()).isZero();
            assertThat(line.monthlyAmountDelta()).isEqualByComparingTo("0");
        }
    }

    @Nested
    @DisplayName("Provider subscriptions matched to nothing")
    class UnmatchedProviderSubscriptions {

        @ParameterizedTest(name = "provider status {0}")
        @EnumSource(ProviderStatus.class)
        @DisplayName("MISSING_IN_CT whatever the provider status, delta = quantity, amount blank (never 0)")
        void missingInCt(ProviderStatus status) {
            ProviderSubscription sub = provider(SUB).quantity(191).status(status).build();

            ReconciliationLine line = ReconciliationRules.decide(MatchCandidate.unclaimed(sub));

            assertThat(line.result()).isEqualTo("MISSING_IN_CT");
            assertThat(line.quantityDelta()).isEqualTo(191);
            assertThat(line.monthlyAmountDelta()).isNull();
            assertThat(line.providerStatus()).isEqualTo(status.wireValue());
        }

        @Test
        @DisplayName("MISSING_IN_CT with quantity 0 has delta 0 and a blank amount, never 0")
        void missingInCtWithZeroQuantity() {
            ReconciliationLine line = ReconciliationRules.decide(MatchCandidate.unclaimed(provider(SUB).quantity(0).build()));

            assertThat(line.quantityDelta()).isZero();
            assertThat(line.monthlyAmountDelta()).isNull();
        }

        @Test
        @DisplayName("MISSING_IN_CT leaves every CT-side value blank")
        void missingInCtHasNoCtSide() {
            ReconciliationLine line = ReconciliationRules.decide(MatchCandidate.unclaimed(provider(SUB).build()));

            assertThat(line.subscriptionId()).isEqualTo(SUB);
            assertThat(line.ctLicenseId()).isNull();
            assertThat(line.ctLicenses()).isNull();
            assertThat(line.ctStatus()).isNull();
            assertThat(line.ctRenewalDate()).isNull();
            assertThat(line.ctAutoRenew()).isNull();
            assertThat(line.unitPrice()).isNull();
            assertThat(line.currency()).isNull();
            assertThat(line.providerRenewalDate()).isEqualTo(RENEWAL);
        }

        @Test
        @DisplayName("a candidate with neither a CT record nor a provider subscription is refused")
        void emptyCandidateIsRefused() {
            assertThatThrownBy(() -> ReconciliationRules.decide(new MatchCandidate(null, null, 0, 0, false)))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("Customers whose provider data could not be read")
    class UnreadCustomers {

        @Test
        @DisplayName("a linked CT record without provider subscription is NOT_AUDITED, never MISSING_AT_PROVIDER")
        void linkedRecordIsNotAudited() {
            CtLicense record = ct("500020").linkedTo(SUB).build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 0, 0, true));

            assertThat(line.result()).isEqualTo("NOT_AUDITED");
        }

        @Test
        @DisplayName("an unlinked CT record without candidates is NOT_AUDITED, never MISSING_AT_PROVIDER")
        void unlinkedRecordIsNotAudited() {
            CtLicense record = ct("500021").build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 1, 0, true));

            assertThat(line.result()).isEqualTo("NOT_AUDITED");
        }

        @Test
        @DisplayName("an unlinked CT record among several is NOT_AUDITED, not AMBIGUOUS_MATCH")
        void ambiguousRecordIsNotAudited() {
            CtLicense record = ct("500022").build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, null, 2, 3, true));

            assertThat(line.result()).isEqualTo("NOT_AUDITED");
        }

        @Test
        @DisplayName("NOT_AUDITED and nothing else, even when the facts at hand would give mismatch codes")
        void notAuditedAndNothingElse() {
            CtLicense record = ct("500023").linkedTo(SUB).licenses(1).build();
            ProviderSubscription sub = provider(SUB).quantity(99).status(ProviderStatus.DELETED).build();

            ReconciliationLine line = ReconciliationRules.decide(new MatchCandidate(record, sub, 0, 0, true));

            assertThat(line.result()).isEqualTo("NOT_AUDITED");
            assertThat(line.ctLicenseId()).isEqualTo("500023");
        }
    }

    @Nested
    @DisplayName("Matching rule 2 outcome for an unlinked CT record")
    class UnlinkedMatchOutcome {

        @ParameterizedTest(name = "{0} unlinked record(s), {1} candidate(s) -> {2}")
        @CsvSource({
                "1, 0, NONE",
                "2, 0, NONE",
                "1, 1, ONE",
                "2, 1, SEVERAL",
                "1, 2, SEVERAL",
                "2, 2, SEVERAL",
                "5, 3, SEVERAL",
        })
        @DisplayName("exactly one record and one candidate match; none is NONE; anything else SEVERAL")
        void unlinkedMatch(long records, long candidates, UnlinkedMatch expected) {
            assertThat(ReconciliationRules.unlinkedMatch(records, candidates)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("ResultCode.result")
    class ResultText {

        @Test
        @DisplayName("no codes is OK")
        void noCodesIsOk() {
            assertThat(ResultCode.result(List.of())).isEqualTo("OK");
        }

        @Test
        @DisplayName("a single code is its name")
        void singleCode() {
            assertThat(ResultCode.result(List.of(ResultCode.MISSING_IN_CT))).isEqualTo("MISSING_IN_CT");
        }

        @Test
        @DisplayName("codes are sorted by name whatever order they come in, joined with ';'")
        void codesAreSortedByName() {
            assertThat(ResultCode.result(List.of(ResultCode.UNLINKED, ResultCode.STATUS_MISMATCH,
                    ResultCode.AUTO_RENEW_MISMATCH, ResultCode.QUANTITY_MISMATCH)))
                    .isEqualTo("AUTO_RENEW_MISMATCH;QUANTITY_MISMATCH;STATUS_MISMATCH;UNLINKED");
        }
    }
}
