package com.licenserecon.provider.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.ProviderGateways;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Partner Center gateway is chosen by {@code license-recon.provider.gateway} and takes its settings. */
class ConditionalPartnerCenterGatewayTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(SubscriptionApi.class,
                    () -> new HttpSubscriptionApi(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)))
            .withUserConfiguration(PartnerCenterGateways.class);

    @Test
    void activeWithPartnerCenterAndBindsItsSettings() {
        context.withPropertyValues("license-recon.provider.gateway=partner-center",
                        "license-recon.partner-center.gateway.max-attempts=7",
                        "license-recon.partner-center.gateway.initial-backoff=250ms",
                        "license-recon.partner-center.gateway.poll-interval=1s",
                        "license-recon.partner-center.gateway.max-polls=4")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(ProviderGateways.class);
                    PartnerCenterGateways gateways = ctx.getBean(PartnerCenterGateways.class);
                    PartnerCenterGateway.Settings settings = gateways.settings();
                    assertThat(settings.maxAttempts()).isEqualTo(7);
                    assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(250));
                    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(settings.maxPolls()).isEqualTo(4);
                    assertThat(settings.backoffMultiplier()).isEqualTo(2.0);
                    assertThat(settings.maxRetryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(gateways.forOutbox(Path.of("reports"))).isInstanceOf(PartnerCenterGateway.class);
                });
    }

    @Test
    void defaultsWhenNothingIsSet() {
        context.withPropertyValues("license-recon.provider.gateway=partner-center")
                .run(ctx -> assertThat(ctx.getBean(PartnerCenterGateways.class).settings())
                        .isEqualTo(PartnerCenterGateway.Settings.defaults()));
    }

    @Test
    void absentOtherwise() {
        context.run(ctx -> assertThat(ctx).doesNotHaveBean(PartnerCenterGateways.class));
        context.withPropertyValues("license-recon.provider.gateway=file")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(PartnerCenterGateways.class));
    }

    @Test
    void backOffGrowsUpToItsCeiling() {
        PartnerCenterGateway.Settings settings = new PartnerCenterGateway.Settings(5, Duration.ofSeconds(2), 2.0,
                Duration.ofSeconds(10), null, null, null);
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofSeconds(10));
    }
}
