#!/usr/bin/env bash
# Measures zhengce side by side with the tools users would otherwise run,
# in one run on this machine, and writes bench/RESULTS.md.
#   bench/run.sh            # full run (20 MB and 200 MB corpora)
#   SMALL=1 bench/run.sh    # quicker: 20 MB only
#   RUNS=5 bench/run.sh     # runs per whole-command figure (median; default 3)
# Installs GNU time, hyperfine and OpenCC from Debian when missing (as root),
# and Recognizers-Text from npm when node is present. Every ratio in the
# targets table is computed from figures of this same run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
work=bench/out
runs=${RUNS:-3}
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
CGO_ENABLED=0 go build -o "$work/zhengce" ./cmd/zhengce # as README installs it
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
mkcorpus "$work/simp20" 20 simplified
mkcorpus "$work/trad20" 20 traditional
mkcorpus "$work/mixed20" 20 mixed
largest=$(stat -c %s "$work"/simp20/*.txt "$work"/trad20/*.txt | sort -n | tail -1)
echo "largest	largest document of the corpora	$largest	0	0" > "$work/largest.tsv"
cat "$work"/simp20/*.txt > "$work/simp20.txt"
cat "$work"/trad20/*.txt > "$work/trad20.txt"
head -c 204800 "$work/simp20.txt" > "$work/slice.txt"
printf '一、给予最高200万元奖励。\n' > "$work/one.txt"

# measure KEY LABEL BYTES COMMAND...: the median wall time and the median
# peak RSS of $runs runs (a run's peak varies by a few MB with the moments
# the garbage collector happens to run), as a row of the table and a line of results.tsv.
tsv="$work/results.tsv"
cp "$work/largest.tsv" "$tsv"
measure() {
	local key=$1 label=$2 bytes=$3; shift 3
	local times=() rsss=() i out
	for i in $(seq "$runs"); do
		/usr/bin/time -f "%e %M" -o "$work/time.out" "$@" >/dev/null 2>"$work/cmd.err" || true
		out=$(tail -1 "$work/time.out")
		times+=("${out% *}")
		rsss+=("${out#* }")
	done
	local med rss
	med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
	rss=$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
	printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$bytes" "$med" "$((rss / 1024))" >> "$tsv"
	python3 -c "b,s=$bytes,$med; print(f'| $label | {b/1048576/s:.1f} | {s} | $((rss / 1024)) |')"
}

{
echo "# zhengce benchmark results"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; $(go version | cut -d' ' -f3); $(date -u +%Y-%m-%d)."
echo "Every figure below was measured in the same run of bench/run.sh; whole commands (time and peak RSS) are the median of $runs runs."
echo
echo "## Whole commands (wall time, peak RSS)"
echo
echo "| what | MB/s | seconds | peak RSS MB |"
echo "|---|---|---|---|"
s20=$(stat -c %s "$work/simp20.txt"); t20=$(stat -c %s "$work/trad20.txt")
measure extract_simp_dir "zhengce extract --facts, simplified 20 MB corpus ($(ls "$work/simp20" | wc -l) files), one core (GOMAXPROCS=1)" "$s20" env GOMAXPROCS=1 "$Z" extract --facts "$work"/simp20/*.txt
measure extract_trad_dir "zhengce extract --facts, traditional 20 MB corpus ($(ls "$work/trad20" | wc -l) files), one core" "$t20" env GOMAXPROCS=1 "$Z" extract --facts "$work"/trad20/*.txt
# One document made of the seeds repeated: lines that recur across the
# copies are taken for page furniture and dropped, so less text reaches
# conversion and extraction than in the corpus of files.
measure extract_simp "zhengce extract --facts, the simplified corpus as one 20 MB document (recurring lines dropped as page furniture), one core" "$s20" env GOMAXPROCS=1 "$Z" extract --facts "$work/simp20.txt"
measure extract_trad "zhengce extract --facts, the traditional corpus as one 20 MB document, one core" "$t20" env GOMAXPROCS=1 "$Z" extract --facts "$work/trad20.txt"
if command -v opencc >/dev/null; then
	measure opencc_trad "OpenCC (Debian, C++) opencc -c t2s.json, traditional 20 MB" "$t20" opencc -c t2s.json -i "$work/trad20.txt" -o "$work/t2s.out"
	measure opencc_simp "OpenCC (Debian, C++) opencc -c t2s.json, simplified 20 MB" "$s20" opencc -c t2s.json -i "$work/simp20.txt" -o "$work/t2s.out"
fi
m20=$(du -sb "$work/mixed20" | cut -f1)
measure extract_mixed_dir "zhengce extract --facts, mixed 20 MB corpus ($(ls "$work/mixed20" | wc -l) files), one core" "$m20" env GOMAXPROCS=1 "$Z" extract --facts "$work"/mixed20/*.txt
measure build_j1 "zhengce corpus build -j 1, every format, mixed 20 MB" "$m20" "$Z" corpus build -q -j 1 -o "$work/ds1" "$work/mixed20"
measure build_j2 "zhengce corpus build -j 2, every format, mixed 20 MB" "$m20" "$Z" corpus build -q -j 2 -o "$work/ds2" "$work/mixed20"
measure build_pq_j1 "zhengce corpus build -j 1 --formats parquet, mixed 20 MB" "$m20" "$Z" corpus build -q -j 1 --formats parquet -o "$work/dsp1" "$work/mixed20"
measure build_pq_j2 "zhengce corpus build -j 2 --formats parquet, mixed 20 MB" "$m20" "$Z" corpus build -q -j 2 --formats parquet -o "$work/dsp2" "$work/mixed20"
measure build_nosql_j1 "zhengce corpus build -j 1 --formats parquet,jsonl, mixed 20 MB" "$m20" "$Z" corpus build -q -j 1 --formats parquet,jsonl -o "$work/dsn1" "$work/mixed20"
# dataset sizes against the input (bytes of the files)
printf 'size_input\tinput\t%s\t0\t0\n' "$(cat "$work"/mixed20/* | wc -c)" >> "$tsv"
printf 'size_parquet\tParquet tables\t%s\t0\t0\n' "$(cat "$work"/ds2/*/part-*.parquet | wc -c)" >> "$tsv"
printf 'size_all\twhole dataset\t%s\t0\t0\n' "$(find "$work/ds2" -type f -exec cat {} + | wc -c)" >> "$tsv"
# the same on distinct real policies (the bundled seeds and corpus): the
# 20 MB corpus repeats five documents, which Parquet's pages partly see
distinct=$(ls testdata/seeds/*.txt testdata/corpus/* | grep -v -e README.md -e PROVENANCE.md)
rm -rf "$work/dsd"
# shellcheck disable=SC2086
"$Z" corpus build -q -o "$work/dsd" $distinct
printf 'size_input_distinct\tinput, distinct policies\t%s\t0\t0\n' "$(cat $distinct | wc -c)" >> "$tsv"
printf 'size_parquet_distinct\tParquet tables, distinct policies\t%s\t0\t0\n' "$(cat "$work"/dsd/*/part-*.parquet | wc -c)" >> "$tsv"
printf 'size_all_distinct\twhole dataset, distinct policies\t%s\t0\t0\n' "$(find "$work/dsd" -type f -exec cat {} + | wc -c)" >> "$tsv"
if [ -z "${SMALL:-}" ]; then
	mkcorpus "$work/mixed200" 200 mixed
	m200=$(du -sb "$work/mixed200" | cut -f1)
	measure build_200 "zhengce corpus build -j 2, every format, mixed 200 MB" "$m200" "$Z" corpus build -q -j 2 -o "$work/ds200" "$work/mixed200"
