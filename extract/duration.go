package extract

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zhengce/zhengce/internal/cjk"
)

var durUnits = map[string]string{"年": "Y", "个月": "M", "月": "M", "日": "D", "天": "D", "工作日": "D", "个工作日": "D", "个自然日": "D", "周": "W", "小时": "H", "个小时": "H"}

// Duration extracts durations: validity (有效期3年), periods a rule applies
// within (最长不超过2年, 30日后施行, 10个工作日以内, written as days) and
// other spans of time (用3年时间), with their qualifier.
type Duration struct {
	Cues *Cues // nil for DefaultCues
}

// Name implements Extractor.
func (Duration) Name() string { return "duration" }

// Extract implements Extractor.
func (dx Duration) Extract(c *Clause) []Fact {
	cs := cueTable(dx.Cues)
	out := c.newFacts()
	ix := c.index()
	ms := findValidity(c.Text, ix, c.matches())
	for _, m := range ms {
		n := countValue(c.Text[m[2]:m[3]])
		out = append(out, Fact{Kind: "duration", Value: isoDuration(n, durUnits[c.Text[m[4]:m[5]]]), Q: Exact, Role: "validity",
			Text: c.Text[m[0]:m[1]], Span: c.span(m[0], m[1])})
	}
	// A match is covered when it overlaps a validity fact (those are in
	// order and apart, so only the first that ends after it matters) or a
	// duration fact before it: those start before it, so it overlaps one
	// exactly when it starts before the furthest end among them.
	validity, next, durEnd := len(out), 0, -1
	ms = findDuration(c.Text, ix, ms[:0])
	ms = addHalfYears(c.Text, ms)
	defer c.keepMatches(ms)
	for _, m := range ms {
		span := c.span(m[0], m[1])
		for next < validity && out[next].Span.End <= span.Start {
			next++
		}
		if next < validity && out[next].Span.Overlaps(span) || span.Start < durEnd || precededByDigit(c.Text, m[0]) {
			continue
		}
		numS, unit := c.Text[m[2]:m[3]], c.Text[m[4]:m[5]]
		n, iso := countValue(numS), durUnits[unit]
		if numS == "半" {
			n, iso = 6, "M" // 半年
		} else if unit == "年" && strings.HasPrefix(c.Text[m[1]:], "半") && !strings.HasPrefix(c.Text[m[1]:], "半数") && n > 0 && n < 100 {
			m[1] += len("半") // 一年半: 18 months
			n, iso = n*12+6, "M"
		}
		if n <= 0 || iso == "Y" && n >= 100 || unit == "日" && strings.HasPrefix(c.Text[m[1]:], "起") {
			continue
		}
		if unit == "日" && strings.HasSuffix(c.Text[:m[0]], "月") || unit == "月" && strings.HasSuffix(c.Text[:m[0]], "年") {
			continue // the day or month of a date: 1994年12月31日止
		}
		if unit == "周" && strings.HasPrefix(c.Text[m[1]:], "岁") {
			continue // an age: 未满十六周岁
		}
		before := c.Text[max(0, m[0]-18):m[0]]
		for len(before) > 0 && !isRuneStart(before[0]) {
			before = before[1:]
		}
		after := c.Text[m[1]:]
		for _, mark := range []string{"（含）", "(含)"} {
			after = strings.TrimPrefix(after, mark)
		}
		if lo, loStart := durationRangeLow(c.Text, m[0]); lo > 0 && lo < n && unit != "月" && unit != "日" {
			// a range: 建设期3-5年, 3至5年 — two facts, min and max, with
			// the role of the span
			x := c.cueContext(loStart, m[1], 0)
			role := cs.decide("duration", "role", &x, "other").value
			text, span := c.Text[loStart:m[1]], c.span(loStart, m[1])
			out = append(out,
				Fact{Kind: "duration", Value: isoDuration(lo, iso), Q: "min", Role: role, Text: text, Span: span},
				Fact{Kind: "duration", Value: isoDuration(n, iso), Q: "max", Role: role, Text: text, Span: span})
			durEnd = max(durEnd, span.End)
			continue
		}
		bm := durationBefore(before)
		if bm == "满" && strings.HasPrefix(after, "前") && (strings.HasSuffix(before, "届满") || strings.HasSuffix(before, "期满")) {
			bm = "" // days before a term ends (期限届满十五日前), no bound
		}
		am := durationAfter(after)
		if bm == "" && am == "" {
			continue
		}
		if (unit == "月" || unit == "日") && am == "" && !countsSpan(bm) {
			continue // 6月, 1日 are parts of dates
		}
		x := c.cueContext(m[0], m[1], 0)
		q, used, _, _ := cs.qualify("duration", &x)
		x.q = q
		role := cs.decide("duration", "role", &x, "other").value
		start := m[0] - len(bm)
		if bm == "用" || bm == "之日起" || bm == "起" || bm == "为期" || bm == "周期为" || bm == "期限为" || bm == "期限" || bm == "期为" || bm == "时间为" {
			start = m[0]
		}
		out = append(out, Fact{Kind: "duration", Value: isoDuration(n, iso), Q: q, Role: role,
			Text: c.Text[start : m[1]+used], Span: c.span(start, m[1]+used)})
		durEnd = max(durEnd, c.Span.Start+m[1]+used)
	}
	return out
}

