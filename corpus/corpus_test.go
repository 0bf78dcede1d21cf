package corpus

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.paths.golden")

const seedDir = "../testdata/seeds"

func open(t testing.TB, name string) []*Doc {
	t.Helper()
	docs, err := Open(filepath.Join(seedDir, name), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func pick(t testing.TB, name, sel string) *Doc {
	t.Helper()
	d, err := Select(open(t, name), sel)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func pathsOf(d *Doc) []string {
	var out []string
	for _, n := range d.Nodes() {
		out = append(out, n.Path)
	}
	return out
}

type goldFile struct {
	Source  string            `json:"source"`
	Section *string           `json:"section"`
	Meta    map[string]string `json:"meta"`
	Clauses map[string]any    `json:"clauses"`
}

func golds(t *testing.T) map[string]goldFile {
	names, _ := filepath.Glob("../testdata/gold/*.gold.json")
	out := map[string]goldFile{}
	for _, n := range names {
		var g goldFile
		b, _ := os.ReadFile(n)
		if json.Unmarshal(b, &g) == nil && g.Clauses != nil {
			out[filepath.Base(n)] = g
		}
	}
	if len(out) != 19 {
		t.Fatalf("%d gold files; want 19", len(out))
	}
	return out
}

// docForGold opens the policy a gold file labels: a sample document, or
// one of the test corpus.
func docForGold(t *testing.T, g goldFile) *Doc {
	sel := ""
	if g.Section != nil {
		sel = *g.Section
	}
	if _, err := os.Stat(filepath.Join(seedDir, g.Source)); err == nil {
		return pick(t, g.Source, sel)
	}
	docs, err := Open(filepath.Join("../testdata/corpus", g.Source), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Select(docs, sel)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPathsMatchGold(t *testing.T) {
	for name, g := range golds(t) {
		t.Run(name, func(t *testing.T) {
			d := docForGold(t, g)
			var want []string
			for p := range g.Clauses {
				want = append(want, p)
			}
			sort.Strings(want)
			var got []string
			for _, p := range pathsOf(d) {
				// an attachment's own path is listed only when it carries
				// facts or has no numbered clauses (FORMAT.md)
				if _, listed := g.Clauses[p]; listed || !strings.HasPrefix(p, "A") || strings.Contains(p, ".") {
					got = append(got, p)
				}
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("paths of %s:\n got %v\nwant %v", name, got, want)
			}
		})
	}
}

func metaField(m Meta, field string) string {
	v := map[string]*Value{"title": m.Title, "doc_number": m.DocNumber, "issuer": m.Issuer, "issued": m.Issued, "printed": m.Printed,
		"effective": m.Effective, "expires": m.Expires, "validity": m.Validity}[field]
	if field == "status" {
		return m.Status
	}
	if v == nil {
		return ""
	}
	return v.Value
}

func fold(s string) string {
	return strings.NewReplacer("（", "(", "）", ")", " ", "").Replace(s)
}

// goldOmits lists the fields a gold file leaves out that its document
// states: l3_sme_payment_2025 is published by 中华人民共和国国务院令第802号, whose
// issuer the gold of l2b (中华人民共和国国家安全部令第2号) labels, this one not.
var goldOmits = map[string]bool{"l3_sme_payment_2025.gold.json issuer": true}

func TestMetadataMatchesGold(t *testing.T) {
	for name, g := range golds(t) {
		d := docForGold(t, g)
		for field, want := range g.Meta {
			if got := metaField(d.Meta, field); fold(got) != fold(want) {
				t.Errorf("%s: %s = %q; want %q", name, field, got, want)
			}
		}
		// fields the gold leaves out are not guessed from the text (a page's
		// info box may still state them, with its origin)
		for _, field := range []string{"doc_number", "issuer", "issued", "printed"} {
			v := map[string]*Value{"doc_number": d.Meta.DocNumber, "issuer": d.Meta.Issuer, "issued": d.Meta.Issued, "printed": d.Meta.Printed}[field]
			if _, stated := g.Meta[field]; stated || !v.Set() || v.Origin == "infobox" || v.Origin == "page" || goldOmits[name+" "+field] {
				continue
			}
			t.Errorf("%s: %s = %q; the document does not state it", name, field, v.Value)
		}
	}
}

func TestInfoboxConflict(t *testing.T) {
	d := open(t, "002_1e3c7663b8a242cd.txt")[0]
	if len(d.Meta.Conflicts) != 1 {
		t.Fatalf("conflicts = %+v; want one (实施时间 vs 自2022年6月1日起施行)", d.Meta.Conflicts)
	}
	c := d.Meta.Conflicts[0]
	if c.Field != "effective" || c.Kept.Value != "2022-06-01" || c.Other.Value != "2022-04-28" || c.Other.Origin != "infobox" {
		t.Errorf("conflict = %+v", c)
	}
}

func TestCompilation(t *testing.T) {
	docs := open(t, "000_e561b5eedc8d0feb.txt")
	want := []struct{ title, num string }{
		{"工业提升三年行动方案（2022-2024年）", "武政办〔2022〕70号"},
		{"加快促进企业技术改造若干支持政策", "武政规〔2021〕14号"},
		{"推进咨询诊断平台建设加快工业智能化改造的工作方案", ""},
		{"突破性发展数字经济实施方案", "武政规〔2020〕11号"},
		{"支持数字经济加快发展若干政策", "武政规〔2022〕6号"},
		{"促进新能源汽车产业发展的若干政策", "武政规〔2019〕27号"},
		{"氢能产业突破发展行动方案", "武政办〔2020〕88号"},
		{"新能源汽车换电模式应用试点实施方案（2022-2023年）", "武政规〔2022〕11号"},
	}
	if len(docs) != len(want) {
		t.Fatalf("%d policies; want %d", len(docs), len(want))
	}
	for i, w := range want {
		d := docs[i]
		if metaField(d.Meta, "title") != w.title || metaField(d.Meta, "doc_number") != w.num || d.Section != w.title {
			t.Errorf("policy %d = %q %q; want %q %q", i+1, metaField(d.Meta, "title"), metaField(d.Meta, "doc_number"), w.title, w.num)
		}
		if d.Truncated != (i == len(want)-1) {
			t.Errorf("policy %d truncated = %v", i+1, d.Truncated)
		}
	}
	for _, sel := range []string{"武政规〔2020〕11号", "武政规 [2020] 11号", "(武政规〔2020〕11号)", "突破性发展"} {
		if d, err := Select(docs, sel); err != nil || d.Index != 3 {
			t.Errorf("Select(%q) = %v, %v; want policy 4", sel, d, err)
		}
	}
	if _, err := Select(docs, "数字经济"); err == nil {
		t.Error("an ambiguous selector was accepted")
	}
	if _, err := Select(docs, ""); err == nil {
		t.Error("a compilation without selector was accepted")
	}
}

func TestDraftAndLawStyle(t *testing.T) {
	d := open(t, "003_c0775bc4c1ef2dcb.txt")[0]
	if d.Meta.Status != "draft" || metaField(d.Meta, "title") != "武汉市突破性发展数字经济实施方案（征求意见稿）" {
		t.Errorf("003 status %q title %q", d.Meta.Status, metaField(d.Meta, "title"))
	}
	d4 := open(t, "004_b6228c6dd43f1cb2.txt")[0]
	if n := len(d4.Root.Children); n != 5 {
		t.Errorf("004 has %d top-level articles; want 5", n)
	}
	if metaField(d4.Meta, "doc_number") != "武政〔2017〕26号" || metaField(d4.Meta, "issued") != "2017-09-06" || metaField(d4.Meta, "title") != "武汉市建设“中国制造2025”试点示范城市实施方案" {
		t.Errorf("004 meta = %+v", d4.Meta)
	}
}

func TestStructureWarnings(t *testing.T) {
	tests := []struct {
		name, text, warn string
		paths            []string
	}{
		{"no structure", "本通知自印发之日起实施。\n请各单位认真执行。", "no numbered clauses", []string{""}},
		{"jump", "一、总则\n正文。\n三、附则\n正文。", "jumps from 1 to 3", []string{"", "1", "2"}},
		{"enumeration mid-sentence", "一、总则\n（一）对获得认证（DCMM）\n三、四、五级的企业给予奖励。", "", []string{"", "1", "1.1"}},
		{"law style", "第一章 总则\n第一条 为了规范。\n第二条 本办法适用。\n第二章 附则\n第三条 本办法自发布之日起施行。", "", []string{"", "1", "1.1", "1.2", "2", "2.1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Parse(tc.name+".txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			d := docs[0]
			if got := pathsOf(d); strings.Join(got, ",") != strings.Join(tc.paths, ",") {
				t.Errorf("paths = %q; want %q", got, tc.paths)
			}
			var msgs []string
			for _, w := range d.Warnings {
				msgs = append(msgs, w.Msg)
			}
			if tc.warn != "" && !strings.Contains(strings.Join(msgs, "|"), tc.warn) {
				t.Errorf("warnings %q; want one with %q", msgs, tc.warn)
			}
		})
	}
}

// TestPathsGolden keeps the outline of every seed policy in testdata.
func TestPathsGolden(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	for _, n := range names {
		var buf bytes.Buffer
		for _, d := range open(t, filepath.Base(n)) {
			fmt.Fprintf(&buf, "# %s\n", d.Name())
			for _, node := range d.Nodes() {
				fmt.Fprintf(&buf, "%q\t%s\t%s\n", node.Path, d.Text(node.Marker), d.Text(node.Heading))
			}
		}
		golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(n), ".txt")+".paths.golden")
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./corpus -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs; run go test ./corpus -update and review git diff", golden)
		}
	}
}

func TestPositions(t *testing.T) {
	d := open(t, "001_2a5746484df83227.txt")[0]
	i := strings.Index(string(d.File.Norm), "最高200万元")
	p := d.File.Position(i)
	if p.Line != 65 || p.String() != filepath.Join(seedDir, "001_2a5746484df83227.txt")+":65:10" {
		t.Errorf("Position = %s; want line 65 col 10", p)
	}
}

// TestFirstMatch checks the line-by-line search of the metadata
// expressions against searching the whole text.
func TestFirstMatch(t *testing.T) {
	texts := []string{"", "自2022年6月1日起施行", "各自\n有效期为3年。\n自印发之日起30日后施行\n自2022年1月1日起实施", "有效期至2025年12月31日", "自\n2022年6月1日起施行", "有效期\n3年"}
	if b, err := os.ReadFile(filepath.Join(seedDir, "001_2a5746484df83227.txt")); err == nil {
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		for _, c := range []struct {
			re  *lazyRegexp
			key string
		}{{effectiveRe, "自"}, {effectiveRel, "自"}, {validityRe, "有效期"}, {validToRe, "有效期至"}} {
			want := c.re.FindStringSubmatchIndex(text)
			if got := firstMatch(c.re, c.key, text); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s in %q: %v, want %v", c.re, text[:min(len(text), 40)], got, want)
			}
		}
	}
}

// TestExpressionsCompile compiles every expression segmentation compiles
// on first use.
func TestExpressionsCompile(t *testing.T) {
	if len(lazyExpressions) < 10 {
		t.Fatalf("%d expressions registered", len(lazyExpressions))
	}
	for _, l := range lazyExpressions {
		if _, err := regexp.Compile(l.src); err != nil {
			t.Errorf("%s: %v", l.src, err)
		}
	}
}

// TestBracketedPrefilter checks that the expressions bracketed screens for
// match only bracketed lines, so the screen loses none of their matches.
func TestBracketedPrefilter(t *testing.T) {
	lines := []string{"（2022年4月28日印发）", "(2020年1月2日 发布)", "（附件3、4略）", "（2021—2025年）", "(2021-2025)",
		"（2022年4月28日印发） ", "（一）加强组织领导。", "（附表略）。"}
	names, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	matched := 0
	for _, l := range lines {
		for _, re := range []*lazyRegexp{closerRe, omittedRe, yearRangeRe} {
			if re.MatchString(l) {
				matched++
				if !bracketed(l) {
					t.Errorf("%q matches %s but is not bracketed", l, re.src)
				}
			}
		}
	}
	if matched < 5 {
		t.Errorf("only %d lines matched", matched)
	}
}

// BenchmarkSegmentSeeds reads the seeds into policies: normalization,
// splitting, metadata and clause trees.
func BenchmarkSegmentSeeds(b *testing.B) {
	names, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	var raws [][]byte
	size := 0
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, raw := range raws {
			if _, err := Parse(names[i], raw); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestRegulationCompilation writes, as short texts, compilations of
// regulations (法规汇编: each a title, a history, then articles from 第一条)
// and texts that hold 第一条 twice without being one, and checks the
// policies found.
func TestRegulationCompilation(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // title, issuer, issued and first article of each policy
	}{
		{"three regulations with their histories and contents",
			"目录\n某某市养犬管理规定……1\n某某市河道管理办法……3\n某某省消防条例……5\n" +
				"某某市养犬管理规定\n1998年6月30日 某某市第十届人民代表大会常务委员会第三十二次会议通过\n1998年9月24日 某某省第九届人民代表大会常务委员会第五次会议批准\n第一条 为了加强养犬管理，制定本规定。\n第二条 本规定自1999年1月1日起施行。\n" +
				"某某市河道管理办法\n（2005年3月1日某某市人民政府令第20号公布）\n第一章 总则\n第一条 为了加强河道管理，制定本办法。\n第二条 违反本办法的，处一万元以下罚款。\n" +
				"某某省消防条例\n2010年5月28日 某某省第十一届人民代表大会常务委员会第十五次会议通过\n第一条 为了预防火灾，制定本条例。\n",
			[]string{"某某市养犬管理规定|某某市第十届人民代表大会常务委员会|1998-06-30|为了加强养犬管理，制定本规定", "某某市河道管理办法|某某市人民政府|2005-03-01|总则", "某某省消防条例|某某省第十一届人民代表大会常务委员会|2010-05-28|为了预防火灾，制定本条例"}},
		{"a regulation and its attached rules are one policy",
			"某某管理条例\n2010年5月28日 某某省第十一届人民代表大会常务委员会第十五次会议通过\n第一条 为了规范管理，制定本条例。\n第二条 本条例自2011年1月1日起施行。\n附件\n某某管理条例实施细则\n第一条 根据条例，制定本细则。\n",
			[]string{"某某管理条例|某某省第十一届人民代表大会常务委员会|2010-05-28|为了规范管理，制定本条例"}},
		{"an amendment decision quoting 第一条 is one policy",
			"某某市人民代表大会常务委员会关于修改某某条例的决定\n一、将第一条修改为：\n第一条 为了规范管理，制定本条例。\n二、本决定自公布之日起施行。\n",
			[]string{"某某市人民代表大会常务委员会关于修改某某条例的决定|某某市人民代表大会常务委员会||将第一条修改为："}},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, err := Parse("a.txt", []byte(c.text))
			require.NoError(t, err)
			var got []string
			for _, d := range docs {
				first := ""
				if len(d.Root.Children) > 0 {
					first = d.Text(d.Root.Children[0].Heading)
				}
				got = append(got, metaField(d.Meta, "title")+"|"+metaField(d.Meta, "issuer")+"|"+metaField(d.Meta, "issued")+"|"+first)
			}
			assert.Equal(t, c.want, got)
		})
	}
}
