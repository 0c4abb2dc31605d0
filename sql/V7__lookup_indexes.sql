-- Lookups by subscription inside one run's results (renewal-windows report, customer licenses API).
CREATE INDEX reconciliation_result_by_subscription ON reconciliation_result (snapshot_id, subscription_id);
