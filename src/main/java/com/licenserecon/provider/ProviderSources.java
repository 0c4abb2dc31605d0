package com.licenserecon.provider;

import com.licenserecon.csv.CsvLimits;
import java.nio.file.Path;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where a sync reads the provider's licenses: a provider file, or Partner Center's API when the run's
 * source is {@value #PARTNER_CENTER}.
 */
@Component
public class ProviderSources {

    public static final String PARTNER_CENTER = "partner-center";

    private final ObjectProvider<ApiSource> api;
    private final CsvLimits limits;

    public ProviderSources(ObjectProvider<ApiSource> api, CsvLimits limits) {
        this.api = api;
        this.limits = limits;
    }

    /** The API source, present when Partner Center is configured. */
    public interface ApiSource {

        ItemStreamReader<ProviderRow> reader(long snapshotId);
    }

    public ItemStreamReader<ProviderRow> reader(String source, long snapshotId) {
        if (PARTNER_CENTER.equals(source)) {
            ApiSource configured = api.getIfAvailable();
            if (configured == null) {
                throw new IllegalStateException("the provider source is partner-center, but license-recon.partner-center is not configured");
            }
            return configured.reader(snapshotId);
        }
        return new ProviderFileReader(Path.of(source), limits);
    }
}
