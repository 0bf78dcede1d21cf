#!/usr/bin/env bash
# Checks that the working tree writes exactly what a reference revision
# writes, on a set of inputs made from the sample documents: the seeds, their
# OpenCC s2t/s2tw/s2twp conversions (when opencc is installed), full-width,
# hard-wrapped, spaced-out, CRLF, GB18030, UTF-16, HTML and shuffled-line
# versions, the peer suites' inputs as text and as clauses, and (BIG=1) the
# benchmark's 20 MB corpora. Compared: normalize --json, segment --paths and
# --list, extract --facts, the document JSON, CSV, and a corpus build (every
# JSON Lines file and a dump of the SQLite tables).
#   scripts/sameoutput.sh            # against HEAD
#   scripts/sameoutput.sh REV        # against REV
#   BIG=1 scripts/sameoutput.sh      # also the 20 MB corpora (bench/run.sh makes them)
#   scripts/sameoutput.sh --inputs DIR   # only write the inputs to DIR
# Exit status 1 when any output differs; the first lines of each difference
# are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
rev=${1:-HEAD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in="$work/in"
if [ "$rev" = --inputs ]; then
	in=${2:?usage: scripts/sameoutput.sh --inputs DIR}
fi
mkdir -p "$in"

python3 - "$in" testdata/seeds testdata/peer/recognizers-text/Specs <<'EOF'
import json, os, random, sys
out, seeds, specs = sys.argv[1:4]
texts = {}
for name in sorted(os.listdir(seeds)):
    if name.endswith(".txt"):
        texts[name[:-4]] = open(os.path.join(seeds, name), encoding="utf-8").read()
def put(name, data, enc="utf-8"):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data.encode(enc) if isinstance(data, str) else data)
full = {c: chr(ord(c) + 0xFEE0) for c in "0123456789%.,:;()ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/+-"}
rnd = random.Random(7)
for k, t in texts.items():
    put(k + ".txt", t)
    put(k + ".full.txt", "".join(full.get(c, c) for c in t))
    for w in (24, 37):
        lines = []
        for line in t.split("\n"):
            while len(line) > w:
                lines.append(line[:w]); line = line[w:]
            lines.append(line)
        put(f"{k}.wrap{w}.txt", "\n".join(lines))
    put(k + ".spaced.txt", "\n".join(" ".join(l) if i % 3 == 0 else l for i, l in enumerate(t.split("\n"))))
    put(k + ".crlf.txt", t.replace("\n", "\r\n"))
    put(k + ".gb18030.txt", t, "gb18030")
    put(k + ".utf16.txt", "\ufeff" + t, "utf-16-le")
    body = "".join("<p>" + l.replace("&", "&amp;").replace("<", "&lt;") + "</p>\n" for l in t.split("\n"))
    put(k + ".html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><div class=\"nav\">首页</div>" + body + "<script>var x=1;</script></body></html>")
    lines = t.split("\n")
    rnd.shuffle(lines)
    put(k + ".shuffled.txt", "\n".join(lines))
    put(k + ".ascii-punct.txt", t.replace("，", ",").replace("：", ":").replace("（", "(").replace("）", ")").replace("；", ";"))
inputs = []
for name in sorted(os.listdir(specs)):
    for case in json.load(open(os.path.join(specs, name), encoding="utf-8")):
        if isinstance(case, dict) and isinstance(case.get("Input"), str):
            inputs.append(case["Input"].replace("\n", " "))
put("peer.txt", "\n".join(inputs))
put("peer-clauses.txt", "关于支持若干政策的通知\n" + "\n".join(f"{i + 1}. {s}" for i, s in enumerate(inputs)))
EOF
if command -v opencc >/dev/null; then
	for f in testdata/seeds/*.txt; do
		b=$(basename "$f" .txt)
		for c in s2t s2tw s2twp; do opencc -c "$c.json" -i "$f" -o "$in/$b.$c.txt"; done
	done
fi
if [ -n "${BIG:-}" ]; then
	for f in bench/out/simp20.txt bench/out/trad20.txt; do
		if [ -f "$f" ]; then cp "$f" "$in/"; fi
	done
fi
if [ "$rev" = --inputs ]; then
	exit 0
fi

git worktree add -q --detach "$work/ref" "$rev"
(cd "$work/ref" && go build -o "$work/zref" ./cmd/zhengce)
git worktree remove --force "$work/ref"
go build -o "$work/znew" ./cmd/zhengce

# run BIN OUTDIR: every command on every input
runall() {
	local z=$1 o=$2 f b
	mkdir -p "$o"
	for f in "$in"/*; do
		b=$(basename "$f")
		"$z" normalize --json "$f" >"$o/$b.norm" 2>&1 || echo "exit $?" >>"$o/$b.norm"
		"$z" segment --paths "$f" >"$o/$b.paths" 2>&1 || echo "exit $?" >>"$o/$b.paths"
		"$z" segment --list "$f" >"$o/$b.list" 2>&1 || echo "exit $?" >>"$o/$b.list"
		"$z" extract --facts "$f" >"$o/$b.facts" 2>&1 || echo "exit $?" >>"$o/$b.facts"
		"$z" extract "$f" >"$o/$b.docs" 2>&1 || echo "exit $?" >>"$o/$b.docs"
		"$z" extract --format csv "$f" >"$o/$b.csv" 2>&1 || echo "exit $?" >>"$o/$b.csv"
	done
	"$z" corpus build -q -j 2 -o "$o/ds" "$in" 2>"$o/build.err" || echo "exit $?" >>"$o/build.err"
	for t in documents clauses facts units errors findings; do
		python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); [print(r) for r in c.execute('select * from $t order by rowid')]" "$o/ds/zhengce.db" >"$o/ds/$t.rows"
	done
	rm -f "$o/ds/zhengce.db"
}
runall "$work/zref" "$work/ref-out"
runall "$work/znew" "$work/new-out"
n=$(ls "$in" | wc -l)
if diff -r -q "$work/ref-out" "$work/new-out" >"$work/diffs"; then
	echo "same output as $rev on $n inputs"
	exit 0
fi
echo "outputs differ from $rev:"
while read -r line; do
	echo "$line"
	set -- $line
	[ "$1" = Files ] && diff "$2" "$4" | head -8
done <"$work/diffs"
exit 1
