// Package extract reads facts from the clauses of segmented policies:
// monetary amounts, percentages, responsible units, dates and durations,
// each with its normalized value, qualifier, role, clause path and source
// span. Small independent extractors, one per kind, run over each clause's
// own text.
package extract

import (
	"iter"
	"slices"
	"strings"

	"github.com/zhengce/zhengce/corpus"
)

// Qualifiers.
const (
	Exact  = "exact"
	Max    = "max"
	Min    = "min"
	Approx = "approx"
)

// A Fact is one value read from a clause.
type Fact struct {
	Kind      string      `json:"kind"`                // money, percent, unit, date, duration
	Path      string      `json:"path"`                // clause path, "" outside numbered clauses
	Yuan      string      `json:"yuan,omitempty"`      // money: exact decimal amount in the currency's units
	Currency  string      `json:"currency,omitempty"`  // money: ISO 4217 code, CNY unless stated
	Number    string      `json:"number,omitempty"`    // percent: exact decimal value before %
	Value     string      `json:"value,omitempty"`     // date: ISO date, YYYY-MM or YYYY; duration: ISO 8601
	Name      string      `json:"name,omitempty"`      // unit: the body as written
	Canonical string      `json:"canonical,omitempty"` // unit: the body's canonical name
	Q         string      `json:"q,omitempty"`         // exact, max, min, approx
	Inclusive *bool       `json:"inclusive,omitempty"` // (含) true, (不含) false
	Role      string      `json:"role,omitempty"`      // see FORMAT.md
	Per       string      `json:"per,omitempty"`       // money: unit of a rate (辆 in 6万元/辆)
	Points    bool        `json:"points,omitempty"`    // percent: written in percentage points (个百分点)
	Base      string      `json:"base,omitempty"`      // percent: what a rate is a share of
	Scope     string      `json:"scope,omitempty"`     // caps: 单个项目, 每家 …
	Text      string      `json:"text"`                // the matched text
	Span      corpus.Span `json:"-"`                   // in the file's normalized text
}

// IsCap reports whether f is a cap: a money, percent or duration fact with
// q=max whose role is benefit, rate or period.
func (f *Fact) IsCap() bool {
	if f.Q != Max {
		return false
	}
	switch f.Kind {
	case "money":
		return f.Role == "benefit"
	case "percent":
		return f.Role == "rate" || f.Role == "benefit"
	case "duration":
		return f.Role == "period" || f.Role == "benefit"
	}
	return false
}

// A Clause is the text an extractor reads: one node's own text.
type Clause struct {
	Doc  *corpus.Doc
	Node *corpus.Node
	Span corpus.Span // one piece of the node's own text
	Text string      // d.Text(Span)

	ix      *clauseIndex // what one reading of Text finds, built on first use
	heads   *string      // the headings of Node and the nodes above it, built on first use
	scratch []match      // a buffer of matches the extractors reuse in turn
	facts   []Fact       // a buffer of facts the extractors reuse in turn
}

// newFacts returns an empty buffer for an extractor's facts: one the
// extractors of a clause fill in turn, each copied out before the next.
func (c *Clause) newFacts() []Fact {
	f := c.facts[:0]
	c.facts = nil
	return f
}

// index returns the clause's index, reading its text the first time.
func (c *Clause) index() *clauseIndex {
	if c.ix == nil {
		c.ix = new(clauseIndex)
		indexText(c.Text, c.ix)
	}
	return c.ix
}

// matches returns an empty buffer of matches for an extractor to fill;
// the extractor hands it back with keepMatches when done.
func (c *Clause) matches() []match {
	m := c.scratch[:0]
	c.scratch = nil
	return m
}

// keepMatches takes back the buffer matches gave out.
func (c *Clause) keepMatches(m []match) { c.scratch = m[:0] }

// An Extractor reports the facts it finds in one clause. It must not modify
// the clause and must be safe for concurrent use.
type Extractor interface {
	Name() string
	Extract(c *Clause) []Fact
}

// Default lists the extractors Run uses, in order.
var Default = []Extractor{Money{}, Percent{}, Unit{Aliases: DefaultAliases}, Date{}, Duration{}}

// Run applies the extractors to every clause of d and returns the facts in
// document order, each with its clause path. Facts inside excluded spans
// (title, document number, page chrome) are dropped.
func Run(exs []Extractor, d *corpus.Doc) []Fact {
	var out []Fact
	var w clauseWork
	for _, n := range d.Nodes() {
		for _, s := range n.Own {
			for _, p := range w.pieces(d, s) {
				out = w.appendFacts(out, exs, d, n, p)
			}
		}
	}
	return out
}

