#!/usr/bin/env bash
# Reproduce the in-page runner's vendored files from the npm packages pinned
# in package.json / package-lock.json:
#
#   scripts/vendor-runner.sh
#
# Writes:
#   themes/default/static/pyodide/   the files Pyodide's runtime loads (pyodide.mjs,
#                                    pyodide.asm.mjs, pyodide.asm.wasm,
#                                    python_stdlib.zip, pyodide-lock.json) + VENDOR.md,
#                                    and memory.snapshot.gz + .json: Python's memory
#                                    after the runner worker's PRELOAD, made in
#                                    headless Chromium by scripts/pyodide-snapshot
#   themes/default/static/editor/    editor.js: CodeMirror 6 bundled from
#                                    scripts/editor/entry.js by esbuild, + LICENSE, VENDOR.md
# and checks that the Go side (internal/build) names the same Pyodide version.
# A build never reads node_modules; only this script and the tests do.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

npm ci --ignore-scripts --no-audit --no-fund

version() { node -p "require('./node_modules/$1/package.json').version"; }

pyver="$(version pyodide)"
goversion="$(sed -n 's/^const PyodideVersion = "\(.*\)"$/\1/p' internal/build/runner.go)"
if [[ "$pyver" != "$goversion" ]]; then
	echo "vendor-runner: npm has pyodide $pyver but internal/build/runner.go says PyodideVersion = \"$goversion\"; update one of them" >&2
	exit 1
fi

py="themes/default/static/pyodide"
rm -rf "$py"
mkdir -p "$py"
# Exactly what loadPyodide fetches for the standard library; not the
# package's console pages (they load scripts from other hosts), nor the
# classic-script build, type declarations or source maps.
for f in pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json; do
	cp "node_modules/pyodide/$f" "$py/$f"
done
# The source-map comment would make devtools request a file we do not ship.
sed -i '/^\/\/# sourceMappingURL=/d' "$py/pyodide.mjs"

cat >"$py/VENDOR.md" <<MD
# Vendored Pyodide $pyver

- Source: the npm package \`pyodide@$pyver\` (pinned in package.json / package-lock.json).
- Licence: Mozilla Public License 2.0 (https://github.com/pyodide/pyodide/blob/main/LICENSE);
  \`python_stdlib.zip\` and the interpreter in \`pyodide.asm.wasm\` are CPython, under the
  Python Software Foundation License. The files are unmodified except that the
  \`//# sourceMappingURL\` line is removed from \`pyodide.mjs\` (we do not ship the map).
- Reproduce with \`scripts/vendor-runner.sh\`. Do not edit by hand.
- Only what the runtime loads for standard-library code is here: \`pyodide.mjs\`,
  \`pyodide.asm.mjs\`, \`pyodide.asm.wasm\`, \`python_stdlib.zip\`, \`pyodide-lock.json\`.
  With \`[runner] pyodide = "cdn"\` in course.toml the build leaves this folder out and
  pages load the same version from https://cdn.jsdelivr.net/pyodide/v$pyver/full/.
MD

# The memory snapshot the site ships (see scripts/pyodide-snapshot/main.go):
# made from the files above and js/runner-worker.js's PRELOAD, the same
# bytes every time. Rerun this script after changing PRELOAD; a Go test
# (TestShippedSnapshotIsCurrent) fails until then.
go run ./scripts/pyodide-snapshot
snapraw="$(node -p "require('./$py/memory.snapshot.json').size")"
snapgz="$(wc -c <"$py/memory.snapshot.gz")"

cat >>"$py/VENDOR.md" <<MD

## memory.snapshot.gz (made here, not from npm)

- A memory image of the interpreter above (CPython in Pyodide's WebAssembly) after it
  has started and run \`js/runner-worker.js\`'s \`PRELOAD\` (the checker library's
  standard-library imports): $snapraw bytes, gzipped to $snapgz. It is made of the
  files above, so the same licences apply (MPL-2.0 for Pyodide; the PSF License for
  CPython and its standard library).
- Made by \`scripts/pyodide-snapshot\` (run by \`scripts/vendor-runner.sh\`): the vendored
  runtime started in headless Chromium with \`_makeSnapshot\`, a fixed sequence for
  \`crypto.getRandomValues\`, a fixed clock, TZ=UTC and LANG=C.UTF-8, so the bytes are
  the same every time (\`go run ./scripts/pyodide-snapshot -check\` verifies it).
- \`memory.snapshot.json\` records what it was made from (Pyodide version, SHA-256 of
  \`pyodide.asm.wasm\`, the PRELOAD, the tool's version). The build reads it and leaves
  the snapshot out of the site, with a warning, when it does not match the theme's
  worker and runtime; the sidecar itself is never published.
MD

ed="themes/default/static/editor"
rm -rf "$ed"
mkdir -p "$ed"
./node_modules/.bin/esbuild scripts/editor/entry.js --bundle --minify --format=esm \
	--target=es2020 --legal-comments=none --log-level=warning --outfile="$ed/editor.js"

licences=""
{
	echo "The editor bundle (editor.js) contains the following packages, all under the MIT licence."
	echo
	for p in $(node -e '
		const lock = require("./package-lock.json").packages;
		const names = Object.keys(lock).filter((k) => /node_modules\/(@codemirror|@lezer|@marijn|style-mod|crelt|w3c-keyname)/.test(k));
		console.log(names.map((k) => k.replace(/^node_modules\//, "")).sort().join("\n"));'); do
		echo "== $p $(version "$p") =="
		cat "node_modules/$p/LICENSE"
		echo
		licences+="  - \`$p\` $(version "$p")"$'\n'
	done
} >"$ed/LICENSE"

cat >"$ed/VENDOR.md" <<MD
# Vendored CodeMirror 6 editor bundle

- \`editor.js\` is \`scripts/editor/entry.js\` bundled and minified by esbuild $(version esbuild)
  (an ES module exporting \`createEditor\`). Its packages, all MIT (see \`LICENSE\`):
$licences- Reproduce with \`scripts/vendor-runner.sh\`. Do not edit by hand.
MD

echo "vendored pyodide $pyver and the editor bundle ($(wc -c <"$ed/editor.js") bytes)"
