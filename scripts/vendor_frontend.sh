#!/usr/bin/env bash
# Vendor the map's front-end libraries from the npm registry into the package's static files.
#
#   bash scripts/vendor_frontend.sh
#
# Fetches pinned versions with `npm pack` into a temporary directory (nothing is installed
# in the project), copies the three files the page loads into
# src/electoral/web/static/vendor/, with each package's licence, and writes VENDOR.md naming
# package, version, licence and the SHA-256 of every file.  The results are committed: the
# app serves them as they are, with no build server at run time.  Needs node's `npm`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

D3=7.9.0
TOPOJSON_CLIENT=3.1.0
US_ATLAS=3.0.1
AXE_CORE=4.14.1  # for the browser tests (accessibility checks); the page never loads it

dest=src/electoral/web/static/vendor
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

command -v npm >/dev/null || { echo "vendor_frontend: npm is needed" >&2; exit 1; }
for spec in "d3@$D3" "topojson-client@$TOPOJSON_CLIENT" "us-atlas@$US_ATLAS" "axe-core@$AXE_CORE"; do
    name="${spec%@*}"
    mkdir -p "$tmp/$name"
    (cd "$tmp" && npm pack --silent "$spec" >"$name.tgz.name")
    tar -xzf "$tmp/$(cat "$tmp/$name.tgz.name")" -C "$tmp/$name" --strip-components=1
done

mkdir -p "$dest"
cp "$tmp/d3/dist/d3.min.js" "$dest/d3.min.js"
cp "$tmp/topojson-client/dist/topojson-client.min.js" "$dest/topojson-client.min.js"
cp "$tmp/us-atlas/states-albers-10m.json" "$dest/states-albers-10m.json"
cp "$tmp/d3/LICENSE" "$dest/LICENSE-d3.txt"
cp "$tmp/topojson-client/LICENSE" "$dest/LICENSE-topojson-client.txt"
cp "$tmp/us-atlas/LICENSE" "$dest/LICENSE-us-atlas.txt"
cp "$tmp/axe-core/axe.min.js" "$dest/axe.min.js"
cp "$tmp/axe-core/LICENSE" "$dest/LICENSE-axe-core.txt"

licence() { node -p "require('$tmp/$1/package.json').license"; }
hash() { sha256sum "$dest/$1" | cut -d' ' -f1; }

{
    echo "# Vendored front-end files"
    echo
    echo "Written by \`scripts/vendor_frontend.sh\` from the npm registry (\`npm pack\`); do not"
    echo "edit by hand.  The page loads them from \`/static/vendor/\`."
    echo
    echo "| file | package | version | licence | sha256 |"
    echo "|---|---|---|---|---|"
    echo "| d3.min.js | d3 (dist/d3.min.js) | $D3 | $(licence d3) | $(hash d3.min.js) |"
    echo "| topojson-client.min.js | topojson-client (dist/topojson-client.min.js) |" \
        "$TOPOJSON_CLIENT | $(licence topojson-client) | $(hash topojson-client.min.js) |"
    echo "| states-albers-10m.json | us-atlas (states-albers-10m.json) | $US_ATLAS |" \
        "$(licence us-atlas) | $(hash states-albers-10m.json) |"
    echo "| LICENSE-d3.txt | d3 (LICENSE) | $D3 | $(licence d3) | $(hash LICENSE-d3.txt) |"
    echo "| LICENSE-topojson-client.txt | topojson-client (LICENSE) | $TOPOJSON_CLIENT |" \
        "$(licence topojson-client) | $(hash LICENSE-topojson-client.txt) |"
    echo "| LICENSE-us-atlas.txt | us-atlas (LICENSE) | $US_ATLAS |" \
        "$(licence us-atlas) | $(hash LICENSE-us-atlas.txt) |"
    echo "| axe.min.js | axe-core (axe.min.js) | $AXE_CORE | $(licence axe-core) | $(hash axe.min.js) |"
    echo "| LICENSE-axe-core.txt | axe-core (LICENSE) | $AXE_CORE |" \
        "$(licence axe-core) | $(hash LICENSE-axe-core.txt) |"
    echo
    echo "\`states-albers-10m.json\` is the U.S. Census Bureau's cartographic boundary file"
    echo "(1:10,000,000, public domain) converted to TopoJSON by us-atlas and projected with"
    echo "d3.geoAlbersUsa to a 975×610 viewport; features are keyed by two-digit state FIPS code."
    echo "The boundaries are today's; the history view draws a state with the one it was part of"
    echo "(West Virginia with Virginia before 1864, Maine with Massachusetts before 1820) by"
    echo "merging their shapes' shared border away."
    echo
    echo "\`axe.min.js\` (axe-core, MPL-2.0) is loaded only by the browser tests, which inject it"
    echo "into the page to check accessibility; the page itself never references it."
} >"$dest/VENDOR.md"
echo "vendored into $dest:"
ls -l "$dest"
