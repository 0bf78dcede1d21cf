package extract

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/zhengce/zhengce/internal/cjk"
)

//go:embed cues.tsv
var defaultCues string

// DefaultCues is the cue table shipped with the tool (extract/cues.tsv).
var DefaultCues = mustCues(defaultCues)

func mustCues(s string) *Cues {
	c, err := ReadCues(strings.NewReader(s), "cues.tsv", nil)
	if err != nil {
		panic(err)
	}
	return c
}

// Cues decide the qualifier (q) and role of the facts the extractors find
// from the words around them: an ordered table of rules, each giving one
// field a value when all its conditions hold. The first rule that holds
// wins; a fact no rule speaks for keeps the default (q exact, role other).
// The table is data (extract/cues.tsv), so that an analyst can teach the
// tool a new phrasing without reading Go; ReadCues reads more rules that
// take precedence over the built-in ones.
//
// A rule is one line of tab-separated fields:
//
//	kind	field	value	condition	condition…
//
// kind is money, percent, duration or date, or * for money, percent and
// duration, or unit; field is q or role (role or body for units). Each condition is POSITION:word|word|…,
// true when a word stands at that position (!POSITION:… when none does):
//
//	before    the text before the value back to the nearest ，。；：、 or
//	          bracket (or the previous fact)
//	before$   that text ends with the word (the word touches the value)
//	after^    the text after the value (and its qualifier) starts with it
//	after     the text after the value up to the nearest ，。；：、
//	lead      the sentence before the value
//	trail     the sentence after the value
//	trail^    that sentence starts with the word (2025年，力争…: ，力争)
//	sentence  the whole sentence
//	heading   the headings of the clause and of the clauses above it
//	heading$  one of those headings ends with the word (工作目标)
//	text      the value's own text (2024年8月)
//	q         the qualifier already decided (for role rules): max, min …
//	after$    the text after the value up to the nearest ，。；：、 ends
//	          with the word
//	per       the amount is a rate (元/辆) — no words: per:
//	range     the date ends a period (2022年到2024年) — no words: range:
//
// Unit rules name the labels that introduce a list of bodies
// (label:牵头单位), the phrases that end an unlabelled bracketed list
// (ending:等部门按职责分工落实), the words inside such a bracket that end a
// first list and start a second (mid:牵头, as in 市发改委牵头，市财政局按职责
// 分工负责), all with the role of the bodies listed before them, and the
// endings a body's name has (body rules, suffix:局|厅).
//
// A word may hold # for a run of digits (到#年). In before, lead, trail,
// sentence, after and the positions that read a text's end, a word that is
// not itself negated (starting with 不 or 未) does not count where 不, 不得
// or 未 stands right before it: 低于 is not found in 不低于 nor in 不得低于,
// 满 does not end 未满.
type Cues struct {
	rules map[string][]cue // by kind and field: "money/role"

	// the unit rules' words, longest first, read once
	labels, endings, mids []unitLabel
	openers               []unitLabel // short labels, counted only where an item opens
	listLabels            []unitLabel // labels, then openers: what a label match's index names
	suffixes              []string
}

// unitLabel is a label that introduces a list of bodies (牵头单位：), or a
// phrase that ends an unlabelled bracketed list (等部门按职责分工落实), with
// the role of the bodies listed.
type unitLabel struct{ word, role string }

type cue struct {
	value string
	conds []cond
	src   string // file:line, for messages
}

type cond struct {
	pos   string
	at    position // pos as a number
	words []string
	masks []runeMask // of each word's characters, to rule words out quickly
	neg   bool
	// digits says that a word holds # (a run of digits): the others are
	// compared byte for byte
	digits bool
}

// A runeMask is a 256-bit summary of the characters of a text: a word can
// occur in a text only if the text's mask covers the word's.
type runeMask [4]uint64

// maskOf returns the mask of s's characters (# and digits not counted, as
// # in a word stands for any digits).
func maskOf(s string) runeMask {
	var m runeMask
	for _, r := range s {
		if r == '#' || r >= '0' && r <= '9' {
			continue
		}
		h := uint32(r) * 2654435761 >> 24
		m[h>>6] |= 1 << (h & 63)
	}
	return m
}

// covers reports whether every character of w's mask is in m's.
func (m *runeMask) covers(w *runeMask) bool {
	return w[0]&^m[0] == 0 && w[1]&^m[1] == 0 && w[2]&^m[2] == 0 && w[3]&^m[3] == 0
}

