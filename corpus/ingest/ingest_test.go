package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhengce/zhengce/normalize"
)

const seed001 = "../../testdata/seeds/001_2a5746484df83227.txt"

func normText(t *testing.T, s *Source) string {
	t.Helper()
	r, err := normalize.Run(s.Text)
	if err != nil {
		t.Fatal(err)
	}
	return string(r.Norm)
}

// seed001Texts returns seed 001 as it is (UTF-8) and encoded in GB18030.
func seed001Texts(t *testing.T) (raw, gb []byte) {
	t.Helper()
	raw, err := os.ReadFile(seed001)
	if err != nil {
		t.Fatal(err)
	}
	gb, err = simplifiedchinese.GB18030.NewEncoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	return raw, gb
}

func TestGB18030MatchesUTF8(t *testing.T) {
	raw, gb := seed001Texts(t)
	a, err := Decode("001.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Decode("001-gb.txt", gb)
	if err != nil {
		t.Fatal(err)
	}
	if a.Encoding != "utf-8" || b.Encoding != "gb18030" {
		t.Errorf("encodings %s, %s; want utf-8, gb18030", a.Encoding, b.Encoding)
	}
	if normText(t, a) != normText(t, b) {
		t.Error("GB18030 copy of 001 normalizes differently from the UTF-8 original")
	}
	// the map points into the GB18030 bytes: 武 is two bytes there
	i := bytes.Index(b.Text, []byte("武政规"))
	s, e := b.Maps.Span(i, i+len("武"))
	if got, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(gb[s:e]); string(got) != "武" {
		t.Errorf("raw span of 武 = %q", gb[s:e])
	}
}

func TestUTF16AndBOM(t *testing.T) {
	text := "一、总体要求\n（一）给予最高２００万元补助。\n"
	u := utf16.Encode([]rune(text))
	le := []byte{0xFF, 0xFE}
	noBOM := []byte{}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
		noBOM = append(noBOM, byte(c), byte(c>>8))
	}
	tests := []struct {
		name, enc string
		raw       []byte
	}{
		{"utf-8 bom", "utf-8-bom", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"utf-16le bom", "utf-16le", le},
		{"utf-16le no bom", "utf-16le", append([]byte("一"[:0]), noBOM...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Decode(tc.name, tc.raw)
			if err != nil {
				t.Fatal(err)
			}
			if s.Encoding != tc.enc || string(s.Text) != text {
				t.Errorf("Decode = %s %q; want %s %q", s.Encoding, s.Text, tc.enc, text)
			}
		})
	}
}

