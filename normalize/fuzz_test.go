package normalize

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F) {
	f.Add([]byte("第１条\u200b补贴３０％"))
	f.Add([]byte("…择优予以最\n— 33—\n第二部分 数字经济类\n第35页\n高 200万元资金支持"))
	f.Add([]byte("(一)深化,推进:补贴;\n(责任单位:市经信局\n各区人民政府)"))
	f.Add([]byte("支持數字經濟,網際網路\r\n人工智慧"))
	f.Add([]byte("0\uE0105万元/亩\xff\xfe"))
	f.Add([]byte("\t序号\t 单位 \t金额（元/kWh）\t\n1\t市财政局\t 1.2\n 2 \t\t市发展改革委\t2.0 \t\n一、总体要求\t\n为了加强管理，\n制定本办法。"))
	f.Add([]byte("開發(fā)區(qū)、企業（yè）補(bǔ)(a)（DCMM）"))
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, n := range names {
		b, _ := os.ReadFile(n)
		f.Add(b[:min(len(b), 4096)])
	}
}

// FuzzNormalize checks that normalizing is idempotent and that offsets map
// monotonically into the input.
func FuzzNormalize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := Run(raw)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Run(r.Norm)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Norm, r.Norm) {
			t.Fatalf("not idempotent: %+q -> %+q -> %+q", raw, r.Norm, again.Norm)
		}
		prev := 0
		for n := 0; n <= len(r.Norm); n++ {
			s, e := r.InputSpan(n, n)
			if s < prev || s > len(raw) || e < s {
				t.Fatalf("InputSpan(%d) = %d,%d after %d (input %d bytes)", n, s, e, prev, len(raw))
			}
			prev = s
		}
	})
}

// FuzzStages checks every stage's map on its own.
func FuzzStages(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		in, m, _ := Clean(raw)
		checkMap(t, m, len(raw), len(in))
		for _, st := range []func([]byte) ([]byte, Map){Width, Punctuation, Spaces, JoinLines,
			func(b []byte) ([]byte, Map) { o, m, _ := Private(b, PrivateGlyphs); return o, m },
			func(b []byte) ([]byte, Map) { o, m, _ := Denoise(b); return o, m },
			func(b []byte) ([]byte, Map) {
				o, m, c, _, _ := Simplify(b)
				o2, m2 := Mirror(o, c, MirrorVocabulary)
				_ = m
				checkMap(t, m2, len(o), len(o2))
				return o, m
			},
		} {
			out, m := st(in)
			checkMap(t, m, len(in), len(out))
		}
	})
}

// FuzzMarkerMayExtend checks markerMayExtend's promise: when it says no,
// no text appended to a line changes LeadingMarker's verdict on it.
func FuzzMarkerMayExtend(f *testing.F) {
	for _, s := range []string{"1.", "一、", "（一）", "第一章", "第一章 总则", "——", "1.5亿元", "十十十十十十", "（1", "①项目", "2022年", "一、二、三", "• 项"} {
		f.Add(s, "建设")
		f.Add(s, "、三、")
		f.Add(s, "5")
	}
	f.Fuzz(func(t *testing.T, s, x string) {
		if markerMayExtend(s) {
			return
		}
		m1, ok1 := LeadingMarker(s)
		m2, ok2 := LeadingMarker(s + x)
		if ok1 != ok2 || m1 != m2 {
			t.Fatalf("LeadingMarker(%q) = %v %v but LeadingMarker(%q) = %v %v", s, m1, ok1, s+x, m2, ok2)
		}
	})
}

// FuzzRunIsStaged checks that Run, which works piece by piece, gives the
// result of the stages run one after another over the whole text, with
// pieces of a few bytes.
func FuzzRunIsStaged(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		defer func(n int) { pieceSize = n }(pieceSize)
		pieceSize = 1 + len(raw)%37
		want, err := runStaged(raw)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Run(raw)
		if err != nil {
			t.Fatal(err)
		}
		if d := sameResult(got, want); d != "" {
			t.Fatalf("%+q: %s", raw, d)
		}
	})
}

// FuzzScanLine checks the one-pass line scan against the stage functions
// it stands for.
func FuzzScanLine(f *testing.F) {
	addSeeds(f)
	tb, err := loadTables()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, line := range bytes.Split(raw, []byte("\n")) {
			checkScan(t, tb, line)
		}
	})
}

// FuzzPunctuation checks Punctuation, which reads bytes, against its first
// definition over runes.
func FuzzPunctuation(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{"(一)深化,推进:补贴;对吗?", "1,000 and a:b (c)", "认证(DCMM)三级", "综合类!!!!!! 1", "（a)b(（c）)", "a (b\n) 中"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		in, _, _ := Clean(raw)
		got, gm := Punctuation(in)
		want, wm := punctuationRunes(in)
		if !bytes.Equal(got, want) || fmt.Sprint(gm) != fmt.Sprint(wm) {
			t.Fatalf("%+q: %+q vs %+q", in, got, want)
		}
	})
}

// FuzzConvert checks script conversion and the mirror vocabulary, which
// read bytes, against their first definitions over runes.
func FuzzConvert(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{"數位化網際網路人工智慧", "著作權發展", "於是乎", "計畫套用智慧型手機"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		in, _, _ := Clean(raw)
		got, _, _, _, err := Simplify(in)
		if err != nil {
			t.Fatal(err)
		}
		if want := simplifyRunes(in); !bytes.Equal(got, want) {
			t.Fatalf("Simplify(%+q) = %+q; want %+q", in, got, want)
		}
		all := map[int]bool{}
		for i := 0; i <= bytes.Count(in, []byte("\n")); i++ {
			all[i] = true
		}
		if got, _ := Mirror(in, all, MirrorVocabulary); !bytes.Equal(got, mirrorRunes(in)) {
			t.Fatalf("Mirror(%+q) = %+q; want %+q", in, got, mirrorRunes(in))
		}
	})
}
