package build

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/zhengce/zhengce/extract"
)

// DocStats is how well one policy of a dataset was read.
type DocStats struct {
	Source  string          `json:"source"`
	Section *string         `json:"section"`
	Quality extract.Quality `json:"quality"`
}

// RootShare returns the share of the policy's body characters left
// outside numbered clauses.
func (d *DocStats) RootShare() float64 {
	if d.Quality.BodyChars == 0 {
		return 0
	}
	return float64(d.Quality.RootChars) / float64(d.Quality.BodyChars)
}

// Stats sums how well the policies of a dataset were read.
type Stats struct {
	Documents        int            `json:"documents"`
	WithTree         int            `json:"with_tree"`
	NumberedNoTree   int            `json:"numbered_without_tree"` // documents with numbered lines but no tree
	Nodes            int            `json:"nodes"`
	BodyChars        int            `json:"body_chars"`
	RootChars        int            `json:"root_chars"`
	NumberedLines    int            `json:"numbered_lines"`
	Missed           int            `json:"missed"`
	SequenceWarnings int            `json:"sequence_warnings"`
	MetaFields       int            `json:"meta_fields"`
	Facts            map[string]int `json:"facts"`
	PerDocument      []DocStats     `json:"per_document"`
}

// ReadStats reads the documents of the dataset in dir and sums their
// quality records.
func ReadStats(dir string) (*Stats, error) {
	name := filepath.Join(dir, "documents.jsonl.gz")
	f, err := os.Open(name)
	if os.IsNotExist(err) {
		// a dataset of an older version
		if g, gerr := os.Open(filepath.Join(dir, "documents.jsonl")); gerr == nil {
			f, err, name = g, nil, g.Name()
		}
	}
	if err != nil {
		if _, merr := os.Stat(filepath.Join(dir, MarkerFile)); merr == nil && os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: no documents.jsonl.gz: the dataset was built without --formats jsonl", dir)
		}
		return nil, fmt.Errorf("%s: not a dataset: %w", dir, err)
	}
	defer f.Close()
	r, err := Decompressed(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	st := &Stats{Facts: map[string]int{}, PerDocument: []DocStats{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for line := 1; sc.Scan(); line++ {
		var rec struct {
			Source struct {
				File string `json:"file"`
			} `json:"source"`
			Section *string          `json:"section"`
			Quality *extract.Quality `json:"quality"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if rec.Quality == nil {
			return nil, fmt.Errorf("%s:%d: the document has no quality record (a dataset of an older version: build it again)", name, line)
		}
		st.add(DocStats{Source: rec.Source.File, Section: rec.Section, Quality: *rec.Quality})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return st, nil
}

func (st *Stats) add(d DocStats) {
	q := d.Quality
	st.Documents++
	if q.Tree {
		st.WithTree++
	} else if q.NumberedLines > 0 {
		st.NumberedNoTree++
	}
	st.Nodes += q.Nodes
	st.BodyChars += q.BodyChars
	st.RootChars += q.RootChars
	st.NumberedLines += q.NumberedLines
	st.Missed += len(q.Missed)
	st.SequenceWarnings += q.SequenceWarnings
	st.MetaFields += q.MetaFields
	for k, n := range q.Facts {
		st.Facts[k] += n
	}
	st.PerDocument = append(st.PerDocument, d)
}

// factKinds are the fact kinds in the order the stats table shows them.
var factKinds = []string{"money", "percent", "unit", "date", "duration"}

// WriteText writes st as a table: a row per document, then the totals,
// then (with missed) every numbered-looking line that is not a clause.
func (st *Stats) WriteText(w io.Writer, missed bool) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s %4s %5s %6s %5s %6s %4s %4s", pad("document", 40), "tree", "nodes", "root%", "numbd", "missed", "warn", "meta")
	for _, k := range factKinds {
		fmt.Fprintf(bw, " %8s", k)
	}
	fmt.Fprintln(bw)
	for _, d := range st.PerDocument {
		q := d.Quality
		name := d.Source
		if d.Section != nil {
			name += "#" + *d.Section
		}
		tree := "no"
		if q.Tree {
			tree = "yes"
		}
		fmt.Fprintf(bw, "%s %4s %5d %6.1f %5d %6d %4d %4d", pad(name, 40), tree, q.Nodes, 100*d.RootShare(), q.NumberedLines, len(q.Missed), q.SequenceWarnings, q.MetaFields)
		for _, k := range factKinds {
			fmt.Fprintf(bw, " %8d", q.Facts[k])
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "\ndocuments %d; with a clause tree %d; with numbered lines but no tree %d\n", st.Documents, st.WithTree, st.NumberedNoTree)
	fmt.Fprintf(bw, "clause nodes %d; body characters at path \"\" %.1f%%\n", st.Nodes, percent(st.RootChars, st.BodyChars))
	fmt.Fprintf(bw, "numbered-looking lines %d; not clauses %d (%.2f%%); sequence warnings %d\n", st.NumberedLines, st.Missed, percent(st.Missed, st.NumberedLines), st.SequenceWarnings)
	fmt.Fprintf(bw, "metadata fields %d (%.1f a document)\n", st.MetaFields, float64(st.MetaFields)/float64(max(st.Documents, 1)))
	var kinds []string
	for k := range st.Facts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var fs []string
	for _, k := range kinds {
		fs = append(fs, fmt.Sprintf("%s %d", k, st.Facts[k]))
	}
	fmt.Fprintf(bw, "facts: %s\n", strings.Join(fs, ", "))
	if missed {
		for _, d := range st.PerDocument {
			for _, m := range d.Quality.Missed {
				fmt.Fprintf(bw, "%s:%d: %s\n", d.Source, m.Line, m.Text)
			}
		}
	}
	return bw.Flush()
}

func percent(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// pad fits s into n columns of a terminal, where a wide (CJK) character
// takes two: cut with … when wider, padded with spaces when narrower.
func pad(s string, n int) string {
	width := func(r rune) int {
		if r >= 0x1100 {
			return 2
		}
		return 1
	}
	w := 0
	for _, r := range s {
		w += width(r)
	}
	if w > n {
		var b strings.Builder
		w = 0
		for _, r := range s {
			if w+width(r) > n-1 {
				break
			}
			b.WriteRune(r)
			w += width(r)
		}
		s = b.String() + "…"
		w++
	}
	return s + strings.Repeat(" ", n-w)
}
