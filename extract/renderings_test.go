package extract_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// A rendering rewrites a policy's text as another source would give it.
type rendering struct {
	name   string
	render func(t *testing.T, text string) []byte
}

// renderings are the ways the mission's sources spoil a policy's text:
// PDF extraction's hard line breaks and page furniture, full-width
// characters, legacy encodings and traditional-script mirrors.
var renderings = []rendering{
	{"hard-wrapped at a PDF's width", func(t *testing.T, s string) []byte { return []byte(hardWrap(s, 60, 0)) }},
	{"hard-wrapped with page footers and running headers", func(t *testing.T, s string) []byte { return []byte(hardWrap(s, 60, 20)) }},
	{"full-width digits and letters", func(t *testing.T, s string) []byte { return []byte(eachBodyLine(s, fullWidth)) }},
	{"GB18030", func(t *testing.T, s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}},
	{"UTF-16 with a byte order mark", func(t *testing.T, s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}},
	{"a traditional-script mirror (OpenCC s2t)", func(t *testing.T, s string) []byte { return convertScript(t, "s2t", s) }},
	{"a Hong Kong mirror (OpenCC s2hk)", func(t *testing.T, s string) []byte { return convertScript(t, "s2hk", s) }},
	{"a mirror that writes readings in pinyin after characters", func(t *testing.T, s string) []byte {
		return []byte(eachBodyLine(string(convertScript(t, "s2t", s)), withReadings))
	}},
}

// TestRenderingsAgree reads each text policy of the test corpus as every
// rendering gives it and checks that its facts (kind, clause path, value,
// qualifier, role, rate) and metadata are those of the original.
func TestRenderingsAgree(t *testing.T) {
	names, _ := filepath.Glob("../testdata/corpus/*")
	for _, n := range names {
		base := filepath.Base(n)
		if strings.HasSuffix(n, ".html") || strings.ToUpper(base) == base {
			continue // pages keep their markup; README.md, PROVENANCE.md
		}
		docs, err := corpus.Open(n, corpus.Options{})
		require.NoError(t, err)
		require.Len(t, docs, 1)
		want := renderedFacts(docs[0])
		raw := string(docs[0].File.Source.Raw)
		for _, r := range renderings {
			t.Run(base+"/"+r.name, func(t *testing.T) {
				got, err := corpus.Parse(base, r.render(t, raw))
				require.NoError(t, err)
				require.Len(t, got, 1)
				assert.Equal(t, want, renderedFacts(got[0]))
			})
		}
	}
}

// renderedFacts lists a policy's metadata and facts as comparable lines.
func renderedFacts(d *corpus.Doc) []string {
	m := d.Meta
	out := []string{"status " + m.Status}
	for _, f := range []struct {
		name string
		v    *corpus.Value
	}{{"title", m.Title}, {"doc_number", m.DocNumber}, {"issuer", m.Issuer}, {"issued", m.Issued}, {"effective", m.Effective}, {"expires", m.Expires}, {"validity", m.Validity}} {
		if f.v != nil {
			out = append(out, f.name+" "+f.v.Value)
		}
	}
	var facts []string
	for _, f := range extract.Run(extract.Default, d) {
		facts = append(facts, fmt.Sprintf("%s %q %s%s%s%s %s %s %s", f.Kind, f.Path, f.Yuan, f.Number, f.Value, f.Name, f.Q, f.Role, f.Per))
	}
	sort.Strings(facts)
	return append(out, facts...)
}

// eachBodyLine applies f to the lines of s that are text: not front
// matter, markdown headings or comments.
func eachBodyLine(s string, f func(string) []string) string {
	var out []string
	frontMatter := false
	for i, l := range strings.Split(s, "\n") {
		switch {
		case strings.TrimSpace(l) == "---" && (i == 0 || frontMatter):
			frontMatter = !frontMatter && i == 0
			out = append(out, l)
		case frontMatter, strings.HasPrefix(l, "#"), strings.HasPrefix(l, "<!--"):
			out = append(out, l)
		default:
			out = append(out, f(l)...)
		}
	}
	return strings.Join(out, "\n")
}

