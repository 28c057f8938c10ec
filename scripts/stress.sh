#!/usr/bin/env bash
# Runs the test suite several times back to back while a busy loop keeps
# every core loaded, and reports each test that failed in any run, with the
# number of runs it failed in. A test that fails here depends on timing or
# load, and must be made to wait for conditions instead.
#
#   scripts/stress.sh [RUNS]        5 runs by default
#   STRESS_DIR=/tmp/s scripts/stress.sh   keep the logs there
#
# Each run is `go test -count=1 ./...` and `course test all` (every exercise
# locally and in the page, every lesson block), side by side as
# scripts/test.sh runs them;
# the installs, gofmt, vet and fuzzing are left to scripts/test.sh. Exits 1
# when anything failed. Needs what scripts/test.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=${STRESS_DIR:-$(mktemp -d)}
mkdir -p "$out"
export CI=${CI:-true} # a missing browser or Python is a failure, not a skip
go build -o "$out/testtimes" ./scripts/testtimes
go build -o "$out/course" ./cmd/course

pids=()
cleanup() { [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq "$(nproc)"); do
  (while :; do :; done) &
  pids+=($!)
done
echo "== load: ${#pids[@]} busy loops; logs in $out"

stage() {
  local d=$1 name=$2 t0 t1 rc=0
  shift 2
  t0=$(date +%s.%N)
  "$@" || rc=$?
  t1=$(date +%s.%N)
  printf '%s\t%s\t%s\n' "$name" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" "$rc" >>"$d/stages.tsv"
  echo "   $name: exit $rc"
}

for r in $(seq "$runs"); do
  d="$out/run$r"
  rm -rf "$d"
  mkdir -p "$d"
  echo "== run $r of $runs ($(date +%T), load $(cut -d' ' -f1 /proc/loadavg))"
  # Side by side, as scripts/test.sh runs them: more load, and a run takes
  # the longer of the two instead of their sum.
  stage "$d" "go test" bash -c "go test -count=1 -timeout 30m -json ./... | '$out/testtimes' gotest -save '$d/go.json' >'$d/go.log' 2>&1" &
  g=$!
  stage "$d" "course test" bash -c "'$out/course' test all --times '$d/course.jsonl' >'$d/course.log' 2>&1" &
  c=$!
  wait "$g" "$c"
done
cleanup
pids=()
echo "== failures per test over $runs loaded runs"
"$out/testtimes" stress "$out"/run*
