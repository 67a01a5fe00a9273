# Sourced after lib.sh by the tests that need PostgreSQL (not run).
#
# start_pg_cluster: a throwaway cluster from Debian's packages (initdb in
# $WORK/pg, 127.0.0.1 on a free port, its socket in the temp folder, password
# authentication with a password a URL must escape), stopped at exit. Sets
# PGBIN, PGPORT, PASSWORD, PASSWORD_IN_URL.
# The tests' cluster does not flush (fsync off): set PG_DURABILITY="" (empty) for
# PostgreSQL's own defaults, as the benchmarks do.
# pg_createdb NAME: a database owned by the test user.
# pg_url NAME: its postgresql:// URL (password escaped).
start_pg_cluster() {
  PGBIN=${PGBIN:-}
  if [ -z "$PGBIN" ]; then
    local v
    for v in 15 16 17 14 13; do
      if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then
        PGBIN=/usr/lib/postgresql/$v/bin
        break
      fi
    done
  fi
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] ||
    fatal "PostgreSQL is not installed (Debian package postgresql; scripts/setup.sh installs it)"
  # initdb refuses to run as root: then the cluster belongs to the postgres system user.
  PGRUN=()
  local owner
  owner=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fatal "running as root needs the postgres system user (package postgresql)"
    PGRUN=(runuser -u postgres --)
    owner=postgres
    chmod 0755 "$WORK"
  fi
  CLUSTER="$WORK/pg"
  mkdir -p "$CLUSTER/data" "$CLUSTER/run"
  PASSWORD="p%41ss:w@rd/$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  PASSWORD_IN_URL=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PASSWORD")
  printf '%s\n' "$PASSWORD" >"$CLUSTER/pwfile"
  chown -R "$owner" "$CLUSTER"
  chmod 0700 "$CLUSTER/data"
  log "initdb ($PGBIN) as $owner"
  "${PGRUN[@]}" "$PGBIN/initdb" -D "$CLUSTER/data" -U mobiliza --pwfile="$CLUSTER/pwfile" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$CLUSTER/initdb.log" 2>&1 ||
    { cat "$CLUSTER/initdb.log"; fatal "initdb failed"; }
  rm -f "$CLUSTER/pwfile"
  local started=0 attempt
  for attempt in 1 2 3 4 5; do
    PGPORT=$(random_free_port)
    if "${PGRUN[@]}" "$PGBIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $CLUSTER/run ${PG_DURABILITY--c fsync=off -c full_page_writes=off} -c max_connections=200" \
      start >"$CLUSTER/pg_ctl.log" 2>&1; then
      started=1
      break
    fi
  done
  [ "$started" = 1 ] || { cat "$CLUSTER/pg_ctl.log" "$CLUSTER/server.log"; fatal "PostgreSQL did not start"; }
  cleanup_add "${PGRUN[*]} $PGBIN/pg_ctl -D $CLUSTER/data -m immediate -w stop"
  log "PostgreSQL on 127.0.0.1:$PGPORT"
}

pg_createdb() {
  PGPASSWORD=$PASSWORD "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U mobiliza "$1" || fatal "createdb $1 failed"
}

pg_url() {
  echo "postgresql://mobiliza:$PASSWORD_IN_URL@127.0.0.1:$PGPORT/$1"
}

# pg_value DB SQL: the first column of the first row (psql, unaligned).
pg_value() {
  PGPASSWORD=$PASSWORD psql -X -q -t -A -h 127.0.0.1 -p "$PGPORT" -U mobiliza -d "$1" -c "$2"
}