fi
measure diff "zhengce diff, seed draft vs final (includes dictionary load)" 45000 "$Z" diff --format json testdata/seeds/003_c0775bc4c1ef2dcb.txt "testdata/seeds/000_e561b5eedc8d0feb.txt#武政规〔2020〕11号"
# the slice takes about 10 ms, GNU time's resolution: hyperfine times it
# (the median of 30 runs), GNU time gives its peak RSS
if command -v hyperfine >/dev/null; then
	hyperfine -N -w 3 -r 30 --export-json "$work/slice.json" "$Z extract --facts $work/slice.txt" >/dev/null 2>&1
	/usr/bin/time -f "%e %M" -o "$work/time.out" "$Z" extract --facts "$work/slice.txt" >/dev/null 2>"$work/cmd.err" || true
	sb=$(stat -c %s "$work/slice.txt")
	sm=$(python3 -c "import json; print(json.load(open('$work/slice.json'))['results'][0]['median'])")
	srss=$(($(tail -1 "$work/time.out" | cut -d' ' -f2) / 1024))
	printf 'extract_slice\tzhengce extract --facts, the 200 KB slice below\t%s\t%s\t%s\n' "$sb" "$sm" "$srss" >> "$tsv"
	python3 -c "b,s=$sb,$sm; print(f'| zhengce extract --facts, the 200 KB slice below (hyperfine, median of 30) | {b/1048576/s:.1f} | {s:.4f} | $srss |')"
