package com.licenserecon.provider.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.ProviderFileReader;
import com.licenserecon.provider.ProviderRow;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Subscription;
import com.licenserecon.support.SampleData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The converter of the end-to-end tests is faithful: the sample provider file turned into Partner Center
 * and Graph JSON, read back through the product's own mapping ({@link PartnerCenterSubscriptions} with
 * config/sku-map.csv), gives every row of the file field by field. The only difference is {@code assigned},
 * which Graph knows per SKU and tenant, not per subscription.
 */
class SamplePartnerCenterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theJsonReadBackThroughTheProductsMappingIsTheProviderFile() throws Exception {
        SamplePartnerCenter sample = SamplePartnerCenter.fromProviderFile(SampleData.PROVIDER_LICENSES);
        PartnerCenterSubscriptions mapping = new PartnerCenterSubscriptions(SkuMap.load(Path.of("config", "sku-map.csv")));

        Map<UUID, ProviderSubscription> fromJson = new LinkedHashMap<>();
        List<String> gaps = new ArrayList<>();
        for (SamplePartnerCenter.Tenant tenant : sample.tenants()) {
            List<Subscription> subscriptions = new ArrayList<>();
            for (JsonNode node : tenant.subscriptions()) {
                subscriptions.add(JSON.treeToValue(node, Subscription.class));
            }
            Map<String, Integer> consumed = new HashMap<>();
            for (JsonNode sku : tenant.subscribedSkus().get("value")) {
                consumed.put(sku.get("skuPartNumber").asString().toUpperCase(Locale.ROOT), sku.get("consumedUnits").asInt());
            }
            for (var mapped : mapping.mapCustomer(UUID.fromString(tenant.tenantId()), tenant.companyName(), subscriptions,
                    consumed)) {
                if (mapped.hasGap()) {
                    gaps.add(mapped.gap());
                }
                fromJson.put(mapped.subscription().subscriptionId(), mapped.subscription());
            }
        }

        Map<UUID, ProviderSubscription> fromFile = readFile(SampleData.PROVIDER_LICENSES);
        assertThat(gaps).isEmpty();
        assertThat(fromJson.keySet()).containsExactlyInAnyOrderElementsOf(fromFile.keySet());
        for (ProviderSubscription file : fromFile.values()) {
            ProviderSubscription json = fromJson.get(file.subscriptionId());
            Integer graphCount = sample.consumedUnits(file.customerTenantId().toString(), file.skuPartNumber());
            assertThat(json.assigned()).as("assigned of %s: Graph's count of the SKU", file.subscriptionId())
                    .isEqualTo(graphCount);
            assertThat(withAssigned(json, null)).as("subscription %s", file.subscriptionId())
                    .isEqualTo(withAssigned(file, null));
        }
        // Customers appear in the order of the file and hold their own subscriptions only.
        assertThat(sample.tenants()).hasSize(106);
    }

    private static Map<UUID, ProviderSubscription> readFile(Path file) throws Exception {
        ProviderFileReader reader = new ProviderFileReader(file);
        reader.open(new ExecutionContext());
        Map<UUID, ProviderSubscription> rows = new LinkedHashMap<>();
        try {
            for (ProviderRow row = reader.read(); row != null; row = reader.read()) {
                assertThat(row).isInstanceOf(ProviderRow.Accepted.class);
                ProviderSubscription s = ((ProviderRow.Accepted) row).subscription();
                rows.put(s.subscriptionId(), s);
            }
        } finally {
            reader.close();
        }
        return rows;
    }

    private static ProviderSubscription withAssigned(ProviderSubscription s, Integer assigned) {
        return new ProviderSubscription(s.customerTenantId(), s.customerName(), s.subscriptionId(), s.offerId(),
                s.skuPartNumber(), s.displayName(), s.quantity(), assigned, s.status(), s.autoRenew(), s.commitment(),
                s.termDuration(), s.billingCycle(), s.termStart(), s.termEnd(), s.refundable());
    }
}
