package com.licenserecon.provider.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.ResourceCollection;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Subscription;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class PartnerCenterSubscriptionsTest {

    private static final UUID TENANT = UUID.fromString("0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a01");
    private static final SkuMap SKUS = SkuMap.parse(new StringReader("""
            product_id,sku_id,sku_part_number,display_name
            CFQ7TTC00447,0001,SPE_E3,Microsoft 365 E3
            91FD106F-4B2C-4938-95AC-F54F74E9A239,,ENTERPRISEPACK,Office 365 E3
            """), "test");

    private final PartnerCenterSubscriptions mapping = new PartnerCenterSubscriptions(SKUS);

    @Test
    void aFullNceSubscriptionMapsFieldByField() {
        Subscription nce = read("subscription-nce.json");

        PartnerCenterSubscriptions.Mapped mapped = mapping.map(TENANT, "Contoso Ltd", nce,
                Map.of("SPE_E3", 14, "ENTERPRISEPACK", 31));

        assertThat(mapped.hasGap()).isFalse();
        ProviderSubscription s = mapped.subscription();
        assertThat(s.customerTenantId()).isEqualTo(TENANT);
        assertThat(s.customerName()).isEqualTo("Contoso Ltd");
        assertThat(s.subscriptionId()).isEqualTo(UUID.fromString("a4c1340d-6911-4758-bba3-0c4c6007d161"));
        assertThat(s.offerId()).isEqualTo("CFQ7TTC00447:0001:CFQ7TTC0LH1G");
        assertThat(s.skuPartNumber()).isEqualTo("SPE_E3");
        assertThat(s.displayName()).isEqualTo("Microsoft 365 E3");
        assertThat(s.quantity()).isEqualTo(25);
        assertThat(s.assigned()).isEqualTo(14);
        assertThat(s.status()).isEqualTo(ProviderStatus.ACTIVE);
        assertThat(s.autoRenew()).isTrue();
        assertThat(s.commitment()).isEqualTo(Commitment.NCE);
        assertThat(s.termDuration()).isEqualTo("P1Y");
        assertThat(s.billingCycle()).isEqualTo("monthly");
        assertThat(s.termStart()).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThat(s.termEnd()).as("NCE commitmentEndDate is the inclusive last day").isEqualTo(LocalDate.of(2027, 10, 12));
        assertThat(s.renewalDate()).isEqualTo(LocalDate.of(2027, 10, 13));
        assertThat(s.refundable()).containsExactly(
                new RefundableBatch(20, Instant.parse("2026-10-20T08:12:44.1763398Z")),
                new RefundableBatch(5, Instant.parse("2026-11-29T13:05:00Z")));
        assertThat(RefundableBatch.format(s.refundable()))
                .isEqualTo("20@2026-10-20T08:12:44.176339800Z;5@2026-11-29T13:05:00Z");
    }

    @Test
    void aLegacySubscriptionEndsTheDayBeforeItsExclusiveCommitmentEndDate() {
        Subscription legacy = collection("subscriptions-contoso.json").get(1);

        ProviderSubscription s = mapping.map(TENANT, "Contoso Ltd", legacy, Map.of()).subscription();

        assertThat(s.commitment()).isEqualTo(Commitment.LEGACY);
        assertThat(s.skuPartNumber()).isEqualTo("ENTERPRISEPACK");
        assertThat(s.displayName()).isEqualTo("Office 365 E3");
        assertThat(s.termStart()).isEqualTo(LocalDate.of(2026, 5, 24));
        assertThat(s.termEnd()).isEqualTo(LocalDate.of(2027, 5, 23));
        assertThat(s.renewalDate()).isEqualTo(LocalDate.of(2027, 5, 24));
        assertThat(s.autoRenew()).isFalse();
        assertThat(s.billingCycle()).isEqualTo("annual");
        assertThat(s.refundable()).isEmpty();
        assertThat(s.assigned()).as("Graph not asked: unknown").isNull();
    }

    @Test
    void anUnmappedOfferIsKeptAndReportedAsAGap() {
        List<PartnerCenterSubscriptions.Mapped> mapped = mapping.mapCustomer(TENANT, "Contoso Ltd",
                collection("subscriptions-contoso.json"), Map.of("SPE_E3", 14));

        assertThat(mapped).hasSize(3);
        PartnerCenterSubscriptions.Mapped powerBi = mapped.get(2);
        assertThat(powerBi.hasGap()).isTrue();
        assertThat(powerBi.gap()).contains("CFQ7TTC0LHXM:0002:CFQ7TTC0KX8M", "not in the SKU map");
        assertThat(powerBi.subscription().skuPartNumber()).isEqualTo("UNMAPPED:CFQ7TTC0LHXM:0002:CFQ7TTC0KX8M");
        assertThat(powerBi.subscription().displayName()).isEqualTo("Power BI Pro");
        assertThat(powerBi.subscription().quantity()).isEqualTo(3);
        assertThat(powerBi.subscription().assigned()).isNull();
        assertThat(mapped.get(0).hasGap()).isFalse();
        assertThat(mapped.get(1).hasGap()).isFalse();
    }

    @Test
    void aSubscriptionThatCannotBeMappedNamesItselfAndTheReason() {
        Subscription none = collection("subscriptions-unmappable.json").get(0);

        assertThatThrownBy(() -> mapping.mapCustomer(TENANT, "Adatum", List.of(none), Map.of()))
                .isInstanceOf(SubscriptionMappingException.class)
                .hasMessageContaining("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                .hasMessageContaining("status 'none'");
    }

    @Test
    void aRefundDeadlineBeyondTheYear9999IsRefusedWithTheSubscriptionNamed() {
        Subscription farOff = JsonMapper.shared().readValue(MicrosoftFake.resource("subscription-nce.json")
                .replace("2026-11-29T13:05:00", "+10000-11-29T13:05:00"), Subscription.class);

        assertThatThrownBy(() -> mapping.map(TENANT, "Contoso Ltd", farOff, Map.of()))
                .isInstanceOf(SubscriptionMappingException.class)
                .hasMessageContaining("a4c1340d-6911-4758-bba3-0c4c6007d161")
                .hasMessageContaining("+10000-11-29T13:05:00").hasMessageContaining("outside the years 1 to 9999");
    }

    @Test
    void datesAreTakenInUtc() {
        assertThat(PartnerCenterSubscriptions.date("s", "f", "2027-10-12T23:30:00-02:00")).isEqualTo(LocalDate.of(2027, 10, 13));
        assertThat(PartnerCenterSubscriptions.date("s", "f", "2027-10-12T00:00:00")).isEqualTo(LocalDate.of(2027, 10, 12));
        assertThat(PartnerCenterSubscriptions.date("s", "f", "2027-10-12")).isEqualTo(LocalDate.of(2027, 10, 12));
        assertThat(PartnerCenterSubscriptions.instant("s", "2026-11-29T13:05:00"))
                .isEqualTo(Instant.parse("2026-11-29T13:05:00Z"));
        assertThatThrownBy(() -> PartnerCenterSubscriptions.date("s", "commitmentEndDate", "next year"))
                .hasMessageContaining("commitmentEndDate 'next year' is not a date");
    }

    static Subscription read(String name) {
        return JsonMapper.shared().readValue(MicrosoftFake.resource(name), Subscription.class);
    }

    static List<Subscription> collection(String name) {
        return JsonMapper.shared().readValue(MicrosoftFake.resource(name),
                new TypeReference<ResourceCollection<Subscription>>() {
                }).items();
    }
}
