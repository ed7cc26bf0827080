# Sourced by .ci/run: a throw-away PostgreSQL server for the database tests.
# Installs PostgreSQL when missing, runs initdb in a temporary folder as the postgres user
# (the server refuses to run as root), listens on 127.0.0.1 on a free port, creates a database,
# exports EXTRACTOR_TEST_POSTGRES_URL, and stops the server and removes the folder on exit.

postgres_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_postgres() {
    if [ -z "$(postgres_bin)" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    fi
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    PG_BIN="$(postgres_bin)"
    PG_DIR="$(mktemp -d /tmp/extractor-postgres.XXXXXX)"
    chown postgres: "$PG_DIR"
    trap stop_postgres EXIT
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 \
        --no-locale --no-sync >"$PG_DIR/initdb.log"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
        -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
        || { cat "$PG_DIR/server.log"; return 1; }
    runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres extractor_test
    export EXTRACTOR_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/extractor_test"
    echo "$("$PG_BIN/postgres" --version) at $EXTRACTOR_TEST_POSTGRES_URL"
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
    fi
    [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
    return 0
}
