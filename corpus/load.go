package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unsafe"

	"github.com/zhengce/zhengce/corpus/ingest"
	"github.com/zhengce/zhengce/normalize"
)

// Options control reading.
type Options struct {
	MaxBytes int64     // limit on one input's size; 0 for ingest.DefaultMaxBytes
	Stdin    io.Reader // read for the file name "-"
}

// Open reads, normalizes and segments a file ("-" for standard input) and
// returns its policies: one, or several for a compilation.
func Open(name string, opt Options) ([]*Doc, error) {
	src, err := ingest.ReadFile(name, opt.Stdin, opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	return FromSource(src)
}

// Parse reads a document held in memory.
func Parse(name string, raw []byte) ([]*Doc, error) {
	src, err := ingest.Decode(name, raw)
	if err != nil {
		return nil, err
	}
	return FromSource(src)
}

// MustParse is Parse for tests and examples; it panics on error.
func MustParse(name, text string) []*Doc {
	docs, err := Parse(name, []byte(text))
	if err != nil {
		panic(err)
	}
	return docs
}

// FromSource normalizes and segments a decoded source.
func FromSource(src *ingest.Source) ([]*Doc, error) {
	res, err := normalize.Run(src.Text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src.Name, err)
	}
	f := &File{Name: src.Name, Source: src, Norm: res.Norm, Result: res, text: readOnlyString(res.Norm)}
	if len(bytes.TrimSpace(res.Norm)) == 0 {
		return nil, &ingest.Error{File: src.Name, Msg: "no text left after removing page noise", Err: ingest.ErrEmpty}
	}
	parts := splitPolicies(res.Norm)
	docs := make([]*Doc, 0, len(parts))
	for i, p := range parts {
		d := &Doc{File: f, Span: p.Span, Index: i, Truncated: p.truncated}
		lines := dropDatabaseLabels(d, p.lines)
		from := readHeader(d, lines)
		buildTree(d, splitInlineItems(lines, from), from)
		readMeta(d, lines)
		if len(parts) > 1 && d.Meta.Title != nil {
			d.Section = d.Meta.Title.Value
		}
		if d.Truncated {
			d.warnf(d.Span.End, "the input ends inside this policy; it is truncated")
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// SplitSelector splits FILE#SELECTOR into its parts; sel is "" without #.
func SplitSelector(arg string) (file, sel string) {
	if i := strings.LastIndex(arg, "#"); i > 0 {
		return arg[:i], arg[i+1:]
	}
	return arg, ""
}

// ErrNoMatch is returned by Select when no policy matches.
var ErrNoMatch = errors.New("no policy matches")

// Select returns the policy of docs that sel names: its document number
// (in any bracket spelling) or a unique substring of its title.
func Select(docs []*Doc, sel string) (*Doc, error) {
	if sel == "" {
		if len(docs) == 1 {
			return docs[0], nil
		}
		return nil, fmt.Errorf("compilation holds %d policies; name one as FILE#SELECTOR (see segment --list)", len(docs))
	}
	key := compact(sel)
	if n, _, _, ok := CanonicalDocNumber(key); ok {
		for _, d := range docs {
			if d.Meta.DocNumber != nil && d.Meta.DocNumber.Value == n {
				return d, nil
			}
		}
	}
	var found []*Doc
	for _, d := range docs {
		if d.Meta.Title != nil && strings.Contains(compact(d.Meta.Title.Value), key) {
			found = append(found, d)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("%w %q", ErrNoMatch, sel)
	}
	var cands []string
	for _, d := range found {
		cands = append(cands, "#"+d.Selector())
	}
	return nil, fmt.Errorf("%q matches %d policies; name one: %s", sel, len(found), strings.Join(cands, ", "))
}

// Selector returns what names d in FILE#SELECTOR: its document number, or
// else its title.
func (d *Doc) Selector() string {
	if d.Meta.DocNumber.Set() {
		return d.Meta.DocNumber.Value
	}
	if d.Meta.Title.Set() {
		return d.Meta.Title.Value
	}
	return ""
}

// compact folds a selector or title for comparison: ASCII brackets to
// full-width, spaces removed.
func compact(s string) string {
	r := strings.NewReplacer(" ", "", "(", "（", ")", "）", "[", "〔", "]", "〕", "［", "〔", "］", "〕")
	return r.Replace(s)
}

// readOnlyString returns b as a string without copying it. b must never be
// written again: a File's Norm is not, once normalization made it.
func readOnlyString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// databaseLabels are the labels a law database prints before the parts of
// a regulation it exports: its history note (【题注】（…通过…批准）), its
// chapter and section headings (【章名】第一章 总则) and its articles.
var databaseLabels = []string{"【题注】", "【章名】", "【节名】", "【条文】"}

// dropDatabaseLabels returns the lines of a policy with the database labels
// they start with left out, so that the heading or history after a label
// reads as it would alone; the labels are excluded from the clauses' text.
func dropDatabaseLabels(d *Doc, lines []line) []line {
	out, cloned := lines, false
	for i, l := range lines {
		if !strings.HasPrefix(l.text, "【") {
			continue
		}
		for _, label := range databaseLabels {
			rest, ok := strings.CutPrefix(l.text, label)
			if !ok {
				continue
			}
			rest = strings.TrimLeft(rest, " ")
			if rest == "" {
				break
			}
			if !cloned {
				out, cloned = slices.Clone(lines), true // the part's lines stay as they are
			}
			cut := len(l.text) - len(rest)
			d.exclude(Span{l.Start, l.Start + cut})
			out[i] = line{Span{l.Start + cut, l.End}, rest}
			break
		}
	}
	return out
}
