package normalize

import (
	"bytes"
	"unicode/utf8"
)

// asciiMark holds the ASCII marks Punctuation may widen.
var asciiMark = [256]bool{',': true, ':': true, ';': true, '(': true, ')': true, '?': true, '!': true}

// parenBuf holds the round brackets of one line, reused from line to line.
type parenBuf struct {
	pos     []int  // byte offsets of the brackets in the line
	partner []int  // index in pos of the bracket each pairs with, -1 for none
	conv    []int8 // for a bracket with a partner: whether the pair is widened, -1 not yet decided
	stack   []int
}

// punctuate makes the ASCII punctuation of the line in[start:end]
// canonical in Chinese context, writing to b (see Punctuation). It reads
// the line's bytes, decoding only the characters next to a mark.
func punctuate(b *Builder, in []byte, start, end int, pb *parenBuf) {
	s := in[start:end]
	if !needsPunctuation(s) {
		return
	}
	if bytes.IndexByte(s, '(') >= 0 || bytes.IndexByte(s, ')') >= 0 {
		pb.pair(s)
	}
	lineChinese := -1 // whether the line holds a Han character, once needed
	put := func(i int, r rune) {
		b.Copy(start + i)
		b.Replace(start+i+1, string(r+0xFEE0))
	}
	chinese := func(i int) bool { return isHan(prevNonSpaceAt(s, i)) || isHan(nextNonSpaceAt(s, i+1)) }
	k := 0 // next bracket in pb.pos
	for i := 0; i < len(s); i++ {
		if !asciiMark[s[i]] {
			continue
		}
		switch c := s[i]; c {
		case ',', ':':
			if i > 0 && isASCIIDigitByte(s[i-1]) && i+1 < len(s) && isASCIIDigitByte(s[i+1]) {
				continue // 1,000 and 1:1
			}
			if chinese(i) {
				put(i, rune(c))
			}
		case ';':
			if chinese(i) {
				put(i, ';')
			}
		case '?', '!':
			if i > 0 && s[i-1] == c || i+1 < len(s) && s[i+1] == c {
				continue // leader runs such as !!!!!! are noise, not punctuation
			}
			if chinese(i) {
				put(i, rune(c))
			}
		case '(', ')':
			for pb.pos[k] != i {
				k++
			}
			var conv bool
			if j := pb.partner[k]; j >= 0 {
				if pb.conv[k] < 0 {
					o, cl := min(k, j), max(k, j)
					op, cp := pb.pos[o], pb.pos[cl]
					conv = isHan(prevNonSpaceAt(s, op)) || isHan(nextNonSpaceAt(s, cp+bracketLen(s, cp))) || holdsHan(s[op+bracketLen(s, op):cp])
					pb.conv[k], pb.conv[j] = boolInt8(conv), boolInt8(conv)
				}
				conv = pb.conv[k] == 1
			} else {
				if lineChinese < 0 {
					lineChinese = int(boolInt8(holdsHan(s)))
				}
				conv = lineChinese == 1 // the partner is on another line
			}
			if conv {
				put(i, rune(c))
			}
		}
	}
}

// pair finds the round brackets of s, ASCII and full-width, and pairs
// each closing bracket with the innermost open one; a pair counts when
// one of its brackets is ASCII.
func (pb *parenBuf) pair(s []byte) {
	pb.pos, pb.partner, pb.conv, pb.stack = pb.pos[:0], pb.partner[:0], pb.conv[:0], pb.stack[:0]
	for i := 0; i < len(s); i++ {
		var open bool
		switch c := s[i]; {
		case c == '(':
			open = true
		case c == ')':
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x88 || s[i+2] == 0x89): // （ ）
			open = s[i+2] == 0x88
		default:
			continue
		}
		k := len(pb.pos)
		pb.pos = append(pb.pos, i)
		pb.partner = append(pb.partner, -1)
		pb.conv = append(pb.conv, -1)
		if open {
			pb.stack = append(pb.stack, k)
		} else if n := len(pb.stack); n > 0 {
			o := pb.stack[n-1]
			pb.stack = pb.stack[:n-1]
			if s[pb.pos[o]] == '(' || s[i] == ')' {
				pb.partner[o], pb.partner[k] = k, o
			}
		}
	}
}

// bracketLen returns the length in bytes of the bracket at offset i of s.
func bracketLen(s []byte, i int) int {
	if s[i] == '(' || s[i] == ')' {
		return 1
	}
	return 3
}

// prevNonSpaceAt returns the last character before offset i of s that is
// not a space, or 0.
func prevNonSpaceAt(s []byte, i int) rune {
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	if i == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRune(s[:i])
	return r
}

// nextNonSpaceAt returns the first character from offset i of s that is
// not a space, or 0.
func nextNonSpaceAt(s []byte, i int) rune {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRune(s[i:])
	return r
}

// holdsHan reports whether s holds a character isHan accepts.
func holdsHan(s []byte) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if isHan(r) {
			return true
		}
		i += n
	}
	return false
}

func isASCIIDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func boolInt8(b bool) int8 {
	if b {
		return 1
	}
	return 0
}
