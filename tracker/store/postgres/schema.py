"""The PostgreSQL schema, as numbered migrations, and the rules the server enforces.

Everything lives in the schema ``tracker`` of one database. The server, not the
client, decides who may write what:

- ``records`` (one row per record) and ``logs`` (item history) have row-level
  security: a registered, active coordinator writes every scope, a district lead or
  district staff only their district's, a department liaison only the department's
  basic catalog (``dept-<id>``); anyone else, viewers included, nothing.
- ``audit`` is append-only for every role: no UPDATE, DELETE or TRUNCATE is granted,
  and triggers refuse them even to the owner. Its ``actor`` column is set by the
  server to the login of the connection; an entry must name that login, and may act
  for someone else (``--user``) only when the login is a coordinator's.
- every record change must point at its own audit entry (``seq``), so a write that
  bypasses the tool still leaves its trace in the chained log.

The owner of the schema (the login that ran ``tracker init``, ``demo`` or ``db copy``)
builds the database and may write entries in other people's names, as a demo replays
a year of them; ``actor`` still says who wrote them. Logins get their rights through
the group role ``tracker_users``.
"""

GROUP = "tracker_users"
"""The role every person's login belongs to; what the tool grants, it grants to this role."""

CHANNEL = "tracker_changed"
"""Announced (NOTIFY) after every commit and refusal, for live views to reload."""

