package extract

import (
	_ "embed"
	"iter"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhengce/zhengce/internal/cjk"
)

// The extractors' patterns, matched by hand. Each matcher documents the
// regular expression it implements and gives exactly the result Go's regexp
// package would (leftmost-first, non-overlapping), as patterns_test.go
// checks against the expressions themselves; scanning by hand avoids
// running a regexp machine over every byte of every clause.
//
// Results use regexp's layout: m[0], m[1] bound the match, m[2k], m[2k+1]
// the k-th group, -1 when the group did not take part.

// Numeral classes of the patterns' character sets.
const (
	numMoney    = 1 << iota // [零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]
	numFraction             // [零〇一二三四五六七八九] (after 点)
	numPercent              // [零〇一二两三四五六七八九十百点]
	numCount                // [一二三四五六七八九十两]
)

// numeralChars are the characters of some numeral class.
const numeralChars = "零〇一二两三四五六七八九十百千点壹贰叁肆伍陆柒捌玖拾佰仟"

// numeralClasses holds numeralClassOf for every rune below its length,
// so that scanning looks a rune up instead of branching.
// Filled in place by init, as indexedChars is.
var numeralClasses [0xA000]uint8

func init() {
	for _, r := range numeralChars {
		numeralClasses[r] = numeralClassOf(r)
	}
}

// numeralClass returns the classes r belongs to.
func numeralClass(r rune) uint8 {
	if r >= 0 && int(r) < len(numeralClasses) {
		return numeralClasses[r]
	}
	return 0
}

// numeralClassOf returns the classes r belongs to.
func numeralClassOf(r rune) uint8 {
	switch r {
	case '零', '〇':
		return numMoney | numFraction | numPercent
	case '一', '二', '三', '四', '五', '六', '七', '八', '九':
		return numMoney | numFraction | numPercent | numCount
	case '两':
		return numMoney | numPercent | numCount
	case '十':
		return numMoney | numPercent | numCount
	case '百':
		return numMoney | numPercent
	case '千':
		return numMoney
	case '点':
		return numPercent
	case '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '佰', '仟':
		return numMoney // the capital numerals of amounts (人民币伍拾万元整)
	}
	return 0
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// digitsEnd returns the end of the run of ASCII digits starting at i.
func digitsEnd(s string, i int) int {
	for i < len(s) && isASCIIDigit(s[i]) {
		i++
	}
	return i
}

// numeralsEnd returns the end of the run of numerals of class cls starting
// at i.
func numeralsEnd(s string, i int, cls uint8) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if numeralClass(r)&cls == 0 {
			break
		}
		i += n
	}
	return i
}

// spacesEnd returns the end of the run of \s ([\t\n\f\r ]) starting at i.
func spacesEnd(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\t', '\n', '\f', '\r', ' ':
			i++
			continue
		}
		break
	}
	return i
}

// prefixAt returns the length of the first word of words that s[i:] starts
// with, or -1.
func prefixAt(s string, i int, words []string) int {
	for _, w := range words {
		if strings.HasPrefix(s[i:], w) {
			return len(w)
		}
	}
	return -1
}

// hasPrefixAny reports whether s starts with one of words.
func hasPrefixAny(s string, words []string) bool { return prefixAt(s, 0, words) >= 0 }

// decimalEnd matches \d+(?:\.\d+)? at i and returns its end, or -1.
func decimalEnd(s string, i int) int {
	j := digitsEnd(s, i)
	if j == i {
		return -1
	}
	if j+1 < len(s) && s[j] == '.' && isASCIIDigit(s[j+1]) {
		j = digitsEnd(s, j+1)
	}
	return j
}

// A match holds the bounds of a match and of its groups, laid out as
// regexp's FindStringSubmatchIndex (-1 for a group that did not take
// part), for every pattern here: the longest has seven groups.
type match [14]int

// scanAll collects the matches of a pattern from left to right, appending
// them to out: the pattern can start only at the index's number starts
// whose bits meet cls; at returns the match there, if any, and the scan
// resumes after each match or one rune further: regexp's FindAll for a
// pattern that at matches anchored. Patterns here never match the empty
// string.
func scanAll(out []match, s string, ix *clauseIndex, cls uint8, at func(s string, i int) (match, bool)) []match {
	for m := range scanSeq(s, ix, cls, at) {
		out = append(out, m)
	}
	return out
}

