package com.licenserecon.provider.partnercenter;

import com.licenserecon.provider.ProviderRow;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Customer;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the provider snapshot from Partner Center: walks the customers page by page and yields one
 * {@link ProviderRow.Accepted} for each of their subscriptions (line number = running index from 1).
 * A customer is read whole before any of its rows is yielded, so a customer is either complete or
 * absent. A customer that fails (a {@link PartnerCenterException} after the retries, or a subscription
 * that cannot be mapped) is told to {@link SnapshotProblems#customerUnread} and the others go on; when
 * every customer failed, {@link #read()} throws {@link NoCustomerReadException} at the end. A failure
 * of the customer list itself fails the read: the customers it would have named are unknown.
 * No state is saved: a restart reads everything again.
 */
public class PartnerCenterSnapshotReader implements ItemStreamReader<ProviderRow> {

    private static final Logger log = LoggerFactory.getLogger(PartnerCenterSnapshotReader.class);
    private static final int MAX_REASON = 1000;

    private final PartnerCenterClient client;
    private final PartnerCenterSubscriptions mapping;
    private final SnapshotProblems problems;

    private Stream<Customer> customerStream;
    private Iterator<Customer> customers;
    private Iterator<ProviderRow.Accepted> pending = Collections.emptyIterator();
    private final Set<UUID> seen = new HashSet<>();
    private long lineNumber;
    private long customersRead;
    private long customersFailed;
    private long subscriptionsRead;
    private long mappingGaps;
    private boolean finished;

    public PartnerCenterSnapshotReader(PartnerCenterClient client, PartnerCenterSubscriptions mapping,
            SnapshotProblems problems) {
        this.client = client;
        this.mapping = mapping;
        this.problems = problems;
    }

    /** Starts at the first customer (nothing is sent before the first {@link #read()}). */
    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        closeStream();
        customerStream = client.customers();
        customers = customerStream.iterator();
        pending = Collections.emptyIterator();
        seen.clear();
        lineNumber = 0;
        customersRead = 0;
        customersFailed = 0;
        subscriptionsRead = 0;
        mappingGaps = 0;
        finished = false;
    }

    /**
     * The next subscription, or null when every customer was walked.
     *
     * @throws NoCustomerReadException when there were customers and none of them could be read
     * @throws PartnerCenterException when the customer list itself could not be read
     */
    @Override
    public ProviderRow read() {
        if (customers == null) {
            open(new ExecutionContext());
        }
        while (!pending.hasNext()) {
            if (finished) {
                failIfNoCustomerRead();
                return null;
            }
            if (!customers.hasNext()) {
                finish();
                return null;
            }
            readCustomer(customers.next());
        }
        return pending.next();
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        // nothing to save: a restart reads Partner Center again from the start
    }

    @Override
    public void close() throws ItemStreamException {
        closeStream();
        customers = null;
        pending = Collections.emptyIterator();
    }

    /** Customers whose subscriptions were all read. */
    public long customersRead() {
        return customersRead;
    }

    /** Customers that could not be read (told to {@link SnapshotProblems#customerUnread}). */
    public long customersFailed() {
        return customersFailed;
    }

    public long subscriptionsRead() {
        return subscriptionsRead;
    }

    public long mappingGaps() {
        return mappingGaps;
    }

    private void readCustomer(Customer customer) {
        String name = customer.companyName();
        UUID tenant;
        try {
            tenant = UUID.fromString(String.valueOf(customer.tenantId()).strip());
        } catch (IllegalArgumentException e) {
            customersFailed++;
            log.error("Partner Center listed a customer without a valid tenant id ({}); skipped", customer.tenantId());
            return;
        }
        if (!seen.add(tenant)) {
            log.warn("Partner Center listed customer {} twice; read once", tenant);
            return;
        }
        try {
            List<Subscription> subscriptions = client.subscriptions(tenant.toString());
            Map<String, Integer> consumed = consumedUnits(tenant, name);
            List<PartnerCenterSubscriptions.Mapped> mapped = mapping.mapCustomer(tenant, name, subscriptions, consumed);
            List<ProviderRow.Accepted> rows = new ArrayList<>(mapped.size());
            for (PartnerCenterSubscriptions.Mapped m : mapped) {
                rows.add(new ProviderRow.Accepted(++lineNumber, m.subscription()));
                if (m.hasGap()) {
                    mappingGaps++;
                    problems.mappingGap(tenant, m.subscription().subscriptionId(), m.subscription().offerId(),
                            shorten(m.gap()));
                }
            }
            customersRead++;
            subscriptionsRead += rows.size();
            pending = rows.iterator();
        } catch (PartnerCenterException | SubscriptionMappingException e) {
            customersFailed++;
            log.warn("Customer {} not read: {}", tenant, e.getMessage());
            problems.customerUnread(tenant, name, shorten(e.getMessage()));
        }
    }

    /** Graph's consumed units; a failure leaves the assigned seats unknown instead of failing the customer. */
    private Map<String, Integer> consumedUnits(UUID tenant, String name) {
        if (!client.graphEnabled()) {
            return Map.of();
        }
        try {
            return client.consumedUnits(tenant.toString());
        } catch (PartnerCenterException e) {
            log.warn("Assigned seats of customer {} unknown: {}", tenant, e.getMessage());
            problems.assignedUnknown(tenant, name, shorten(e.getMessage()));
            return Map.of();
        }
    }

    private void finish() {
        finished = true;
        PartnerCenterHttp.Stats stats = client.stats();
        log.info("Partner Center read: {} customers read, {} not read, {} subscriptions, {} mapping gaps; "
                + "{} requests, {} retries, {} throttled, {} time-outs, {} new tokens", customersRead, customersFailed,
                subscriptionsRead, mappingGaps, stats.requests(), stats.retries(), stats.throttled(), stats.timeouts(),
                client.tokenFetches());
        failIfNoCustomerRead();
    }

    private void failIfNoCustomerRead() {
        if (customersFailed > 0 && customersRead == 0) {
            throw new NoCustomerReadException("none of the " + customersFailed
                    + " Partner Center customers could be read; the run publishes nothing");
        }
    }

    private void closeStream() {
        if (customerStream != null) {
            customerStream.close();
            customerStream = null;
        }
    }

    private static String shorten(String reason) {
        if (reason == null) {
            return "unknown";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 3) + "..." : reason;
    }
}
