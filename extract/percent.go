package extract

import (
	"strings"
)

// percentValue reads the value of a percent match, and whether it is
// written in percentage points (个百分点).
func percentValue(s string, m match) (v decimal, points, ok bool) {
	switch {
	case m[2] >= 0:
		v, ok = parseDecimal(s[m[2]:m[3]])
	case m[4] >= 0:
		v, ok = parseHan(s[m[6]:m[7]])
		switch s[m[4]:m[5]] {
		case "千分之":
			v = v.scale(-1)
		case "万分之":
			v = v.scale(-2)
		}
	default:
		v, ok = parseDecimal(s[m[8]:m[9]])
		points = true
	}
	return v, points, ok
}

// percentRangeLow reads the low end of a range whose sign is written once
// (4-5%, 10至20%) before the percent at start, after floor: its start and
// value.
func percentRangeLow(s string, start, floor int) (int, decimal, bool) {
	j := start
	for _, sep := range dateRangeSeps {
		if strings.HasSuffix(s[:j], sep) {
			j -= len(sep)
			break
		}
	}
	if j == start {
		return 0, decimal{}, false
	}
	i := j
	for i > floor && (isASCIIDigit(s[i-1]) || s[i-1] == '.') {
		i--
	}
	if i == j || !isASCIIDigit(s[i]) {
		return 0, decimal{}, false
	}
	if r, _ := lastRuneBefore(s, i); i > 0 && (r == '.' || r == '-' || r >= '0' && r <= '9') {
		return 0, decimal{}, false
	}
	v, ok := parseDecimal(s[i:j])
	return i, v, ok
}

// Percent extracts percentages (30%, ３０％, 百分之三十, 千分之五, 个百分点)
// with their qualifier and role: rate (with the base it is a share of),
// share, threshold, target or other.
type Percent struct {
	Cues *Cues // nil for DefaultCues
}

// Name implements Extractor.
func (Percent) Name() string { return "percent" }

// Extract implements Extractor.
func (px Percent) Extract(c *Clause) []Fact {
	cs := cueTable(px.Cues)
	ix := c.index()
	if !ix.has(keyPercent | keyWidePercent | keyFenZhi | keyBaiFenDian) {
		return nil
	}
	out := c.newFacts()
	floor := 0
	ms := findPercent(c.Text, ix, c.matches())
	defer c.keepMatches(ms)
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		v, points, ok := percentValue(c.Text, m)
		if !ok {
			continue
		}
		if m[0] > 0 {
			if r, _ := lastRuneBefore(c.Text, m[0]); r >= '0' && r <= '9' || r == '.' {
				continue
			}
		}
		start, end := m[0], m[1]
		// a range: 10%-20%, 4%－5%, or 4-5% with the sign written once
		lo, hasLo := decimal{}, false
		if k+1 < len(ms) {
			if sep := rangeSepAt(c.Text[end:]); sep != "" && end+len(sep) == ms[k+1][0] {
				if hi, hp, ok := percentValue(c.Text, ms[k+1]); ok && hp == points {
					lo, hasLo, v = v, true, hi
					end = ms[k+1][1]
					k++
				}
			}
		}
		if !hasLo && m[2] >= 0 {
			if ls, lv, ok := percentRangeLow(c.Text, start, floor); ok {
				lo, hasLo, start = lv, true, ls
			}
		}
		x := c.cueContext(start, end, floor)
		q, used, _, incl := cs.qualify("percent", &x)
		x.after, x.q = x.after[used:], q
		role := cs.decide("percent", "role", &x, "other").value
		base := ""
		if role == "rate" {
			if g, ok := percentBase(x.before); ok {
				base = strings.TrimSuffix(g, "的")
			}
		}
		f := Fact{Kind: "percent", Number: v.String(), Q: q, Inclusive: incl, Role: role, Base: base, Points: points,
			Text: c.Text[start : end+used], Span: c.span(start, end+used)}
		if f.IsCap() {
			f.Scope = lastScope(x.lead)
		}
		fs := []Fact{f}
		if hasLo {
			low := f
			low.Number, low.Q, low.Scope = lo.String(), Min, ""
			f.Q = Max
			if f.IsCap() {
				f.Scope = lastScope(x.lead)
			}
			fs = []Fact{low, f}
		}
		inheritFromList(c, out, fs, start)
		if n := len(out); n > 0 && !hasLo {
			pairBounds(&out[n-1], &fs[0])
		}
		out = append(out, fs...)
		floor = end
	}
	return append(out, tableFacts(c, cs, true)...)
}

// pairBounds gives the two ends of a range written as two bounds side by
// side (百分之五十以上百分之一百以下的标准) one role: the one the words
// around the range give either end, the upper end's when both have one.
func pairBounds(lo, hi *Fact) {
	if lo.Q != Min || hi.Q != Max || lo.Span.End != hi.Span.Start || lo.Role == hi.Role {
		return
	}
	switch {
	case hi.Role == "other":
		hi.Role, hi.Base = lo.Role, lo.Base
	default:
		lo.Role, lo.Base = hi.Role, hi.Base
	}
}
