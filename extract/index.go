package extract

import (
	"strings"
	"unicode/utf8"
)

// A clauseIndex is what one reading of a clause's text finds, shared by
// the extractors: the key words it holds, which decide whether an
// extractor has anything to look for, and where a number can start, which
// its matchers try in turn instead of reading the text again.
type clauseIndex struct {
	keys keySet
	nums []numPos // in text order
	n    int      // length of the text
}

// keySet bits say which key words a text holds.
type keySet uint16

// Bits of keySet.
const (
	keyYuan        keySet = 1 << iota // 元
	keyWan                            // 万
	keyYi                             // 亿
	keyPercent                        // %
	keyWidePercent                    // ％
	keyFenZhi                         // 分之
	keyBaiFenDian                     // 百分点
	keyNian                           // 年
	keyDash                           // -
	keyDanWei                         // 单位
	keyBuMen                          // 部门
	keyYouXiaoQi                      // 有效期
	keyColon                          // ： or :
	keyLabelClose                     // 】 〕 ］ or ], which may close a label
)

// A numPos is a place where a number can start: an ASCII digit, a Chinese
// numeral, or 百分之 / 千分之 / 万分之.
type numPos struct {
	off int32
	cls uint8 // numeral classes (numMoney …) and the bits below
}

// More bits of numPos.cls, beside the numeral classes.
const (
	numDigit   = 1 << 4 // an ASCII digit: every matcher tries it
	numYear    = 1 << 5 // the digit 1 or 2, which can start a year
	numPerWord = 1 << 6 // 百分之, 千分之 or 万分之 starts here
)

// indexText reads s, well-formed UTF-8, once.
func indexText(s string, ix *clauseIndex) { readText(s, ix, true) }

// textKeys returns the key words s holds.
func textKeys(s string) keySet {
	var ix clauseIndex
	readText(s, &ix, false)
	return ix.keys
}

// readText reads s into ix, with the number starts when nums.
func readText(s string, ix *clauseIndex, nums bool) {
	ix.keys, ix.nums, ix.n = 0, ix.nums[:0], len(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= '0' && c <= '9':
				cls := uint8(numDigit)
				if c == '1' || c == '2' {
					cls |= numYear
				}
				if nums {
					ix.nums = append(ix.nums, numPos{int32(i), cls})
				}
			case c == '%':
				ix.keys |= keyPercent
			case c == '-':
				ix.keys |= keyDash
			case c == ':':
				ix.keys |= keyColon
			case c == ']':
				ix.keys |= keyLabelClose
			}
			i++
			continue
		}
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(s) {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if c >= 0xE3 && c <= 0xE9 {
			// most characters, which are not key words nor numerals, at
			// one look-up each
			j := plainRun(s, i)
			if j > i {
				i = j
				continue
			}
		}
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		cls := numeralClass(r)
		switch r {
		case '元':
			ix.keys |= keyYuan
		case '万':
			ix.keys |= keyWan
			if strings.HasPrefix(s[i+3:], "分之") {
				cls |= numPerWord
			}
		case '亿':
			ix.keys |= keyYi
		case '年':
			ix.keys |= keyNian
		case '％':
			ix.keys |= keyWidePercent
		case '：':
			ix.keys |= keyColon
		case '】', '〕', '］':
			ix.keys |= keyLabelClose
		case '分':
			if strings.HasPrefix(s[i+3:], "之") {
				ix.keys |= keyFenZhi
			}
		case '百':
			if strings.HasPrefix(s[i+3:], "分之") {
				cls |= numPerWord
			} else if strings.HasPrefix(s[i+3:], "分点") {
				ix.keys |= keyBaiFenDian
			}
		case '千':
			if strings.HasPrefix(s[i+3:], "分之") {
				cls |= numPerWord
			}
		case '单':
			if strings.HasPrefix(s[i+3:], "位") {
				ix.keys |= keyDanWei
			}
		case '部':
			if strings.HasPrefix(s[i+3:], "门") {
				ix.keys |= keyBuMen
			}
		case '有':
			if strings.HasPrefix(s[i+3:], "效期") {
				ix.keys |= keyYouXiaoQi
			}
		}
		if cls != 0 && nums {
			ix.nums = append(ix.nums, numPos{int32(i), cls})
		}
		i += 3
	}
}

// indexedChars marks, for U+3000..U+9FFF, the characters readText has
// something to do with: numerals and the first characters of key words.
// init marks only its entries, in place, so that start-up touches only the
// pages they are on (a function returning the table would zero and copy
// all of it).
var indexedChars [0xA000 - 0x3000]bool

func init() {
	for _, r := range numeralChars + "元万亿年分百千单部有】〕" {
		indexedChars[r-0x3000] = true
	}
}

// plainRun returns where the run of three-byte characters of U+3000..U+9FFF
// that readText passes over, starting at byte i of s, ends. A small
// function of its own, so that its loop keeps all in registers.
func plainRun(s string, i int) int {
	rest := s[i:]
	for len(rest) >= 3 {
		c, c1, c2 := rest[0], rest[1], rest[2]
		r := uint(c&0x0F)<<12 | uint(c1&0x3F)<<6 | uint(c2&0x3F)
		if c < 0xE3 || c > 0xE9 || (c1^0x80)|(c2^0x80) >= 0x40 || indexedChars[r-0x3000] {
			break
		}
		rest = rest[3:]
	}
	return len(s) - len(rest)
}

// has reports whether the text holds one of the key words in k.
func (ix *clauseIndex) has(k keySet) bool { return ix.keys&k != 0 }

// A numCursor walks a clause index's number starts from left to right.
type numCursor struct {
	ix *clauseIndex
	k  int // index in ix.nums of the first start not yet passed
}

// next returns the first start at or after offset i whose bits meet cls,
// or the length of the text. Calls must not go back: i never decreases.
func (c *numCursor) next(i int, cls uint8) int {
	nums := c.ix.nums
	for c.k < len(nums) && int(nums[c.k].off) < i {
		c.k++
	}
	for k := c.k; k < len(nums); k++ {
		if nums[k].cls&cls != 0 {
			return int(nums[k].off)
		}
	}
	return c.ix.n
}
