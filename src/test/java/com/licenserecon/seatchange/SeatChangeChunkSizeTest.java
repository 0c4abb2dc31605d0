package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.provider.FileProviderGateways;
import com.licenserecon.provider.ProviderGateways;
import com.licenserecon.provider.partnercenter.PartnerCenterGateway;
import com.licenserecon.provider.partnercenter.PartnerCenterGateways;
import com.licenserecon.provider.partnercenter.SubscriptionApi;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How many queued requests a seat-change chunk decides: the setting, or where it is blank the gateway's. */
class SeatChangeChunkSizeTest {

    private static final SeatChangeProperties BLANK = new SeatChangeProperties(null, null);

    @Test
    void givenNoChunkSize_whenChangesGoToTheOutboxFile_thenAChunkDecides500() {
        assertThat(BLANK.chunkSize(new FileProviderGateways())).isEqualTo(500);
    }

    @Test
    void givenNoChunkSize_whenChangesGoToPartnerCenter_thenAChunkDecides100() {
        SubscriptionApi noCalls = (SubscriptionApi) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SubscriptionApi.class}, (proxy, method, args) -> {
                    throw new AssertionError("no call expected: " + method.getName());
                });
        var partnerCenter = new PartnerCenterGateways(noCalls, PartnerCenterGateway.Settings.defaults());

        assertThat(BLANK.chunkSize(partnerCenter)).isEqualTo(100);
    }

    @Test
    void givenNoChunkSize_whenAGatewaySaysNothing_thenAChunkDecides100() {
        ProviderGateways other = outbox -> null;

        assertThat(BLANK.chunkSize(other)).isEqualTo(100);
    }

    @Test
    void givenAChunkSize_whenAnyGatewaySends_thenTheSettingDecides() {
        var seven = new SeatChangeProperties(null, 7);

        assertThat(seven.chunkSize(new FileProviderGateways())).isEqualTo(7);
        assertThat(seven.chunkSize(outbox -> null)).isEqualTo(7);
    }

    @Test
    void givenTheSettingLeftBlankInTheConfiguration_whenBound_thenTheGatewayDecides() {
        var source = new MapConfigurationPropertySource(Map.of("license-recon.seat-changes.chunk-size", ""));

        SeatChangeProperties bound = new Binder(source).bindOrCreate("license-recon.seat-changes", SeatChangeProperties.class);

        assertThat(bound.chunkSize()).isNull();
        assertThat(bound.chunkSize(new FileProviderGateways())).isEqualTo(500);
    }

    @Test
    void givenAChunkSizeBelowOne_whenTheSettingsAreMade_thenItIsRefused() {
        assertThatThrownBy(() -> new SeatChangeProperties(null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("license-recon.seat-changes.chunk-size must be positive or blank: 0");
    }
}
