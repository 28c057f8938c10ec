#!/usr/bin/env bash
# Reproduce the vendored KaTeX files from the npm package pinned in package.json.
#
#   scripts/vendor-katex.sh
#
# Writes:
#   internal/katex/assets/katex.min.js, internal/katex/assets/LICENSE
#   themes/default/static/katex/katex.min.css   (@font-face src lists trimmed to woff2)
#   themes/default/static/katex/fonts/*.woff2
#   themes/default/static/katex/LICENSE, themes/default/static/katex/VENDOR.md
# and checks that internal/katex's Version constant names the same release.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

npm ci --ignore-scripts --no-audit --no-fund

pkg="node_modules/katex"
version="$(node -p 'require("./node_modules/katex/package.json").version')"
goversion="$(sed -n 's/^const Version = "\(.*\)"$/\1/p' internal/katex/katex.go)"
if [[ "$version" != "$goversion" ]]; then
	echo "vendor-katex: npm has katex $version but internal/katex/katex.go says Version = \"$goversion\"; update one of them" >&2
	exit 1
fi

assets="internal/katex/assets"
static="themes/default/static/katex"
mkdir -p "$assets"
rm -rf "$static/fonts"
mkdir -p "$static/fonts"

cp "$pkg/dist/katex.min.js" "$assets/katex.min.js"
cp "$pkg/LICENSE" "$assets/LICENSE"
cp "$pkg/LICENSE" "$static/LICENSE"
cp "$pkg"/dist/fonts/*.woff2 "$static/fonts/"

# Keep only the woff2 source of every @font-face: every browser that can run the
# course's pages reads woff2, and it halves what we ship.
sed -E 's#,url\(fonts/[A-Za-z0-9_-]+\.woff\) format\("woff"\),url\(fonts/[A-Za-z0-9_-]+\.ttf\) format\("truetype"\)##g' \
	"$pkg/dist/katex.min.css" >"$static/katex.min.css"

# Checks: no woff/ttf left, every @font-face sets font-display, every url exists.
css="$static/katex.min.css"
if grep -Eq '\.(woff|ttf)\)' "$css"; then
	echo "vendor-katex: woff/ttf sources left in $css; the sed pattern no longer matches KaTeX's CSS" >&2
	exit 1
fi
faces="$(grep -o '@font-face' "$css" | wc -l)"
displays="$(grep -Eo 'font-display:(block|swap)' "$css" | wc -l)"
if [[ "$faces" -eq 0 || "$faces" -ne "$displays" ]]; then
	echo "vendor-katex: $faces @font-face rules but $displays font-display settings in $css" >&2
	exit 1
fi
for f in $(grep -Eo 'url\(fonts/[^)]+\)' "$css" | sed -E 's/^url\((.*)\)$/\1/' | sort -u); do
	[[ -f "$static/$f" ]] || { echo "vendor-katex: $css references missing $f" >&2; exit 1; }
done

cat >"$static/VENDOR.md" <<MD
# Vendored KaTeX $version

- Source: the npm package \`katex@$version\`, pinned in the repository's \`package.json\` /
  \`package-lock.json\`.
- Licence: MIT (see \`LICENSE\` beside this file), Copyright Khan Academy and other
  contributors; the fonts are part of the same package under the same licence.
- Reproduce with \`scripts/vendor-katex.sh\` (runs \`npm ci\`, then copies). Do not edit
  these files by hand.

What is here and how it differs from \`node_modules/katex/dist\`:

- \`katex.min.css\`: KaTeX's \`dist/katex.min.css\` with every \`@font-face\` \`src\` list
  trimmed to its \`woff2\` entry (the \`woff\` and \`ttf\` fallbacks are removed). It
  keeps KaTeX's \`font-display: block\`, so formulas never flash in a fallback font.
  Link it from pages as \`katex/katex.min.css\` under the site's static root; the
  \`url(fonts/...)\` paths are relative to the CSS file.
- \`fonts/*.woff2\`: all of KaTeX's woff2 fonts, unchanged.

The JavaScript (\`katex.min.js\`) is not shipped to pages: it lives in
\`internal/katex/assets/\` and runs at build time in goja.
MD

echo "vendored katex $version"
