package normalize

import (
	"strings"
	"unicode/utf8"
)

// A lineScan is what one reading of a line finds: whether each of the
// first stages would change it, its script tally, and the features noise
// removal and joining decide by. Run reads every line once this way and
// runs a stage, or reads a line again, only where the scan says so.
type lineScan struct {
	width, marks int // as measureLine reports them
	runes        int // characters (an ill-formed byte counts as one)
	trad, simp   int // as lineScore reports them (when tables are given)
	flags        scanFlag
}

// scanFlag bits say what a line holds.
type scanFlag uint16

// Bits of scanFlag. The stage bits are conservative: a stage whose bit is
// clear leaves the line as it is.
const (
	scanClean   scanFlag = 1 << iota // Clean may change it
	scanWidth                        // Width may change it (needsWidth)
	scanPrivate                      // it holds a private-use character
	scanSpace                        // it holds a space or a tab
	scanStars                        // it holds ** (emphasis)
	scanChrome                       // it holds a chrome mark (hasChromeMark)
	scanLeader                       // it may hold a leader run (mayHoldLeader)
	scanPunct                        // it holds 。，；, or ; (measureLine's punct)
	scanBreak                        // Clean may make a line break in it (a CR before its end, U+2028, U+2029)

	scanStages = scanClean | scanWidth | scanPrivate
)

// scanLine reads line s, which holds no line break and may be ill-formed,
// once. With t it also tallies the script as lineScore does.
func scanLine(s []byte, t *t2sTables) lineScan {
	var sc lineScan
	var bmp *[0x10000 / 4]uint8
	ideo := &plainIdeographs
	if t != nil {
		bmp = &t.bmpScript
		ideo = &t.ideographs
	}
	trad, simp, han := 0, 0, 0
	for i := 0; i < len(s); {
		// runs of CJK ideographs, U+4E00..U+9FFF: most of the text
		if c := s[i]; c >= 0xE4 && c <= 0xE9 {
			end, tr, sp, chrome := ideographRun(s, i, ideo)
			trad += tr
			simp += sp
			han += (end - i) / 3
			if chrome {
				sc.flags |= scanChrome
			}
			i = end
			if i >= len(s) {
				break
			}
		}
		c := s[i]
		sc.runes++
		if c < utf8.RuneSelf {
			sc.width++
			switch c {
			case ' ', '\t':
				sc.flags |= scanSpace
			case ',', ';':
				sc.width++
				sc.marks++
				sc.flags |= scanPunct
			case ':', '(', ')', '?':
				sc.width++
				sc.marks++
			case '!':
				sc.width++
				sc.marks++
				if i+1 < len(s) && s[i+1] == '!' {
					sc.flags |= scanLeader
				}
			case '.', '_':
				if i+1 < len(s) && s[i+1] == c {
					sc.flags |= scanLeader
				}
			case '*':
				if i+1 < len(s) && s[i+1] == '*' {
					sc.flags |= scanStars
				}
			case '{':
				if i+1 < len(s) && s[i+1] == '{' {
					sc.flags |= scanChrome
				}
			case '-':
				if i+1 < len(s) && s[i+1] == '-' || hyphenAcrossStars(s, i) {
					sc.flags |= scanWidth
				}
			default:
				if c < 0x20 || c == 0x7F {
					sc.flags |= scanClean
					if c == '\r' && i+1 < len(s) {
						sc.flags |= scanBreak
					}
				}
			}
			i++
			continue
		}
		if (c >= 0xE1 && c <= 0xEC || c >= 0xEE) && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// three bytes, well formed (U+1000..U+CFFF, U+E000..U+FFFF)
			r := uint(c&0x0F)<<12 | uint(s[i+1]&0x3F)<<6 | uint(s[i+2]&0x3F)
			if bmp != nil {
				v := bmp[r>>2] >> (2 * (r & 3))
				trad += int(v & scriptTrad)
				simp += int(v&scriptSimp) >> 1
			}
			if r >= 0x3000 && r <= 0x303F {
				sc.width += 2
				switch r {
				case '。':
					sc.flags |= scanPunct
				case '\u3000':
					sc.flags |= scanClean
				}
			} else {
				sc.width += runeWidth(rune(r))
				sc.flags |= wideFlags(s, i, rune(r))
			}
			i += 3
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			sc.flags |= scanClean
			sc.width++
			i++
			continue
		}
		if t != nil {
			f := t.script(r)
			trad += int(f & scriptTrad)
			simp += int(f&scriptSimp) >> 1
		}
		sc.width += runeWidth(r)
		sc.flags |= wideFlags(s, i, r)
		i += n
	}
	sc.width += 2 * han
	sc.runes += han
	sc.trad, sc.simp = trad, simp
	return sc
}

