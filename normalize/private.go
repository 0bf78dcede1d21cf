package normalize

import "unicode/utf8"

// PrivateGlyphs maps private-use code points written by known document
// fonts to the characters they stand for. The flipbook font of scraped
// compilations writes every decimal point and the dot after item numbers as
// U+E010 (0\uE0105万元 is 0.5万元, 1\uE010建设 is 1.建设).
var PrivateGlyphs = map[rune]string{
	'\uE010': ".",
}

// Private replaces known private-use glyphs using table and returns the
// input offsets of the unknown ones, which it keeps.
func Private(in []byte, table map[rune]string) (out []byte, m Map, unknown []int) {
	b := NewBuilder(in, len(in))
	unknown = private(b, in, table, nil, 0)
	out, m = b.Finish()
	return out, m, unknown
}

// private is Private writing to b and appending the offsets of unknown
// glyphs, plus base, to unknown.
func private(b *Builder, in []byte, table map[rune]string, unknown []int, base int) []int {
	return privateRange(b, in, 0, len(in), table, unknown, base)
}

// privateRange is private over in[from:to], which starts and ends at line
// boundaries.
func privateRange(b *Builder, in []byte, from, to int, table map[rune]string, unknown []int, base int) []int {
	for i := from; i < to; {
		// U+E000..U+F8FF: EE, or EF 80..A3
		if in[i] != 0xEE && (in[i] != 0xEF || i+1 < to && in[i+1] > 0xA3) {
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:to])
		if r >= 0xE000 && r <= 0xF8FF {
			if s, ok := table[r]; ok {
				b.Copy(i)
				b.Replace(i+n, s)
			} else {
				unknown = append(unknown, base+i)
			}
		}
		i += n
	}
	return unknown
}
