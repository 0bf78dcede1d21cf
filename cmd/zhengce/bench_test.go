package main

import (
	"io"
	"os"
	"testing"
)

// BenchmarkExtractSlice runs `zhengce extract --facts` in one process over
// and over on bench/out/slice.txt, the 200 KB slice bench/run.sh cuts from
// its simplified corpus and gives Recognizers-Text, which is timed the same
// way: inside its process, after loading. Skipped when the slice is
// missing (ZHENGCE_SLICE names another file).
func BenchmarkExtractSlice(b *testing.B) {
	path := os.Getenv("ZHENGCE_SLICE")
	if path == "" {
		path = "../../bench/out/slice.txt"
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Skip("no slice: run bench/run.sh, or set ZHENGCE_SLICE")
	}
	b.SetBytes(info.Size())
	for b.Loop() {
		if code := run([]string{"extract", "--facts", path}, nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit status %d", code)
		}
	}
}
