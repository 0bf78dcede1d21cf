package extract

import (
	"strings"
	"unicode/utf8"
)

var unitRoles = map[string]string{
	"牵头单位": "lead", "牵头部门": "lead",
	"责任单位": "responsible", "责任部门": "responsible",
	"配合单位": "cooperating", "配合部门": "cooperating", "协办单位": "cooperating", "参与单位": "cooperating",
}

// Unit extracts the bodies named after 责任单位/牵头单位/责任部门/牵头部门/配合单位,
// usually in a trailing bracket: one fact per body, split at 、，；, with
// 〈含…〉, (含…) and 下同 stripped, and a canonical name from Aliases.
type Unit struct {
	Aliases *Aliases
}

// Name implements Extractor.
func (Unit) Name() string { return "unit" }

// Extract implements Extractor.
func (u Unit) Extract(c *Clause) []Fact {
	if !c.index().has(keyDanWei | keyBuMen) {
		return nil
	}
	labels := findUnitLabels(c.Text, c.matches())
	defer c.keepMatches(labels)
	out := c.newFacts()
	for k, m := range labels {
		role := unitRoles[c.Text[m[2]:m[3]]]
		start := m[1]
		end := listEnd(c.Text, start)
		if k+1 < len(labels) && labels[k+1][0] < end {
			end = labels[k+1][0]
		}
		out = u.appendNames(out, c, start, end, role)
	}
	return out
}

// listEnd returns where a unit list starting at i ends: at the bracket that
// closes the list's own bracket, or at 。 or the line end.
func listEnd(s string, i int) int {
	depth := 0
	for j := i; j < len(s) && j-i < 4*maxContext; {
		m, n := unitMark(s, j)
		switch m {
		case markOpen, markOpenBook:
			depth++
		case markClose, markCloseBook:
			if depth == 0 {
				return j
			}
			depth--
		case markEnd:
			return j
		}
		j += n
	}
	return min(len(s), i+4*maxContext)
}

// appendNames splits s[start:end] into unit facts and appends them to out.
func (u Unit) appendNames(out []Fact, c *Clause, start, end int, role string) []Fact {
	s := c.Text
	i := start
	for i < end {
		// one name: up to the next separator outside brackets
		j, depth := i, 0
		nameEnd := -1
		n := 0
		for j < end {
			var m uint8
			m, n = unitMark(s, j)
			if depth == 0 && m == markSep {
				break
			}
			switch m {
			case markOpen:
				if depth == 0 && nameEnd < 0 {
					nameEnd = j
				}
				depth++
			case markClose:
				depth--
			}
			j += n
		}
		if nameEnd < 0 {
			nameEnd = j
		}
		name := strings.TrimSpace(s[i:nameEnd])
		name = strings.TrimSuffix(name, "下同")
		name = strings.TrimSuffix(name, "等")
		if k := len(name); k >= 2 && k <= 40*utf8.UTFMax {
			if runes := utf8.RuneCountInString(name); runes >= 2 && runes <= 40 {
				f := Fact{Kind: "unit", Name: name, Role: role, Text: s[i:nameEnd], Span: c.span(i, nameEnd)}
				if u.Aliases != nil {
					f.Canonical = u.Aliases.Canonical(name)
				}
				out = append(out, f)
			}
		}
		if j < end {
			j += n
		}
		i = j
	}
	return out
}

// Marks of unitMark.
const (
	markOther     = iota
	markOpen      // （ ( 〈 <
	markClose     // ） ) 〉 >
	markOpenBook  // 《
	markCloseBook // 》
	markSep       // 、 ， , ； ;
	markEnd       // 。 and the line break
)

// unitMark classifies the character at byte j of s, a well-formed text,
// for the unit scans, and returns its length.
func unitMark(s string, j int) (mark uint8, n int) {
	switch c := s[j]; {
	case c < utf8.RuneSelf:
		switch c {
		case '(', '<':
			return markOpen, 1
		case ')', '>':
			return markClose, 1
		case ',', ';':
			return markSep, 1
		case '\n':
			return markEnd, 1
		}
		return markOther, 1
	case j+2 < len(s) && c == 0xE3 && s[j+1] == 0x80:
		switch s[j+2] {
		case 0x88: // 〈
			return markOpen, 3
		case 0x89: // 〉
			return markClose, 3
		case 0x8A: // 《
			return markOpenBook, 3
		case 0x8B: // 》
			return markCloseBook, 3
		case 0x81: // 、
			return markSep, 3
		case 0x82: // 。
			return markEnd, 3
		}
		return markOther, 3
	case j+2 < len(s) && c == 0xEF && s[j+1] == 0xBC:
		switch s[j+2] {
		case 0x88: // （
			return markOpen, 3
		case 0x89: // ）
			return markClose, 3
		case 0x8C, 0x9B: // ， ；
			return markSep, 3
		}
		return markOther, 3
	}
	_, n = utf8.DecodeRuneInString(s[j:])
	return markOther, n
}
