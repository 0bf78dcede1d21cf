package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/corpus/build"
	"github.com/zhengce/zhengce/corpus/ingest"
	"github.com/zhengce/zhengce/extract"
	"github.com/zhengce/zhengce/extract/eval"
	"github.com/zhengce/zhengce/normalize"
	"github.com/zhengce/zhengce/schema"
)

// maxBytesFlag defines --max-bytes, which every command takes.
func (e *env) maxBytesFlag(fs *flag.FlagSet) *int64 {
	return fs.Int64("max-bytes", ingest.DefaultMaxBytes, "refuse inputs larger than this many bytes (> 0)")
}

func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("zhengce "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// openArg reads FILE[#SELECTOR]: the file's policies, or the one the
// selector names. A file whose own name holds '#' is read whole. The
// warnings of reading the file (ill-formed bytes replaced, unknown glyphs)
// go to stderr, as normalize writes them.
func (e *env) openArg(arg string, maxBytes int64) ([]*corpus.Doc, error) {
	file, sel := corpus.SplitSelector(arg)
	if file != arg { // a # split off: unless the file is named so
		if _, err := os.Stat(arg); err == nil {
			file, sel = arg, ""
		} else if _, err := os.Stat(file); err != nil && file != "-" {
			return nil, fmt.Errorf("%s: cannot read: no such file (nor %s with the selector %q)", arg, file, sel)
		}
	}
	docs, err := corpus.Open(file, corpus.Options{MaxBytes: maxBytes, Stdin: e.stdin})
	if err != nil {
		return docs, err
	}
	if len(docs) > 0 {
		f := docs[0].File
		for _, w := range f.Result.Warnings {
			st, _ := f.Source.Maps.Span(w.Offset, w.Offset)
			fmt.Fprintf(e.stderr, "zhengce: %s: byte %d: %s\n", f.Name, st, w.Msg)
		}
	}
	if sel == "" {
		return docs, nil
	}
	d, err := corpus.Select(docs, sel)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return []*corpus.Doc{d}, nil
}

// load reads each FILE[#SELECTOR] argument and returns its policies. A
// failing input is reported on stderr as one line and skipped.
func (e *env) load(args []string, maxBytes int64) ([]*corpus.Doc, bool) {
	var docs []*corpus.Doc
	ok := true
	for _, a := range args {
		ds, err := e.openArg(a, maxBytes)
		if err != nil {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
			ok = false
			continue
		}
		docs = append(docs, ds...)
	}
	return docs, ok
}

func status(ok bool, any bool) int {
	switch {
	case ok:
		return exitOK
	case any:
		return exitPartial
	}
	return exitTrouble
}

func (e *env) normalize(args []string) int {
	fs := e.flags("normalize")
	asJSON := fs.Bool("json", false, "print the text with encoding, format, script, noise spans, warnings and the offset map")
	maxBytes := e.maxBytesFlag(fs)
	pos, err := e.parse(fs, args, 1, 1)
	if err != nil {
		return exitFor(err)
	}
	name := pos[0]
	src, err := ingest.ReadFile(name, e.stdin, *maxBytes)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	res, err := normalize.Run(src.Text)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %s: %v\n", name, err)
		return exitTrouble
	}
	for _, w := range res.Warnings {
		st, _ := src.Maps.Span(w.Offset, w.Offset)
		fmt.Fprintf(e.stderr, "zhengce: %s: byte %d: %s\n", name, st, w.Msg)
	}
	if !*asJSON {
		e.stdout.Write(res.Norm)
		if len(res.Norm) > 0 {
			fmt.Fprintln(e.stdout)
		}
		return exitOK
	}
	type noise struct {
		Kind    normalize.NoiseKind `json:"kind"`
		RawSpan [2]int              `json:"raw_span"`
		Text    string              `json:"text"`
	}
	type seg struct {
		Norm [2]int `json:"norm"`
		Raw  [2]int `json:"raw"`
	}
	out := struct {
		Kind          string   `json:"kind"`
		SchemaVersion string   `json:"schema_version"`
		Source        string   `json:"source"`
		Encoding      string   `json:"encoding"`
		Format        string   `json:"format"`
		Script        string   `json:"script"`
		IllFormed     int      `json:"ill_formed"`
		Text          string   `json:"text"`
		Noise         []noise  `json:"noise"`
		Warnings      []string `json:"warnings"`
		Map           []seg    `json:"map"`
	}{Kind: "normalized", SchemaVersion: extract.SchemaVersion, Source: name, Encoding: src.Encoding, Format: src.Format, Script: string(res.Script), IllFormed: res.IllFormed, Text: string(res.Norm), Noise: []noise{}, Warnings: append([]string{}, src.Warnings...)}
	for _, n := range res.Noise {
		s, en := src.Maps.Span(n.Start, n.End)
		out.Noise = append(out.Noise, noise{Kind: n.Kind, RawSpan: [2]int{s, en}, Text: n.Text})
	}
	for _, w := range res.Warnings {
		out.Warnings = append(out.Warnings, w.Msg)
	}
	// The map: one entry per line of the text, mapping it to raw bytes.
	for i := 0; i < len(res.Norm); {
		j := i
		for j < len(res.Norm) && res.Norm[j] != '\n' {
			j++
		}
		s, en := res.InputSpan(i, j)
		s, en = src.Maps.Span(s, en)
		out.Map = append(out.Map, seg{Norm: [2]int{i, j}, Raw: [2]int{s, en}})
		i = j + 1
	}
	return e.writeJSON(out)
}

