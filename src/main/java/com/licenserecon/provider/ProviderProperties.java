package com.licenserecon.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which provider a sync reads and where seat changes are sent ({@code license-recon.provider.*}).
 *
 * @param source {@code file} (a provider file per run) or {@code partner-center} (Partner Center's API)
 * @param gateway {@code file} (the provider-changes outbox) or {@code partner-center} (PATCH at Partner Center)
 */
@ConfigurationProperties("license-recon.provider")
public record ProviderProperties(String source, String gateway) {

    public ProviderProperties {
        source = source == null ? "file" : source;
        gateway = gateway == null ? "file" : gateway;
    }

    public boolean readsPartnerCenter() {
        return ProviderSources.PARTNER_CENTER.equals(source);
    }
}
