package com.licenserecon.provider.partnercenter;

import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.SampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider file (samples/provider-licenses.csv) as what Partner Center and Microsoft Graph would answer
 * for the same licences, in Microsoft's documented JSON shapes: one {@code Customer} per
 * {@code customer_tenant_id} (in the order of the file), each with its {@code Subscription} resources,
 * and the {@code subscribedSkus} of its tenant.
 *
 * <p>The mapping is the inverse of {@link PartnerCenterSubscriptions}: {@code offerId} from {@code offer_id};
 * {@code productType.id} {@code OnlineServicesNCE} for NCE and {@code OnlineServices} for LEGACY;
 * {@code effectiveStartDate} = {@code term_start}; {@code commitmentEndDate} = {@code term_end} for NCE (an
 * inclusive last day) and {@code term_end + 1 day} for LEGACY (Microsoft documents legacy end dates as
 * exclusive); {@code quantity}, {@code status}, {@code autoRenewEnabled}, {@code termDuration},
 * {@code billingCycle}; {@code refundableQuantity.details} from {@code refundable}.
 *
 * <p>Assigned seats: Graph counts consumed units by SKU, not by subscription. A tenant's
 * {@code consumedUnits} of a SKU is the sum of the file's {@code assigned} over that tenant's subscriptions of
 * the SKU; a SKU whose subscriptions all have a blank {@code assigned} is left out (unknown).
 */
final class SamplePartnerCenter {

    static final String NCE = "OnlineServicesNCE";
    static final String LEGACY = "OnlineServices";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One customer: its Partner Center resource, its subscriptions and its Graph licences. */
    record Tenant(String tenantId, String companyName, ObjectNode customer, List<ObjectNode> subscriptions,
            ObjectNode subscribedSkus) {
    }

    private final Map<String, Tenant> tenants;
    private final Map<String, String> tenantOfSubscription;

    private SamplePartnerCenter(Map<String, Tenant> tenants, Map<String, String> tenantOfSubscription) {
        this.tenants = tenants;
        this.tenantOfSubscription = tenantOfSubscription;
    }

    /** Converts a provider file (with the columns of the file-formats spec). */
    static SamplePartnerCenter fromProviderFile(Path providerFile) {
        Map<String, List<Map<String, String>>> rowsByTenant = new LinkedHashMap<>();
        for (Map<String, String> row : CsvFiles.read(providerFile)) {
            rowsByTenant.computeIfAbsent(row.get("customer_tenant_id").strip(), t -> new ArrayList<>()).add(row);
        }
        Map<String, Tenant> tenants = new LinkedHashMap<>();
        Map<String, String> tenantOfSubscription = new LinkedHashMap<>();
        for (var entry : rowsByTenant.entrySet()) {
            String tenantId = entry.getKey();
            List<Map<String, String>> rows = entry.getValue();
            String name = rows.get(0).get("customer_name");
            for (Map<String, String> row : rows) {
                if (!row.get("customer_name").equals(name)) {
                    throw new IllegalArgumentException("tenant " + tenantId + " has two names: " + name + ", "
                            + row.get("customer_name"));
                }
            }
            List<ObjectNode> subscriptions = new ArrayList<>();
            for (Map<String, String> row : rows) {
                subscriptions.add(normalized(subscription(tenantId, row)));
                if (tenantOfSubscription.put(row.get("subscription_id"), tenantId) != null) {
                    throw new IllegalArgumentException("subscription " + row.get("subscription_id") + " appears twice");
                }
            }
            tenants.put(tenantId, new Tenant(tenantId, name, normalized(customer(tenantId, name)),
                    Collections.unmodifiableList(subscriptions), normalized(subscribedSkus(tenantId, rows))));
        }
        return new SamplePartnerCenter(Collections.unmodifiableMap(tenants), tenantOfSubscription);
    }

    /** The customers in the order Partner Center lists them. */
    List<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    Tenant tenant(String tenantId) {
        return tenants.get(tenantId);
    }

    /** The tenant that holds a subscription, or null. */
    String tenantOf(String subscriptionId) {
        return tenantOfSubscription.get(subscriptionId);
    }

    /** Graph's consumed units of a SKU in a tenant, or null when Graph does not list that SKU. */
    Integer consumedUnits(String tenantId, String skuPartNumber) {
        for (JsonNode sku : tenants.get(tenantId).subscribedSkus().get("value")) {
            if (sku.get("skuPartNumber").asString().equalsIgnoreCase(skuPartNumber)) {
                return sku.get("consumedUnits").asInt();
            }
        }
        return null;
    }