// A position is where a condition looks, as a number.
type position uint8

// The positions, in the order of positionNames.
const (
	posBefore position = iota
	posBeforeEnd
	posAfterStart
	posAfter
	posAfterEnd
	posLead
	posTrail
	posTrailStart
	posSentence
	posHeading
	posHeadingEnd
	posText
	posQ
	posPer
	posRange
	posUnit // label, ending, mid, suffix, opener: read by the unit extractor
)

// positionNames name the positions.
var positionNames = map[string]position{"before": posBefore, "before$": posBeforeEnd, "after^": posAfterStart, "after": posAfter,
	"after$": posAfterEnd, "lead": posLead, "trail": posTrail, "trail^": posTrailStart, "sentence": posSentence, "heading": posHeading, "heading$": posHeadingEnd,
	"text": posText, "q": posQ, "per": posPer, "range": posRange, "label": posUnit, "ending": posUnit, "mid": posUnit, "suffix": posUnit, "opener": posUnit}

// unitPositions are the condition positions of unit rules.
var unitPositions = map[string]bool{"label": true, "ending": true, "mid": true, "suffix": true, "opener": true}

// positions are the condition positions a rule may use.
var positions = map[string]bool{"before": true, "before$": true, "after^": true, "after": true, "after$": true, "lead": true, "trail": true, "trail^": true,
	"sentence": true, "heading": true, "heading$": true, "q": true, "per": true, "range": true, "text": true}

// cueKinds are the kinds a rule may name.
var cueKinds = map[string][]string{"money": {"money"}, "percent": {"percent"}, "duration": {"duration"}, "date": {"date"},
	"*": {"money", "percent", "duration"}, "unit": {"unit"}}

