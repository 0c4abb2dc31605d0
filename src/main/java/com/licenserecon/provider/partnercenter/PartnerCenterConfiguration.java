package com.licenserecon.provider.partnercenter;

import com.licenserecon.provider.ProviderSnapshotStore;
import com.licenserecon.provider.ProviderSources;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Partner Center, when it is the provider source ({@code license-recon.provider.source=partner-center})
 * or the seat change gateway ({@code license-recon.provider.gateway=partner-center}): one client, so
 * that both share the token cache and the rate limit.
 */
@Configuration
@ConditionalOnExpression("'${license-recon.provider.source:file}' == 'partner-center' "
        + "or '${license-recon.provider.gateway:file}' == 'partner-center'")
public class PartnerCenterConfiguration {

    @Bean
    PartnerCenterClient partnerCenterClient(PartnerCenterProperties properties, Clock clock) {
        return PartnerCenterClient.create(properties, clock);
    }

    @Bean
    SubscriptionApi partnerCenterSubscriptionApi(PartnerCenterClient client) {
        return client.subscriptionApi();
    }

    /** Each run reads every customer again; what could not be read is recorded on the run's snapshot. */
    @Bean
    ProviderSources.ApiSource partnerCenterSource(PartnerCenterClient client, PartnerCenterProperties properties,
            ProviderSnapshotStore snapshots) {
        return snapshotId -> new PartnerCenterSnapshotReader(client,
                new PartnerCenterSubscriptions(SkuMap.load(properties.skuMap())), new SnapshotProblems() {
                    @Override
                    public void customerUnread(UUID tenantId, String customerName, String reason) {
                        snapshots.customerUnread(snapshotId, tenantId, reason);
                    }

                    @Override
                    public void mappingGap(UUID tenantId, UUID subscriptionId, String offerId, String reason) {
                        snapshots.mappingGap(snapshotId, tenantId, subscriptionId, offerId, reason);
                    }
                });
    }
}
