package com.licenserecon.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.web.CustomerLicenses.LicenseLine;
import com.licenserecon.web.CustomerLicenses.Match;
import com.licenserecon.web.CustomerLicenses.ProviderSide;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which license rows offer "Change seats": a request names the tenant the provider is called with. */
class LicenseRowTest {

    private static final UUID PAGE_TENANT = UUID.fromString("7e31ea49-118d-489e-a85a-fd1371126c20");
    private static final UUID OTHER_TENANT = UUID.fromString("b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7");
    private static final UUID SUBSCRIPTION = UUID.fromString("9be11156-d0e4-43dd-a4ef-be085eb9b6fd");

    @Test
    void aSubscriptionTheProviderListsUnderThisCustomerCanBeChanged() {
        LicenseRow row = LicenseRow.of(PAGE_TENANT, line(PAGE_TENANT), 0, SUBSCRIPTION, List.of());

        assertThat(row.changeable()).isTrue();
        assertThat(row.open()).isTrue();
    }

    @Test
    void aSubscriptionTheProviderListsUnderAnotherTenantCannotBeChangedFromThisCustomersPage() {
        // Given a CT record of this customer linking a subscription that the provider lists under another tenant
        LicenseRow row = LicenseRow.of(PAGE_TENANT, line(OTHER_TENANT), 0, SUBSCRIPTION, List.of());

        // Then the page offers no change: a request from here would call the provider with the wrong customer
        assertThat(row.changeable()).isFalse();
        assertThat(row.open()).isFalse();
    }

    private static LicenseLine line(UUID providerTenant) {
        ProviderSide provider = new ProviderSide(SUBSCRIPTION, providerTenant, "Microsoft 365 E3", 20, 10, 10, "active",
                "NCE", true, "P1Y", LocalDate.parse("2027-06-30"), LocalDate.parse("2027-07-01"));
        return new LicenseLine("500001", SUBSCRIPTION, "SPE_E3", "Microsoft 365 E3", 20, LocalDate.parse("2027-07-01"),
                null, true, true, Match.LINKED, provider, null, "OK");
    }
}
