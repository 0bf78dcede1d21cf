package normalize

import (
	"strings"
	"unicode/utf8"
)

// Clean replaces ill-formed UTF-8 with U+FFFD, turns CR LF and lone CR into
// LF, turns form feeds, no-break and ideographic spaces into plain spaces,
// keeps tabs (they separate a table's cells), and
// removes byte order marks, zero-width characters and other control
// characters, and the readings in pinyin that some mirror sites' converters
// write after characters (發(fā)展). It returns how many ill-formed
// sequences it replaced.
func Clean(in []byte) (out []byte, m Map, illFormed int) {
	b := NewBuilder(in, len(in))
	illFormed = clean(b, in)
	out, m = b.Finish()
	return out, m, illFormed
}

// clean is Clean writing to b.
func clean(b *Builder, in []byte) (illFormed int) { return cleanRange(b, in, 0, len(in)) }

// cleanRange is clean over in[from:to], which starts and ends at line
// boundaries.
func cleanRange(b *Builder, in []byte, from, to int) (illFormed int) {
	for i := from; i < to; {
		c := in[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				b.Copy(i)
				if i+1 < len(in) && in[i+1] == '\n' {
					b.Replace(i+1, "") // the LF that follows is kept
				} else {
					b.Replace(i+1, "\n")
				}
			case c == '\f' || c == '\v':
				b.Copy(i)
				b.Replace(i+1, " ")
			case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
				b.Copy(i)
				b.Replace(i+1, "")
			case c == '(' && afterHan(in, from, i):
				if n := pinyinNotes(in, i, to); n > 0 {
					b.Copy(i)
					b.Replace(i+n, "")
					i += n
					continue
				}
			}
			i++
			continue
		}
		if c == 0xEF && i+2 < to && in[i+1] == 0xBC && in[i+2] == 0x88 && afterHan(in, from, i) { // （
			if n := pinyinNotes(in, i, to); n > 0 {
				b.Copy(i)
				b.Replace(i+n, "")
				i += n
				continue
			}
		}
		if c >= 0xE4 && c <= 0xE9 && i+2 < to && in[i+1]&0xC0 == 0x80 && in[i+2]&0xC0 == 0x80 {
			i += 3 // U+4000..U+9FFF: well formed, nothing to clean
			continue
		}
		r, n := utf8.DecodeRune(in[i:to])
		switch {
		case r == utf8.RuneError && n == 1:
			illFormed++
			b.Copy(i)
			b.Replace(i+1, "\uFFFD")
		case r == '\uFEFF', r == '\u200B', r == '\u200C', r == '\u200D', r == '\u2060', r == '\u00AD',
			r >= 0x80 && r < 0xA0, r == '\u200E', r == '\u200F', r >= '\u202A' && r <= '\u202E':
			b.Copy(i)
			b.Replace(i+n, "")
		case r == '\u00A0', r == '\u3000', r >= '\u2000' && r <= '\u200A', r == '\u202F', r == '\u205F':
			b.Copy(i)
			b.Replace(i+n, " ")
		case r == '\u2028', r == '\u2029':
			b.Copy(i)
			b.Replace(i+n, "\n")
		}
		i += n
	}
	return illFormed
}

// afterHan reports whether a character of U+4000..U+9FFF (CJK, in three
// bytes) ends in[from:i].
func afterHan(in []byte, from, i int) bool {
	return i-3 >= from && in[i-3] >= 0xE4 && in[i-3] <= 0xE9 && in[i-2]&0xC0 == 0x80 && in[i-1]&0xC0 == 0x80
}

// toneVowels are the vowels pinyin marks a tone on, and ü.
const toneVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"

// pinyinNotes returns the length of the readings at in[i:] (pinyinNote),
// one after another: each follows the character once those before it go.
func pinyinNotes(in []byte, i, to int) int {
	n := 0
	for {
		k := pinyinNote(in, i+n, to)
		if k == 0 {
			return n
		}
		n += k
	}
}

// pinyinNote returns the length of the reading in pinyin that a mirror
// site's converter writes after a character it converted (發(fā)展,
// 企業（yè）) at in[i:], a bracket opening it, or 0: one syllable of one to
// six letters with a tone mark, then the closing bracket.
func pinyinNote(in []byte, i, to int) int {
	j := i + 1
	switch {
	case i < to && in[i] == '(':
	case i+2 < to && in[i] == 0xEF && in[i+1] == 0xBC && in[i+2] == 0x88:
		j = i + len("（")
	default:
		return 0
	}
	letters, tone := 0, false
	for j < to && letters <= 6 {
		c := in[j]
		switch {
		case c >= 'a' && c <= 'z':
			j++
			letters++
			continue
		case c == ')':
			if tone && letters > 0 {
				return j + 1 - i
			}
			return 0
		case c == 0xEF && j+2 < to && in[j+1] == 0xBC && in[j+2] == 0x89: // ）
			if tone && letters > 0 {
				return j + 3 - i
			}
			return 0
		case c >= 0xC3 && c <= 0xE1:
			r, n := utf8.DecodeRune(in[j:to])
			if !strings.ContainsRune(toneVowels, r) {
				return 0
			}
			tone = true
			j += n
			letters++
			continue
		}
		return 0
	}
	return 0
}