// ideoChrome marks, in an ideograph table, the characters chrome marks
// start with (一 粉 翻 当).
const ideoChrome = 4

// An ideographTable holds for each CJK ideograph (U+4E00..U+9FFF) its
// script value (bmpScript) and ideoChrome: what scanLine looks up for most
// characters of a text, in one byte.
type ideographTable [0x9FFF - 0x4E00 + 1]uint8

// plainIdeographs is the ideograph table without script values, for text
// without Han characters to convert. Marked in place by init, so that
// start-up touches only the pages it marks (a function returning the table
// would zero and copy all of it).
var plainIdeographs ideographTable

func init() { plainIdeographs.markChrome() }

func (t *ideographTable) markChrome() {
	for _, r := range "一粉翻当上下相" {
		t[r-0x4E00] |= ideoChrome
	}
}

// ideographRun reads the run of CJK ideographs (U+4E00..U+9FFF) of s
// from offset i and returns where it ends, how many are traditional-only
// and simplified-only (by ideo), and whether a chrome mark starts in it. A
// small function of its own, so that its loop keeps all in registers.
func ideographRun(s []byte, i int, ideo *ideographTable) (end, trad, simp int, chrome bool) {
	rest := s[i:]
	for len(rest) >= 3 {
		c, c1, c2 := rest[0], rest[1], rest[2]
		r := uint(c&0x0F)<<12 | uint(c1&0x3F)<<6 | uint(c2&0x3F)
		if c < 0xE4 || c > 0xE9 || (c1^0x80)|(c2^0x80) >= 0x40 || r < 0x4E00 {
			break
		}
		v := ideo[r-0x4E00]
		trad += int(v & scriptTrad)
		simp += int(v&scriptSimp) >> 1
		if v&ideoChrome != 0 && hasChromeMarkAt(viewString(s), len(s)-len(rest)) {
			chrome = true
		}
		rest = rest[3:]
	}
	return len(s) - len(rest), trad, simp, chrome
}

// runeWidth is the display width of one character, as measureLine counts
// it outside ASCII.
func runeWidth(r rune) int {
	if IsCJK(r) {
		return 2
	}
	return 1
}

// wideFlags returns the scan bits of the character r, of more than one
// byte, at offset i of s, outside the CJK ideographs and CJK punctuation.
func wideFlags(s []byte, i int, r rune) scanFlag {
	var f scanFlag
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		if !fullWidthKept(r) {
			f |= scanWidth
		}
		if r == '，' || r == '；' {
			f |= scanPunct
		}
	case r >= 0xE000 && r <= 0xF8FF:
		f |= scanPrivate
	case r == 0x2028, r == 0x2029:
		f |= scanClean | scanBreak
	case r >= 0xE0 && r <= 0x1DC || r == 0x1E3F:
		f |= scanClean // a vowel pinyin marks a tone on: Clean may drop a reading (發(fā))
	case r >= 0x80 && r <= 0xA0, r == 0xAD, r == 0xFEFF,
		r >= 0x2000 && r <= 0x200F, r >= 0x202A && r <= 0x202F, r == 0x205F, r == 0x2060:
		f |= scanClean
	}
	// leader runs of two- and three-byte characters: one repeated at once
	switch n := len(string(r)); {
	case s[i] == 0xC2 && i+3 < len(s) && s[i+2] == 0xC2 && s[i+1] == s[i+3]:
		f |= scanLeader
	case (s[i] == 0xE2 || s[i] == 0xEF) && n == 3 && i+5 < len(s) && s[i+3] == s[i] && s[i+4] == s[i+1] && s[i+5] == s[i+2]:
		f |= scanLeader
	}
	return f
}

// hasChromeMarkAt reports whether one of the CJK chrome marks starts at
// byte i of s.
func hasChromeMarkAt(s string, i int) bool {
	k := s[i:]
	if len(k) < 6 {
		return false
	}
	switch k[:3] {
	case "粉":
		return strings.HasPrefix(k, "粉丝:") || strings.HasPrefix(k, "粉丝：")
	case "一":
		return strings.HasPrefix(k, "一键上传")
	case "翻":
		return strings.HasPrefix(k, "翻页效果")
	case "当":
		return strings.HasPrefix(k, "当前位置:") || strings.HasPrefix(k, "当前位置：")
	case "上", "下":
		return k[3:6] == "一" && (strings.HasPrefix(k[3:], "一篇:") || strings.HasPrefix(k[3:], "一篇："))
	case "相":
		return k[3:6] == "关" && (strings.HasPrefix(k, "相关链接:") || strings.HasPrefix(k, "相关链接："))
	}
	return false
}
