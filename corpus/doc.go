// Package corpus holds the document model of zhengce: a policy's
// normalized text, its metadata with provenance, and its tree of articles
// and clauses with stable paths. It splits compilations into their
// policies and reads each policy's structure from its normalized text.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/zhengce/zhengce/corpus/ingest"
	"github.com/zhengce/zhengce/normalize"
)

// A Span is a half-open byte range [Start, End) in a File's Norm.
type Span struct{ Start, End int }

// MarshalJSON writes s as [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return []byte("[" + strconv.Itoa(s.Start) + "," + strconv.Itoa(s.End) + "]"), nil
}

// UnmarshalJSON reads s from [start, end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var v [2]int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	s.Start, s.End = v[0], v[1]
	return nil
}

// Len returns the length of s in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share a byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// A File is one input: its raw bytes, its normalized text and the maps
// between them. Every policy read from it points into its Norm.
type File struct {
	Name   string
	Source *ingest.Source
	Norm   []byte
	Result *normalize.Result
	text   string // Norm as a string, so that Text returns substrings without copying
	lines  []int  // line starts in Source.Raw, built lazily
	sha256 string // hex SHA-256 of Source.Raw, computed once
}

// SHA256 returns the hex SHA-256 of the input's bytes, computed once for
// all the policies the file holds.
func (f *File) SHA256() string {
	if f.sha256 == "" {
		sum := sha256.Sum256(f.Source.Raw)
		f.sha256 = hex.EncodeToString(sum[:])
	}
	return f.sha256
}

// Text returns the normalized text of s.
func (f *File) Text(s Span) string {
	s.Start = max(0, min(s.Start, len(f.Norm)))
	s.End = max(s.Start, min(s.End, len(f.Norm)))
	if len(f.text) != len(f.Norm) {
		return string(f.Norm[s.Start:s.End])
	}
	return f.text[s.Start:s.End]
}

// RawSpan maps a span of Norm to the byte range of the raw input it was
// read from.
func (f *File) RawSpan(s Span) Span {
	st, en := f.Result.InputSpan(s.Start, s.End)
	st, en = f.Source.Maps.Span(st, en)
	return Span{st, en}
}

// A SpanMapper maps spans of a File's Norm to raw bytes as RawSpan does,
// quicker when the spans come in order, as a document's facts do. It is
// not safe for concurrent use.
type SpanMapper struct {
	norm, raw *normalize.Cursor
}

// SpanMapper returns a SpanMapper for f.
func (f *File) SpanMapper() *SpanMapper {
	return &SpanMapper{norm: f.Result.Maps.Cursor(), raw: f.Source.Maps.Cursor()}
}

// RawSpan maps a span of Norm to the byte range of the raw input it was
// read from.
func (m *SpanMapper) RawSpan(s Span) Span {
	st, en := m.norm.Span(s.Start, s.End)
	st, en = m.raw.Span(st, en)
	return Span{st, en}
}

// A Position is a place in a raw input, for messages.
type Position struct {
	File      string
	Line, Col int // 1-based; Col counts characters, not bytes
}

func (p Position) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Position returns the line and column in the raw input of the Norm byte
// offset off.
func (f *File) Position(off int) Position {
	r := f.RawSpan(Span{off, off}).Start
	if f.lines == nil {
		f.lines = []int{0}
		for i, c := range f.Source.Raw {
			if c == '\n' {
				f.lines = append(f.lines, i+1)
			}
		}
	}
	l := sort.SearchInts(f.lines, r+1) - 1
	col := 1
	for _, c := range f.Source.Raw[f.lines[l]:min(r, len(f.Source.Raw))] {
		if c&0xC0 != 0x80 {
			col++
		}
	}
	return Position{File: f.Name, Line: l + 1, Col: col}
}

// A Doc is one policy: a whole file, or one part of a compilation.
type Doc struct {
	File      *File
	Span      Span   // the policy's text in File.Norm
	Section   string // the policy's title when it is one part of a compilation
	Index     int    // 0-based position of the policy in its file
	Truncated bool   // the input ends inside this policy
	Meta      Meta
	Root      *Node  // path ""; its Own spans are the text outside numbered clauses
	Exclude   []Span // title, document number and page chrome: metadata, not body text
	Warnings  []Warning
	wrapper   bool    // a notice that publishes or announces the policy it carries
	history   []event // what the header's history block states
	// the body a title names before 关于 (国务院关于…的规定), the issuer when
	// the document prints no other
	titleIssuer *Value
	issuedBy    string // the event Meta.Issued was read from: 公布, 通过 … ("" for a signature)
}

