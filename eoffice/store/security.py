"""PostgreSQL: who may read and write what, decided by the database (migration 0009).

Every eoffice user is a LOGIN role (``users.db_role``) in the NOLOGIN group ``eoffice_user``; the owner role
owns every table and function and runs the migrations, so row-level security and the guards (store/security_writes.py) apply to
every client and to nobody else (a superuser or the owner bypasses them, by design: docs/admin-guide.md).

The acting user is the *session* user (the role that authenticated), looked up by ``eoffice_uid()``: inside a
SECURITY DEFINER function ``current_user`` is the owner, so it cannot name the caller. Guards in triggers run
as the statement's ``current_user`` and skip their checks only for the owner or a superuser
(``eoffice_trusted``), i.e. for writes made inside the owner's own functions.

One definition of who sees a letter: the SELECT policy on ``documents`` (the rule of services/access.py:
visible_clause); every table hanging off a letter asks ``eoffice_can_see(document_id)``, which is that
policy applied to one row. The small sets it needs (me and whom I stand in for, my subordinates) are computed
once per statement (arrays from STABLE functions in scalar subqueries: InitPlans); the letter sets are
correlated EXISTS over the owner's views (VIEWS), an index probe per letter or one hashed set per statement,
whichever the planner finds cheaper for the rows at hand.

Tables: every table of the schema must be in exactly one of the lists below (tests/integration/
test_db_security.py fails otherwise); a table nobody listed gets no privilege at all for the group.
"""

from __future__ import annotations

from eoffice.domain import Classification, DocStatus
from eoffice.store.security_writes import _DEF, _PLPG, DECIDED_STEPS, GUARDS, SEAL

__all__ = ["DECIDED_STEPS", "GUARDS", "SEAL"]  # re-exported: the migration and the tests read them here

GROUP = "eoffice_user"  # every user's login role is a member
CA_GROUP = "eoffice_ca_admin"  # members publish certificates and CRLs (the organisation CA's operators)
AUDITOR_GROUP = "eoffice_auditor"  # members read the whole audit trail, to verify it (services/audit.py)
ROLE_PREFIX = "eo_"  # login role of user LOGIN: eo_LOGIN (docs/admin-guide.md)

# Letter content and workflow state: row-level security by eoffice_can_see.
LETTER_TABLES = ("documents", "document_versions", "recipients", "attachments", "routes", "steps", "decisions",
                 "route_notes", "dispositions", "documents_fts", "blobs", "audit_events")
# Organisation and configuration: everyone reads, only admins write (certificates/CRLs: the CA group).
ORG_TABLES = ("units", "positions", "users", "classification_codes", "route_templates", "number_formats",
              "delegations", "certificates", "crls", "holidays", "org_settings")
# Readable by all, written only through the owner's functions (or guarded counters).
SEALED_TABLES = ("audit_head", "sync_counter", "changes", "number_counters", "alembic_version")
# A user's own records: each reads and writes only rows with their user_id (admins read all).
OWN_TABLES = ("pushed_commands",)
ALL_TABLES = LETTER_TABLES + ORG_TABLES + SEALED_TABLES + OWN_TABLES

# users: every column but the private ones is readable by all. A user reads their own hash through
# eoffice_password_hash; their own NIK (national ID, personal data) through eoffice_nik, which also gives any
# user's to admins. A column added to users later must be added to one of these to be readable.
USER_COLUMNS = ("id", "login", "nip", "name", "unit_id", "position_id", "is_admin", "active", "created_at",
                "db_role", "gelar_depan", "gelar_belakang", "pangkat")
PRIVATE_USER_COLUMNS = ("password_hash", "nik")

_STABLE = "LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
_DISPATCHED, _RAHASIA = DocStatus.DISPATCHED.value, Classification.RAHASIA.value


def _member_of(name: str, group: str) -> str:
    """A function telling whether the session's user is a member of *group* (a NOLOGIN role)."""
    return f"""CREATE FUNCTION {name}() RETURNS boolean {_DEF} AS
    $$ SELECT eoffice_uid() IS NOT NULL AND EXISTS (
         SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
         WHERE g.rolname = '{group}' AND r.rolname = session_user) $$"""