func TestHTMLPage(t *testing.T) {
	raw, _ := os.ReadFile(seed001)
	var body strings.Builder
	for _, line := range strings.Split(string(raw), "\n") {
		body.WriteString("<p>" + strings.ReplaceAll(line, "&", "&amp;") + "</p>\n")
	}
	page := `<!DOCTYPE html><html><head><title>武汉市支持数字经济加快发展若干政策_武汉市人民政府</title>
<meta name="ArticleTitle" content="武汉市支持数字经济加快发展若干政策"><script>var x="１００万元";</script>
<style>p{color:red}</style></head><body><div class="nav"><a href="/">首页</a> 政策文件</div>
<table class="xxgk"><tr><td>索引号：</td><td>011043/2022-00012</td><td>发文字号：</td><td>武政规〔2022〕6号</td></tr>
<tr><td>成文日期：</td><td>2022-04-28</td></tr></table>
<div class="article"><div id="zoom">` + body.String() + `</div></div>
<iframe src="http://example.invalid/x"></iframe><img src="http://example.invalid/a.png">
<div class="footer">版权所有 联系我们</div></body></html>`
	s, err := Decode("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if s.Format != "html" {
		t.Fatalf("format %s; want html", s.Format)
	}
	plain, _ := Decode("001.txt", raw)
	want, got := normText(t, plain), normText(t, s)
	start := strings.Index(want, "一、推进")
	end := strings.Index(want, "予以办理。")
	if start < 0 || end < 0 || !strings.Contains(got, want[start:end]) {
		t.Errorf("HTML body differs from the plain text body:\n%s", got[:min(len(got), 400)])
	}
	for _, bad := range []string{"首页", "版权所有", "color", "var x"} {
		if strings.Contains(got, bad) {
			t.Errorf("page chrome %q kept in body", bad)
		}
	}
	if s.Page.Title == "" || s.Page.Meta["articletitle"] != "武汉市支持数字经济加快发展若干政策" || s.Page.InfoBox["发文字号"] != "武政规〔2022〕6号" || s.Page.InfoBox["成文日期"] != "2022-04-28" {
		t.Errorf("page metadata = %+v", s.Page)
	}
	// the map points into the page bytes
	i := strings.Index(string(s.Text), "数字新型基础设施")
	a, b := s.Maps.Span(i, i+len("数字新型基础设施"))
	if page[a:b] != "数字新型基础设施" {
		t.Errorf("raw span = %q", page[a:b])
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		want error
		msg  string
	}{
		{"empty", write("empty.txt", nil), ErrEmpty, "empty document"},
		{"whitespace", write("ws.txt", []byte(" \n\t\n")), ErrEmpty, "empty document"},
		{"png", write("img.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), ErrBinary, "PNG"},
		{"random bytes", write("rand.txt", bytes.Repeat([]byte{0, 1, 2, 3, 0xFF, 0x10}, 100)), ErrBinary, "binary"},
		{"directory", dir, nil, "is a directory"},
		{"missing", filepath.Join(dir, "nope.txt"), nil, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFile(tc.path, nil, 0)
			if err == nil {
				t.Fatalf("ReadFile(%s) succeeded", tc.name)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v; want %v", err, tc.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.path+": ") || !strings.Contains(msg, tc.msg) || strings.Contains(msg, "\n") {
				t.Errorf("error %q; want one line naming %s and saying %q", msg, tc.path, tc.msg)
			}
		})
	}
	if _, err := ReadFile(write("big.txt", bytes.Repeat([]byte("政"), 100)), nil, 50); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over --max-bytes: %v", err)
	}
	s, err := ReadFile(write("nul.txt", []byte("补贴\x0030%的资金")), nil, 0)
	if err != nil || s.Encoding != "utf-8" {
		t.Errorf("a NUL inside text: %v", err)
	}
}

// TestDamagedAndBOMlessEncodings checks how text that is not clean UTF-8
// is read: UTF-8 with a little damage stays UTF-8 (and is not read as
// GB18030 or UTF-16 mojibake), damaged GB18030 stays GB18030, and UTF-16
// without a BOM or ASCII is recognised.
func TestDamagedAndBOMlessEncodings(t *testing.T) {
	raw, gb := seed001Texts(t)
	han := "国务院关于印发促进数字经济发展若干政策的通知各区人民政府市政府各部门现将若干政策印发给你们请认真贯彻执行"
	var le []byte
	for _, u := range utf16.Encode([]rune(strings.Repeat(han, 20))) {
		le = append(le, byte(u), byte(u>>8))
	}
	cut := func(b []byte, n int) []byte { return b[:len(b)-n] }
	stray := bytes.Clone(raw)
	stray[len(stray)/2] = 0xFF
	tests := []struct {
		name string
		in   []byte
		want string // encoding
		same bool   // the text is the input itself
	}{
		{"utf-8 cut inside the last character", cut(raw, 1), "utf-8", true},
		{"utf-8 cut two bytes into it", cut(raw, 2), "utf-8", true},
		{"utf-8 with a stray byte", stray, "utf-8", true},
		{"gb18030 cut inside the last character", cut(gb, 1), "gb18030", false},
		{"utf-16le without a BOM, no ASCII", le, "utf-16le", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Decode("x.txt", tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if s.Encoding != tc.want {
				t.Errorf("encoding %s; want %s", s.Encoding, tc.want)
			}
			if tc.same && !bytes.Equal(s.Text, tc.in) {
				t.Error("text differs from the input")
			}
			if !tc.same && !strings.Contains(string(s.Text), "若干政策") {
				t.Errorf("decoded text does not read: %.60q", s.Text)
			}
		})
	}
}

// BenchmarkDecode reads a seed as it is and with its last character cut
// off, which must not cost trial decodings in other encodings.
func BenchmarkDecode(b *testing.B) {
	raw, err := os.ReadFile(seed001)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		in   []byte
	}{{"utf-8", raw}, {"utf-8-cut", raw[:len(raw)-1]}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				if _, err := Decode("x.txt", c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
