package normalize

import (
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

// Run normalizes in, UTF-8 text that may be ill-formed. It runs the
// stages in StageNames order over the text a piece at a time (see
// pipeline), with the result and maps they would give over the whole text
// at once, so that every byte of the output can be traced back.
func Run(in []byte) (*Result, error) {
	if len(in) >= MaxInput {
		return nil, fmt.Errorf("normalize: %d bytes: inputs of %d bytes or more are not supported", len(in), MaxInput)
	}
	p := pipelines.Get().(*pipeline)
	p.reset(in)
	r, err := p.run()
	p.reset(nil)
	pipelines.Put(p)
	return r, err
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
