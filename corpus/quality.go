package corpus

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Quality says how well a policy's structure was read, for a user to judge
// a corpus without gold files: whether a clause tree was found, how much
// body text stayed outside numbered clauses, which lines look numbered but
// did not become clauses, how many numbering warnings were raised and how
// many metadata fields were found.
type Quality struct {
	Tree             bool         `json:"tree"`              // at least one numbered clause
	Nodes            int          `json:"nodes"`             // clause nodes, the root not counted
	BodyChars        int          `json:"body_chars"`        // characters of body text (title, number and page chrome set aside)
	RootChars        int          `json:"root_chars"`        // of those, characters at path ""
	NumberedLines    int          `json:"numbered_lines"`    // body lines that look numbered
	Missed           []MissedLine `json:"missed"`            // of those, the lines that are not clauses
	SequenceWarnings int          `json:"sequence_warnings"` // numbering the tree builder worked around
	MetaFields       int          `json:"meta_fields"`       // metadata fields found (of MetaFieldNames)
}

// A MissedLine is a body line that looks numbered but is not a clause.
type MissedLine struct {
	Line int    `json:"line"` // 1-based line in the raw input
	Text string `json:"text"` // its first 40 characters
}

// MetaFieldNames are the metadata fields Quality counts.
var MetaFieldNames = []string{"title", "doc_number", "issuer", "issued", "printed", "effective", "validity", "expires"}

// Quality measures how well d's structure was read.
func (d *Doc) Quality() Quality {
	q := Quality{Missed: []MissedLine{}}
	starts := map[int]bool{}
	d.Root.Walk(func(n *Node) {
		if n == d.Root {
			return
		}
		q.Nodes++
		starts[n.Marker.Start] = true
	})
	q.Tree = q.Nodes > 0
	for _, s := range d.Root.Own {
		b := d.File.Norm[s.Start:s.End]
		q.RootChars += utf8.RuneCount(b) - bytes.Count(b, []byte{'\n'})
	}
	for _, l := range splitLines(d.File.Norm, d.Span) {
		if d.excluded(l.Span) {
			continue
		}
		q.BodyChars += utf8.RuneCountInString(l.text)
		if !LooksNumbered(l.text) {
			continue
		}
		q.NumberedLines++
		if !starts[l.Start] {
			text := l.text
			if n := utf8.RuneCountInString(text); n > 40 {
				text = string([]rune(text)[:40])
			}
			q.Missed = append(q.Missed, MissedLine{Line: d.File.Position(l.Start).Line, Text: text})
		}
	}
	for _, w := range d.Warnings {
		if strings.Contains(w.Msg, "numbering") || strings.Contains(w.Msg, "nested") {
			q.SequenceWarnings++
		}
	}
	m := d.Meta
	for _, v := range []*Value{m.Title, m.DocNumber, m.Issuer, m.Issued, m.Printed, m.Effective, m.Validity, m.Expires} {
		if v.Set() {
			q.MetaFields++
		}
	}
	return q
}

// LooksNumbered reports whether a line starts the way numbered items of
// Chinese official documents start, judged more loosely than the tree
// builder judges markers (markdown heading marks and spaces are skipped,
// every article spelling and outline number is accepted), so that lines
// the builder did not take can be found: 第三章, 第1 0条, 第二部分, 一、,
// （一）, (1), 1. 1、 1）, ①, 1.1, 1.1.1.
func LooksNumbered(s string) bool {
	s = strings.TrimLeft(s, "#*> \t　")
	if s == "" {
		return false
	}
	if rest, ok := strings.CutPrefix(s, "第"); ok {
		n := 0
		for n < len(rest) {
			r, size := utf8.DecodeRuneInString(rest[n:])
			if !(r >= '0' && r <= '9' || r == ' ' || isHanNumeral(r)) {
				break
			}
			n += size
		}
		if n == 0 {
			return false
		}
		for _, w := range []string{"章", "节", "条", "部分", "篇", "编"} {
			if strings.HasPrefix(rest[n:], w) {
				return true
			}
		}
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return true
	}
	if rest, ok := cutOpenParen(s); ok {
		n := 0
		for n < len(rest) {
			r, size := utf8.DecodeRuneInString(rest[n:])
			if !(r >= '0' && r <= '9' || isHanNumeral(r)) {
				break
			}
			n += size
		}
		return n > 0 && n <= 9 && (strings.HasPrefix(rest[n:], "）") || strings.HasPrefix(rest[n:], ")"))
	}
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n <= 3 {
		rest := s[n:]
		if len(rest) > 1 && rest[0] == '.' && rest[1] >= '0' && rest[1] <= '9' {
			// an outline number 1.1 or 1.1.1, then a heading
			for len(rest) > 1 && rest[0] == '.' && rest[1] >= '0' && rest[1] <= '9' {
				k := 1
				for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
					k++
				}
				rest = rest[k:]
			}
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
			return isHan(r) && !strings.ContainsRune(quantitySuffixes, r)
		}
		for _, sep := range []string{".", "．", "、", "）", ")"} {
			if after, ok := strings.CutPrefix(rest, sep); ok {
				return after != "" && !(after[0] >= '0' && after[0] <= '9') && !strings.HasPrefix(after, "%")
			}
		}
		return false
	}
	k := 0
	for k < len(s) {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !isHanNumeral(r) {
			break
		}
		k += size
	}
	if k > 0 && k <= 9 {
		after, ok := strings.CutPrefix(s[k:], "、")
		if !ok {
			after, ok = strings.CutPrefix(s[k:], "．")
		}
		if ok {
			r, _ := utf8.DecodeRuneInString(after)
			return !isHanNumeral(r)
		}
	}
	return false
}

// quantitySuffixes are the characters that follow a decimal number which
// is a quantity, not an outline number (1.5亿元, 2.5倍).
const quantitySuffixes = "万亿千百元倍个米吨件家人天年月日次项平方公里亩克升度"

func cutOpenParen(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "（"); ok {
		return rest, true
	}
	return strings.CutPrefix(s, "(")
}

func isHanNumeral(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十百零〇两", r)
}

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF }
