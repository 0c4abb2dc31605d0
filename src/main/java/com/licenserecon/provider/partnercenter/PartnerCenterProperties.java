package com.licenserecon.provider.partnercenter;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Partner Center and Microsoft Graph access ({@code license-recon.partner-center.*}). Every value has a
 * default except the credentials, which come from the environment or a configuration file outside the
 * repository ({@code LICENSE_RECON_PARTNER_CENTER_CLIENT_SECRET}) and are never logged: {@link #toString()}
 * masks the secret.
 *
 * @param tokenEndpoint the Microsoft identity platform token endpoint, with {@code {tenant}} where the
 *        tenant goes, e.g. {@code https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}
 * @param tenantId the partner's own tenant: put in place of {@code {tenant}} for Partner Center tokens
 * @param clientId the application (client) id
 * @param clientSecret the client secret
 * @param apiBaseUrl Partner Center's REST base URL
 * @param scope the scope of Partner Center tokens
 * @param graphEnabled whether assigned seats are read from Graph {@code subscribedSkus}; off: blank
 * @param graphBaseUrl Microsoft Graph's base URL
 * @param graphScope the scope of Graph tokens (asked in each customer's tenant)
 * @param requestsPerMinute client-side limit of API requests a minute
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed for a response to arrive
 * @param maxRetries retries of one call after a 5xx, a 409, a 429 or a time-out
 * @param initialBackoff the first back-off; each retry doubles it
 * @param pageSize customers asked per page
 * @param skuMap the offer to SKU mapping file
 */
@ConfigurationProperties("license-recon.partner-center")
public record PartnerCenterProperties(
        String tokenEndpoint,
        String tenantId,
        String clientId,
        String clientSecret,
        String apiBaseUrl,
        String scope,
        Boolean graphEnabled,
        String graphBaseUrl,
        String graphScope,
        Integer requestsPerMinute,
        Duration connectTimeout,
        Duration readTimeout,
        Integer maxRetries,
        Duration initialBackoff,
        Integer pageSize,
        Path skuMap) {

    public static final String TENANT_PLACEHOLDER = "{tenant}";

    public PartnerCenterProperties {
        tokenEndpoint = tokenEndpoint == null ? "https://login.microsoftonline.com/" + TENANT_PLACEHOLDER
                + "/oauth2/v2.0/token" : tokenEndpoint;
        apiBaseUrl = stripSlash(apiBaseUrl == null ? "https://api.partnercenter.microsoft.com" : apiBaseUrl);
        scope = scope == null ? "https://api.partnercenter.microsoft.com/.default" : scope;
        graphEnabled = graphEnabled != null && graphEnabled;
        graphBaseUrl = stripSlash(graphBaseUrl == null ? "https://graph.microsoft.com" : graphBaseUrl);
        graphScope = graphScope == null ? "https://graph.microsoft.com/.default" : graphScope;
        requestsPerMinute = requestsPerMinute == null ? 400 : requestsPerMinute;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        maxRetries = maxRetries == null ? 4 : maxRetries;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        pageSize = pageSize == null ? 100 : pageSize;
        skuMap = skuMap == null ? Path.of("config", "sku-map.csv") : skuMap;
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("license-recon.partner-center.requests-per-minute must be at least 1");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("license-recon.partner-center.max-retries must not be negative");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("license-recon.partner-center.page-size must be at least 1");
        }
    }

    /** The defaults, with these credentials: a start for tests and for code that builds its own. */
    public static PartnerCenterProperties of(String tokenEndpoint, String tenantId, String clientId, String clientSecret) {
        return new PartnerCenterProperties(tokenEndpoint, tenantId, clientId, clientSecret, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The token endpoint of a tenant: the partner's own for Partner Center, the customer's for Graph. */
    public String tokenEndpointOf(String tenant) {
        if (!tokenEndpoint.contains(TENANT_PLACEHOLDER)) {
            return tokenEndpoint;
        }
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalStateException("license-recon.partner-center.token-endpoint has " + TENANT_PLACEHOLDER
                    + " but license-recon.partner-center.tenant-id is not set");
        }
        return tokenEndpoint.replace(TENANT_PLACEHOLDER, tenant);
    }

    /** Whether credentials are configured (not whether they are right). */
    public boolean hasCredentials() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "PartnerCenterProperties[tokenEndpoint=" + tokenEndpoint + ", tenantId=" + tenantId + ", clientId="
                + clientId + ", clientSecret=" + (clientSecret == null || clientSecret.isEmpty() ? "(not set)" : "(set)")
                + ", apiBaseUrl=" + apiBaseUrl + ", scope=" + scope + ", graphEnabled=" + graphEnabled
                + ", graphBaseUrl=" + graphBaseUrl + ", graphScope=" + graphScope + ", requestsPerMinute="
                + requestsPerMinute + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff + ", pageSize=" + pageSize
                + ", skuMap=" + skuMap + "]";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
