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
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// JSON is the schema document.
//
//go:embed zhengce.schema.json
var JSON []byte

// Version is the schema's semantic version, as every record's
// schema_version states it.
const Version = "1.0.0"

// ID is the schema's $id.
const ID = "https://zhengce.dev/schema/1.0.0/zhengce.schema.json"

var (
	once     sync.Once
	compiled *jsonschema.Schema
	kinds    map[string]*jsonschema.Schema
	compErr  error
)

// defs lists the $defs entries records are validated against, by kind.
var defs = []string{"policy", "document_record", "fact", "error", "finding", "normalized", "diff", "result"}

func root() (*jsonschema.Schema, error) {
	once.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSON))
		if err != nil {
			compErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		if err := c.AddResource(ID, doc); err != nil {
			compErr = err
			return
		}
		compiled, compErr = c.Compile(ID)
		kinds = map[string]*jsonschema.Schema{}
		for _, d := range defs {
			if !bytes.Contains(JSON, []byte(`"`+d+`": {`)) {
				continue
			}
			if kinds[d], compErr = c.Compile(ID + "#/$defs/" + d); compErr != nil {
				return
			}
		}
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

// Validate checks one decoded record (as from jsonschema.UnmarshalJSON or
// encoding/json with UseNumber) and returns its violations.
func Validate(record any) ([]Violation, error) {
	s, err := root()
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if k, ok := kinds[recordKind(record)]; ok {
		s = k // report against the kind the record names
	}
	err = s.Validate(record)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	return leaves(ve), nil
}

// leaves returns the most specific violations of a validation error.
func leaves(ve *jsonschema.ValidationError) []Violation {
	var out []Violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			msg := e.Error()
			if i := strings.LastIndex(msg, "\n"); i >= 0 {
				msg = msg[i+1:]
			}
			msg = strings.TrimSpace(strings.TrimLeft(msg, "- "))
			if strings.HasPrefix(msg, "at '") {
				if i := strings.Index(msg, "': "); i >= 0 {
					msg = msg[i+3:]
				}
			}
			out = append(out, Violation{Pointer: pointer(e.InstanceLocation), Msg: strings.TrimSpace(strings.TrimLeft(msg, "- "))})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pointer < out[j].Pointer })
	return out
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

func pointer(loc []string) string {
	var b strings.Builder
	for _, p := range loc {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1"))
	}
	return b.String()
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
		return []Violation{{Msg: "no JSON"}}, nil
	}
	// a single (possibly indented) JSON document
	if doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(trimmed)); err == nil && !bytes.Contains(trimmed, []byte("}\n{")) {
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
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
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
