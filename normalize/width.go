package normalize

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Width folds full-width digits, Latin letters and the signs used in
// amounts (％ ． ／ ＋ － ＜ ＝ ＞) to ASCII, and turns a -- before Chinese
// text into the dash ——. Full-width Chinese punctuation such as 。、，（ is
// left as it is (width.Narrow would turn 。 into ｡).
func Width(in []byte) ([]byte, Map) {
	return byLine(in, needsWidth, widthLine)
}

// lineBuf holds the runes of one line and their offsets, reused from line
// to line.
type lineBuf struct {
	runes []rune
	offs  []int
}

// Punctuation makes Chinese punctuation canonical: in Chinese context the
// ASCII , : ; ( ) ? ! become ，：；（）？！, so that half-width and full-width
// renderings of one text agree. It runs on joined lines, so that a bracket
// pair split by a line break is judged as one.
func Punctuation(in []byte) ([]byte, Map) {
	b := NewBuilder(in, len(in))
	var pb parenBuf
	for start := 0; start < len(in); {
		end := indexByteFrom(in, start, '\n')
		punctuate(b, in, start, end, &pb)
		start = end + 1
	}
	return b.Finish()
}

// byLine runs f over each line for which needs reports that f may change it.
func byLine(in []byte, needs func([]byte) bool, f func(*Builder, []rune, []int)) ([]byte, Map) {
	b := NewBuilder(in, len(in))
	var lb lineBuf
	byLineTo(b, in, &lb, needs, f)
	return b.Finish()
}

// byLineTo is byLine writing to b.
func byLineTo(b *Builder, in []byte, lb *lineBuf, needs func([]byte) bool, f func(*Builder, []rune, []int)) {
	for start := 0; start < len(in); {
		end := indexByteFrom(in, start, '\n')
		if !needs(in[start:end]) {
			start = end + 1
			continue
		}
		lb.runes, lb.offs = decodeLine(in[start:end], start, lb.runes[:0], lb.offs[:0])
		f(b, lb.runes, lb.offs)
		start = end + 1
	}
}

// needsWidth reports whether a line holds what widthLine changes: a
// full-width form it folds (U+FF01..U+FF5E, EF BC 81 .. EF BD 9E in UTF-8)
// or a double hyphen.
func needsWidth(s []byte) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-':
			if i+1 < len(s) && s[i+1] == '-' || hyphenAcrossStars(s, i) {
				return true
			}
		case 0xEF:
			if i+2 < len(s) && (s[i+1] == 0xBC && s[i+2] >= 0x81 || s[i+1] == 0xBD && s[i+2] <= 0x9E) {
				if r, _ := utf8.DecodeRune(s[i:]); !fullWidthKept(r) {
					return true
				}
			}
		}
	}
	return false
}

// needsPunctuation reports whether a line holds an ASCII mark punctLine
// may widen.
func needsPunctuation(s []byte) bool {
	for _, c := range s {
		if asciiMark[c] {
			return true
		}
	}
	return false
}

func indexByteFrom(s []byte, from int, c byte) int {
	if from >= len(s) {
		return len(s)
	}
	if i := bytes.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return len(s)
}

// decodeLine appends the runes of s and their byte offsets (plus base, and a
// final entry for the end) to rs and offs.
func decodeLine(s []byte, base int, rs []rune, offs []int) ([]rune, []int) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		rs = append(rs, r)
		offs = append(offs, base+i)
		i += n
	}
	offs = append(offs, base+len(s))
	return rs, offs
}

// fullWidthKept lists the full-width forms that are canonical Chinese
// punctuation and stay full-width.
func fullWidthKept(r rune) bool {
	switch r {
	case '，', '：', '；', '（', '）', '？', '！', '“', '”', '、':
		return true
	}
	return false
}

// IsCJK reports whether r is a Han character, CJK punctuation or a
// full-width form: the characters that make their neighbours "Chinese
// context".
func IsCJK(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	case r == '“', r == '”', r == '‘', r == '’', r == '—', r == '…', r == '·':
		return true
	}
	return r > 0x2E80 && unicode.Is(unicode.Han, r)
}

