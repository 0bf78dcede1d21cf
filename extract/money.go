package extract

import (
	"strings"
)

var currencyCodes = map[string]string{"元": "CNY", "美元": "USD", "欧元": "EUR", "日元": "JPY", "港元": "HKD", "港币": "HKD", "英镑": "GBP", "卢布": "RUB"}

// moneyVerbs make an amount without 元 money: 每家奖励100万.
var moneyVerbs = []string{"奖励", "补助", "补贴", "资助", "给予", "资金", "奖补", "贴息"}

// Money extracts monetary amounts: Arabic and Chinese numerals with
// 千/万/亿/万亿 multipliers, amounts without 元 where the sentence pays
// money, ranges (two facts, min and max), per-unit rates, qualifiers and
// roles. Amounts are exact decimals in the currency's units.
type Money struct {
	Cues *Cues // nil for DefaultCues
}

// Name implements Extractor.
func (Money) Name() string { return "money" }

// cueTable returns cs, or DefaultCues when cs is nil.
func cueTable(cs *Cues) *Cues {
	if cs == nil {
		return DefaultCues
	}
	return cs
}

type moneyHit struct {
	start, end int // of the whole match in the clause text
	value      decimal
	cur        string
	mult       string
	isMoney    bool
}

// Extract implements Extractor.
func (mx Money) Extract(c *Clause) []Fact {
	cs := cueTable(mx.Cues)
	ix := c.index()
	if !ix.has(keyYuan | keyWan | keyYi) {
		return nil
	}
	var hits []moneyHit
	for m := range moneyMatches(c.Text, ix) {
		numS := c.Text[m[2]:m[3]]
		h := moneyHit{start: m[0], end: m[1]}
		if m[4] >= 0 {
			h.mult = c.Text[m[4]:m[5]]
		}
		if m[6] >= 0 {
			h.cur = c.Text[m[6]:m[7]]
		}
		if h.mult == "" && h.cur == "" {
			// the low end of a range: 50-100亿元
			if sep := rangeSepAt(c.Text[m[1]:]); sep == "" || !strings.ContainsAny(c.Text[m[1]+len(sep):min(len(c.Text), m[1]+len(sep)+1)], "0123456789") {
				continue
			}
		}
		if m[0] > 0 {
			if r, _ := lastRuneBefore(c.Text, m[0]); r >= '0' && r <= '9' || r == '.' || r == '第' {
				continue
			}
		}
		v, ok := parseNumber(numS)
		if !ok {
			continue
		}
		h.value = v.scale(multiplier(h.mult))
		rest := c.Text[m[1]:]
		switch {
		case h.cur != "" && hasPrefixAny(rest, notMoneyWords):
			continue
		case h.cur != "":
			h.isMoney = true
		case (numS[0] >= '0' && numS[0] <= '9') && (h.mult == "万" || h.mult == "亿" || h.mult == "万亿") && !hasPrefixAny(rest, countWords):
			s0, _ := c.sentenceAround(m[0], m[1])
			h.isMoney = containsAny(c.Text[s0:m[0]], moneyVerbs) && !strings.HasPrefix(rest, "“")
		}
		if h.cur == "元" && strings.HasPrefix(rest, "人民币") {
			h.end += len("人民币") // 1万元人民币以上: the qualifier follows the currency's name
		}
		hits = append(hits, h)
	}
	out := c.newFacts()
	floor := 0
	for i := 0; i < len(hits); i++ {
		h := hits[i]
		// a range: 50-100亿元, 60万元到80万元
		if i+1 < len(hits) {
			nx := hits[i+1]
			// the low end may carry its bound: 1000万元及以上至5000万元
			gap := c.Text[h.end:]
			for _, w := range []string{"（含）", "(含)", "及以上", "以上"} {
				gap = strings.TrimPrefix(gap, w)
			}
			bound := len(c.Text[h.end:]) - len(gap)
			if sep := rangeSepAt(gap); sep != "" && h.end+bound+len(sep) == nx.start && nx.isMoney && (h.cur == "" || h.cur == nx.cur) {
				lo := h
				if lo.mult == "" && lo.cur == "" {
					// the low end takes the high end's multiplier (5-20万元)
					// unless that puts it above the high end (5000-10万元)
					if scaled := lo.value.scale(multiplier(nx.mult)); scaled.Float() <= nx.value.Float() {
						lo.value = scaled
					}
				}
				fs := moneyFacts(c, cs, []moneyHit{lo, nx}, h.start, nx.end, floor, true)
				inheritFromList(c, out, fs, h.start)
				out = append(out, fs...)
				floor = nx.end
				i++
				continue
			}
		}
		if !h.isMoney {
			continue
		}
		fs := moneyFacts(c, cs, []moneyHit{h}, h.start, h.end, floor, false)
		inheritFromList(c, out, fs, h.start)
		out = append(out, fs...)
		floor = h.end
	}
	return append(out, tableFacts(c, cs, false)...)
}

