# Sourced by scripts/test.sh (and usable by hand: `source scripts/throwaway-postgres.sh; start_throwaway_postgres`).
# Starts a PostgreSQL of its own on 127.0.0.1 (a random free port, a temporary data directory, trust auth for
# the `postgres` superuser), exports its connection string as PRREVIEWBOT_TEST_POSTGRES, and stops it and deletes
# its files in stop_throwaway_postgres. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
# system user (Debian's package creates it) or else `nobody`.

postgres_bin_dir() {
    local found
    if found=$(command -v initdb 2>/dev/null) && [ -n "$found" ]; then
        dirname "$(readlink -f "$found")"
        return 0
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# Sets PRREVIEWBOT_TEST_POSTGRES on success; on failure returns 1 and sets PRREVIEWBOT_TEST_POSTGRES_PROBLEM.
start_throwaway_postgres() {
    local bin user port attempt
    if ! bin=$(postgres_bin_dir); then
        export PRREVIEWBOT_TEST_POSTGRES_PROBLEM="initdb and pg_ctl were not found (PATH, /usr/lib/postgresql/*/bin)"
        return 1
    fi
    THROWAWAY_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/prreviewbot-pg.XXXXXX")
    THROWAWAY_PG_BIN="$bin"
    THROWAWAY_PG_AS=()
    if [ "$(id -u)" = 0 ]; then
        user=postgres
        id -u "$user" >/dev/null 2>&1 || user=nobody
        chown "$user" "$THROWAWAY_PG_DIR"
        THROWAWAY_PG_AS=(runuser -u "$user" --)
    fi
    if ! "${THROWAWAY_PG_AS[@]}" "$bin/initdb" -D "$THROWAWAY_PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale \
            >"$THROWAWAY_PG_DIR/initdb.log" 2>&1; then
        export PRREVIEWBOT_TEST_POSTGRES_PROBLEM="initdb failed: $(tail -n 3 "$THROWAWAY_PG_DIR/initdb.log" | tr '\n' ' ')"
        return 1
    fi
    # Durability is not the point of a test server; THROWAWAY_PG_DURABLE=1 keeps PostgreSQL's defaults (load tests).
    local settings="-c max_connections=400"
    if [ "${THROWAWAY_PG_DURABLE:-0}" != 1 ]; then
        settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    # A random port; another process may hold it, so try a few.
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        if "${THROWAWAY_PG_AS[@]}" "$bin/pg_ctl" -D "$THROWAWAY_PG_DIR/data" -l "$THROWAWAY_PG_DIR/server.log" -w -t 120 \
                -o "-h 127.0.0.1 -p $port -k $THROWAWAY_PG_DIR $settings" \
                start >/dev/null 2>&1; then
            export PRREVIEWBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
            unset PRREVIEWBOT_TEST_POSTGRES_PROBLEM
            echo "Throwaway PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port, data in $THROWAWAY_PG_DIR"
            return 0
        fi
    done
    export PRREVIEWBOT_TEST_POSTGRES_PROBLEM="pg_ctl could not start the server: $(tail -n 3 "$THROWAWAY_PG_DIR/server.log" 2>/dev/null | tr '\n' ' ')"
    return 1
}

stop_throwaway_postgres() {
    if [ -n "${THROWAWAY_PG_DIR:-}" ] && [ -d "$THROWAWAY_PG_DIR" ]; then
        if [ -f "$THROWAWAY_PG_DIR/data/postmaster.pid" ]; then
            "${THROWAWAY_PG_AS[@]}" "$THROWAWAY_PG_BIN/pg_ctl" -D "$THROWAWAY_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$THROWAWAY_PG_DIR"
    fi
}
