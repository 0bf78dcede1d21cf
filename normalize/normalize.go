package normalize

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Stage names, in the order Run applies them.
var StageNames = []string{"clean", "width", "private", "script", "mirror", "noise", "spaces", "lines", "punctuation"}

// maxJoinRounds bounds the rounds of line joining.
const maxJoinRounds = 8

// A Result is the canonical text of one input and how it was made.
type Result struct {
	Norm      []byte // the canonical text
	Maps      Chain  // one Map per stage, in StageNames order (lines may take several rounds)
	Script    Script // script of the input
	IllFormed int    // ill-formed UTF-8 sequences replaced by U+FFFD
	Noise     []Noise
	Warnings  []Warning
}

// A Warning is a problem Run noticed and worked around. Offset is a byte
// offset in Run's input.
type Warning struct {
	Offset int    `json:"offset"`
	Msg    string `json:"message"`
}

// InputSpan maps the range [start, end) of r.Norm to a byte range of Run's
// input.
func (r *Result) InputSpan(start, end int) (int, int) { return r.Maps.Span(start, end) }

// Run normalizes in, UTF-8 text that may be ill-formed, running the stages
// one at a time so that every byte of the output can be traced back.
func Run(in []byte) (*Result, error) {
	if len(in) >= MaxInput {
		return nil, fmt.Errorf("normalize: %d bytes: inputs of %d bytes or more are not supported", len(in), MaxInput)
	}
	r := &Result{}
	p := &buffers{in: in}
	dst := p.get()
	text, m, bad := clean(dst, in)
	p.next(in, text, dst)
	r.IllFormed = bad
	r.Maps = append(r.Maps, m)
	if bad > 0 {
		r.Warnings = append(r.Warnings, Warning{Offset: firstIllFormed(in), Msg: fmt.Sprintf("replaced %d ill-formed UTF-8 sequences with U+FFFD", bad)})
	}

	dst = p.get()
	out, m := byLine(dst, text, needsWidth, widthLine)
	p.next(text, out, dst)
	text = out
	r.Maps = append(r.Maps, m)

	dst = p.get()
	out, m, unknown := private(dst, text, PrivateGlyphs)
	p.next(text, out, dst)
	text = out
	r.Maps = append(r.Maps, m)
	for _, off := range unknown {
		s, _ := r.Maps.Span(off, off)
		r.Warnings = append(r.Warnings, Warning{Offset: s, Msg: fmt.Sprintf("unknown private-use character %q kept", []rune(string(text[off:]))[0])})
	}

	dst = p.get()
	out, m, converted, script, err := simplify(dst, text)
	if err != nil {
		return nil, fmt.Errorf("normalize: script tables: %w", err)
	}
	p.next(text, out, dst)
	text = out
	r.Script = script
	r.Maps = append(r.Maps, m)

	dst = p.get()
	out, m = mirror(dst, text, converted, MirrorVocabulary)
	p.next(text, out, dst)
	text = out
	r.Maps = append(r.Maps, m)

	dst = p.get()
	out, m, noise := denoise(dst, text)
	p.next(text, out, dst)
	text = out
	for i, n := range noise {
		noise[i].Start, noise[i].End = r.Maps.Span(n.Start, n.End)
	}
	r.Noise = noise
	r.Maps = append(r.Maps, m)

	dst = p.get()
	out, m = spaces(dst, text)
	p.next(text, out, dst)
	text = out
	r.Maps = append(r.Maps, m)

	// Joining changes line widths, which can make further lines look
	// wrapped; join until nothing changes so that normalizing is idempotent.
	for i := 0; i < maxJoinRounds; i++ {
		dst = p.get()
		joined, m := joinLines(dst, text)
		if i > 0 && bytes.Equal(joined, text) {
			p.next(joined, text, dst) // the round is dropped: its output is free
			break
		}
		p.next(text, joined, dst)
		text = joined
		r.Maps = append(r.Maps, m)
	}

	dst = p.get()
	out, m = byLine(dst, text, needsPunctuation, punctLine)
	p.next(text, out, dst)
	text = out
	r.Maps = append(r.Maps, m)
	if cap(text)-len(text) > len(text)/4 {
		text = append([]byte(nil), text...) // a recycled buffer larger than the text
	}
	r.Norm = text
	return r, nil
}

// buffers recycles stage outputs: once a stage has read its input, that
// buffer can take a later stage's output, so normalizing holds about two
// texts at a time rather than one per stage.
type buffers struct {
	in    []byte // the caller's input, never written
	spare [][]byte
}

// get returns a free buffer, or nil.
func (p *buffers) get() []byte {
	n := len(p.spare)
	if n == 0 {
		return nil
	}
	b := p.spare[n-1]
	p.spare = p.spare[:n-1]
	return b
}

// next frees what a stage that read old, was given dst and wrote out no
// longer needs: dst when the stage did not write into it, and old unless
// out is old itself (nothing changed) or old is the caller's input.
func (p *buffers) next(old, out, dst []byte) {
	if dst != nil && !sameBuffer(out, dst) {
		p.put(dst)
	}
	if !sameBuffer(out, old) && !sameBuffer(old, p.in) {
		p.put(old)
	}
}

// put frees b, once however often it is named.
func (p *buffers) put(b []byte) {
	if cap(b) == 0 {
		return
	}
	for _, s := range p.spare {
		if sameBuffer(s, b) {
			return
		}
	}
	p.spare = append(p.spare, b[:0])
}

// sameBuffer reports whether a and b start at the same byte of memory.
func sameBuffer(a, b []byte) bool {
	return cap(a) > 0 && cap(b) > 0 && &a[:1][0] == &b[:1][0]
}

func firstIllFormed(in []byte) int {
	for i := 0; i < len(in); {
		c := in[i]
		if c < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		if r == 0xFFFD && n == 1 {
			return i
		}
		i += n
	}
	return 0
}
