package normalize

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/zhengce/zhengce/normalize/internal/opencct2s"
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
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"characters", chars, want.Chars},
		{"phrases", got.phrases, want.Phrases},
		{"traditional-only", tradOnly, want.TradOnly},
		{"simplified-only", simpOnly, want.SimpOnly},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s differ from OpenCC's", c.name)
		}
	}
	if len(chars) < 4000 || len(got.phrases) < 200 {
		t.Errorf("tables too small: %d characters, %d phrases", len(chars), len(got.phrases))
	}
	if got.char('發') != '发' || !tradOnly['發'] || !simpOnly['这'] || got.flag('發')&flagConvert == 0 {
		t.Error("發 → 发, 这 simplified-only: not in the tables")
	}
}

// sets reads t's character mapping and its sets of characters only one
// script uses back out of its tables, as maps.
func (t *t2sTables) sets() (chars map[rune]rune, tradOnly, simpOnly map[rune]bool) {
	chars, tradOnly, simpOnly = map[rune]rune{}, map[rune]bool{}, map[rune]bool{}
	for r := rune(0); r < flagLimit; r++ {
		f := t.flag(r)
		if f&flagConvert != 0 {
			chars[r] = t.char(r)
		}
		if f&flagTradOnly != 0 {
			tradOnly[r] = true
		}
		if f&flagSimpOnly != 0 {
			simpOnly[r] = true
		}
		if r < 0x10000 {
			script := t.bmpScript[r>>2] >> (2 * (r & 3)) & 3
			want := uint8(0)
			switch {
			case f&flagTradOnly != 0:
				want = scriptTrad
			case f&flagSimpOnly != 0:
				want = scriptSimp
			}
			if script != want {
				panic(fmt.Sprintf("U+%04X: script bits %d, flags %b", r, script, f))
			}
		}
	}
	return chars, tradOnly, simpOnly
}
