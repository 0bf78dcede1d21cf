package build

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// PipeInput is one input record of Pipe: an id and either the text of a
// document or the path of a file to read.
type PipeInput struct {
	ID   any    `json:"id"`
	Text string `json:"text"`
	Path string `json:"path"`
	Name string `json:"name"` // file name to report for text; defaults to the id
}

// PipeResult is Pipe's output line for an input that was read.
type PipeResult struct {
	Kind          string             `json:"kind"` // always "result"
	SchemaVersion string             `json:"schema_version"`
	ID            any                `json:"id"`
	Documents     []extract.Document `json:"documents"`
}

// Pipe reads JSON Lines records {"id":…, "text":…} or {"id":…, "path":…}
// from r and writes exactly one line per input line to w, in order: a
// result with the policies read, or an error record. Blank input lines
// give error records too, so that line numbers stay aligned. It fits
// Spark's RDD.pipe, GNU parallel --pipe and similar subprocess steps.
func Pipe(r io.Reader, w io.Writer, opt Options) (failed int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), int(max(opt.MaxBytes, 64<<20))*2)
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	for n := 1; sc.Scan(); n++ {
		out := pipeLine(sc.Bytes(), n, opt)
		if _, bad := out.(extract.ErrorRecord); bad {
			failed++
		}
		line, err := jsonLine(out)
		if err != nil {
			return failed, err
		}
		if _, err := bw.Write(line); err != nil {
			return failed, err
		}
	}
	if err := sc.Err(); err != nil {
		return failed, fmt.Errorf("input: %w", err)
	}
	return failed, bw.Flush()
}

func pipeLine(line []byte, n int, opt Options) any {
	var in PipeInput
	fail := func(file string, err error) any {
		rec := extract.NewErrorRecord(file, err)
		rec.ID, rec.Line = in.ID, n
		return rec
	}
	if err := json.Unmarshal(line, &in); err != nil {
		return fail("-", fmt.Errorf("input line %d is not a JSON record: %v", n, err))
	}
	name := in.Name
	if name == "" {
		name = strings.TrimSpace(fmt.Sprint(in.ID))
	}
	var docs []*corpus.Doc
	var err error
	switch {
	case in.Path != "":
		name = in.Path
		docs, err = corpus.Open(in.Path, corpus.Options{MaxBytes: opt.MaxBytes})
	case in.Text != "":
		docs, err = corpus.Parse(name, []byte(in.Text))
	default:
		err = errors.New(`record has neither "text" nor "path"`)
	}
	if err != nil {
		return fail(name, err)
	}
	exs := opt.Extractors
	if exs == nil {
		exs = extract.Default
	}
	res := PipeResult{Kind: "result", SchemaVersion: extract.SchemaVersion, ID: in.ID, Documents: []extract.Document{}}
	for _, d := range docs {
		res.Documents = append(res.Documents, extract.NewDocument(d, extract.Run(exs, d)))
	}
	return res
}
