"""PostgreSQL's narrow write paths (part of migration 0009, see store/security.py): the seal, the only way into
the audit chain and the change feed, and the guards, triggers for what policies cannot say (which columns
change, and how)."""

from __future__ import annotations

from eoffice.domain import DocStatus

_DEF = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
_PLPG = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"

DECIDED_STEPS = ("approved", "rejected", "returned")  # workflow.state.DECIDED (a test keeps them equal)
_DECIDED = ", ".join(f"'{s}'" for s in DECIDED_STEPS)
_BY_DRAFTER = ", ".join(f"'{s.value}'" for s in (DocStatus.IN_REVIEW, DocStatus.TO_SIGN, DocStatus.WITHDRAWN))

# The seal (store/uow.py): the only way into audit_events, audit_head, sync_counter and changes. The server
# links the chain (see uow.py for the canonical JSON split around the id); a client may only write events in
# its own name (or none: actor_id NULL).
SEAL = [
    f"""CREATE FUNCTION eoffice_seal(events json, changes json, m integer) RETURNS void {_PLPG} AS $$
    BEGIN
      IF NOT eoffice_trusted(session_user) AND EXISTS (
          SELECT 1 FROM json_to_recordset(events) AS r(actor_id integer)
          WHERE r.actor_id IS NOT NULL AND r.actor_id IS DISTINCT FROM eoffice_uid()) THEN
        RAISE EXCEPTION 'permission denied: an audit event in another user''s name' USING ERRCODE = '42501';
      END IF;
      IF json_array_length(events) > 0 THEN
        WITH RECURSIVE
        o AS (SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE),
        ev AS (SELECT * FROM json_to_recordset(events) AS r(k integer, at timestamptz, actor_id integer,
               action text, document_id text, data json, signature text, pre text, suf text)),
        chain (k, id, prev_hash, hash) AS (
          SELECT 0, o.last_id, CAST(NULL AS text), CAST(o.last_hash AS text) FROM o
          UNION ALL SELECT ev.k, chain.id + 1, chain.hash, encode(sha256(convert_to(chain.hash, 'UTF8')
            || decode(ev.pre, 'hex') || convert_to(CAST(chain.id + 1 AS text), 'UTF8') || decode(ev.suf, 'hex')),
            'hex')
          FROM chain JOIN ev ON ev.k = chain.k + 1),
        ins AS (INSERT INTO audit_events (id, at, actor_id, action, document_id, data, signature, prev_hash, hash)
          SELECT chain.id, ev.at, ev.actor_id, ev.action, ev.document_id, ev.data, ev.signature, chain.prev_hash,
          chain.hash FROM chain JOIN ev ON ev.k = chain.k)
        UPDATE audit_head SET last_id = t.id, last_hash = t.hash
          FROM (SELECT id, hash FROM chain ORDER BY k DESC LIMIT 1) AS t WHERE audit_head.id = 1;
      END IF;
      IF m > 0 THEN
        WITH c AS (UPDATE sync_counter SET value = value + m WHERE id = 1 RETURNING value)
        INSERT INTO changes (seq, entity, entity_id, at) SELECT c.value - m + r.k, r.entity, r.entity_id, r.at
          FROM c, json_to_recordset(changes) AS r(k integer, entity text, entity_id text, at timestamptz);
      END IF;
    END $$""",
]

