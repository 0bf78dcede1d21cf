package normalize

import (
	_ "embed"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
)

// Script names the writing system of a text.
type Script string

// The scripts Detect and Simplify report.
const (
	Simplified  Script = "simplified"
	Traditional Script = "traditional"
	Mixed       Script = "mixed"
	NoHan       Script = "none"
)

// t2sTables holds what normalize uses of OpenCC's traditional-to-simplified
// data, built from t2sTable the first time a text holds Han characters: the
// script of each character only one script uses (这, 发 are
// simplified-only; 升, 台 are shared), which decides whether a line is
// traditional. The conversion tables proper are built the first time a line
// is converted (conversion), so a process that only reads simplified text
// neither builds them nor touches their ~330 KB.
type t2sTables struct {
	// bmpScript holds, two bits a rune for the Basic Multilingual Plane,
	// scriptTrad or scriptSimp: a 16 KB table that stays in the processor's
	// first-level cache while lineScore looks up every character.
	bmpScript [0x10000 / 4]uint8
	// ideographs holds bmpScript's values for the CJK ideographs a byte each,
	// with the scan's other marks.
	ideographs   ideographTable
	astralScript map[rune]uint8 // scriptTrad or scriptSimp beyond the BMP, below flagLimit

	convOnce sync.Once
	conv     *t2sConversion
}

// t2sConversion holds OpenCC's t2s character and phrase tables (TSCharacters
// and TSPhrases): tables indexed by character for the Basic Multilingual
// Plane, small maps for the rest.
type t2sConversion struct {
	astralChars map[rune]rune // chars outside bmpChars: keys or values beyond the BMP
	phrases     map[string]string
	lengths     map[rune]uint32 // first rune of phrases -> bit n set when one has n runes
	maxPhrase   int             // longest phrase key in runes
	flags       []uint8         // per rune below flagLimit: flagConvert, flagPhrase
	bmpChars    []uint16        // chars for the Basic Multilingual Plane, 0 for none
	pairs       map[uint64]bool // the first two runes of every phrase (runePair)
}

// Values of bmpScript and astralScript.
const (
	scriptTrad = 1
	scriptSimp = 2
)

// Bits of t2sConversion.flags.
const (
	flagConvert = 1 << iota
	flagPhrase
	// characters at and beyond flagLimit (a few simplified-only ones of CJK
	// Extension G) are in no table
	flagLimit = 0x30000
)

func (c *t2sConversion) flag(r rune) uint8 {
	if r < 0 || int(r) >= len(c.flags) {
		return 0
	}
	return c.flags[r]
}

// script returns scriptTrad, scriptSimp or 0 for r.
func (t *t2sTables) script(r rune) uint8 {
	if r >= 0 && r < 0x10000 {
		return t.bmpScript[r>>2] >> (2 * (r & 3)) & 3
	}
	return t.astralScript[r]
}

var (
	tablesOnce sync.Once
	tables     *t2sTables
	tablesErr  error
)

func loadTables() (*t2sTables, error) {
	tablesOnce.Do(func() {
		tables, tablesErr = buildTables()
	})
	return tables, tablesErr
}

// t2sTable is OpenCC's t2s data as normalize uses it, written by
// internal/opencct2s from the opencc package's dictionaries (go generate);
// reading it takes well under a millisecond, loading OpenCC itself ~80 ms.
//
//go:generate go run gen_t2s.go
//go:embed t2s.tsv
var t2sTable string

// forTableLines calls f with each line of t2sTable, split at its tabs: kind,
// key and value, and how many fields it has. It reads the table in place.
func forTableLines(f func(kind, key, value string, fields int) error) error {
	rest := t2sTable
	for n := 1; rest != ""; n++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if err := f(splitTableLine(line)); err != nil {
			return fmt.Errorf("t2s.tsv line %d: %w in %q", n, err, line)
		}
	}
	return nil
}

