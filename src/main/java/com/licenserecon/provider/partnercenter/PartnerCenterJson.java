package com.licenserecon.provider.partnercenter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON shapes of Microsoft's documented resources that license-recon reads: Partner Center's
 * ResourceCollection, Customer and Subscription, Graph's subscribedSkus and the identity platform's
 * token response. Unknown fields are ignored: Microsoft adds fields.
 */
public final class PartnerCenterJson {

    private PartnerCenterJson() {
    }

    /** Partner Center's {@code ResourceCollection}: a page of items and the link to the next page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResourceCollection<T>(Integer totalCount, List<T> items, Links links) {

        public List<T> itemsOrEmpty() {
            return items == null ? List.of() : items;
        }

        public Link next() {
            return links == null ? null : links.next();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Links(Link self, Link next, Link previous) {
    }

    /** A link of Partner Center: a URI relative to {@code /v1} and the headers to send with it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Link(String uri, String method, List<LinkHeader> headers) {

        public List<LinkHeader> headersOrEmpty() {
            return headers == null ? List.of() : headers;
        }
    }

    /** A header to send with a link, e.g. {@code MS-ContinuationToken}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LinkHeader(String key, String value) {
    }

    /** Partner Center's {@code Customer}; {@code id} is the customer's tenant id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(String id, CompanyProfile companyProfile, String relationshipToPartner) {

        public String tenantId() {
            return companyProfile != null && companyProfile.tenantId() != null ? companyProfile.tenantId() : id;
        }

        public String companyName() {
            return companyProfile == null ? null : companyProfile.companyName();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompanyProfile(String tenantId, String domain, String companyName) {
    }

    /** Partner Center's {@code Subscription}: the fields the snapshot needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subscription(
            String id,
            String offerId,
            String offerName,
            String friendlyName,
            Integer quantity,
            String unitType,
            ProductType productType,
            String status,
            Boolean autoRenewEnabled,
            String billingCycle,
            String termDuration,
            String creationDate,
            String effectiveStartDate,
            String commitmentEndDate,
            RefundableQuantity refundableQuantity) {
    }

    /** {@code OnlineServicesNCE} for New Commerce, {@code OnlineServices} for legacy licence-based offers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProductType(String id, String displayName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RefundableQuantity(Integer totalQuantity, List<RefundableDetail> details) {
    }

    /** Seats that may be removed until {@code allowedUntilDateTime}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RefundableDetail(Integer quantity, String allowedUntilDateTime) {
    }

    /** Graph {@code GET /v1.0/subscribedSkus}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubscribedSkus(List<SubscribedSku> value, @JsonProperty("@odata.nextLink") String nextLink) {
    }

    /** A Graph {@code subscribedSku}: {@code skuId} is Graph's GUID, not Partner Center's "0001". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubscribedSku(String skuId, String skuPartNumber, Integer consumedUnits, String capabilityStatus) {
    }

    /** The identity platform's token response (client credentials). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenResponse(
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("access_token") String accessToken) {

        @Override
        public String toString() {
            return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", accessToken=(hidden)]";
        }
    }
}
