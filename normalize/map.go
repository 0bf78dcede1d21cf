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
// produced from its input bytes [InStart, InEnd). Copy segments reproduce
// their input unchanged and map byte by byte; other segments map as a whole.
// Offsets are 32-bit (Run refuses inputs of MaxInput bytes or more), which
// halves the memory maps take.
type Segment struct {
	InStart, InEnd   int32
	OutStart, OutEnd int32
	Copy             bool
}

// MaxInput bounds the length of an input Run accepts, so that the offsets
// of every stage's output fit a Segment.
const MaxInput = 1 << 29

// A Map lists the segments of one stage in order. Segments cover the input
// and the output without gaps or overlaps, so both sides are monotonic.
type Map struct {
	Segs  []Segment
	InLen int // length in bytes of the stage's input
}

// find returns the index of the segment whose output range holds off, or for
// an offset at a boundary the first segment starting there. It returns -1 when
// the map is empty.
func (m *Map) find(off int) int {
	n := len(m.Segs)
	if n == 0 {
		return -1
	}
	i := sort.Search(n, func(i int) bool { return int(m.Segs[i].OutEnd) > off })
	if i == n {
		return n - 1
	}
	return i
}

// Start maps an output offset that starts a range to an input offset.
func (m *Map) Start(off int) int {
	i := m.find(off)
	if i < 0 {
		return min(off, m.InLen)
	}
	s := m.Segs[i]
	switch {
	case off >= int(s.OutEnd):
		return int(s.InEnd)
	case s.Copy:
		return int(s.InStart) + (off - int(s.OutStart))
	default:
		return int(s.InStart)
	}
}

// End maps an output offset that ends a range to an input offset.
func (m *Map) End(off int) int {
	if off <= 0 {
		return m.Start(0)
	}
	i := m.find(off - 1)
	if i < 0 {
		return min(off, m.InLen)
	}
	s := m.Segs[i]
	switch {
	case off-1 >= int(s.OutEnd):
		return int(s.InEnd)
	case s.Copy:
		return int(s.InStart) + (off - int(s.OutStart))
	default:
		return int(s.InEnd)
	}
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
	scratch  bool // out and m.Segs are buffers lent by the caller, returned as they are
	noMap    bool // record no map
	noText   bool // write no output, only the map
}

// NewBuilder returns a Builder for a stage reading in. sizeHint is the
// expected output length in bytes.
func NewBuilder(in []byte, sizeHint int) *Builder {
	return &Builder{in: in, hint: sizeHint, m: Map{InLen: len(in)}}
}

// reuse makes b a Builder for a stage reading in that writes its output,
// once it replaces something, into out and its map into segs (both grown
// when too small): buffers the caller keeps from one piece of text to the
// next. With noMap b records no map.
func (b *Builder) reuse(in, out []byte, segs []Segment, noMap bool) {
	*b = Builder{in: in, out: out[:0], m: Map{InLen: len(in), Segs: segs[:0]}, hint: len(in), scratch: true, noMap: noMap}
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
	start, o := b.pos, b.n
	if b.replaced && !b.noText {
		b.out = append(b.out, b.in[start:end]...)
	}
	b.pos = end
	b.n += end - start
	b.extendCopy(start, o)
}

// extendCopy records that the input from start and the output from o up to
// b.pos and b.n map byte by byte, extending the last segment when it is a
// copy that ends there.
func (b *Builder) extendCopy(start, o int) {
	if b.noMap {
		return
	}
	if k := len(b.m.Segs); k > 0 {
		last := &b.m.Segs[k-1]
		if last.Copy && int(last.InEnd) == start && int(last.OutEnd) == o {
			last.InEnd = int32(b.pos)
			last.OutEnd = int32(b.n)
			return
		}
	}
	b.addSeg(Segment{InStart: int32(start), InEnd: int32(b.pos), OutStart: int32(o), OutEnd: int32(b.n), Copy: true})
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
	b.addSeg(Segment{InStart: int32(b.pos), InEnd: int32(end), OutStart: int32(o), OutEnd: int32(b.n)})
	b.pos = end
}

// Substitute consumes in[b.pos:end] and writes repl, which has the same
// length, in its place, mapping byte by byte as Copy does: every rune
// boundary maps to the same boundary as with Replace, and runs of
// substitutions take one segment instead of two per character. A repl of
// another length is a Replace.
func (b *Builder) Substitute(end int, repl string) {
	if end < b.pos || len(repl) != end-b.pos {
		b.Replace(end, repl)
		return
	}
	if !b.replaced {
		b.materialize(end)
	}
	start, o := b.pos, b.n
	if !b.noText {
		b.out = append(b.out, repl...)
	}
	b.pos = end
	b.n += len(repl)
	b.extendCopy(start, o)
}

// addSeg appends s to the map, doubling its capacity when full: append
// grows large slices by a quarter at a time, which for the millions of
// segments of a long traditional text means many copies and collections.
func (b *Builder) addSeg(s Segment) {
	if !b.noMap {
		b.m.Segs = appendSeg(b.m.Segs, s)
	}
}

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

// Finish copies the rest of the input and returns the output and its Map.
// The output is the input itself when nothing was replaced.
func (b *Builder) Finish() ([]byte, Map) {
	b.Copy(b.m.InLen)
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
// and output, which start at inBase and outBase of the whole. A copy
// segment that continues whole's last one extends it, so that a stage run
// piece by piece has the same map as when run over the whole text at once.
func (whole *Map) appendShifted(m Map, inBase, outBase int) {
	segs := m.Segs
	if k := len(whole.Segs); k > 0 && len(segs) > 0 {
		last, s := &whole.Segs[k-1], segs[0]
		if last.Copy && s.Copy && int(last.InEnd) == inBase+int(s.InStart) && int(last.OutEnd) == outBase+int(s.OutStart) {
			last.InEnd = int32(inBase) + s.InEnd
			last.OutEnd = int32(outBase) + s.OutEnd
			segs = segs[1:]
		}
	}
	for _, s := range segs {
		s.InStart += int32(inBase)
		s.InEnd += int32(inBase)
		s.OutStart += int32(outBase)
		s.OutEnd += int32(outBase)
		whole.Segs = appendSeg(whole.Segs, s)
	}
	whole.InLen += m.InLen
}

// Identity returns the Map of a stage that changed nothing in n bytes.
func Identity(n int) Map {
	if n == 0 {
		return Map{}
	}
	return Map{InLen: n, Segs: []Segment{{InEnd: int32(n), OutEnd: int32(n), Copy: true}}}
}

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
