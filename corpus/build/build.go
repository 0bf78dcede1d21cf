// Package build turns a directory of policies into a queryable dataset:
// an embedded SQLite database, Parquet tables and gzip-compressed JSON
// Lines streams (documents, facts, findings; errors plain), written
// atomically and the same whatever the number of workers, so that two
// builds of the same inputs are byte-identical.
package build

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// Options control a build.
type Options struct {
	Jobs       int                 // parallel workers; 0 for the number of CPUs
	MaxBytes   int64               // per-input limit; 0 for the default
	Shard      int                 // this build's shard, 0-based (with Shards > 1)
	Shards     int                 // split the inputs into this many shards by position
	Formats    Formats             // what to write; the zero value writes every format
	Extractors []extract.Extractor // nil for extract.Default
	Progress   io.Writer           // progress lines; nil for none
	Force      bool                // replace an output that is not a dataset zhengce wrote
	Ctx        context.Context     // cancelled: stop, remove the temporary dataset; nil for none
}

// Formats chooses what a build writes besides errors.jsonl: the SQLite
// database, the Parquet tables and the JSON Lines streams
// (documents.jsonl.gz, facts.jsonl.gz, findings.jsonl.gz). None chosen
// means all three.
type Formats struct {
	SQLite, Parquet, JSONL bool
}

func (f Formats) orAll() Formats {
	if f == (Formats{}) {
		return Formats{SQLite: true, Parquet: true, JSONL: true}
	}
	return f
}

// ParseFormats reads a comma-separated list of sqlite, parquet and jsonl.
func ParseFormats(s string) (Formats, error) {
	var f Formats
	for _, name := range strings.Split(s, ",") {
		switch strings.TrimSpace(name) {
		case "sqlite":
			f.SQLite = true
		case "parquet":
			f.Parquet = true
		case "jsonl":
			f.JSONL = true
		default:
			return Formats{}, fmt.Errorf("unknown format %q: want sqlite, parquet or jsonl, comma-separated", name)
		}
	}
	return f, nil
}

// Summary counts what a build wrote.
type Summary struct {
	Files       int                   // inputs read or failed
	Documents   int                   // policies written
	Clauses     int                   // clause rows written: each document's root and its numbered clauses
	Facts       map[string]int        // facts per kind
	Errors      int                   // inputs that failed
	Works       int                   // distinct works
	Findings    int                   // disagreements between renderings
	FirstErrors []extract.ErrorRecord // the first failures, up to MaxReported
}

// MaxReported is how many failures a Summary keeps to report.
const MaxReported = 10

func (s *Summary) failed(e extract.ErrorRecord) {
	s.Errors++
	if len(s.FirstErrors) < MaxReported {
		s.FirstErrors = append(s.FirstErrors, e)
	}
}

func (s *Summary) String() string {
	var kinds []string
	for k := range s.Facts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var fs []string
	total := 0
	for _, k := range kinds {
		fs = append(fs, fmt.Sprintf("%s %d", k, s.Facts[k]))
		total += s.Facts[k]
	}
	return fmt.Sprintf("files %d, documents %d, clauses %d, facts %d (%s), errors %d, works %d, findings %d",
		s.Files, s.Documents, s.Clauses, total, strings.Join(fs, ", "), s.Errors, s.Works, s.Findings)
}

// ErrSomeFailed is returned (with a complete dataset) when some inputs
// failed; each failure is an error record.
var ErrSomeFailed = errors.New("some inputs failed")

// Inputs lists the files under the given files and directories in sorted
// order. Hidden entries are skipped; symbolic links to files are followed,
// links to directories are not (so a link loop cannot trap the walk) and
// are reported as failures, as are paths that cannot be read.
func Inputs(args []string) (files []string, failed []extract.ErrorRecord) {
	for _, in := range inputList(args) {
		if in.err != nil {
			failed = append(failed, *in.err)
		} else {
			files = append(files, in.path)
		}
	}
	return files, failed
}

// An input is a file to read, or a path that could not be walked.
type input struct {
	path string
	name string // the source name its records carry: the path from the folder holding the argument it came from
	size int64  // bytes, as the walk found it
	err  *extract.ErrorRecord
}