MIGRATIONS: list[str] = [
    # 1: records, logs, the audit table and the server's rules.
    """
    CREATE SCHEMA tracker;
    CREATE TABLE tracker.ddl (version integer NOT NULL);
    INSERT INTO tracker.ddl VALUES (0);
    CREATE TABLE tracker.meta (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        meta jsonb NOT NULL,
        plan jsonb NOT NULL
    );
    -- An entry is kept as the exact text the tool digests (sorted keys, compact), so its
    -- digest is the SHA-256 of the column; ``entry`` is that text as jsonb, for queries.
    CREATE TABLE tracker.audit (
        seq bigint PRIMARY KEY,
        canonical text NOT NULL,
        entry jsonb GENERATED ALWAYS AS (canonical::jsonb) STORED,
        actor text NOT NULL DEFAULT session_user,
        scope text GENERATED ALWAYS AS (canonical::jsonb->>'scope') STORED,
        tbl text GENERATED ALWAYS AS (canonical::jsonb->>'table') STORED,
        key text GENERATED ALWAYS AS (canonical::jsonb->>'key') STORED,
        CHECK ((canonical::jsonb->>'seq')::bigint = seq)
    );
    CREATE INDEX audit_by_table ON tracker.audit (scope, tbl, seq);
    CREATE TABLE tracker.records (
        scope text NOT NULL,
        tbl text NOT NULL,
        key text NOT NULL,
        doc jsonb NOT NULL CHECK (jsonb_typeof(doc) = 'object'),
        seq bigint NOT NULL,
        -- The record as JSON text, printed once when written rather than on every read.
        body text GENERATED ALWAYS AS (doc::text) STORED,
        PRIMARY KEY (scope, tbl, key)
    );
    CREATE TABLE tracker.logs (
        scope text NOT NULL,
        log text NOT NULL,
        pos bigserial,
        seq bigint NOT NULL,
        entry jsonb NOT NULL,
        PRIMARY KEY (scope, log, pos)
    );

    -- The owner of the audit table: the login that built the database.
    CREATE FUNCTION tracker.is_owner() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT pg_get_userbyid(relowner) = session_user
        FROM pg_class WHERE oid = 'tracker.audit'::regclass
    $$;

    -- The registered, active person of this connection's login, if any.
    CREATE FUNCTION tracker.person() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT doc FROM tracker.records
        WHERE scope = 'people' AND tbl = 'people' AND key = session_user
          AND coalesce(doc->>'deactivated', '') = ''
    $$;

    CREATE FUNCTION tracker.may_write(target text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT coalesce((
            SELECT p->>'role' = 'coordinator'
                OR (p->>'role' IN ('district-lead', 'district-staff') AND p->>'district' = target)
                OR (p->>'role' = 'department' AND 'dept-' || (p->>'department') = target)
            FROM tracker.person() AS p), false)
    $$;

    ALTER TABLE tracker.records ENABLE ROW LEVEL SECURITY;
    CREATE POLICY read_all ON tracker.records FOR SELECT USING (true);
    CREATE POLICY add_own ON tracker.records FOR INSERT WITH CHECK (tracker.may_write(scope));
    CREATE POLICY change_own ON tracker.records FOR UPDATE
        USING (tracker.may_write(scope)) WITH CHECK (tracker.may_write(scope));
    ALTER TABLE tracker.logs ENABLE ROW LEVEL SECURITY;
    CREATE POLICY read_all ON tracker.logs FOR SELECT USING (true);
    CREATE POLICY add_own ON tracker.logs FOR INSERT WITH CHECK (tracker.may_write(scope));

    -- Audit entries: the server names the actor, numbers run on from the last entry, and
    -- for anyone but the owner the entry must link to the one before, name the connection's
    -- login, change only what that login may write, and act for someone else only as a
    -- coordinator.
    CREATE FUNCTION tracker.audit_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
        entry jsonb := NEW.canonical::jsonb;
        last_seq bigint;
        last_text text;
        link text := '';
    BEGIN
        NEW.actor := session_user;
        SELECT seq, canonical INTO last_seq, last_text
            FROM tracker.audit ORDER BY seq DESC LIMIT 1;
        IF NEW.seq <> coalesce(last_seq, 0) + 1 THEN
            RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
                MESSAGE = format('操作记录须接续编号：第 %s 条之后不能写第 %s 条',
                                 coalesce(last_seq, 0), NEW.seq);
        END IF;
        IF tracker.is_owner() THEN
            RETURN NEW;
        END IF;
        IF last_text IS NOT NULL THEN
            link := encode(sha256(convert_to(last_text, 'UTF8')), 'hex');
        END IF;
        IF entry->>'prev' IS DISTINCT FROM link THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('第 %s 条操作记录的校验值与前一条不符，服务器拒绝写入', NEW.seq);
        END IF;
        IF entry->>'login' IS DISTINCT FROM session_user THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('操作记录的登录名「%s」与数据库登录「%s」不符，服务器拒绝写入',
                                 entry->>'login', session_user);
        END IF;
        IF coalesce(entry->>'denied', 'false') = 'true' THEN
            IF entry ?| ARRAY['table', 'key', 'before', 'after'] THEN
                RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                    MESSAGE = '被拒绝的操作不能带有修改内容，服务器拒绝写入';
            END IF;
            RETURN NEW;
        END IF;
        IF NOT tracker.may_write(entry->>'scope') THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('数据库登录「%s」无权修改「%s」的数据，服务器拒绝写入',
                                 session_user, entry->>'scope');
        END IF;
        IF entry->>'user' IS DISTINCT FROM session_user
           AND coalesce((tracker.person())->>'role', '') <> 'coordinator' THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('只有协调员可以代他人操作（--user %s）；数据库登录「%s」不是协调员',
                                 entry->>'user', session_user);
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER audit_insert BEFORE INSERT ON tracker.audit
        FOR EACH ROW EXECUTE FUNCTION tracker.audit_insert();

    CREATE FUNCTION tracker.append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s 只能追加，不能修改、删除或清空', TG_TABLE_NAME);
    END $$;
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON tracker.audit
        FOR EACH ROW EXECUTE FUNCTION tracker.append_only();
    CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON tracker.audit
        FOR EACH STATEMENT EXECUTE FUNCTION tracker.append_only();
    CREATE TRIGGER logs_append_only BEFORE UPDATE OR DELETE ON tracker.logs
        FOR EACH ROW EXECUTE FUNCTION tracker.append_only();
    CREATE TRIGGER logs_no_truncate BEFORE TRUNCATE ON tracker.logs
        FOR EACH STATEMENT EXECUTE FUNCTION tracker.append_only();
    CREATE TRIGGER records_no_delete BEFORE DELETE ON tracker.records
        FOR EACH ROW EXECUTE FUNCTION tracker.append_only();
    CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON tracker.records
        FOR EACH STATEMENT EXECUTE FUNCTION tracker.append_only();

    -- A record changes only with its own audit entry, later than the last one.
    CREATE FUNCTION tracker.record_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND ((NEW.scope, NEW.tbl, NEW.key) IS DISTINCT FROM
                                 (OLD.scope, OLD.tbl, OLD.key) OR NEW.seq <= OLD.seq) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = '记录只能随新的操作记录修改';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM tracker.audit a WHERE a.seq = NEW.seq AND a.scope = NEW.scope
                       AND a.tbl = NEW.tbl AND a.key = NEW.key) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('%s/%s/%s 的修改没有对应的操作记录，服务器拒绝写入',
                                 NEW.scope, NEW.tbl, NEW.key);
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER record_change BEFORE INSERT OR UPDATE ON tracker.records
        FOR EACH ROW EXECUTE FUNCTION tracker.record_change();

    REVOKE ALL ON ALL TABLES IN SCHEMA tracker FROM PUBLIC;
    REVOKE UPDATE, DELETE, TRUNCATE ON tracker.audit, tracker.logs FROM CURRENT_USER;
    GRANT USAGE ON SCHEMA tracker TO tracker_users;
    GRANT SELECT ON ALL TABLES IN SCHEMA tracker TO tracker_users;
    GRANT INSERT, UPDATE ON tracker.records TO tracker_users;
    GRANT INSERT ON tracker.logs, tracker.audit TO tracker_users;
    GRANT USAGE ON SEQUENCE tracker.logs_pos_seq TO tracker_users;
    """,
    # 2: live views: every commit and refusal is announced; readers find a table's and a
    # log's last change by index.
    """
    CREATE FUNCTION tracker.announce() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('tracker_changed', '');
        RETURN NULL;
    END $$;
    CREATE TRIGGER audit_announce AFTER INSERT ON tracker.audit
        FOR EACH STATEMENT EXECUTE FUNCTION tracker.announce();
    CREATE INDEX logs_by_seq ON tracker.logs (scope, log, seq);
    CREATE INDEX records_by_seq ON tracker.records (scope, tbl, seq);

    -- Values computed from a table (indexes, counts), remembered for every reader until the
    -- table changes. The server names who wrote each; readers trust their own and a
    -- coordinator's, so a raw write cannot mislead anyone else.
    CREATE TABLE tracker.memo (
        scope text NOT NULL,
        tbl text NOT NULL,
        name text NOT NULL,
        version bigint NOT NULL,
        value text NOT NULL,  -- JSON, kept as the text it is read back as
        writer text NOT NULL DEFAULT session_user,
        PRIMARY KEY (scope, tbl, name, writer)
    );
    CREATE FUNCTION tracker.memo_writer() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.writer := session_user;
        RETURN NEW;
    END $$;
    CREATE TRIGGER memo_writer BEFORE INSERT OR UPDATE ON tracker.memo
        FOR EACH ROW EXECUTE FUNCTION tracker.memo_writer();
    CREATE FUNCTION tracker.trusted(writer text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT writer = session_user OR EXISTS (
            SELECT 1 FROM tracker.records WHERE scope = 'people' AND tbl = 'people'
            AND key = writer AND doc->>'role' = 'coordinator'
            AND coalesce(doc->>'deactivated', '') = '')
            OR writer = (SELECT pg_get_userbyid(relowner) FROM pg_class
                         WHERE oid = 'tracker.audit'::regclass)
    $$;
    ALTER TABLE tracker.memo ENABLE ROW LEVEL SECURITY;
    CREATE POLICY read_trusted ON tracker.memo FOR SELECT USING (tracker.trusted(writer));
    CREATE POLICY write_own ON tracker.memo FOR ALL
        USING (writer = session_user) WITH CHECK (writer = session_user);
    GRANT SELECT, INSERT, UPDATE ON tracker.memo TO tracker_users;
    """,
]

LATEST = len(MIGRATIONS)
"""The schema version this program writes and reads."""