def _group_setter(name: str, group: str, allowed: str, refusal: str) -> str:
    """A function putting a user's login role into *group* or taking it out, for whom *allowed* holds."""
    return f"""CREATE FUNCTION {name}(who integer, yes boolean) RETURNS void {_PLPG} AS $$
    DECLARE r text;
    BEGIN
      IF NOT ({allowed}) THEN
        RAISE EXCEPTION 'permission denied: {refusal}' USING ERRCODE = '42501';
      END IF;
      SELECT db_role INTO r FROM users WHERE id = who;
      IF r IS NULL THEN RAISE EXCEPTION 'user has no login role' USING ERRCODE = '42704'; END IF;
      EXECUTE format(CASE WHEN yes THEN 'GRANT {group} TO %I' ELSE 'REVOKE {group} FROM %I' END, r);
    END $$"""


ROLES = [
    f"""DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{GROUP}') THEN CREATE ROLE {GROUP} NOLOGIN; END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{CA_GROUP}') THEN CREATE ROLE {CA_GROUP} NOLOGIN;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AUDITOR_GROUP}') THEN
        CREATE ROLE {AUDITOR_GROUP} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- another database made it meanwhile
    END $$""",
]

FUNCTIONS = [
    # Identity. PL/pgSQL, not SQL: the policies call these in every statement, and PL/pgSQL keeps their plans
    # for the session where a non-inlined SQL function is planned again at every call.
    f"""CREATE FUNCTION eoffice_uid() RETURNS integer {_STABLE} AS
    $$ BEGIN RETURN (SELECT id FROM users WHERE db_role = session_user AND active); END $$""",
    # Trusted: the tables' owner, a superuser, or a role with the owner's rights (which can rewrite anything
    # anyway); never a user's login role. The owner is named as the migration runs, so the function is one
    # call the planner inlines (pg_has_role: the server's role cache, no catalog query to plan or run): the
    # guards ask it for every row they check. No SET search_path (it would forbid inlining): all qualified.
    """DO $$ BEGIN
      EXECUTE format('CREATE FUNCTION eoffice_trusted(who name) RETURNS boolean LANGUAGE sql STABLE AS '
                     '$f$ SELECT pg_catalog.pg_has_role(who, %L::pg_catalog.name, ''USAGE''::pg_catalog.text) $f$',
                     (SELECT pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c
                      WHERE c.oid = 'public.users'::pg_catalog.regclass));
    END $$""",
    f"""CREATE FUNCTION eoffice_is_admin() RETURNS boolean {_STABLE} AS
    $$ BEGIN RETURN COALESCE((SELECT is_admin FROM users WHERE id = eoffice_uid()), false); END $$""",
    _member_of("eoffice_is_ca_admin", CA_GROUP),
    _member_of("eoffice_is_auditor", AUDITOR_GROUP),
    f"""CREATE FUNCTION eoffice_unit() RETURNS integer {_STABLE} AS
    $$ BEGIN RETURN (SELECT unit_id FROM users WHERE id = eoffice_uid()); END $$""",
    # The small sets the visibility rule needs, once per statement (the letter sets: VIEWS).
    f"""CREATE FUNCTION eoffice_people() RETURNS integer[] {_STABLE} AS $$
    DECLARE me integer := eoffice_uid();
    BEGIN
      IF me IS NULL THEN RETURN '{{}}'; END IF;
      RETURN ARRAY(SELECT me UNION SELECT delegator_id FROM delegations WHERE delegate_id = me AND NOT revoked
                   AND starts_at <= now() AND ends_at > now());
    END $$""",
    f"""CREATE FUNCTION eoffice_subordinates() RETURNS integer[] {_STABLE} AS $$
    BEGIN
      RETURN ARRAY(WITH RECURSIVE below(id) AS (
          SELECT p.id FROM positions p WHERE p.parent_id = (SELECT position_id FROM users WHERE id = eoffice_uid())
          UNION SELECT p.id FROM positions p JOIN below b ON p.parent_id = b.id)
        SELECT u.id FROM users u WHERE u.position_id IN (SELECT id FROM below));
    END $$""",
    # A letter visible to the caller: the documents policy, applied to one row (a SECURITY INVOKER function).
    # No SET clause, so the planner inlines it (a correlated index probe under the documents policy, whose
    # arrays are computed once per statement); the table is schema-qualified because of that.
    """CREATE FUNCTION eoffice_can_see(doc varchar) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT EXISTS (SELECT 1 FROM public.documents WHERE id = doc) $$""",
    # On the route of a letter (drafter, a step's assignee, a disposition's sender or receiver), as me or for
    # someone I stand in for: who may change its workflow rows.
    f"""CREATE FUNCTION eoffice_participant(doc varchar) RETURNS boolean {_DEF} AS
    $$ SELECT EXISTS (SELECT 1 FROM documents WHERE id = doc AND created_by = ANY (eoffice_people()))
           OR EXISTS (SELECT 1 FROM steps WHERE document_id = doc AND assignee_id = ANY (eoffice_people()))
           OR EXISTS (SELECT 1 FROM dispositions WHERE document_id = doc
                      AND (to_user_id = ANY (eoffice_people()) OR from_user_id = ANY (eoffice_people()))) $$""",
    # May decide this step: its assignee, or the delegate of its assignee (on_behalf_of) right now.
    f"""CREATE FUNCTION eoffice_may_decide(step varchar, actor integer, behalf integer) RETURNS boolean {_DEF} AS
    $$ SELECT actor = eoffice_uid() AND EXISTS (SELECT 1 FROM steps s WHERE s.id = step AND (
         s.assignee_id = actor OR (s.assignee_id = behalf AND EXISTS (
           SELECT 1 FROM delegations g WHERE g.delegator_id = behalf AND g.delegate_id = actor AND NOT g.revoked
           AND g.starts_at <= now() AND g.ends_at > now())))) $$""",
    # A user reads only their own password hash (the offline login cache); the owner reads any.
    f"""CREATE FUNCTION eoffice_password_hash(who integer) RETURNS varchar {_DEF} AS
    $$ SELECT password_hash FROM users WHERE id = who AND (id = eoffice_uid() OR eoffice_trusted(session_user)) $$""",
    # A user's NIK: to themselves and to admins (the admin screen), NULL to anyone else.
    f"""CREATE FUNCTION eoffice_nik(who integer) RETURNS varchar {_STABLE} AS
    $$ BEGIN
      RETURN (SELECT nik FROM users WHERE id = who
              AND (id = eoffice_uid() OR eoffice_is_admin() OR eoffice_trusted(session_user)));
    END $$""",
    # Login roles: made, re-passworded and enabled with the user, by an admin (or the user, for their own
    # password) or the owner. Only a SCRAM verifier is accepted: the clear password never reaches the server.
    f"""CREATE FUNCTION eoffice_set_login(who integer, verifier text) RETURNS text {_PLPG} AS $$
    DECLARE u users%ROWTYPE; r text; existing pg_roles%ROWTYPE;
    BEGIN
      SELECT * INTO u FROM users WHERE id = who;
      IF NOT FOUND THEN RAISE EXCEPTION 'no such user' USING ERRCODE = '42704'; END IF;
      IF NOT (eoffice_trusted(session_user) OR eoffice_is_admin() OR who = eoffice_uid()) THEN
        RAISE EXCEPTION 'permission denied: only an admin sets another user''s login' USING ERRCODE = '42501';
      END IF;
      IF verifier !~ '^SCRAM-SHA-256\\$' THEN
        RAISE EXCEPTION 'a SCRAM-SHA-256 verifier is required' USING ERRCODE = '22023';
      END IF;
      r := COALESCE(u.db_role, '{ROLE_PREFIX}' || u.login);
      FOR attempt IN 1..5 LOOP  -- roles are cluster-wide: another database may be changing the same one
        BEGIN
          SELECT * INTO existing FROM pg_roles WHERE rolname = r;
          IF NOT FOUND THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
          ELSIF existing.rolsuper OR existing.rolcreaterole OR existing.rolcreatedb OR existing.rolreplication
                OR existing.rolbypassrls THEN
            RAISE EXCEPTION 'role % exists with more than a user''s rights', r USING ERRCODE = '42501';
          END IF;
          EXECUTE format('ALTER ROLE %I %s PASSWORD %L', r, CASE WHEN u.active THEN 'LOGIN' ELSE 'NOLOGIN' END,
                         verifier);
          EXECUTE format('GRANT {GROUP} TO %I', r);
          EXIT;
        EXCEPTION WHEN internal_error OR duplicate_object OR unique_violation THEN
          IF attempt = 5 THEN RAISE; END IF;
          PERFORM pg_sleep(0.05 * attempt);
        END;
      END LOOP;
      IF u.db_role IS NULL THEN UPDATE users SET db_role = r WHERE id = who; END IF;
      RETURN r;
    END $$""",
    # CA operators: granted by the owner (eoffice demo gives it to the demo admin).
    _group_setter("eoffice_set_ca_admin", CA_GROUP, "eoffice_trusted(session_user)",
                  "only the owner names CA operators"),
    # Auditors: named by an admin (eoffice user edit LOGIN --auditor yes) or the owner.
    _group_setter("eoffice_set_auditor", AUDITOR_GROUP, "eoffice_trusted(session_user) OR eoffice_is_admin()",
                  "only an admin names auditors"),
    # What an auditor needs of the letters beyond the trail: which signed PDF each names (and its subject, to
    # say which letter a finding is about), and whether each stored file still hashes to its key (computed
    # here: the auditor reads no letter's file or body).
    f"""CREATE FUNCTION eoffice_audit_letters() RETURNS TABLE (id varchar, subject varchar, signed varchar)
    {_STABLE} AS $$
    BEGIN
      IF NOT (eoffice_trusted(session_user) OR eoffice_is_auditor()) THEN
        RAISE EXCEPTION 'permission denied: only auditors' USING ERRCODE = '42501';
      END IF;
      RETURN QUERY SELECT d.id, d.subject, d.signed_pdf_sha256 FROM documents d;
    END $$""",
    f"""CREATE FUNCTION eoffice_audit_blobs(after varchar, n integer) RETURNS TABLE (sha256 varchar, actual text)
    {_STABLE} AS $$
    BEGIN
      IF NOT (eoffice_trusted(session_user) OR eoffice_is_auditor()) THEN
        RAISE EXCEPTION 'permission denied: only auditors' USING ERRCODE = '42501';
      END IF;
      RETURN QUERY SELECT b.sha256, encode(sha256(b.data), 'hex') FROM blobs b WHERE b.sha256 > after
        ORDER BY b.sha256 LIMIT n;
    END $$""",
    # Deactivating a user disables their login role at once (and re-activating enables it).
    f"""CREATE FUNCTION eoffice_users_login_sync() RETURNS trigger {_PLPG} AS $$
    BEGIN
      IF NEW.db_role IS NOT NULL AND NEW.active IS DISTINCT FROM OLD.active THEN
        EXECUTE format('ALTER ROLE %I %s', NEW.db_role, CASE WHEN NEW.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
      END IF;
      RETURN NULL;
    END $$""",
    # The blob a client may drop: one nothing refers to (the foreign keys refuse the rest anyway).
    f"""CREATE FUNCTION eoffice_drop_blob(digest varchar) RETURNS void {_PLPG} AS $$
    BEGIN
      DELETE FROM blobs b WHERE b.sha256 = digest
        AND NOT EXISTS (SELECT 1 FROM documents WHERE signed_pdf_sha256 = digest)
        AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = digest)
        AND NOT EXISTS (SELECT 1 FROM document_versions WHERE working_pdf_sha256 = digest);
    END $$""",
]