// buildTables checks every line of t2sTable and builds the script tables
// from its sets of characters only one script uses: the first Han text of a
// process waits for it.
func buildTables() (*t2sTables, error) {
	t := &t2sTables{astralScript: map[rune]uint8{}}
	err := forTableLines(func(kind, key, value string, fields int) error {
		var v uint8
		switch {
		case (kind == "c" || kind == "p") && fields == 3:
			if kind == "p" && utf8.RuneCountInString(key) >= 32 {
				return fmt.Errorf("a phrase of %d characters; lengths are recorded up to 31", utf8.RuneCountInString(key))
			}
			return nil
		case kind == "t" && fields == 2:
			v = scriptTrad
		case kind == "s" && fields == 2:
			v = scriptSimp
		default:
			return errors.New("malformed")
		}
		r, _ := utf8.DecodeRuneInString(key)
		switch {
		case r < 0 || r >= flagLimit, t.script(r) == scriptTrad:
			// beyond the tables; or traditional, which wins when a
			// character is listed in both sets
		case r >= 0x10000:
			t.astralScript[r] = v
		default:
			t.bmpScript[r>>2] = t.bmpScript[r>>2]&^(3<<(2*(r&3))) | v<<(2*(r&3))
			if r >= 0x4E00 && r <= 0x9FFF {
				t.ideographs[r-0x4E00] = v
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.ideographs.markChrome()
	return t, nil
}

// conversion returns the conversion tables, built from t2sTable the first
// time a line is converted. buildTables has checked every line.
func (t *t2sTables) conversion() *t2sConversion {
	t.convOnce.Do(func() {
		c := &t2sConversion{
			astralChars: map[rune]rune{},
			phrases:     make(map[string]string, 256),
			pairs:       make(map[uint64]bool, 256),
			lengths:     make(map[rune]uint32, 256),
			flags:       make([]uint8, flagLimit),
			bmpChars:    make([]uint16, 0x10000),
		}
		set := func(r rune, f uint8) {
			if r >= 0 && r < flagLimit {
				c.flags[r] |= f
			}
		}
		forTableLines(func(kind, key, value string, fields int) error {
			switch kind {
			case "c":
				k, _ := utf8.DecodeRuneInString(key)
				v, _ := utf8.DecodeRuneInString(value)
				if k < 0x10000 && v > 0 && v < 0x10000 {
					c.bmpChars[k] = uint16(v)
				} else {
					c.astralChars[k] = v
				}
				set(k, flagConvert)
			case "p":
				c.phrases[key] = value
				r, m := utf8.DecodeRuneInString(key)
				set(r, flagPhrase)
				n := utf8.RuneCountInString(key)
				c.maxPhrase = max(c.maxPhrase, n)
				c.lengths[r] |= 1 << n
				if n >= 2 {
					r2, _ := utf8.DecodeRuneInString(key[m:])
					c.pairs[runePair(r, r2)] = true
				}
			}
			return nil
		})
		c.closeChains()
		t.conv = c
	})
	return t.conv
}

// closeChains makes the character table map each character to the end
// of its chain, and phrases to text the table leaves alone: OpenCC maps
// 薴 to 苧 and 苧 to 苎, so converting 薴 once gave 苧, which the next
// normalization converted again. Converting is then idempotent.
func (c *t2sConversion) closeChains() {
	final := func(r rune) rune {
		for range 8 { // chains are short; a cycle stops here
			v := c.char(r)
			if v < 0 || v == r {
				break
			}
			r = v
		}
		return r
	}
	for k, v := range c.bmpChars {
		if v != 0 {
			if f := final(rune(v)); f < 0x10000 {
				c.bmpChars[k] = uint16(f)
			}
		}
	}
	for k, v := range c.astralChars {
		c.astralChars[k] = final(v)
	}
	for k, v := range c.phrases {
		c.phrases[k] = strings.Map(final, v)
	}
}

// splitTableLine splits a line of t2sTable at its tabs: kind, key and value,
// and how many fields it has (more than three counted as four).
func splitTableLine(line string) (kind, key, value string, fields int) {
	kind, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return kind, "", "", 1
	}
	key, value, ok = strings.Cut(rest, "\t")
	if !ok {
		return kind, key, "", 2
	}
	if strings.IndexByte(value, '\t') >= 0 {
		return kind, key, value, 4
	}
	return kind, key, value, 3
}

// hasHan is a fast pre-check: it reports whether s holds the start of a
// UTF-8 sequence in the CJK blocks: a three-byte one (E3..E9), or a
// four-byte one in the supplementary ideographic planes, U+20000..U+33FFF
// (F0 A0..F0 B3), where the extensions' characters such as 𡄔 are. Text
// without one never needs conversion.
func hasHan(s []byte) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0xE3 && c <= 0xE9:
			return true
		case c == 0xF0 && i+1 < len(s) && supplementaryHan(s[i+1]):
			return true
		}
	}
	return false
}

