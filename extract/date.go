package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhengce/zhengce/internal/cjk"
	"github.com/zhengce/zhengce/internal/datenum"
	"github.com/zhengce/zhengce/normalize"
)

// Date extracts dates: full and partial dates (2022年6月1日, 2022年8月,
// 2024年, 2022-9-08), year and month ends (2022年底 → 2022-12-31, 6月底),
// dates written without their year (6月30日前: the year of the sentence,
// else of the document; in a standing regulation, or after 每年, the
// recurring form --06-30), ranges (2022-2024年, 2024年8月至2025年7月) and
// their roles: issued and printed from the document's signature and 印发
// lines, the others as the cue table says (effective, expires, deadline,
// target or other; the end of a range is told apart by the range
// condition). Years inside book titles 《…》 and relative dates (次月20日,
// 当月底) are not facts.
type Date struct {
	Cues *Cues // nil for DefaultCues
}

// Name implements Extractor.
func (Date) Name() string { return "date" }

// A dateHit is a date found in a clause's text.
type dateHit struct {
	start, end int    // the date's text
	value      string // ISO 8601
	rangeStart bool   // the first year of a year range: other
	noYear     bool   // written without its year
}

// Extract implements Extractor.
func (dx Date) Extract(c *Clause) []Fact {
	cs := cueTable(dx.Cues)
	ix := c.index()
	if !ix.has(keyNian|keyDash) && !cjk.Contains(c.Text, "月") {
		return nil
	}
	var hits []dateHit
	ms := findDateRange(c.Text, ix, c.matches())
	for _, m := range ms {
		if inBookTitle(c.Text, m[0]) || precededByDigit(c.Text, m[0]) {
			continue
		}
		hits = append(hits,
			dateHit{start: m[2], end: m[3], value: c.Text[m[2]:m[3]], rangeStart: true},
			dateHit{start: m[4], end: m[5], value: c.Text[m[4]:m[5]]})
	}
	ms = findDate(c.Text, ix, ms[:0])
	defer c.keepMatches(ms)
	for _, m := range ms {
		if inBookTitle(c.Text, m[0]) || precededByDigit(c.Text, m[0]) {
			continue
		}
		h := dateHit{start: m[0], end: m[1]}
		if m[2] >= 0 {
			y := c.Text[m[2]:m[3]]
			switch {
			case m[4] < 0 && strings.HasPrefix(c.Text[m[1]:], "底"):
				h.value, h.end = y+"-12-31", m[1]+len("底") // 2022年底
			case m[4] >= 0 && m[6] < 0 && strings.HasPrefix(c.Text[m[1]:], "底"):
				mo, _ := strconv.Atoi(c.Text[m[4]:m[5]])
				h.value, h.end = monthEnd(atoiOr(y), mo), m[1]+len("底") // 2021年6月底
			default:
				h.value = y
				if m[4] >= 0 {
					mo, _ := strconv.Atoi(c.Text[m[4]:m[5]])
					h.value += "-" + twoDigits(mo)
					if m[6] >= 0 {
						d, _ := strconv.Atoi(c.Text[m[6]:m[7]])
						h.value += "-" + twoDigits(d)
					}
				}
			}
		} else {
			mo, _ := strconv.Atoi(c.Text[m[10]:m[11]])
			d, _ := strconv.Atoi(c.Text[m[12]:m[13]])
			h.value = c.Text[m[8]:m[9]] + "-" + twoDigits(mo) + "-" + twoDigits(d)
		}
		hits = append(hits, h)
	}
	hits = appendMonthDays(c, hits)
	hits = appendHanDates(c.Text, hits)
	slices.SortStableFunc(hits, func(a, b dateHit) int { return a.start - b.start })
	out := c.newFacts()
	lastEnd := -1
	var prev *dateHit
	for i := range hits {
		h := &hits[i]
		if h.start < lastEnd {
			continue // inside a date already taken (a range's year, a full date)
		}
		rangeEnd := prev != nil && !h.rangeStart && isRangeSep(c.Text[prev.end:h.start])
		if h.noYear && !strings.HasPrefix(h.value, "--") && prev != nil && rangeEnd && len(prev.value) >= 4 {
			h.value = prev.value[:4] + h.value[4:] // 5月10日-6月9日: the year of the range's start
		}
		role := "other"
		if !h.rangeStart {
			role = dateRole(c, cs, h.start, h.end, rangeEnd)
		}
		out = append(out, Fact{Kind: "date", Value: h.value, Role: role, Text: c.Text[h.start:h.end], Span: c.span(h.start, h.end)})
		lastEnd, prev = h.end, h
	}
	return out
}

