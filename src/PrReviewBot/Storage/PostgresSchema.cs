namespace PrReviewBot.Storage;

/// <summary>
/// The PostgreSQL schema as numbered migrations, table for table and column for column the same as
/// <see cref="SqliteSchema"/> (integer timestamps in Unix milliseconds, so both stores share their SQL's shape).
/// Version N here is version N there. Never edit a released migration: append a new one to both.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>
    /// Key of the session-level advisory lock held while migrating, so replicas starting together migrate one after
    /// the other: the first applies the migrations, the others find them applied.
    /// </summary>
    public const long MigrationLockKey = 0x5072526576426f74; // "PrRevBot"

    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: deliveries, jobs, per-PR state and evaluation history.
        """
        CREATE TABLE deliveries (
            delivery_id     TEXT PRIMARY KEY,
            event           TEXT NOT NULL,
            action          TEXT,
            installation_id BIGINT,
            repository      TEXT,
            subject         TEXT,
            state           TEXT NOT NULL,
            received_at     BIGINT NOT NULL,
            completed_at    BIGINT,
            headers         TEXT NOT NULL,
            body            TEXT,
            note            TEXT,
            error           TEXT
        );
        CREATE INDEX deliveries_subject_state ON deliveries (subject, state);
        CREATE INDEX deliveries_received_at ON deliveries (received_at);

        CREATE TABLE jobs (
            subject         TEXT PRIMARY KEY,
            kind            TEXT NOT NULL,
            repository      TEXT NOT NULL,
            installation_id BIGINT,
            number          INTEGER,
            sha             TEXT,
            base_ref        TEXT,
            version         BIGINT NOT NULL,
            due_at          BIGINT NOT NULL,
            attempts        INTEGER NOT NULL,
            force           INTEGER NOT NULL,
            lease_owner     TEXT,
            lease_until     BIGINT,
            last_error      TEXT,
            created_at      BIGINT NOT NULL,
            updated_at      BIGINT NOT NULL
        );
        CREATE INDEX jobs_due_at ON jobs (due_at);

        CREATE TABLE pull_requests (
            repository          TEXT NOT NULL,
            number              INTEGER NOT NULL,
            installation_id     BIGINT,
            base_ref            TEXT,
            head_sha            TEXT,
            is_optimization     INTEGER NOT NULL,
            conclusion          TEXT,
            verdict_json        TEXT,
            check_name          TEXT,
            check_json          TEXT,
            check_fingerprint   TEXT,
            check_sha           TEXT,
            comment_id          BIGINT,
            comment_fingerprint TEXT,
            evaluated_at        BIGINT NOT NULL,
            PRIMARY KEY (repository, number)
        );
        CREATE INDEX pull_requests_head ON pull_requests (repository, head_sha);

        CREATE TABLE evaluations (
            id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            repository     TEXT NOT NULL,
            number         INTEGER NOT NULL,
            head_sha       TEXT,
            conclusion     TEXT,
            title          TEXT,
            check_action   TEXT NOT NULL,
            comment_action TEXT NOT NULL,
            delivery_ids   TEXT NOT NULL,
            evaluated_at   BIGINT NOT NULL,
            duration_ms    BIGINT NOT NULL,
            verdict_json   TEXT
        );
        CREATE INDEX evaluations_pr ON evaluations (repository, number, evaluated_at);
        """,

        // 2: the missed-delivery sweep: who runs it (a lease), how far it got, and which deliveries it asked GitHub to send again.
        """
        CREATE TABLE sweeps (
            name        TEXT PRIMARY KEY,
            lease_owner TEXT,
            lease_until BIGINT,
            swept_until BIGINT
        );

        CREATE TABLE redeliveries (
            guid             TEXT PRIMARY KEY,
            hook_delivery_id BIGINT NOT NULL,
            requested_at     BIGINT NOT NULL
        );
        CREATE INDEX redeliveries_requested_at ON redeliveries (requested_at);

        -- Set when a job is leased again after a run that never settled it (a crash, a stop mid-evaluation).
        ALTER TABLE jobs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
        """,

        // 3 (issue 4): /perf-review commands handled, the override audit log, and gate mode's state per issue.
        """
        CREATE TABLE commands (
            repository  TEXT NOT NULL,
            comment_id  BIGINT NOT NULL,
            fingerprint TEXT NOT NULL,
            number      INTEGER NOT NULL,
            delivery_id TEXT NOT NULL,
            actor       TEXT NOT NULL,
            verb        TEXT NOT NULL,
            action      TEXT NOT NULL,
            reply       TEXT,
            refused     INTEGER NOT NULL,
            decided_at  BIGINT NOT NULL,
            done_at     BIGINT,
            PRIMARY KEY (repository, comment_id, fingerprint)
        );

        CREATE TABLE overrides (
            id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            repository TEXT NOT NULL,
            number     INTEGER NOT NULL,
            action     TEXT NOT NULL,
            actor      TEXT NOT NULL,
            reason     TEXT,
            at         BIGINT NOT NULL,
            comment_id BIGINT NOT NULL
        );
        CREATE INDEX overrides_pr ON overrides (repository, number, id);

        CREATE TABLE gates (
            repository          TEXT NOT NULL,
            number              INTEGER NOT NULL,
            installation_id     BIGINT,
            requested           INTEGER NOT NULL,
            comment_id          BIGINT,
            comment_fingerprint TEXT,
            label               TEXT,
            all_satisfied       INTEGER,
            evaluated_at        BIGINT NOT NULL,
            PRIMARY KEY (repository, number)
        );
        """,
    ];
}
