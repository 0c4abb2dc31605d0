-- The reconciliation now writes a run's results in one INSERT ... SELECT, in report order, so that its
-- rows append at the right edge of reconciliation_result_report_order and the report streams them by that
-- index. The index by subscription was one more random insert per row (a third of the reconcile step at a
-- million rows) for a single whole-run join (renewal windows), which a hash join serves as well.
DROP INDEX reconciliation_result_by_subscription;