else
	measure extract_slice "zhengce extract --facts, the 200 KB slice below" "$(stat -c %s "$work/slice.txt")" "$Z" extract --facts "$work/slice.txt"
fi
# the same slice timed inside one process, as Recognizers-Text is timed
# inside Node: the fastest of 5 runs of 20, one core
warm=$(cd cmd/zhengce && ZHENGCE_SLICE="$PWD/../../$work/slice.txt" GOMAXPROCS=1 go test -run '^$' -bench ExtractSlice -benchtime 20x -count 5 . 2>/dev/null |
	awk '/^BenchmarkExtractSlice/ {if (best == "" || $3 + 0 < best) best = $3 + 0} END {print best}')
if [ -n "$warm" ]; then
	printf 'extract_slice_warm\tzhengce extract --facts on the slice, inside one process\t%s\t%s\t0\n' "$(stat -c %s "$work/slice.txt")" "$(python3 -c "print($warm / 1e9)")" >> "$tsv"
	python3 -c "b,s=$(stat -c %s "$work/slice.txt"),$warm/1e9; print(f'| zhengce extract --facts, the 200 KB slice, timed inside one process (BenchmarkExtractSlice, fastest of 5) | {b/1048576/s:.1f} | {s:.4f} | |')"
fi
echo
echo "## Start-up"
echo
if command -v hyperfine >/dev/null; then
	hyperfine -N -w 5 -r 50 --export-json "$work/startup.json" --export-markdown "$work/startup.md" "$Z extract --facts $work/one.txt" >/dev/null 2>&1 && cat "$work/startup.md"
	python3 -c "import json; print('startup\tstart-up\t0\t%f\t0' % json.load(open('$work/startup.json'))['results'][0]['median'])" >> "$tsv"
fi
echo
echo "## Reference: Recognizers-Text (Node), currency + percent models on a 200 KB slice"
echo
if command -v node >/dev/null && bench/recognizers.sh "$work" > "$work/rt.txt" 2>"$work/rt.err"; then
	cat "$work/rt.txt"
	sed -n 's/.*MB\/s, \([0-9.]*\) s,.*/rt\tRecognizers-Text\t204800\t\1\t0/p' "$work/rt.txt" >> "$tsv"
else
	echo "not measured (node or the npm package unavailable)"
fi
echo
echo "## Dataset size by part"
echo
echo "| part | 20 MB corpus, bytes | × input | distinct policies, bytes | × input |"
echo "|---|---|---|---|---|"
in20=$(grep '^size_input	' "$tsv" | cut -f3); ind=$(grep '^size_input_distinct	' "$tsv" | cut -f3)
for part in zhengce.db documents.jsonl.gz facts.jsonl.gz findings.jsonl.gz errors.jsonl documents clauses facts units errors findings; do
	a=$(du -sb --apparent-size "$work/ds2/$part" | cut -f1); d=$(du -sb --apparent-size "$work/dsd/$part" | cut -f1)
	python3 -c "print(f'| $part | $a | {$a/$in20:.2f} | $d | {$d/$ind:.2f} |')"
done
echo
echo "## Targets"
echo
python3 bench/targets.py "$tsv"
echo
echo "## Go benchmarks (go test -bench, per stage; the fastest of 3 runs)"
echo
echo '```'
{
	go test ./normalize ./extract -run '^$' -bench . -benchtime 10x -count 3 2>/dev/null
	go test ./corpus/diff -run '^$' -bench . -benchtime 1x 2>/dev/null
} | grep -E '^Benchmark' |
	awk '{k=$1; if (!(k in best) || $3+0 < best[k]+0) {best[k]=$3; line[k]=$0}; if (!(k in seen)) {seen[k]=1; keys[++n]=k}} END {for (i=1;i<=n;i++) print line[keys[i]]}'
echo '```'
} | tee bench/RESULTS.md
