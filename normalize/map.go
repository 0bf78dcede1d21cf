// Package normalize turns decoded policy text into canonical simplified
// text, one small stage at a time, and keeps for every stage a Map from its
// output bytes back to its input bytes, so that any offset of the final text
// can be traced to the raw input.
package normalize

import (
	"sort"
	"unsafe"
)

// A Segment records that the output bytes [OutStart, OutEnd) of a stage were
// produced from its input bytes [InStart, InEnd) as a whole: a replacement,
// a deletion (no output) or an insertion (no input). Offsets are 32-bit
// (Run refuses inputs of MaxInput bytes or more), which halves the memory
// maps take.
type Segment struct {
	InStart, InEnd   int32
	OutStart, OutEnd int32
}

// MaxInput bounds the length of an input Run accepts, so that the offsets
// of every stage's output fit a Segment.
const MaxInput = 1 << 29

// A Map lists in order the segments of one stage that did not copy their
// input. Between two segments, and before the first and after the last,
// the stage copied its input unchanged: those bytes map one to one. Both
// sides are monotonic. A stage that changes little has a small map.
type Map struct {
	Segs  []Segment
	InLen int // length in bytes of the stage's input
}

// after returns the index of the first segment that ends after off.
func (m *Map) after(off int) int {
	return sort.Search(len(m.Segs), func(i int) bool { return int(m.Segs[i].OutEnd) > off })
}

// copied maps off, an output offset in the copied run after segment j-1,
// to the input.
func (m *Map) copied(j, off int) int {
	in := off
	if j > 0 {
		s := m.Segs[j-1]
		in = int(s.InEnd) + off - int(s.OutEnd)
	}
	return min(in, m.InLen)
}

// Start maps an output offset that starts a range to an input offset: an
// offset inside a segment maps to the segment's start.
func (m *Map) Start(off int) int {
	j := m.after(off)
	if j < len(m.Segs) && int(m.Segs[j].OutStart) <= off {
		return int(m.Segs[j].InStart)
	}
	return m.copied(j, off)
}

// End maps an output offset that ends a range to an input offset: an
// offset inside a segment, or at its end, maps to the segment's end.
func (m *Map) End(off int) int {
	if off <= 0 {
		return m.Start(0)
	}
	j := m.after(off - 1)
	if j < len(m.Segs) && int(m.Segs[j].OutStart) <= off-1 {
		return int(m.Segs[j].InEnd)
	}
	return m.copied(j, off)
}

// afterFrom is after, looking first near hint, where the last lookup in
// m ended, and leaving there where this one ends.
func (m *Map) afterFrom(off int, hint *int) int {
	n, h := len(m.Segs), *hint
	var j int
	switch {
	case h > n:
		j = m.after(off)
	case h > 0 && int(m.Segs[h-1].OutEnd) > off:
		j = sort.Search(h, func(i int) bool { return int(m.Segs[i].OutEnd) > off })
	default:
		j = h
		for k := 0; j < n && int(m.Segs[j].OutEnd) <= off; k++ {
			if k == 8 {
				j += sort.Search(n-j, func(i int) bool { return int(m.Segs[j+i].OutEnd) > off })
				break
			}
			j++
		}
	}
	*hint = j
	return j
}

// startFrom is Start with a hint (see afterFrom).
func (m *Map) startFrom(off int, hint *int) int {
	j := m.afterFrom(off, hint)
	if j < len(m.Segs) && int(m.Segs[j].OutStart) <= off {
		return int(m.Segs[j].InStart)
	}
	return m.copied(j, off)
}

// endFrom is End with a hint (see afterFrom).
func (m *Map) endFrom(off int, hint *int) int {
	if off <= 0 {
		return m.startFrom(0, hint)
	}
	j := m.afterFrom(off-1, hint)
	if j < len(m.Segs) && int(m.Segs[j].OutStart) <= off-1 {
		return int(m.Segs[j].InEnd)
	}
	return m.copied(j, off)
}

