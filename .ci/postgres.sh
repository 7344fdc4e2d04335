#!/usr/bin/env bash
# Installs (if missing) and starts a throw-away PostgreSQL cluster on 127.0.0.1 for journey-jdbc's
# tests, then exports JOURNEY_PG_URL, JOURNEY_PG_USER and JOURNEY_PG_PASSWORD.
# Source it:  . .ci/postgres.sh
# Needs a Debian-like machine; runs apt-get as root when PostgreSQL is not installed. No Docker.
# The cluster is for tests only: fsync is off, so its data does not survive a machine crash.

journey_pg_port="${JOURNEY_PG_PORT:-55432}"
journey_pg_dir="${JOURNEY_PG_DIR:-/tmp/journey-pg-${journey_pg_port}}"
journey_pg_user=journey
journey_pg_password=journey
journey_pg_db=journey

journey_pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

journey_pg_as() {
  # initdb and postgres refuse to run as root: run them as the postgres user.
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ -z "$(journey_pg_bin)" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed and this is not root; install package 'postgresql'" >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "postgres.sh: installing PostgreSQL with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
journey_pg_bindir="$(journey_pg_bin)"

if [ ! -f "$journey_pg_dir/PG_VERSION" ]; then
  mkdir -p "$journey_pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$journey_pg_dir"
  printf '%s\n' "$journey_pg_password" > "$journey_pg_dir.pw"
  [ "$(id -u)" = 0 ] && chown postgres "$journey_pg_dir.pw"
  journey_pg_as "'$journey_pg_bindir/initdb' -D '$journey_pg_dir' -U '$journey_pg_user' --pwfile='$journey_pg_dir.pw' -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null"
  rm -f "$journey_pg_dir.pw"
fi

if ! journey_pg_as "'$journey_pg_bindir/pg_ctl' -D '$journey_pg_dir' status >/dev/null 2>&1"; then
  journey_pg_as "'$journey_pg_bindir/pg_ctl' -D '$journey_pg_dir' -l '$journey_pg_dir/server.log' -w -t 60 start \
    -o \"-c listen_addresses=127.0.0.1 -c port=$journey_pg_port -c unix_socket_directories='$journey_pg_dir' \
        -c fsync=off -c full_page_writes=off -c max_connections=200\"" >/dev/null
fi

if ! PGPASSWORD="$journey_pg_password" psql -h 127.0.0.1 -p "$journey_pg_port" -U "$journey_pg_user" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$journey_pg_db'" | grep -q 1; then
  PGPASSWORD="$journey_pg_password" psql -q -h 127.0.0.1 -p "$journey_pg_port" -U "$journey_pg_user" -d postgres \
    -c "CREATE DATABASE $journey_pg_db"
fi

export JOURNEY_PG_URL="jdbc:postgresql://127.0.0.1:${journey_pg_port}/${journey_pg_db}"
export JOURNEY_PG_USER="$journey_pg_user"
export JOURNEY_PG_PASSWORD="$journey_pg_password"
echo "postgres.sh: PostgreSQL ready at $JOURNEY_PG_URL" >&2