func (e *env) writeJSON(v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	return exitOK
}

func (e *env) segment(args []string) int {
	fs := e.flags("segment")
	asJSON := fs.Bool("json", false, "print the document tree as JSON")
	paths := fs.Bool("paths", false, "print one line per node: path, tab, heading (a line # NAME before each policy's block when there are several)")
	list := fs.Bool("list", false, "list the policies of each file with their selectors")
	maxBytes := e.maxBytesFlag(fs)
	pos, err := e.parse(fs, args, 1, -1)
	if err != nil {
		return exitFor(err)
	}
	if e.conflict(fs, "json", "paths", "list") {
		return exitTrouble
	}
	docs, ok := e.load(pos, *maxBytes)
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	for _, d := range docs {
		switch {
		case *list:
			title, num := "", ""
			if d.Meta.Title != nil {
				title = d.Meta.Title.Value
			}
			if d.Meta.DocNumber != nil {
				num = d.Meta.DocNumber.Value
			}
			sel := d.Selector()
			pos := d.File.Position(d.Span.Start)
			flag := ""
			if d.Truncated {
				flag = "\ttruncated"
			}
			page := ""
			if p := d.FirstPage(); p > 0 {
				page = fmt.Sprintf("page %d, ", p)
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%sline %d\t%s#%s%s\n", d.Index+1, title, num, page, pos.Line, d.File.Name, sel, flag)
		case *paths:
			if len(docs) > 1 {
				fmt.Fprintf(w, "# %s\n", d.Name()) // the block of each policy named
			}
			for _, n := range d.Nodes() {
				p := n.Path
				if p == "" {
					p = `""`
				}
				fmt.Fprintf(w, "%s\t%s\n", p, d.Text(n.Heading))
			}
		case *asJSON:
			w.Flush()
			if e.writeJSON(extract.NewDocument(d, nil)) != exitOK {
				return exitTrouble
			}
		default:
			fmt.Fprintf(w, "# %s\n", d.Name())
			for _, n := range d.Nodes() {
				if n.Kind == corpus.RootNode {
					continue
				}
				depth := strings.Count(n.Path, ".")
				fmt.Fprintf(w, "%s%s %s %s\n", strings.Repeat("  ", depth), n.Path, d.Text(n.Marker), d.Text(n.Heading))
			}
		}
		for _, wn := range d.Warnings {
			fmt.Fprintf(e.stderr, "zhengce: %s: warning: %s\n", d.File.Position(wn.Offset), wn.Msg)
		}
	}
	return status(ok, len(docs) > 0)
}

// tableFiles are the --aliases and --cues flags of a command that
// extracts facts.
type tableFiles struct{ aliases, cues *string }

// tableFlags defines --aliases and --cues on fs.
func (e *env) tableFlags(fs *flag.FlagSet) tableFiles {
	return tableFiles{
		aliases: fs.String("aliases", "", "a table of unit aliases (canonical<TAB>alias…) used on top of the built-in one"),
		cues:    fs.String("cues", "", "a table of qualifier and role cues (kind<TAB>field<TAB>value<TAB>conditions…) whose rules come before the built-in ones"),
	}
}

// extractors returns the default extractors with the tables the flags
// name read on top of the built-in ones.
// extractors returns the extractors the tables make, or prints why they
// cannot be read.
func (e *env) extractors(t tableFiles) ([]extract.Extractor, bool) {
	exs, err := t.extractors()
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return nil, false
	}
	return exs, true
}

