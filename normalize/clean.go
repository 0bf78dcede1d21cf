package normalize

import "unicode/utf8"

// Clean replaces ill-formed UTF-8 with U+FFFD, turns CR LF and lone CR into
// LF, turns form feeds, no-break and ideographic spaces into plain spaces,
// keeps tabs (they separate a table's cells), and
// removes byte order marks, zero-width characters and other control
// characters. It returns how many ill-formed sequences it replaced.
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
			}
			i++
			continue
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
