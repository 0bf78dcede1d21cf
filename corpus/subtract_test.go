package corpus

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// subtractPieces is subtract written the obvious way: each excluded span
// cuts every piece left.
func subtractPieces(spans, excl []Span) []Span {
	var out []Span
	for _, s := range spans {
		pieces := []Span{s}
		for _, e := range excl {
			var next []Span
			for _, p := range pieces {
				if !p.Overlaps(e) {
					next = append(next, p)
					continue
				}
				if p.Start < e.Start {
					next = append(next, Span{p.Start, e.Start})
				}
				if e.End < p.End {
					next = append(next, Span{e.End, p.End})
				}
			}
			pieces = next
		}
		for _, p := range pieces {
			if p.Len() > 0 {
				out = append(out, p)
			}
		}
	}
	return out
}

func TestSubtract(t *testing.T) {
	for _, c := range []struct {
		name        string
		spans, excl []Span
		want        []Span
	}{
		{"children", []Span{{0, 100}}, []Span{{10, 20}, {30, 40}}, []Span{{0, 10}, {20, 30}, {40, 100}}},
		{"unsorted and overlapping", []Span{{0, 100}}, []Span{{50, 60}, {10, 30}, {20, 40}}, []Span{{0, 10}, {40, 50}, {60, 100}}},
		{"a long span before a short one", []Span{{20, 100}}, []Span{{0, 50}, {5, 10}}, []Span{{50, 100}}},
		{"empty exclusion inside splits", []Span{{0, 10}}, []Span{{5, 5}}, []Span{{0, 5}, {5, 10}}},
		{"empty exclusion at the edge", []Span{{0, 10}}, []Span{{0, 0}, {10, 10}}, []Span{{0, 10}}},
		{"all covered", []Span{{3, 7}}, []Span{{0, 10}}, nil},
	} {
		assert.Equal(t, c.want, subtract(c.spans, c.excl), c.name)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var spans, excl []Span
		at := 0
		for range 1 + r.IntN(3) {
			at += r.IntN(20)
			n := r.IntN(30)
			spans = append(spans, Span{at, at + n})
			at += n
		}
		for range r.IntN(8) {
			s := r.IntN(at + 5)
			excl = append(excl, Span{s, s + r.IntN(15)})
		}
		assert.Equal(t, subtractPieces(spans, excl), subtract(spans, excl), "%v − %v", spans, excl)
	}
}
