package extract

import (
	"strings"

	"github.com/zhengce/zhengce/internal/cjk"
)

var (
	shareWord = []string{"承担", "分担", "负担", "出资"}
	rateAfter = []string{"给予", "予以", "补助", "奖励", "补贴", "配套", "支持", "的比例", "奖补", "贴息", "资助"}
)

// Percent extracts percentages (30%, ３０％, 百分之三十, 千分之五, 个百分点)
// with their qualifier and role: rate (with the base it is a share of),
// share, threshold, target or other.
type Percent struct{}

// Name implements Extractor.
func (Percent) Name() string { return "percent" }

// Extract implements Extractor.
func (Percent) Extract(c *Clause) []Fact {
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
		before := localBefore(c.Text, start, floor)
		after := localAfter(c.Text, end)
		q, used, incl := qualifier(before, after)
		s0, e0 := c.sentenceAround(start, end)
		sentence := c.Text[s0:e0]
		rest := after[used:]
		role, base := percentRole(before, rest, sentence)
		f := Fact{Kind: "percent", Number: v.String(), Q: q, Inclusive: incl, Role: role, Base: base, Per: per,
			Text: c.Text[start : end+used], Span: c.span(start, end+used)}
		if f.IsCap() {
			f.Scope = lastScope(c.Text[s0:start])
		}
		out = append(out, f)
		floor = end
	}
	return out
}

func percentRole(before, after, sentence string) (role, base string) {
	switch {
	case containsAny(before, shareWord):
		return "share", ""
	case (cjk.Contains(before, "按") || strings.HasPrefix(after, "的比例")) && containsAny(after+"。", rateAfter):
		if g, ok := percentBase(before); ok {
			base = strings.TrimSuffix(g, "的")
		}
		return "rate", base
	case strings.HasPrefix(after, "的") || strings.HasPrefix(after, "且"):
		return "threshold", ""
	case containsAny(before, goalWords) || isGoalSentence(sentence):
		return "target", ""
	case cjk.Contains(before, "给予") || cjk.Contains(before, "奖励"):
		return "rate", ""
	}
	return "other", ""
}
