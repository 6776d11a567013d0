# Start a throw-away PostgreSQL cluster on a free loopback port, as a non-root user.
# Sets EOFFICE_TEST_PG; call pg_throwaway_stop (test.sh traps it) to remove it.
# shellcheck shell=bash

pg_bindir() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_throwaway_start() {  # $1: how many clusters (default 1): one per pytest-xdist worker, since roles are per cluster
  local bindir port runas=() count="${1:-1}" i urls=()
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
  # Password (SCRAM-SHA-256) authentication for every TCP client, as on a real server, so the tests prove the
  # per-user login roles (docs/admin-guide.md, "Security model"); trust only on the cluster's own unix socket.
  local pw
  pw="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  # The suite's own superuser finds its password in a pgpass file, not in the URL: a password in --db is
  # readable in the process list, and the CLI warns about it (docs/admin-guide.md).
  printf '127.0.0.1:*:*:eoffice:%s\n' "$pw" >"$PG_DIR/pgpass"
  chmod 600 "$PG_DIR/pgpass"
  export PGPASSFILE="$PG_DIR/pgpass"
  pg_throwaway_tls "${runas[@]}"
  PG_DATA_DIRS=()
  for ((i = 1; i <= count; i++)); do
    printf '%s\n' "$pw" >"$PG_DIR/pw"
    [ "${#runas[@]}" -gt 0 ] && chown postgres "$PG_DIR/pw"
    "${runas[@]}" "$bindir/initdb" -D "$PG_DIR/data$i" -U eoffice --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$PG_DIR/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$PG_DIR/pw"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    "${runas[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data$i" -l "$PG_DIR/log$i" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=300 -c fsync=off \
       -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB $PG_TLS_OPTS \
       $(pg_throwaway_auth_delay "$bindir")" >/dev/null
    PG_DATA_DIRS+=("$PG_DIR/data$i")
    urls+=("postgresql+psycopg://eoffice@127.0.0.1:$port/postgres")
  done
  PG_RUNAS=("${runas[@]}")
  PG_BINDIR="$bindir"
  export EOFFICE_TEST_PG="${urls[0]}"
  # tests/conftest.py gives pytest-xdist worker gwN the cluster N (mod count).
  export EOFFICE_TEST_PG_ALL="${urls[*]}"
  say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on ${urls[*]//postgresql+psycopg:\/\/eoffice@/}"
}

# TLS as on a real server: a test CA made now, a server certificate for 127.0.0.1 from it, ssl=on; every
# libpq client of the test run verifies it (PGSSLMODE=verify-full, PGSSLROOTCERT); EOFFICE_TEST_PG_CA names
# the CA for tests that pin it (or another) through EOFFICE_DB_SSLROOTCERT.
pg_throwaway_tls() {
  local d="$PG_DIR/tls" ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  mkdir -p "$d"
  openssl req -x509 "${ec[@]}" -days 3 -subj "/CN=eoffice throw-away test CA" -keyout "$d/ca.key" \
    -out "$d/ca.crt" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null
  openssl req "${ec[@]}" -subj "/CN=127.0.0.1" -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
    > "$d/server.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 3 \
    -extfile "$d/server.ext" -out "$d/server.crt" 2>/dev/null
  chmod 600 "$d/server.key" "$d/ca.key"
  [ "$#" -gt 0 ] && chown postgres "$d/server.key"
  PG_TLS_OPTS="-c ssl=on -c ssl_cert_file=$d/server.crt -c ssl_key_file=$d/server.key"
  export PGSSLMODE=verify-full PGSSLROOTCERT="$d/ca.crt" EOFFICE_TEST_PG_CA="$d/ca.crt"
}

# Failed logins against the port itself wait (contrib auth_delay, shipped with Debian's postgresql), as the
# admin guide advises for a real server.
pg_throwaway_auth_delay() {
  local libdir
  libdir="$("$1/pg_config" --pkglibdir 2>/dev/null || ls -d /usr/lib/postgresql/*/lib | sort -V | tail -1)"
  [ -f "$libdir/auth_delay.so" ] && echo "-c shared_preload_libraries=auth_delay -c auth_delay.milliseconds=200"
}

pg_throwaway_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    local d
    for d in "${PG_DATA_DIRS[@]}"; do
      "${PG_RUNAS[@]}" "$PG_BINDIR/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
    done
    rm -rf "$PG_DIR"
  fi
}
