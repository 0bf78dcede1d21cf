package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

func lastRuneBefore(s string, i int) (rune, int) { return utf8.DecodeLastRuneInString(s[:i]) }
func firstRuneAt(s string, i int) (rune, int)    { return utf8.DecodeRuneInString(s[i:]) }

// decimal is an exact decimal number: digits with the decimal point exp
// places from the right (123, 1 = 12.3).
type decimal struct {
	digits string
	exp    int
}

// parseDecimal reads an Arabic number with an optional decimal point and
// thousands separators.
func parseDecimal(s string) (decimal, bool) {
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return decimal{}, false
	}
	intPart, frac, _ := strings.Cut(s, ".")
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return decimal{}, false
		}
	}
	return decimal{digits: intPart + frac, exp: len(frac)}, true
}

// scale multiplies d by 10^k.
func (d decimal) scale(k int) decimal { return decimal{digits: d.digits, exp: d.exp - k} }

// String returns d in canonical form: no leading zeros, no trailing
// fractional zeros, no exponent (1.1亿 is 110000000).
func (d decimal) String() string {
	digits := d.digits
	exp := d.exp
	for exp < 0 {
		digits += "0"
		exp++
	}
	for exp > 0 && strings.HasSuffix(digits, "0") {
		digits = digits[:len(digits)-1]
		exp--
	}
	for len(digits) < exp+1 {
		digits = "0" + digits
	}
	intPart, frac := digits[:len(digits)-exp], digits[len(digits)-exp:]
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

// Float returns d as a float64, for comparisons only.
func (d decimal) Float() float64 {
	f, _ := strconv.ParseFloat(d.String(), 64)
	return f
}

var hanDigit = map[rune]int64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
	'壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9}
var hanUnit = map[rune]int64{'十': 10, '百': 100, '千': 1000, '拾': 10, '佰': 100, '仟': 1000}
var hanBig = map[rune]int64{'万': 10000, '亿': 100000000}

// parseHan reads a Chinese numeral (二百, 两千, 一千五百, 三十, 十, 一点五)
// without its 万/亿 multiplier.
func parseHan(s string) (decimal, bool) {
	if s == "" {
		return decimal{}, false
	}
	if ip, fp, ok := strings.Cut(s, "点"); ok {
		i, ok1 := parseHan(ip)
		if !ok1 {
			return decimal{}, false
		}
		frac := ""
		for _, r := range fp {
			d, ok := hanDigit[r]
			if !ok {
				return decimal{}, false
			}
			frac += strconv.FormatInt(d, 10)
		}
		return decimal{digits: i.String() + frac, exp: len(frac)}, true
	}
	var total, section, digit int64 = 0, 0, -1
	for _, r := range s {
		if d, ok := hanDigit[r]; ok {
			digit = d
			continue
		}
		if u, ok := hanUnit[r]; ok {
			if digit < 0 {
				digit = 1
			}
			section += digit * u
			digit = -1
			continue
		}
		if b, ok := hanBig[r]; ok {
			if digit > 0 {
				section += digit
			}
			total += section * b
			section, digit = 0, -1
			continue
		}
		return decimal{}, false
	}
	if digit > 0 {
		section += digit
	}
	return decimal{digits: strconv.FormatInt(total+section, 10)}, true
}

// parseNumber reads an Arabic or Chinese number.
func parseNumber(s string) (decimal, bool) {
	if s == "" {
		return decimal{}, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		return parseDecimal(s)
	}
	return parseHan(s)
}

// multiplier returns the power of ten of a 千/万/亿/万亿 multiplier.
func multiplier(s string) int {
	switch s {
	case "千":
		return 3
	case "万":
		return 4
	case "亿":
		return 8
	case "万亿":
		return 12
	case "百万":
		return 6
	case "千万":
		return 7
	}
	return 0
}
