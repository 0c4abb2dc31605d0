-- license-recon's own tables. PostgreSQL dialect; the embedded default runs the same file on H2 in
-- MODE=PostgreSQL, so only syntax both understand is used here.

-- What the reseller bills: one row per CT license record, kept current by import-ct.
CREATE TABLE ct_license (
    ct_license_id      VARCHAR(100)  NOT NULL PRIMARY KEY,
    customer_tenant_id UUID          NOT NULL,
    -- UNIQUE: two records billing one provider subscription would make the report count it twice.
    subscription_id    UUID          UNIQUE,
    sku_part_number    VARCHAR(500)  NOT NULL,
    display_name       VARCHAR(500)  NOT NULL,
    ct_licenses        INTEGER       NOT NULL CHECK (ct_licenses >= 0),
    renewal_date       DATE          NOT NULL,
    status             VARCHAR(16)   NOT NULL CHECK (status IN ('Active', 'Inactive')),
    auto_renew         BOOLEAN       NOT NULL,
    unit_price         NUMERIC(19, 4) CHECK (unit_price >= 0),
    currency           VARCHAR(3),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ct_license_tenant_sku ON ct_license (customer_tenant_id, sku_part_number);

-- Rows of an import-ct file while it is validated; merged into ct_license only when the whole file is good.
CREATE TABLE ct_license_staging (
    import_id          BIGINT        NOT NULL,
    line_number        BIGINT        NOT NULL,
    ct_license_id      VARCHAR(100)  NOT NULL,
    customer_tenant_id UUID          NOT NULL,
    subscription_id    UUID,
    sku_part_number    VARCHAR(500)  NOT NULL,
    display_name       VARCHAR(500)  NOT NULL,
    ct_licenses        INTEGER       NOT NULL,
    renewal_date       DATE          NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    auto_renew         BOOLEAN       NOT NULL,
    unit_price         NUMERIC(19, 4),
    currency           VARCHAR(3),
    PRIMARY KEY (import_id, line_number)
);

-- One provider snapshot per sync run (the run's job instance), kept so any night can be reconciled again.
CREATE TABLE provider_snapshot (
    snapshot_id  BIGINT        NOT NULL PRIMARY KEY,
    as_of        TIMESTAMP WITH TIME ZONE NOT NULL,
    source       VARCHAR(2000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE provider_subscription (
    snapshot_id        BIGINT        NOT NULL REFERENCES provider_snapshot (snapshot_id),
    line_number        BIGINT        NOT NULL,
    customer_tenant_id UUID          NOT NULL,
    customer_name      VARCHAR(500),
    subscription_id    UUID          NOT NULL,
    offer_id           VARCHAR(500),
    sku_part_number    VARCHAR(500)  NOT NULL,
    display_name       VARCHAR(500),
    quantity           INTEGER       NOT NULL,
    assigned           INTEGER,
    status             VARCHAR(16)   NOT NULL,
    auto_renew         BOOLEAN       NOT NULL,
    commitment         VARCHAR(8)    NOT NULL,
    term_duration      VARCHAR(8),
    billing_cycle      VARCHAR(16),
    term_start         DATE          NOT NULL,
    term_end           DATE          NOT NULL,
    refundable         VARCHAR(8000),
    PRIMARY KEY (snapshot_id, line_number)
);
CREATE INDEX provider_subscription_by_id ON provider_subscription (snapshot_id, subscription_id);
CREATE INDEX provider_subscription_by_pair ON provider_subscription (snapshot_id, customer_tenant_id, sku_part_number);

-- Customers whose provider data could not be read in a run (API sources): their CT records are NOT_AUDITED.
CREATE TABLE provider_unread_customer (
    snapshot_id        BIGINT        NOT NULL REFERENCES provider_snapshot (snapshot_id),
    customer_tenant_id UUID          NOT NULL,
    reason             VARCHAR(2000) NOT NULL,
    PRIMARY KEY (snapshot_id, customer_tenant_id)
);

-- Rows of a provider file that were not imported, one row per bad field.
CREATE TABLE provider_reject (
    snapshot_id  BIGINT        NOT NULL REFERENCES provider_snapshot (snapshot_id),
    line_number  BIGINT        NOT NULL,
    column_name  VARCHAR(100)  NOT NULL,
    field_value  VARCHAR(4000),
    reason       VARCHAR(1000) NOT NULL
);
CREATE INDEX provider_reject_by_line ON provider_reject (snapshot_id, line_number);

-- The reconciliation of one run: every CT record and every provider subscription in exactly one row.
CREATE TABLE reconciliation_result (
    snapshot_id           BIGINT        NOT NULL REFERENCES provider_snapshot (snapshot_id),
    customer_tenant_id    UUID          NOT NULL,
    customer_name         VARCHAR(500),
    subscription_id       UUID,
    ct_license_id         VARCHAR(100),
    sku_part_number       VARCHAR(500)  NOT NULL,
    display_name          VARCHAR(500),
    commitment            VARCHAR(8),
    ct_licenses           INTEGER,
    provider_quantity     INTEGER,
    assigned              INTEGER,
    quantity_delta        INTEGER,
    ct_status             VARCHAR(16),
    provider_status       VARCHAR(16),
    ct_renewal_date       DATE,
    provider_renewal_date DATE,
    ct_auto_renew         BOOLEAN,
    provider_auto_renew   BOOLEAN,
    unit_price            NUMERIC(19, 4),
    currency              VARCHAR(3),
    monthly_amount_delta  NUMERIC(24, 4),
    result                VARCHAR(200)  NOT NULL
);
CREATE INDEX reconciliation_result_report_order
    ON reconciliation_result (snapshot_id, customer_tenant_id, sku_part_number, subscription_id, ct_license_id);
