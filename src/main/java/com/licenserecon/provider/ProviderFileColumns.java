package com.licenserecon.provider;

import java.util.List;

/** Column names of the provider licenses file (file-formats spec). */
public final class ProviderFileColumns {

    public static final String CUSTOMER_TENANT_ID = "customer_tenant_id";
    public static final String CUSTOMER_NAME = "customer_name";
    public static final String SUBSCRIPTION_ID = "subscription_id";
    public static final String OFFER_ID = "offer_id";
    public static final String SKU_PART_NUMBER = "sku_part_number";
    public static final String DISPLAY_NAME = "display_name";
    public static final String QUANTITY = "quantity";
    public static final String ASSIGNED = "assigned";
    public static final String STATUS = "status";
    public static final String AUTO_RENEW = "auto_renew";
    public static final String COMMITMENT = "commitment";
    public static final String TERM_DURATION = "term_duration";
    public static final String BILLING_CYCLE = "billing_cycle";
    public static final String TERM_START = "term_start";
    public static final String TERM_END = "term_end";
    public static final String REFUNDABLE = "refundable";

    public static final List<String> REQUIRED = List.of(CUSTOMER_TENANT_ID, SUBSCRIPTION_ID, SKU_PART_NUMBER,
            QUANTITY, STATUS, AUTO_RENEW, COMMITMENT, TERM_START, TERM_END);

    private ProviderFileColumns() {
    }
}