// durationRangeLow reads the low end of a range of spans that ends with
// the span at byte i of s (3-5年, 三至五年, 3～5个月): a number without a
// unit, then a range separator. It returns the number and where it starts,
// or 0, -1. A number that is part of a longer one (2022-2024年) is none.
func durationRangeLow(s string, i int) (int, int) {
	j := i
	for _, sep := range []string{"-", "－", "—", "～", "~", "至", "到"} {
		if strings.HasSuffix(s[:i], sep) {
			j = i - len(sep)
			break
		}
	}
	if j == i {
		return 0, -1
	}
	k := j
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:k])
		if !(r >= '0' && r <= '9' || isCN(r)) {
			break
		}
		k -= n
	}
	if k == j || k > 0 && precededByDigit(s, k) {
		return 0, -1
	}
	v := countValue(s[k:j])
	if v <= 0 {
		return 0, -1
	}
	return v, k
}

// addHalfYears adds to ms, the matches of findDuration in order, a match
// for each half year (半年) of s, which has no numeral: its number is 半
// and its unit 年. A half of a calendar year (上半年, 下半年), a year and a
// half (一年半) and a term of six months written 每半年 are not one.
func addHalfYears(s string, ms []match) []match {
	for from := 0; ; {
		i := cjk.Index(s[from:], "半年")
		if i < 0 {
			return ms
		}
		i += from
		from = i + len("半年")
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if strings.ContainsRune("上下前后每年", r) || isDigit(r) || isCN(r) {
			continue
		}
		h := len("半")
		m := match{i, from, i, i + h, i + h, from}
		k := len(ms)
		for k > 0 && ms[k-1][0] > i {
			k--
		}
		ms = slices.Insert(ms, k, m)
	}
}

// countsSpan reports whether a word before a number of 月 or 日 makes it
// a span of time rather than a part of a date: a bound (超过, 最长为,
// 不满, 至少) or 顺延.
func countsSpan(before string) bool {
	if strings.Contains(before, "超过") || before == "顺延" {
		return true
	}
	switch before {
	case "最长为", "最短为", "不满", "未满", "不足", "不少于", "不低于", "不得少于", "不得低于", "至少", "不短于", "不得短于", "满", "连续":
		return true
	}
	return false
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func countValue(s string) int {
	if d, ok := parseDecimal(s); ok && d.exp == 0 {
		return intOrZero(d.String())
	}
	d, ok := parseHan(s)
	if !ok {
		return 0
	}
	return intOrZero(d.String())
}

// intOrZero reads a decimal integer without leading zeros, or returns 0
// when it does not fit an int.
func intOrZero(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// isoDuration writes the ISO 8601 duration of n units (Y, M, D, W or H).
func isoDuration(n int, unit string) string {
	if unit == "H" {
		return "PT" + strconv.Itoa(n) + unit
	}
	return "P" + strconv.Itoa(n) + unit
}
