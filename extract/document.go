package extract

import (
	"path/filepath"
	"strconv"

	"github.com/zhengce/zhengce/corpus"
)

// Document is the JSON form of one policy: source, metadata with
// provenance, clause tree, facts, caps and warnings.
type Document struct {
	Kind          string       `json:"kind"` // always "policy"
	SchemaVersion string       `json:"schema_version"`
	Source        SourceInfo   `json:"source"`
	Section       *string      `json:"section"`
	Truncated     bool         `json:"truncated"`
	Meta          corpus.Meta  `json:"meta"`
	Tree          *NodeJSON    `json:"tree"`
	Facts         []FactRecord `json:"facts"`
	Caps          []FactRecord `json:"caps"`
	Warnings      []string     `json:"warnings"`
	Quality       Quality      `json:"quality"`
	WorkID        string       `json:"work_id,omitempty"`    // set by corpus build
	VersionID     string       `json:"version_id,omitempty"` // set by corpus build
	Preferred     *bool        `json:"preferred,omitempty"`  // set by corpus build
}

// Quality is how well a policy was read: its structure (see
// corpus.Quality) and the facts found per kind.
type Quality struct {
	corpus.Quality
	Facts map[string]int `json:"facts"` // facts per kind
}

// SourceInfo describes the input a document was read from.
type SourceInfo struct {
	File     string `json:"file"`
	SHA256   string `json:"sha256"`
	Encoding string `json:"encoding"`
	Format   string `json:"format"`
	Script   string `json:"script"`
	Tool     string `json:"tool"`
}

// NodeJSON is a clause in the document JSON.
type NodeJSON struct {
	Path     string      `json:"path"`
	Marker   string      `json:"marker"`
	Heading  string      `json:"heading"`
	Span     [2]int      `json:"span"`
	RawSpan  [2]int      `json:"raw_span"`
	Text     string      `json:"text"`
	Children []*NodeJSON `json:"children"`
}

// ToolVersion is reported in every document's source.
var ToolVersion = "zhengce 0.1.0"

// NewDocumentHead returns the head of d's JSON form: its source, section
// and metadata, without tree, facts, quality or warnings.
func NewDocumentHead(d *corpus.Doc) Document {
	return Document{
		Kind: "policy", SchemaVersion: SchemaVersion,
		Source: SourceInfo{File: filepath.Base(d.File.Name), SHA256: d.File.SHA256(), Encoding: d.File.Source.Encoding,
			Format: d.File.Source.Format, Script: string(d.File.Result.Script), Tool: ToolVersion},
		Section: sectionOf(d), Truncated: d.Truncated, Meta: d.Meta,
	}
}

// NewFactRecords returns the facts-stream records of facts, the facts of d.
func NewFactRecords(d *corpus.Doc, facts []Fact) []FactRecord {
	enc := NewFactEncoder(d)
	out := make([]FactRecord, len(facts))
	for i, f := range facts {
		out[i] = enc.Record(f)
	}
	return out
}

// NewDocument returns the JSON form of d with its facts.
func NewDocument(d *corpus.Doc, facts []Fact) Document {
	doc := NewDocumentHead(d)
	doc.Facts, doc.Caps, doc.Warnings = NewFactRecords(d, facts), []FactRecord{}, []string{}
	doc.Tree = nodeJSON(d, d.File.SpanMapper(), d.Root)
	for i, f := range facts {
		if f.IsCap() {
			doc.Caps = append(doc.Caps, doc.Facts[i])
		}
	}
	doc.Quality = Quality{Quality: d.Quality(), Facts: map[string]int{}}
	for _, f := range facts {
		doc.Quality.Facts[f.Kind]++
	}
	for _, w := range d.Warnings {
		doc.Warnings = append(doc.Warnings, d.File.Position(w.Offset).String()+": "+w.Msg)
	}
	for _, w := range d.File.Result.Warnings {
		doc.Warnings = append(doc.Warnings, d.File.Name+": byte "+strconv.Itoa(w.Offset)+": "+w.Msg)
	}
	return doc
}

func nodeJSON(d *corpus.Doc, m *corpus.SpanMapper, n *corpus.Node) *NodeJSON {
	raw := m.RawSpan(n.Span)
	j := &NodeJSON{Path: n.Path, Marker: d.Text(n.Marker), Heading: d.Text(n.Heading), Span: [2]int{n.Span.Start, n.Span.End},
		RawSpan: [2]int{raw.Start, raw.End}, Text: d.OwnText(n), Children: []*NodeJSON{}}
	for _, c := range n.Children {
		j.Children = append(j.Children, nodeJSON(d, m, c))
	}
	return j
}

// CSVHeader is the header row of the facts table.
var CSVHeader = []string{"source", "section", "path", "kind", "yuan", "currency", "value", "name", "canonical", "q", "role", "per", "base", "scope", "cap", "text", "span_start", "span_end", "raw_start", "raw_end"}

// CSVRow returns f as a row of the facts table.
func CSVRow(d *corpus.Doc, f Fact) []string {
	r := NewFactRecord(d, f)
	sec := ""
	if r.Section != nil {
		sec = *r.Section
	}
	value := f.Value
	if f.Kind == "percent" {
		value = f.Number
	}
	return []string{r.Source, sec, r.Path, r.Kind, f.Yuan, r.Currency, value, r.Name, r.Canonical, r.Q, r.Role, r.Per, r.Base, r.Scope,
		strconv.FormatBool(r.Cap), r.Text, strconv.Itoa(r.Span[0]), strconv.Itoa(r.Span[1]), strconv.Itoa(r.RawSpan[0]), strconv.Itoa(r.RawSpan[1])}
}

// WithCues returns a copy of exs whose money, percent, duration and date
// extractors decide qualifiers and roles with cs.
func WithCues(exs []Extractor, cs *Cues) []Extractor {
	out := make([]Extractor, len(exs))
	for i, ex := range exs {
		switch ex.(type) {
		case Money:
			ex = Money{Cues: cs}
		case Percent:
			ex = Percent{Cues: cs}
		case Duration:
			ex = Duration{Cues: cs}
		case Date:
			ex = Date{Cues: cs}
		}
		out[i] = ex
	}
	return out
}

// WithAliases returns a copy of exs whose unit extractor uses a.
func WithAliases(exs []Extractor, a *Aliases) []Extractor {
	out := make([]Extractor, len(exs))
	for i, ex := range exs {
		if _, ok := ex.(Unit); ok {
			ex = Unit{Aliases: a}
		}
		out[i] = ex
	}
	return out
}