// inheritFromList gives the facts fs, which start at start of c.Text, the
// role of the fact before them when they continue its list (、 和 或 及
// between them): 分别给予最高20万元、30万元 — and its qualifier, unless theirs
// is stated or its own stands after it (以上).
func inheritFromList(c *Clause, out, fs []Fact, start int) {
	if len(out) == 0 || len(fs) == 0 {
		return
	}
	prev := out[len(out)-1]
	between := c.Text[prev.Span.End-c.Span.Start : start]
	if !isListSep(between) {
		return
	}
	backfill := prev.Role == "other" && fs[0].Role != "other"
	for i := range fs {
		if !backfill {
			fs[i].Role = prev.Role
		}
		if fs[i].Q == Exact && prev.Q != Exact && prev.Span.Start-c.Span.Start < start && !strings.HasSuffix(prev.Text, "以上") {
			fs[i].Q = prev.Q
		}
	}
	if backfill {
		// the words after the list decide it (分别按50%、40%、30%的比例给予扶持):
		// the members before take the role of the one they lead to
		for k := len(out) - 1; k >= 0 && out[k].Role == "other" && out[k].Kind == fs[0].Kind; k-- {
			out[k].Role, out[k].Base = fs[0].Role, fs[0].Base
			if k == 0 || !isListSep(c.Text[out[k-1].Span.End-c.Span.Start:out[k].Span.Start-c.Span.Start]) {
				break
			}
		}
	}
}

// isListSep reports whether s, the text between two values, continues a
// list: 、 和 或 及.
func isListSep(s string) bool { return s == "、" || s == "和" || s == "或" || s == "及" }

// moneyFacts builds the facts of one amount or of a range [lo, hi].
func moneyFacts(c *Clause, cs *Cues, hs []moneyHit, start, end, floor int, isRange bool) []Fact {
	x := c.cueContext(start, end, floor)
	q, used, lead, incl := cs.qualify("money", &x)
	textEnd := end + used
	per := ""
	if match, unit := perAt(c.Text[end:]); match != "" {
		per = unit
		textEnd = max(textEnd, end+len(match))
	}
	x.after = localAfter(c.Text, textEnd)
	x.q, x.per = q, per != ""
	role := cs.decide("money", "role", &x, "other").value
	textStart := start - lead
	var out []Fact
	for i, h := range hs {
		cur := currencyCodes[h.cur]
		if cur == "" {
			cur = currencyCodes[hs[len(hs)-1].cur]
		}
		if cur == "" {
			cur = "CNY"
		}
		f := Fact{
			Kind: "money", Yuan: h.value.String(), Currency: cur, Q: q, Inclusive: incl,
			Role: role, Per: per, Text: c.Text[textStart:textEnd], Span: c.span(textStart, textEnd),
		}
		if isRange {
			f.Q = Min
			if i == 1 {
				f.Q = Max
			} else {
				// the low end's own mark: 1000万元（含）到1亿元（不含）
				f.Inclusive, _ = inclusionAt(c.Text[h.end:])
			}
		}
		if f.IsCap() {
			f.Scope = lastScope(x.lead)
		}
		out = append(out, f)
	}
	return out
}
