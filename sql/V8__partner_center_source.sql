-- Offers that Partner Center returned but config/sku-map.csv does not name: the subscription is still
-- imported (with sku_part_number 'UNMAPPED:<offer>'), and the run's summary lists the gap.
CREATE TABLE provider_mapping_gap (
    snapshot_id        BIGINT        NOT NULL REFERENCES provider_snapshot (snapshot_id),
    customer_tenant_id UUID          NOT NULL,
    subscription_id    UUID,
    offer_id           VARCHAR(500),
    reason             VARCHAR(2000) NOT NULL
);
CREATE INDEX provider_mapping_gap_by_snapshot ON provider_mapping_gap (snapshot_id);