// supplementaryHan reports whether the second byte of a four-byte UTF-8
// sequence starting F0 puts it in the supplementary ideographic planes,
// U+20000..U+33FFF.
func supplementaryHan(second byte) bool { return second >= 0xA0 && second <= 0xB3 }

// lineScore counts the traditional-only and simplified-only characters of s.
func (t *t2sTables) lineScore(s []byte) (trad, simp int) {
	var counts [4]int // by bmpScript value
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// may be a surrogate or overlong: its table entry is empty then
			r := uint(c&0x0F)<<12 | uint(s[i+1]&0x3F)<<6 | uint(s[i+2]&0x3F)
			counts[t.bmpScript[r>>2]>>(2*(r&3))&3]++
			i += 3
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		counts[t.script(r)]++
		i += n
	}
	return counts[scriptTrad], counts[scriptSimp]
}

// Simplify converts traditional lines to simplified script with OpenCC's
// t2s character and phrase tables, longest phrase first. A line is converted
// when it holds more traditional-only than simplified-only characters, so a
// simplified text that happens to use a character such as 著 is left alone;
// a line that holds neither follows the last line that held some.
// It returns the indexes (0-based) of the lines it converted and the
// script of the whole text.
func Simplify(in []byte) (out []byte, m Map, converted map[int]bool, script Script, err error) {
	if !hasHan(in) {
		return in, Identity(len(in)), nil, NoHan, nil
	}
	t, err := loadTables()
	if err != nil {
		return nil, Map{}, nil, NoHan, err
	}
	b := NewBuilder(in, len(in))
	var c scriptCount
	var lb lineBuf
	for _, l := range t.simplify(b, in, &lb, &c, nil) {
		if converted == nil {
			converted = map[int]bool{}
		}
		converted[l] = true
	}
	out, m = b.Finish()
	return out, m, converted, c.script(), nil
}

// scriptCount tallies what simplify saw of a text.
type scriptCount struct {
	han        bool // the text holds a byte that can start a Han character
	trad, simp int  // traditional-only and simplified-only characters
	converted  int  // lines converted
	inTrad     bool // the last line with characters of one script only was converted
}

// converts reports whether a line holding tr traditional-only and sp
// simplified-only characters is converted: when it holds more of the
// first, or, holding neither (得低於6年, the tail of a traditional sentence
// a hard wrap cut off), when the last line that held some was.
func (c *scriptCount) converts(tr, sp int) bool {
	if tr != sp {
		c.inTrad = tr > sp
		return c.inTrad
	}
	return tr == 0 && c.inTrad
}

// script returns the script of a text from its tally.
func (c scriptCount) script() Script {
	var s Script
	switch {
	case !c.han:
		return NoHan
	case c.trad == 0 && c.simp == 0:
		s = Simplified
	case c.simp == 0 || c.trad > 4*c.simp:
		s = Traditional
	case c.trad == 0 || c.simp > 4*c.trad:
		s = Simplified
	default:
		s = Mixed
	}
	if c.converted == 0 && s == Traditional {
		s = Mixed
	}
	return s
}

// simplify is Simplify writing to b: it converts the traditional lines of
// in, adds what it saw to c and appends the indexes (0-based) of the lines
// it converted to conv.
func (t *t2sTables) simplify(b *Builder, in []byte, lb *lineBuf, c *scriptCount, conv []int) []int {
	c.han = true
	for start, line := 0, 0; start < len(in); line++ {
		end := indexByteFrom(in, start, '\n')
		tr, sp := t.lineScore(in[start:end])
		c.trad += tr
		c.simp += sp
		if c.converts(tr, sp) {
			c.converted++
			conv = append(conv, line)
			t.convertRange(b, in, start, end)
		}
		start = end + 1
	}
	return conv
}