// hardWrap breaks each text line of s at a display width of width columns
// (Chinese characters two, ASCII one), as PDF extraction does, and after
// every pageLines lines (none when 0) inserts a page footer, a running
// header and the next page's number.
func hardWrap(s string, width, pageLines int) string {
	n, page := 0, 1
	return eachBodyLine(s, func(l string) []string {
		var out []string
		cur, w := "", 0
		emit := func(line string) {
			out = append(out, line)
			n++
			if pageLines > 0 && n%pageLines == 0 {
				out = append(out, fmt.Sprintf("— %d —", page), "某某省人民政府公报", fmt.Sprintf("第%d页", page+1))
				page++
			}
		}
		for _, r := range l {
			rw := 2
			if r < 0x2E80 {
				rw = 1
			}
			if w+rw > width {
				emit(cur)
				cur, w = "", 0
			}
			cur += string(r)
			w += rw
		}
		emit(cur)
		return out
	})
}

// fullWidth writes the ASCII digits, letters, % and . of a line in their
// full-width forms.
func fullWidth(l string) []string {
	var b strings.Builder
	for _, r := range l {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '%' || r == '.' {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return []string{b.String()}
}

// withReadings writes a reading in pinyin, in brackets of either width,
// after every third Han character of a line, as some mirror sites'
// converters do (發(fā)展, 企業（yè）).
func withReadings(l string) []string {
	readings := []string{"(fā)", "（yè）", "(qū)", "(bǔ)", "（shí）"}
	var b strings.Builder
	n := 0
	for _, r := range l {
		b.WriteRune(r)
		if r >= 0x4E00 && r <= 0x9FFF {
			if n++; n%3 == 0 {
				b.WriteString(readings[n/3%len(readings)])
			}
		}
	}
	return []string{b.String()}
}

// convertScript converts s with an OpenCC configuration.
func convertScript(t *testing.T, config, s string) []byte {
	cc, err := opencc.New(config)
	require.NoError(t, err)
	out, err := cc.Convert(s)
	require.NoError(t, err)
	require.True(t, utf8.ValidString(out))
	return []byte(out)
}

// TestCompilationOfRegulations joins the regulations of the test corpus,
// as plain text under a contents page, into one compilation (法规汇编) and
// checks that each is found with the facts and metadata it has alone.
func TestCompilationOfRegulations(t *testing.T) {
	names := []string{"w056.md", "w086.md", "w093.md"}
	var want [][]string
	lines := []string{"目录"}
	var bodies []string
	for k, n := range names {
		docs, err := corpus.Open(filepath.Join("../testdata/corpus", n), corpus.Options{})
		require.NoError(t, err)
		want = append(want, renderedFacts(docs[0]))
		body := plainText(string(docs[0].File.Source.Raw))
		lines = append(lines, fmt.Sprintf("%s……%d", strings.SplitN(body, "\n", 2)[0], 10*k+1))
		bodies = append(bodies, body)
	}
	docs, err := corpus.Parse("compilation.txt", []byte(strings.Join(append(lines, bodies...), "\n")))
	require.NoError(t, err)
	require.Len(t, docs, len(names))
	for k, d := range docs {
		assert.Equal(t, want[k], renderedFacts(d), names[k])
	}
}

// plainText is a markdown policy as plain text: without front matter,
// comments and heading marks, and without blank lines.
func plainText(md string) string {
	var out []string
	frontMatter := false
	for i, l := range strings.Split(md, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case t == "---" && (i == 0 || frontMatter):
			frontMatter = !frontMatter && i == 0
		case frontMatter, t == "", strings.HasPrefix(t, "<!--"):
		default:
			out = append(out, strings.TrimSpace(strings.TrimLeft(t, "#")))
		}
	}
	return strings.Join(out, "\n")
}
