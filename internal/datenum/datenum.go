// Package datenum reads the numbers of a date as Chinese documents print
// them: in digits (2023年10月16日) or in Chinese numerals, as documents
// printed before 2012 date their signature (二〇二三年十月十六日): a year
// digit by digit (二〇二三, 一九九三, with 〇, ○ or 零 for zero), a month
// or day by tens (十, 十二, 二十九, 三十一).
package datenum

// Year and Month and Day are the regular expressions of a date's parts,
// each one capturing group, for expressions that read dates in either
// form.
const (
	Year  = `((?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3})`
	Month = `(\d{1,2}|十[一二]?|[一二三四五六七八九])`
	Day   = `(\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])`

	// Date is a full date, 2023年10月16日 or 二〇二三年十月十六日: three
	// capturing groups, year, month and day.
	Date = Year + `年` + Month + `月` + Day + `日`
)

// digits are the values of the Chinese numerals a year is written with.
var digits = map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// Value returns the number s writes, or false: ASCII digits, Chinese
// numerals digit by digit (一九九三), or a number below 100 by tens (十二,
// 二十九).
func Value(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' || n > 1e8 {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, true
	}
	rs := []rune(s)
	tens := -1 // the position of 十
	for i, r := range rs {
		if r == '十' {
			if tens >= 0 {
				return 0, false
			}
			tens = i
		} else if _, ok := digits[r]; !ok {
			return 0, false
		}
	}
	if tens < 0 {
		n := 0
		for _, r := range rs {
			if len(rs) > 8 {
				return 0, false
			}
			n = n*10 + digits[r]
		}
		return n, true
	}
	if tens > 1 || len(rs)-tens > 2 {
		return 0, false
	}
	n := 10
	if tens == 1 {
		n = digits[rs[0]] * 10
		if n == 0 {
			return 0, false
		}
	}
	if tens+1 < len(rs) {
		u := digits[rs[tens+1]]
		if u == 0 {
			return 0, false
		}
		n += u
	}
	return n, true
}
