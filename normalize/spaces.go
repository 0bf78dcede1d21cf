package normalize

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Spaces removes the spaces that PDF and flipbook text puts between Chinese
// characters and around digits (２０２２ 年 ６ 月 → 2022年6月), and the
// spaces and tabs at the ends of lines. A run of spaces between two ASCII
// letters, digits or signs, as between Latin words, becomes one space. A
// run inside a line that holds a tab becomes one tab: it separates two
// cells of a table row.
func Spaces(in []byte) ([]byte, Map) {
	b := NewBuilder(in, len(in))
	spaces(b, in)
	return b.Finish()
}

// spaces is Spaces writing to b. It reads no further than the line break
// on either side of a run of spaces, so a line alone gives the same result
// as in its text.
func spaces(b *Builder, in []byte) {
	nextTab := -1 // the first tab at or after i, or len(in); -1 before the first search
	for i := 0; i < len(in); {
		k := bytes.IndexByte(in[i:], ' ')
		if k < 0 {
			k = len(in) - i
		}
		if nextTab < i {
			nextTab = len(in)
			if t := bytes.IndexByte(in[i:], '\t'); t >= 0 {
				nextTab = i + t
			}
		}
		k = min(k, nextTab-i)
		if i+k >= len(in) {
			return
		}
		i += k
		j := i
		tab := false
		for j < len(in) && (in[j] == ' ' || in[j] == '\t') {
			tab = tab || in[j] == '\t'
			j++
		}
		prev, _ := utf8.DecodeLastRune(in[:i])
		next, _ := utf8.DecodeRune(in[j:])
		inside := i > 0 && j < len(in) && prev != '\n' && next != '\n'
		keep := inside && isASCIIWord(prev) && isASCIIWord(next)
		b.Copy(i)
		switch {
		case tab && inside:
			if j-i > 1 || in[i] != '\t' {
				b.Replace(j, "\t")
			} else {
				b.Copy(j)
			}
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
