-- The hand-written baseline of bench/run.sh: what a reseller would write with psql alone. It loads the
-- provider file as text into an unlogged table, computes every report row and its result codes with one
-- FULL OUTER JOIN, and writes the result, sorted as the spec says, to CSV. It assumes a clean file (no
-- rejected or duplicate rows, as the generator writes) and does none of the product's other work (rejects,
-- seat changes, summary, renewal windows, restartability): it is the floor, not an equivalent product.
-- The result goes through psql's \o, as \copy does (a client-side file).
--
-- With keep=true it also stores what it reads and what it computes durably: the provider table logged and
-- indexed by subscription and by customer and SKU, and the result stored in a logged table indexed in report
-- order, which the CSV is then written from. That makes about as much write-ahead log as sync, but it is not
-- sync's work (text columns, no statistics, none of sync's other tables); bench/run.sh times it beside the
-- issue's baseline, for reference only.
-- psql variables: provider_file, provider_columns (the file's header, lower case), result_file; keep (default
-- false).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\if :{?keep}
\else
\set keep false
\endif
DROP TABLE IF EXISTS baseline_result;
DROP TABLE IF EXISTS baseline_provider;
SELECT format('CREATE %s TABLE baseline_provider (%s)', CASE WHEN :'keep' THEN '' ELSE 'UNLOGGED' END,
              (SELECT string_agg(quote_ident(c) || ' text', ', ') FROM unnest(string_to_array(:'provider_columns', ',')) c))
\gexec
SELECT format($$\copy baseline_provider (%s) FROM %L WITH (FORMAT csv, HEADER true)$$, :'provider_columns', :'provider_file') AS copy_in
\gset
-- The report rows, as a view so that both ways below write them from one query (a view costs the plan nothing).
CREATE TEMPORARY VIEW baseline_report AS
WITH p AS (
    SELECT trim(customer_tenant_id)::uuid AS tenant, NULLIF(trim(customer_name), '') AS customer_name, trim(subscription_id)::uuid AS sub,
           trim(sku_part_number) AS sku, NULLIF(trim(display_name), '') AS display_name, trim(commitment) AS commitment, trim(quantity)::int AS quantity,
           NULLIF(trim(assigned), '')::int AS assigned, lower(trim(status)) AS status,
           trim(auto_renew)::boolean AS auto_renew, trim(term_end)::date + 1 AS renewal
    FROM baseline_provider
),
free AS (  -- subscriptions no CT record claims by id, per (tenant, SKU)
    SELECT tenant, sku, count(*) AS n, (array_agg(sub))[1] AS sub FROM p
    WHERE NOT EXISTS (SELECT 1 FROM ct_license c WHERE c.subscription_id = p.sub)
    GROUP BY tenant, sku
),
unlinked AS (
    SELECT customer_tenant_id AS tenant, sku_part_number AS sku, count(*) AS n FROM ct_license
    WHERE subscription_id IS NULL GROUP BY 1, 2
),
c AS (
    SELECT c.*, CASE WHEN c.subscription_id IS NOT NULL THEN c.subscription_id
                     WHEN u.n = 1 AND f.n = 1 THEN f.sub END AS match_sub,
           COALESCE(f.n, 0) AS candidates
    FROM ct_license c
    LEFT JOIN unlinked u ON c.subscription_id IS NULL AND u.tenant = c.customer_tenant_id AND u.sku = c.sku_part_number
    LEFT JOIN free f ON c.subscription_id IS NULL AND f.tenant = c.customer_tenant_id AND f.sku = c.sku_part_number
),
r AS (
    SELECT COALESCE(p.tenant, c.customer_tenant_id) AS customer_tenant_id, p.customer_name,
           COALESCE(p.sub, c.subscription_id) AS subscription_id, c.ct_license_id,
           COALESCE(p.sku, c.sku_part_number) AS sku_part_number, COALESCE(p.display_name, c.display_name) AS display_name,
           p.commitment, c.ct_licenses, p.quantity AS provider_quantity, p.assigned,
           COALESCE(p.quantity, 0) - COALESCE(c.ct_licenses, 0) AS quantity_delta,
           c.status AS ct_status, p.status AS provider_status, c.renewal_date AS ct_renewal_date,
           p.renewal AS provider_renewal_date, c.auto_renew AS ct_auto_renew, p.auto_renew AS provider_auto_renew,
           c.unit_price, c.currency,
           CASE WHEN c.ct_license_id IS NULL THEN 'MISSING_IN_CT'
                WHEN p.sub IS NULL THEN CASE WHEN c.subscription_id IS NULL AND c.candidates > 0
                                             THEN 'AMBIGUOUS_MATCH' ELSE 'MISSING_AT_PROVIDER' END
                ELSE COALESCE(NULLIF(concat_ws(';',
                         CASE WHEN c.auto_renew <> p.auto_renew THEN 'AUTO_RENEW_MISMATCH' END,
                         CASE WHEN c.ct_licenses <> p.quantity THEN 'QUANTITY_MISMATCH' END,
                         CASE WHEN c.renewal_date <> p.renewal THEN 'RENEWAL_DATE_MISMATCH' END,
                         CASE WHEN (c.status = 'Active') <> (p.status = 'active') THEN 'STATUS_MISMATCH' END,
                         CASE WHEN c.subscription_id IS NULL THEN 'UNLINKED' END), ''), 'OK') END AS result
    FROM c FULL OUTER JOIN p ON p.sub = c.match_sub
)
SELECT customer_tenant_id, customer_name, subscription_id, ct_license_id, sku_part_number, display_name, commitment,
       ct_licenses, provider_quantity, assigned, quantity_delta, ct_status, provider_status, ct_renewal_date,
       provider_renewal_date, ct_auto_renew, provider_auto_renew, unit_price, currency,
       quantity_delta * unit_price AS monthly_amount_delta, result
FROM r;
\timing on
:copy_in
\if :keep
CREATE UNIQUE INDEX baseline_provider_by_id ON baseline_provider (subscription_id);
CREATE INDEX baseline_provider_by_pair ON baseline_provider (customer_tenant_id, sku_part_number);
CREATE TABLE baseline_result AS SELECT * FROM baseline_report
ORDER BY customer_tenant_id, sku_part_number, subscription_id NULLS LAST, ct_license_id NULLS LAST;
CREATE INDEX baseline_result_report_order ON baseline_result (customer_tenant_id, sku_part_number, subscription_id, ct_license_id);
\o :result_file
COPY (SELECT * FROM baseline_result ORDER BY customer_tenant_id, sku_part_number, subscription_id NULLS LAST, ct_license_id NULLS LAST)
TO STDOUT WITH (FORMAT csv, HEADER true);
\else
\o :result_file
COPY (SELECT * FROM baseline_report ORDER BY customer_tenant_id, sku_part_number, subscription_id NULLS LAST, ct_license_id NULLS LAST)
TO STDOUT WITH (FORMAT csv, HEADER true);
\endif
\timing off
\o
DROP VIEW baseline_report;
