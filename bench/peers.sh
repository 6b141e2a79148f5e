#!/usr/bin/env bash
# peers.sh: run the claims workload against PostgreSQL (tsvector phrase
# queries and pg_trgm word_similarity) and SQLite FTS5, on the same corpus as
# Verbatim, and write their figures as JSON.
#
#   bench/peers.sh --corpus FILE_OR_DIR --claims FILE --out DIR
#                  [--no-pg] [--no-sqlite] [--clients 1,4] [--requests N]
#                  [--fuzzy-limit 200] [--port 55432]
#
# Installs PostgreSQL and sqlite3 from Debian if absent, starts a throwaway
# cluster in a temporary folder listening on 127.0.0.1 only, and removes it
# on exit. Root cannot run postgres: as root the cluster runs as the
# `postgres` user (runuser).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus= claims= out= pg=1 sqlite=1 clients=1,4 requests=0 fuzzy=200 port=55432 bin=
duration=60s
while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift 2;;
    --claims) claims=$2; shift 2;;
    --out) out=$2; shift 2;;
    --no-pg) pg=0; shift;;
    --no-sqlite) sqlite=0; shift;;
    --clients) clients=$2; shift 2;;
    --requests) requests=$2; shift 2;;
    --duration) duration=$2; shift 2;;
    --fuzzy-limit) fuzzy=$2; shift 2;;
    --port) port=$2; shift 2;;
    --bin) bin=$2; shift 2;;
    -h|--help) sed -n 2,14p "$0"; exit 0;;
    *) echo "peers.sh: unknown argument $1" >&2; exit 2;;
  esac
done
[ -n "$corpus" ] && [ -n "$claims" ] && [ -n "$out" ] || { echo "peers.sh: --corpus, --claims and --out are required" >&2; exit 2; }
mkdir -p "$out"
corpus=$(realpath "$corpus"); claims=$(realpath "$claims"); out=$(realpath "$out")

if [ -z "$bin" ]; then
  bin=$out/bin
  (cd "$here" && go build -o "$bin/" ./cmd/peers)
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
need=()
if [ $pg = 1 ] && [ -z "$(pgbin)" ]; then need+=(postgresql postgresql-contrib); fi
if [ $sqlite = 1 ] && ! command -v sqlite3 >/dev/null; then need+=(sqlite3); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "peers.sh: installing ${need[*]} from Debian" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi

pgdata= pgctl=
cleanup() {
  if [ -n "$pgdata" ] && [ -d "$pgdata" ]; then
    run_pg "$pgctl" -D "$pgdata/db" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pgdata"
  fi
}
trap cleanup EXIT INT TERM

run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ $pg = 1 ]; then
  b=$(pgbin); pgctl=$b/pg_ctl
  # Take the first free port from --port up.
  for _ in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break
    port=$((port + 1))
  done
  pgdata=$(mktemp -d /tmp/verbatim-bench-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$pgdata"
  run_pg "$b/initdb" -D "$pgdata/db" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$out/pg-initdb.log" 2>&1
  # C.UTF-8: with the C locale the parser takes “ and ’ for letters.
  # Loopback only; memory settings for a 24 GiB machine; JIT off so that
  # query latency is not compile time.
  run_pg "$pgctl" -D "$pgdata/db" -l "$pgdata/server.log" -w -t 120 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$pgdata -c shared_buffers=1GB -c maintenance_work_mem=1GB -c work_mem=64MB -c effective_cache_size=8GB -c max_connections=30 -c jit=off" start >/dev/null
  echo "peers.sh: PostgreSQL $("$b/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
  pgpid=$(head -1 "$pgdata/db/postmaster.pid")
  "$bin/peers" pg --port "$port" --pg-pid "$pgpid" --corpus "$corpus" --claims "$claims" --clients "$clients" \
    --requests "$requests" --duration "$duration" --fuzzy-limit "$fuzzy" --json "$out/pg.json" | tee "$out/pg.txt"
  cp "$pgdata/server.log" "$out/pg-server.log" 2>/dev/null || true
fi

if [ $sqlite = 1 ]; then
  "$bin/peers" sqlite --db "$out/fts5.db" --corpus "$corpus" --claims "$claims" --clients "$clients" \
    --requests "$requests" --duration "$duration" --fuzzy-limit "$fuzzy" --json "$out/sqlite.json" | tee "$out/sqlite.txt"
fi
