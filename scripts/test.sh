#!/usr/bin/env bash
# Runs the whole test suite, installing what it needs first.
#
#   scripts/test.sh            everything (what CI runs)
#   SKIP_INSTALL=1 scripts/test.sh   do not try to install packages
#
# On a Debian machine run as root (or with sudo available), missing Debian
# packages are installed with apt-get (retried). Elsewhere, tests that need a
# browser or Python skip with a loud message, except under CI=true, where a
# missing dependency fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(chromium python3 python3-numpy python3-torch python3-torchvision python3-opencv python3-sklearn)

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# node and npm: the site check (internal/sitecheck) runs axe-core and
# html-validate from node_modules.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ -x /usr/bin/python3 ]; then
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
  /usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
  /usr/bin/python3 -c 'import torchvision' 2>/dev/null || missing+=(python3-torchvision)
  /usr/bin/python3 -c 'import cv2' 2>/dev/null || missing+=(python3-opencv)
  /usr/bin/python3 -c 'import sklearn' 2>/dev/null || missing+=(python3-sklearn)
else
  missing+=("${debs[@]:1}")
fi

if [ ${#missing[@]} -gt 0 ] && [ "${SKIP_INSTALL:-}" != 1 ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "== installing Debian packages: ${missing[*]}"
  for try in 1 2 3; do
    if $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; then
      break
    fi
    [ "$try" = 3 ] && { echo "apt-get failed 3 times" >&2; exit 1; }
    echo "apt-get failed (try $try); retrying in $((try * 10)) s" >&2
    sleep $((try * 10))
  done
fi

# The npm packages the tests use, exactly as package-lock.json pins them
# (a build never reads node_modules). Skipped when node_modules is newer
# than the lockfile, that is when npm ci has already installed it.
if [ "${SKIP_INSTALL:-}" != 1 ] && command -v npm >/dev/null 2>&1 &&
  ! [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "== npm ci"
  for try in 1 2 3; do
    if npm ci --ignore-scripts --no-audit --no-fund; then
      break
    fi
    [ "$try" = 3 ] && { echo "npm ci failed 3 times" >&2; exit 1; }
    echo "npm ci failed (try $try); retrying in $((try * 10)) s" >&2
    sleep $((try * 10))
  done
fi

# Each stage is timed; the table that ends the run (also when a stage
# fails) shows the stages, the slowest packages, tests, exercises and lesson
# blocks, and the total, so that a slow addition is seen at once.
started=$(date +%s)
logs=$(mktemp -d)
go build -o "$logs/testtimes" ./scripts/testtimes
summary() {
  local rc=$?
  echo
  "$logs/testtimes" table -go "$logs/go.json" -course "$logs/course.jsonl" -stages "$logs/stages.tsv" || true
  # The total above adds the stages up; go test runs beside the others.
  echo "Wall clock: $(( $(date +%s) - started ))s (go test runs beside course test, mutants and fuzz)"
  rm -rf "$logs"
  exit "$rc"
}
trap summary EXIT

stage() {
  local name=$1 t0 t1 rc=0
  shift
  echo "== $name"
  t0=$(date +%s.%N)
  "$@" || rc=$?
  t1=$(date +%s.%N)
  printf '%s\t%s\t%s\n' "$name" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" "$rc" >>"$logs/stages.tsv"
  return "$rc"
}

gofmt_check() {
  local unformatted
  unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
  if [ -n "$unformatted" ]; then
    echo "gofmt would change:" >&2; echo "$unformatted" >&2; return 1
  fi
}
go_test() {
  # -timeout is a hang guard per test binary; a loaded machine is slow, not hung.
  go test -count=1 -timeout 30m -json ./... | "$logs/testtimes" gotest -save "$logs/go.json"
}

stage gofmt gofmt_check
stage "go vet" go vet ./...
# go test runs beside the rest: course test (every exercise locally and in
# the page, and every lesson code block), then the mutants, then a brief
# fuzz. Both sides wait on browsers and Python start-ups a good part of the
# time, so together they keep two cores busier than one after the other;
# go test is the longer side. Their outputs follow each other once both
# are done; the table at the end times each stage.
fuzz() {
  go test -run '^$' -fuzz '^FuzzConvert$' -fuzztime 10s ./internal/markdown &&
    go test -run '^$' -fuzz '^FuzzFrontMatter$' -fuzztime 10s ./internal/content &&
    go test -run '^$' -fuzz '^FuzzChapter$' -fuzztime 10s ./internal/importer/mdbook
}
the_rest() {
  stage "course test" go run ./cmd/course test all --times "$logs/course.jsonl" || return 1
  # Mutants of every browser exercise's solution must be rejected by its
  # checker (90% at least, or marked equivalent with a reason).
  stage "mutants" go run ./cmd/course test --mutants all --runtime browser || return 1
  stage "fuzz (briefly)" fuzz
}
stage "go test" go_test >"$logs/go-test.out" 2>&1 &
gotest_pid=$!
the_rest >"$logs/rest.out" 2>&1 &
rest_pid=$!
both=0
wait "$gotest_pid" || both=1
wait "$rest_pid" || both=1
cat "$logs/go-test.out"
cat "$logs/rest.out"
[ "$both" = 0 ] || exit 1