func (t tableFiles) extractors() ([]extract.Extractor, error) {
	exs := extract.Default
	if *t.aliases != "" {
		f, err := os.Open(*t.aliases)
		if err != nil {
			return nil, err
		}
		a, err := extract.ReadAliases(f, extract.DefaultAliases)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", *t.aliases, err)
		}
		exs = extract.WithAliases(exs, a)
	}
	if *t.cues != "" {
		f, err := os.Open(*t.cues)
		if err != nil {
			return nil, err
		}
		cs, err := extract.ReadCues(f, *t.cues, extract.DefaultCues)
		f.Close()
		if err != nil {
			return nil, err
		}
		exs = extract.WithCues(exs, cs)
	}
	return exs, nil
}

func (e *env) extract(args []string) int {
	fs := e.flags("extract")
	facts := fs.Bool("facts", false, "write the facts stream (JSON Lines): a document record, then one record per fact")
	format := fs.String("format", "json", "json, or csv for a flat table of facts")
	tables := e.tableFlags(fs)
	input := fs.String("input", "", "jsonl: read records {\"id\":…, \"text\"|\"path\":…} from stdin and write one line per record")
	maxBytes := e.maxBytesFlag(fs)
	pos, err := e.parse(fs, args, 0, -1)
	if err != nil {
		return exitFor(err)
	}
	if !e.oneOf("format", *format, "json", "csv") {
		return exitTrouble
	}
	defer tuneCollector(extractGCPercent, extractMemoryLimit)()
	if *input != "" {
		if !e.oneOf("input", *input, "jsonl") {
			return exitTrouble
		}
		if len(pos) != 0 {
			fmt.Fprintln(e.stderr, "zhengce: --input jsonl reads its records from stdin and takes no FILE arguments")
			return exitTrouble
		}
		exs, ok := e.extractors(tables)
		if !ok {
			return exitTrouble
		}
		failed, err := build.Pipe(e.stdin, e.stdout, build.Options{MaxBytes: *maxBytes, Extractors: exs})
		if err != nil {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
			return exitTrouble
		}
		if failed > 0 {
			return exitPartial
		}
		return exitOK
	}
	if len(pos) == 0 {
		return e.usageError("extract", "extract takes one or more FILE arguments")
	}
	if *facts && *format == "csv" {
		fmt.Fprintln(e.stderr, "zhengce: --facts and --format csv cannot be used together")
		return exitTrouble
	}
	exs, ok := e.extractors(tables)
	if !ok {
		return exitTrouble
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	defer w.Flush()
	var cw *csv.Writer
	if *format == "csv" {
		cw = csv.NewWriter(w)
		cw.Write(extract.CSVHeader)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var line []byte
	// One input at a time: memory holds one file's policies, not all of them.
	ok, some := true, false
	for _, arg := range pos {
		docs, err := e.openArg(arg, *maxBytes)
		if err != nil {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
			ok = false
			continue
		}
		some = some || len(docs) > 0
		for _, d := range docs {
			switch {
			case cw != nil:
				for f := range extract.Facts(exs, d) {
					cw.Write(extract.CSVRow(d, f))
				}
			case *facts:
				enc.Encode(extract.NewDocumentRecord(d))
				fe := extract.NewFactEncoder(d)
				for f := range extract.Facts(exs, d) {
					var err error
					if line, err = fe.AppendJSONLine(line[:0], f); err != nil {
						fmt.Fprintf(e.stderr, "zhengce: %s: %v\n", d.Name(), err)
						return exitTrouble
					}
					w.Write(line)
				}
			default:
				enc.Encode(extract.NewDocument(d, extract.Run(exs, d)))
			}
		}
	}
	if cw != nil {
		cw.Flush()
	}
	return status(ok, some)
}

func (e *env) eval(args []string) int {
	fs := e.flags("eval")
	gold := fs.String("gold", "", "directory of *.gold.json files")
	verbose := fs.Bool("verbose", false, "list missed and extra facts and wrong metadata")
	asJSON := fs.Bool("json", false, "write the report (scores, confusion tables, misses) as JSON")
	maxBytes := e.maxBytesFlag(fs)
	tables := e.tableFlags(fs)
	pos, err := e.parse(fs, args, 1, -1)
	if err != nil {
		return exitFor(err)
	}
	if *gold == "" {
		return e.usageError("eval", "eval needs --gold DIR")
	}
	exs, ok := e.extractors(tables)
	if !ok {
		return exitTrouble
	}
	golds, err := eval.LoadDir(*gold)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	docs, ok := e.load(pos, *maxBytes)
	records, err := eval.Records(docs, exs)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	rep := eval.Evaluate(golds, records)
	if *asJSON {
		if code := e.writeJSON(rep); code != exitOK {
			return code
		}
	} else {
		rep.Print(e.stdout, *verbose)
	}
	return status(ok, len(docs) > 0)
}

func (e *env) schemaCmd(args []string) int {
	fs := e.flags("schema")
	e.maxBytesFlag(fs) // accepted by every command, as the README says
	if _, err := e.parse(fs, args, 0, 0); err != nil {
		return exitFor(err)
	}
	e.stdout.Write(schema.JSON)
	return exitOK
}

// A limitedReader reads at most left bytes and notes whether there was
// more.
type limitedReader struct {
	r    io.Reader
	left int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			l.over = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

func (e *env) validate(args []string) int {
	fs := e.flags("validate")
	maxBytes := e.maxBytesFlag(fs)
	pos, err := e.parse(fs, args, 1, 1)
	if err != nil {
		return exitFor(err)
	}
	name := pos[0]
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
			return exitTrouble
		}
		defer f.Close()
		r = f
	}
	// a dataset's streams are gzip-compressed; --max-bytes bounds what
	// they hold, not their compressed size
	r, err = build.Decompressed(r)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %s: %v\n", name, err)
		return exitTrouble
	}
	lr := &limitedReader{r: r, left: *maxBytes}
	vs, err := schema.ValidateStream(lr)
	if lr.over {
		fmt.Fprintf(e.stderr, "zhengce: %s: more than %d bytes (--max-bytes)\n", name, *maxBytes)
		return exitTrouble
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %s: %v\n", name, err)
		return exitTrouble
	}
	for _, v := range vs {
		fmt.Fprintf(e.stdout, "%s: %s\n", name, v)
	}
	if len(vs) > 0 {
		return exitPartial
	}
	fmt.Fprintf(e.stderr, "%s: valid (schema %s)\n", name, schema.Version)
	return exitOK
}
