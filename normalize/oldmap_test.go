package normalize

// The first Map, which recorded copied runs as segments too: the
// reference the compact Map must answer every query as.

import (
	"sort"
	"strings"
	"testing"
)

// A oldSegment records that the output bytes [OutStart, OutEnd) of a stage were
// produced from its input bytes [InStart, InEnd). Copy segments reproduce
// their input unchanged and map byte by byte; other segments map as a whole.
// Offsets are 32-bit (Run refuses inputs of MaxInput bytes or more), which
// halves the memory maps take.
type oldSegment struct {
	InStart, InEnd   int32
	OutStart, OutEnd int32
	Copy             bool
}

// A oldMap lists the segments of one stage in order. Segments cover the input
// and the output without gaps or overlaps, so both sides are monotonic.
type oldMap struct {
	Segs  []oldSegment
	InLen int // length in bytes of the stage's input
}

// find returns the index of the segment whose output range holds off, or for
// an offset at a boundary the first segment starting there. It returns -1 when
// the map is empty.
func (m *oldMap) find(off int) int {
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
func (m *oldMap) Start(off int) int {
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
func (m *oldMap) End(off int) int {
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

// oldBuilder writes a stage's output while recording its oldMap. Until the first
// replacement the output is a prefix of the input and nothing is copied; a
// stage that replaces nothing returns its input itself.
type oldBuilder struct {
	in       []byte
	out      []byte
	m        oldMap
	pos      int  // input bytes consumed so far
	n        int  // output bytes written so far
	hint     int  // expected output length
	replaced bool // out holds the output; before, the output is in[:pos]
	scratch  bool // out and m.Segs are buffers lent by the caller, returned as they are
	noMap    bool // record no map
	noText   bool // write no output, only the map
}

// NewBuilder returns a oldBuilder for a stage reading in. sizeHint is the
// expected output length in bytes.
func newOldBuilder(in []byte, sizeHint int) *oldBuilder {
	return &oldBuilder{in: in, hint: sizeHint, m: oldMap{InLen: len(in)}}
}

// reuse makes b a oldBuilder for a stage reading in that writes its output,
// once it replaces something, into out and its map into segs (both grown
// when too small): buffers the caller keeps from one piece of text to the
// next. With noMap b records no map.
func (b *oldBuilder) reuse(in, out []byte, segs []oldSegment, noMap bool) {
	*b = oldBuilder{in: in, out: out[:0], m: oldMap{InLen: len(in), Segs: segs[:0]}, hint: len(in), scratch: true, noMap: noMap}
}

// newMapBuilder returns a oldBuilder that records the oldMap of a stage whose
// input is inLen bytes long without writing any text: the stage's caller
// knows the output, and needs only the map.
func newOldMapBuilder(inLen int) *oldBuilder {
	return &oldBuilder{m: oldMap{InLen: inLen}, noText: true}
}

// Copy copies in[b.pos:end] to the output unchanged.
func (b *oldBuilder) Copy(end int) {
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
func (b *oldBuilder) extendCopy(start, o int) {
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
	b.addSeg(oldSegment{InStart: int32(start), InEnd: int32(b.pos), OutStart: int32(o), OutEnd: int32(b.n), Copy: true})
}

// Replace consumes in[b.pos:end] and writes repl in its place; an empty repl
// deletes. Input before b.pos must already have been consumed.
func (b *oldBuilder) Replace(end int, repl string) {
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
	b.addSeg(oldSegment{InStart: int32(b.pos), InEnd: int32(end), OutStart: int32(o), OutEnd: int32(b.n)})
	b.pos = end
}

// Substitute consumes in[b.pos:end] and writes repl, which has the same
// length, in its place, mapping byte by byte as Copy does: every rune
// boundary maps to the same boundary as with Replace, and runs of
// substitutions take one segment instead of two per character. A repl of
// another length is a Replace.
func (b *oldBuilder) Substitute(end int, repl string) {
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
func (b *oldBuilder) addSeg(s oldSegment) {
	if !b.noMap {
		b.m.Segs = oldAppendSeg(b.m.Segs, s)
	}
}

func oldAppendSeg(segs []oldSegment, s oldSegment) []oldSegment {
	if len(segs) == cap(segs) {
		grown := make([]oldSegment, len(segs), max(64, 2*cap(segs)))
		copy(grown, segs)
		segs = grown
	}
	return append(segs, s)
}

// materialize starts the output with the input consumed so far, in a
// buffer of at least n bytes.
func (b *oldBuilder) materialize(n int) {
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
func (b *oldBuilder) Pos() int { return b.pos }

// Out returns the output written so far.
func (b *oldBuilder) Out() []byte {
	if !b.replaced {
		return b.in[:b.pos:b.pos]
	}
	return b.out
}

// Finish copies the rest of the input and returns the output and its oldMap.
// The output is the input itself when nothing was replaced.
func (b *oldBuilder) Finish() ([]byte, oldMap) {
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
		b.m.Segs = append([]oldSegment(nil), b.m.Segs...)
	}
	return b.out, b.m
}

// appendShifted appends to whole the map m of one piece of a stage's input
// and output, which start at inBase and outBase of the whole. A copy
// segment that continues whole's last one extends it, so that a stage run
// piece by piece has the same map as when run over the whole text at once.
func (whole *oldMap) appendShifted(m oldMap, inBase, outBase int) {
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
		whole.Segs = oldAppendSeg(whole.Segs, s)
	}
	whole.InLen += m.InLen
}

// oldIdentity returns the oldMap of a stage that changed nothing in n bytes.
func oldIdentity(n int) oldMap {
	if n == 0 {
		return oldMap{}
	}
	return oldMap{InLen: n, Segs: []oldSegment{{InEnd: int32(n), OutEnd: int32(n), Copy: true}}}
}

// oldChain holds the maps of several stages applied in order and maps offsets
// of the last output back to the first input.
type oldChain []oldMap

// Span maps the output range [start, end) of the last stage to a range of
// the first stage's input.
func (c oldChain) Span(start, end int) (int, int) {
	for i := len(c) - 1; i >= 0; i-- {
		s, e := c[i].Start(start), c[i].End(end)
		if e < s {
			e = s
		}
		start, end = s, e
	}
	return start, end
}

// sameQueries checks that m answers Start and End for every offset as the
// first Map did.
func sameQueries(t *testing.T, m Map, old oldMap, outLen int) {
	t.Helper()
	for off := 0; off <= outLen+2; off++ {
		if m.Start(off) != old.Start(off) || m.End(off) != old.End(off) {
			t.Fatalf("offset %d: %d,%d; the first Map says %d,%d (segments %+v, first %+v)", off, m.Start(off), m.End(off), old.Start(off), old.End(off), m.Segs, old.Segs)
		}
	}
}

// FuzzCompactMap drives the Builder and the first Builder with the same
// operations and checks that their maps answer every query alike.
func FuzzCompactMap(f *testing.F) {
	f.Add([]byte("abcdefghij"), []byte{0, 2, 1, 5, 2, 7, 0, 9})
	f.Add([]byte("一二三四五"), []byte{1, 3, 1, 3, 2, 9, 1, 15})
	f.Fuzz(func(t *testing.T, in, ops []byte) {
		b, o := NewBuilder(in, len(in)), newOldBuilder(in, len(in))
		pos := 0
		for i := 0; i+1 < len(ops); i += 2 {
			end := pos + int(ops[i+1])%5
			if end > len(in) {
				end = len(in)
			}
			switch ops[i] % 4 {
			case 0:
				b.Copy(end)
				o.Copy(end)
			case 1:
				repl := string("xyz"[:int(ops[i+1])%4])
				b.Replace(end, repl)
				o.Replace(end, repl)
			case 2:
				repl := strings.Repeat("s", end-pos)
				b.Substitute(end, repl)
				o.Substitute(end, repl)
			case 3:
				b.Replace(end, "")
				o.Replace(end, "")
			}
			pos = max(pos, end)
		}
		out, m := b.Finish()
		oout, om := o.Finish()
		if string(out) != string(oout) {
			t.Fatalf("outputs %q vs %q", out, oout)
		}
		checkMap(t, m, len(in), len(out))
		sameQueries(t, m, om, len(out))
	})
}

// FuzzCursor checks that a Cursor answers every range as Chain.Span does,
// whatever order the ranges come in.
func FuzzCursor(f *testing.F) {
	f.Add([]byte("abcdefghijklmnop"), []byte{1, 2, 3, 1, 4, 0, 1, 9, 3, 3, 0, 5}, []byte{0, 3, 5, 2, 9, 9, 1})
	f.Fuzz(func(t *testing.T, in, ops, offs []byte) {
		var c Chain
		text := in
		for round := 0; round < 3 && len(ops) > 0; round++ {
			b := NewBuilder(text, len(text))
			pos := 0
			for i := 0; i+1 < len(ops); i += 2 {
				end := min(len(text), pos+int(ops[i+1])%4)
				switch ops[i] % 3 {
				case 0:
					b.Copy(end)
				case 1:
					b.Replace(end, "xy"[:int(ops[i])%3%2+1])
				case 2:
					b.Replace(end, "")
				}
				pos = max(pos, end)
			}
			var m Map
			text, m = b.Finish()
			c = append(c, m)
			ops = ops[len(ops)/2:]
		}
		k := c.Cursor()
		for i := 0; i+1 < len(offs); i++ {
			s, e := int(offs[i])%(len(text)+2), int(offs[i+1])%(len(text)+2)
			if e < s {
				s, e = e, s
			}
			ws, we := c.Span(s, e)
			gs, ge := k.Span(s, e)
			if ws != gs || we != ge {
				t.Fatalf("Span(%d, %d) = %d,%d by cursor, %d,%d by the chain", s, e, gs, ge, ws, we)
			}
		}
	})
}

// TestCursorOnLongMaps checks a Cursor on maps of thousands of segments,
// with ranges in order, in reverse and in no order.
func TestCursorOnLongMaps(t *testing.T) {
	in := []byte(strings.Repeat("abcdefg", 3000))
	var c Chain
	text := in
	for step := 3; step <= 5; step++ {
		b := NewBuilder(text, len(text))
		for i := 0; i+step < len(text); i += step {
			b.Copy(i)
			b.Replace(i+1, []string{"", "XY", "Z"}[i%3])
		}
		var m Map
		text, m = b.Finish()
		c = append(c, m)
	}
	var offs []int
	for i := 0; i <= len(text); i += 7 {
		offs = append(offs, i)
	}
	for i := len(text); i >= 0; i -= 11 {
		offs = append(offs, i)
	}
	for i := 0; i < 2000; i++ {
		offs = append(offs, (i*7919)%(len(text)+1))
	}
	k := c.Cursor()
	for i := 0; i+1 < len(offs); i++ {
		s, e := min(offs[i], offs[i+1]), max(offs[i], offs[i+1])
		ws, we := c.Span(s, e)
		if gs, ge := k.Span(s, e); ws != gs || we != ge {
			t.Fatalf("Span(%d, %d) = %d,%d by cursor, %d,%d by the chain", s, e, gs, ge, ws, we)
		}
	}
}
