package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Unit extracts the bodies responsible for a measure, from the lists that
// name them: a list after a label (牵头单位：…; 责任单位：…), usually in a
// trailing bracket, and a bracketed list without a label that ends with a
// phrase such as 等部门按职责分工落实 or 负责, its lead bodies named first
// when a word such as 牵头 ends them (市发改委牵头，市财政局等按职责分工负责);
// a body marked （牵头） in a list is a lead. One fact per body, split at 、，；,
// with 〈含…〉, (含…), 下同 and a trailing 等 stripped, each body once per
// clause, and a canonical name from Aliases. Labels, endings and the
// endings of bodies' names come from the cue table. Duties written in
// prose (区财政局负责…) are not lists.
type Unit struct {
	Aliases *Aliases
	Cues    *Cues // nil for DefaultCues
}

// Name implements Extractor.
func (Unit) Name() string { return "unit" }

// Extract implements Extractor.
func (u Unit) Extract(c *Clause) []Fact {
	cs := cueTable(u.Cues)
	out := c.newFacts()
	covered := -1 // the end of the last list read
	words := cs.unitLabels()
	ix := c.index()
	labels := c.matches()
	if ix.has(keyColon) {
		labels = findUnitLabels(c.Text, words, labels)
	}
	if ix.has(keyLabelClose) {
		labels = appendBracketLabels(c.Text, words, labels)
	}
	openers := cs.unitOpeners()
	if ix.has(keyColon) && len(openers) > 0 {
		labels = appendOpenerLabels(c.Text, openers, len(words), labels)
	}
	defer c.keepMatches(labels)
	for k, m := range labels {
		start := m[1]
		end := listEnd(c.Text, start)
		if k+1 < len(labels) && labels[k+1][0] < end {
			end = labels[k+1][0]
		}
		out = u.appendNames(out, c, start, end, cs.unitListLabels()[m[2]].role, nil)
		covered = max(covered, end)
	}
	out = u.appendTableNames(out, c, words)
	if endings := cs.unitEndings(); len(endings) > 0 {
		suffixes := cs.bodySuffixes()
		for _, b := range endedBrackets(c.Text, endings) {
			if b.open < covered {
				continue
			}
			start := b.open
			if strings.HasPrefix(c.Text[start:b.close], "由") {
				start += len("由") // （由市财政局负责）
			}
			// a first list ended by a word such as 牵头 (市发改委牵头，
			// 市财政局、市税务局按职责分工负责), with the role it gives
			if k, n, role := midWord(c.Text[start:b.close], cs.unitMids()); k > 0 {
				out = u.appendNames(out, c, start, start+k, role, suffixes)
				start += k + n
			}
			rest := c.Text[start:b.close]
			rest = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(rest, "等部门"), "等单位"), "等")
			out = u.appendNames(out, c, start, start+len(rest), b.role, suffixes)
		}
	}
	return out
}

// appendTableNames appends the bodies listed in the cells of a table whose
// column header is a label of labels (a task table's 牵头单位 and 配合单位
// columns), with the label's role; a body listed in several rows is one
// fact.
func (u Unit) appendTableNames(out []Fact, c *Clause, labels []unitLabel) []Fact {
	first := len(out)
	for _, cell := range tableCells(c.Text) {
		role := ""
		header := strings.TrimSpace(cell.header)
		for _, l := range labels {
			if strings.HasPrefix(header, l.word) && len(l.word) > len(role) {
				role = l.role
			}
		}
		if role == "" {
			continue
		}
		out = u.appendNames(out, c, cell.start, cell.end, role, nil)
	}
	if len(out) == first {
		return out
	}
	seen := map[string]bool{}
	kept := out[:first]
	for _, f := range out[first:] {
		if k := f.Role + "\x00" + f.Name; !seen[k] {
			seen[k] = true
			kept = append(kept, f)
		}
	}
	return kept
}

// labelBrackets are the brackets a label may stand in instead of before a
// colon (【责任单位】市经信局, [牵头单位]市政务服务局).
var labelBrackets = [][2]string{{"【", "】"}, {"[", "]"}, {"〔", "〕"}, {"［", "］"}}

// appendBracketLabels adds to ms, the labels findUnitLabels found before a
// colon, the labels of labels standing in brackets, a colon after them
// optional, keeping ms in order of position.
func appendBracketLabels(s string, labels []unitLabel, ms []match) []match {
	n := len(ms)
	for _, b := range labelBrackets {
		for from := 0; ; {
			k := strings.Index(s[from:], b[0])
			if k < 0 {
				break
			}
			open := from + k
			from = open + len(b[0])
			for li, l := range labels {
				rest, ok := strings.CutPrefix(s[from:], l.word)
				if !ok {
					continue
				}
				if rest, ok = strings.CutPrefix(rest, b[1]); ok {
					for _, colon := range []string{"：", ":"} {
						rest = strings.TrimPrefix(rest, colon)
					}
					ms = append(ms, match{open, len(s) - len(rest), li})
					break
				}
			}
		}
	}
	if len(ms) > n {
		slices.SortFunc(ms, func(a, b match) int { return a[0] - b[0] })
	}
	return ms
}

