-- The hub's store: each kiosk's ledger lines exactly as signed, beside the columns an
-- office queries; records are append-only (a trigger refuses UPDATE and DELETE unless
-- the hub's own retention run says so, and that run is recorded in hub_prunes).

CREATE TABLE enrolments (
  id bigserial PRIMARY KEY,
  counter_id text NOT NULL,
  secret text NOT NULL UNIQUE,
  -- The first kiosk id that signs with the secret; records of any other kiosk id are refused.
  kiosk_id text UNIQUE,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  bound_at timestamptz
);

CREATE TABLE kiosks (
  kiosk_id text PRIMARY KEY,
  counter_id text NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE records (
  kiosk_id text NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 1),
  id text NOT NULL,
  ts timestamptz NOT NULL,
  type text NOT NULL,
  counter_id text NOT NULL,
  session_id text,
  language text,
  notice_version text,
  prev char(64) NOT NULL,
  hash char(64) NOT NULL,
  -- The exact ledger line (without its newline), byte for byte as the kiosk wrote it.
  line text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kiosk_id, seq)
);
CREATE INDEX records_ts ON records (ts);
CREATE INDEX records_session ON records (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX records_notice ON records (notice_version) WHERE notice_version IS NOT NULL;

-- Lines that do not fit what the hub holds, never stored over the good copy.
CREATE TABLE set_aside (
  id bigserial PRIMARY KEY,
  kiosk_id text NOT NULL,
  seq bigint NOT NULL,
  problem text NOT NULL CHECK (problem IN ('diverged', 'gap')),
  detail text NOT NULL,
  hash char(64) NOT NULL,
  line text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kiosk_id, seq, hash)
);

-- The exact text of each notice version a kiosk sent.
CREATE TABLE notices (
  version text PRIMARY KEY,
  text text NOT NULL,
  kiosk_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- What the hub's retention removed, so a verify can tell a pruned start from a lost one.
CREATE TABLE hub_prunes (
  id bigserial PRIMARY KEY,
  kiosk_id text NOT NULL,
  first_seq bigint NOT NULL,
  last_seq bigint NOT NULL,
  last_hash char(64) NOT NULL,
  records bigint NOT NULL,
  retention_days integer NOT NULL,
  pruned_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION kokuchi_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('kokuchi.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'hub records are append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON records
  FOR EACH ROW EXECUTE FUNCTION kokuchi_records_append_only();
CREATE TRIGGER set_aside_append_only BEFORE UPDATE OR DELETE ON set_aside
  FOR EACH ROW EXECUTE FUNCTION kokuchi_records_append_only();
CREATE TRIGGER notices_append_only BEFORE UPDATE OR DELETE ON notices
  FOR EACH ROW EXECUTE FUNCTION kokuchi_records_append_only();
