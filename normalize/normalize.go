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
	text, m, bad := Clean(in)
	r.IllFormed = bad
	r.Maps = append(r.Maps, m)
	if bad > 0 {
		r.Warnings = append(r.Warnings, Warning{Offset: firstIllFormed(in), Msg: fmt.Sprintf("replaced %d ill-formed UTF-8 sequences with U+FFFD", bad)})
	}

	text, m = Width(text)
	r.Maps = append(r.Maps, m)

	text, m, unknown := Private(text, PrivateGlyphs)
	r.Maps = append(r.Maps, m)
	for _, off := range unknown {
		s, _ := r.Maps.Span(off, off)
		r.Warnings = append(r.Warnings, Warning{Offset: s, Msg: fmt.Sprintf("unknown private-use character %q kept", []rune(string(text[off:]))[0])})
	}

	text, m, converted, script, err := Simplify(text)
	if err != nil {
		return nil, fmt.Errorf("normalize: script tables: %w", err)
	}
	r.Script = script
	r.Maps = append(r.Maps, m)

	text, m = Mirror(text, converted, MirrorVocabulary)
	r.Maps = append(r.Maps, m)

	text, m, noise := Denoise(text)
	for i, n := range noise {
		noise[i].Start, noise[i].End = r.Maps.Span(n.Start, n.End)
	}
	r.Noise = noise
	r.Maps = append(r.Maps, m)

	text, m = Spaces(text)
	r.Maps = append(r.Maps, m)

	// Joining changes line widths, which can make further lines look
	// wrapped; join until nothing changes so that normalizing is idempotent.
	for i := 0; i < maxJoinRounds; i++ {
		joined, m := JoinLines(text)
		if i > 0 && bytes.Equal(joined, text) {
			break
		}
		text = joined
		r.Maps = append(r.Maps, m)
	}

	text, m = Punctuation(text)
	r.Maps = append(r.Maps, m)
	r.Norm = text
	return r, nil
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