// A Cursor maps ranges through a Chain as Chain.Span does, remembering
// where in each map the last range fell: ranges that come in order, as a
// text's facts do, are found without searching each map from its start.
// A Cursor is not safe for concurrent use.
type Cursor struct {
	c     Chain
	hints []int
}

// Cursor returns a Cursor over c.
func (c Chain) Cursor() *Cursor { return &Cursor{c: c, hints: make([]int, len(c))} }

// Span maps the output range [start, end) of the chain's last stage to a
// range of its first stage's input, as Chain.Span does.
func (k *Cursor) Span(start, end int) (int, int) {
	for i := len(k.c) - 1; i >= 0; i-- {
		h := &k.hints[i]
		s := k.c[i].startFrom(start, h)
		e := k.c[i].endFrom(end, h)
		if e < s {
			e = s
		}
		start, end = s, e
	}
	return start, end
}

// Builder writes a stage's output while recording its Map. Until the first
// replacement the output is a prefix of the input and nothing is copied; a
// stage that replaces nothing returns its input itself.
type Builder struct {
	in       []byte
	out      []byte
	m        Map
	pos      int  // input bytes consumed so far
	n        int  // output bytes written so far
	hint     int  // expected output length
	replaced bool // out holds the output; before, the output is in[:pos]
	scratch  bool // out is a buffer lent by the caller, returned as it is
	noMap    bool // record no map
	noText   bool // write no output, only the map
	// the map is appended to m.Segs with these added to its offsets
	inBase, outBase int32
}

// NewBuilder returns a Builder for a stage reading in. sizeHint is the
// expected output length in bytes.
func NewBuilder(in []byte, sizeHint int) *Builder {
	return &Builder{in: in, hint: sizeHint, m: Map{InLen: len(in)}}
}

// reuse makes b a Builder for a stage reading in, one piece of a longer
// text that starts at inBase of the stage's input and at outBase of its
// output. b writes its output, once it replaces something, into out, a
// buffer the caller keeps from one piece to the next (grown when too
// small), and appends the piece's map, in the offsets of the whole, to m,
// unless m is nil.
func (b *Builder) reuse(in, out []byte, m *Map, inBase, outBase int) {
	*b = Builder{in: in, out: out[:0], hint: len(in), scratch: true, noMap: m == nil, inBase: int32(inBase), outBase: int32(outBase)}
	if m != nil {
		b.m = *m
		b.m.InLen += len(in)
		*m = Map{} // b owns the map until Finish hands it back
	}
}

// newMapBuilder returns a Builder that records the Map of a stage whose
// input is inLen bytes long without writing any text: the stage's caller
// knows the output, and needs only the map.
func newMapBuilder(inLen int) *Builder {
	return &Builder{m: Map{InLen: inLen}, noText: true}
}

// Copy copies in[b.pos:end] to the output unchanged.
func (b *Builder) Copy(end int) {
	if end <= b.pos {
		return
	}
	if b.replaced && !b.noText {
		b.out = append(b.out, b.in[b.pos:end]...)
	}
	b.n += end - b.pos
	b.pos = end
}

// Replace consumes in[b.pos:end] and writes repl in its place; an empty repl
// deletes. Input before b.pos must already have been consumed.
func (b *Builder) Replace(end int, repl string) {
	if end < b.pos {
		end = b.pos
	}
	if end == b.pos && repl == "" {
		return
	}
	if !b.replaced {
		b.materialize(b.pos + len(repl))
	}
	o := b.n
	if !b.noText {
		b.out = append(b.out, repl...)
	}
	b.n += len(repl)
	if !b.noMap {
		b.m.Segs = appendSeg(b.m.Segs, Segment{InStart: b.inBase + int32(b.pos), InEnd: b.inBase + int32(end), OutStart: b.outBase + int32(o), OutEnd: b.outBase + int32(b.n)})
	}
	b.pos = end
}