// Facts yields the facts Run returns, one clause at a time, so that a
// caller that writes them out never holds all of a document's facts.
func Facts(exs []Extractor, d *corpus.Doc) iter.Seq[Fact] {
	return func(yield func(Fact) bool) {
		var buf []Fact
		var w clauseWork
		for _, n := range d.Nodes() {
			for _, s := range n.Own {
				for _, p := range w.pieces(d, s) {
					buf = w.appendFacts(buf[:0], exs, d, n, p)
					for _, f := range buf {
						if !yield(f) {
							return
						}
					}
				}
			}
		}
	}
}

// clauseWork holds what reading one clause after another reuses.
type clauseWork struct {
	c      Clause
	ix     clauseIndex
	spans  []corpus.Span
	keys   keySet // the whole clause's, when it is read in pieces
	pieced bool
}

// clausePiece is the length in bytes from which a clause is read in
// pieces of about that length: a clause of megabytes (a long document
// without numbered clauses) would otherwise hold all its facts, and every
// extractor's, at once.
var clausePiece = 256 << 10

// pieces returns the spans in which to read the clause s of d: s itself,
// or pieces of a long clause cut where no extractor looks across (see
// safeCut). The extractors' gates still see the whole clause's key words.
func (w *clauseWork) pieces(d *corpus.Doc, s corpus.Span) []corpus.Span {
	w.spans, w.pieced = append(w.spans[:0], s), false
	if s.Len() < 2*clausePiece {
		return w.spans
	}
	text := d.Text(s)
	w.spans = w.spans[:0]
	start := 0
	for from := clausePiece; from < len(text)-clausePiece; {
		k := strings.IndexByte(text[from:], '\n')
		if k < 0 {
			break
		}
		cut := from + k + 1
		if safeCut(text, cut) {
			w.spans = append(w.spans, corpus.Span{Start: s.Start + start, End: s.Start + cut})
			start = cut
			from = cut + clausePiece
			continue
		}
		from = cut
	}
	w.spans = append(w.spans, corpus.Span{Start: s.Start + start, End: s.End})
	if len(w.spans) > 1 {
		w.pieced, w.keys = true, textKeys(text)
	}
	return w.spans
}

// safeCut reports whether text can be read in two pieces at cut, the start
// of a line, with the facts of the whole: no pattern matches across the
// line break (the line before ends a sentence, so neither a number nor
// spaces stand before the break), no 《 stays open in the maxContext bytes
// before it (dates inside book titles are not facts), and the 15 bytes
// before it, which the duration extractor reads before a match, do not
// hold 期内. The other extractors look no further than the line.
func safeCut(text string, cut int) bool {
	line := text[:cut-1]
	if !strings.HasSuffix(line, "。") {
		return false
	}
	if strings.Contains(line[max(0, len(line)-15):], "期内") {
		return false
	}
	back := line[max(0, len(line)-maxContext):]
	open := strings.LastIndex(back, "《")
	return open < 0 || strings.Contains(back[open:], "》")
}

// appendFacts appends the facts of the piece s of n's own text, in
// order, to out.
func (w *clauseWork) appendFacts(out []Fact, exs []Extractor, d *corpus.Doc, n *corpus.Node, s corpus.Span) []Fact {
	w.c = Clause{Doc: d, Node: n, Span: s, Text: d.Text(s), scratch: w.c.scratch, facts: w.c.facts}
	indexText(w.c.Text, &w.ix)
	if w.pieced {
		w.ix.keys = w.keys
	}
	w.c.ix = &w.ix
	c := &w.c
	first := len(out)
	for _, ex := range exs {
		fs := ex.Extract(c)
		out = append(out, fs...)
		if cap(fs) > cap(c.facts) {
			c.facts = fs[:0] // the buffer, back for the next extractor
		}
	}
	facts := out[first:]
	for i := range facts {
		facts[i].Path = n.Path
	}
	slices.SortStableFunc(facts, func(a, b Fact) int { return a.Span.Start - b.Span.Start })
	return out
}

// span converts a byte range of c.Text to a span of the file's text.
func (c *Clause) span(start, end int) corpus.Span {
	return corpus.Span{Start: c.Span.Start + start, End: c.Span.Start + end}
}

// maxContext bounds in bytes how far extractors look around a value, so
// that work stays linear in the length of a clause.
const maxContext = 600

// sentenceAround returns the byte range of c.Text of the sentence holding
// [start, end).
func (c *Clause) sentenceAround(start, end int) (int, int) {
	s := scanBack(c.Text, start, 0, maxContext, stopSentence)
	_, e := scanFwd(c.Text, end, maxContext, stopSentence)
	return s, e
}
