package normalize

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/zhengce/zhengce/normalize/internal/opencct2s"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestT2STableIsOpenCCs checks that the embedded table is what the opencc
// package's dictionaries give today (regenerate with go generate
// ./normalize) and that parsing it yields OpenCC's tables entry for entry.
func TestT2STableIsOpenCCs(t *testing.T) {
	want, err := opencct2s.Read()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := want.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.String() != t2sTable {
		t.Fatal("t2s.tsv differs from the opencc package's tables: run go generate ./normalize")
	}
	got, err := buildTables()
	if err != nil {
		t.Fatal(err)
	}
	chars, tradOnly, simpOnly := got.sets()
	conv := got.conversion()
	// the tables hold characters below flagLimit: OpenCC lists a few
	// simplified-only ones of CJK Extension G beyond it, which count as
	// neither script
	for _, set := range []map[rune]bool{want.TradOnly, want.SimpOnly} {
		for r := range set {
			if r >= flagLimit {
				delete(set, r)
			}
		}
	}
	// and a few it lists in both sets (緼, 藴, …) count as traditional
	for r := range want.TradOnly {
		delete(want.SimpOnly, r)
	}
	// each character maps to the end of its chain in OpenCC's table (薴 →
	// 苧 → 苎 gives 薴 → 苎), and phrases to text the table leaves alone
	final := func(r rune) rune {
		for range 8 {
			v, ok := want.Chars[r]
			if !ok || v == r {
				break
			}
			r = v
		}
		return r
	}
	chained := 0
	for k, v := range want.Chars {
		if f := final(v); f != v {
			want.Chars[k] = f
			chained++
		}
	}
	for k, v := range want.Phrases {
		want.Phrases[k] = strings.Map(final, v)
	}
	t.Logf("%d characters map to the end of a chain", chained)
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"characters", chars, want.Chars},
		{"phrases", conv.phrases, want.Phrases},
		{"traditional-only", tradOnly, want.TradOnly},
		{"simplified-only", simpOnly, want.SimpOnly},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s differ from OpenCC's", c.name)
		}
	}
	if len(chars) < 4000 || len(conv.phrases) < 200 {
		t.Errorf("tables too small: %d characters, %d phrases", len(chars), len(conv.phrases))
	}
	if conv.char('發') != '发' || !tradOnly['發'] || !simpOnly['这'] || conv.flag('發')&flagConvert == 0 {
		t.Error("發 → 发, 这 simplified-only: not in the tables")
	}
	if conv.char('薴') != '苎' {
		t.Errorf("薴 → %c, want 苎, the end of its chain", conv.char('薴'))
	}
	for k := range chars {
		if v := conv.char(k); v >= 0 && conv.char(v) >= 0 && conv.char(v) != v {
			t.Errorf("%c → %c → %c: converting twice changes the text again", k, v, conv.char(v))
		}
	}
}

// sets reads t's character mapping and its sets of characters only one
// script uses back out of its tables, as maps.
func (t *t2sTables) sets() (chars map[rune]rune, tradOnly, simpOnly map[rune]bool) {
	chars, tradOnly, simpOnly = map[rune]rune{}, map[rune]bool{}, map[rune]bool{}
	c := t.conversion()
	for r := rune(0); r < flagLimit; r++ {
		if c.flag(r)&flagConvert != 0 {
			chars[r] = c.char(r)
		}
		switch t.script(r) {
		case scriptTrad:
			tradOnly[r] = true
		case scriptSimp:
			simpOnly[r] = true
		}
		if r >= 0x4E00 && r <= 0x9FFF && t.ideographs[r-0x4E00]&3 != t.script(r) {
			panic(fmt.Sprintf("U+%04X: ideograph table %d, script %d", r, t.ideographs[r-0x4E00]&3, t.script(r)))
		}
	}
	return chars, tradOnly, simpOnly
}

// TestConversionTablesBuiltOnDemand checks that simplified text is read
// without the conversion tables, and that the first traditional line
// builds them.
func TestConversionTablesBuiltOnDemand(t *testing.T) {
	tb, err := buildTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		seed      string
		converted bool
	}{
		{"001_2a5746484df83227.txt", false},
		{"003_c0775bc4c1ef2dcb.txt", false},
		{"002_1e3c7663b8a242cd.txt", true},
	} {
		in, err := os.ReadFile("../testdata/seeds/" + c.seed)
		if err != nil {
			t.Fatal(err)
		}
		var sc scriptCount
		var lb lineBuf
		lines := tb.simplify(NewBuilder(in, len(in)), in, &lb, &sc, nil)
		if got := len(lines) > 0; got != c.converted || (tb.conv != nil) != c.converted {
			t.Errorf("%s: %d lines converted, conversion tables built: %t; want converted %t", c.seed, len(lines), tb.conv != nil, c.converted)
		}
	}
}

// TestMirrorVocabulary writes lines as a mainland text mirrored by a
// Taiwan-style converter (OpenCC s2twp) reads, and checks that the
// mainland words come back; and lines of a Hong Kong rendering (s2hk),
// whose variant characters (衞, 敍) convert as their standard forms do.
func TestMirrorVocabulary(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2010年5月28日 河南省第十一屆人民代表大會常務委員會第十五次會議透過", "2010年5月28日 河南省第十一届人民代表大会常务委员会第十五次会议通过"},
		{"廣東省工業和資訊化廳", "广东省工业和信息化厅"},
		{"重點專案建設，成立專案組", "重点项目建设，成立专案组"},
		{"資訊保安和資訊科技", "信息安全和信息技术"},
		{"演算法推薦管理規定，入口網站", "算法推荐管理规定，门户网站"},
		{"對口支援", "对口支援"},
		{"衞生部 衞星 敍事", "卫生部 卫星 叙事"},
	} {
		assert.Equal(t, c.want, convertAll(t, c.in), c.in)
	}
	// only converted lines are mirrored: a mainland text's own words stay
	r, err := Run([]byte("透过现象看本质，资讯服务平台。\n"))
	require.NoError(t, err)
	assert.Equal(t, "透过现象看本质，资讯服务平台。", string(r.Norm))
}

// TestConvertedLines checks which lines of a text are converted: those
// holding more traditional-only characters, and those holding none of
// either script after one that was (the tail of a wrapped traditional
// sentence), but not after a simplified line.
func TestConvertedLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"修理記錄儲存期限不\n得低於6年。", "修理记录储存期限不\n得低于6年。"},
		{"修理记录保存期限不\n得低於6年。", "修理记录保存期限不\n得低於6年。"},
		{"得低於6年。\n修理記錄", "得低於6年。\n修理记录"},
		{"修理記錄\n\n得低於6年。", "修理记录\n\n得低于6年。"},
	} {
		out, _, _, _, err := Simplify([]byte(c.in))
		require.NoError(t, err)
		assert.Equal(t, c.want, string(out), c.in)
		r, err := Run([]byte(c.in))
		require.NoError(t, err)
		assert.NotContains(t, string(r.Norm), "記", c.in)
	}
}

// TestMirrorTableLines checks the reading of the mirror table's lines.
func TestMirrorTableLines(t *testing.T) {
	assert.Equal(t, map[string]string{"资讯": "信息", "透过": "通过"}, readMirrorTable("# comment\n资讯\t信息\n\n透过\t通过\n"))
	for _, bad := range []string{"资讯信息\n", "资讯\t\n", "资讯\t信息\t多\n", "资讯\t信息\n资讯\t消息\n"} {
		assert.Panics(t, func() { readMirrorTable(bad) }, "%q", bad)
	}
}
