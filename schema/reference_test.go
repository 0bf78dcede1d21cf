package schema

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The reference validator: a complete draft 2020-12 implementation, which
// the schema's own validator must agree with on every record.
var (
	refOnce  sync.Once
	refKinds map[string]*jsonschema.Schema
	refRoot  *jsonschema.Schema
	refErr   error
)

func reference(t testing.TB) (*jsonschema.Schema, map[string]*jsonschema.Schema) {
	refOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSON))
		if err != nil {
			refErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		if refErr = c.AddResource(ID, doc); refErr != nil {
			return
		}
		if refRoot, refErr = c.Compile(ID); refErr != nil {
			return
		}
		refKinds = map[string]*jsonschema.Schema{}
		for _, d := range defs {
			if refKinds[d], refErr = c.Compile(ID + "#/$defs/" + d); refErr != nil {
				return
			}
		}
	})
	if refErr != nil {
		t.Fatal(refErr)
	}
	return refRoot, refKinds
}

// defs lists the $defs entries records are validated against.
var defs = []string{"policy", "document_record", "fact", "error", "finding", "normalized", "diff", "result"}

// referencePointers validates record with the reference and returns the
// pointers of its most specific violations, sorted and unique; nil when
// the record is valid.
func referencePointers(t testing.TB, record any) []string {
	s, kinds := reference(t)
	if k, ok := kinds[recordKind(record)]; ok {
		s = k
	}
	err := s.Validate(record)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			var b strings.Builder
			for _, p := range e.InstanceLocation {
				b.WriteString("/" + escapePointer(p))
			}
			out = append(out, b.String())
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return sortedUnique(out)
}

func sortedUnique(ps []string) []string {
	sort.Strings(ps)
	return slices.Compact(ps)
}

// ownPointers validates record with the schema's validator.
func ownPointers(t testing.TB, record any) []string {
	vs, err := Validate(record)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		return nil
	}
	var out []string
	for _, v := range vs {
		out = append(out, v.Pointer)
	}
	return sortedUnique(out)
}

// readRecords reads testdata/records.jsonl: records of every kind zhengce
// writes, from the seeds (extract, extract --facts, corpus build,
// normalize --json, diff --format json, extract --input jsonl).
func readRecords(t testing.TB) [][]byte {
	f, err := os.Open("testdata/records.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// mutations returns variants of a decoded record, each with one value
// changed, removed or added, at up to limit places spread over the record.
func mutations(record any, limit int) []any {
	var places []func(replace func(any) any) any // each rebuilds the record with one value replaced
	var walk func(v any, rebuild func(any) any)
	walk = func(v any, rebuild func(any) any) {
		places = append(places, func(replace func(any) any) any { return rebuild(replace(v)) })
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k], func(nv any) any {
					c := make(map[string]any, len(x))
					for kk, vv := range x {
						c[kk] = vv
					}
					if nv == deleted {
						delete(c, k)
					} else {
						c[k] = nv
					}
					return rebuild(c)
				})
			}
		case []any:
			for i := range x {
				walk(x[i], func(nv any) any {
					c := slices.Clone(x)
					if nv == deleted {
						c = slices.Delete(c, i, i+1)
					} else {
						c[i] = nv
					}
					return rebuild(c)
				})
			}
		}
	}
	walk(record, func(v any) any { return v })
	replacements := []func(any) any{
		func(any) any { return deleted },
		func(any) any { return "x" },
		func(any) any { return json.Number("-1") },
		func(any) any { return json.Number("1.5") },
		func(any) any { return json.Number("7") },
		func(any) any { return nil },
		func(any) any { return []any{} },
		func(any) any { return map[string]any{} },
		func(any) any { return true },
		func(v any) any { // an unknown property
			m, ok := v.(map[string]any)
			if !ok {
				return v
			}
			c := map[string]any{"zz": "x"}
			for k, vv := range m {
				c[k] = vv
			}
			return c
		},
	}
	step := max(1, len(places)/limit)
	var out []any
	for i := 0; i < len(places); i += step {
		for _, r := range replacements {
			if v := places[i](r); v != deleted {
				out = append(out, v)
			}
		}
	}
	return out
}

// deleted marks a value a mutation removes.
var deleted any = &struct{ deleted bool }{}

// TestValidatorAgreesWithReference checks the schema's validator against a
// complete draft 2020-12 implementation on real records and on thousands
// of variants of them, each with one value broken: the same verdict and the
// same places named.
func TestValidatorAgreesWithReference(t *testing.T) {
	records := readRecords(t)
	kinds := map[string]int{}
	variants, invalid := 0, 0
	for n, line := range records {
		record, err := decodeJSON(line)
		if err != nil {
			t.Fatalf("record %d: %v", n+1, err)
		}
		kinds[recordKind(record)]++
		if got := ownPointers(t, record); got != nil {
			t.Errorf("record %d (%s): violations at %q; want none", n+1, recordKind(record), got)
		}
		for _, m := range mutations(record, 40) {
			variants++
			got, want := ownPointers(t, m), referencePointers(t, m)
			if want != nil {
				invalid++
			}
			if !slices.Equal(got, want) {
				b, _ := json.Marshal(m)
				if len(b) > 400 {
					b = append(b[:400], "..."...)
				}
				t.Errorf("record %d variant %s:\nviolations at %q\nreference   %q", n+1, b, got, want)
			}
		}
	}
	for _, d := range defs {
		if kinds[d] == 0 {
			t.Errorf("testdata/records.jsonl holds no %s record", d)
		}
	}
	if invalid < variants/3 {
		t.Errorf("only %d of %d variants invalid: the mutations hardly test the schema", invalid, variants)
	}
	t.Logf("%d records, %d variants, %d invalid", len(records), variants, invalid)
}

// FuzzValidate checks that the schema's validator and the reference agree
// on whatever JSON value the fuzzer makes of real records.
func FuzzValidate(f *testing.F) {
	for _, line := range readRecords(f) {
		if len(line) < 2000 {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		record, err := decodeJSON(data)
		if err != nil {
			return
		}
		if _, err := jsonschema.UnmarshalJSON(bytes.NewReader(data)); err != nil {
			return // the reference decodes differently (e.g. duplicate keys)
		}
		got, want := ownPointers(t, record), referencePointers(t, record)
		if (got == nil) != (want == nil) {
			t.Fatalf("%s: violations at %q; reference %q", data, got, want)
		}
	})
}