    /**
     * The request of the sample that Graph's per-SKU count decides otherwise than the file's per-subscription
     * {@code assigned}: k-000041 removes 25 of the 59 seats of a subscription with 12 assigned, but its tenant
     * holds a second subscription of the SKU with 105 assigned, so Graph reports 117 consumed, and the decrease
     * would leave fewer seats than that: it waits, {@code BELOW_ASSIGNED}, instead of being applied.
     */
    static final String GRAPH_PER_SKU_REQUEST = "k-000041";

    /**
     * What each sample request ends as after one apply run at the sample's instant on this content, as
     * {@code status,reason_code,quantity_after,eligible_from} by {@code request_key}: samples/expected-changes.csv,
     * except {@link #GRAPH_PER_SKU_REQUEST}, whose premises are checked here.
     */
    Map<String, String> expectedChangeOutcomes() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Map<String, String> row : CsvFiles.read(SampleData.EXPECTED_CHANGES)) {
            expected.put(row.get("request_key"), String.join(",", row.get("status"), row.get("reason_code"),
                    row.get("quantity_after"), row.get("eligible_from")));
        }
        Map<String, String> request = CsvFiles.read(SampleData.SEAT_CHANGES).stream()
                .filter(r -> r.get("request_key").equals(GRAPH_PER_SKU_REQUEST)).findFirst().orElseThrow();
        Map<String, String> subscription = CsvFiles.read(SampleData.PROVIDER_LICENSES).stream()
                .filter(r -> r.get("subscription_id").equals(request.get("subscription_id"))).findFirst().orElseThrow();
        int fileAssigned = Integer.parseInt(subscription.get("assigned"));
        int graphAssigned = consumedUnits(subscription.get("customer_tenant_id"), subscription.get("sku_part_number"));
        int left = Integer.parseInt(subscription.get("quantity")) - Integer.parseInt(request.get("amount"));
        if (!expected.get(GRAPH_PER_SKU_REQUEST).equals("APPLIED,,34,") || !"Less".equals(request.get("change"))
                || fileAssigned != 12 || graphAssigned != 117 || left < fileAssigned || left >= graphAssigned) {
            throw new IllegalStateException("the samples changed: " + GRAPH_PER_SKU_REQUEST + " is no longer the request "
                    + "that only Graph's per-SKU count keeps from being applied");
        }
        expected.put(GRAPH_PER_SKU_REQUEST, "QUEUED,BELOW_ASSIGNED,,");
        return expected;
    }

    static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    static JsonNode read(String json) {
        return JSON.readTree(json);
    }

    // ---- the resources -------------------------------------------------------------------------------

    private static ObjectNode customer(String tenantId, String name) {
        ObjectNode customer = JSON.createObjectNode();
        customer.put("id", tenantId);
        customer.put("commerceId", tenantId);
        ObjectNode profile = customer.putObject("companyProfile");
        profile.put("tenantId", tenantId);
        profile.put("domain", domain(name) + ".onmicrosoft.com");
        profile.put("companyName", name);
        profile.putObject("attributes").put("objectType", "CustomerCompanyProfile");
        customer.put("relationshipToPartner", "reseller");
        customer.put("allowDelegatedAccess", true);
        link(customer.putObject("links"), "self", "/customers/" + tenantId);
        customer.putObject("attributes").put("objectType", "Customer");
        return customer;
    }

    private static ObjectNode subscription(String tenantId, Map<String, String> row) {
        String id = row.get("subscription_id");
        String offerId = row.get("offer_id");
        boolean nce = switch (row.get("commitment")) {
            case "NCE" -> true;
            case "LEGACY" -> false;
            default -> throw new IllegalArgumentException("commitment " + row.get("commitment") + " of " + id);
        };
        LocalDate termStart = LocalDate.parse(row.get("term_start"));
        LocalDate termEnd = LocalDate.parse(row.get("term_end"));
        LocalDate commitmentEnd = nce ? termEnd : termEnd.plusDays(1);
        String[] offer = offerId.split(":");
        String product = offer[0];
        String sku = offer.length > 1 ? offer[1] : "0001";

        ObjectNode s = JSON.createObjectNode();
        s.put("id", id);
        s.put("entitlementId", UUID.nameUUIDFromBytes(("entitlement " + id).getBytes(StandardCharsets.UTF_8)).toString());
        s.put("offerId", offerId);
        s.put("offerName", row.get("display_name"));
        s.put("friendlyName", row.get("display_name"));
        ObjectNode productType = s.putObject("productType");
        productType.put("id", nce ? NCE : LEGACY);
        productType.put("displayName", nce ? NCE : LEGACY);
        s.put("quantity", Integer.parseInt(row.get("quantity")));
        s.put("unitType", "Licenses");
        s.put("hasPurchasableAddons", false);
        s.put("creationDate", termStart + "T08:12:44.1763398Z");
        s.put("effectiveStartDate", termStart + "T00:00:00Z");
        s.put("commitmentEndDate", commitmentEnd + "T00:00:00Z");
        if (nce) {
            s.put("commitmentEndDateTime", termEnd + "T23:59:59Z");
        }
        s.put("status", row.get("status"));
        s.put("autoRenewEnabled", Boolean.parseBoolean(row.get("auto_renew")));
        s.put("isTrial", false);
        s.put("billingType", "license");
        s.put("billingCycle", row.get("billing_cycle"));
        s.put("termDuration", row.get("term_duration"));
        if (nce) {
            s.put("renewalTermDuration", row.get("term_duration"));
            ObjectNode refundable = s.putObject("refundableQuantity");
            ArrayNode details = JSON.createArrayNode();
            int total = 0;
            String text = row.get("refundable");
            if (text != null && !text.isBlank()) {
                for (String pair : text.split(";")) {
                    String[] parts = pair.strip().split("@");
                    int quantity = Integer.parseInt(parts[0].strip());
                    total += quantity;
                    ObjectNode detail = details.addObject();
                    detail.put("quantity", quantity);
                    detail.put("allowedUntilDateTime", parts[1].strip());
                }
            }
            refundable.put("totalQuantity", total);
            refundable.set("details", details);
        } else if (row.get("refundable") != null && !row.get("refundable").isBlank()) {
            throw new IllegalArgumentException("a LEGACY subscription with refundable seats: " + id);
        }
        s.put("isMicrosoftProduct", true);
        s.put("partnerId", "");
        s.put("attentionNeeded", false);
        s.put("actionTaken", false);
        s.put("contractType", "subscription");
        s.put("publisherName", "Microsoft Corporation");
        s.put("orderId", id.replace("-", "").substring(0, 20));
        ObjectNode links = s.putObject("links");
        link(links, "product", "/products/" + product + "?country=US");
        link(links, "sku", "/products/" + product + "/skus/" + sku + "?country=US");
        link(links, "self", "/customers/" + tenantId + "/subscriptions/" + id);
        ObjectNode attributes = s.putObject("attributes");
        attributes.put("etag", etag(id, 1));
        attributes.put("objectType", "Subscription");
        return s;
    }

    /** Graph {@code GET /v1.0/subscribedSkus} of the tenant. */
    private static ObjectNode subscribedSkus(String tenantId, List<Map<String, String>> rows) {
        Map<String, int[]> bySku = new LinkedHashMap<>(); // sku -> {consumed, prepaid, any assigned known}
        for (Map<String, String> row : rows) {
            int[] units = bySku.computeIfAbsent(row.get("sku_part_number"), k -> new int[3]);
            String assigned = row.get("assigned");
            if (assigned != null && !assigned.isBlank()) {
                units[0] += Integer.parseInt(assigned.strip());
                units[2] = 1;
            }
            if ("active".equals(row.get("status"))) {
                units[1] += Integer.parseInt(row.get("quantity"));
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#subscribedSkus");
        ArrayNode value = root.putArray("value");
        bySku.forEach((sku, units) -> {
            if (units[2] == 0) {
                return; // no assigned count known for this SKU: Graph is not asked to invent one
            }
            String skuId = UUID.nameUUIDFromBytes(("sku " + sku).getBytes(StandardCharsets.UTF_8)).toString();
            ObjectNode node = value.addObject();
            node.put("capabilityStatus", "Enabled");
            node.put("consumedUnits", units[0]);
            node.put("id", tenantId + "_" + skuId);
            ObjectNode prepaid = node.putObject("prepaidUnits");
            prepaid.put("enabled", units[1]);
            prepaid.put("suspended", 0);
            prepaid.put("warning", 0);
            prepaid.put("lockedOut", 0);
            node.putArray("servicePlans");
            node.put("skuId", skuId);
            node.put("skuPartNumber", sku);
            node.put("appliesTo", "User");
        });
        return root;
    }

    static String etag(String subscriptionId, int version) {
        return Base64.getEncoder().encodeToString(("{\"id\":\"" + subscriptionId + "\",\"version\":" + version + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void link(ObjectNode links, String name, String uri) {
        ObjectNode link = links.putObject(name);
        link.put("uri", uri);
        link.put("method", "GET");
        link.putArray("headers");
    }

    private static String domain(String name) {
        String domain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        return domain.isEmpty() ? "customer" : domain;
    }

    /** Parsed back from its own text, so that equal content compares equal whatever built it. */
    private static ObjectNode normalized(ObjectNode node) {
        return (ObjectNode) JSON.readTree(JSON.writeValueAsString(node));
    }
}
