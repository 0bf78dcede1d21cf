package normalize

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestTmpDir(t *testing.T) {
	d := os.Getenv("DIR")
	if d == "" {
		t.Skip()
	}
	names, _ := filepath.Glob(d + "/*.txt")
	if n, err := strconv.Atoi(os.Getenv("NFILES")); err == nil && n < len(names) {
		names = names[:n]
	}
	iters := 10
	if n, err := strconv.Atoi(os.Getenv("ITERS")); err == nil {
		iters = n
	}
	var files [][]byte
	total := 0
	for _, n := range names {
		b, _ := os.ReadFile(n)
		files = append(files, b)
		total += len(b)
	}
	best := time.Hour
	for i := 0; i < iters; i++ {
		st := time.Now()
		for _, f := range files {
			Run(f)
		}
		best = min(best, time.Since(st))
	}
	t.Logf("%d files %d bytes: best %v (%.1f MB/s)", len(files), total, best, float64(total)/best.Seconds()/1e6)
}
