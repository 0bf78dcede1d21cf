package corpus

import (
	"strings"
	"unicode/utf8"

	"github.com/zhengce/zhengce/normalize"
)

// splitInlineItems returns lines with the items printed inside one
// paragraph each made a line of their own, for the tree: 有下列情形之一的：
// （一）…；（二）…；（三）…。 gives the lead-in and three item lines
// (FORMAT.md: items printed inside one paragraph are still a level of
// their own). An item starts after ： ； or 。 with a marker of the
// （一） or ① families whose number continues the sequence: 1 for the
// first item in a line, or the number after the marker the line starts
// with. References such as 第（一）项 are not preceded by those marks, and
// a run that does not count on from 1 is left as text.
func splitInlineItems(lines []line) []line {
	var out []line
	for _, l := range lines {
		cuts := inlineItems(l.text)
		if cuts == nil {
			out = append(out, l)
			continue
		}
		from := 0
		for _, c := range append(cuts, len(l.text)) {
			out = append(out, line{Span{l.Start + from, l.Start + c}, l.text[from:c]})
			from = c
		}
	}
	return out
}

// inlineFamily reports whether items of family f are split out of a
// paragraph.
func inlineFamily(f normalize.Family) bool {
	return f == normalize.HanParen || f == normalize.Circled
}

// inlineItems returns the byte offsets in s where inline items start, nil
// when there are none.
func inlineItems(s string) []int {
	if !strings.ContainsAny(s, "；：。;:") {
		return nil
	}
	var family normalize.Family
	next := 1
	if m, ok := leadingMarker(s); ok && inlineFamily(m.Family) {
		family, next = m.Family, m.Value+1
	}
	var cuts []int
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !strings.ContainsRune("；：。;:", r) {
			continue
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		m, ok := leadingMarker(s[j:])
		if !ok || !inlineFamily(m.Family) {
			continue
		}
		switch {
		case m.Value == next && (family == "" || m.Family == family):
			family, next = m.Family, next+1
			cuts = append(cuts, j)
		case m.Value == 1 && len(cuts) == 0 && m.Family != family:
			// a new list in the line's text after an item marker of another family
			family, next = m.Family, 2
			cuts = append(cuts, j)
		}
	}
	return cuts
}
