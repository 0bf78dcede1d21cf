package corpus

import (
	"strings"

	"github.com/zhengce/zhengce/internal/cjk"
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
// a run that does not count on from 1 is left as text. Lines before from
// are kept as they are; lines itself is returned when no line is split.
func splitInlineItems(lines []line, from int) []line {
	var out []line // nil until a line is split: most texts have none
	for i := from; i < len(lines); i++ {
		l := lines[i]
		cuts := inlineItems(l.text)
		if cuts == nil {
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		if out == nil {
			out = append(make([]line, 0, len(lines)+len(cuts)), lines[:i]...)
		}
		from := 0
		for _, c := range append(cuts, len(l.text)) {
			out = append(out, line{Span{l.Start + from, l.Start + c}, l.text[from:c]})
			from = c
		}
	}
	if out == nil {
		return lines
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
	if !mayOpenItem(s) {
		return nil
	}
	i := afterStop(s, 0)
	if i < 0 {
		return nil
	}
	var family normalize.Family
	next := 1
	if m, ok := leadingMarker(s); ok && inlineFamily(m.Family) {
		family, next = m.Family, m.Value+1
	}
	var cuts []int
	for ; i >= 0; i = afterStop(s, i) {
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

// mayOpenItem reports whether s holds a character the marker of an
// inline item starts with: （ ( or one of ①..⑳, whose UTF-8 starts E2 91.
// Most lines hold none, and three searches for bytes cost less than
// reading the line for its stops.
func mayOpenItem(s string) bool {
	return strings.IndexByte(s, '(') >= 0 || cjk.Contains(s, "（") || strings.Contains(s, "\xe2\x91")
}

// afterStop returns the offset after the first ；：。;: in s at or after
// from, -1 when there is none. It compares bytes: in UTF-8 a character's
// bytes are found only where it was written, and a line is mostly Chinese,
// whose runes cost more to decode than to pass over.
func afterStop(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case ';', ':':
			return i + 1
		case 0x9A, 0x9B: // ： U+FF1A and ； U+FF1B are EF BC 9A and EF BC 9B
			if i >= from+2 && s[i-2] == 0xEF && s[i-1] == 0xBC {
				return i + 1
			}
		case 0x82: // 。 U+3002 is E3 80 82
			if i >= from+2 && s[i-2] == 0xE3 && s[i-1] == 0x80 {
				return i + 1
			}
		}
	}
	return -1
}
