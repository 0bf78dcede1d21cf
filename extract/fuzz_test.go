package extract_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
	"github.com/zhengce/zhengce/schema"
)

// FuzzExtract checks that every fact lies inside its clause's own text,
// that its text is its span's text, and that its record encodes.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"一、对年营业收入500万元及以上的企业给予最高200万元奖励。（责任单位：市经信局、市发改委）",
		"本政策自2022年6月1日起施行，有效期为3年。",
		"一、引进50-100亿元项目，按6万元/辆补贴，百分之三十，千分之五，10个工作日以内。",
	} {
		f.Add([]byte(s))
	}
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, n := range names {
		b, _ := os.ReadFile(n)
		f.Add(b[:min(len(b), 3000)])
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		docs, err := corpus.Parse("fuzz.txt", raw)
		if err != nil {
			return // empty or binary input is an error, not a panic
		}
		for _, d := range docs {
			nodes := map[string]*corpus.Node{}
			for _, n := range d.Nodes() {
				if _, dup := nodes[n.Path]; dup {
					t.Fatalf("duplicate path %q", n.Path)
				}
				nodes[n.Path] = n
				if !d.Span.Contains(n.Span) && n.Kind != corpus.RootNode {
					t.Fatalf("node %q span %v outside policy %v", n.Path, n.Span, d.Span)
				}
			}
			for _, fact := range extract.Run(extract.Default, d) {
				n := nodes[fact.Path]
				inside := false
				for _, s := range n.Own {
					inside = inside || s.Contains(fact.Span)
				}
				if !inside || d.Text(fact.Span) != fact.Text {
					t.Fatalf("fact %+v outside clause %q %v", fact, fact.Path, n.Own)
				}
				raw := d.File.RawSpan(fact.Span)
				if raw.Start < 0 || raw.End > len(d.File.Source.Raw) || raw.End < raw.Start {
					t.Fatalf("raw span %v outside input", raw)
				}
				b, err := json.Marshal(extract.NewFactRecord(d, fact))
				if err != nil {
					t.Fatal(err)
				}
				if vs, err := schema.ValidateStream(bytes.NewReader(b)); err != nil || len(vs) > 0 {
					t.Fatalf("fact record %s does not validate: %v %v", b, err, vs)
				}
			}
			b, err := json.Marshal(extract.NewDocument(d, extract.Run(extract.Default, d)))
			if err != nil {
				t.Fatal(err)
			}
			if vs, err := schema.ValidateStream(bytes.NewReader(b)); err != nil || len(vs) > 0 {
				t.Fatalf("document does not validate: %v %v", err, vs)
			}
		}
	})
}

// FuzzNumerals checks that the recognizers never panic and return spans in
// order inside the text.
func FuzzNumerals(f *testing.F) {
	for _, s := range []string{"两千四百五", "4.78万亿", "三百五又三分之一", "-1.1^--23", "百分之五十", "五元三毛", "1 3/5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, n := range extract.FindNumerals(s) {
			if n.Start < prev || n.End < n.Start || n.End > len(s) || s[n.Start:n.End] != n.Text {
				t.Fatalf("numeral %+v out of order or place in %q", n, s)
			}
			prev = n.End
		}
		extract.FindPercentages(s)
		extract.FindAmounts(s)
	})
}