func widthLine(b *Builder, rs []rune, offs []int) {
	dash := dashes(rs)
	for i, r := range rs {
		d := uint8(dashNone)
		if dash != nil {
			d = dash[i]
		}
		switch {
		case r >= 0xFF01 && r <= 0xFF5E && !fullWidthKept(r):
			b.Copy(offs[i])
			b.Replace(offs[i+1], string(r-0xFEE0))
		case d == dashPair:
			b.Copy(offs[i])
			b.Replace(offs[i+2], "——")
		case d == dashOne:
			b.Copy(offs[i])
			b.Replace(offs[i+1], "—")
		}
	}
}

// How widthLine writes a hyphen of a double hyphen that becomes ——.
const (
	dashNone = iota
	dashPair // this hyphen and the next one, side by side, become ——
	dashOne  // this hyphen becomes —: emphasis marks stand between it and its pair
)

// dashes decides which hyphens of a line become a dash ——: a pair of
// hyphens, no more, at the line's start or after Chinese and before
// Chinese. The line is judged as the next pass sees it: emphasis marks
// (runs of * or ＊) gone, so that -**- is a pair, and spaces, and at the
// line's start tabs, passed over (see passed and atLineStart). It returns
// nil when no hyphen changes.
func dashes(rs []rune) []uint8 {
	var out []uint8
	for i, r := range rs {
		if r != '-' {
			continue
		}
		k := nextKept(rs, i)
		if k >= len(rs) || rs[k] != '-' {
			continue
		}
		if p := prevKept(rs, i); p >= 0 && rs[p] == '-' {
			continue
		}
		if q := nextKept(rs, k); q < len(rs) && rs[q] == '-' {
			continue
		}
		if !(atLineStart(rs, i) || isHan(prevUnpassed(rs, i))) || k+1 >= len(rs) || !isHan(nextUnpassed(rs, k)) {
			continue
		}
		if out == nil {
			out = make([]uint8, len(rs))
		}
		if k == i+1 {
			out[i] = dashPair
		} else {
			out[i], out[k] = dashOne, dashOne
		}
	}
	return out
}

// nextKept and prevKept return the index of the rune after and before
// rs[i] that emphasis removal keeps (len(rs) or -1 for none).
func nextKept(rs []rune, i int) int {
	j := i + 1
	for j < len(rs) && isStar(rs[j]) && passed(rs, j) {
		j++
	}
	return j
}

func prevKept(rs []rune, i int) int {
	j := i - 1
	for j >= 0 && isStar(rs[j]) && passed(rs, j) {
		j--
	}
	return j
}

// hyphenAcrossStars reports whether the hyphen at s[i] is followed by a
// run of two or more * and another hyphen (-**-), which emphasis removal
// makes a double hyphen.
func hyphenAcrossStars(s []byte, i int) bool {
	j := i + 1
	for j < len(s) && s[j] == '*' {
		j++
	}
	return j-i-1 >= 2 && j < len(s) && s[j] == '-'
}

// atLineStart reports whether only what later stages remove at a line's
// start stands before rs[i]: spaces, tabs and emphasis marks (see passed).
func atLineStart(rs []rune, i int) bool {
	for j := 0; j < i; j++ {
		if rs[j] != '\t' && !passed(rs, j) {
			return false
		}
	}
	return true
}

// prevUnpassed returns the last rune before rs[i] that is not passed, 0
// for none.
func prevUnpassed(rs []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		if !passed(rs, j) {
			return rs[j]
		}
	}
	return 0
}

// nextUnpassed returns the first rune after rs[i] that is not passed, 0
// for none.
func nextUnpassed(rs []rune, i int) rune {
	for j := i + 1; j < len(rs); j++ {
		if !passed(rs, j) {
			return rs[j]
		}
	}
	return 0
}

// passed reports whether rs[j] is what the context of a double hyphen
// passes over because a later stage removes it: a space, or a * or ＊ in
// a run of two or more (markdown emphasis; width makes ＊ a *), so that
// the next pass judges the same context.
func passed(rs []rune, j int) bool {
	if rs[j] == ' ' {
		return true
	}
	if !isStar(rs[j]) {
		return false
	}
	return j+1 < len(rs) && isStar(rs[j+1]) || j > 0 && isStar(rs[j-1])
}

func isStar(r rune) bool { return r == '*' || r == '＊' }

// isHan reports whether r is a Han character or a Chinese punctuation mark
// that Punctuation never produces, so that its own output does not change
// the context it judges (which keeps it idempotent).
func isHan(r rune) bool {
	switch r {
	case '，', '：', '；', '（', '）', '？', '！':
		return false
	}
	return IsCJK(r)
}
