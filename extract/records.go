package extract

import (
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/zhengce/zhengce/corpus"
)

// SchemaVersion is the version of the published JSON Schema that the
// records written by this package follow (schema.Version).
const SchemaVersion = "1.0.0"

// ErrorRecord is an input that yielded no policy.
type ErrorRecord struct {
	Kind          string `json:"kind"` // always "error"
	SchemaVersion string `json:"schema_version"`
	File          string `json:"file"`
	Line          int    `json:"line,omitempty"`
	Col           int    `json:"col,omitempty"`
	ID            any    `json:"id,omitempty"`
	Reason        string `json:"reason"`
}

// NewErrorRecord returns the error record of a failed input.
func NewErrorRecord(file string, err error) ErrorRecord {
	reason := err.Error()
	reason = strings.TrimPrefix(reason, file+": ")
	return ErrorRecord{Kind: "error", SchemaVersion: SchemaVersion, File: file, Reason: reason}
}

// DocumentRecord is the first record of a document in the facts stream.
type DocumentRecord struct {
	Kind          string  `json:"kind"` // always "document"
	SchemaVersion string  `json:"schema_version"`
	Source        string  `json:"source"`
	Section       *string `json:"section"`
	Title         *string `json:"title"`
	DocNumber     *string `json:"doc_number"`
	Issuer        *string `json:"issuer"`
	Issued        *string `json:"issued"`
	Printed       *string `json:"printed"`
	Effective     *string `json:"effective"`
	Expires       *string `json:"expires"`
	Validity      *string `json:"validity"`
	Status        string  `json:"status"`
	Script        string  `json:"script"`
	Truncated     bool    `json:"truncated"`
}

// FactRecord is one fact in the facts stream, with the field names of the
// gold files.
type FactRecord struct {
	Kind          string       `json:"kind"`
	SchemaVersion string       `json:"schema_version"`
	Source        string       `json:"source"`
	Section       *string      `json:"section"`
	Path          string       `json:"path"`
	Yuan          *json.Number `json:"yuan,omitempty"`
	Currency      string       `json:"currency,omitempty"`
	Value         any          `json:"value,omitempty"`
	Name          string       `json:"name,omitempty"`
	Canonical     string       `json:"canonical,omitempty"`
	Q             string       `json:"q,omitempty"`
	Inclusive     *bool        `json:"inclusive,omitempty"`
	Role          string       `json:"role,omitempty"`
	Per           string       `json:"per,omitempty"`
	Base          string       `json:"base,omitempty"`
	Scope         string       `json:"scope,omitempty"`
	Cap           bool         `json:"cap,omitempty"`
	Text          string       `json:"text"`
	Span          [2]int       `json:"span"`
	RawSpan       [2]int       `json:"raw_span"`
}

func strp(v *corpus.Value) *string {
	if v == nil || v.Value == "" {
		return nil
	}
	s := v.Value
	return &s
}

func sectionOf(d *corpus.Doc) *string {
	if d.Section == "" {
		return nil
	}
	s := d.Section
	return &s
}

// NewDocumentRecord returns d's document record.
func NewDocumentRecord(d *corpus.Doc) DocumentRecord {
	m := d.Meta
	return DocumentRecord{
		Kind: "document", SchemaVersion: SchemaVersion, Source: filepath.Base(d.File.Name), Section: sectionOf(d),
		Title: strp(m.Title), DocNumber: strp(m.DocNumber), Issuer: strp(m.Issuer), Issued: strp(m.Issued),
		Printed: strp(m.Printed), Effective: strp(m.Effective), Expires: strp(m.Expires), Validity: strp(m.Validity),
		Status: m.Status, Script: string(d.File.Result.Script), Truncated: d.Truncated,
	}
}

// NewFactRecord returns the facts-stream record of f, a fact of d.
func NewFactRecord(d *corpus.Doc, f Fact) FactRecord {
	raw := d.File.RawSpan(f.Span)
	r := FactRecord{
		Kind: f.Kind, SchemaVersion: SchemaVersion, Source: filepath.Base(d.File.Name), Section: sectionOf(d), Path: f.Path,
		Currency: f.Currency, Name: f.Name, Canonical: f.Canonical, Q: f.Q, Inclusive: f.Inclusive, Role: f.Role,
		Per: f.Per, Base: f.Base, Scope: f.Scope, Cap: f.IsCap(), Text: f.Text,
		Span: [2]int{f.Span.Start, f.Span.End}, RawSpan: [2]int{raw.Start, raw.End},
	}
	switch f.Kind {
	case "money":
		n := json.Number(f.Yuan)
		r.Yuan = &n
	case "percent":
		r.Value = json.Number(f.Number)
	case "date", "duration":
		r.Value = f.Value
	}
	return r
}
