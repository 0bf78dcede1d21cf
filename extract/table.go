package extract

import (
	"strings"
	"unicode/utf8"
)

// A tableCell is a cell of a table row in a clause's text, with the
// header of its column.
type tableCell struct {
	start, end int    // the cell's text in the clause text
	header     string // the first row's cell in the same column
}

// tableCells returns the cells of the tables in s below their header
// rows. A table is a run of two or more lines that hold tabs (a row per
// line, cells separated by tabs, as ingest and normalization write them);
// its first line is the header row.
func tableCells(s string) []tableCell {
	if strings.IndexByte(s, '\t') < 0 {
		return nil
	}
	var out []tableCell
	var header []string
	for start := 0; start < len(s); {
		end := len(s)
		if k := strings.IndexByte(s[start:], '\n'); k >= 0 {
			end = start + k
		}
		line := s[start:end]
		if strings.IndexByte(line, '\t') < 0 {
			header = nil // the table ends
		} else if header == nil {
			header = strings.Split(line, "\t")
		} else {
			pos := start
			for j, cell := range strings.Split(line, "\t") {
				if j < len(header) {
					out = append(out, tableCell{start: pos, end: pos + len(cell), header: header[j]})
				}
				pos += len(cell) + 1
			}
		}
		start = end + 1
	}
	return out
}

// headerUnit reads the unit a column header gives its cells, in brackets:
// （元/kWh） → multiplier "", currency 元, per kWh; （万元） → 万, 元; （%） → %.
func headerUnit(h string) (mult, cur, per string, percent, ok bool) {
	i := strings.LastIndexAny(h, "（(")
	if i < 0 {
		return "", "", "", false, false
	}
	inner := h[i:]
	_, n := utf8.DecodeRuneInString(inner)
	inner = strings.TrimRight(inner[n:], "）) ")
	if inner == "%" || inner == "％" || inner == "百分比" {
		return "", "", "", true, true
	}
	unit, per, _ := strings.Cut(inner, "/")
	for _, m := range []string{"万亿", "亿", "千万", "百万", "万", "千", ""} {
		if rest, found := strings.CutPrefix(unit, m); found && rest == "元" {
			return m, "元", per, false, true
		}
	}
	return "", "", "", false, false
}

// bareNumber reports whether s is a number alone: 1.2, 300, 0.35.
func bareNumber(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}

// tableFacts returns the facts of the bare numbers in table cells whose
// column header gives their unit (固定补贴价格（元/kWh） over 1.2: money 1.2 per
// kWh; 竞价补贴上限（元/kWh） over 2.0: the same with q max): money facts,
// or percent facts when percent is set. The header is what the cue rules
// read before the value.
func tableFacts(c *Clause, cs *Cues, percent bool) []Fact {
	var out []Fact
	for _, cell := range tableCells(c.Text) {
		text := strings.TrimSpace(c.Text[cell.start:cell.end])
		if !bareNumber(text) {
			continue
		}
		mult, _, per, isPercent, ok := headerUnit(cell.header)
		if !ok || isPercent != percent {
			continue
		}
		v, ok := parseDecimal(text)
		if !ok {
			continue
		}
		start := cell.start + strings.Index(c.Text[cell.start:cell.end], text)
		end := start + len(text)
		x := c.cueContext(start, end, start)
		x.before, x.lead = cell.header, cell.header
		kind := "money"
		if percent {
			kind = "percent"
		}
		q, _, _, _ := cs.qualify(kind, &x)
		x.q, x.per = q, per != ""
		f := Fact{Kind: kind, Q: q, Text: text, Span: c.span(start, end)}
		if percent {
			f.Number = v.String()
			f.Role = cs.decide("percent", "role", &x, "other").value
		} else {
			f.Yuan, f.Currency, f.Per = v.scale(multiplier(mult)).String(), "CNY", per
			f.Role = cs.decide("money", "role", &x, "other").value
		}
		out = append(out, f)
	}
	return out
}
