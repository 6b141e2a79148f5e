#!/usr/bin/env bash
# run.sh: Verbatim's scale and speed benchmark, end to end.
#
#   bench/run.sh [--smoke] [--no-peers] [--sqlite-only]
#                [--sizes 2000,10000,all] [--copies 4]
#                [--data ../shared/data] [--out bench/out/run-DATE]
#                [--clients 1,4] [--requests N] [--duration 60s]
#                [--fuzzy-limit 200] [--port 0] [--verbatim BIN] [--profile]
#
# Builds the corpus from the shared data (--smoke: ~300 articles), the
# claims workload, and verbatim; ingests with `verbatim ingest` into a
# fresh data dir (timed), serves it on 127.0.0.1, replays the claims with
# loadgen, reads the server's RSS (/proc/PID/status) and the index size
# (du), stops it, runs the peers (PostgreSQL, SQLite FTS5; skip with
# --no-peers), and prints the tables (also written to OUT/report.md).
# --profile adds CPU and heap profiles of verify and ingest (bench/profile,
# go test -bench over the main index) under OUT/profile.
# --sizes/--copies add growth rows: a corpus of each size (all = the whole
# corpus) and the whole corpus K times over.
set -euo pipefail
args="$*"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=$root/../shared/data
out= smoke=0 profile=0 peers=1 sqlite_only=0 sizes= copies=1 clients=1,4 requests= duration=60s fuzzy= port=0 verbatim=
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1; shift;;
    --no-peers) peers=0; shift;;
    --profile) profile=1; shift;;
    --sqlite-only) sqlite_only=1; shift;;
    --sizes) sizes=$2; shift 2;;
    --copies) copies=$2; shift 2;;
    --data) data=$2; shift 2;;
    --out) out=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --requests) requests=$2; shift 2;;
    --duration) duration=$2; shift 2;;
    --fuzzy-limit) fuzzy=$2; shift 2;;
    --port) port=$2; shift 2;;
    --verbatim) verbatim=$2; shift 2;;
    -h|--help) sed -n 2,18p "$0"; exit 0;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2;;
  esac
done
if [ ! -d "$data/polnear" ]; then
  echo "run.sh: no benchmark data at $data (expected ../shared/data beside the repo); nothing to do" >&2
  exit 78
fi
data=$(realpath "$data")
[ -n "$out" ] || out=$here/out/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"; out=$(realpath "$out")
if [ $smoke = 1 ]; then
  limit=300; perkind=40; : "${requests:=400}" "${fuzzy:=30}"
else
  limit=0; perkind=150; : "${requests:=3000}" "${fuzzy:=200}"
fi
log() { echo "run.sh: $*" >&2; }
calc() { awk "BEGIN { printf \"%.3f\", $* }"; }
log "output in $out"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(uname -srm); $(nproc) cores; $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "go: $(go version | awk '{print $3}')"
  echo "loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: bench/run.sh $args"
} > "$out/machine.txt"

# --- build ---
bin=$out/bin
(cd "$here" && go build -o "$bin/" ./cmd/...)
if [ -z "$verbatim" ]; then
  # Others may be editing the product: retry a broken build a few times.
  for i in 1 2 3 4 5; do
    if (cd "$root" && go build -o "$bin/verbatim" ./cmd/verbatim) 2>"$out/build.log"; then break; fi
    [ $i = 5 ] && { cat "$out/build.log" >&2; log "verbatim does not build"; exit 1; }
    log "verbatim does not build (try $i); retrying in 60s"; sleep 60
  done
  verbatim=$bin/verbatim
  (cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo "no commit") > "$out/verbatim-version.txt"
  (cd "$root" && git status --short 2>/dev/null | wc -l | xargs echo "uncommitted files:") >> "$out/verbatim-version.txt"
fi

# --- corpus and claims ---
corpus() { # name limit copies
  "$bin/buildcorpus" --data "$data" --limit "$2" --copies "$3" --out-dir "$out/$1/corpus" --stats "$out/$1/corpus.json" 2>>"$out/build.log"
}
mkdir -p "$out/main"
corpus main $limit 1
"$bin/claims" --data "$data" --corpus "$out/main/corpus" --per-kind $perkind --out "$out/claims.jsonl" 2>&1 | tee -a "$out/build.log" >&2

# --- verbatim ---
server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT INT TERM

