package normalize

import (
	"bytes"
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
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"characters", got.chars, want.Chars},
		{"phrases", got.phrases, want.Phrases},
		{"traditional-only", got.tradOnly, want.TradOnly},
		{"simplified-only", got.simpOnly, want.SimpOnly},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s differ from OpenCC's", c.name)
		}
	}
	if len(got.chars) < 4000 || len(got.phrases) < 200 {
		t.Errorf("tables too small: %d characters, %d phrases", len(got.chars), len(got.phrases))
	}
	if got.chars['發'] != '发' || !got.tradOnly['發'] || !got.simpOnly['这'] || got.flag('發')&flagConvert == 0 {
		t.Error("發 → 发, 这 simplified-only: not in the tables")
	}
}
