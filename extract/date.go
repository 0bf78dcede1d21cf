package extract

import (
	"strconv"
	"strings"
)

// Date extracts dates: full and partial dates (2022年6月1日, 2022年8月,
// 2024年, 2022-9-08), ranges (2022-2024年, 2019年—2021年: the start as
// other, the end as target) and their roles: issued and printed from the
// document's signature and 印发 lines, effective (自…起施行), expires
// (有效期至), deadline (…前), target (到2024年) or other. Years inside book
// titles 《…》 are not facts.
type Date struct {
	Cues *Cues // nil for DefaultCues
}

// Name implements Extractor.
func (Date) Name() string { return "date" }

// Extract implements Extractor.
func (dx Date) Extract(c *Clause) []Fact {
	cs := cueTable(dx.Cues)
	ix := c.index()
	if !ix.has(keyNian | keyDash) {
		return nil
	}
	out := c.newFacts()
	ms := findDateRange(c.Text, ix, c.matches())
	for _, m := range ms {
		if inBookTitle(c.Text, m[0]) || precededByDigit(c.Text, m[0]) {
			continue
		}
		y1, y2 := c.Text[m[2]:m[3]], c.Text[m[4]:m[5]]
		out = append(out,
			Fact{Kind: "date", Value: y1, Role: "other", Text: c.Text[m[2]:m[3]], Span: c.span(m[2], m[3])},
			Fact{Kind: "date", Value: y2, Role: "target", Text: c.Text[m[4]:m[5]], Span: c.span(m[4], m[5])})
	}
	// Range facts come first, in order and not overlapping; dates do not
	// overlap each other, so each date is checked against the range facts
	// from the first one that ends after it starts.
	ranges, next := len(out), 0
	ms = findDate(c.Text, ix, ms[:0])
	defer c.keepMatches(ms)
	for _, m := range ms {
		for next < ranges && out[next].Span.End <= c.Span.Start+m[0] {
			next++
		}
		if inBookTitle(c.Text, m[0]) || precededByDigit(c.Text, m[0]) || next < ranges && out[next].Span.Overlaps(c.span(m[0], m[1])) {
			continue
		}
		var value string
		if m[2] >= 0 {
			value = c.Text[m[2]:m[3]]
			if m[4] >= 0 {
				mo, _ := strconv.Atoi(c.Text[m[4]:m[5]])
				value += "-" + twoDigits(mo)
				if m[6] >= 0 {
					d, _ := strconv.Atoi(c.Text[m[6]:m[7]])
					value += "-" + twoDigits(d)
				}
			}
		} else {
			mo, _ := strconv.Atoi(c.Text[m[10]:m[11]])
			d, _ := strconv.Atoi(c.Text[m[12]:m[13]])
			value = c.Text[m[8]:m[9]] + "-" + twoDigits(mo) + "-" + twoDigits(d)
		}
		out = append(out, Fact{Kind: "date", Value: value, Role: dateRole(c, cs, m[0], m[1]), Text: c.Text[m[0]:m[1]], Span: c.span(m[0], m[1])})
	}
	return out
}

// twoDigits writes n, below 100, as fmt's %02d does.
func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func precededByDigit(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := lastRuneBefore(s, i)
	return r >= '0' && r <= '9' || r == '〔' || r == '['
}

// inBookTitle reports whether byte i of s lies inside 《…》.
func inBookTitle(s string, i int) bool {
	from := max(0, i-maxContext)
	for from > 0 && from < len(s) && s[from]&0xC0 == 0x80 {
		from--
	}
	open := strings.LastIndex(s[from:i], "《")
	if open < 0 {
		return false
	}
	return !strings.Contains(s[from+open:i], "》")
}

// dateRole decides the role of the date at [start, end) of c.Text: issued
// or printed when it is the document's own (its metadata's spans), else as
// the cue table says.
func dateRole(c *Clause, cs *Cues, start, end int) string {
	span := c.span(start, end)
	m := c.Doc.Meta
	if m.Issued != nil && m.Issued.Origin == "body" && m.Issued.Span.Contains(span) {
		return "issued"
	}
	if m.Printed != nil && m.Printed.Span.Contains(span) {
		return "printed"
	}
	x := c.cueContext(start, end, 0)
	return cs.decide("date", "role", &x, "other").value
}
