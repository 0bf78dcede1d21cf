package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/internal/cjk"
)

// localBefore returns the text before byte i of s back to the nearest
// clause boundary (，。；：、 or a bracket) or the end of the previous
// fact (floor), whichever is nearer.
func localBefore(s string, i, floor int) string {
	return s[scanBack(s, i, floor, maxContext/2, stopBefore):i]
}

// localAfter returns the text after byte i of s up to the nearest clause
// boundary (，。；：、 or a newline), keeping bracketed (含) marks.
func localAfter(s string, i int) string {
	j, _ := scanFwd(s, i, maxContext/2, stopAfter)
	return s[i:j]
}

// Classes of the characters the context scans stop at.
const (
	stopSentence = 1 << iota // 。；！？ and the line break: the end of a sentence
	stopBefore               // ，。；：、（）() and the line break: where localBefore stops
	stopAfter                // ，。；：、 and the line break: where localAfter stops
)

// asciiStops, stopsE380 and stopsEFBC give the classes of the ASCII stop
// characters, of those in U+3000..U+303F (E3 80 xx) and of those in
// U+FF00..U+FF3F (EF BC xx), by their last byte.
var (
	asciiStops = [128]uint8{'\n': stopSentence | stopBefore | stopAfter, '(': stopBefore, ')': stopBefore}
	stopsE380  = [64]uint8{0x02: stopSentence | stopBefore | stopAfter /* 。 */, 0x01: stopBefore | stopAfter /* 、 */}
	stopsEFBC  = [64]uint8{
		0x0C: stopBefore | stopAfter,                /* ， */
		0x1B: stopSentence | stopBefore | stopAfter, /* ； */
		0x1A: stopBefore | stopAfter,                /* ： */
		0x01: stopSentence,                          /* ！ */
		0x1F: stopSentence,                          /* ？ */
		0x08: stopBefore,                            /* （ */
		0x09: stopBefore,                            /* ） */
	}
)

// stops3 returns the stop classes of the three-byte character b0 b1 b2.
func stops3(b0, b1, b2 byte) uint8 {
	switch {
	case b0 == 0xE3 && b1 == 0x80:
		return stopsE380[b2&0x3F]
	case b0 == 0xEF && b1 == 0xBC:
		return stopsEFBC[b2&0x3F]
	}
	return 0
}

// scanBack steps back from byte i of s, a well-formed text, one character
// at a time, while it stays above floor and less than limit bytes from i,
// up to a character of class stop, and returns where it stopped.
func scanBack(s string, i, floor, limit int, stop uint8) int {
	j := i
	for j > floor && i-j < limit {
		c := s[j-1]
		if c < utf8.RuneSelf {
			if asciiStops[c]&stop != 0 {
				break
			}
			j--
			continue
		}
		k := j - 1
		for k > 0 && j-k < utf8.UTFMax && s[k]&0xC0 == 0x80 {
			k--
		}
		if j-k == 3 && stops3(s[k], s[k+1], s[k+2])&stop != 0 {
			break
		}
		j = k
	}
	return j
}

// scanFwd steps forward from byte i of s, a well-formed text, one
// character at a time, while less than limit bytes from i, up to a
// character of class stop, and returns where that character starts and
// ends (both where the scan stopped when it met none).
func scanFwd(s string, i, limit int, stop uint8) (at, after int) {
	j := i
	for j < len(s) && j-i < limit {
		c := s[j]
		if c < utf8.RuneSelf {
			if asciiStops[c]&stop != 0 {
				return j, j + 1
			}
			j++
			continue
		}
		n := runeLenAt(s, j)
		if n == 3 && j+2 < len(s) && stops3(c, s[j+1], s[j+2])&stop != 0 {
			return j, j + 3
		}
		j += n
	}
	return j, j
}

