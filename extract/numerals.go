package extract

import (
	"math"
	"math/big"
	"strings"
)

// A Numeral is a number recognised in running text: Arabic (1,050,000.5,
// .5, 2e5, 2^-1, 40k, 3/5), Chinese (两千四百五, 四亿零六, 一千三, 壹佰伍拾,
// 十余万), mixed (5万4千6百, 4.78万亿), decimal (二点五) or fractional
// (三分之一, 三百五又三分之一).
type Numeral struct {
	Start, End int      // byte offsets in the text searched
	Text       string   // the matched text
	Value      *big.Rat // exact value; nil when only Float is known
	Float      float64  // the value as a float
}

var (
	cnDigits = map[rune]int64{'零': 0, '〇': 0, '一': 1, '壹': 1, '二': 2, '贰': 2, '貳': 2, '两': 2, '兩': 2, '倆': 2, '俩': 2,
		'三': 3, '叁': 3, '參': 3, '四': 4, '肆': 4, '五': 5, '伍': 5, '六': 6, '陆': 6, '陸': 6, '七': 7, '柒': 7,
		'八': 8, '捌': 8, '九': 9, '玖': 9}
	cnUnits = map[rune]int{'十': 1, '拾': 1, '百': 2, '佰': 2, '千': 3, '仟': 3}
	cnBigs  = map[rune]int{'万': 4, '萬': 4, '亿': 8, '億': 8, '兆': 12}
	// notNumerals are words whose first or second character is a numeral
	// but that are not numbers.
	notNumerals = []string{"一切", "一看", "四川", "陆地", "大陆", "登陆", "海陆", "陆上", "入伍", "退伍", "队伍", "伍仁",
		"壹切", "收拾", "夕拾", "拾取", "拾起", "拾到", "放肆", "肆意", "肆无", "两两", "一下", "一些", "一起", "一般", "统一", "唯一", "万一"}
)

// numScanner reads numerals from a text folded to half-width.
type numScanner struct {
	rs   []rune
	offs []int // byte offset of each rune, plus the end
}

func newNumScanner(s string) *numScanner { return newScanner(s, true) }

// newScanner folds s to half-width; foldComma says whether the full-width
// comma counts as a thousands separator (４，５６５) or stays a list comma.
func newScanner(s string, foldComma bool) *numScanner {
	sc := &numScanner{}
	for i, r := range s {
		switch {
		case r >= '０' && r <= '９', r == '．', r == '－', r == '／', r == '％', r == '＋', r == '＾':
			r -= 0xFEE0
		case r == '，' && foldComma:
			r = ','
		case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r -= 0xFEE0
		}
		sc.rs = append(sc.rs, r)
		sc.offs = append(sc.offs, i)
	}
	sc.offs = append(sc.offs, len(s))
	return sc
}

func (sc *numScanner) at(i int) rune {
	if i < 0 || i >= len(sc.rs) {
		return 0
	}
	return sc.rs[i]
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isCN(r rune) bool {
	_, d := cnDigits[r]
	_, u := cnUnits[r]
	_, b := cnBigs[r]
	return d || u || b
}

// skipSpaces returns the index of the first non-space rune at or after i.
func (sc *numScanner) skipSpaces(i int) int {
	for i < len(sc.rs) && sc.rs[i] == ' ' {
		i++
	}
	return i
}

func pow10(n int) *big.Rat {
	return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil))
}

