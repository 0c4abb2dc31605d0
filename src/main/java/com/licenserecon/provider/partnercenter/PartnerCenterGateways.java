package com.licenserecon.provider.partnercenter;

import com.licenserecon.provider.ProviderGateway;
import com.licenserecon.provider.ProviderGateways;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The Partner Center gateway, chosen with {@code license-recon.provider.gateway=partner-center}. Its
 * patience comes from {@code license-recon.partner-center.gateway.*} (see
 * {@link PartnerCenterGateway.Settings}); the calls go through the {@link SubscriptionApi} bean.
 *
 * <p>Changes go to Partner Center, not to a folder: the outbox a run names is not used, and a later run
 * settles a change whose outcome is unknown by reading the subscription back.
 */
@Component
@ConditionalOnProperty(name = PartnerCenterGateways.SELECTOR, havingValue = PartnerCenterGateways.NAME)
public class PartnerCenterGateways implements ProviderGateways {

    /** The property that chooses the gateway. */
    public static final String SELECTOR = "license-recon.provider.gateway";
    /** Its value for this gateway. */
    public static final String NAME = "partner-center";
    /** The prefix of the gateway's settings. */
    public static final String SETTINGS = "license-recon.partner-center.gateway";

    private final PartnerCenterGateway gateway;

    @Autowired
    public PartnerCenterGateways(SubscriptionApi api, Environment environment) {
        this(api, Binder.get(environment).bind(SETTINGS, PartnerCenterGateway.Settings.class)
                .orElseGet(PartnerCenterGateway.Settings::defaults));
    }

    public PartnerCenterGateways(SubscriptionApi api, PartnerCenterGateway.Settings settings) {
        this.gateway = new PartnerCenterGateway(api, settings);
    }

    @Override
    public ProviderGateway forOutbox(Path outbox) {
        return gateway;
    }

    public PartnerCenterGateway.Settings settings() {
        return gateway.settings();
    }
}
