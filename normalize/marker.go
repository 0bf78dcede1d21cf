package normalize

import (
	"strings"
	"unicode/utf8"
)

// A Family is a kind of clause marker. Policy documents nest them in a
// customary order (一、 over （一） over 1. over （1） over ①), but a document
// may skip levels, so the segmenter assigns levels by order of appearance.
type Family string

// The marker families LeadingMarker recognises.
const (
	Part       Family = "第X部分" // 第一部分, 第一编, 第一篇
	Article    Family = "第X章"  // 第一章
	Section    Family = "第X节"  // 第一节
	Item       Family = "第X条"  // 第一条, 第1条, OCR-spaced 第1 0条
	HanComma   Family = "一、"   // 一、 (or 一． 一.)
	HanParen   Family = "（一）"  // （一） or (一)
	DigitDot   Family = "1."   // 1. 1． 1、
	DigitParen Family = "（1）"  // （1） or (1)
	DigitHalf  Family = "1）"   // 1） or 1)
	Outline2   Family = "1.1"  // decimal outline numbers: 1.1, then 1.1.1 …
	Outline3   Family = "1.1.1"
	Outline4   Family = "1.1.1.1"
	Circled    Family = "①"  // ① .. ⑳
	Bullet     Family = "——" // un-numbered —— bullets
	BulletDot  Family = "•"  // un-numbered • bullets
)

// A Marker is a clause marker at the start of a line.
type Marker struct {
	Family Family
	Value  int // the number it prints, 0 for bullets
	Sub    int // an inserted article's number after 之 (第十条之一: 1), else 0
	Len    int // its length in bytes, including a following space
}

// LeadingMarker recognises a clause marker at the start of s. A Chinese
// numeral followed by 、 that is itself followed by another numeral and 、
// (三、四、五级的软件企业) is an enumeration inside a sentence, not a marker.
func LeadingMarker(s string) (Marker, bool) {
	m, ok := leadingMarker(s)
	if !ok {
		return Marker{}, false
	}
	for m.Len < len(s) && s[m.Len] == ' ' {
		m.Len++
	}
	if m.Len >= len(s) && m.Family != HanParen && m.Family != HanComma {
		return Marker{}, false // a marker alone on a line is not a clause
	}
	return m, true
}

func leadingMarker(s string) (Marker, bool) {
	if s == "" {
		return Marker{}, false
	}
	switch {
	case strings.HasPrefix(s, "——"):
		n := len("——")
		for strings.HasPrefix(s[n:], "—") {
			n += len("—")
		}
		return Marker{Family: Bullet, Len: n}, true
	case strings.HasPrefix(s, "•"):
		return Marker{Family: BulletDot, Len: len("•")}, true
	case strings.HasPrefix(s, "第"):
		v, n := HanNumber(s[len("第"):])
		if n == 0 {
			v, n = spacedDigits(s[len("第"):])
		}
		if n == 0 {
			return Marker{}, false
		}
		rest := s[len("第")+n:]
		for _, w := range ordinalWords {
			if strings.HasPrefix(rest, w.word) {
				m := Marker{Family: w.family, Value: v, Len: len("第") + n + len(w.word)}
				if after, ok := strings.CutPrefix(rest[len(w.word):], "之"); ok && w.family == Item {
					// an article inserted by an amendment: 第十条之一
					if sub, k := HanNumber(after); k > 0 {
						m.Sub, m.Len = sub, m.Len+len("之")+k
					}
				}
				return m, true
			}
		}
		return Marker{}, false
	case strings.HasPrefix(s, "（") || strings.HasPrefix(s, "("):
		open := len("（")
		if s[0] == '(' {
			open = 1
		}
		rest := s[open:]
		if v, n := HanNumber(rest); n > 0 {
			if c := closeLen(rest[n:]); c > 0 {
				return Marker{Family: HanParen, Value: v, Len: open + n + c}, true
			}
			return Marker{}, false
		}
		if n := leadingASCIIDigits(rest); n > 0 && n <= 3 {
			if c := closeLen(rest[n:]); c > 0 {
				return Marker{Family: DigitParen, Value: atoi(rest[:n]), Len: open + n + c}, true
			}
		}
		return Marker{}, false
	}
	switch r, n := utf8.DecodeRuneInString(s); {
	case r >= '①' && r <= '⑳':
		return Marker{Family: Circled, Value: int(r-'①') + 1, Len: n}, true
	case r >= '⑴' && r <= '⒇': // one character for (1)..(20)
		return Marker{Family: DigitParen, Value: int(r-'⑴') + 1, Len: n}, true
	case r >= '⒈' && r <= '⒛': // one character for 1...20.
		return Marker{Family: DigitDot, Value: int(r-'⒈') + 1, Len: n}, true
	case r >= '㈠' && r <= '㈩': // one character for (一)..(十)
		return Marker{Family: HanParen, Value: int(r-'㈠') + 1, Len: n}, true
	}
	if n := leadingASCIIDigits(s); n > 0 && n <= 3 {
		rest := s[n:]
		if m, ok := outlineMarker(s, n); ok {
			return m, true
		}
		var sep int
		switch {
		case strings.HasPrefix(rest, ")"), strings.HasPrefix(rest, "）"):
			c := closeLen(rest)
			if after := rest[c:]; after != "" && (after[0] >= '0' && after[0] <= '9' || after[0] == '%') {
				return Marker{}, false
			}
			return Marker{Family: DigitHalf, Value: atoi(s[:n]), Len: n + c}, true
		case strings.HasPrefix(rest, "."):
			sep = 1
		case strings.HasPrefix(rest, "．"), strings.HasPrefix(rest, "、"):
			sep = len("、")
		default:
			return Marker{}, false
		}
		after := rest[sep:]
		if after != "" && (after[0] >= '0' && after[0] <= '9' || after[0] == '%') {
			return Marker{}, false // 1.5亿元, 2.5%
		}
		return Marker{Family: DigitDot, Value: atoi(s[:n]), Len: n + sep}, true
	}
	if v, n := HanNumber(s); n > 0 && strings.HasPrefix(s[n:], "、") {
		after := s[n+len("、"):]
		if _, m := HanNumber(after); m > 0 && strings.HasPrefix(after[m:], "、") {
			return Marker{}, false // 三、四、五级
		}
		return Marker{Family: HanComma, Value: v, Len: n + len("、")}, true
	} else if n > 0 && v < 100 {
		// 一．总体要求 and 一.总体要求, as some documents write 一、
		sep := 0
		switch {
		case strings.HasPrefix(s[n:], "．"):
			sep = len("．")
		case strings.HasPrefix(s[n:], "."):
			sep = 1
		}
		if r, _ := utf8.DecodeRuneInString(s[n+sep:]); sep > 0 && (r >= 0x4E00 && r <= 0x9FFF || r == ' ') {
			return Marker{Family: HanComma, Value: v, Len: n + sep}, true
		}
	}
	return Marker{}, false
}

