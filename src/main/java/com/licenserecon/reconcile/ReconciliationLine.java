package com.licenserecon.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** One row of the reconciliation report; values absent on one side are null. */
public record ReconciliationLine(
        UUID customerTenantId,
        String customerName,
        UUID subscriptionId,
        String ctLicenseId,
        String skuPartNumber,
        String displayName,
        String commitment,
        Integer ctLicenses,
        Integer providerQuantity,
        Integer assigned,
        Integer quantityDelta,
        String ctStatus,
        String providerStatus,
        LocalDate ctRenewalDate,
        LocalDate providerRenewalDate,
        Boolean ctAutoRenew,
        Boolean providerAutoRenew,
        BigDecimal unitPrice,
        String currency,
        BigDecimal monthlyAmountDelta,
        String result) {
}
