package normalize

import (
	"bytes"
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
	lines := make([]line, 0, bytes.Count(in, []byte{'\n'})+1)
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
	widths := make([]int, len(lines))
	ends := make([]rune, len(lines))
	for i, l := range lines {
		widths[i] = l.width
		ends[i], _ = utf8.DecodeLastRune(in[l.start:l.end])
	}
	full := wrapWidth(widths, ends)
	b := NewBuilder(in, len(in))
	if len(lines) == 0 {
		b.Replace(len(in), "")
		return b.Finish()
	}
	b.Replace(lines[0].start, "") // leading blank lines
	text := viewString(in)        // read by keepBreak only, within this call
	for i := 0; i+1 < len(lines); i++ {
		a, nx := lines[i], lines[i+1]
		b.Copy(a.end)
		if keepBreak(text[a.start:a.end], text[nx.start:nx.end], a.width >= full) {
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

// wrapWidth returns the display width from which a line counts as filled
// to the margin of a hard-wrapped text, or a width no line reaches when the
// text is not hard-wrapped. A text is hard-wrapped when at least three
// lines, and a quarter of its lines of 16 columns or more, end inside a
// sentence at nearly the same width (within 4 columns): the wrap margin.
// Joined paragraphs do not cluster so, which keeps JoinLines idempotent.
func wrapWidth(widths []int, ends []rune) int {
	var mid []int
	long := 0
	for i, w := range widths {
		if w < 16 {
			continue
		}
		long++
		if !strings.ContainsRune("。！？；：）)”;:?!", ends[i]) {
			mid = append(mid, w)
		}
	}
	sort.Ints(mid)
	best, at := 0, 0
	for i, j := 0, 0; j < len(mid); j++ {
		for mid[j]-mid[i] > 4 {
			i++
		}
		if j-i+1 >= best {
			best, at = j-i+1, mid[j]
		}
	}
	if best < 3 || best*4 < long {
		return 1 << 30
	}
	return at * 4 / 5
}

// displayWidth counts CJK and full-width characters as two columns and
// other characters as one, except the ASCII punctuation that Punctuation
// may widen, which counts as two so that widths do not change across runs.
func displayWidth(s []byte) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			w++
			switch s[i] {
			case ',', ':', ';', '(', ')', '?', '!':
				w++ // counted as its full-width form, which Punctuation may make it
			}
			i++
			continue
		}
		if n := len(s) - i; n >= 3 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			(s[i] == 0xE3 && s[i+1] == 0x80 || s[i] == 0xEF && (s[i+1] == 0xBC || s[i+1] == 0xBD || s[i+1] == 0xBE && s[i+2] <= 0xBF)) {
			w += 2 // U+3000..U+303F CJK punctuation, U+FF00..U+FFBF full-width forms
			i += 3
			continue
		}
		if n := len(s) - i; n >= 3 && (s[i] == 0xE4 && s[i+1] >= 0xB8 || s[i] >= 0xE5 && s[i] <= 0xE9) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			w += 2 // U+4E00..U+9FFF, CJK unified ideographs
			i += 3
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
	case '，', '。', '、', '；', '：', '）', '？', '！', '”', '〉', '》', '%', ',', ';', ':', ')', '?', '!':
		return false // no line starts with these in running text
	}
	if (last == '）' || last == ')') && (first == '（' || first == '(') {
		return true // a bracketed line of its own: (2020年9月16日印发), (附表略)
	}
	endsSentence := strings.ContainsRune("。！？；;?!", last)
	if endsSentence {
		return true
	}
	continues := strings.ContainsRune("，、（“《〈—-+,", last) || last == '('
	if _, ok := LeadingMarker(next); ok {
		return !continues && (!aFull || strings.ContainsRune("）)”：:", last) || isHeading(a))
	}
	return !aFull && !continues
}

// isHeading reports whether a line is a heading: it starts with a clause
// marker and holds no sentence punctuation.
func isHeading(s string) bool {
	if _, ok := LeadingMarker(s); !ok {
		return false
	}
	return !strings.ContainsAny(s, "。，；,;")
}