# Full-text search: the GIN index must run before the rule, which RLS on documents_fts would forbid (@@ is not
# leakproof), so clients search through this function, which returns the page itself: the newest letters (by
# updated_at, then id, as the list shows them) that match the words (NULL: none) and the filters (NULL: none;
# units: the unit and those under it), before the keyset (before_at, before_id) when given, at most n, among
# those the rule ({visible}, the same expression as the documents policy) lets the caller see; the owner sees
# all. One pass: the matches are found by the GIN index and sorted on the few columns the page needs, and the
# rule is checked on them in that order, behind a fence (OFFSET 0), so that the LIMIT stops it at the n-th
# visible letter instead of probing every match; without words, as the list page: newest first from
# ix_documents_updated, the rule on each row. Dynamic SQL: each call is planned for the filters it has.
# Nothing is counted.
# Only the columns the page and the rule need go through the sort (not search_text: a letter's whole text).
_PAGE_COLUMNS = ", ".join(f"documents.{c}" for c in ("id", "kind", "subject", "status", "number", "urgency", "direction",
                                                   "updated_at", "created_by", "classification"))
SEARCH = [
    f"""CREATE FUNCTION eoffice_search(words tsquery, of_kind varchar, in_status varchar, of_class varchar,
      of_urgency varchar, in_units integer[], since timestamptz, until timestamptz, before_at timestamptz,
      before_id varchar, n integer)
    RETURNS TABLE (id varchar, kind varchar, subject varchar, status varchar, number varchar, urgency varchar,
                   direction varchar, updated_at timestamptz, drafter varchar) {_STABLE} AS $$
    DECLARE
      source text := 'documents'
        || CASE WHEN words IS NULL THEN '' ELSE ' JOIN documents_fts f ON f.document_id = documents.id' END;
      kept text := 'true';
      rule text := CASE WHEN eoffice_trusted(session_user) THEN 'true' ELSE $rule${{visible}}$rule$ END;
      newest text := ' ORDER BY documents.updated_at DESC, documents.id DESC';
      found text;
    BEGIN
      IF words IS NOT NULL THEN kept := kept || ' AND f.search_tsv @@ $1'; END IF;
      IF of_kind IS NOT NULL THEN kept := kept || ' AND documents.kind = $2'; END IF;
      IF in_status IS NOT NULL THEN kept := kept || ' AND documents.status = $3'; END IF;
      IF of_class IS NOT NULL THEN kept := kept || ' AND documents.classification = $4'; END IF;
      IF of_urgency IS NOT NULL THEN kept := kept || ' AND documents.urgency = $5'; END IF;
      IF in_units IS NOT NULL THEN kept := kept || ' AND documents.unit_id = ANY ($6)'; END IF;
      IF since IS NOT NULL THEN kept := kept || ' AND documents.created_at >= $7'; END IF;
      IF until IS NOT NULL THEN kept := kept || ' AND documents.created_at < $8'; END IF;
      IF before_at IS NOT NULL THEN kept := kept || ' AND (documents.updated_at, documents.id) < ($9, $10)'; END IF;
      IF words IS NULL THEN  -- the list page's plan: newest first from ix_documents_updated, the rule on each row
        found := 'SELECT {_PAGE_COLUMNS} FROM documents WHERE ' || kept || ' AND (' || rule || ')' || newest;
      ELSE  -- the matches from the GIN index, sorted, then the rule on them in that order (behind the fence)
        found := 'SELECT {_PAGE_COLUMNS} FROM (SELECT {_PAGE_COLUMNS} FROM ' || source || ' WHERE ' || kept
          || newest || ' OFFSET 0) documents WHERE ' || rule || newest;
      END IF;
      RETURN QUERY EXECUTE 'SELECT p.id, p.kind, p.subject, p.status, p.number, p.urgency, p.direction, '
        || 'p.updated_at, u.login FROM (' || found || ' LIMIT $11) p JOIN users u ON u.id = p.created_by '
        || 'ORDER BY p.updated_at DESC, p.id DESC'
        USING words, of_kind, in_status, of_class, of_urgency, in_units, since, until, before_at, before_id, n;
    END $$""",
]
SEARCH_SIGNATURE = ("eoffice_search(tsquery, varchar, varchar, varchar, varchar, integer[], timestamptz, "
                    "timestamptz, timestamptz, varchar, integer)")

