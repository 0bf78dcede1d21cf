package normalize

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// JoinLines rejoins hard-wrapped lines and drops blank lines. A line break
// stays only at a structural boundary: the next line starts a clause marker
// (一、 （三） 3. ——) after a line that ends a sentence or a heading, the line
// before ends a sentence, or the line before is clearly shorter than the
// text's usual line width (the end of a paragraph, a title or a heading).
// Lines end up separated by exactly one line break.
func JoinLines(in []byte) ([]byte, Map) {
	type line struct{ start, end, width int }
	var lines []line
	for start := 0; start <= len(in); {
		end := indexByteFrom(in, start, '\n')
		if end > start {
			lines = append(lines, line{start, end, displayWidth(in[start:end])})
		}
		if end >= len(in) {
			break
		}
		start = end + 1
	}
	full := fullWidth(func(yield func(int) bool) {
		for _, l := range lines {
			if !yield(l.width) {
				return
			}
		}
	})
	b := NewBuilder(in, len(in))
	if len(lines) == 0 {
		b.Replace(len(in), "")
		return b.Finish()
	}
	b.Replace(lines[0].start, "") // leading blank lines
	for i := 0; i+1 < len(lines); i++ {
		a, nx := lines[i], lines[i+1]
		b.Copy(a.end)
		if keepBreak(string(in[a.start:a.end]), string(in[nx.start:nx.end]), a.width >= full) {
			if nx.start == a.end+1 {
				b.Copy(nx.start)
			} else {
				b.Copy(a.end + 1)
				b.Replace(nx.start, "")
			}
		} else {
			b.Replace(nx.start, "")
		}
	}
	last := lines[len(lines)-1]
	b.Copy(last.end)
	b.Replace(len(in), "")
	return b.Finish()
}

// fullWidth returns the display width from which a line counts as filled
// to the margin: 80% of the 75th percentile of the widths of lines of at
// least 16 columns.
func fullWidth(widths func(func(int) bool)) int {
	var ws []int
	for w := range widths {
		if w >= 16 {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		return 1 << 30
	}
	sort.Ints(ws)
	return ws[len(ws)*3/4] * 4 / 5
}

// displayWidth counts CJK and full-width characters as two columns and
// other characters as one.
func displayWidth(s []byte) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			w++
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if IsCJK(r) {
			w += 2
		} else {
			w++
		}
		i += n
	}
	return w
}

func keepBreak(a, next string, aFull bool) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(next)
	switch first {
	case '，', '。', '、', '；', '：', '）', '？', '！', '”', '〉', '》', '%':
		return false // no line starts with these in running text
	}
	if last == '）' && first == '（' {
		return true // a bracketed line of its own: (2020年9月16日印发), (附表略)
	}
	endsSentence := strings.ContainsRune("。！？；", last)
	if endsSentence {
		return true
	}
	continues := strings.ContainsRune("，、（“《〈—-+", last) || last == '('
	if _, ok := LeadingMarker(next); ok {
		return !continues && (!aFull || strings.ContainsRune("）)”：", last) || isHeading(a))
	}
	return !aFull && !continues
}

// isHeading reports whether a line is a heading: it starts with a clause
// marker and holds no sentence punctuation.
func isHeading(s string) bool {
	if _, ok := LeadingMarker(s); !ok {
		return false
	}
	return !strings.ContainsAny(s, "。，；")
}
