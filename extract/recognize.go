package extract

import (
	"math"
	"strings"
)

// A Recognized is a percentage or an amount of money found by
// FindPercentages or FindAmounts. Value is NaN for a currency named without
// an amount.
type Recognized struct {
	Start, End int // byte offsets
	Text       string
	Value      float64 // percent for percentages; currency units for amounts
	Currency   string  // ISO 4217 code (or a name such as Bitcoin) for amounts
}

// FindPercentages recognises percentages: 30%, 百分之三十, 千分之五, 万分之三,
// 2.4个百分点, and the retail forms 七成, 三成半, 八五折, 打对折.
func FindPercentages(s string) []Recognized {
	sc := newNumScanner(s)
	var out []Recognized
	emit := func(i, end int, v float64) {
		out = append(out, Recognized{Start: sc.offs[i], End: sc.offs[end], Text: s[sc.offs[i]:sc.offs[end]], Value: v})
	}
	for i := 0; i < len(sc.rs); {
		r := sc.rs[i]
		// 百分之N, 千分之N, 万分之N (not A百分之B, a fraction)
		if scale := map[rune]float64{'百': 1, '佰': 1, '千': 0.1, '仟': 0.1, '万': 0.01, '萬': 0.01}[r]; scale != 0 && !isCN(sc.at(i-1)) && !isDigit(sc.at(i-1)) {
			if k, ok := sc.fraction(i + 1); ok {
				if v, f, end, ok := sc.number(k); ok && !isCN(sc.at(end)) {
					if v != nil {
						f, _ = v.Float64()
					}
					emit(i, end, f*scale)
					i = end
					continue
				}
			}
		}
		switch {
		case r == '半' && (sc.at(i+1) == '成' || sc.at(i+1) == '折'):
			v := 5.0
			if sc.at(i+1) == '折' {
				v = 50
			}
			emit(i, i+2, v)
			i += 2
			continue
		case (r == '对' || r == '對') && sc.at(i+1) == '折' && sc.at(i-1) == '打':
			emit(i, i+2, 50)
			i += 2
			continue
		}
		// two single digits before 折: 三八折, 五五折, 九 九 折, 7 2 折
		if d1, ok := digitAt(sc, i); ok {
			k := sc.skipSpaces(i + 1)
			if d2, ok := singleDigit(sc, k); ok {
				if e := sc.skipSpaces(k + 1); sc.at(e) == '折' {
					emit(i, e+1, float64(d1*10+d2))
					i = e + 1
					continue
				}
			}
		}
		if isCN(r) && cnDigits[sc.at(i-1)] > 0 {
			i++ // inside a range such as 二三十
			continue
		}
		f, end, ok := sc.valueAt(i)
		if !ok {
			i++
			continue
		}
		k := sc.skipSpaces(end)
		switch c := sc.at(k); {
		case c == '%':
			emit(i, k+1, f)
			i = k + 1
			continue
		case c == '个' || c == '個':
			m := sc.skipSpaces(k + 1)
			if sc.at(m) == '百' {
				m = sc.skipSpaces(m + 1)
				if sc.at(m) == '分' {
					m = sc.skipSpaces(m + 1)
					if sc.at(m) == '点' || sc.at(m) == '點' {
						emit(i, m+1, f)
						i = m + 1
						continue
					}
				}
			}
		case c == '成':
			val, e := f*10, k+1
			if sc.at(e) == '半' {
				val, e = val+5, e+1
			} else if m := sc.skipSpaces(e); m > e {
				if d, ok := singleDigit(sc, m); ok && !isCN(sc.at(m+1)) {
					val, e = val+float64(d), m+1
				}
			}
			emit(i, e, val)
			i = e
			continue
		case c == '折':
			if f > 0 && f < 10 {
				emit(i, k+1, f*10)
			} else if f >= 10 && f < 100 && isDigit(r) {
				emit(i, k+1, f)
			}
			i = k + 1
			continue
		}
		i = end
	}
	return out
}

// digitAt reports the value of the digit 1-9 (Arabic or Chinese) at i.
func digitAt(sc *numScanner, i int) (int, bool) {
	r := sc.at(i)
	if r >= '1' && r <= '9' && !isDigit(sc.at(i-1)) && !isDigit(sc.at(i+1)) {
		return int(r - '0'), true
	}
	if d, ok := cnDigits[r]; ok && d > 0 && cnDigits[sc.at(i-1)] == 0 {
		return int(d), true
	}
	return 0, false
}