# The rule. Small sets (me and whom I stand in for, my subordinates) as arrays in scalar subqueries
# (InitPlans: once per statement; "= ANY (CAST((SELECT f()) AS t[]))", since a bare "= ANY ((SELECT f()))"
# parses as a subquery of arrays). The letter sets (routed through us, disposed to or by us, addressed to me
# or my unit) as correlated EXISTS over the owner's views (VIEWS): the planner probes an index per letter when
# it looks at few letters (opening one) and hashes the set once when it scans many (a list), so a statement
# costs what the user sees, not the archive's size. The views run as the owner (no RLS: no recursion).
_PEOPLE = "CAST((SELECT eoffice_people()) AS integer[])"
_VISIBLE = (f"created_by = ANY ({_PEOPLE}) "
            f"OR EXISTS (SELECT 1 FROM eoffice_my_steps m WHERE m.document_id = documents.id) "
            f"OR EXISTS (SELECT 1 FROM eoffice_my_dispositions m WHERE m.document_id = documents.id) "
            f"OR (status = '{_DISPATCHED}' AND EXISTS (SELECT 1 FROM eoffice_my_mail m "
            f"WHERE m.document_id = documents.id)) "
            f"OR (classification <> '{_RAHASIA}' "
            f"AND created_by = ANY (CAST((SELECT eoffice_subordinates()) AS integer[])))")
