#!/usr/bin/env bash
# Runs every fuzz target for FUZZTIME (default 10s). A crasher is written to
# the package's testdata/fuzz and fails the run; commit it as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
t="${FUZZTIME:-10s}"
for target in \
	"./normalize FuzzNormalize" "./normalize FuzzStages" \
	"./extract FuzzExtract" "./extract FuzzNumerals" \
	"./corpus/ingest FuzzDecode"; do
	set -- $target
	echo "fuzz $1 $2 for $t"
	go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$t"
done
