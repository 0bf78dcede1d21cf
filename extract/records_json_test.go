package extract

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/zhengce/zhengce/corpus"
)

// TestFactRecordJSON checks AppendJSONLine against a json.Encoder without
// HTML escaping, on every fact of the seeds
// and on records with every optional field and awkward strings.
func TestFactRecordJSON(t *testing.T) {
	check := func(r FactRecord) {
		t.Helper()
		got, err := r.AppendJSONLine(nil)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		werr := enc.Encode(r)
		want := buf.Bytes()
		if (err == nil) != (werr == nil) {
			t.Fatalf("errors differ: %v, %v", err, werr)
		}
		if string(got) != string(want) {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	}
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	n := 0
	for _, name := range names {
		docs, err := corpus.Open(name, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			for _, f := range Run(Default, d) {
				check(NewFactRecord(d, f))
				n++
			}
		}
	}
	if n < 400 {
		t.Fatalf("only %d facts", n)
	}
	yes, no := true, false
	sec := "第二部分"
	for _, num := range []json.Number{"", "0", "12", "-3.5", "0.25", "05", "1.", "1e5", "abc"} {
		for _, text := range []string{"最高200万元", "引号\"和\\", "换行\n", "\u2028分隔", "坏\xffUTF-8", "<html>&"} {
			for _, v := range []any{nil, num, "2024-01-01"} {
				r := FactRecord{Kind: "money", SchemaVersion: SchemaVersion, Source: "a.txt", Section: &sec, Path: "1.2",
					Value: v, Currency: "CNY", Name: text, Canonical: text, Q: "max", Inclusive: &yes, Role: "benefit",
					Per: "辆", Base: "投资额", Scope: "每家", Cap: true, Text: text, Span: [2]int{1, 9}, RawSpan: [2]int{3, 30}}
				if num != "abc" && num != "05" && num != "1." {
					n := num
					r.Yuan = &n
				}
				check(r)
				r.Inclusive, r.Section, r.Yuan, r.Cap = &no, nil, nil, false
				check(r)
			}
		}
	}
}

// FuzzJSONString checks that appendJSONString takes exactly the strings a
// json.Encoder writes unchanged between quotes.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "最高200万元", "\"", "\\", "\n", "\u2028", "\xff", "𠀀é", "\xed\xa0\x80", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		plain := buf.String() == "\""+s+"\"\n"
		got, ok := appendJSONString(nil, s, true)
		if ok != plain || ok && string(got) != "\""+s+"\"" {
			t.Fatalf("appendJSONString(%q) = %q, %v; the encoder writes %q", s, got, ok, buf.String())
		}
	})
}

// TestFactEncoder checks the encoder of a document's facts against
// NewFactRecord and AppendJSONLine, on every fact of the seeds and on a
// section that needs escaping.
func TestFactEncoder(t *testing.T) {
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	n := 0
	for _, name := range names {
		docs, err := corpus.Open(name, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			for k, section := range []string{d.Section, "引号\"节"} {
				d.Section = section
				enc := NewFactEncoder(d)
				for _, f := range Run(Default, d) {
					want, err := NewFactRecord(d, f).AppendJSONLine([]byte("x"))
					got, gerr := enc.AppendJSONLine([]byte("x"), f)
					if string(got) != string(want) || (err == nil) != (gerr == nil) {
						t.Fatalf("%d: got %s\nwant %s", k, got, want)
					}
					n++
				}
			}
		}
	}
	if n < 800 {
		t.Fatalf("only %d facts", n)
	}
}
