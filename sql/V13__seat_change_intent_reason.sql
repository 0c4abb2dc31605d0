-- The reason the rules gave a change when its intent was written. A run that finds the change made at the
-- provider after a crash records it with this reason, so the seat-changes report reads the same whether or
-- not the run that sent the change lived to record it. (Intents written before this column have none.)
ALTER TABLE seat_change_intent ADD COLUMN reason VARCHAR(1000);