# Each view holds only the caller's own rows (what they may see anyway); security_barrier keeps a client's
# own functions from running on the other rows before the view's filter.
VIEWS = [
    f"""CREATE VIEW eoffice_my_steps WITH (security_barrier) AS
    SELECT document_id FROM steps WHERE assignee_id = ANY ({_PEOPLE})""",
    f"""CREATE VIEW eoffice_my_dispositions WITH (security_barrier) AS
    SELECT document_id FROM dispositions WHERE to_user_id = ANY ({_PEOPLE}) OR from_user_id = ANY ({_PEOPLE})""",
    """CREATE VIEW eoffice_my_mail WITH (security_barrier) AS
    SELECT document_id FROM recipients WHERE user_id = (SELECT eoffice_uid()) OR unit_id = (SELECT eoffice_unit())""",
]
VIEW_NAMES = ("eoffice_my_steps", "eoffice_my_dispositions", "eoffice_my_mail")
_SEE = "eoffice_can_see(document_id)"  # in WITH CHECK only: a function with a sublink is never inlined


def _seen(table: str) -> str:
    """A row of a letter's table is visible with its letter: the documents policy, applied to one letter (a
    correlated probe; the policy's sets are still computed once per statement)."""
    return f"EXISTS (SELECT 1 FROM documents d WHERE d.id = {table}.document_id)"

