package extract

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The unit scans as first defined, rune by rune: unitMark's byte scans
// must find the same bounds.

func listEndRunes(s string, i int) int {
	depth := 0
	for j := i; j < len(s) && j-i < 4*maxContext; {
		r, n := utf8.DecodeRuneInString(s[j:])
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

func appendNamesRunes(u Unit, out []Fact, c *Clause, start, end int, role string) []Fact {
	s := c.Text
	first := len(out)
	i := start
	for i < end {
		j, depth := i, 0
		nameEnd := -1
		for j < end {
			r, n := utf8.DecodeRuneInString(s[j:])
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
			default:
				if depth == 0 && nameEnd >= 0 && r != '。' && r != '\n' && r != ' ' {
					nameEnd = -1 // a bracket inside the name
				}
			}
			j += n
		}
		if nameEnd < 0 {
			nameEnd = j
		}
		if strings.ContainsAny(s[i:nameEnd], "：:") {
			break // another label's item ends the list
		}
		name := strings.TrimSpace(s[i:nameEnd])
		name = strings.TrimSuffix(name, "下同")
		name = strings.TrimSuffix(name, "等")
		if name != "" && len([]rune(name)) >= 2 && len([]rune(name)) <= 40 {
			f := Fact{Kind: "unit", Name: name, Role: role, Text: s[i:nameEnd], Span: c.span(i, nameEnd)}
			if u.Aliases != nil {
				f.Canonical = u.Aliases.Canonical(name)
			}
			out = append(out, f)
		}
		if j < end {
			_, n := utf8.DecodeRuneInString(s[j:])
			j += n
		}
		i = j
	}
	// a body listed twice in one list is one fact
	seen := map[string]bool{}
	kept := out[:first]
	for _, f := range out[first:] {
		if !seen[f.Name] {
			seen[f.Name] = true
			kept = append(kept, f)
		}
	}
	return kept
}

func checkUnitScans(t *testing.T, s string) {
	t.Helper()
	u := Unit{Aliases: DefaultAliases}
	c := &Clause{Text: s}
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !utf8.RuneStart(s[i]) {
			continue
		}
		if got, want := listEnd(s, i), listEndRunes(s, i); got != want {
			t.Fatalf("listEnd(%q, %d) = %d, want %d", s, i, got, want)
		}
		end := listEndRunes(s, i)
		if got, want := u.appendNames(nil, c, i, end, "lead", nil), appendNamesRunes(u, nil, c, i, end, "lead"); !reflect.DeepEqual(got, want) {
			t.Fatalf("appendNames(%q, %d, %d) = %v, want %v", s, i, end, got, want)
		}
	}
}

func TestUnitScans(t *testing.T) {
	for _, s := range []string{"", "市经信局、市财政局，各区人民政府；市发改委;市科技局,市商务局", "市经信局（含下属单位）、市财政局〈牵头〉、各区人民政府等。下一句",
		"（市经信局、《规划》）)市财政局", "a、 b 、市政府下同\n市局", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二、甲"} {
		checkUnitScans(t, s)
	}
}

func FuzzUnitScans(f *testing.F) {
	f.Add("责任单位：市经信局（含下属单位）、市财政局，各区人民政府；市发改委。")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 1000 {
			return
		}
		checkUnitScans(t, s)
	})
}
