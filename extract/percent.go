package extract

import (
	"strings"
)

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
	for _, m := range ms {
		var v decimal
		var ok bool
		per := ""
		switch {
		case m[2] >= 0:
			v, ok = parseDecimal(c.Text[m[2]:m[3]])
		case m[4] >= 0:
			v, ok = parseHan(c.Text[m[6]:m[7]])
			if c.Text[m[4]:m[5]] == "千分之" {
				v = v.scale(-1)
			}
		default:
			v, ok = parseDecimal(c.Text[m[8]:m[9]])
			per = "百分点"
		}
		if !ok {
			continue
		}
		if m[0] > 0 {
			if r, _ := lastRuneBefore(c.Text, m[0]); r >= '0' && r <= '9' || r == '.' {
				continue
			}
		}
		start, end := m[0], m[1]
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
		f := Fact{Kind: "percent", Number: v.String(), Q: q, Inclusive: incl, Role: role, Base: base, Per: per,
			Text: c.Text[start : end+used], Span: c.span(start, end+used)}
		if f.IsCap() {
			f.Scope = lastScope(x.lead)
		}
		out = append(out, f)
		floor = end
	}
	return out
}
