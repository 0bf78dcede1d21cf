package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestProfTmp(t *testing.T) {
	p := os.Getenv("PROF_INPUT")
	if p == "" {
		t.Skip()
	}
	args := []string{"extract", "--facts"}
	if fi, _ := os.Stat(p); fi.IsDir() {
		m, _ := filepath.Glob(p + "/*.txt")
		if n, err := strconv.Atoi(os.Getenv("NFILES")); err == nil && n < len(m) {
			m = m[:n]
		}
		args = append(args, m...)
	} else {
		args = append(args, p)
	}
	n, _ := strconv.Atoi(os.Getenv("ITERS"))
	best := time.Hour
	for i := 0; i < max(n, 1); i++ {
		st := time.Now()
		run(args, nil, io.Discard, os.Stderr)
		best = min(best, time.Since(st))
	}
	t.Log("best", best)
}
