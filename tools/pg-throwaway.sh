# Start a throw-away PostgreSQL cluster on a free loopback port, as a non-root user.
# Sets EOFFICE_TEST_PG; call pg_throwaway_stop (test.sh traps it) to remove it.
# shellcheck shell=bash

pg_bindir() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_throwaway_start() {
  local bindir port runas=()
  bindir="$(pg_bindir)"
  [ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
  PG_DIR="$(mktemp -d /tmp/eoffice-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: use the postgres system user the package created.
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    chown postgres "$PG_DIR"
    runas=(runuser -u postgres --)
  fi
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  # Password (SCRAM-SHA-256) authentication for every TCP client, as on a real server, so the tests prove the
  # per-user login roles (docs/admin-guide.md, "Security model"); trust only on the cluster's own unix socket.
  local pw
  pw="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  printf '%s\n' "$pw" >"$PG_DIR/pw"
  "${runas[@]}" "$bindir/initdb" -D "$PG_DIR/data" -U eoffice --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$PG_DIR/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$PG_DIR/pw"
  "${runas[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=300 -c fsync=off \
     -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB" >/dev/null
  PG_RUNAS=("${runas[@]}")
  PG_BINDIR="$bindir"
  export EOFFICE_TEST_PG="postgresql+psycopg://eoffice:$pw@127.0.0.1:$port/postgres"
  say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

pg_throwaway_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    "${PG_RUNAS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
