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
	Article    Family = "第X章" // 第一章
	Section    Family = "第X节" // 第一节
	Item       Family = "第X条" // 第一条
	HanComma   Family = "一、"  // 一、
	HanParen   Family = "（一）" // （一） or (一)
	DigitDot   Family = "1."  // 1. 1． 1、
	DigitParen Family = "（1）" // （1） or (1)
	Circled    Family = "①"   // ① .. ⑳
	Bullet     Family = "——"  // un-numbered —— bullets
	BulletDot  Family = "•"   // un-numbered • bullets
)

// A Marker is a clause marker at the start of a line.
type Marker struct {
	Family Family
	Value  int // the number it prints, 0 for bullets
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
			return Marker{}, false
		}
		rest := s[len("第")+n:]
		r, rn := utf8.DecodeRuneInString(rest)
		fam := map[rune]Family{'章': Article, '节': Section, '条': Item}[r]
		if fam == "" {
			return Marker{}, false
		}
		return Marker{Family: fam, Value: v, Len: len("第") + n + rn}, true
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
	if r, n := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return Marker{Family: Circled, Value: int(r-'①') + 1, Len: n}, true
	}
	if n := leadingASCIIDigits(s); n > 0 && n <= 3 {
		rest := s[n:]
		var sep int
		switch {
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
	}
	return Marker{}, false
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