// isRangeSep reports whether s, the text between two dates, joins them
// into a range: 至, 到, a dash or a tilde.
func isRangeSep(s string) bool {
	s = strings.TrimSpace(s)
	for _, sep := range dateRangeSeps {
		if s == sep {
			return true
		}
	}
	return false
}

// monthEnd returns the last day of month mo of year y as an ISO date, or
// the month itself when mo is out of range.
func monthEnd(y, mo int) string {
	if mo < 1 || mo > 12 {
		return fmt.Sprintf("%04d-%02d", y, mo)
	}
	return time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

func atoiOr(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// appendHanDates appends the dates of s whose year is written in Chinese
// numerals, as documents printed before 2012 date themselves:
// 一九九三年二月一日, 二〇〇五年十月, 二〇二二年底.
func appendHanDates(s string, hits []dateHit) []dateHit {
	const digitLen = len("〇") // every numeral of a year is three bytes long
	for from := 0; ; {
		k := cjk.Index(s[from:], "年")
		if k < 0 {
			return hits
		}
		at := from + k
		from = at + len("年")
		start := at - 4*digitLen
		if start < 0 || !strings.HasPrefix(s[start:], "一") && !strings.HasPrefix(s[start:], "二") {
			continue
		}
		y, ok := datenum.Value(s[start:at])
		if !ok || y < 1900 || y > 2099 {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); strings.ContainsRune("〇○零一二三四五六七八九十", r) || inBookTitle(s, start) {
			continue
		}
		h := dateHit{start: start, end: from, value: strconv.Itoa(y)}
		rest := s[from:]
		mo, n := normalize.HanNumber(rest)
		switch {
		case n > 0 && mo >= 1 && mo <= 12 && strings.HasPrefix(rest[n:], "月"):
			h.end = from + n + len("月")
			h.value += "-" + twoDigits(mo)
			if strings.HasPrefix(s[h.end:], "底") {
				h.value, h.end = monthEnd(y, mo), h.end+len("底")
			} else if d, dn := dayAt(s[h.end:]); dn > 0 && d >= 1 && d <= 31 {
				h.value += "-" + twoDigits(d)
				h.end += dn
			}
		case strings.HasPrefix(rest, "底"):
			h.value, h.end = h.value+"-12-31", from+len("底")
		}
		hits = append(hits, h)
	}
}

// relativePrefixes make a date without a year relative to another date
// (次月20日, 当年12月), not a date fact.
var relativePrefixes = []string{"次", "当", "本", "上", "下", "同", "前", "后", "每月", "隔", "该", "其", "下一年度", "下年度", "上一年度", "上年度", "次年", "翌年", "下一年", "年度"}

// appendMonthDays appends the dates of c written without a year: 6月30日,
// 八月底, 6月中旬, 五月一日 (a month alone is a date only with a day, a
// month end or a part of the month). The year is the last one written
// earlier in the sentence, else the document's (issued, printed, effective);
// after 每年, or in a standing regulation whose text gives no year, the
// date recurs: --MM-DD.
func appendMonthDays(c *Clause, hits []dateHit) []dateHit {
	s := c.Text
	for from := 0; ; {
		k := cjk.Index(s[from:], "月")
		if k < 0 {
			return hits
		}
		at := from + k
		from = at + len("月")
		mo, mStart := monthBefore(s, at)
		if mo < 1 || mo > 12 {
			continue
		}
		everyYear := strings.HasSuffix(s[:mStart], "每年")
		if p, _ := lastRuneBefore(s, mStart); p == '年' && !everyYear || p == '第' || p == '个' || p >= '0' && p <= '9' || p == '〇' || p == '零' {
			continue // part of a full date, or a count of months
		}
		if inBookTitle(s, mStart) || hasSuffixAny(s[max(0, mStart-12):mStart], relativePrefixes) && !everyYear {
			continue
		}
		end := at + len("月")
		day := 0
		switch rest := s[end:]; {
		case strings.HasPrefix(rest, "底"):
			day, end = -1, end+len("底")
		case strings.HasPrefix(rest, "中旬"), strings.HasPrefix(rest, "上旬"), strings.HasPrefix(rest, "下旬"):
			end += len("中旬")
		default:
			d, n := dayAt(rest)
			if n == 0 || d < 1 || d > 31 {
				continue
			}
			day, end = d, end+n
		}
		h := dateHit{start: mStart, end: end, noYear: true}
		md := twoDigits(mo)
		if day > 0 {
			md += "-" + twoDigits(day)
		}
		recurs := everyYear
		y := 0
		if !recurs {
			s0, _ := c.sentenceAround(mStart, end)
			y = lastYear(s[s0:mStart])
			// a wrapper's own notice (请于11月23日前反馈) is dated as the
			// notice is, though the rule it carries recurs
			if y == 0 && c.Doc.StandingRule() && !(c.Doc.Wrapper() && c.Node == c.Doc.Root) {
				recurs = true
			} else if y == 0 {
				y = c.Doc.Year()
			}
		}
		switch {
		case recurs && day < 0:
			h.value = "--" + monthEnd(2001, mo)[5:] // a year with 28 days in February
		case recurs:
			h.value = "--" + md
		case y == 0:
			continue // no year to give it
		case day < 0:
			h.value = monthEnd(y, mo)
		default:
			h.value = fmt.Sprintf("%04d-%s", y, md)
		}
		hits = append(hits, h)
	}
}

// monthBefore reads the month number that ends at i (6, 12, 六, 十二) and
// returns it with where it starts.
func monthBefore(s string, i int) (int, int) {
	j := i
	for j > 0 && isASCIIDigit(s[j-1]) && i-j < 2 {
		j--
	}
	if j < i {
		return atoiOr(s[j:i]), j
	}
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !strings.ContainsRune("一二三四五六七八九十", r) || i-j >= 2*3 {
			break
		}
		j -= n
	}
	if j == i {
		return 0, i
	}
	v, n := normalize.HanNumber(s[j:i])
	if n != i-j {
		return 0, i
	}
	return v, j
}

// dayAt reads a day written 30日 or 三十日 at the start of s and returns it
// with its length, 日 included.
func dayAt(s string) (int, int) {
	n := 0
	for n < len(s) && n < 2 && isASCIIDigit(s[n]) {
		n++
	}
	v := 0
	if n > 0 {
		v = atoiOr(s[:n])
	} else {
		v, n = normalize.HanNumber(s)
	}
	if n == 0 || !strings.HasPrefix(s[n:], "日") {
		return 0, 0
	}
	return v, n + len("日")
}

// lastYear returns the last year written (2025年) in s, or 0.
func lastYear(s string) int {
	for i := strings.LastIndex(s, "年"); i >= 4; i = strings.LastIndex(s[:i], "年") {
		if y := yearAt(s, i-4); y == i && (i < 5 || !isASCIIDigit(s[i-5])) {
			return atoiOr(s[i-4 : i])
		}
	}
	return 0
}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
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
func dateRole(c *Clause, cs *Cues, start, end int, rangeEnd bool) string {
	span := c.span(start, end)
	m := c.Doc.Meta
	if m.Issued != nil && m.Issued.Origin == "body" && m.Issued.Span.Contains(span) {
		return "issued"
	}
	if m.Printed != nil && m.Printed.Span.Contains(span) {
		return "printed"
	}
	x := c.cueContext(start, end, 0)
	if n := timeOfDay(c.Text[end:]); n > 0 {
		// the hour belongs to the date: 2月18日12：00前 is due by the date
		x.after = localAfter(c.Text, end+n)
	}
	x.rangeEnd = rangeEnd
	return cs.decide("date", "role", &x, "other").value
}

// dayParts are the words of a part of the day written before an hour
// (下午5时, 上午9:00).
var dayParts = []string{"上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚"}

// timeOfDay returns the length of the time of day s starts with, or 0: an
// hour in digits or Chinese numerals, with a part of the day before it,
// written as 17:30 (or 12：00), 15时, 9点, with the minutes (15时30分) or
// 半 and 整 after it.
func timeOfDay(s string) int {
	i := 0
	for _, p := range dayParts {
		if strings.HasPrefix(s, p) {
			i = len(p)
			break
		}
	}
	h := hourDigits(s[i:])
	if h == 0 {
		return 0
	}
	i += h
	rest := s[i:]
	for _, colon := range []string{":", "："} {
		if m, ok := strings.CutPrefix(rest, colon); ok {
			if len(m) >= 2 && isASCIIDigit(m[0]) && isASCIIDigit(m[1]) {
				return i + len(colon) + 2 // the minutes
			}
			return 0
		}
	}
	switch {
	case strings.HasPrefix(rest, "时") || strings.HasPrefix(rest, "点"):
		i += len("时")
		if m := hourDigits(s[i:]); m > 0 && strings.HasPrefix(s[i+m:], "分") {
			return i + m + len("分")
		}
		for _, w := range []string{"半", "整"} {
			if strings.HasPrefix(s[i:], w) {
				return i + len(w)
			}
		}
		return i
	}
	return 0
}

// hourDigits returns the length of the one or two ASCII digits, or of the
// up to three Chinese numerals (二十四), s starts with; 0 for none.
func hourDigits(s string) int {
	n := 0
	for n < len(s) && n < 2 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 {
		return n
	}
	for k := 0; k < 3; k++ {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !strings.ContainsRune("〇零一二两三四五六七八九十", r) {
			break
		}
		n += size
	}
	return n
}
