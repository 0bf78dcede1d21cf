package extract

import (
	"regexp"
	"strings"
)

var (
	percentRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(?:%|％)|(百分之|千分之)([零〇一二两三四五六七八九十百点]+)|(\d+(?:\.\d+)?)个百分点`)
	baseRe    = regexp.MustCompile(`(?:按照|按)(?:不超过|不高于|其)?(.{1,40}?)(?:的)?$`)
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
	if !strings.ContainsAny(c.Text, "%％") && !strings.Contains(c.Text, "分之") && !strings.Contains(c.Text, "百分点") {
		return nil
	}
	var out []Fact
	floor := 0
	for _, m := range percentRe.FindAllStringSubmatchIndex(c.Text, -1) {
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
			if sm := scopeRe.FindAllString(c.Text[s0:start], -1); sm != nil {
				f.Scope = sm[len(sm)-1]
			}
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
	case (strings.Contains(before, "按") || strings.HasPrefix(after, "的比例")) && containsAny(after+"。", rateAfter):
		if sm := baseRe.FindStringSubmatch(before); sm != nil {
			base = strings.TrimSuffix(sm[1], "的")
		}
		return "rate", base
	case strings.HasPrefix(after, "的") || strings.HasPrefix(after, "且"):
		return "threshold", ""
	case containsAny(before, goalWords) || goalSentence.MatchString(sentence):
		return "target", ""
	case strings.Contains(before, "给予") || strings.Contains(before, "奖励"):
		return "rate", ""
	}
	return "other", ""
}