// convert converts the lines of in listed in lines (ascending), writing to
// b: simplify's conversion once it is known which lines it converts.
func (t *t2sTables) convert(b *Builder, in []byte, lb *lineBuf, lines []int) {
	for start, line := 0, 0; start < len(in) && len(lines) > 0; line++ {
		end := indexByteFrom(in, start, '\n')
		if line == lines[0] {
			lines = lines[1:]
			t.convertRange(b, in, start, end)
		}
		start = end + 1
	}
}

// convertRange converts the line in[from:to], writing to b: each of t's
// phrases, longest first, as a whole, and each other character that has a
// simplified form one for one. The line is well-formed UTF-8 (clean ran
// before), so a phrase is looked up by the line's own bytes.
func (t *t2sTables) convertRange(b *Builder, in []byte, from, to int) {
	t.conversion().convertRange(b, in, from, to)
}

func (t *t2sConversion) convertRange(b *Builder, in []byte, from, to int) {
	var ends [32]int // ends[k]: where the k-th character from i ends (phrases are shorter than 32)
	flags := t.flags[:0x10000]
	for i := from; i < to; {
		var r rune
		n := 3
		if c := in[i]; c >= 0xE1 && c <= 0xEC && i+2 < to && in[i+1]&0xC0 == 0x80 && in[i+2]&0xC0 == 0x80 {
			// most characters: three bytes, well formed (U+1000..U+CFFF)
			r = rune(c&0x0F)<<12 | rune(in[i+1]&0x3F)<<6 | rune(in[i+2]&0x3F)
			if flags[r]&(flagPhrase|flagConvert) == 0 {
				i += 3
				continue
			}
		} else {
			r, n = decodeRuneIn(in, i, to)
		}
		f := t.flag(r)
		if f&(flagPhrase|flagConvert) == 0 {
			i += n
			continue
		}
		if f&flagPhrase != 0 && i+n < to && t.pairs[runePair(r, firstRune(in, i+n, to))] {
			lens := t.lengths[r]
			longest := min(t.maxPhrase, bits.Len32(lens)-1)
			ends[1] = i + n
			count := 1
			for count < longest && ends[count] < to {
				_, m := decodeRuneIn(in, ends[count], to)
				ends[count+1] = ends[count] + m
				count++
			}
			matched := 0
			for k := count; k >= 2; k-- {
				if k < 32 && lens&(1<<k) == 0 {
					continue // no phrase of k characters starts with r
				}
				if v, ok := t.phrases[string(in[i:ends[k]])]; ok {
					b.Copy(i)
					b.Replace(ends[k], v) // a phrase maps as a whole
					matched = k
					break
				}
			}
			if matched > 0 {
				i = ends[matched]
				continue
			}
		}
		if v := t.char(r); v >= 0 {
			b.Copy(i)
			b.Substitute(i+n, string(v))
		}
		i += n
	}
}

// runePair packs two runes into one key.
func runePair(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// firstRune returns the character at offset i of in[:to].
func firstRune(in []byte, i, to int) rune {
	r, _ := decodeRuneIn(in, i, to)
	return r
}

// char returns the simplified form of r, or -1.
func (t *t2sConversion) char(r rune) rune {
	if r >= 0 && int(r) < len(t.bmpChars) {
		if v := t.bmpChars[r]; v != 0 {
			return rune(v)
		}
		if r >= 0x10000 || t.flags[r]&flagConvert == 0 {
			return -1
		}
	}
	if v, ok := t.astralChars[r]; ok {
		return v
	}
	return -1
}

// decodeRuneIn decodes the character at offset i of in[:to].
func decodeRuneIn(in []byte, i, to int) (rune, int) {
	if c := in[i]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if c&0xF0 == 0xE0 && i+2 < to && in[i+1]&0xC0 == 0x80 && in[i+2]&0xC0 == 0x80 && (c != 0xE0 || in[i+1] >= 0xA0) && (c != 0xED || in[i+1] < 0xA0) {
		return rune(c&0x0F)<<12 | rune(in[i+1]&0x3F)<<6 | rune(in[i+2]&0x3F), 3
	}
	return utf8.DecodeRune(in[i:to])
}