// ordinalWords are the words that make 第N a marker, with their family.
var ordinalWords = []struct {
	word   string
	family Family
}{{"章", Article}, {"节", Section}, {"条", Item}, {"部分", Part}, {"编", Part}, {"篇", Part}}

// spacedDigits reads Arabic digits at the start of s, allowing single
// spaces between them (OCR writes 第1 0条 for 第10条), and returns their
// value and length in bytes; n is 0 when s does not start with a digit or
// the number has more than four digits.
func spacedDigits(s string) (v, n int) {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			v = v*10 + int(c-'0')
			digits++
			n = i + 1
		case c == ' ' && digits > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
		default:
			i = len(s)
		}
	}
	if digits == 0 || digits > 4 {
		return 0, 0
	}
	return v, n
}

// outlineFamilies are the families of decimal outline numbers by their
// count of components.
var outlineFamilies = [...]Family{2: Outline2, 3: Outline3, 4: Outline4}

// quantitySuffixes are the characters that follow a decimal number that
// is a quantity, not an outline number (1.5亿元, 2.5倍, 3.5个百分点).
const quantitySuffixes = "万亿千百元倍个米吨件家人天年月日次项平方公里亩克升度分秒美欧港英"

// outlineMarker reads a decimal outline number (1.1, 2.3.1) at the start
// of s, whose first n bytes are digits: two to four components, then a
// space or a Han character that does not make the number a quantity.
func outlineMarker(s string, n int) (Marker, bool) {
	comps := 1
	last := atoi(s[:n])
	i := n
	for i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i-1 > 3 {
			return Marker{}, false
		}
		last = atoi(s[i+1 : j])
		comps++
		i = j
	}
	if comps < 2 || comps >= len(outlineFamilies) {
		return Marker{}, false
	}
	end := i
	for i < len(s) && s[i] == ' ' {
		i++
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if i == end && !(r >= 0x4E00 && r <= 0x9FFF) || strings.ContainsRune(quantitySuffixes, r) || i == len(s) {
		return Marker{}, false
	}
	if !(r >= 0x4E00 && r <= 0x9FFF) && r != '“' && r != '（' && r != '(' {
		return Marker{}, false
	}
	return Marker{Family: outlineFamilies[comps], Value: last, Len: end}, true
}

func closeLen(s string) int {
	switch {
	case strings.HasPrefix(s, "）"):
		return len("）")
	case strings.HasPrefix(s, ")"):
		return 1
	}
	return 0
}

func leadingASCIIDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// hanDigit returns the value of a Chinese digit.
func hanDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

// HanNumber reads a Chinese numeral below 1000 (一, 十二, 二十三, 一百零五) at
// the start of s and returns its value and length in bytes; n is 0 when s
// does not start with one.
func HanNumber(s string) (v, n int) {
	cur, total := -1, 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case r == '十':
			if cur < 0 {
				cur = 1
			}
			total += cur * 10
			cur = -1
		case r == '百':
			if cur < 0 {
				cur = 1
			}
			total += cur * 100
			cur = -1
		default:
			d, ok := hanDigit(r)
			if !ok || r == '两' {
				if cur >= 0 {
					total += cur
				}
				return total, n
			}
			if d == 0 && total > 0 && cur < 0 { // 一百零五
				n += size
				continue
			}
			if cur >= 0 { // two digits in a row: not a count
				return 0, 0
			}
			cur = d
		}
		n += size
	}
	if cur >= 0 {
		total += cur
	}
	return total, n
}
