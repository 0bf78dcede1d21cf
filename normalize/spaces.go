package normalize

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Spaces removes the spaces that PDF and flipbook text puts between Chinese
// characters and around digits (２０２２ 年 ６ 月 → 2022年6月), and the
// spaces at the ends of lines. A run of spaces between two ASCII letters,
// digits or signs, as between Latin words, becomes one space.
func Spaces(in []byte) ([]byte, Map) {
	b := NewBuilder(in, len(in))
	spaces(b, in)
	return b.Finish()
}

// spaces is Spaces writing to b. It reads no further than the line break
// on either side of a run of spaces, so a line alone gives the same result
// as in its text.
func spaces(b *Builder, in []byte) {
	for i := 0; i < len(in); {
		k := bytes.IndexByte(in[i:], ' ')
		if k < 0 {
			return
		}
		i += k
		j := i
		for j < len(in) && in[j] == ' ' {
			j++
		}
		prev, _ := utf8.DecodeLastRune(in[:i])
		next, _ := utf8.DecodeRune(in[j:])
		keep := i > 0 && j < len(in) && isASCIIWord(prev) && isASCIIWord(next)
		b.Copy(i)
		switch {
		case !keep:
			b.Replace(j, "")
		case j-i > 1:
			b.Replace(j, " ")
		default:
			b.Copy(j)
		}
		i = j
	}
}

// isASCIIWord reports whether r is printable ASCII other than the
// punctuation Punctuation may make full-width (spaces next to those go, so
// that a second run finds nothing to remove).
func isASCIIWord(r rune) bool {
	return r > ' ' && r < utf8.RuneSelf && !strings.ContainsRune(",:;()?!", r)
}
