package com.licenserecon.provider.partnercenter;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.RefundableDetail;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Subscription;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Partner Center's Subscription resource as a provider snapshot row ({@link ProviderSubscription}):
 * <ul>
 * <li>{@code offerId} through the {@link SkuMap} to {@code sku_part_number} and display name; an offer the
 * map lacks is kept as {@code UNMAPPED:<offerId>} and reported as a gap, never dropped;</li>
 * <li>{@code productType.id == OnlineServicesNCE} is NCE, anything else LEGACY;</li>
 * <li>{@code effectiveStartDate} is {@code term_start}; {@code commitmentEndDate} is {@code term_end}, the
 * inclusive last day. Microsoft documents New Commerce end dates as inclusive and legacy end dates as not
 * inclusive, so a LEGACY subscription's {@code term_end} is the day before its {@code commitmentEndDate};</li>
 * <li>{@code refundableQuantity.details[]} are the refundable batches;</li>
 * <li>assigned seats are Graph's {@code consumedUnits} of the SKU in the customer's tenant, null when
 * unknown. Graph counts by SKU, not by subscription: when a tenant has several subscriptions of one
 * SKU, each gets the SKU's whole count, which keeps a decrease from ever removing an assigned licence.</li>
 * </ul>
 */
public class PartnerCenterSubscriptions {

    public static final String UNMAPPED_PREFIX = "UNMAPPED:";
    public static final String NCE_PRODUCT_TYPE = "OnlineServicesNCE";

    private static final Set<String> TERM_DURATIONS = Set.of("P1M", "P1Y", "P3Y");
    private static final Set<String> BILLING_CYCLES = Set.of("monthly", "annual", "triennial", "none");
    private static final int MAX_TEXT = 500;

    private final SkuMap skuMap;

    public PartnerCenterSubscriptions(SkuMap skuMap) {
        this.skuMap = skuMap;
    }

    /**
     * A subscription as a snapshot row, and the mapping gap it has (null when none).
     *
     * @param gap why the SKU is not known ({@code sku_part_number} is then {@code UNMAPPED:<offerId>})
     */
    public record Mapped(ProviderSubscription subscription, String gap) {

        public boolean hasGap() {
            return gap != null;
        }
    }

    /**
     * Maps all of a customer's subscriptions, or none: the first one that cannot be mapped throws.
     *
     * @param consumedUnits Graph's consumed units by SKU part number in upper case ({@link
     *        PartnerCenterClient#consumedUnits}); empty when unknown
     * @throws SubscriptionMappingException a subscription that cannot be mapped
     */
    public List<Mapped> mapCustomer(UUID customerTenantId, String customerName, List<Subscription> subscriptions,
            Map<String, Integer> consumedUnits) {
        List<Mapped> mapped = new ArrayList<>(subscriptions.size());
        for (Subscription subscription : subscriptions) {
            mapped.add(map(customerTenantId, customerName, subscription, consumedUnits));
        }
        return mapped;
    }

