-- Notice texts may arrive from a kiosk whose secret no record has bound yet (the text goes
-- before the first record naming it): the sender is then known by its enrolment's counter.
ALTER TABLE notices ALTER COLUMN kiosk_id DROP NOT NULL;
ALTER TABLE notices ADD COLUMN counter_id text;

-- Secret rotation: enrolling a counter again while its kiosk runs gives a new secret; the
-- first record the kiosk signs with it retires the old one (kept, for the record).
ALTER TABLE enrolments ADD COLUMN retired_at timestamptz;
ALTER TABLE enrolments DROP CONSTRAINT enrolments_kiosk_id_key;
CREATE UNIQUE INDEX enrolments_live_kiosk ON enrolments (kiosk_id) WHERE kiosk_id IS NOT NULL AND retired_at IS NULL;

-- A kiosk.key record the hub's retention removed, kept whole: receipts of retained sessions
-- may still be signed with that key.
CREATE TABLE kept_keys (
  kiosk_id text NOT NULL,
  seq bigint NOT NULL,
  line text NOT NULL,
  kept_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kiosk_id, seq)
);
CREATE TRIGGER kept_keys_append_only BEFORE UPDATE OR DELETE ON kept_keys
  FOR EACH ROW EXECUTE FUNCTION kokuchi_records_append_only();
