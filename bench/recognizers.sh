#!/usr/bin/env bash
# Times Microsoft Recognizers-Text (Node) currency and percent models on a
# 200 KB slice of the simplified corpus; installs the npm package into
# bench/out/node when missing. Prints one markdown line.
set -euo pipefail
work=$1
mkdir -p "$work/node"
cd "$work/node"
[ -d node_modules/@microsoft/recognizers-text-suite ] || npm install --silent @microsoft/recognizers-text-suite >/dev/null 2>&1
head -c 204800 ../simp20.txt > slice.txt
cat > rt.js <<'J'
const R = require('@microsoft/recognizers-text-suite');
const fs = require('fs');
const text = fs.readFileSync('slice.txt', 'utf8');
const t0 = Date.now();
let n = 0;
for (const line of text.split('\n')) {
  n += R.recognizeCurrency(line, R.Culture.Chinese).length;
  n += R.recognizePercentage(line, R.Culture.Chinese).length;
}
const s = (Date.now() - t0) / 1000;
console.log(`Recognizers-Text currency + percent: ${(text.length ? Buffer.byteLength(text) / 1048576 / s : 0).toFixed(3)} MB/s, ${s} s, ${n} results`);
J
node rt.js