// runeLenAt returns the length of the character starting at byte i of s,
// a well-formed text.
func runeLenAt(s string, i int) int {
	switch c := s[i]; {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}

// cueContext returns what the cue rules read around the value at
// [start, end) of c.Text, after the previous fact, which ends at floor.
func (c *Clause) cueContext(start, end, floor int) cueContext {
	s0, e0 := c.sentenceAround(start, end)
	return cueContext{
		before:   localBefore(c.Text, start, floor),
		after:    localAfter(c.Text, end),
		lead:     c.Text[s0:start],
		trail:    c.Text[end:e0],
		sentence: c.Text[s0:e0],
		heading:  c.headings(),
		text:     c.Text[start:end],
	}
}

// maxHeading is the length in characters of the longest clause heading the
// cue rules read: an item's first sentence is no heading.
const maxHeading = 25

// headings returns the headings of the clause's node and of the nodes
// above it that are short enough to be titles (一、工作目标), joined by a
// line break.
func (c *Clause) headings() string {
	if c.heads != nil {
		return *c.heads
	}
	var hs []string
	n := c.Doc.Root
	path := c.Node.Path
	for n != nil && n.Path != path {
		n = childTowards(n, c.Node)
		if n != nil && utf8.RuneCountInString(c.Doc.Text(n.Heading)) <= maxHeading {
			hs = append(hs, c.Doc.Text(n.Heading))
		}
	}
	h := strings.Join(hs, "\n")
	c.heads = &h
	return h
}

// childTowards returns the child of n that is node or holds it, nil when
// none does. Children are in document order, so the child is found by its
// span; a child of the same start that is not on the way (an empty node)
// sends the search through every child.
func childTowards(n, node *corpus.Node) *corpus.Node {
	on := func(ch *corpus.Node) bool {
		p := node.Path
		return p == ch.Path || len(p) > len(ch.Path) && p[len(ch.Path)] == '.' && strings.HasPrefix(p, ch.Path)
	}
	kids := n.Children
	i := sort.Search(len(kids), func(i int) bool { return kids[i].Span.Start > node.Span.Start })
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if on(kids[j]) {
			return kids[j]
		}
	}
	for _, ch := range kids {
		if on(ch) {
			return ch
		}
	}
	return nil
}

// qualify decides the qualifier of a value of kind from x, and returns
// how many bytes after the value belong to its text (以上, （含）以下), how
// many before it (最高, 不低于) and the inclusive mark: （含） true,
// （不含） false.
func (cs *Cues) qualify(kind string, x *cueContext) (q string, used, lead int, inclusive *bool) {
	yes, no := true, false
	after := x.after
	inclusive, mark := inclusionAt(after)
	switch {
	case inclusive != nil:
	case hasSuffixAny(x.before, inclusiveSigns):
		inclusive = &yes // ≤4亿元
	case hasSuffixAny(x.before, strictSigns):
		inclusive = &no // <4亿元
	}
	y := *x
	y.after = after[mark:]
	f := cs.decide(kind, "q", &y, Exact)
	if f.after != "" {
		used = mark + len(f.after) // (含) belongs to the match only with a bound word
		if inclusive == nil {
			// or after it: 5000万元以上（含本数）
			var n int
			if inclusive, n = inclusionAt(y.after[len(f.after):]); inclusive != nil {
				used += n
			}
		}
	}
	return f.value, used, len(f.before), inclusive
}

// inclusionMarks say whether a bound includes its value: （含）, （不含本数）.
var inclusionMarks = []struct {
	mark string
	in   bool
}{{"（含）", true}, {"(含)", true}, {"（含本数）", true}, {"(含本数)", true},
	{"（不含）", false}, {"(不含)", false}, {"（不含本数）", false}, {"(不含本数)", false}}

// inclusionAt reads an inclusion mark at the start of s: whether the bound
// includes its value (nil for no mark) and the mark's length.
func inclusionAt(s string) (*bool, int) {
	for _, m := range inclusionMarks {
		if strings.HasPrefix(s, m.mark) {
			in := m.in
			return &in, len(m.mark)
		}
	}
	return nil, 0
}

// The comparison signs a bound may be written with before its value: the
// cue table decides the bound, these whether the value is within it.
var (
	inclusiveSigns = []string{"≤", "≥", "≦", "≧", "<=", ">="}
	strictSigns    = []string{"<", ">", "＜", "＞"}
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if cjk.Contains(s, w) {
			return true
		}
	}
	return false
}
