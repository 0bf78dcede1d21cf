package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/zhengce/zhengce/corpus"
)

// factsInPieces returns d's facts read with pieces of n bytes.
func factsInPieces(d *corpus.Doc, n int) []Fact {
	defer func(old int) { clausePiece = old }(clausePiece)
	clausePiece = n
	return Run(Default, d)
}

// checkPieces checks that reading long clauses in pieces gives the facts
// of reading them whole.
func checkPieces(t *testing.T, name string, text []byte) {
	t.Helper()
	docs, err := corpus.Parse(name, text)
	if err != nil {
		return
	}
	for _, d := range docs {
		whole := factsInPieces(d, 1<<30)
		for _, n := range []int{64, 300, 2000} {
			if got := factsInPieces(d, n); !reflect.DeepEqual(got, whole) {
				t.Fatalf("%s: pieces of %d bytes give %d facts, the whole %d\n%v\n%v", name, n, len(got), len(whole), got, whole)
			}
		}
	}
}

// TestPiecesReadLikeTheWhole reads the seeds, run together without their
// clause markers into one long clause, in pieces of a few hundred bytes.
func TestPiecesReadLikeTheWhole(t *testing.T) {
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	var all []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		checkPieces(t, filepath.Base(n), b)
		all = append(all, string(b))
	}
	flat := strings.NewReplacer("一、", "", "二、", "", "（一）", "", "1.", "").Replace(strings.Join(all, "\n"))
	checkPieces(t, "flat", []byte(flat))
	tricky := strings.Repeat("按照《关于2021年\n工作的通知》执行。\n有效期内。\n3年后实施，给予最高200\n万元补助。\n", 40)
	checkPieces(t, "tricky", []byte(tricky))
}

func FuzzPieces(f *testing.F) {
	f.Add("给予最高200万元。\n自2022年6月1日起施行。\n有效期内。\n3年内完成，按照投资额的30%给予补助。\n《2020年\n规划》。\n（责任单位：市经信局）")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4000 {
			return
		}
		checkPieces(t, "fuzz", []byte(s))
	})
}