# Guards: what policies cannot say (which columns change, and how). Skipped for the owner's own writes.
GUARDS = [
    """CREATE FUNCTION eoffice_guard_users() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$ BEGIN
      IF eoffice_trusted(current_user) THEN RETURN NEW; END IF;
      IF TG_OP = 'INSERT' THEN
        IF NEW.db_role IS NOT NULL THEN
          RAISE EXCEPTION 'permission denied: a login role is set only by eoffice_set_login' USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      END IF;
      IF NEW.db_role IS DISTINCT FROM OLD.db_role OR NEW.id <> OLD.id THEN
        RAISE EXCEPTION 'permission denied: a login role is set only by eoffice_set_login' USING ERRCODE = '42501';
      END IF;
      IF NOT eoffice_is_admin() AND (NEW.login, NEW.nip, NEW.name, NEW.unit_id, NEW.position_id, NEW.is_admin,
          NEW.active, NEW.nik, NEW.gelar_depan, NEW.gelar_belakang, NEW.pangkat) IS DISTINCT FROM (OLD.login,
          OLD.nip, OLD.name, OLD.unit_id, OLD.position_id, OLD.is_admin, OLD.active, OLD.nik, OLD.gelar_depan,
          OLD.gelar_belakang, OLD.pangkat) THEN
        RAISE EXCEPTION 'permission denied: only an admin changes a user' USING ERRCODE = '42501';
      END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER users_guard BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION eoffice_guard_users()",
    "CREATE TRIGGER users_login_sync AFTER UPDATE OF active ON users FOR EACH ROW "
    "EXECUTE FUNCTION eoffice_users_login_sync()",
    # A letter's status, number and signature change only by someone on its route, and never its owner.
    """CREATE FUNCTION eoffice_guard_documents() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$ BEGIN
      IF eoffice_trusted(current_user) THEN RETURN NEW; END IF;
      IF (NEW.id, NEW.created_by, NEW.direction, NEW.unit_id) IS DISTINCT FROM
         (OLD.id, OLD.created_by, OLD.direction, OLD.unit_id) THEN
        RAISE EXCEPTION 'permission denied: a letter''s identity does not change' USING ERRCODE = '42501';
      END IF;
      IF NOT eoffice_participant(OLD.id) THEN
        RAISE EXCEPTION 'permission denied: not on this letter''s route' USING ERRCODE = '42501';
      END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER documents_guard BEFORE UPDATE ON documents FOR EACH ROW "
    "EXECUTE FUNCTION eoffice_guard_documents()",
    # A step keeps its letter, round, kind and assignee; it changes only by someone on the letter's route.
    """CREATE FUNCTION eoffice_guard_steps() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$ BEGIN
      IF eoffice_trusted(current_user) THEN RETURN NEW; END IF;
      IF (NEW.id, NEW.document_id, NEW.round, NEW.kind, NEW.assignee_id) IS DISTINCT FROM
         (OLD.id, OLD.document_id, OLD.round, OLD.kind, OLD.assignee_id) THEN
        RAISE EXCEPTION 'permission denied: a step''s assignee does not change' USING ERRCODE = '42501';
      END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER steps_guard BEFORE UPDATE ON steps FOR EACH ROW EXECUTE FUNCTION eoffice_guard_steps()",
    # Checked at COMMIT (the decision row is written after the step's status in the same transaction): a step
    # is decided only with its decision row, and a letter's status, number or signed PDF changes only with a
    # decision the acting user made in this transaction on one of its steps, or, for its drafter, by submitting
    # or withdrawing it.
    f"""CREATE FUNCTION eoffice_decided_now(doc varchar) RETURNS boolean {_DEF} AS
    $$ SELECT EXISTS (SELECT 1 FROM decisions d JOIN steps s ON s.id = d.step_id
         WHERE s.document_id = doc AND d.actor_id = eoffice_uid()
         AND CAST(CAST(d.xmin AS text) AS bigint) = txid_current() % 4294967296) $$""",
    f"""CREATE FUNCTION eoffice_step_has_decision(step varchar) RETURNS boolean {_DEF} AS
    $$ SELECT EXISTS (SELECT 1 FROM decisions WHERE step_id = step) $$""",
    f"""CREATE FUNCTION eoffice_check_step() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$ BEGIN
      IF eoffice_trusted(current_user) THEN RETURN NULL; END IF;
      IF NEW.status IN ({_DECIDED}) AND NOT eoffice_step_has_decision(NEW.id) THEN
        RAISE EXCEPTION 'permission denied: a step is decided only by its decision' USING ERRCODE = '42501';
      END IF;
      RETURN NULL;
    END $$""",
    "CREATE CONSTRAINT TRIGGER steps_decided AFTER INSERT OR UPDATE OF status ON steps DEFERRABLE INITIALLY "
    "DEFERRED FOR EACH ROW EXECUTE FUNCTION eoffice_check_step()",
    f"""CREATE FUNCTION eoffice_check_document() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$ BEGIN
      IF eoffice_trusted(current_user) THEN RETURN NULL; END IF;
      IF (NEW.status, NEW.number, NEW.signed_pdf_sha256, NEW.signed_version) IS NOT DISTINCT FROM
         (OLD.status, OLD.number, OLD.signed_pdf_sha256, OLD.signed_version) THEN RETURN NULL; END IF;
      IF eoffice_decided_now(NEW.id) THEN RETURN NULL; END IF;
      IF NEW.status IN ({_BY_DRAFTER}) AND OLD.created_by = ANY (eoffice_people())
         AND (NEW.number, NEW.signed_pdf_sha256, NEW.signed_version) IS NOT DISTINCT FROM
             (OLD.number, OLD.signed_pdf_sha256, OLD.signed_version) THEN RETURN NULL; END IF;
      RAISE EXCEPTION 'permission denied: a letter''s status changes only by a decision on its route'
        USING ERRCODE = '42501';
    END $$""",
    "CREATE CONSTRAINT TRIGGER documents_status AFTER UPDATE ON documents DEFERRABLE INITIALLY DEFERRED "
    "FOR EACH ROW EXECUTE FUNCTION eoffice_check_document()",
    # Number counters: created at 0, then only ever one up.
    """CREATE FUNCTION eoffice_guard_counters() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$ BEGIN
      IF eoffice_trusted(current_user) THEN RETURN NEW; END IF;
      IF (TG_OP = 'INSERT' AND NEW.last_value <> 0)
         OR (TG_OP = 'UPDATE' AND (NEW.scope <> OLD.scope OR NEW.last_value <> OLD.last_value + 1)) THEN
        RAISE EXCEPTION 'permission denied: a number counter only goes up by one' USING ERRCODE = '42501';
      END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER number_counters_guard BEFORE INSERT OR UPDATE ON number_counters FOR EACH ROW "
    "EXECUTE FUNCTION eoffice_guard_counters()",
    # The search index is written by the documents trigger only: as the owner, whoever changed the letter.
    "ALTER FUNCTION documents_fts_sync() SECURITY DEFINER SET search_path = public, pg_temp",
    # A blob is its content: its key is the SHA-256 of its bytes.
    "ALTER TABLE blobs ADD CONSTRAINT ck_blobs_sha256 CHECK (sha256 = encode(sha256(data), 'hex') "
    "AND size = octet_length(data))",
]
