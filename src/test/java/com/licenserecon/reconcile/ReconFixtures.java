package com.licenserecon.reconcile;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.ctlicense.CtStatus;
import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Builders for CT license records and provider subscriptions that agree on everything by default
 * (same seats, active/Active, renewal date = term_end + 1 day, same auto renew), so a test changes
 * only the fact it is about.
 */
final class ReconFixtures {

    static final UUID TENANT = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID OTHER_TENANT = UUID.fromString("22222222-2222-2222-2222-222222222222");
    static final String SKU = "SPE_E3";
    static final LocalDate TERM_START = LocalDate.of(2026, 3, 1);
    static final LocalDate TERM_END = LocalDate.of(2027, 2, 28);
    static final LocalDate RENEWAL = TERM_END.plusDays(1);

    private ReconFixtures() {
    }

    static UUID uuid(int n) {
        return UUID.fromString("00000000-0000-0000-0000-%012d".formatted(n));
    }

    static ProviderBuilder provider(UUID subscriptionId) {
        return new ProviderBuilder(subscriptionId);
    }

    static CtBuilder ct(String id) {
        return new CtBuilder(id);
    }

    static final class ProviderBuilder {
        private UUID tenant = TENANT;
        private final UUID subscriptionId;
        private String sku = SKU;
        private int quantity = 10;
        private Integer assigned = 4;
        private ProviderStatus status = ProviderStatus.ACTIVE;
        private boolean autoRenew = true;
        private Commitment commitment = Commitment.NCE;
        private LocalDate termEnd = TERM_END;

        private ProviderBuilder(UUID subscriptionId) {
            this.subscriptionId = subscriptionId;
        }

        ProviderBuilder tenant(UUID v) { tenant = v; return this; }
        ProviderBuilder sku(String v) { sku = v; return this; }
        ProviderBuilder quantity(int v) { quantity = v; return this; }
        ProviderBuilder assigned(Integer v) { assigned = v; return this; }
        ProviderBuilder status(ProviderStatus v) { status = v; return this; }
        ProviderBuilder autoRenew(boolean v) { autoRenew = v; return this; }
        ProviderBuilder commitment(Commitment v) { commitment = v; return this; }
        ProviderBuilder termEnd(LocalDate v) { termEnd = v; return this; }

        ProviderSubscription build() {
            return new ProviderSubscription(tenant, "Contoso Ltd", subscriptionId, "CFQ7TTC0LH18:0001", sku,
                    "Microsoft 365 E3", quantity, assigned, status, autoRenew, commitment, "P1Y", "annual",
                    TERM_START, termEnd, List.of());
        }
    }

    static final class CtBuilder {
        private final String id;
        private UUID tenant = TENANT;
        private UUID subscriptionId;
        private String sku = SKU;
        private int licenses = 10;
        private LocalDate renewal = RENEWAL;
        private CtStatus status = CtStatus.Active;
        private boolean autoRenew = true;
        private BigDecimal unitPrice = new BigDecimal("36.00");
        private String currency = "USD";

        private CtBuilder(String id) {
            this.id = id;
        }

        CtBuilder tenant(UUID v) { tenant = v; return this; }
        CtBuilder linkedTo(UUID v) { subscriptionId = v; return this; }
        CtBuilder sku(String v) { sku = v; return this; }
        CtBuilder licenses(int v) { licenses = v; return this; }
        CtBuilder renewal(LocalDate v) { renewal = v; return this; }
        CtBuilder status(CtStatus v) { status = v; return this; }
        CtBuilder autoRenew(boolean v) { autoRenew = v; return this; }
        CtBuilder unitPrice(String v) { unitPrice = v == null ? null : new BigDecimal(v); return this; }
        CtBuilder currency(String v) { currency = v; return this; }

        CtLicense build() {
            return new CtLicense(id, tenant, subscriptionId, sku, "Microsoft 365 E3", licenses, renewal, status,
                    autoRenew, unitPrice, currency);
        }
    }
}