measure() { # name clients requests
  local name=$1 lv=$2 nreq=$3 dir=$out/$1
  local dd=$dir/data
  rm -rf "$dd"
  log "$name: ingest $(jq -r .total_sources "$dir/corpus.json" 2>/dev/null || echo ?) sources"
  local t0 t1 t2
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M %e %U %S' -o "$dir/ingest.time" "$verbatim" ingest --data "$dd" "$dir/corpus" >"$dir/ingest.log" 2>&1 \
    || { tail -20 "$dir/ingest.log" >&2; log "$name: ingest failed"; return 1; }
  t1=$(date +%s.%N)
  tail -1 "$dir/ingest.log" >&2
  VERBATIM_API_KEY=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n') \
    "$verbatim" serve --addr "127.0.0.1:$port" --data "$dd" 2>"$dir/serve.log" &
  server_pid=$!
  # Port 0 (the default) lets the kernel pick a free port; the server logs it.
  local addr= ok=0 ready=
  for _ in $(seq 1 2400); do
    kill -0 "$server_pid" 2>/dev/null || break
    if [ -z "$addr" ]; then
      addr=$(grep -o '"addr":"127\.0\.0\.1:[0-9]*"' "$dir/serve.log" 2>/dev/null | head -1 | cut -d'"' -f4 || true)
    fi
    if [ -n "$addr" ] && ready=$(curl -fsS "http://$addr/readyz" 2>/dev/null); then ok=1; break; fi
    sleep 0.25
  done
  [ $ok = 1 ] || { tail -20 "$dir/serve.log" >&2; log "$name: server did not become ready"; return 1; }
  local want; want=$(jq -r .total_sources "$dir/corpus.json")
  local have; have=$(echo "$ready" | jq -r .sources)
  [ "$have" = "$want" ] || { log "$name: server at $addr holds $have sources, expected $want"; return 1; }
  t2=$(date +%s.%N)
  local rss_ready; rss_ready=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)
  "$bin/loadgen" --url "http://$addr" --claims "$out/claims.jsonl" --clients "$lv" \
    --requests "$nreq" --duration "$duration" --server-pid "$server_pid" --name "verbatim" --json "$dir/loadgen.json" \
    | tee "$dir/loadgen.txt" || { log "$name: loadgen reported errors"; lg_fail=1; }
  local rss hwm
  rss=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)
  hwm=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
  stop_server
  local idx; idx=$(du -sb "$dd" | cut -f1)
  read -r ing_kb ing_wall ing_user ing_sys < "$dir/ingest.time"
  cat > "$dir/verbatim.json" <<JSON
{"name": "$name", "ingest_seconds": $(calc "$t1 - $t0"), "ingest_peak_rss_kb": $ing_kb, "ingest_cpu_seconds": $(calc "$ing_user + $ing_sys"),
 "ready_seconds": $(calc "$t2 - $t1"), "rss_ready_kb": $rss_ready, "rss_kb": $rss, "rss_peak_kb": $hwm, "index_bytes": $idx}
JSON
  log "$name: ingest $(calc "$t1 - $t0")s, ready after $(calc "$t2 - $t1")s, RSS $((rss/1024)) MiB (peak $((hwm/1024))), index $((idx/1048576)) MiB"
}
command -v jq >/dev/null || { log "installing jq"; apt-get update -qq && apt-get install -y -qq jq >/dev/null; }

lg_fail=0
measure main "$clients" "$requests"

# --- profiles (the server is stopped: the index dir is free) ---
if [ $profile = 1 ]; then
  p=$out/profile; mkdir -p "$p"
  (
    cd "$here/profile"
    export GOFLAGS=-mod=mod VERBATIM_BENCH_INDEX=$out/main/data VERBATIM_BENCH_CLAIMS=$out/claims.jsonl
    export VERBATIM_BENCH_CORPUS=$(ls "$out/main/corpus/"*.jsonl | head -1)
    go test -c -o "$p/profile.test" . &&
    "$p/profile.test" -test.run '^$' -test.bench 'VerifyHandler' -test.benchtime 3000x -test.benchmem \
      -test.cpuprofile "$p/verify.cpu.prof" -test.memprofile "$p/verify.mem.prof" > "$p/verify.txt" 2>&1 &&
    VERBATIM_BENCH_LIMIT=3000 "$p/profile.test" -test.run '^$' -test.bench 'Ingest' -test.benchtime 1x \
      -test.cpuprofile "$p/ingest.cpu.prof" -test.memprofile "$p/ingest.mem.prof" > "$p/ingest.txt" 2>&1
    for k in verify ingest; do
      go tool pprof -top -nodecount 35 "$p/profile.test" "$p/$k.cpu.prof" > "$p/$k.cpu.top.txt" 2>/dev/null
      go tool pprof -top -cum -nodecount 35 "$p/profile.test" "$p/$k.cpu.prof" > "$p/$k.cpu.cum.txt" 2>/dev/null
      go tool pprof -sample_index=alloc_space -top -nodecount 25 "$p/profile.test" "$p/$k.mem.prof" > "$p/$k.alloc.top.txt" 2>/dev/null
      go tool pprof -sample_index=inuse_space -top -nodecount 25 "$p/profile.test" "$p/$k.mem.prof" > "$p/$k.inuse.top.txt" 2>/dev/null
    done
  ) || log "profiles failed (the product API may have moved; see $p)"
fi

# --- peers ---
if [ $peers = 1 ]; then
  popts=()
  [ $sqlite_only = 1 ] && popts+=(--no-pg)
  "$here/peers.sh" --bin "$bin" --corpus "$out/main/corpus" --claims "$out/claims.jsonl" --out "$out/peers" \
    --clients "$clients" --requests "$requests" --duration "$duration" --fuzzy-limit "$fuzzy" "${popts[@]}" >/dev/null
fi

# --- growth ---
if [ -n "$sizes" ] || [ "$copies" -gt 1 ]; then
  grow=()
  for s in ${sizes//,/ }; do grow+=("$s"); done
  [ "$copies" -gt 1 ] && grow+=("all-x$copies")
  for s in "${grow[@]}"; do
    name=grow-$s
    mkdir -p "$out/$name"
    if [ "$s" = all ] && [ $limit = 0 ]; then
      cp "$out/main/corpus.json" "$out/main/verbatim.json" "$out/main/loadgen.json" "$out/$name/"; continue
    fi
    case $s in
      all) corpus "$name" $limit 1;;
      all-x*) corpus "$name" $limit "$copies";;
      *) corpus "$name" "$s" 1;;
    esac
    measure "$name" 1 "$requests"
  done
fi

echo "loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
"$bin/report" --dir "$out" | tee "$out/report.md"
[ $lg_fail = 0 ] || { log "some verify requests failed (see loadgen.txt)"; exit 3; }