// appendOpenerLabels adds to ms the short labels of openers (牵头：, 配合：)
// that open a bracket or follow a semicolon (（牵头：市发改委；配合：市财政局）),
// numbered after the base labels (base + index), keeping ms in order.
func appendOpenerLabels(s string, openers []unitLabel, base int, ms []match) []match {
	n := len(ms)
	ascii, wide := nextIndex(s, 0, ":"), nextIndex(s, 0, "：")
	for ascii < len(s) || wide < len(s) {
		at, width := ascii, 1
		if wide < ascii {
			at, width = wide, len("：")
			wide = nextIndex(s, at+width, "：")
		} else {
			ascii = nextIndex(s, at+1, ":")
		}
		c := at + width
		for k, o := range openers {
			i := at - len(o.word)
			if i < 0 || s[i:at] != o.word {
				continue
			}
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); i == 0 || strings.ContainsRune("（(；;\n", r) {
				ms = append(ms, match{i, c, base + k})
			}
			break
		}
	}
	if len(ms) > n {
		slices.SortFunc(ms, func(a, b match) int { return a[0] - b[0] })
	}
	return ms
}

// midWord finds in s, the inside of an ended bracket, the first of mids
// followed by a separator (，；,;): it returns where the word starts, the
// length of the word and its separator, and the word's role; 0 for none.
func midWord(s string, mids []unitLabel) (at, n int, role string) {
	for _, m := range mids {
		for from := 0; from < len(s); {
			k := strings.Index(s[from:], m.word)
			if k < 0 {
				break
			}
			k += from
			if mark, sep := unitMark(s, k+len(m.word)); k+len(m.word) < len(s) && mark == markSep {
				if at == 0 || k < at {
					at, n, role = k, len(m.word)+sep, m.role
				}
				break
			}
			from = k + len(m.word)
		}
	}
	return at, n, role
}

// A bracket is the inside of a pair of round brackets of a text, up to
// the phrase that ends it, with the role the phrase gives.
type bracket struct {
	open, close int
	role        string
}

// endedBrackets returns the round brackets of s whose inside ends with one
// of endings (…等部门按职责分工落实）), in order: the inside up to the
// phrase. It looks only at closing brackets, and back from them to the
// bracket that opens theirs on the same line.
func endedBrackets(s string, endings []unitLabel) []bracket {
	var out []bracket
	ascii, wide := nextIndex(s, 0, ")"), nextIndex(s, 0, "）")
	for ascii < len(s) || wide < len(s) {
		at := ascii
		if wide < ascii {
			at = wide
			wide = nextIndex(s, at+len("）"), "）")
		} else {
			ascii = nextIndex(s, at+1, ")")
		}
		for _, e := range endings {
			if !strings.HasSuffix(s[:at], e.word) {
				continue
			}
			if open := openingBracket(s, at); open >= 0 && open < at-len(e.word) {
				out = append(out, bracket{open, at - len(e.word), e.role})
			}
			break
		}
	}
	return out
}

// openingBracket returns where the inside of the bracket that the closing
// bracket at i of s closes begins, or -1 when it opens on another line.
func openingBracket(s string, i int) int {
	depth := 0
	for j := i; j > 0 && i-j < 4*maxContext; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		j -= n
		switch r {
		case '）', ')':
			depth++
		case '（', '(':
			if depth == 0 {
				return j + n
			}
			depth--
		case '\n':
			return -1
		}
	}
	return -1
}

// dedupeUnits keeps the first fact of each body of the list fs.
func dedupeUnits(fs []Fact) []Fact {
	out := fs[:0]
	for _, f := range fs {
		if !slices.ContainsFunc(out, func(g Fact) bool { return g.Name == f.Name }) {
			out = append(out, f)
		}
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
// With suffixes (an unlabelled list) every name must end with one of them,
// or the list gives no facts.
func (u Unit) appendNames(out []Fact, c *Clause, start, end int, role string, suffixes []string) []Fact {
	first := len(out)
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
			default:
				if depth == 0 && nameEnd >= 0 && m != markEnd && s[j] != ' ' {
					nameEnd = -1 // the bracket was inside the name: 各县（市、区）人民政府
				}
			}
			j += n
		}
		if nameEnd < 0 {
			nameEnd = j
		}
		if seg := s[i:nameEnd]; strings.IndexByte(seg, ':') >= 0 || strings.Contains(seg, "：") {
			break // another label's item: （责任单位：各区人民政府，完成时限：2024年底前）
		}
		name := strings.TrimSpace(s[i:nameEnd])
		name = strings.TrimSuffix(name, "下同")
		name = strings.TrimSuffix(name, "等")
		if k := len(name); k >= 2 && k <= 40*utf8.UTFMax {
			if runes := utf8.RuneCountInString(name); runes >= 2 && runes <= 40 {
				r := role
				if strings.Contains(s[nameEnd:j], "牵头") {
					r = "lead" // 责任单位：市发展改革委（牵头）、市财政局
				}
				f := Fact{Kind: "unit", Name: name, Role: r, Text: s[i:nameEnd], Span: c.span(i, nameEnd)}
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
	if suffixes != nil {
		for _, f := range out[first:] {
			if !hasSuffixAny(f.Name, suffixes) {
				return out[:first] // not a list of bodies: （含开发区、风景区）
			}
		}
	}
	return append(out[:first], dedupeUnits(out[first:])...) // a body listed twice is one fact
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
