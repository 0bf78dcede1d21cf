package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/zhengce/zhengce/corpus/build"
)

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// buildGCPercent is the garbage collector's target during corpus build
// (GOGC, unless the environment sets it). A build holds little live data,
// a few documents in flight, but allocates ~60 bytes per input byte: at
// the default of 100 the collector ran ~750 times on a 20 MB corpus and the
// runtime returned and faulted back memory between collections, a third
// of the build's time. At 400 the build takes ~35% less time and its peak
// RSS stays flat at ~40-50 MB.
const buildGCPercent = 400

// buildMemoryLimit is the soft limit on the Go heap of a build with the
// given number of workers (GOMEMLIMIT, unless the environment sets it). At
// buildGCPercent the heap may grow to five times the live data, so the few
// megabytes a large corpus keeps (a key per policy, the grouping) became
// ~15 MB more peak RSS on 200 MB than on 20 MB; under the limit the
// collector runs a little sooner instead, and peak RSS is the same for
// both. The build holds up to two chunks of rows per worker (half a
// megabyte of input each) until they are written: at 40 MB and 8 per
// worker the collector ran so often that a two-worker Parquet build took
// ~8% longer than with room to spare; 48 MB and 16 per worker leave that
// room (64 MB for one worker, 80 for two).
func buildMemoryLimit(workers int) int64 { return int64(48+16*workers) << 20 }

// extractGCPercent and extractMemoryLimit are the collector's settings
// during extract. Reading policy files one at a time keeps a few
// megabytes live, so at the default of 100 the collector ran after every
// few megabytes read; at 400 extract spends ~10% less time on a corpus
// of files. The limit holds one large document's peak where the default
// held it: a 20 MB document's ~50 MB of live data reaches the limit
// before five times itself, and it runs as often as before.
const (
	extractGCPercent   = 400
	extractMemoryLimit = 96 << 20
)

// tuneCollector sets the collector's target and soft memory limit, each
// unless the environment sets it (GOGC, GOMEMLIMIT), and returns what
// puts the previous settings back.
func tuneCollector(percent int, limit int64) (restore func()) {
	oldPercent, oldLimit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		oldPercent = debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		oldLimit = debug.SetMemoryLimit(limit)
	}
	return func() {
		if oldPercent != -2 {
			debug.SetGCPercent(oldPercent)
		}
		if oldLimit >= 0 {
			debug.SetMemoryLimit(oldLimit)
		}
	}
}

func (e *env) corpus(args []string) int {
	if len(args) > 0 && args[0] == "stats" {
		return e.corpusStats(args[1:])
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintf(e.stdout, "usage: zhengce %s\n       zhengce %s\n\nzhengce corpus build --help and zhengce corpus stats --help for more.\n", helps["corpus build"].usage, helps["corpus stats"].usage)
		return exitOK
	}
	if len(args) == 0 || args[0] != "build" {
		fmt.Fprintf(e.stderr, "usage: zhengce %s\n       zhengce %s\n", helps["corpus build"].usage, helps["corpus stats"].usage)
		return exitTrouble
	}
	fs := e.flags("corpus build")
	out := fs.String("o", "", "output directory (replaced atomically when the build completes)")
	jobs := fs.Int("j", 0, "processors to use: N parallel workers, with the writer sharing them (default: the number of CPUs)")
	shard := fs.String("shard", "", "build only shard i of N (i/N, 0-based), for splitting a corpus across machines")
	maxBytes := e.maxBytesFlag(fs)
	quiet := fs.Bool("q", false, "no progress or summary on stderr")
	force := fs.Bool("force", false, "replace OUT even when it is not a dataset zhengce wrote (never when it is, holds or lies inside an input)")
	formats := fs.String("formats", "sqlite,parquet,jsonl", "what to write besides errors.jsonl, comma-separated: sqlite (zhengce.db), parquet (a folder per table), jsonl (documents, facts and findings streams)")
	tables := e.tableFlags(fs)
	inputs, err := e.parse(fs, args[1:], 1, -1)
	if err != nil {
		return exitFor(err)
	}
	if *out == "" {
		return e.usageError("corpus build", "corpus build needs -o OUT")
	}
	exs, ok := e.extractors(tables)
	if !ok {
		return exitTrouble
	}
	fm, err := build.ParseFormats(*formats)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: --formats: %v\n", err)
		return exitTrouble
	}
	opt := build.Options{Jobs: *jobs, MaxBytes: *maxBytes, Extractors: exs, Force: *force, Formats: fm}
	if *shard != "" {
		i, n, ok := strings.Cut(*shard, "/")
		si, err1 := strconv.Atoi(i)
		sn, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || sn < 1 || si < 0 || si >= sn {
			fmt.Fprintf(e.stderr, "zhengce: --shard %q: want i/N with 0 <= i < N\n", *shard)
			return exitTrouble
		}
		opt.Shard, opt.Shards = si, sn
	}
	if f, ok := e.stderr.(*os.File); ok && !*quiet {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			opt.Progress = e.stderr
		}
	}
	workers := runtime.NumCPU()
	if *jobs > 0 {
		// -j N bounds the processors the whole build uses, not only its
		// workers: the writer, which runs beside them, and the collector
		// share the N.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(*jobs))
		workers = *jobs
	}
	defer tuneCollector(buildGCPercent, buildMemoryLimit(workers))()
	// SIGINT and SIGTERM stop the build, which removes its temporary
	// dataset before the process exits (130 and 143, as a shell reports).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	var caught os.Signal
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case caught = <-sigs:
			cancel()
		case <-done:
		}
	}()
	opt.Ctx = ctx
	sum, err := build.Build(inputs, *out, opt)
	if ctx.Err() != nil && caught != nil {
		fmt.Fprintf(e.stderr, "zhengce: %s: build stopped by %v; %s is as it was\n", *out, caught, *out)
		if caught == syscall.SIGINT {
			return 130
		}
		return 143
	}
	if sum != nil && len(sum.FirstErrors) > 0 { // failures are reported even with -q
		for _, f := range sum.FirstErrors {
			fmt.Fprintf(e.stderr, "zhengce: %s: %s\n", f.File, f.Reason)
		}
		if more := sum.Errors - len(sum.FirstErrors); more > 0 {
			fmt.Fprintf(e.stderr, "zhengce: and %d more, see %s\n", more, filepath.Join(*out, "errors.jsonl"))
		}
	}
	if err != nil && !errors.Is(err, build.ErrSomeFailed) {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	if !*quiet {
		fmt.Fprintf(e.stderr, "zhengce: %s: %s\n", *out, sum)
	}
	if err != nil {
		return exitPartial
	}
	return exitOK
}

func (e *env) corpusStats(args []string) int {
	fs := e.flags("corpus stats")
	asJSON := fs.Bool("json", false, "print the statistics as JSON")
	missed := fs.Bool("missed", false, "also list every line that looks numbered but is not a clause")
	e.maxBytesFlag(fs) // accepted by every command
	dirs, err := e.parse(fs, args, 1, 1)
	if err != nil {
		return exitFor(err)
	}
	st, err := build.ReadStats(dirs[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	if *asJSON {
		return e.writeJSON(st)
	}
	if err := st.WriteText(e.stdout, *missed); err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	return exitOK
}
