#!/usr/bin/env bash
# smoke.sh: the small benchmark for CI. A few hundred articles, Verbatim and
# SQLite FTS5 only (no PostgreSQL), well under 3 minutes. Fails when
# anything errors (a build, the ingest, the server, any non-200 verify);
# exits 0 with a message when the shared data (../shared/data beside the
# repo) is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${VERBATIM_BENCH_DATA:-$here/../../shared/data}
if [ ! -d "$data/polnear" ] || [ ! -d "$data/bbc-news-2225" ] || [ ! -d "$data/reuters-21578" ]; then
  echo "bench/smoke.sh: skipped: no benchmark data at $data"
  exit 0
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/verbatim-smoke.XXXXXX")
keep=${KEEP:-0}
trap '[ "$keep" = 1 ] || rm -rf "$out"' EXIT
start=$(date +%s)
"$here/run.sh" --smoke --sqlite-only --data "$data" --out "$out" --duration 30s > "$out/stdout.txt"
sed -n '/^## Verbatim and its peers/,$p' "$out/report.md"
# A benchmark where nothing is found measures nothing: say so.
any=$(jq -r '.recall.exact | (.any / .claims)' "$out/main/loadgen.json")
if awk "BEGIN { exit !($any < 0.5) }"; then
  echo "bench/smoke.sh: warning: only $any of exact claims found their source" >&2
  [ "${SMOKE_STRICT:-0}" = 1 ] && exit 1
fi
echo "bench/smoke.sh: ok in $(( $(date +%s) - start ))s"
