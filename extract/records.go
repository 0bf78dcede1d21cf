package extract

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zhengce/zhengce/corpus"
)

// SchemaVersion is the version of the published JSON Schema that the
// records written by this package follow (schema.Version).
const SchemaVersion = "1.1.0"

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
	Points        bool         `json:"points,omitempty"`
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
	return newFactRecord(f, d.File.RawSpan(f.Span), filepath.Base(d.File.Name), sectionOf(d))
}

func newFactRecord(f Fact, raw corpus.Span, source string, section *string) FactRecord {
	r := FactRecord{
		Kind: f.Kind, SchemaVersion: SchemaVersion, Source: source, Section: section, Path: f.Path,
		Currency: f.Currency, Name: f.Name, Canonical: f.Canonical, Q: f.Q, Inclusive: f.Inclusive, Role: f.Role,
		Per: f.Per, Points: f.Points, Base: f.Base, Scope: f.Scope, Cap: f.IsCap(), Text: f.Text,
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

// A FactEncoder makes the facts-stream records of one document's facts,
// as NewFactRecord and AppendJSONLine do: what the records share is
// written once, and raw spans are found with a SpanMapper, quicker as the
// facts come in document order. It is not safe for concurrent use.
type FactEncoder struct {
	spans   *corpus.SpanMapper
	source  string
	section *string
	shared  []byte // the shared fields as JSON, nil when they need escaping
}

// NewFactEncoder returns a FactEncoder for the facts of d.
func NewFactEncoder(d *corpus.Doc) *FactEncoder {
	e := &FactEncoder{spans: d.File.SpanMapper(), source: filepath.Base(d.File.Name), section: sectionOf(d)}
	r := FactRecord{SchemaVersion: SchemaVersion, Source: e.source, Section: e.section}
	if b, ok := r.appendShared(nil, true); ok {
		e.shared = b
	}
	return e
}

// Record returns the record of f.
func (e *FactEncoder) Record(f Fact) FactRecord {
	return newFactRecord(f, e.spans.RawSpan(f.Span), e.source, e.section)
}

// AppendJSONLine appends the record of f as one line of JSON.
func (e *FactEncoder) AppendJSONLine(b []byte, f Fact) ([]byte, error) {
	r := e.Record(f)
	if e.shared != nil {
		out, ok := appendJSONString(append(b, `{"kind":`...), r.Kind, true)
		out = append(out, e.shared...)
		if out, ok = r.appendRest(out, ok); ok {
			return append(out, '\n'), nil
		}
	}
	return r.AppendJSONLine(b)
}

// AppendJSONLine appends r as one line of JSON, exactly as a json.Encoder
// with SetEscapeHTML(false) writes it, but without reflection: the facts
// stream holds one record per fact, and reflection was most of the cost of
// writing it. Strings that need escaping, and anything unusual, go through
// encoding/json itself.
func (r FactRecord) AppendJSONLine(b []byte) ([]byte, error) {
	if out, ok := r.appendJSON(b); ok {
		return append(out, '\n'), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return b, err
	}
	return append(b, buf.Bytes()...), nil
}

func (r FactRecord) appendJSON(b []byte) ([]byte, bool) {
	b, ok := appendJSONString(append(b, `{"kind":`...), r.Kind, true)
	b, ok = r.appendShared(b, ok)
	return r.appendRest(b, ok)
}

// appendShared appends the fields that all facts of a document share,
// after kind.
func (r FactRecord) appendShared(b []byte, ok bool) ([]byte, bool) {
	b, ok = appendJSONString(append(b, `,"schema_version":`...), r.SchemaVersion, ok)
	b, ok = appendJSONString(append(b, `,"source":`...), r.Source, ok)
	if r.Section == nil {
		return append(b, `,"section":null`...), ok
	}
	return appendJSONString(append(b, `,"section":`...), *r.Section, ok)
}

// appendRest appends the fields from path on.
func (r FactRecord) appendRest(b []byte, ok bool) ([]byte, bool) {
	str := func(key, s string) {
		b = append(b, key...)
		if b, ok = appendJSONString(b, s, ok); !ok {
			return
		}
	}
	optional := func(key, s string) {
		if s != "" {
			str(key, s)
		}
	}
	str(`,"path":`, r.Path)
	if r.Yuan != nil {
		n, valid := jsonNumber(*r.Yuan)
		ok = ok && valid
		b = append(append(b, `,"yuan":`...), n...)
	}
	optional(`,"currency":`, r.Currency)
	switch v := r.Value.(type) {
	case nil:
	case json.Number:
		n, valid := jsonNumber(v)
		ok = ok && valid
		b = append(append(b, `,"value":`...), n...)
	case string:
		str(`,"value":`, v)
	default:
		ok = false
	}
	optional(`,"name":`, r.Name)
	optional(`,"canonical":`, r.Canonical)
	optional(`,"q":`, r.Q)
	if r.Inclusive != nil {
		b = append(b, `,"inclusive":`...)
		b = strconv.AppendBool(b, *r.Inclusive)
	}
	optional(`,"role":`, r.Role)
	optional(`,"per":`, r.Per)
	if r.Points {
		b = append(b, `,"points":true`...)
	}
	optional(`,"base":`, r.Base)
	optional(`,"scope":`, r.Scope)
	if r.Cap {
		b = append(b, `,"cap":true`...)
	}
	str(`,"text":`, r.Text)
	b = append(b, `,"span":[`...)
	b = strconv.AppendInt(b, int64(r.Span[0]), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.Span[1]), 10)
	b = append(b, `],"raw_span":[`...)
	b = strconv.AppendInt(b, int64(r.RawSpan[0]), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.RawSpan[1]), 10)
	b = append(b, "]}"...)
	return b, ok
}

// jsonNumber returns n as encoding/json writes it, and whether the fast
// path can vouch for it: an optional minus, digits and at most one point.
func jsonNumber(n json.Number) (string, bool) {
	s := string(n)
	if s == "" {
		return "0", true
	}
	digits, points := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && digits > 0 && points == 0 && i+1 < len(s):
			points++
		case c == '-' && i == 0:
		default:
			return s, false
		}
	}
	if digits == 0 || len(s) > 1 && s[0] == '0' && s[1] != '.' || strings.HasPrefix(s, "-0") && len(s) > 2 && s[2] != '.' {
		return s, false
	}
	return s, true
}

// appendJSONString appends s quoted when no character of it needs escaping
// (no control character, quote, backslash, U+2028 or U+2029, and valid
// UTF-8), and reports false otherwise, leaving b as it was.
func appendJSONString(b []byte, s string, ok bool) ([]byte, bool) {
	if !ok {
		return b, false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return b, false
			}
			i++
			continue
		}
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return b, false // U+2028, U+2029
		}
		if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3 // well formed, most characters of the text
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return b, false
		}
		i += n
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), true
}
