package com.licenserecon.ctlicense;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** What the reseller bills a customer for: one row of the "Office 365 Licenses" admin page. */
public record CtLicense(
        String ctLicenseId,
        UUID customerTenantId,
        UUID subscriptionId,
        String skuPartNumber,
        String displayName,
        int ctLicenses,
        LocalDate renewalDate,
        CtStatus status,
        boolean autoRenew,
        BigDecimal unitPrice,
        String currency) {

    public boolean isLinked() {
        return subscriptionId != null;
    }
}
