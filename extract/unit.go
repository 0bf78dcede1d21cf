package extract

import (
	"strings"
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
		r, n := firstRuneAt(s, j)
		switch r {
		case '（', '(', '〈', '<', '《':
			depth++
		case '）', ')', '〉', '>', '》':
			if depth == 0 {
				return j
			}
			depth--
		case '。', '\n':
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
		for j < end {
			r, n := firstRuneAt(s, j)
			if depth == 0 && strings.ContainsRune("、，,；;", r) {
				break
			}
			switch r {
			case '（', '(', '〈', '<':
				if depth == 0 && nameEnd < 0 {
					nameEnd = j
				}
				depth++
			case '）', ')', '〉', '>':
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
		if name != "" && runeCount(name) >= 2 && runeCount(name) <= 40 {
			f := Fact{Kind: "unit", Name: name, Role: role, Text: s[i:nameEnd], Span: c.span(i, nameEnd)}
			if u.Aliases != nil {
				f.Canonical = u.Aliases.Canonical(name)
			}
			out = append(out, f)
		}
		if j < end {
			_, n := firstRuneAt(s, j)
			j += n
		}
		i = j
	}
	return out
}

func runeCount(s string) int { return len([]rune(s)) }