    /**
     * Maps one subscription.
     *
     * @throws SubscriptionMappingException when it cannot be mapped
     */
    public Mapped map(UUID customerTenantId, String customerName, Subscription s, Map<String, Integer> consumedUnits) {
        String id = s.id();
        if (id == null || id.isBlank()) {
            throw new SubscriptionMappingException("(no id)", "has no id");
        }
        UUID subscriptionId = uuid(id);
        String offerId = s.offerId() == null || s.offerId().isBlank() ? null : s.offerId().strip();
        if (offerId == null) {
            throw new SubscriptionMappingException(id, "has no offerId");
        }
        if (offerId.length() > MAX_TEXT - UNMAPPED_PREFIX.length()) {
            throw new SubscriptionMappingException(id, "offerId is longer than " + (MAX_TEXT - UNMAPPED_PREFIX.length()));
        }
        Optional<SkuMap.Entry> sku = skuMap.find(offerId);
        String gap = sku.isPresent() ? null
                : "offer " + offerId + " is not in the SKU map; imported as " + UNMAPPED_PREFIX + offerId;
        String skuPartNumber = sku.map(SkuMap.Entry::skuPartNumber).orElse(UNMAPPED_PREFIX + offerId);
        String displayName = sku.map(SkuMap.Entry::displayName).filter(n -> !n.isBlank())
                .orElse(firstNonBlank(s.offerName(), s.friendlyName()));
        if (s.quantity() == null) {
            throw new SubscriptionMappingException(id, "has no quantity");
        }
        if (s.quantity() < 0) {
            throw new SubscriptionMappingException(id, "has a negative quantity " + s.quantity());
        }
        if (s.status() == null) {
            throw new SubscriptionMappingException(id, "has no status");
        }
        ProviderStatus status = ProviderStatus.parse(s.status()).orElseThrow(() -> new SubscriptionMappingException(id,
                "status '" + s.status() + "' is not one of active, pending, suspended, expired, disabled, deleted"));
        if (s.autoRenewEnabled() == null) {
            throw new SubscriptionMappingException(id, "has no autoRenewEnabled");
        }
        Commitment commitment = s.productType() != null && NCE_PRODUCT_TYPE.equalsIgnoreCase(s.productType().id())
                ? Commitment.NCE : Commitment.LEGACY;
        String startText = firstNonBlank(s.effectiveStartDate(), s.creationDate());
        if (startText == null) {
            throw new SubscriptionMappingException(id, "has no effectiveStartDate");
        }
        if (s.commitmentEndDate() == null || s.commitmentEndDate().isBlank()) {
            throw new SubscriptionMappingException(id, "has no commitmentEndDate");
        }
        LocalDate termStart = date(id, "effectiveStartDate", startText);
        LocalDate commitmentEnd = date(id, "commitmentEndDate", s.commitmentEndDate());
        LocalDate termEnd = commitment == Commitment.NCE ? commitmentEnd : commitmentEnd.minusDays(1);
        if (termEnd.isBefore(termStart)) {
            throw new SubscriptionMappingException(id, "term end " + termEnd + " is before term start " + termStart);
        }
        List<RefundableBatch> refundable = refundable(id, s);
        Integer assigned = consumedUnits == null ? null : consumedUnits.get(skuPartNumber.toUpperCase(Locale.ROOT));
        return new Mapped(new ProviderSubscription(customerTenantId, truncate(customerName), subscriptionId, offerId,
                skuPartNumber, truncate(displayName), s.quantity(), assigned, status, s.autoRenewEnabled(), commitment,
                termDuration(s.termDuration()), billingCycle(s.billingCycle()), termStart, termEnd, refundable), gap);
    }

    private static List<RefundableBatch> refundable(String id, Subscription s) {
        if (s.refundableQuantity() == null || s.refundableQuantity().details() == null) {
            return List.of();
        }
        List<RefundableBatch> batches = new ArrayList<>();
        for (RefundableDetail detail : s.refundableQuantity().details()) {
            if (detail == null) {
                continue;
            }
            if (detail.quantity() == null || detail.quantity() < 0) {
                throw new SubscriptionMappingException(id, "refundableQuantity.details has a bad quantity " + detail.quantity());
            }
            if (detail.allowedUntilDateTime() == null || detail.allowedUntilDateTime().isBlank()) {
                throw new SubscriptionMappingException(id, "refundableQuantity.details has no allowedUntilDateTime");
            }
            Instant until = instant(id, detail.allowedUntilDateTime());
            if (!RefundableBatch.isSupported(until)) {
                throw new SubscriptionMappingException(id, "refundableQuantity.details has allowedUntilDateTime "
                        + detail.allowedUntilDateTime() + " outside the years 1 to 9999");
            }
            batches.add(new RefundableBatch(detail.quantity(), until));
        }
        if (RefundableBatch.format(batches).length() > 8000) {
            throw new SubscriptionMappingException(id, "has too many refundable batches");
        }
        return batches;
    }

    private static String termDuration(String value) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        return TERM_DURATIONS.contains(upper) ? upper : null;
    }

    private static String billingCycle(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return BILLING_CYCLES.contains(lower) ? lower : null;
    }

    /** The UTC date of a Partner Center date-time ({@code 2026-07-08T00:00:00Z}; without offset: UTC). */
    static LocalDate date(String id, String field, String text) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).toLocalDate();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw new SubscriptionMappingException(id, field + " '" + text + "' is not a date");
                }
            }
        }
    }

    static Instant instant(String id, String text) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new SubscriptionMappingException(id, "allowedUntilDateTime '" + text + "' is not an instant");
            }
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new SubscriptionMappingException(id, "id is not a UUID");
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }

    private static String truncate(String text) {
        return text != null && text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