// ReadCues reads a cue table (see Cues) named name from r; its rules come
// before those of base, which may be nil.
func ReadCues(r io.Reader, name string, base *Cues) (*Cues, error) {
	c := &Cues{rules: map[string][]cue{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("%s: want kind, field, value and conditions separated by tabs", where)
		}
		kinds, ok := cueKinds[f[0]]
		if !ok {
			return nil, fmt.Errorf("%s: unknown kind %q (money, percent, duration, date or *)", where, f[0])
		}
		unit := f[0] == "unit"
		if !(f[1] == "q" || f[1] == "role" || unit && f[1] == "body") || unit && f[1] == "q" {
			return nil, fmt.Errorf("%s: unknown field %q (q or role; role or body for units)", where, f[1])
		}
		if f[2] == "" {
			return nil, fmt.Errorf("%s: empty value", where)
		}
		r := cue{value: f[2], src: where}
		for _, s := range f[3:] {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			var cd cond
			if rest, ok := strings.CutPrefix(s, "!"); ok {
				cd.neg, s = true, rest
			}
			pos, words, ok := strings.Cut(s, ":")
			if ok && unit != unitPositions[pos] {
				return nil, fmt.Errorf("%s: condition %q: unit rules use label, ending, mid, suffix and opener, other rules none of them", where, s)
			}
			if !ok || !positions[pos] && !unitPositions[pos] {
				return nil, fmt.Errorf("%s: condition %q: want POSITION:word|word with POSITION one of before, before$, after^, after, after$, lead, trail, trail^, sentence, heading, heading$, text, q, per, range", where, s)
			}
			cd.pos, cd.at = pos, positionNames[pos]
			if words != "" {
				cd.words = strings.Split(words, "|")
				for _, w := range cd.words {
					cd.masks = append(cd.masks, maskOf(w))
					cd.digits = cd.digits || strings.Contains(w, "#")
				}
			}
			if len(cd.words) == 0 && pos != "per" && pos != "range" {
				return nil, fmt.Errorf("%s: condition %q has no words", where, s)
			}
			r.conds = append(r.conds, cd)
		}
		for _, k := range kinds {
			key := k + "/" + f[1]
			c.rules[key] = append(c.rules[key], r)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if base != nil {
		for k, rs := range base.rules {
			c.rules[k] = append(c.rules[k], rs...)
		}
	}
	c.labels = c.unitWords("role", "label")
	c.endings = c.unitWords("role", "ending")
	c.mids = c.unitWords("role", "mid")
	c.openers = c.unitWords("role", "opener")
	c.listLabels = append(slices.Clip(c.labels), c.openers...)
	for _, l := range c.unitWords("body", "suffix") {
		c.suffixes = append(c.suffixes, l.word)
	}
	return c, nil
}

// unitLabels returns the labels that introduce lists of bodies, longest
// first, with their roles.
func (c *Cues) unitLabels() []unitLabel { return c.labels }

// unitEndings returns the phrases that end unlabelled lists of bodies,
// longest first, with their roles.
func (c *Cues) unitEndings() []unitLabel { return c.endings }

// unitOpeners returns the short labels (牵头：, 配合：) that introduce a list
// of bodies only at the start of a bracket or of an item, longest first.
func (c *Cues) unitOpeners() []unitLabel { return c.openers }

// unitListLabels returns the labels, then the openers: a label match of
// findUnitLabels or appendBracketLabels indexes the first, one of
// appendOpenerLabels the second, after them.
func (c *Cues) unitListLabels() []unitLabel { return c.listLabels }

// unitMids returns the words that end a first list of bodies inside an
// ended bracket, longest first, with the role of the bodies before them.
func (c *Cues) unitMids() []unitLabel { return c.mids }

// bodySuffixes returns the endings of the names of bodies.
func (c *Cues) bodySuffixes() []string { return c.suffixes }

// unitWords returns the words of the unit rules of field at position pos,
// longest first (the first rule's value for a word listed twice).
func (c *Cues) unitWords(field, pos string) []unitLabel {
	var out []unitLabel
	seen := map[string]bool{}
	for _, r := range c.rules["unit/"+field] {
		for _, cd := range r.conds {
			if cd.pos != pos || cd.neg {
				continue
			}
			for _, w := range cd.words {
				if !seen[w] {
					seen[w] = true
					out = append(out, unitLabel{w, r.value})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b unitLabel) int { return len(b.word) - len(a.word) })
	return out
}

// Positions whose texts cueContext keeps masks of.
const (
	maskBefore = iota
	maskAfter
	maskLead
	maskTrail
	maskSentence
	maskHeading
	maskText
	nMasks
)

// cueContext is what the rules read around one value.
type cueContext struct {
	masks                                         [nMasks]runeMask // of the texts below, made on first use
	haveMasks                                     uint8
	before, after, lead, trail, sentence, heading string
	text                                          string // the value's own text
	q                                             string
	per                                           bool // the amount is a rate (元/辆)
	rangeEnd                                      bool // the date ends a period
}

// A finding is the words a holding rule found next to the value: after
// it (after^) and touching it before (a before or before$ word that ends
// where the value starts), so that 最高 and 以上 can join a fact's text.
type finding struct {
	value, after, before string
}

// decide returns the finding of the first holding rule for kind and
// field, or one with the value def when no rule holds.
func (c *Cues) decide(kind, field string, x *cueContext, def string) finding {
	for _, r := range c.rules[kind+"/"+field] {
		if f, ok := r.holds(x); ok {
			return f
		}
	}
	return finding{value: def}
}

// holds reports whether every condition of r holds in x, and what it
// found.
func (r *cue) holds(x *cueContext) (finding, bool) {
	f := finding{value: r.value}
	for _, cd := range r.conds {
		var w string
		ok := false
		switch cd.at {
		case posBefore:
			w, ok = containsWordMasked(x.before, x.mask(maskBefore, x.before), &cd)
		case posBeforeEnd:
			w, ok = suffixWord(x.before, cd.words, cd.digits)
		case posAfterStart:
			w, ok = prefixWord(x.after, cd.words)
		case posAfter:
			w, ok = containsWordMasked(x.after, x.mask(maskAfter, x.after), &cd)
		case posAfterEnd:
			w, ok = suffixWord(x.after, cd.words, cd.digits)
		case posLead:
			w, ok = containsWordMasked(x.lead, x.mask(maskLead, x.lead), &cd)
		case posTrail:
			w, ok = containsWordMasked(x.trail, x.mask(maskTrail, x.trail), &cd)
		case posTrailStart:
			w, ok = prefixWord(x.trail, cd.words)
		case posSentence:
			w, ok = containsWordMasked(x.sentence, x.mask(maskSentence, x.sentence), &cd)
		case posHeading:
			w, ok = containsWordMasked(x.heading, x.mask(maskHeading, x.heading), &cd)
		case posHeadingEnd:
			for _, h := range strings.Split(x.heading, "\n") {
				if w, ok = suffixWord(h, cd.words, cd.digits); ok {
					break
				}
			}
		case posText:
			w, ok = containsWordMasked(x.text, x.mask(maskText, x.text), &cd)
		case posQ:
			for _, v := range cd.words {
				ok = ok || x.q == v
			}
		case posPer:
			ok = x.per
		case posRange:
			ok = x.rangeEnd
		}
		if ok == cd.neg {
			return finding{}, false
		}
		switch {
		case cd.neg:
		case cd.at == posAfterStart:
			f.after = w
		case (cd.at == posBefore || cd.at == posBeforeEnd) && strings.HasSuffix(x.before, w):
			f.before = w
		}
	}
	return f, true
}

// mask returns the mask of the text of position k, s, making it the
// first time.
func (x *cueContext) mask(k int, s string) *runeMask {
	if x.haveMasks&(1<<k) == 0 {
		x.masks[k] = maskOf(s)
		x.haveMasks |= 1 << k
	}
	return &x.masks[k]
}

// containsWordMasked is containsWord over the words of cd that the mask m
// of s does not rule out.
func containsWordMasked(s string, m *runeMask, cd *cond) (string, bool) {
	for i := range cd.words {
		if !m.covers(&cd.masks[i]) {
			continue
		}
		if word, ok := containsWord(s, cd.words[i:i+1], cd.digits); ok {
			return word, true
		}
	}
	return "", false
}

// containsWord reports whether s holds one of words, not negated by a 不,
// 不得 or 未 right before it (unless the word is a negator itself), and
// returns it. digits says that a word may hold # (a run of digits).
func containsWord(s string, words []string, digits bool) (string, bool) {
	for _, w := range words {
		for from := 0; from <= len(s); {
			i, n := wordIndex(s[from:], w, digits)
			if i < 0 {
				break
			}
			at := from + i
			if negator(w) || !negated(s[:at]) {
				return s[at : at+n], true
			}
			from = at + max(n, 1)
		}
	}
	return "", false
}

// negated reports whether the text before a word negates it: 不, 不得 or
// 未 right before it (不低于, 不得低于, 未满).
func negated(before string) bool {
	return strings.HasSuffix(before, "不") || strings.HasSuffix(before, "不得") || strings.HasSuffix(before, "未")
}

// negator reports whether w is itself a negated word (不超过, 未满), which a
// negation before it does not hide.
func negator(w string) bool {
	return strings.HasPrefix(w, "不") || strings.HasPrefix(w, "未")
}

// suffixWord reports whether s ends with one of words, not negated by a
// 不, 不得 or 未 right before it (满 does not end 不满 or 未满). digits says
// that a word may hold # (a run of digits); the others are compared byte
// for byte.
func suffixWord(s string, words []string, digits bool) (string, bool) {
	for _, w := range words {
		if !digits || !strings.Contains(w, "#") {
			if strings.HasSuffix(s, w) && (negator(w) || !negated(s[:len(s)-len(w)])) {
				return w, true
			}
			continue
		}
		for k := 0; k < len(s); k++ {
			if n := wordAt(s, k, w); n >= 0 && k+n == len(s) && (negator(w) || !negated(s[:k])) {
				return s[k:], true
			}
		}
	}
	return "", false
}

// prefixWord reports whether s starts with one of words.
func prefixWord(s string, words []string) (string, bool) {
	for _, w := range words {
		if n := wordAt(s, 0, w); n >= 0 {
			return s[:n], true
		}
	}
	return "", false
}

// wordIndex returns where w first occurs in s and its length there, or
// -1; # in w stands for a run of ASCII digits when digits is set.
func wordIndex(s, w string, digits bool) (int, int) {
	if !digits || !strings.Contains(w, "#") {
		i := cjk.Index(s, w)
		return i, len(w)
	}
	for k := 0; k < len(s); k++ {
		if n := wordAt(s, k, w); n >= 0 {
			return k, n
		}
	}
	return -1, 0
}

// wordAt returns the length of w matched at s[k:], or -1.
func wordAt(s string, k int, w string) int {
	i := k
	for j := 0; j < len(w); j++ {
		if w[j] == '#' {
			d := i
			for d < len(s) && s[d] >= '0' && s[d] <= '9' {
				d++
			}
			if d == i {
				return -1
			}
			i = d
			continue
		}
		if i >= len(s) || s[i] != w[j] {
			return -1
		}
		i++
	}
	return i - k
}
