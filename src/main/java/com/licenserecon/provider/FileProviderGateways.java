package com.licenserecon.provider;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The file gateway (the default), writing its outbox beside the run's reports. */
@Component
@ConditionalOnProperty(name = "license-recon.provider.gateway", havingValue = "file", matchIfMissing = true)
public class FileProviderGateways implements ProviderGateways {

    @Override
    public ProviderGateway forOutbox(Path outbox) {
        return new FileProviderGateway(outbox);
    }
}
