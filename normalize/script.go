package normalize

import (
	_ "embed"
	"fmt"
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

// t2sTables holds OpenCC's traditional-to-simplified tables (TSCharacters
// and TSPhrases) as Go maps, built from t2sTable the first time a text
// holds Han characters.
type t2sTables struct {
	chars     map[rune]rune
	phrases   map[string]string
	starts    map[rune]bool   // first runes of phrases
	lengths   map[rune]uint32 // first rune of phrases -> bit n set when one has n runes
	maxPhrase int             // longest phrase key in runes
	simpOnly  map[rune]bool   // simplified characters never used in traditional text
	tradOnly  map[rune]bool   // traditional characters never used in simplified text
	flags     []uint8         // per rune below flagLimit: the sets above as bits
	// bmpScript holds, two bits a rune for the Basic Multilingual Plane,
	// scriptTrad or scriptSimp: a 16 KB table that stays in the processor's
	// first-level cache while lineScore looks up every character.
	bmpScript [0x10000 / 4]uint8
}

// Values of bmpScript.
const (
	scriptTrad = 1
	scriptSimp = 2
)

// Bits of t2sTables.flags.
const (
	flagTradOnly = 1 << iota
	flagSimpOnly
	flagConvert
	flagPhrase
	flagLimit = 0x30000
)

func (t *t2sTables) flag(r rune) uint8 {
	if r < 0 || int(r) >= len(t.flags) {
		return 0
	}
	return t.flags[r]
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

// buildTables parses t2sTable: OpenCC's t2s character and phrase tables for
// conversion, and the sets of characters only one script uses, which
// decide whether a line is traditional (这, 发 are simplified-only; 升, 台
// are shared).
func buildTables() (*t2sTables, error) {
	t := &t2sTables{chars: map[rune]rune{}, phrases: map[string]string{}, starts: map[rune]bool{}, lengths: map[rune]uint32{}, simpOnly: map[rune]bool{}, tradOnly: map[rune]bool{}}
	t.flags = make([]uint8, flagLimit)
	set := func(r rune, f uint8) {
		if r >= 0 && r < flagLimit {
			t.flags[r] |= f
		}
	}
	defer func() {
		for r, f := range t.flags[:0x10000] {
			v := uint8(0)
			switch {
			case f&flagTradOnly != 0:
				v = scriptTrad
			case f&flagSimpOnly != 0:
				v = scriptSimp
			}
			t.bmpScript[r>>2] |= v << (2 * (r & 3))
		}
	}()
	for n, line := range strings.Split(t2sTable, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "c" && len(f) == 3:
			k, _ := utf8.DecodeRuneInString(f[1])
			v, _ := utf8.DecodeRuneInString(f[2])
			t.chars[k] = v
			set(k, flagConvert)
		case f[0] == "p" && len(f) == 3:
			t.phrases[f[1]] = f[2]
			r, _ := utf8.DecodeRuneInString(f[1])
			t.starts[r] = true
			set(r, flagPhrase)
			n := utf8.RuneCountInString(f[1])
			t.maxPhrase = max(t.maxPhrase, n)
			if n < 32 {
				t.lengths[r] |= 1 << n
			}
		case f[0] == "t" && len(f) == 2:
			r, _ := utf8.DecodeRuneInString(f[1])
			t.tradOnly[r] = true
			set(r, flagTradOnly)
		case f[0] == "s" && len(f) == 2:
			r, _ := utf8.DecodeRuneInString(f[1])
			t.simpOnly[r] = true
			set(r, flagSimpOnly)
		default:
			return nil, fmt.Errorf("t2s.tsv line %d: malformed %q", n+1, line)
		}
	}
	return t, nil
}

// hasHan is a fast pre-check: it reports whether s holds a byte that can
// start a three-byte UTF-8 sequence in the CJK blocks. Text without one
// never needs conversion.
func hasHan(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE3 && s[i] <= 0xE9 {
			return true
		}
	}
	return false
}

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
		switch f := t.flag(r); {
		case f&flagTradOnly != 0:
			trad++
		case f&flagSimpOnly != 0:
			simp++
		}
		i += n
	}
	return trad + counts[scriptTrad], simp + counts[scriptSimp]
}

// Simplify converts traditional lines to simplified script with OpenCC's
// t2s character and phrase tables, longest phrase first. A line is converted
// when it holds more traditional-only than simplified-only characters, so a
// simplified text that happens to use a character such as 著 is left alone.
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
		if tr > sp {
			c.converted++
			conv = append(conv, line)
			lb.runes, lb.offs = decodeLine(in[start:end], start, lb.runes[:0], lb.offs[:0])
			t.convertLine(b, lb.runes, lb.offs)
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
			lb.runes, lb.offs = decodeLine(in[start:end], start, lb.runes[:0], lb.offs[:0])
			t.convertLine(b, lb.runes, lb.offs)
		}
		start = end + 1
	}
}

func (t *t2sTables) convertLine(b *Builder, rs []rune, offs []int) {
	var key []byte
	for i := 0; i < len(rs); {
		r := rs[i]
		f := t.flag(r)
		if f&(flagPhrase|flagConvert) == 0 {
			i++
			continue
		}
		if f&flagPhrase != 0 {
			matched := 0
			lens := t.lengths[r]
			for n := min(t.maxPhrase, len(rs)-i); n >= 2; n-- {
				if n < 32 && lens&(1<<n) == 0 {
					continue // no phrase of n runes starts with r
				}
				key = key[:0]
				for _, x := range rs[i : i+n] {
					key = utf8.AppendRune(key, x)
				}
				if v, ok := t.phrases[string(key)]; ok {
					b.Copy(offs[i])
					b.Replace(offs[i+n], v) // a phrase maps as a whole
					matched = n
					break
				}
			}
			if matched > 0 {
				i += matched
				continue
			}
		}
		if v, ok := t.chars[r]; ok {
			b.Copy(offs[i])
			b.Substitute(offs[i+1], string(v))
		}
		i++
	}
}
