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
// when there are none. An item's marker follows a stop and any spaces;
// the line is searched for the characters markers open with, which most
// lines hold few of, and each is taken when a stop comes before it.
func inlineItems(s string) []int {
	o := openings{s: s, next: [3]int{-1, -1, -1}}
	j := o.after(1) // a marker at the line's start follows no stop
	if j < 0 {
		return nil
	}
	seq := newItemSequence(s)
	for ; j >= 0; j = o.after(j + 1) {
		if endsWithStop(strings.TrimRight(s[:j], " ")) {
			seq.offer(s, j)
		}
	}
	return seq.cuts
}

// itemSequence counts the inline items of a line: a marker of the （一）
// or ① families starts an item when its number continues the sequence,
// 1 for the first item in a line or the number after the marker the line
// starts with.
type itemSequence struct {
	family normalize.Family
	next   int
	cuts   []int // where the items start
}

// newItemSequence starts the sequence of line s.
func newItemSequence(s string) itemSequence {
	if m, ok := leadingMarker(s); ok && inlineFamily(m.Family) {
		return itemSequence{family: m.Family, next: m.Value + 1}
	}
	return itemSequence{next: 1}
}

// offer takes the marker at offset j of s, after a stop, when it starts
// the next item.
func (q *itemSequence) offer(s string, j int) {
	m, ok := leadingMarker(s[j:])
	if !ok || !inlineFamily(m.Family) {
		return
	}
	switch {
	case m.Value == q.next && (q.family == "" || m.Family == q.family):
		q.family, q.next = m.Family, q.next+1
		q.cuts = append(q.cuts, j)
	case m.Value == 1 && len(q.cuts) == 0 && m.Family != q.family:
		// a new list in the line's text after an item marker of another family
		q.family, q.next = m.Family, 2
		q.cuts = append(q.cuts, j)
	}
}

// openingWords are what the marker of an inline item starts with: （ (
// and the first two bytes of ①..⑳ (E2 91 A0 .. E2 91 B3).
var openingWords = [3]string{"（", "(", "\xe2\x91"}

// openings finds the offsets in s where an openingWord starts, in order.
type openings struct {
	s    string
	next [3]int // each word's next offset found, len(s) for none, -1 before the first search
}

// after returns the first offset at or after from where an openingWord
// starts, -1 when there is none.
func (o *openings) after(from int) int {
	first := len(o.s)
	for k, w := range openingWords {
		if o.next[k] < from {
			o.next[k] = len(o.s)
			if from <= len(o.s) {
				if i := cjk.Index(o.s[from:], w); i >= 0 {
					o.next[k] = from + i
				}
			}
		}
		first = min(first, o.next[k])
	}
	if first == len(o.s) {
		return -1
	}
	return first
}

// endsWithStop reports whether s ends with one of ；：。;:, after which an
// inline item may start.
func endsWithStop(s string) bool {
	return strings.HasSuffix(s, "；") || strings.HasSuffix(s, "：") || strings.HasSuffix(s, "。") ||
		strings.HasSuffix(s, ";") || strings.HasSuffix(s, ":")
}
