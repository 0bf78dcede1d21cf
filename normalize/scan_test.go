package normalize

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkScan compares scanLine's findings on line with the stage functions
// they stand for.
func checkScan(t *testing.T, tb *t2sTables, line []byte) {
	t.Helper()
	sc := scanLine(line, tb)
	if out, _, _ := Clean(line); !bytes.Equal(out, line) && sc.flags&scanClean == 0 {
		t.Fatalf("%q: Clean changes it but the scan says no", line)
	}
	if sc.flags&scanClean != 0 {
		return // the rest is read again once the line is clean
	}
	if needsWidth(line) != (sc.flags&scanWidth != 0) {
		t.Fatalf("%q: needsWidth %v, scan %v", line, needsWidth(line), sc.flags&scanWidth != 0)
	}
	if out, _, _ := Private(line, PrivateGlyphs); !bytes.Equal(out, line) && sc.flags&scanPrivate == 0 {
		t.Fatalf("%q: Private changes it but the scan says no", line)
	}
	w, marks, punct := measureLine(string(line))
	if w != sc.width || marks != sc.marks || punct != (sc.flags&scanPunct != 0) {
		t.Fatalf("%q: measureLine %d %d %v, scan %d %d %v", line, w, marks, punct, sc.width, sc.marks, sc.flags&scanPunct != 0)
	}
	if n := utf8.RuneCount(line); n != sc.runes {
		t.Fatalf("%q: %d characters, scan %d", line, n, sc.runes)
	}
	if tr, sp := tb.lineScore(line); tr != sc.trad || sp != sc.simp {
		t.Fatalf("%q: lineScore %d %d, scan %d %d", line, tr, sp, sc.trad, sc.simp)
	}
	checks := []struct {
		name string
		want bool
		bit  scanFlag
	}{
		{"space", bytes.IndexAny(line, " \t") >= 0, scanSpace},
		{"stars", bytes.Contains(line, []byte("**")), scanStars},
		{"chrome", hasChromeMark(string(line)), scanChrome},
		{"leader", mayHoldLeader(string(line)), scanLeader},
	}
	for _, c := range checks {
		if c.want != (sc.flags&c.bit != 0) {
			t.Fatalf("%q: %s %v, scan %v", line, c.name, c.want, !c.want)
		}
	}
}

// TestScanLine checks scanLine against the stage functions on every line
// of the seeds and their variants, and on hand-picked lines.
func TestScanLine(t *testing.T) {
	tb, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{"", "a--b", "１２％", "，：；（）？！", "\uE010", "\uF8FF\uE000", "\u3000", "\uFEFF", "\u00a0\u00ad\u0085", "\u2028\u202f\u2060\u205f",
		"\xff\xfe", "\xe4\xb8", "\xed\xa0\x80", "\xc2\xb7\xc2\xb7", "··", "……", "——", "．．", "!!", "..", "__", "**", "{{", "粉丝：3", "当前位置:首页",
		"一键上传", "翻页效果", "上一篇：某某", "下一篇:某某", "相关链接：", "𠀀𪚥", "數位化", "\t\r\x7f", "丄丅", "ꀀ", "퀀"}
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range variants(string(b)) {
			lines = append(lines, strings.Split(v, "\n")...)
		}
	}
	for _, l := range lines {
		checkScan(t, tb, []byte(l))
	}
}