// inputList lists the inputs of args in order: each argument in turn, the
// files under a directory sorted by path, with the failures of the walk
// where their paths sort.
func inputList(args []string) []input {
	var out []input
	fail := func(p string, err error) input {
		e := extract.NewErrorRecord(p, err)
		return input{path: p, err: &e}
	}
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			out = append(out, fail(a, fmt.Errorf("cannot read: %w", unwrapPath(err))))
			continue
		}
		if !fi.IsDir() {
			out = append(out, input{path: a, name: filepath.Base(a), size: fi.Size()})
			continue
		}
		var found []input
		root := filepath.Dir(filepath.Clean(a))
		named := func(p string, size int64) input {
			name, err := filepath.Rel(root, p)
			if err != nil {
				name = filepath.Base(p)
			}
			return input{path: p, name: filepath.ToSlash(name), size: size}
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, fail(p, fmt.Errorf("cannot read: %w", unwrapPath(err))))
				return nil
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				target, err := os.Stat(p)
				switch {
				case err != nil:
					found = append(found, fail(p, fmt.Errorf("broken or looping symbolic link: %w", unwrapPath(err))))
				case target.IsDir():
					found = append(found, fail(p, errors.New("symbolic link to a directory, not followed")))
				default:
					found = append(found, named(p, target.Size()))
				}
				return nil
			}
			if d.Type().IsRegular() {
				var size int64
				if fi, err := d.Info(); err == nil {
					size = fi.Size()
				}
				found = append(found, named(p, size))
			}
			return nil
		})
		if err != nil {
			found = append(found, fail(a, err))
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].path < found[j].path })
		out = append(out, found...)
	}
	return out
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// A datasetDocument is a policy record as documents.jsonl.gz holds it:
// without its facts and caps, which facts.jsonl.gz holds, each stored
// once.
type datasetDocument struct {
	*extract.Document
	Facts struct{} `json:"facts,omitzero"`
	Caps  struct{} `json:"caps,omitzero"`
}

// shardIDBase is what the ids of shard i of n start above: 0 for a whole
// build, i×2⁴⁰ for a shard, so that the tables of several shards read as
// one dataset keep every id distinct and their joins right.
func shardIDBase(i, n int) int64 {
	if n <= 1 {
		return 0
	}
	return int64(i) << 40
}