// Substitute consumes in[b.pos:end] and writes repl, which has the same
// length, in its place, mapping byte by byte as Copy does: every rune
// boundary maps to the same boundary as with Replace, and runs of
// substitutions take no segment at all. A repl of another length is a
// Replace.
func (b *Builder) Substitute(end int, repl string) {
	if end < b.pos || len(repl) != end-b.pos {
		b.Replace(end, repl)
		return
	}
	if !b.replaced {
		b.materialize(end)
	}
	if !b.noText {
		b.out = append(b.out, repl...)
	}
	b.n += len(repl)
	b.pos = end
}

// appendSeg appends s to segs, doubling its capacity when full: append
// grows large slices by a quarter at a time, which for the many segments
// of a long text means many copies and collections.
func appendSeg(segs []Segment, s Segment) []Segment {
	if len(segs) == cap(segs) {
		grown := make([]Segment, len(segs), max(64, 2*cap(segs)))
		copy(grown, segs)
		segs = grown
	}
	return append(segs, s)
}

// materialize starts the output with the input consumed so far, in a
// buffer of at least n bytes.
func (b *Builder) materialize(n int) {
	b.replaced = true
	switch {
	case b.noText:
	case b.scratch:
		b.out = append(b.out[:0], b.in[:b.pos]...)
	default:
		b.out = append(make([]byte, 0, max(b.hint, n)), b.in[:b.pos]...)
	}
}

// Pos returns how many input bytes have been consumed.
func (b *Builder) Pos() int { return b.pos }

// Out returns the output written so far.
func (b *Builder) Out() []byte {
	if !b.replaced {
		return b.in[:b.pos:b.pos]
	}
	return b.out
}

// Finish copies the rest of the input and returns the output and its Map
// (for a Builder made by reuse, the map it was given with this piece's
// segments appended). The output is the input itself when nothing was
// replaced.
func (b *Builder) Finish() ([]byte, Map) {
	if b.noText {
		b.Copy(b.m.InLen)
	} else {
		b.Copy(len(b.in))
	}
	switch {
	case !b.replaced:
		return b.in[:len(b.in):len(b.in)], b.m
	case b.scratch || b.noText:
		return b.out, b.m
	}
	if cap(b.out)-len(b.out) > len(b.out)/4 {
		b.out = append([]byte(nil), b.out...) // outgrown its hint: do not keep the doubled buffer
	}
	if cap(b.m.Segs)-len(b.m.Segs) > len(b.m.Segs)/4 {
		b.m.Segs = append([]Segment(nil), b.m.Segs...)
	}
	return b.out, b.m
}

// appendShifted appends to whole the map m of one piece of a stage's input
// and output, which start at inBase and outBase of the whole.
func (whole *Map) appendShifted(m Map, inBase, outBase int) {
	for _, s := range m.Segs {
		s.InStart += int32(inBase)
		s.InEnd += int32(inBase)
		s.OutStart += int32(outBase)
		s.OutEnd += int32(outBase)
		whole.Segs = appendSeg(whole.Segs, s)
	}
	whole.InLen += m.InLen
}

// Identity returns the Map of a stage that changed nothing in n bytes.
func Identity(n int) Map { return Map{InLen: n} }

// Chain holds the maps of several stages applied in order and maps offsets
// of the last output back to the first input.
type Chain []Map

// Span maps the output range [start, end) of the last stage to a range of
// the first stage's input.
func (c Chain) Span(start, end int) (int, int) {
	for i := len(c) - 1; i >= 0; i-- {
		s, e := c[i].Start(start), c[i].End(end)
		if e < s {
			e = s
		}
		start, end = s, e
	}
	return start, end
}

// viewString returns b as a string without copying. The string must not
// outlive the call that made it, and b must not change meanwhile: stages
// use it to read their input with string functions.
func viewString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
