#!/usr/bin/env bash
# Runs every fuzz target for FUZZTIME (default 10s). A crasher is written to
# the package's testdata/fuzz (commit it as a regression case: from then on
# the ordinary tests run it) and reported here; with FUZZ_STRICT=1 it also
# fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
t="${FUZZTIME:-10s}"
found=""
for target in \
	"./normalize FuzzNormalize" "./normalize FuzzStages" "./normalize FuzzRunIsStaged" "./normalize FuzzMarkerMayExtend" "./normalize FuzzScanLine" "./normalize FuzzPunctuation" "./normalize FuzzCompactMap" "./normalize FuzzConvert" "./normalize FuzzCursor" \
	"./extract FuzzExtract" "./extract FuzzNumerals" "./extract FuzzPatterns" "./extract FuzzContextScans" "./extract FuzzJSONString" "./extract FuzzPieces" "./extract FuzzUnitScans" \
	"./corpus FuzzTree" "./corpus FuzzInlineItems" "./corpus/ingest FuzzDecode" "./corpus/ingest FuzzValidUTF8" "./internal/cjk FuzzIndex" "./internal/datenum FuzzValue" "./schema FuzzValidate"; do
	set -- $target
	echo "fuzz $1 $2 for $t"
	if ! go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$t" -fuzzminimizetime 2s; then
		echo "FUZZ FINDING in $1 $2: see the failing input written under $1/testdata/fuzz/$2"
		found=1
	fi
done
if [ -n "${found:-}" ] && [ -n "${FUZZ_STRICT:-}" ]; then
	exit 1
fi
