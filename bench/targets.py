#!/usr/bin/env python3
"""Prints the targets table of bench/RESULTS.md from results.tsv, the
figures bench/run.sh measured in the same run: key, label, bytes, seconds,
peak RSS in MB."""
import sys

rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    key, label, size, secs, rss = line.rstrip("\n").split("\t")
    rows[key] = {"bytes": int(size), "s": float(secs), "rss": int(rss)}


def mbps(key):
    r = rows.get(key)
    return r["bytes"] / 1048576 / r["s"] if r and r["s"] > 0 else None


out = []


def target(what, measured, goal, met):
    out.append(f"| {what} | {measured} | {goal} | {'yes' if met else 'no'} |")


for suffix, what in (("_dir", "a 20 MB corpus of files"), ("", "one 20 MB document")):
    simp, trad = mbps("extract_simp" + suffix), mbps("extract_trad" + suffix)
    if simp:
        target(f"extract, simplified, one core, {what}", f"{simp:.1f} MB/s", "≥ 50 MB/s", simp >= 50)
    if trad:
        target(f"extract, traditional, one core, {what}", f"{trad:.1f} MB/s", "≥ 25 MB/s", trad >= 25)
    if trad and mbps("opencc_trad"):
        r = trad / mbps("opencc_trad")
        target(f"extract vs OpenCC t2s alone, same traditional text, {what}", f"{r:.2f}×", "≥ 4×", r >= 4)
if "rt" in rows and "extract_slice" in rows:
    rt = rows["rt"]["s"]
    z = rows["extract_slice"]["s"]
    start = rows.get("startup", {}).get("s", 0)
    r = rt / z
    target("throughput vs Recognizers-Text currency + percent, same 200 KB slice (zhengce process incl. start-up)", f"{r:.0f}×", "≥ 500×", r >= 500)
    if z > start > 0:
        r2 = rt / (z - start)
        target("the same, start-up subtracted (Recognizers-Text is timed inside Node, after loading)", f"{r2:.0f}×", "≥ 500×", r2 >= 500)
    if "extract_slice_warm" in rows:
        r3 = rt / rows["extract_slice_warm"]["s"]
        target("the same, both timed inside their process (zhengce: BenchmarkExtractSlice)", f"{r3:.0f}×", "≥ 500×", r3 >= 500)
if "startup" in rows:
    ms = rows["startup"]["s"] * 1000
    target("start-up of extract on a one-line input (median)", f"{ms:.1f} ms", "≤ 20 ms", ms <= 20)
largest = rows.get("largest", {}).get("bytes", 0) / 1048576
for key, size in (("extract_simp_dir", "simplified corpus"), ("extract_trad_dir", "traditional corpus")):
    if key in rows and largest:
        limit = 50 + 3 * largest
        target(f"peak RSS of extract, {size} (largest document {largest * 1024:.0f} KB)", f"{rows[key]['rss']} MB", f"≤ {limit:.0f} MB", rows[key]["rss"] <= limit)
for key, size in (("extract_simp", "simp"), ("extract_trad", "trad")):
    if key in rows:
        doc = rows[key]["bytes"] / 1048576
        limit = 50 + 3 * doc
        target(f"peak RSS of extract, one {doc:.0f} MB document ({size})", f"{rows[key]['rss']} MB", f"≤ {limit:.0f} MB", rows[key]["rss"] <= limit)
if "build_pq_j1" in rows and "extract_mixed_dir" in rows:
    r = rows["extract_mixed_dir"]["s"] / rows["build_pq_j1"]["s"]
    target("corpus build --formats parquet vs extract --facts, one core, same corpus", f"{r * 100:.0f}%", "≥ 70%", r >= 0.7)
if "build_pq_j1" in rows and "build_pq_j2" in rows:
    r = rows["build_pq_j1"]["s"] / rows["build_pq_j2"]["s"]
    target("corpus build --formats parquet, -j 2 vs -j 1", f"{r:.2f}×", "≥ 1.8×", r >= 1.8)
if "build_j1" in rows and "build_j2" in rows:
    r = rows["build_j1"]["s"] / rows["build_j2"]["s"]
    target("corpus build, every format (SQLite included), -j 2 vs -j 1", f"{r:.2f}×", "≥ 1.4×", r >= 1.4)
if "build_j1" in rows and "build_nosql_j1" in rows:
    share = 1 - rows["build_nosql_j1"]["s"] / rows["build_j1"]["s"]
    target("SQLite's share of a one-core build's wall time (every format vs parquet,jsonl)", f"{share * 100:.0f}%", "reported", True)
if "size_input" in rows:
    n = rows["size_input"]["bytes"]
    if "size_parquet" in rows:
        r = rows["size_parquet"]["bytes"] / n
        target("Parquet tables together vs the input", f"{r:.2f}×", "≤ 0.6×", r <= 0.6)
    if "size_all" in rows:
        r = rows["size_all"]["bytes"] / n
        target("whole default dataset (Parquet, JSON Lines, SQLite) vs the input", f"{r:.2f}×", "≤ 3×", r <= 3)
if "size_input_distinct" in rows:
    n = rows["size_input_distinct"]["bytes"]
    r = rows["size_parquet_distinct"]["bytes"] / n
    target(f"Parquet tables together vs the input, {n / 1024:.0f} KB of distinct policies (the bundled seeds and corpus)", f"{r:.2f}×", "≤ 0.6×", r <= 0.6)
    r = rows["size_all_distinct"]["bytes"] / n
    target("whole default dataset vs the input, the same distinct policies", f"{r:.2f}×", "≤ 3×", r <= 3)
if "build_j2" in rows and "build_200" in rows:
    a, b = rows["build_j2"]["rss"], rows["build_200"]["rss"]
    target("corpus build RSS, 200 MB vs 20 MB corpus", f"{b} vs {a} MB ({(b - a) / a * 100:+.0f}%)", "within 20%", abs(b - a) <= 0.2 * a)
if "diff" in rows:
    d = rows["diff"]
    target("diff of the seed draft/final, wall incl. dictionary", f"{d['s']:.2f} s", "≤ 1 s", d["s"] <= 1)
    target("diff peak RSS", f"{d['rss']} MB", "≤ 150 MB", d["rss"] <= 150)

print("| target | measured | goal | met |")
print("|---|---|---|---|")
print("\n".join(out))