func ratInt(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

// arabic reads an Arabic number at i: digits with comma groups, a decimal
// part, and a k or M suffix. It returns its value and end.
func (sc *numScanner) arabic(i int) (*big.Rat, int, bool) {
	j := i
	var b strings.Builder
	for isDigit(sc.at(j)) {
		b.WriteRune(sc.rs[j])
		j++
	}
	for sc.at(j) == ',' && isDigit(sc.at(j+1)) && isDigit(sc.at(j+2)) && isDigit(sc.at(j+3)) && !isDigit(sc.at(j+4)) && b.Len() > 0 {
		b.WriteString(string(sc.rs[j+1 : j+4]))
		j += 4
	}
	if sc.at(j) == '.' && isDigit(sc.at(j+1)) {
		b.WriteRune('.')
		j++
		for isDigit(sc.at(j)) {
			b.WriteRune(sc.rs[j])
			j++
		}
	}
	if b.Len() == 0 || b.String() == "." {
		return nil, i, false
	}
	v, ok := new(big.Rat).SetString(b.String())
	if !ok {
		return nil, i, false
	}
	return v, j, true
}

// arabicBeforeUnit reports whether the Arabic digits at i are followed by
// a Chinese unit, as in 7万 5千.
func (sc *numScanner) arabicBeforeUnit(i int) bool {
	for isDigit(sc.at(i)) || sc.at(i) == '.' {
		i++
	}
	return cnUnits[sc.at(i)] > 0 || cnBigs[sc.at(i)] > 0
}

// chinese reads a Chinese or mixed integer or decimal at i.
func (sc *numScanner) chinese(i int) (*big.Rat, int, bool) {
	total, section := new(big.Rat), new(big.Rat)
	var pending *big.Rat
	pendingCN := false // pending is one Chinese digit (so 一千三 abbreviates)
	lastUnit, lastBig := 0, 0
	zero, any := false, false
	j := i
	end := i
	for j < len(sc.rs) {
		r := sc.rs[j]
		if r == ' ' {
			k := sc.skipSpaces(j)
			if k < len(sc.rs) && any && (isCN(sc.rs[k]) || strings.ContainsRune("余多几幾点點", sc.rs[k]) || isDigit(sc.rs[k]) && sc.arabicBeforeUnit(k)) {
				j = k
				continue
			}
			break
		}
		if d, ok := cnDigits[r]; ok {
			if r == '零' || r == '〇' {
				if !any && (sc.at(j+1) == '点' || sc.at(j+1) == '點') {
					pending, pendingCN = ratInt(0), false
					any = true
					j++
					end = j
					continue
				}
				if !any && cnUnits[sc.at(j+1)] > 0 { // 零十
					any, zero = true, true
					j++
					continue
				}
				zero = true
				j++
				continue
			}
			if pending != nil {
				break // two digits in a row: a new number
			}
			pending, pendingCN = ratInt(d), !zero
			any = true
			j++
			end = j
			continue
		}
		if isDigit(r) {
			if pending != nil {
				break
			}
			v, k, ok := sc.arabic(j)
			if !ok {
				break
			}
			pending, pendingCN = v, false
			any = true
			j, end = k, k
			continue
		}
		if u, ok := cnUnits[r]; ok {
			if pending == nil {
				if !any || zero {
					pending = ratInt(1) // 十, 百三, 零十
				} else {
					break
				}
			}
			section.Add(section, new(big.Rat).Mul(pending, pow10(u)))
			pending, pendingCN, zero = nil, false, false
			lastUnit = u
			any = true
			j++
			end = j
			continue
		}
		if b, ok := cnBigs[r]; ok {
			if !any {
				break
			}
			if pending == nil && section.Sign() == 0 {
				if total.Sign() == 0 {
					break
				}
				total.Mul(total, pow10(b)) // 万万, 万亿
			} else {
				cur := new(big.Rat).Set(section)
				if pending != nil {
					cur.Add(cur, pending)
				}
				if b > lastBig {
					total.Add(total, cur)
					total.Mul(total, pow10(b))
				} else {
					total.Add(total, cur.Mul(cur, pow10(b)))
				}
			}
			section, pending, pendingCN, zero = new(big.Rat), nil, false, false
			lastBig, lastUnit = b, b
			j++
			end = j
			continue
		}
		if (r == '多' || r == '余' || r == '几' || r == '幾') && any {
			k := sc.skipSpaces(j + 1)
			if _, big := cnBigs[sc.at(k)]; big {
				if r == '几' || r == '幾' {
					pending = nil
				}
				pendingCN = false
				j = k
				continue
			}
			break
		}
		if r == '半' && !any && cnUnits[sc.at(j+1)] >= 2 {
			pending = big.NewRat(1, 2)
			any = true
			j++
			continue
		}
		break
	}
	if !any || end == i {
		return nil, i, false
	}
	v := new(big.Rat).Add(total, section)
	if pending != nil {
		if pendingCN && lastUnit > 0 {
			v.Add(v, new(big.Rat).Mul(pending, pow10(lastUnit-1)))
		} else {
			v.Add(v, pending)
		}
	}
	// decimal part: 点五, 点 五, 点三三
	k := sc.skipSpaces(end)
	if r := sc.at(k); r == '点' || r == '點' {
		m := sc.skipSpaces(k + 1)
		var digits strings.Builder
		for {
			d, ok := cnDigits[sc.at(m)]
			if !ok || sc.at(m) == '两' || sc.at(m) == '兩' || sc.at(m) == '倆' {
				break
			}
			digits.WriteByte(byte('0' + d))
			m++
			if sc.at(m) == ' ' && isCN(sc.at(sc.skipSpaces(m))) {
				m = sc.skipSpaces(m)
			}
		}
		if digits.Len() > 0 {
			f, _ := new(big.Rat).SetString("0." + digits.String())
			v.Add(v, f)
			end = m
		}
	}
	return v, end, true
}

// number reads a signed number at i, Arabic or Chinese, with exponent,
// power, k/M suffix and 打 (dozen).
func (sc *numScanner) number(i int) (*big.Rat, float64, int, bool) {
	neg := false
	j := i
	switch r := sc.at(j); {
	case r == '-' && (isDigit(sc.at(j+1)) || sc.at(j+1) == '.'):
		neg = true
		j++
	case r == '负' || r == '負':
		neg = true
		j++
	}
	var v *big.Rat
	var end int
	var ok bool
	if sc.at(j) == '.' && isDigit(sc.at(j+1)) {
		v, end, ok = sc.arabic(j)
	} else {
		v, end, ok = sc.chinese(j)
	}
	if !ok {
		return nil, 0, i, false
	}
	f, _ := v.Float64()
	exact := true
	switch r := sc.at(end); {
	case (r == 'e' || r == 'E') && (isDigit(sc.at(end+1)) || (sc.at(end+1) == '-' || sc.at(end+1) == '+') && isDigit(sc.at(end+2))):
		k := end + 1
		sign := 1
		if sc.at(k) == '-' || sc.at(k) == '+' {
			if sc.at(k) == '-' {
				sign = -1
			}
			k++
		}
		n := 0
		for isDigit(sc.at(k)) {
			if n < 1000 {
				n = n*10 + int(sc.at(k)-'0')
			}
			k++
		}
		if n > maxExponent {
			break // 1E22222222 is no number worth computing exactly
		}
		if sign > 0 {
			v.Mul(v, pow10(n))
		} else {
			v.Quo(v, pow10(n))
		}
		end = k
	case r == '^':
		k := end + 1
		sign := 1
		for sc.at(k) == '-' || sc.at(k) == '+' {
			if sc.at(k) == '-' {
				sign = -sign
			}
			k++
		}
		e, k2, ok := sc.arabic(k)
		if ok {
			ef, _ := e.Float64()
			f = math.Pow(f, float64(sign)*ef)
			exact = false
			end = k2
		}
	case (r == 'k' || r == 'K') && !isLetter(sc.at(end+1)), r == ' ' && (sc.at(end+1) == 'k' || sc.at(end+1) == 'K') && !isLetter(sc.at(end+2)):
		v.Mul(v, pow10(3))
		end = sc.skipSpaces(end) + 1
	case r == ' ' && sc.at(end+1) == 'M' && !isLetter(sc.at(end+2)), r == 'M' && !isLetter(sc.at(end+1)):
		v.Mul(v, pow10(6))
		end = sc.skipSpaces(end) + 1
	case r == '打':
		v.Mul(v, ratInt(12))
		end++
	}
	if exact {
		f, _ = v.Float64()
	}
	if neg {
		v.Neg(v)
		f = -f
	}
	if !exact {
		v = nil
	}
	return v, f, end, true
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// maxExponent bounds the exponents read in 2e5 notation.
const maxExponent = 308

// fraction reads "A分之B" after a number A ending at i (spaces allowed).
func (sc *numScanner) fraction(i int) (k int, ok bool) {
	k = sc.skipSpaces(i)
	if sc.at(k) != '分' {
		return i, false
	}
	k = sc.skipSpaces(k + 1)
	if sc.at(k) != '之' {
		return i, false
	}
	return sc.skipSpaces(k + 1), true
}

// FindNumerals returns the numerals of s in order.
func FindNumerals(s string) []Numeral {
	sc := newNumScanner(s)
	var out []Numeral
	emit := func(i, end int, v *big.Rat, f float64) {
		for end > i && sc.rs[end-1] == ' ' {
			end--
		}
		n := Numeral{Start: sc.offs[i], End: sc.offs[end], Text: s[sc.offs[i]:sc.offs[end]], Value: v, Float: f}
		if v != nil {
			n.Float, _ = v.Float64()
		}
		out = append(out, n)
	}
	for i := 0; i < len(sc.rs); {
		r := sc.rs[i]
		startable := isDigit(r) || r == '-' || r == '.' || r == '负' || r == '負' || isCN(r) || r == '半'
		if !startable || blocked(sc, i) {
			i++
			continue
		}
		if isDigit(sc.at(i-1)) || sc.at(i-1) == '.' && isDigit(sc.at(i-2)) {
			i++
			continue
		}
		// 百分之N and 千分之N are percentages: read only N
		if _, unit := cnUnits[r]; unit || cnBigs[r] > 0 {
			if k, ok := sc.fraction(i + 1); ok && !isCN(sc.at(i-1)) {
				i = k
				continue
			}
		}
		v, f, end, ok := sc.number(i)
		if !ok {
			i++
			continue
		}
		// a lone big unit (万) or a single numeral inside a word is not a number
		if end == i+1 && cnBigs[r] > 0 {
			i++
			continue
		}
		if sc.at(sc.skipSpaces(end)) == '%' {
			i = end // a percentage, not a bare number
			continue
		}
		// mixed fraction W又A分之B and fraction A分之B
		w, wf, wEnd := v, f, end
		if k := sc.skipSpaces(end); sc.at(k) == '又' {
			if a, af, aEnd, ok := sc.number(sc.skipSpaces(k + 1)); ok {
				if k2, ok := sc.fraction(aEnd); ok {
					if b, bf, bEnd, ok := sc.number(k2); ok && (af != 0) {
						val, fl := ratio(b, bf, a, af)
						if w != nil && val != nil {
							if w.Sign() < 0 {
								val = new(big.Rat).Sub(w, val)
							} else {
								val = new(big.Rat).Add(w, val)
							}
						}
						emit(i, bEnd, val, wf+fl)
						i = bEnd
						continue
					}
				}
			}
		}
		if k, ok := sc.fraction(wEnd); ok {
			if b, bf, bEnd, ok := sc.number(k); ok && wf != 0 {
				val, fl := ratio(b, bf, w, wf)
				emit(i, bEnd, val, fl)
				i = bEnd
				continue
			}
		}
		// Arabic fractions 3/5 and mixed 1 3/5
		if k := wEnd; sc.at(k) == '/' && w != nil && w.IsInt() {
			if b, _, bEnd, ok := sc.number(k + 1); ok && b != nil && b.Sign() != 0 && isDigit(sc.at(k+1)) {
				emit(i, bEnd, new(big.Rat).Quo(w, b), 0)
				i = bEnd
				continue
			}
		}
		if sc.at(wEnd) == ' ' && isDigit(sc.at(wEnd+1)) && w != nil && w.IsInt() {
			if a, _, aEnd, ok := sc.number(wEnd + 1); ok && a != nil && sc.at(aEnd) == '/' {
				if b, _, bEnd, ok := sc.number(aEnd + 1); ok && b != nil && b.Sign() != 0 {
					emit(i, bEnd, new(big.Rat).Add(w, new(big.Rat).Quo(a, b)), 0)
					i = bEnd
					continue
				}
			}
		}
		emit(i, end, v, f)
		i = end
	}
	return out
}

// ratio returns b/a, exactly when both are exact.
func ratio(b *big.Rat, bf float64, a *big.Rat, af float64) (*big.Rat, float64) {
	if a != nil && b != nil && a.Sign() != 0 {
		v := new(big.Rat).Quo(b, a)
		f, _ := v.Float64()
		return v, f
	}
	return nil, bf / af
}

// blocked reports whether the numeral at i starts or ends inside a word
// that is not a number (一切, 四川, 收拾), or is a single numeral before a
// currency or discount word (一美元 is money, not a bare number).
func blocked(sc *numScanner, i int) bool {
	if (sc.at(i) == '百' || sc.at(i) == '佰') && sc.at(i+1) == '分' && (sc.at(i+2) == '点' || sc.at(i+2) == '點') {
		return true // 个百分点
	}
	pair := string([]rune{sc.at(i - 1), sc.at(i)})
	next := string([]rune{sc.at(i), sc.at(i + 1)})
	for _, w := range notNumerals {
		if w == pair || w == next {
			return true
		}
	}
	if isCN(sc.at(i)) && !isCN(sc.at(i+1)) && !isCN(sc.at(i-1)) {
		rest := string(sc.rs[i+1 : min(len(sc.rs), i+4)])
		for _, w := range []string{"美元", "美刀", "折"} {
			if strings.HasPrefix(rest, w) {
				return true
			}
		}
	}
	return false
}
