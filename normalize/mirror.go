package normalize

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// MirrorVocabulary maps words that Taiwan-style converters substitute in
// mirrored mainland documents (after t2s) back to the mainland words the
// original used, as mirror.tsv lists them (why a pair is there, and why
// OpenCC's tw2sp is not used wholesale, is written at its top). It is
// applied only to lines that were converted from traditional script.
var MirrorVocabulary = readMirrorTable(mirrorTable)

//go:embed mirror.tsv
var mirrorTable string

// readMirrorTable reads the pairs of a mirror table: a Taiwan word and
// the mainland word, tab-separated; # starts a comment line. It panics on
// a malformed line, which the package's tests rule out for mirror.tsv.
func readMirrorTable(table string) map[string]string {
	words := map[string]string{}
	for n, line := range strings.Split(table, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		tw, ml, ok := strings.Cut(line, "\t")
		if !ok || tw == "" || ml == "" || strings.Contains(ml, "\t") {
			panic(fmt.Sprintf("normalize: mirror.tsv line %d: want a Taiwan word and a mainland word, tab-separated: %q", n+1, line))
		}
		if _, dup := words[tw]; dup {
			panic(fmt.Sprintf("normalize: mirror.tsv line %d: %s listed twice", n+1, tw))
		}
		words[tw] = ml
	}
	return words
}

type vocab struct {
	words     map[string]string
	starts    map[rune]int         // first rune -> longest key in runes
	pairs     map[uint64]bool      // the first two runes of every word (runePair)
	startSet  [0x10000 / 64]uint64 // the first runes in the Basic Multilingual Plane
	secondSet [0x10000 / 64]uint64 // the second runes in the Basic Multilingual Plane
	astral    bool                 // a word's second rune lies beyond the Basic Multilingual Plane
}

// inSet reports whether r is in set, a bitmap of the Basic Multilingual
// Plane.
func inSet(set *[0x10000 / 64]uint64, r rune) bool {
	return r >= 0 && r < 0x10000 && set[r>>6]&(1<<(r&63)) != 0
}

// mirrorVocab is MirrorVocabulary's index, built at its first use (an
// index for every document cost ~2% of reading traditional text).
var mirrorVocab = sync.OnceValue(func() *vocab { return newVocab(MirrorVocabulary) })

func newVocab(words map[string]string) *vocab {
	v := &vocab{words: words, starts: map[rune]int{}, pairs: map[uint64]bool{}}
	for k := range words {
		r, n := utf8.DecodeRuneInString(k)
		v.starts[r] = max(v.starts[r], utf8.RuneCountInString(k))
		r2, _ := utf8.DecodeRuneInString(k[n:])
		v.pairs[runePair(r, r2)] = true
		if r < 0x10000 {
			v.startSet[r>>6] |= 1 << (r & 63)
		}
		if r2 >= 0 && r2 < 0x10000 {
			v.secondSet[r2>>6] |= 1 << (r2 & 63)
		} else {
			v.astral = true
		}
	}
	return v
}

// Mirror replaces mirror vocabulary, longest word first, on the lines
// (0-based indexes) listed in lines; other lines are copied unchanged.
func Mirror(in []byte, lines map[int]bool, words map[string]string) ([]byte, Map) {
	if len(lines) == 0 {
		return in, Identity(len(in))
	}
	conv := make([]int, 0, len(lines))
	for l, ok := range lines {
		if ok {
			conv = append(conv, l)
		}
	}
	slices.Sort(conv)
	b := NewBuilder(in, len(in))
	var lb lineBuf
	newVocab(words).mirror(b, in, &lb, conv)
	return b.Finish()
}

// mirror is Mirror writing to b, for the lines listed in conv (ascending).
func (v *vocab) mirror(b *Builder, in []byte, lb *lineBuf, conv []int) {
	for start, line := 0, 0; start < len(in) && len(conv) > 0; line++ {
		end := indexByteFrom(in, start, '\n')
		if line == conv[0] {
			conv = conv[1:]
			v.replaceRange(b, in, start, end)
		}
		start = end + 1
	}
}

// replaceRange replaces the mirror vocabulary of the line in[from:to],
// longest word first, writing to b.
func (v *vocab) replaceRange(b *Builder, in []byte, from, to int) {
	var endsBuf [16]int // v is shared: scratch lives here
	for i := from; i < to; {
		var r rune
		n := 3
		if c := in[i]; c >= 0xE1 && c <= 0xEC && i+2 < to && in[i+1]&0xC0 == 0x80 && in[i+2]&0xC0 == 0x80 {
			// most characters: three bytes, well formed (U+1000..U+CFFF)
			r = rune(c&0x0F)<<12 | rune(in[i+1]&0x3F)<<6 | rune(in[i+2]&0x3F)
			if v.startSet[r>>6]&(1<<(r&63)) == 0 {
				i += 3
				continue
			}
		} else {
			r, n = decodeRuneIn(in, i, to)
		}
		if i+n >= to || r >= 0 && r < 0x10000 && !inSet(&v.startSet, r) {
			i += n
			continue
		}
		// common first characters (人, 行, 数) are let through by the
		// second character's bitmap before any map is read
		r2 := firstRune(in, i+n, to)
		if !v.astral && !inSet(&v.secondSet, r2) || !v.pairs[runePair(r, r2)] {
			i += n // no word of two characters or more starts here
			continue
		}
		longest := v.starts[r]
		// ends of the characters from i, as far as the longest word
		ends := append(endsBuf[:0], i)
		for k := 0; k < longest && ends[k] < to; k++ {
			_, m := decodeRuneIn(in, ends[k], to)
			ends = append(ends, ends[k]+m)
		}
		matched := 0
		for k := len(ends) - 1; k >= 2 && matched == 0; k-- {
			if repl, ok := v.words[string(in[i:ends[k]])]; ok {
				b.Copy(i)
				b.Replace(ends[k], repl)
				matched = k
			}
		}
		if matched == 0 {
			matched = 1
		}
		i = ends[matched]
	}
}