// valueAt reads a number starting at i (not in the middle of digits) and
// returns its value as a float and its end.
func (sc *numScanner) valueAt(i int) (float64, int, bool) {
	r := sc.at(i)
	startable := isDigit(r) || r == '-' || r == '.' || r == '负' || r == '負' || isCN(r)
	if !startable || isDigit(sc.at(i-1)) {
		return 0, i, false
	}
	v, f, end, ok := sc.number(i)
	if ok && v != nil {
		f, _ = v.Float64()
	}
	return f, end, ok
}

// singleDigit reports the value of a lone digit (Arabic or Chinese) at i.
func singleDigit(sc *numScanner, i int) (int, bool) {
	r := sc.at(i)
	if isDigit(r) && !isDigit(sc.at(i+1)) && sc.at(i+1) != '.' && !isDigit(sc.at(i-1)) {
		return int(r - '0'), true
	}
	if d, ok := cnDigits[r]; ok && d > 0 && !isCN(sc.at(i+1)) {
		return int(d), true
	}
	return 0, false
}

// currencies maps currency words to codes, longest first.
var currencies = []struct{ word, code string }{
	{"元人民币", "CNY"}, {"人民币", "CNY"}, {"瑞士法郎", "CHF"}, {"新台币", "TWD"}, {"台币", "TWD"}, {"美元", "USD"}, {"美金", "USD"}, {"美圆", "USD"}, {"美刀", "USD"},
	{"欧元", "EUR"}, {"港元", "HKD"}, {"港币", "HKD"}, {"日元", "JPY"}, {"英镑", "GBP"}, {"卢布", "RUB"}, {"韩元", "KRW"}, {"奈拉", "NGN"},
	{"个比特币", "Bitcoin"}, {"比特币", "Bitcoin"}, {"元", "CNY"}, {"圆", "CNY"}, {"块", "CNY"},
}

// FindAmounts recognises amounts of money: a number followed by a currency
// word (1000万元, 1.0753美元, 1万亿日元, 五元三毛), a currency sign before a
// number ($20, ￥300), and currency names on their own.
func FindAmounts(s string) []Recognized {
	sc := newScanner(s, false)
	var out []Recognized
	emit := func(i, end int, v float64, code string) {
		out = append(out, Recognized{Start: sc.offs[i], End: sc.offs[end], Text: s[sc.offs[i]:sc.offs[end]], Value: v, Currency: code})
	}
	word := func(k int) (string, int) {
		rest := string(sc.rs[k:min(len(sc.rs), k+6)])
		for _, c := range currencies {
			if strings.HasPrefix(rest, c.word) {
				return c.code, k + len([]rune(c.word))
			}
		}
		return "", k
	}
	for i := 0; i < len(sc.rs); {
		r := sc.rs[i]
		if r == '$' || r == '￥' || r == '¥' {
			if v, f, end, ok := sc.number(sc.skipSpaces(i + 1)); ok {
				if v != nil {
					f, _ = v.Float64()
				}
				code := "CNY"
				if r == '$' {
					code = "USD"
				}
				emit(i, end, f, code)
				i = end
				continue
			}
		}
		if code, end := word(i); code != "" && (r == '人' || r == '美') {
			emit(i, end, math.NaN(), code) // a currency named alone
			i = end
			continue
		}
		f, end, ok := sc.valueAt(i)
		if !ok {
			i++
			continue
		}
		code, wend := word(sc.skipSpaces(end))
		if code == "" {
			i = end
			continue
		}
		// 五元三毛, 50元6角三分
		if code == "CNY" {
			for _, sub := range []struct {
				units string
				scale float64
			}{{"角毛", 0.1}, {"分", 0.01}} {
				if sv, sf, send, ok := sc.number(wend); ok && strings.ContainsRune(sub.units, sc.at(send)) {
					if sv != nil {
						sf, _ = sv.Float64()
					}
					f += sf * sub.scale
					wend = send + 1
				}
			}
		}
		emit(i, wend, f, code)
		i = wend
	}
	return out
}
