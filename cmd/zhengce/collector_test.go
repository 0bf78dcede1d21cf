package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTuneCollector checks that the collector's settings hold while a
// command runs and are put back after, and that GOGC and GOMEMLIMIT win.
func TestTuneCollector(t *testing.T) {
	for _, c := range []struct {
		name, gogc, memlimit string
		wantPercent          int
		wantLimit            int64
	}{
		{"defaults", "", "", extractGCPercent, extractMemoryLimit},
		{"GOGC set", "100", "", 77, extractMemoryLimit},
		{"GOMEMLIMIT set", "", "1GiB", extractGCPercent, math.MaxInt64},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GOGC", c.gogc)
			t.Setenv("GOMEMLIMIT", c.memlimit)
			prevPercent := debug.SetGCPercent(77)
			prevLimit := debug.SetMemoryLimit(math.MaxInt64)
			defer debug.SetGCPercent(prevPercent)
			defer debug.SetMemoryLimit(prevLimit)

			restore := tuneCollector(extractGCPercent, extractMemoryLimit)
			assert.Equal(t, c.wantPercent, debug.SetGCPercent(-1))
			debug.SetGCPercent(c.wantPercent)
			assert.Equal(t, c.wantLimit, debug.SetMemoryLimit(-1))
			restore()
			assert.Equal(t, 77, debug.SetGCPercent(-1))
			debug.SetGCPercent(77)
			assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1))
		})
	}
}
