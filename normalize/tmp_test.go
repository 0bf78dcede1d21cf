package normalize

import (
	"unicode/utf8"
	"os"
	"testing"
	"time"
)

func TestTmpBig(t *testing.T) {
	f := os.Getenv("BIG")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	best := time.Hour
	for i := 0; i < 8; i++ {
		st := time.Now()
		Run(b)
		best = min(best, time.Since(st))
	}
	t.Log("stream best of 8:", best)
}

func BenchmarkTmpScan(b *testing.B) {
	raw, _ := os.ReadFile("../bench/out/simp20.txt")
	raw = raw[:4<<20]
	tb, _ := loadTables()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		forLines(raw, func(l lineSpan, nl bool) { scanLine(raw[l.start:l.end], tb) })
	}
}

func BenchmarkTmpMeasure(b *testing.B) {
	raw, _ := os.ReadFile("../bench/out/simp20.txt")
	raw = raw[:4<<20]
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		forLines(raw, func(l lineSpan, nl bool) { measureLine(viewString(raw[l.start:l.end])) })
	}
}

func BenchmarkTmpLines(b *testing.B) {
	raw, _ := os.ReadFile("../bench/out/simp20.txt")
	raw = raw[:4<<20]
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		forLines(raw, func(l lineSpan, nl bool) {})
	}
}

func countCJK(s []byte) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0xE0 {
			n++
			i += 3
			continue
		}
		i++
	}
	return n
}

var sinkN int

func BenchmarkTmpCount(b *testing.B) {
	raw, _ := os.ReadFile("../bench/out/simp20.txt")
	raw = raw[:4<<20]
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		sinkN += countCJK(raw)
	}
}

func BenchmarkTmpValid(b *testing.B) {
	raw, _ := os.ReadFile("../bench/out/simp20.txt")
	raw = raw[:4<<20]
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if utf8.Valid(raw) {
			sinkN++
		}
	}
}

func scanA(s []byte, bmp *[0x10000 / 4]uint8, mode int) (int, int, int) {
	trad, simp, han, other := 0, 0, 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		for c >= 0xE4 && c <= 0xE9 && i+2 < len(s) {
			c1, c2 := s[i+1], s[i+2]
			if mode&1 != 0 && (c1&0xC0 != 0x80 || c2&0xC0 != 0x80 || c == 0xE4 && c1 < 0xB8) {
				break
			}
			r := uint(c&0x0F)<<12 | uint(c1&0x3F)<<6 | uint(c2&0x3F)
			if mode&2 != 0 {
				v := bmp[r>>2] >> (2 * (r & 3))
				trad += int(v & 1)
				simp += int(v&2) >> 1
			}
			if mode&4 != 0 && (r == '一' || r == '粉' || r == '翻' || r == '当') {
				other++
			}
			han++
			i += 3
			if i >= len(s) {
				break
			}
			c = s[i]
		}
		if c >= 0x80 {
			i += 3
			other++
			continue
		}
		i++
	}
	return trad, simp, han + other
}

func BenchmarkTmpScanA(b *testing.B) {
	raw, _ := os.ReadFile("../bench/out/simp20.txt")
	raw = raw[:4<<20]
	tb, _ := loadTables()
	for _, mode := range []int{0, 1, 2, 4, 7} {
		b.Run(string(rune('0'+mode)), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				x, y, z := scanA(raw, &tb.bmpScript, mode)
				sinkN += x + y + z
			}
		})
	}
}

func TestTmpPunctLines(t *testing.T) {
	raw, _ := os.ReadFile("../bench/out/simp20.txt")
	raw = raw[:2<<20]
	text, _, _ := Clean(raw)
	text, _ = Width(text)
	text, _, _ = Private(text, PrivateGlyphs)
	text, _, conv, _, _ := Simplify(text)
	text, _ = Mirror(text, conv, MirrorVocabulary)
	text, _, _ = Denoise(text)
	text, _ = Spaces(text)
	text, _ = JoinLines(text)
	n, nb, all := 0, 0, 0
	forLines(text, func(l lineSpan, nl bool) {
		all++
		if needsPunctuation(text[l.start:l.end]) {
			n++
			nb += l.end - l.start
		}
	})
	t.Log(all, n, nb, len(text))
}

func TestTmpSegs(t *testing.T) {
	for _, f := range []string{"../bench/out/simp20.txt", "../bench/out/trad20.txt"} {
		raw, _ := os.ReadFile(f)
		r, _ := Run(raw)
		var n []int
		tot := 0
		for _, m := range r.Maps {
			n = append(n, len(m.Segs))
			tot += len(m.Segs)
		}
		t.Log(f, n, tot, len(r.Noise))
	}
}