// scanSeq yields the matches scanAll collects, one at a time.
func scanSeq(s string, ix *clauseIndex, cls uint8, at func(s string, i int) (match, bool)) iter.Seq[match] {
	return func(yield func(match) bool) {
		cur := numCursor{ix: ix}
		for i := cur.next(0, cls); i < len(s); i = cur.next(i, cls) {
			if m, ok := at(s, i); ok {
				if !yield(m) {
					return
				}
				i = m[1]
				continue
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
}

// nextNumeral returns the first offset from i that starts an ASCII digit or
// a numeral of class cls, or len(s).
func nextNumeral(s string, i int, cls uint8) int {
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			return i
		case c >= 0xE3 && c <= 0xE9 && i+2 < len(s): // the numerals are in U+3000..U+9FFF
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if numeralClass(r)&cls != 0 {
				return i
			}
			i += 2
		}
	}
	return len(s)
}

var (
	moneyMults      = []string{"万亿", "千亿", "千万", "百万", "亿", "万", "千"}
	moneyCurrencies = []string{"元", "美元", "欧元", "日元", "港元", "港币", "英镑", "卢布"}
)

// findMoney implements
//
//	(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+(?:点[零〇一二三四五六七八九]+)?)\s*(万亿|千亿|千万|百万|亿|万|千)?\s*(元|美元|欧元|日元|港元|港币|英镑|卢布)?
//
// with FindAllStringSubmatchIndex, over a clause index of s.
func findMoney(s string, ix *clauseIndex, out []match) []match {
	return scanAll(out, s, ix, numMoney|numDigit, moneyAt)
}

// moneyMatches yields findMoney's matches one at a time: it matches at
// every numeral, and most are not amounts.
func moneyMatches(s string, ix *clauseIndex) iter.Seq[match] {
	return scanSeq(s, ix, numMoney|numDigit, moneyAt)
}

func moneyAt(s string, i int) (match, bool) {
	var j int
	if isASCIIDigit(s[i]) {
		j = digitsEnd(s, i)
		for j+3 < len(s) && s[j] == ',' && isASCIIDigit(s[j+1]) && isASCIIDigit(s[j+2]) && isASCIIDigit(s[j+3]) {
			j += 4
		}
		if j+1 < len(s) && s[j] == '.' && isASCIIDigit(s[j+1]) {
			j = digitsEnd(s, j+1)
		}
	} else {
		j = numeralsEnd(s, i, numMoney)
		if strings.HasPrefix(s[j:], "点") {
			if k := numeralsEnd(s, j+len("点"), numFraction); k > j+len("点") {
				j = k
			}
		}
	}
	m := match{i, 0, i, j, -1, -1, -1, -1}
	j = spacesEnd(s, j)
	if n := prefixAt(s, j, moneyMults); n > 0 {
		m[4], m[5] = j, j+n
		j += n
	}
	j = spacesEnd(s, j)
	if n := prefixAt(s, j, moneyCurrencies); n > 0 {
		m[6], m[7] = j, j+n
		j += n
	}
	m[1] = j
	return m, true
}

// findPercent implements
//
//	(\d+(?:\.\d+)?)\s*(?:%|％)|(百分之|千分之|万分之)([零〇一二两三四五六七八九十百点]+)|(\d+(?:\.\d+)?)个百分点
//
// with FindAllStringSubmatchIndex, over a clause index of s: it starts at
// ASCII digits and at 百分之, 千分之 and 万分之.
func findPercent(s string, ix *clauseIndex, out []match) []match {
	return scanAll(out, s, ix, numDigit|numPerWord, percentAt)
}

func percentAt(s string, i int) (match, bool) {
	if isASCIIDigit(s[i]) {
		j := decimalEnd(s, i)
		k := spacesEnd(s, j)
		switch {
		case strings.HasPrefix(s[k:], "%"):
			return match{i, k + 1, i, j, -1, -1, -1, -1, -1, -1}, true
		case strings.HasPrefix(s[k:], "％"):
			return match{i, k + len("％"), i, j, -1, -1, -1, -1, -1, -1}, true
		case strings.HasPrefix(s[j:], "个百分点"):
			return match{i, j + len("个百分点"), -1, -1, -1, -1, -1, -1, i, j}, true
		}
		return match{}, false
	}
	j := i + len("百分之")
	k := numeralsEnd(s, j, numPercent)
	if k == j {
		return match{}, false
	}
	return match{i, k, -1, -1, i, j, j, k, -1, -1}, true
}

var (
	dateRangeSeps = []string{"-", "—", "–", "~", "～", "至", "到"}
)

// yearAt matches (?:19|20)\d{2} at i and returns its end, or -1.
func yearAt(s string, i int) int {
	if i+4 > len(s) || !(s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') || !isASCIIDigit(s[i+2]) || !isASCIIDigit(s[i+3]) {
		return -1
	}
	return i + 4
}

// findDateRange implements
//
//	((?:19|20)\d{2})(?:年)?\s*(?:-|—|–|~|～|至|到)\s*((?:19|20)\d{2})年
//
// with FindAllStringSubmatchIndex, over a clause index of s: it starts at
// the digits 1 and 2.
func findDateRange(s string, ix *clauseIndex, out []match) []match {
	return scanAll(out, s, ix, numYear, dateRangeAt)
}

func dateRangeAt(s string, i int) (match, bool) {
	j := yearAt(s, i)
	if j < 0 {
		return match{}, false
	}
	k := j
	if strings.HasPrefix(s[k:], "年") {
		k += len("年")
	}
	k = spacesEnd(s, k)
	n := prefixAt(s, k, dateRangeSeps)
	if n < 0 {
		return match{}, false
	}
	k = spacesEnd(s, k+n)
	e := yearAt(s, k)
	if e < 0 || !strings.HasPrefix(s[e:], "年") {
		return match{}, false
	}
	return match{i, e + len("年"), i, j, k, e}, true
}

// oneOrTwoDigits returns the ends to try for \d{1,2} at i, greedy first,
// and how many there are.
func oneOrTwoDigits(s string, i int) ([2]int, int) {
	switch {
	case i < len(s) && isASCIIDigit(s[i]) && i+1 < len(s) && isASCIIDigit(s[i+1]):
		return [2]int{i + 2, i + 1}, 2
	case i < len(s) && isASCIIDigit(s[i]):
		return [2]int{i + 1}, 1
	}
	return [2]int{}, 0
}

// findDate implements
//
//	((?:19|20)\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?|((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})
//
// with FindAllStringSubmatchIndex, over a clause index of s: it starts at
// the digits 1 and 2.
func findDate(s string, ix *clauseIndex, out []match) []match {
	return scanAll(out, s, ix, numYear, dateAt)
}

func dateAt(s string, i int) (match, bool) {
	y := yearAt(s, i)
	if y < 0 {
		return match{}, false
	}
	if strings.HasPrefix(s[y:], "年") {
		j := y + len("年")
		m := match{i, j, i, y, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
		mos, nmo := oneOrTwoDigits(s, j)
		for _, mo := range mos[:nmo] {
			if !strings.HasPrefix(s[mo:], "月") {
				continue
			}
			m[4], m[5] = j, mo
			k := mo + len("月")
			m[1] = k
			ds, nd := oneOrTwoDigits(s, k)
			for _, d := range ds[:nd] {
				if strings.HasPrefix(s[d:], "日") {
					m[6], m[7] = k, d
					m[1] = d + len("日")
					break
				}
			}
			break
		}
		return m, true
	}
	if y < len(s) && s[y] == '-' {
		mos, nmo := oneOrTwoDigits(s, y+1)
		for _, mo := range mos[:nmo] {
			if mo < len(s) && s[mo] == '-' {
				if ds, nd := oneOrTwoDigits(s, mo+1); nd > 0 {
					return match{i, ds[0], -1, -1, -1, -1, -1, -1, i, y, y + 1, mo, mo + 1, ds[0]}, true
				}
			}
		}
	}
	return match{}, false
}

var (
	durationUnits = []string{"个工作日", "个月", "个自然日", "个小时", "工作日", "小时", "年", "月", "日", "天", "周"}
	validityUnits = []string{"个月", "年"}
)

// countEnd matches (\d+|[一二三四五六七八九十两]+) at i and returns its end,
// or -1.
func countEnd(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	var j int
	if isASCIIDigit(s[i]) {
		j = digitsEnd(s, i)
	} else {
		j = numeralsEnd(s, i, numCount)
	}
	if j == i {
		return -1
	}
	return j
}

// findValidity implements
//
//	有效期(?:限)?(?:为|是)?(\d+|[一二三四五六七八九十两]+)(个月|年)
//
// with FindAllStringSubmatchIndex, over a clause index of s.
func findValidity(s string, ix *clauseIndex, out []match) []match {
	if !ix.has(keyYouXiaoQi) {
		return out
	}
	for from := 0; ; {
		k := cjk.Index(s[from:], "有效期")
		if k < 0 {
			return out
		}
		i := from + k
		j := i + len("有效期")
		if strings.HasPrefix(s[j:], "限") {
			j += len("限") // 有效期限为3年
		}
		if strings.HasPrefix(s[j:], "为") || strings.HasPrefix(s[j:], "是") {
			j += len("为")
		}
		from = j
		e := countEnd(s, j)
		if e < 0 {
			continue
		}
		n := prefixAt(s, e, validityUnits)
		if n < 0 {
			continue
		}
		out = append(out, match{i, e + n, j, e, e, e + n})
		from = e + n
	}
}

// findDuration implements
//
//	(\d+|[一二三四五六七八九十两]+)\s*(个工作日|个月|个自然日|工作日|年|月|日|天|周)
//
// with FindAllStringSubmatchIndex, over a clause index of s.
func findDuration(s string, ix *clauseIndex, out []match) []match {
	cur := numCursor{ix: ix}
	for i := cur.next(0, numCount|numDigit); i < len(s); i = cur.next(i, numCount|numDigit) {
		// Every start inside a run of numerals shares the run's tail, so a
		// run that does not match from its first numeral does not match.
		e := countEnd(s, i)
		k := spacesEnd(s, e)
		n := prefixAt(s, k, durationUnits)
		if n < 0 {
			i = e
			continue
		}
		out = append(out, match{i, k + n, i, e, k, k + n})
		i = k + n
	}
	return out
}

var durBefore = []string{"最长不得超过", "最长不超过", "不得超过", "最长", "不超过", "最多", "用", "为期", "期限为", "期限", "周期为", "期为", "时间为", "连续", "满", "超过", "不少于", "不低于", "不得少于", "不得低于", "至少", "不短于", "不得短于", "最短", "最长为", "最短为", "不满", "未满", "不足", "未超过", "之日起", "起", "顺延", "力争", "之日后的", "后的", "后", "前"}

// durationBefore implements FindString of
//
//	(?:最长不超过|最长|不超过|最多|用|为期|期限为|期限|周期为|连续|满|超过|不少于|不低于|不得少于|不得低于|至少|不短于|不得短于|最短|之日起|起)$
//
// Every match ends at the end of s, so the leftmost is the longest.
//
// A bound may stand before the verb of the benefit it bounds (最长补贴1年,
// 连续补贴3年, 最长可享受2年): the bound and the verb are the match.
func durationBefore(s string) string {
	best := ""
	for _, w := range durBefore {
		if len(w) > len(best) && strings.HasSuffix(s, w) {
			best = w
		}
	}
	if best != "" {
		return best
	}
	for _, v := range durVerbs {
		if rest, ok := strings.CutSuffix(s, v); ok {
			rest, can := strings.CutSuffix(rest, "可")
			for _, b := range durVerbBounds {
				if strings.HasSuffix(rest, b) {
					if can {
						return b + "可" + v
					}
					return b + v
				}
			}
			return ""
		}
	}
	return ""
}

// durVerbs are the verbs of benefits a duration's bound may stand before,
// and durVerbBounds those bounds.
var (
	durVerbs      = []string{"补贴", "补助", "给予", "享受", "支持", "资助", "奖励", "扶持", "免征", "减免", "发放", "减半征收"}
	durVerbBounds = []string{"最长不超过", "最长", "最多", "连续", "至少", "最短", "累计"}
)

var durAfter = []string{"以内", "之内", "内", "以上", "及以上", "以下", "及以下", "后", "时间", "左右", "止"}

// durationAfter implements FindString of ^(?:以内|之内|内|以上|及以上|以下|及以下|后|时间|左右|止).
func durationAfter(s string) string {
	if n := prefixAt(s, 0, durAfter); n > 0 {
		return s[:n]
	}
	return ""
}

// findUnitLabels finds the labels of lists of bodies (牵头单位：, 责任单位:)
// in s: a label of labels, longest first, right before a colon. Each match
// holds the label's start, the end of its colon and the label's index in
// labels.
func findUnitLabels(s string, labels []unitLabel, out []match) []match {
	ascii, wide := nextIndex(s, 0, ":"), nextIndex(s, 0, "：")
	for ascii < len(s) || wide < len(s) {
		i, n := ascii, 1
		if wide < ascii {
			i, n = wide, len("：")
		}
		for k, l := range labels {
			if strings.HasSuffix(s[:i], l.word) {
				out = append(out, match{i - len(l.word), i + n, k})
				break
			}
		}
		if n == 1 {
			ascii = nextIndex(s, i+1, ":")
		} else {
			wide = nextIndex(s, i+n, "：")
		}
	}
	return out
}

// nextIndex returns the offset of the first sep in s from i, or len(s).
func nextIndex(s string, i int, sep string) int {
	if k := cjk.Index(s[i:], sep); k >= 0 {
		return i + k
	}
	return len(s)
}

//go:embed rateunits.txt
var rateUnitsText string

// perUnits are the units of rates longer than one character
// (rateunits.txt), longest first, so that 千瓦时 is read before 千瓦.
var perUnits = readRateUnits(rateUnitsText)

// readRateUnits reads a list of units, one a line, # starting a comment,
// and returns them longest first.
func readRateUnits(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if u := strings.TrimSpace(line); u != "" && !strings.HasPrefix(u, "#") {
			out = append(out, u)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// perAt reads the unit of a rate written after an amount: /辆, /人/年,
// /每平方米, /平方米·年, /套（间）·年. It returns the whole match and the
// unit, its parts joined by / (a · becomes /, a parenthesis is dropped,
// 每 after the slash is dropped), or "", "". Without a slash there is no
// rate (6万元每辆 is written with one in policies; 每年 after an amount is
// a period).
//
// Each part is one of perUnits, one to four ASCII letters, or one Han
// character, as
//
//	^(?:/|／)每?(平方米|千瓦时|…|[A-Za-z]{1,4}|\p{Han})(?:[（(][^）)]{1,6}[）)])?(?:(?:/|／|·|・)(…))*
func perAt(s string) (match, unit string) {
	var i int
	switch {
	case strings.HasPrefix(s, "/"):
		i = 1
	case strings.HasPrefix(s, "／"):
		i = len("／")
	default:
		return "", ""
	}
	var parts []string
	for {
		j := i
		if strings.HasPrefix(s[i:], "每") {
			j += len("每")
		}
		n := perUnitAt(s, j)
		if n == 0 && j > i {
			j, n = i, perUnitAt(s, i) // 每 is the unit itself (/每)
		}
		if n == 0 {
			break
		}
		i = j
		parts = append(parts, strings.ReplaceAll(s[i:i+n], "·", "")) // 千瓦·时 is 千瓦时
		i += n
		match = s[:i]
		if p := parenAt(s, i); p > 0 {
			i += p
			match = s[:i]
		}
		sep := 0
		for _, w := range []string{"/", "／", "·", "・"} {
			if strings.HasPrefix(s[i:], w) {
				sep = len(w)
				break
			}
		}
		if sep == 0 {
			break
		}
		i += sep
	}
	if len(parts) == 0 {
		return "", ""
	}
	return match, strings.Join(parts, "/")
}

// perUnitAt returns the length of the unit of a rate at s[i:], or 0.
func perUnitAt(s string, i int) int {
	if n := prefixAt(s, i, perUnits); n > 0 {
		return n
	}
	j := i
	for j < len(s) && j-i < 4 && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
		j++
	}
	if j > i {
		return j - i
	}
	if r, n := utf8.DecodeRuneInString(s[i:]); n > 0 && unicode.Is(unicode.Han, r) {
		return n
	}
	return 0
}

// parenAt returns the length of a short parenthesis at s[i:], one to six
// characters inside (（间）), or 0.
func parenAt(s string, i int) int {
	open := 0
	switch {
	case strings.HasPrefix(s[i:], "（"):
		open = len("（")
	case strings.HasPrefix(s[i:], "("):
		open = 1
	default:
		return 0
	}
	n := 0 // runes inside: one to six
	for j, r := range s[i+open:] {
		if r == '）' || r == ')' {
			if n == 0 {
				return 0
			}
			return open + j + utf8.RuneLen(r)
		}
		if n++; n > 6 || r == '\n' {
			return 0
		}
	}
	return 0
}

// rangeSepAt implements FindString of ^\s*(?:-|—|–|~|～|至|到)\s*.
func rangeSepAt(s string) string {
	i := spacesEnd(s, 0)
	n := prefixAt(s, i, dateRangeSeps)
	if n < 0 {
		return ""
	}
	return s[:spacesEnd(s, i+n)]
}

var scopes = []string{"考核年度内每个机构", "单个项目", "单个企业", "单家企业", "每家企业", "每个企业", "每个项目", "每家", "每个", "每户", "每人", "每年", "每项"}

// lastScope implements the last match of FindAllString of
//
//	(考核年度内每个机构|单个项目|单个企业|单家企业|每家企业|每个企业|每个项目|每家|每个|每户|每人|每年|每项)
//
// or "" when there is none.
func lastScope(s string) string {
	last := ""
	for i := 0; i < len(s); {
		if c := s[i]; (c == 0xE8 || c == 0xE5 || c == 0xE6) && i+2 < len(s) && (s[i:i+3] == "考" || s[i:i+3] == "单" || s[i:i+3] == "每") {
			if n := prefixAt(s, i, scopes); n > 0 {
				last = s[i : i+n]
				i += n
				continue
			}
		}
		i++
	}
	return last
}

var (
	notMoneyWords = []string{"宇宙", "化", "素", "件", "组", "论", "结构", "催化"}
	countWords    = []string{"个", "家", "人", "台", "辆", "吨", "亩", "平方", "公里", "千瓦", "户", "项", "套", "张", "件", "次", "名", "座", "所", "条", "处", "株", "头", "只", "份", "架", "艘", "册", "字", "篇", "余", "多", "元级", "级", "产值", "倍", "标准", "千米", "米", "兆", "GB", "kW"}
)

// percentBase implements FindStringSubmatch of
//
//	(?:按照|按)(?:不超过|不高于|其)?(.{1,40}?)(?:的)?$
//
// returning the group, and whether there was a match.
func percentBase(s string) (string, bool) {
	for from := 0; ; {
		k := cjk.Index(s[from:], "按")
		if k < 0 {
			return "", false
		}
		i := from + k
		heads := []int{len("按")}
		if strings.HasPrefix(s[i:], "按照") {
			heads = []int{len("按照"), len("按")}
		}
		for _, h := range heads {
			j := i + h
			var starts []int
			if n := prefixAt(s, j, []string{"不超过", "不高于", "其"}); n > 0 {
				starts = append(starts, j+n)
			}
			starts = append(starts, j)
			for _, st := range starts {
				if g, ok := lazyTail(s[st:]); ok {
					return g, true
				}
			}
		}
		from = i + len("按")
	}
}

// lazyTail matches (.{1,40}?)(?:的)?$ against the whole of x.
func lazyTail(x string) (string, bool) {
	if strings.ContainsRune(x, '\n') {
		return "", false
	}
	n := utf8.RuneCountInString(x)
	if strings.HasSuffix(x, "的") && n >= 2 && n <= 41 {
		return x[:len(x)-len("的")], true
	}
	if n >= 1 && n <= 40 {
		return x, true
	}
	return "", false
}
