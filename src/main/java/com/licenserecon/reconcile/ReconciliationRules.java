package com.licenserecon.reconcile;

import static com.licenserecon.reconcile.ResultCode.*;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.ctlicense.CtStatus;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The reconciliation section of the licensing rules: which codes a CT record or provider subscription
 * gets, and how the difference is priced. Matching by id and by (tenant, SKU) is done by whoever
 * builds the {@link MatchCandidate} ({@link LicenseMatcher} in memory); what a match means is decided here.
 * The nightly job applies these same rules in SQL ({@link ReconciliationQuery#INSERT_RESULTS}), so that a
 * million rows never leave the database; the generated-night tests hold the two to the same report.
 */
public final class ReconciliationRules {

    /** How an unlinked CT record fares among the others of its (tenant, SKU): matching rule 2. */
    public enum UnlinkedMatch { NONE, ONE, SEVERAL }

    private ReconciliationRules() {
    }

    public static UnlinkedMatch unlinkedMatch(long unlinkedRecordsForPair, long candidatesForPair) {
        if (candidatesForPair == 0) {
            return UnlinkedMatch.NONE;
        }
        return unlinkedRecordsForPair == 1 && candidatesForPair == 1 ? UnlinkedMatch.ONE : UnlinkedMatch.SEVERAL;
    }

    public static ReconciliationLine decide(MatchCandidate candidate) {
        CtLicense ct = candidate.ct();
        ProviderSubscription provider = candidate.provider();
        if (ct == null) {
            return providerOnly(Objects.requireNonNull(provider, "a candidate needs a CT record or a provider row"));
        }
        // Rule 4: a failure to read is never reported as MISSING_AT_PROVIDER.
        if (candidate.customerUnread()) {
            return ctOnly(ct, NOT_AUDITED, null);
        }
        if (ct.isLinked()) {
            return provider == null ? ctOnly(ct, MISSING_AT_PROVIDER, -ct.ctLicenses()) : pair(ct, provider, false);
        }
        return switch (unlinkedMatch(candidate.unlinkedRecordsForPair(), candidate.candidatesForPair())) {
            case NONE -> ctOnly(ct, MISSING_AT_PROVIDER, -ct.ctLicenses());
            case SEVERAL -> ctOnly(ct, AMBIGUOUS_MATCH, -ct.ctLicenses());
            case ONE -> pair(ct, Objects.requireNonNull(provider,
                    () -> "the single candidate of unlinked CT record " + ct.ctLicenseId() + " is missing"), true);
        };
    }

    static ReconciliationLine pair(CtLicense ct, ProviderSubscription p, boolean unlinked) {
        Set<ResultCode> codes = EnumSet.noneOf(ResultCode.class);
        if (ct.ctLicenses() != p.quantity()) {
            codes.add(QUANTITY_MISMATCH);
        }
        if ((ct.status() == CtStatus.Active) != (p.status() == ProviderStatus.ACTIVE)) {
            codes.add(STATUS_MISMATCH);
        }
        if (!ct.renewalDate().equals(p.renewalDate())) {
            codes.add(RENEWAL_DATE_MISMATCH);
        }
        if (ct.autoRenew() != p.autoRenew()) {
            codes.add(AUTO_RENEW_MISMATCH);
        }
        if (unlinked) {
            codes.add(UNLINKED);
        }
        int delta = p.quantity() - ct.ctLicenses();
        return new ReconciliationLine(p.customerTenantId(), p.customerName(), p.subscriptionId(), ct.ctLicenseId(),
                p.skuPartNumber(), p.displayName() != null ? p.displayName() : ct.displayName(),
                p.commitment().name(), ct.ctLicenses(), p.quantity(), p.assigned(), delta,
                ct.status().name(), p.status().wireValue(), ct.renewalDate(), p.renewalDate(),
                ct.autoRenew(), p.autoRenew(), ct.unitPrice(), ct.currency(), amount(delta, ct.unitPrice()),
                ResultCode.result(codes));
    }

    static ReconciliationLine ctOnly(CtLicense ct, ResultCode code, Integer delta) {
        return new ReconciliationLine(ct.customerTenantId(), null, ct.subscriptionId(), ct.ctLicenseId(),
                ct.skuPartNumber(), ct.displayName(), null, ct.ctLicenses(), null, null, delta,
                ct.status().name(), null, ct.renewalDate(), null, ct.autoRenew(), null,
                ct.unitPrice(), ct.currency(), amount(delta, ct.unitPrice()), code.name());
    }

    static ReconciliationLine providerOnly(ProviderSubscription p) {
        // No CT record, so no price: the amount stays blank, never 0.
        return new ReconciliationLine(p.customerTenantId(), p.customerName(), p.subscriptionId(), null,
                p.skuPartNumber(), p.displayName(), p.commitment().name(), null, p.quantity(), p.assigned(),
                p.quantity(), null, p.status().wireValue(), null, p.renewalDate(), null, p.autoRenew(),
                null, null, null, MISSING_IN_CT.name());
    }

    /** {@code monthly_amount_delta = quantity_delta x unit_price}; blank where either is unknown. */
    static BigDecimal amount(Integer quantityDelta, BigDecimal unitPrice) {
        return quantityDelta == null || unitPrice == null ? null : unitPrice.multiply(BigDecimal.valueOf(quantityDelta));
    }
}