_ON_ROUTE = "eoffice_participant(document_id)"
_BLOB_SEEN = ("EXISTS (SELECT 1 FROM documents d WHERE d.signed_pdf_sha256 = blobs.sha256) "
              "OR EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = blobs.sha256) "
              "OR EXISTS (SELECT 1 FROM document_versions v WHERE v.working_pdf_sha256 = blobs.sha256)")

# (table, policy name, command, USING, WITH CHECK); all TO the group.
# Per-statement values in policies: scalar subqueries (InitPlans), not a function call per row.
_ME, _ADMIN, _CA = "(SELECT eoffice_uid())", "(SELECT eoffice_is_admin())", "(SELECT eoffice_is_ca_admin())"
_AUDITOR = "(SELECT eoffice_is_auditor())"
_US = "ANY ((SELECT eoffice_people())::integer[])"  # me or someone I stand in for

POLICIES: list[tuple[str, str, str, str | None, str | None]] = [
    ("documents", "documents_read", "SELECT", _VISIBLE, None),
    ("documents", "documents_add", "INSERT", None, f"created_by = {_ME}"),
    ("documents", "documents_change", "UPDATE", "true", "true"),  # who: eoffice_guard_documents
    *[(t, f"{t}_read", "SELECT", _seen(t), None)
      for t in ("document_versions", "recipients", "attachments", "routes", "steps", "route_notes",
                "dispositions", "documents_fts")],
    # Separate commands, not FOR ALL: an ALL policy would be OR-ed into every SELECT as well.
    *[(t, f"{t}_{command.lower()}", command, None if command == "INSERT" else _ON_ROUTE,
       None if command == "DELETE" else _ON_ROUTE)
      for t in ("document_versions", "recipients", "attachments", "routes", "steps")
      for command in ("INSERT", "UPDATE", "DELETE")],
    ("decisions", "decisions_read", "SELECT", "EXISTS (SELECT 1 FROM steps s WHERE s.id = decisions.step_id)", None),
    ("decisions", "decisions_add", "INSERT", None, "eoffice_may_decide(step_id, actor_id, on_behalf_of)"),
    ("route_notes", "route_notes_add", "INSERT", None, f"author_id = {_ME} AND {_SEE}"),
    ("dispositions", "dispositions_add", "INSERT", None, f"from_user_id = {_US} AND {_SEE}"),
    ("dispositions", "dispositions_change", "UPDATE",
     f"to_user_id = {_US} OR from_user_id = {_US}", "true"),
    ("blobs", "blobs_read", "SELECT", _BLOB_SEEN, None),
    ("blobs", "blobs_add", "INSERT", None, "true"),  # the key is checked by ck_blobs_sha256
    ("audit_events", "audit_events_read", "SELECT",
     f"{_ADMIN} OR actor_id = {_ME} OR (document_id IS NOT NULL AND {_seen('audit_events')}) "
     "OR action = 'ca.init'",  # names the organisation's root: what a client pins on first use (services/trust)
     None),
    # Auditors read the trail, the decisions, and the steps and attachments they are about (no bodies, no files).
    *[(t, f"{t}_audit", "SELECT", _AUDITOR, None) for t in ("audit_events", "decisions", "steps", "attachments")],
    *[(t, f"{t}_read", "SELECT", "true", None) for t in ORG_TABLES],
    # pushed commands (sync/push.py): the pusher inserts its own and reads them back by action_id; another
    # user's row under a guessed id stays invisible, and its insert then fails on the key.
    ("pushed_commands", "pushed_commands_read", "SELECT", f"user_id = {_ME} OR {_ADMIN}", None),
    ("pushed_commands", "pushed_commands_add", "INSERT", None, f"user_id = {_ME}"),
    ("pushed_commands", "pushed_commands_outcome", "UPDATE", f"user_id = {_ME}", f"user_id = {_ME}"),
    *[(t, f"{t}_admin", "ALL", f"{_ADMIN}", f"{_ADMIN}")
      for t in ("units", "positions", "users", "classification_codes", "route_templates", "number_formats",
                "holidays", "org_settings")],
    ("users", "users_self", "UPDATE", f"id = {_ME}", f"id = {_ME}"),  # columns: eoffice_guard_users
    ("delegations", "delegations_own", "ALL", f"delegator_id = {_ME} OR {_ADMIN}",
     f"delegator_id = {_ME} OR {_ADMIN}"),
    ("certificates", "certificates_ca", "ALL", f"{_CA}", f"{_CA}"),
    ("certificates", "certificates_request", "INSERT", None, f"purpose = 'request' AND user_id = {_ME}"),
    ("crls", "crls_ca", "ALL", f"{_CA}", f"{_CA}"),
]