// Build reads inputs (files and directories) and writes the dataset into
// out, replacing what was there only when the build completes. It writes
// nothing and returns an ErrRefused error when out is, holds or lies inside
// an input, when another build is writing it, or, unless opt.Force is set,
// when it exists and is neither empty nor a dataset zhengce wrote; and an
// ErrNothingRead error, keeping the previous dataset, when no input could
// be read. It returns ErrSomeFailed when some inputs failed (the dataset is
// complete otherwise), opt.Ctx's error when the build was cancelled, or
// another error for trouble writing the output.
func Build(inputs []string, out string, opt Options) (*Summary, error) {
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	if opt.Ctx == nil {
		opt.Ctx = context.Background()
	}
	out = filepath.Clean(out)
	if err := checkOutput(out, inputs, opt.Force); err != nil {
		return nil, err
	}
	entries := inputList(inputs)
	if opt.Shards > 1 {
		var mine []input
		for i, in := range entries {
			if i%opt.Shards == opt.Shard {
				mine = append(mine, in)
			}
		}
		entries = mine
	}
	if len(entries) == 0 {
		return &Summary{Facts: map[string]int{}}, fmt.Errorf("%w: no input files in %s; the previous dataset is kept", ErrNothingRead, strings.Join(inputs, ", "))
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	release, err := lockOutput(out)
	if err != nil {
		return nil, err
	}
	defer release()
	w, err := newWriter(out, shardIDBase(opt.Shard, opt.Shards), opt.Formats, opt.Jobs)
	if err != nil {
		return nil, err
	}
	defer w.abort()
	sum := &Summary{Facts: map[string]int{}}
	chunks := chunksOf(entries)

	// Workers turn chunks into rows. The writer takes the rows in input
	// order, gives them their ids, writes them into the database and the
	// streams, and hands them back to the workers, which write them as
	// Parquet parts: a worker encodes before it reads on. Tokens bound the
	// chunks in flight, from reading to the end of their writing.
	inflight := 2 * opt.Jobs
	jobs := make(chan chunk)
	results := make(chan *chunkRows, opt.Jobs)
	encode := make(chan *chunkRows, inflight) // never full: each chunk in it holds a token
	tokens := make(chan struct{}, inflight)
	stop := make(chan struct{})
	var workers, encoding sync.WaitGroup
	var encodeOnce sync.Once
	var encodeErr error
	finished := func(r *chunkRows) {
		if r.release() {
			<-tokens
		}
	}
	defer func() {
		close(stop)
		workers.Wait() // before the deferred abort removes their files
	}()
	for i := 0; i < opt.Jobs; i++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			var parts partEncoder
			in := jobs
			for {
				var r *chunkRows
				select {
				case r = <-encode:
				default:
					select {
					case r = <-encode:
					case c, ok := <-in:
						if !ok {
							in = nil
							continue
						}
						select {
						case results <- processChunk(c, opt):
						case <-stop:
							return
						}
						continue
					case <-stop:
						return
					}
				}
				if err := parts.encode(w.tmp, r); err != nil {
					encodeOnce.Do(func() { encodeErr = err })
				}
				finished(r)
				encoding.Done()
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, c := range chunks {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- c:
			case <-stop:
				return
			}
		}
	}()
	pending := map[int]*chunkRows{}
	var keys []docKey
	sf, err := os.CreateTemp(w.tmp, "facts-*.spill")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	defer func() { sf.Close(); os.Remove(sf.Name()) }()
	sp := &spill{f: sf}
	for next := 0; next < len(chunks); {
		var r *chunkRows
		select {
		case r = <-results:
		case <-opt.Ctx.Done():
			return nil, opt.Ctx.Err() // the deferred abort removes the temporary dataset
		}
		pending[r.index] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if r.err != nil {
				return nil, r.err
			}
			w.next = r.shift(w.next)
			r.users.Store(1)
			if w.formats.Parquet {
				r.users.Store(2)
				encoding.Add(1)
				encode <- r
			}
			if err := w.writeChunk(r); err != nil {
				return nil, err
			}
			sum.Files += r.files
			for _, e := range r.errors {
				sum.failed(e)
			}
			sum.Documents += len(r.docs)
			sum.Clauses += len(r.clauses)
			for k, n := range r.kinds {
				sum.Facts[k] += n
			}
			for _, d := range r.docs {
				k, err := sp.put(d.info)
				if err != nil {
					return nil, fmt.Errorf("output: %w", err)
				}
				keys = append(keys, k)
			}
			finished(r)
			if opt.Progress != nil {
				fmt.Fprintf(opt.Progress, "\r[%d/%d] %s\x1b[K", sum.Files, len(entries), filepath.Base(r.last))
			}
		}
	}
	encoding.Wait()
	if encodeErr != nil {
		return nil, encodeErr
	}
	if opt.Progress != nil {
		fmt.Fprint(opt.Progress, "\r\x1b[K")
	}
	if sum.Documents == 0 {
		// every input failed: a typo in a path must not empty a good dataset
		return sum, fmt.Errorf("%w: no input could be read (%d failed); the previous dataset is kept", ErrNothingRead, sum.Errors)
	}
	groups, err := w.finish(func() (*grouping, error) {
		g, err := groupWorks(keys, sp)
		sf.Close()
		os.Remove(sf.Name())
		if err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
		return g, nil
	})
	if err != nil {
		return nil, err
	}
	sum.Works = groups.works
	sum.Findings = len(groups.findings)
	if sum.Errors > 0 {
		return sum, ErrSomeFailed
	}
	return sum, nil
}

// errorRecord turns a failure into an error record, with the line and
// column when the error carries a position.
func errorRecord(file string, err error) extract.ErrorRecord {
	rec := extract.NewErrorRecord(file, err)
	var pe interface{ Position() corpus.Position }
	if errors.As(err, &pe) {
		rec.Line, rec.Col = pe.Position().Line, pe.Position().Col
	}
	return rec
}

// jsonLine encodes v as one line of JSON, without HTML escaping.
func jsonLine(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
