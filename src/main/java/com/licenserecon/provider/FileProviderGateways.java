package com.licenserecon.provider;

import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The file gateway, writing its outbox beside the run's reports. */
@Component
public class FileProviderGateways implements ProviderGateways {

    @Override
    public ProviderGateway forOutbox(Path outbox) {
        return new FileProviderGateway(outbox);
    }
}