// Name returns the file name, with "#" and the section for a part of a
// compilation.
func (d *Doc) Name() string {
	if d.Section != "" {
		return d.File.Name + "#" + d.Section
	}
	return d.File.Name
}

// Text returns the normalized text of s.
func (d *Doc) Text(s Span) string { return d.File.Text(s) }

// A Warning is a problem the reader worked around, at a byte offset of
// File.Norm.
type Warning struct {
	Offset int
	Msg    string
}

// Kind says what a node is.
type Kind string

// Node kinds.
const (
	RootNode       Kind = "root"
	ClauseNode     Kind = "clause"
	AttachmentNode Kind = "attachment" // 附件 printed after the main text: path A<n>
)

// A Node is a numbered article or clause, or the root (path "") holding the
// text outside numbered items. Nodes hold offsets into File.Norm, not copies.
type Node struct {
	Path     string           // "1", "1.3", "1.3.2"; "" for the root
	Kind     Kind             // root or clause
	Family   normalize.Family // marker family, "" for the root
	Number   int              // the number the marker prints, 0 for bullets
	Marker   Span             // "（三）"; zero for the root
	Heading  Span             // text after the marker up to the first 。 or the line end
	Span     Span             // the node with its children
	Own      []Span           // the node's own text, children excluded
	Children []*Node
}

// Walk calls f for n and its descendants in document order.
func (n *Node) Walk(f func(*Node)) {
	f(n)
	for _, c := range n.Children {
		c.Walk(f)
	}
}

// OwnText returns the text of n's own spans, children excluded, one
// span after another with a line break between them.
func (d *Doc) OwnText(n *Node) string {
	switch len(n.Own) {
	case 0:
		return ""
	case 1:
		return d.Text(n.Own[0])
	}
	size := len(n.Own) - 1
	for _, s := range n.Own {
		size += s.End - s.Start
	}
	var b strings.Builder
	b.Grow(size)
	for i, s := range n.Own {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Text(s))
	}
	return b.String()
}

// Nodes returns every node of d in document order, the root first.
func (d *Doc) Nodes() []*Node {
	var out []*Node
	d.Root.Walk(func(n *Node) { out = append(out, n) })
	return out
}

// FirstPage returns the printed page a policy starts on, read from the
// last 第N页 page marker before it, or 0 when the input has none.
func (d *Doc) FirstPage() int {
	start := d.File.RawSpan(Span{d.Span.Start, d.Span.Start}).Start
	page := 0
	for _, n := range d.File.Result.Noise {
		if n.Kind != normalize.PageMarker {
			continue
		}
		if s, _ := d.File.Source.Maps.Span(n.Start, n.End); s > start {
			break
		}
		key := strings.ReplaceAll(n.Text, " ", "")
		if num, ok := strings.CutPrefix(key, "第"); ok {
			if v, err := strconv.Atoi(strings.TrimSuffix(num, "页")); err == nil {
				page = v
			}
		}
	}
	return page
}

// Year returns the year of the policy's date (issued, else printed, else
// effective), or 0 when it states none.
func (d *Doc) Year() int {
	for _, v := range []*Value{d.Meta.Issued, d.Meta.Printed, d.Meta.Effective} {
		if v.Set() && len(v.Value) >= 4 {
			y := 0
			for _, c := range v.Value[:4] {
				if c < '0' || c > '9' {
					y = -1
					break
				}
				y = y*10 + int(c-'0')
			}
			if y > 0 {
				return y
			}
		}
	}
	return 0
}

// Wrapper reports whether the policy is carried by a notice that publishes
// or announces it (关于印发…的通知, 关于公开征求…意见的公告), whose own text
// is the root's.
func (d *Doc) Wrapper() bool { return d.wrapper }

// StandingRule reports whether the policy is a standing regulation written
// in articles (第X条), whose dates without a year recur every year.
func (d *Doc) StandingRule() bool {
	found := false
	d.Root.Walk(func(n *Node) {
		found = found || n.Family == normalize.Item
	})
	return found
}
