#!/usr/bin/env bash
# Measures zhengce side by side with the tools users would otherwise run,
# in one run on this machine, and writes bench/RESULTS.md.
#   bench/run.sh            # full run (20 MB and 200 MB corpora)
#   SMALL=1 bench/run.sh    # quicker: 20 MB only
# Installs GNU time, hyperfine and OpenCC from Debian when missing (as root),
# and Recognizers-Text from npm when node is present.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
work=bench/out
mkdir -p "$work"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	need=""
	[ -x /usr/bin/time ] || need="$need time"
	command -v hyperfine >/dev/null || need="$need hyperfine"
	command -v opencc >/dev/null || need="$need opencc"
	if [ -n "$need" ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
	fi
fi
go build -o "$work/zhengce" ./cmd/zhengce
Z="$work/zhengce"

# Corpora made from the seeds: simplified, traditional, and mixed, with
# varied file names.
mkcorpus() { # dir MB kind
	local dir=$1 mb=$2 kind=$3 i=0 size=0
	rm -rf "$dir"; mkdir -p "$dir"
	while [ "$size" -lt $((mb * 1024 * 1024)) ]; do
		for f in testdata/seeds/*.txt; do
			case "$kind:$f" in
			simplified:*002_*) continue ;;
			traditional:*) f=testdata/seeds/002_1e3c7663b8a242cd.txt ;;
			esac
			cp "$f" "$dir/$(printf %06d $i)_$(basename "$f")"
			size=$((size + $(stat -c %s "$f")))
			i=$((i + 1))
		done
	done
}
cat_corpus() { cat "$1"/*.txt > "$2"; }

mkcorpus "$work/simp20" 20 simplified
mkcorpus "$work/trad20" 20 traditional
mkcorpus "$work/mixed20" 20 mixed
cat_corpus "$work/simp20" "$work/simp20.txt"
cat_corpus "$work/trad20" "$work/trad20.txt"

mbps() { # bytes seconds
	python3 -c "import sys; print(f'{$1/1048576/$2:.1f}')"
}
measure() { # label bytes command...
	local label=$1 bytes=$2; shift 2
	/usr/bin/time -f "%e %M" -o "$work/time.out" "$@" >/dev/null 2>&1 || true
	local out secs rss
	out=$(tail -1 "$work/time.out")
	secs=${out% *}
	rss=${out#* }
	printf '| %s | %s | %s | %s |\n' "$label" "$(mbps "$bytes" "$secs")" "$secs" "$((rss / 1024))"
	echo "$label $secs" >> "$work/times.txt"
}
: > "$work/times.txt"
{
echo "# zhengce benchmark results"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; $(go version | cut -d' ' -f3); $(date -u +%Y-%m-%d)."
echo "Every figure below was measured in the same run of bench/run.sh."
echo
echo "## Whole commands (one process, wall time, peak RSS)"
echo
echo "| what | MB/s | seconds | peak RSS MB |"
echo "|---|---|---|---|"
s20=$(stat -c %s "$work/simp20.txt"); t20=$(stat -c %s "$work/trad20.txt")
measure "zhengce extract --facts, simplified 20 MB (GOMAXPROCS=1)" "$s20" env GOMAXPROCS=1 "$Z" extract --facts "$work/simp20.txt"
measure "zhengce extract --facts, traditional 20 MB (GOMAXPROCS=1)" "$t20" env GOMAXPROCS=1 "$Z" extract --facts "$work/trad20.txt"
if command -v opencc >/dev/null; then
	measure "OpenCC (Debian, C++) opencc -c t2s.json, traditional 20 MB" "$t20" opencc -c t2s.json -i "$work/trad20.txt" -o "$work/t2s.out"
	measure "OpenCC (Debian, C++) opencc -c t2s.json, simplified 20 MB" "$s20" opencc -c t2s.json -i "$work/simp20.txt" -o "$work/t2s.out"
fi
m20=$(du -sb "$work/mixed20" | cut -f1)
measure "zhengce corpus build -j 1, mixed 20 MB" "$m20" "$Z" corpus build -q -j 1 -o "$work/ds1" "$work/mixed20"
measure "zhengce corpus build -j 2, mixed 20 MB" "$m20" "$Z" corpus build -q -j 2 -o "$work/ds2" "$work/mixed20"
if [ -z "${SMALL:-}" ]; then
	mkcorpus "$work/mixed200" 200 mixed
	m200=$(du -sb "$work/mixed200" | cut -f1)
	measure "zhengce corpus build -j 2, mixed 200 MB" "$m200" "$Z" corpus build -q -j 2 -o "$work/ds200" "$work/mixed200"
fi
measure "zhengce diff, seed draft vs final (includes dictionary load)" 45000 "$Z" diff --format json testdata/seeds/003_c0775bc4c1ef2dcb.txt "testdata/seeds/000_e561b5eedc8d0feb.txt#武政规〔2020〕11号"
echo
echo "## Start-up"
echo
printf '一、给予最高200万元奖励。\n' > "$work/one.txt"
if command -v hyperfine >/dev/null; then
	hyperfine -N -w 3 -r 30 --export-markdown "$work/startup.md" "$Z extract --facts $work/one.txt" >/dev/null 2>&1 && cat "$work/startup.md"
fi
echo
echo "## Reference: Recognizers-Text (Node), currency + percent models on a 200 KB slice"
echo
if command -v node >/dev/null && bench/recognizers.sh "$work" > "$work/rt.txt" 2>"$work/rt.err"; then
	head -c 204800 "$work/simp20.txt" > "$work/slice.txt"
	cat "$work/rt.txt"
	/usr/bin/time -f "%e" -o "$work/time.out" "$Z" extract --facts "$work/slice.txt" >/dev/null 2>&1 || true
	echo "zhengce extract on the same slice: $(tail -1 "$work/time.out") s"
else
	echo "not measured (node or the npm package unavailable)"
fi
echo
echo "## Go benchmarks (go test -bench, per stage)"
echo
echo '```'
go test ./normalize ./extract ./corpus/diff -run '^$' -bench . -benchtime 3x 2>/dev/null | grep -E '^Benchmark'
echo '```'
} | tee bench/RESULTS.md
