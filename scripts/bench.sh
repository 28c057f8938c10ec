#!/usr/bin/env bash
# Benchmarks `course build` on generated courses (scripts/gencourse) and,
# when Debian's hugo is installed, Hugo on the same pages.
#
#   scripts/bench.sh               100, 1000 and 10000 pages, 3 runs each
#   RUNS=5 scripts/bench.sh 1000   other sizes or run counts
#
# Prints medians of wall time and peak RSS for: cold (no math cache), warm
# (math cache present), no-math cold, and hugo. Corpora are kept under
# ${BENCH_DIR:-/tmp/course-bench} between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/course-bench}
mkdir -p "$dir"
go build -o "$dir/course" ./cmd/course

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure LABEL CMD...: runs CMD $runs times (after PREP, if set), prints medians.
measure() {
  local label=$1; shift
  local times=() mems=()
  for _ in $(seq "$runs"); do
    [ -n "${PREP:-}" ] && eval "$PREP"
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    times+=("$(awk '{print $1}' "$dir/time.txt")")
    mems+=("$(awk '{print $2}' "$dir/time.txt")")
  done
  printf '%-28s %8s s %8s MiB\n' "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" \
    "$(( $(printf '%s\n' "${mems[@]}" | median) / 1024 ))"
}

for n in "${sizes[@]}"; do
  src="$dir/c$n"; plain="$dir/p$n"; hugo="$dir/h$n"
  [ -d "$src" ] || go run ./scripts/gencourse -pages "$n" -out "$src"
  [ -d "$plain" ] || go run ./scripts/gencourse -pages "$n" -math=false -out "$plain"
  echo "== $n pages"
  PREP="rm -rf '$src/.course-cache'" measure "course cold" "$dir/course" build --source "$src" --out "$src/public"
  PREP="" measure "course warm" "$dir/course" build --source "$src" --out "$src/public"
  PREP="rm -rf '$plain/.course-cache'" measure "course cold, no math" "$dir/course" build --source "$plain" --out "$plain/public"
  echo "-- stages (warm run):"
  "$dir/course" build --source "$src" --out "$src/public" --timings | tail -n +2
  if command -v hugo >/dev/null 2>&1; then
    [ -d "$hugo" ] || go run ./scripts/gencourse -pages "$n" -math=false -hugo -out "$hugo"
    PREP="rm -rf '$hugo/public' '$hugo/resources'" measure "hugo $(hugo version | awk '{print $2}'), no math" hugo --source "$hugo" --quiet
  fi
done
