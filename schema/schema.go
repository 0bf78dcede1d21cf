// Package schema embeds the published JSON Schema (draft 2020-12) of every
// record zhengce writes and validates JSON and JSON Lines against it.
package schema

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
)

// JSON is the schema document.
//
//go:embed zhengce.schema.json
var JSON []byte

// Version is the schema's semantic version, as every record's
// schema_version states it.
const Version = "1.1.0"

// ID is the schema's $id.
const ID = "https://zhengce.dev/schema/1.1.0/zhengce.schema.json"

var (
	once     sync.Once
	compiled *node
	kinds    map[string]*node
	compErr  error
)

// root compiles the schema document the first time a record is validated.
func root() (*node, error) {
	once.Do(func() {
		doc, err := decodeJSON(JSON)
		if err != nil {
			compErr = err
			return
		}
		compiled, kinds, compErr = compileDocument(doc)
	})
	return compiled, compErr
}

// A Violation is one way a record breaks the schema.
type Violation struct {
	Line    int    // 1-based line of the record in JSON Lines input, 0 for a JSON document
	Pointer string // JSON pointer to the offending value, "" for the whole record
	Msg     string
}

func (v Violation) String() string {
	p := v.Pointer
	if p == "" {
		p = "/"
	}
	if v.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", v.Line, p, v.Msg)
	}
	return p + ": " + v.Msg
}

// Validate checks one decoded record (as from encoding/json with
// UseNumber) and returns its violations, ordered by pointer.
func Validate(record any) ([]Violation, error) {
	s, err := root()
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if k, ok := kinds[recordKind(record)]; ok {
		s = k // report against the kind the record names
	}
	out := s.validate(record, "", nil)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pointer < out[j].Pointer })
	return out, nil
}

// recordKind maps a record's kind to the $defs entry describing it.
func recordKind(record any) string {
	m, ok := record.(map[string]any)
	if !ok {
		return ""
	}
	switch k, _ := m["kind"].(string); k {
	case "document":
		return "document_record"
	case "money", "percent", "unit", "date", "duration":
		return "fact"
	case "policy", "error", "finding", "normalized", "diff", "result":
		return k
	}
	return ""
}

// decodeJSON decodes one JSON value, numbers as json.Number, and refuses
// anything after it.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("more than one JSON value (at byte %d)", dec.InputOffset())
	}
	return v, nil
}

// ValidateStream checks r, which holds one JSON document or JSON Lines,
// and returns every violation with its line. Malformed JSON is a violation
// too.
func ValidateStream(r io.Reader) ([]Violation, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, nil // JSON Lines of no records, as a build's errors.jsonl often is
	}
	// a single (possibly indented) JSON document
	if doc, err := decodeJSON(trimmed); err == nil && !bytes.Contains(trimmed, []byte("}\n{")) {
		return Validate(doc)
	}
	var out []Violation
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		doc, err := decodeJSON(line)
		if err != nil {
			var se *json.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = fmt.Sprintf("not JSON at byte %d: %v", se.Offset, se)
			}
			out = append(out, Violation{Line: n, Msg: msg})
			continue
		}
		vs, err := Validate(doc)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			v.Line = n
			out = append(out, v)
		}
	}
	return out, sc.Err()
}
