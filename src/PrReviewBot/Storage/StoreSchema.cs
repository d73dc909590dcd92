namespace PrReviewBot.Storage;

/// <summary>
/// The schema as numbered migrations, written once for every dialect: the dialect names the 64-bit integer type and
/// the numbered key, so each database gets the same tables and columns (times as Unix milliseconds, flags as 0/1). A
/// database records the last migration applied in <c>schema_version</c>; start-up applies the rest in order, each in
/// its own transaction. Never edit a released migration (databases in use were made by its text): append a new one.
/// </summary>
internal static class StoreSchema
{
    public static readonly IReadOnlyList<Func<SqlDialect, string>> Migrations =
    [
        // 1: deliveries, jobs, per-PR state and evaluation history.
        d => $$"""
        CREATE TABLE deliveries (
            delivery_id     TEXT PRIMARY KEY,
            event           TEXT NOT NULL,
            action          TEXT,
            installation_id {{d.BigInt}},
            repository      TEXT,
            subject         TEXT,
            state           TEXT NOT NULL,
            received_at     {{d.BigInt}} NOT NULL,
            completed_at    {{d.BigInt}},
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
            installation_id {{d.BigInt}},
            number          INTEGER,
            sha             TEXT,
            base_ref        TEXT,
            version         {{d.BigInt}} NOT NULL,
            due_at          {{d.BigInt}} NOT NULL,
            attempts        INTEGER NOT NULL,
            force           INTEGER NOT NULL,
            lease_owner     TEXT,
            lease_until     {{d.BigInt}},
            last_error      TEXT,
            created_at      {{d.BigInt}} NOT NULL,
            updated_at      {{d.BigInt}} NOT NULL
        );
        CREATE INDEX jobs_due_at ON jobs (due_at);

        CREATE TABLE pull_requests (
            repository          TEXT NOT NULL,
            number              INTEGER NOT NULL,
            installation_id     {{d.BigInt}},
            base_ref            TEXT,
            head_sha            TEXT,
            is_optimization     INTEGER NOT NULL,
            conclusion          TEXT,
            verdict_json        TEXT,
            check_name          TEXT,
            check_json          TEXT,
            check_fingerprint   TEXT,
            check_sha           TEXT,
            comment_id          {{d.BigInt}},
            comment_fingerprint TEXT,
            evaluated_at        {{d.BigInt}} NOT NULL,
            PRIMARY KEY (repository, number)
        );
        CREATE INDEX pull_requests_head ON pull_requests (repository, head_sha);

        CREATE TABLE evaluations (
            id             {{d.IdentityKey}},
            repository     TEXT NOT NULL,
            number         INTEGER NOT NULL,
            head_sha       TEXT,
            conclusion     TEXT,
            title          TEXT,
            check_action   TEXT NOT NULL,
            comment_action TEXT NOT NULL,
            delivery_ids   TEXT NOT NULL,
            evaluated_at   {{d.BigInt}} NOT NULL,
            duration_ms    {{d.BigInt}} NOT NULL,
            verdict_json   TEXT
        );
        CREATE INDEX evaluations_pr ON evaluations (repository, number, evaluated_at);
        """,

        // 2: the missed-delivery sweep: who runs it (a lease), how far it got, and which deliveries it asked GitHub to send again.
        d => $$"""
        CREATE TABLE sweeps (
            name        TEXT PRIMARY KEY,
            lease_owner TEXT,
            lease_until {{d.BigInt}},
            swept_until {{d.BigInt}}
        );

        CREATE TABLE redeliveries (
            guid             TEXT PRIMARY KEY,
            hook_delivery_id {{d.BigInt}} NOT NULL,
            requested_at     {{d.BigInt}} NOT NULL
        );
        CREATE INDEX redeliveries_requested_at ON redeliveries (requested_at);

        -- Set when a job is leased again after a run that never settled it (a crash, a stop mid-evaluation).
        ALTER TABLE jobs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
        """,

        // 3 (issue 4): /perf-review commands handled, the override audit log, and gate mode's state per issue.
        d => $$"""
        CREATE TABLE commands (
            repository  TEXT NOT NULL,
            comment_id  {{d.BigInt}} NOT NULL,
            fingerprint TEXT NOT NULL,
            number      INTEGER NOT NULL,
            delivery_id TEXT NOT NULL,
            actor       TEXT NOT NULL,
            verb        TEXT NOT NULL,
            action      TEXT NOT NULL,
            reply       TEXT,
            refused     INTEGER NOT NULL,
            decided_at  {{d.BigInt}} NOT NULL,
            done_at     {{d.BigInt}},
            PRIMARY KEY (repository, comment_id, fingerprint)
        );

        CREATE TABLE overrides (
            id         {{d.IdentityKey}},
            repository TEXT NOT NULL,
            number     INTEGER NOT NULL,
            action     TEXT NOT NULL,
            actor      TEXT NOT NULL,
            reason     TEXT,
            at         {{d.BigInt}} NOT NULL,
            comment_id {{d.BigInt}} NOT NULL
        );
        CREATE INDEX overrides_pr ON overrides (repository, number, id);

        CREATE TABLE gates (
            repository          TEXT NOT NULL,
            number              INTEGER NOT NULL,
            installation_id     {{d.BigInt}},
            requested           INTEGER NOT NULL,
            comment_id          {{d.BigInt}},
            comment_fingerprint TEXT,
            label               TEXT,
            all_satisfied       INTEGER,
            evaluated_at        {{d.BigInt}} NOT NULL,
            PRIMARY KEY (repository, number)
        );
        """,

        // 4 (issue 4): which open PRs' constraints link which issues, so a gate issue whose status changes re-evaluates
        // them; and the gates an issue left open, the status those PRs inherit.
        d => $$"""
        CREATE TABLE gate_links (
            repository   TEXT NOT NULL,
            issue        INTEGER NOT NULL,
            pull_request INTEGER NOT NULL,
            linked_at    {{d.BigInt}} NOT NULL,
            PRIMARY KEY (repository, issue, pull_request)
        );
        CREATE INDEX gate_links_pull_request ON gate_links (repository, pull_request);

        ALTER TABLE gates ADD COLUMN open_gates TEXT;
        """,

        // 5 (issue 14): a job's turn among its installation's queued jobs, so leasing goes round-robin by installation.
        d => $$"""
        ALTER TABLE jobs ADD COLUMN turn {{d.BigInt}} NOT NULL DEFAULT 0;
        CREATE INDEX jobs_turn ON jobs (turn, due_at);
        CREATE INDEX jobs_installation_turn ON jobs (installation_id, turn);
        """,

        // 6 (issue 14): a delivery's body as its UTF-8 bytes (Storage:Utf8Payloads); body keeps text stored before, or with the switch off.
        d => $$"""
        ALTER TABLE deliveries ADD COLUMN payload {{d.Blob}};
        """,
    ];
}