# Table privileges of the group (on top of which the policies filter rows).
GRANTS = [
    *[f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {GROUP}" for t in
      ("document_versions", "recipients", "attachments", "routes", "steps")],
    f"GRANT SELECT, INSERT, UPDATE ON documents, dispositions TO {GROUP}",
    f"GRANT SELECT, INSERT ON decisions, route_notes, blobs TO {GROUP}",
    f"GRANT SELECT ON documents_fts, audit_events, audit_head, sync_counter, changes, alembic_version TO {GROUP}",
    f"GRANT SELECT, INSERT, UPDATE ON number_counters TO {GROUP}",
    *[f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {GROUP}" for t in ORG_TABLES if t != "users"],
    f"GRANT SELECT, INSERT, UPDATE (status, outcome) ON pushed_commands TO {GROUP}",
    f"GRANT SELECT ({', '.join(USER_COLUMNS)}) ON users TO {GROUP}",
    f"GRANT INSERT, UPDATE ON users TO {GROUP}",
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {GROUP}",
    f"GRANT USAGE ON SCHEMA public TO {GROUP}",
]
CLIENT_FUNCTIONS = ("eoffice_uid()", "eoffice_unit()", "eoffice_trusted(name)", "eoffice_is_admin()",
                    "eoffice_is_ca_admin()", "eoffice_people()", "eoffice_subordinates()",
                    "eoffice_can_see(varchar)", "eoffice_participant(varchar)",
                    "eoffice_may_decide(varchar, integer, integer)", "eoffice_password_hash(integer)",
                    "eoffice_nik(integer)", "eoffice_is_auditor()", "eoffice_set_auditor(integer, boolean)",
                    "eoffice_audit_letters()", "eoffice_audit_blobs(varchar, integer)",
                    "eoffice_set_login(integer, text)", "eoffice_seal(json, json, integer)",
                    "eoffice_drop_blob(varchar)", "eoffice_decided_now(varchar)",
                    "eoffice_step_has_decision(varchar)", SEARCH_SIGNATURE)

# Indexes the policies and the letter list lean on (made on both back ends by migration 0009; in models.py too).
INDEXES = [("ix_documents_created_by", "documents", ["created_by"]),
           ("ix_documents_updated", "documents", ["updated_at", "id"]),
           ("ix_documents_signed_pdf", "documents", ["signed_pdf_sha256"]),
           ("ix_recipients_document", "recipients", ["document_id"]), ("ix_recipients_user", "recipients", ["user_id"]),
           ("ix_recipients_unit", "recipients", ["unit_id"]),
           ("ix_attachments_document", "attachments", ["document_id"]),
           ("ix_attachments_sha256", "attachments", ["sha256"]),
           ("ix_versions_working_pdf", "document_versions", ["working_pdf_sha256"]),
           ("ix_route_notes_document", "route_notes", ["document_id"]),
           ("ix_dispositions_document", "dispositions", ["document_id"]),
           ("ix_dispositions_to", "dispositions", ["to_user_id"]),
           ("ix_dispositions_from", "dispositions", ["from_user_id"]),
           ("ix_delegations_delegate", "delegations", ["delegate_id"]),
           ("ix_audit_events_document", "audit_events", ["document_id"])]


def upgrade_statements() -> list[str]:
    out = [*ROLES, *FUNCTIONS, *VIEWS, *SEAL, *GUARDS, *[f.replace("{visible}", _VISIBLE) for f in SEARCH]]
    out += [f"REVOKE ALL ON {t} FROM PUBLIC" for t in ALL_TABLES]
    out += ["DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$",
            "REVOKE ALL ON SCHEMA public FROM PUBLIC",
            "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"]
    out += [f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY" for t in LETTER_TABLES + ORG_TABLES + OWN_TABLES]
    for table, name, command, using, check in POLICIES:
        sql = f"CREATE POLICY {name} ON {table} FOR {command} TO {GROUP}"
        sql += f" USING ({using})" if using else ""
        sql += f" WITH CHECK ({check})" if check else ""
        out.append(sql)
    out += GRANTS
    out += [f"GRANT SELECT ON {v} TO {GROUP}" for v in VIEW_NAMES]
    out += [f"GRANT EXECUTE ON FUNCTION {f} TO {GROUP}" for f in CLIENT_FUNCTIONS]
    return out


def downgrade_statements() -> list[str]:
    out = [f"DROP POLICY {name} ON {table}" for table, name, *_rest in POLICIES]
    out += [f"ALTER TABLE {t} DISABLE ROW LEVEL SECURITY" for t in LETTER_TABLES + ORG_TABLES + OWN_TABLES]
    out += [f"REVOKE ALL ON {t} FROM {GROUP}" for t in ALL_TABLES]
    out += [f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {GROUP}",
            f"REVOKE ALL ON SCHEMA public FROM {GROUP}",
            "GRANT USAGE ON SCHEMA public TO PUBLIC",
            "DO $$ BEGIN EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database()); END $$",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO PUBLIC",
            "ALTER TABLE blobs DROP CONSTRAINT ck_blobs_sha256",
            "ALTER FUNCTION documents_fts_sync() SECURITY INVOKER",
            "GRANT EXECUTE ON FUNCTION documents_fts_sync(), eoffice_audit_append_only() TO PUBLIC",
            "DROP TRIGGER users_guard ON users", "DROP TRIGGER users_login_sync ON users",
            "DROP TRIGGER documents_guard ON documents", "DROP TRIGGER steps_guard ON steps",
            "DROP TRIGGER number_counters_guard ON number_counters", "DROP TRIGGER steps_decided ON steps",
            "DROP TRIGGER documents_status ON documents"]
    names = ["eoffice_seal(json, json, integer)", "eoffice_guard_users()", "eoffice_guard_documents()",
             "eoffice_guard_steps()", "eoffice_guard_counters()", "eoffice_users_login_sync()",
             "eoffice_set_ca_admin(integer, boolean)", "eoffice_check_step()", "eoffice_check_document()",
             *[f for f in reversed(CLIENT_FUNCTIONS) if not f.startswith("eoffice_seal")]]
    out += [f"DROP VIEW {v}" for v in VIEW_NAMES]
    out += [f"DROP FUNCTION {f}" for f in names]
    return out
