package diff

import (
	"encoding/json"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"time"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// Side describes one of the two versions compared.
type Side struct {
	Source    string  `json:"source"`
	Section   *string `json:"section"`
	Title     *string `json:"title"`
	DocNumber *string `json:"doc_number"`
	Status    string  `json:"status"`
}

// Result is the difference between two versions of a policy.
type Result struct {
	Kind          string         `json:"kind"` // always "diff"
	SchemaVersion string         `json:"schema_version"`
	Old           Side           `json:"old"`
	New           Side           `json:"new"`
	Summary       Summary        `json:"summary"`
	Pairs         []*Pair        `json:"pairs"`
	SentenceMoves []SentenceMove `json:"sentence_moves"`
	FactChanges   []FactChange   `json:"fact_changes"`
	MetaChanges   []MetaChange   `json:"meta_changes"`
	Timing        Timing         `json:"timing"`
	oldDoc        *corpus.Doc
	newDoc        *corpus.Doc
}

// Summary counts the pairs by status and the changes.
type Summary struct {
	Clauses       map[string]int `json:"clauses"` // pairs per status
	FactChanges   int            `json:"fact_changes"`
	Suspect       int            `json:"suspect"`
	SentenceMoves int            `json:"sentence_moves"`
	MetaChanges   int            `json:"meta_changes"`
}

// Timing reports where the time went, in milliseconds.
type Timing struct {
	DictionaryMS float64 `json:"dictionary_ms"` // loading the word segmenter (once per process)
	CompareMS    float64 `json:"compare_ms"`
}

// A SentenceMove is a sentence that left one clause and appears in another.
type SentenceMove struct {
	Text       string  `json:"text"`
	FromOld    string  `json:"from_old"`
	ToNew      string  `json:"to_new"`
	Similarity float64 `json:"similarity"`
}

// A MetaChange is a metadata field that differs.
type MetaChange struct {
	Field string  `json:"field"`
	Old   *string `json:"old"`
	New   *string `json:"new"`
}

// Same reports whether the versions do not differ: every clause equal, no
// fact or metadata change.
func (r *Result) Same() bool {
	for _, p := range r.Pairs {
		if p.Status != "equal" {
			return false
		}
	}
	return len(r.FactChanges) == 0 && len(r.MetaChanges) == 0
}

// Compare aligns and compares two versions, reading facts with exs.
func Compare(old, new *corpus.Doc, exs []extract.Extractor) (*Result, error) {
	load, err := LoadSegmenter()
	if err != nil {
		return nil, fmt.Errorf("diff: word segmenter: %w", err)
	}
	start := time.Now()
	r := &Result{Kind: "diff", SchemaVersion: extract.SchemaVersion, Old: side(old), New: side(new), oldDoc: old, newDoc: new}
	oc, nc := prepare(old), prepare(new)
	weigh(append(append([]*clause{}, oc...), nc...))
	r.Pairs = append([]*Pair{rootPair(old, new)}, align(oc, nc)...)
	for _, p := range r.Pairs {
		if p.Status == "modified" || p.Status == "moved" || p.Status == "split" || p.Status == "merged" {
			p.Words = wordDiff(Tokens(p.old.text), Tokens(p.new.text))
		}
	}
	r.SentenceMoves = sentenceMoves(old, new, r.Pairs)
	r.FactChanges = factChanges(old, new, r.Pairs, exs)
	r.MetaChanges = metaChanges(old, new)
	r.Summary.Clauses = map[string]int{}
	for _, p := range r.Pairs {
		r.Summary.Clauses[p.Status]++
	}
	r.Summary.FactChanges = len(r.FactChanges)
	for _, f := range r.FactChanges {
		if f.Suspect != "" {
			r.Summary.Suspect++
		}
	}
	r.Summary.SentenceMoves = len(r.SentenceMoves)
	r.Summary.MetaChanges = len(r.MetaChanges)
	r.Timing = Timing{DictionaryMS: ms(load), CompareMS: ms(time.Since(start))}
	return r, nil
}

// rootPair pairs the two versions' own texts (path "": preamble, closing
// paragraphs, signature), whose facts (a fund's size, a validity) change
// as a clause's do.
func rootPair(old, new *corpus.Doc) *Pair {
	o, n := rootClause(old), rootClause(new)
	p := &Pair{Old: strp(""), New: strp(""), Status: "equal", Similarity: 1, old: o, new: n}
	if o.text != n.text {
		p.Status, p.Similarity = "modified", round3(bigramSim(o.text, n.text))
	}
	return p
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func side(d *corpus.Doc) Side {
	s := Side{Source: filepath.Base(d.File.Name), Status: d.Meta.Status}
	if d.Section != "" {
		sec := d.Section
		s.Section = &sec
	}
	if v := d.Meta.Title; v != nil {
		s.Title = &v.Value
	}
	if v := d.Meta.DocNumber; v != nil {
		s.DocNumber = &v.Value
	}
	return s
}

func metaChanges(old, new *corpus.Doc) []MetaChange {
	get := func(m corpus.Meta) map[string]*string {
		out := map[string]*string{"status": &m.Status}
		for k, v := range map[string]*corpus.Value{"title": m.Title, "doc_number": m.DocNumber, "issuer": m.Issuer, "issued": m.Issued,
			"printed": m.Printed, "effective": m.Effective, "expires": m.Expires, "validity": m.Validity} {
			if v != nil {
				out[k] = &v.Value
			}
		}
		return out
	}
	a, b := get(old.Meta), get(new.Meta)
	var out []MetaChange
	for _, f := range []string{"title", "doc_number", "status", "issuer", "issued", "printed", "effective", "expires", "validity"} {
		x, y := a[f], b[f]
		if x == nil && y == nil || x != nil && y != nil && *x == *y {
			continue
		}
		out = append(out, MetaChange{Field: f, Old: x, New: y})
	}
	return out
}

// sentenceMoves finds sentences of an old clause that its counterparts
// (one, or two when it was split) lack but another new clause holds. Candidate sentences come from an
// index of character trigrams (common trigrams left out), so the work
// stays near-linear in the number of sentences.
func sentenceMoves(old, new *corpus.Doc, pairs []*Pair) []SentenceMove {
	type sent struct {
		path, text string
		grams      map[string]int
		size       int
	}
	split := func(d *corpus.Doc, c *clause) []sent {
		var out []sent
		for _, s := range c.node.Own {
			for _, sp := range corpus.Sentences(d.File.Norm, s) {
				t := strings.TrimSpace(d.Text(sp))
				if len([]rune(t)) >= 8 {
					g, n := bigrams(t)
					out = append(out, sent{c.path, t, g, n})
				}
			}
		}
		return out
	}
	trigrams := func(s string) []string {
		rs := []rune(s)
		var out []string
		for i := 0; i+3 <= len(rs); i++ {
			out = append(out, string(rs[i:i+3]))
		}
		return out
	}
	var newSents []sent
	index := map[string][]int{}
	counterparts := map[string]map[string]bool{} // old path -> the new clauses it is paired with
	for _, p := range pairs {
		if p.new != nil {
			for _, s := range split(new, p.new) {
				k := len(newSents)
				newSents = append(newSents, s)
				for _, g := range trigrams(s.text) {
					if l := index[g]; len(l) == 0 || l[len(l)-1] != k {
						index[g] = append(l, k)
					}
				}
			}
		}
		if p.old != nil && p.new != nil {
			if counterparts[p.old.path] == nil {
				counterparts[p.old.path] = map[string]bool{}
			}
			counterparts[p.old.path][p.new.path] = true
		}
	}
	const maxPosting = 200
	var out []SentenceMove
	read := map[string]bool{} // an old clause split in two is in two pairs: read it once
	for _, p := range pairs {
		if p.old == nil || read[p.old.path] {
			continue
		}
		read[p.old.path] = true
		for _, s := range split(old, p.old) {
			hits := map[int]int{}
			grams := trigrams(s.text)
			for _, g := range grams {
				if l := index[g]; len(l) <= maxPosting {
					for _, k := range l {
						hits[k]++
					}
				}
			}
			stay, best, bestS := 0.0, "", 0.0
			for k, h := range hits {
				if h*2 < len(grams) {
					continue // shares too little to be the same sentence
				}
				n := newSents[k]
				sim := dice(s.grams, s.size, n.grams, n.size)
				if counterparts[p.old.path][n.path] {
					stay = max(stay, sim)
				} else if sim > bestS || sim == bestS && n.path < best {
					best, bestS = n.path, sim
				}
			}
			if bestS >= 0.75 && bestS > stay+0.2 {
				out = append(out, SentenceMove{Text: s.text, FromOld: p.old.path, ToNew: best, Similarity: round3(bestS)})
			}
		}
	}
	return out
}

// A WordOp is one step of a word-level diff: = kept, - removed, + added.
type WordOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// wordDiff returns the word-level difference of two word sequences (a
// longest common subsequence, bounded in size).
func wordDiff(a, b []string) []WordOp {
	const maxCells = 4 << 20
	if len(a)*len(b) > maxCells {
		return []WordOp{{"-", strings.Join(a, "")}, {"+", strings.Join(b, "")}}
	}
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []WordOp
	add := func(op, w string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += w
			return
		}
		out = append(out, WordOp{op, w})
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			add("=", a[i])
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			add("-", a[i])
			i++
		default:
			add("+", b[j])
			j++
		}
	}
	for ; i < n; i++ {
		add("-", a[i])
	}
	for ; j < m; j++ {
		add("+", b[j])
	}
	return out
}

// FactChange is one typed change of a fact between aligned clauses.
type FactChange struct {
	Old      *string `json:"old"`
	New      *string `json:"new"`
	Kind     string  `json:"kind"`
	Change   string  `json:"change"` // value, qualifier, cap-added, cap-removed, cap-raised, cap-lowered, base, count, added, removed, role, renamed
	OldValue any     `json:"old_value"`
	NewValue any     `json:"new_value"`
	Delta    *string `json:"delta,omitempty"`
	Ratio    *string `json:"ratio,omitempty"`
	Suspect  string  `json:"suspect,omitempty"` // why the change looks like an extraction artifact
	Note     string  `json:"note,omitempty"`
}

func factValue(f extract.Fact) string {
	switch f.Kind {
	case "money":
		return f.Yuan
	case "percent":
		return f.Number
	}
	return f.Value
}

// factChanges compares the facts of aligned clauses kind by kind.
func factChanges(old, new *corpus.Doc, pairs []*Pair, exs []extract.Extractor) []FactChange {
	byPath := func(d *corpus.Doc) map[string][]extract.Fact {
		m := map[string][]extract.Fact{}
		for _, f := range extract.Run(exs, d) {
			m[f.Path] = append(m[f.Path], f)
		}
		return m
	}
	of, nf := byPath(old), byPath(new)
	// the parts a split took from an old clause, and the old clauses a
	// merge brought into a new one: their facts are compared together with
	// the main counterpart's, so a fact that moved with a part is unchanged
	splitOff, mergedIn := map[string][]string{}, map[string][]string{}
	for _, p := range pairs {
		switch p.Status {
		case "split":
			splitOff[p.old.path] = append(splitOff[p.old.path], p.new.path)
		case "merged":
			mergedIn[p.new.path] = append(mergedIn[p.new.path], p.old.path)
		}
	}
	var out []FactChange
	for _, p := range pairs {
		if p.Status == "split" || p.Status == "merged" {
			continue // their facts are compared with the main counterpart's
		}
		var a, b []extract.Fact
		if p.old != nil {
			a = of[p.old.path]
			for _, path := range splitOff[p.old.path] {
				b = append(b, nf[path]...)
			}
		}
		if p.new != nil {
			b = append(nf[p.new.path], b...)
			for _, path := range mergedIn[p.new.path] {
				a = append(a, of[path]...)
			}
		}
		for _, kind := range []string{"money", "percent", "duration", "date"} {
			out = append(out, compareValues(p, kind, pick(a, kind), pick(b, kind))...)
		}
		out = append(out, compareUnits(p, pick(a, "unit"), pick(b, "unit"))...)
	}
	return out
}

func pick(fs []extract.Fact, kind string) []extract.Fact {
	var out []extract.Fact
	for _, f := range fs {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

func num(s string) any {
	if r, ok := new(big.Rat).SetString(s); ok {
		if r.IsInt() {
			return json.Number(r.RatString())
		}
		f, _ := r.Float64()
		return f
	}
	return s
}

// compareValues pairs the money, percent, duration or date facts of two
// aligned clauses: identical facts first, then by role in order; the rest
// are added or removed. Share percentages stated several times that become
// fewer are reported as one count change.
func compareValues(p *Pair, kind string, a, b []extract.Fact) []FactChange {
	var out []FactChange
	used := make([]bool, len(b))
	var left []extract.Fact
	for _, f := range a {
		found := false
		for j, g := range b {
			if !used[j] && factValue(f) == factValue(g) && f.Role == g.Role && f.Q == g.Q && f.Per == g.Per {
				used[j], found = true, true
				break
			}
		}
		if !found {
			left = append(left, f)
		}
	}
	var right []extract.Fact
	for j, g := range b {
		if !used[j] {
			right = append(right, g)
		}
	}
	// repeated shares consolidated: 4 × 市区各承担50% → 1 × 50%
	if kind == "percent" {
		count := func(fs []extract.Fact) (n int, vals []any) {
			for _, f := range fs {
				if f.Role == "share" {
					n++
					vals = append(vals, num(f.Number))
				}
			}
			return
		}
		na, va := count(a)
		nb, vb := count(b)
		if na != nb && na > 0 && nb > 0 {
			out = append(out, FactChange{Old: p.Old, New: p.New, Kind: kind, Change: "count", OldValue: va, NewValue: vb,
				Note: fmt.Sprintf("%d share statements became %d", na, nb)})
			left, right = dropRole(left, "share"), dropRole(right, "share")
		}
	}
	// pair the rest by role, in order
	usedR := make([]bool, len(right))
	for _, f := range left {
		match := -1
		for j, g := range right {
			if !usedR[j] && g.Role == f.Role {
				match = j
				break
			}
		}
		if match < 0 {
			out = append(out, FactChange{Old: p.Old, New: p.New, Kind: kind, Change: "removed", OldValue: num(factValue(f)), Note: f.Text})
			continue
		}
		usedR[match] = true
		out = append(out, changed(p, kind, f, right[match])...)
	}
	for j, g := range right {
		if !usedR[j] {
			out = append(out, FactChange{Old: p.Old, New: p.New, Kind: kind, Change: "added", NewValue: num(factValue(g)), Note: g.Text})
		}
	}
	return out
}

func dropRole(fs []extract.Fact, role string) []extract.Fact {
	var out []extract.Fact
	for _, f := range fs {
		if f.Role != role {
			out = append(out, f)
		}
	}
	return out
}

// decimalString writes r to two decimal places without trailing zeros:
// 100000, 0.5, -2.25.
func decimalString(r *big.Rat) string {
	s := r.FloatString(2)
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// changed describes how a fact changed between two versions.
func changed(p *Pair, kind string, f, g extract.Fact) []FactChange {
	base := FactChange{Old: p.Old, New: p.New, Kind: kind, OldValue: num(factValue(f)), NewValue: num(factValue(g)), Note: f.Text + " → " + g.Text}
	var out []FactChange
	fv, gv := factValue(f), factValue(g)
	if fv != gv {
		c := base
		c.Change = "value"
		if f.IsCap() && g.IsCap() {
			c.Change = "cap-lowered"
			if cmpDecimal(gv, fv) > 0 {
				c.Change = "cap-raised"
			}
		}
		if x, ok1 := new(big.Rat).SetString(fv); ok1 {
			if y, ok2 := new(big.Rat).SetString(gv); ok2 {
				ds := decimalString(new(big.Rat).Sub(y, x))
				c.Delta = &ds
				if x.Sign() != 0 {
					rs := new(big.Rat).Quo(y, x).FloatString(4)
					c.Ratio = &rs
				}
				c.Suspect = suspect(fv, gv, x, y)
			}
		}
		out = append(out, c)
	}
	if f.Q != g.Q {
		c := base
		c.Change = "qualifier"
		c.OldValue, c.NewValue = f.Q, g.Q
		if f.IsCap() && !g.IsCap() {
			c.Change = "cap-removed"
		} else if !f.IsCap() && g.IsCap() {
			c.Change = "cap-added"
		}
		out = append(out, c)
	}
	if f.Base != g.Base && f.Base != "" && g.Base != "" {
		c := base
		c.Change = "base"
		c.OldValue, c.NewValue = f.Base, g.Base
		out = append(out, c)
	}
	return out
}

func cmpDecimal(a, b string) int {
	x, _ := new(big.Rat).SetString(a)
	y, _ := new(big.Rat).SetString(b)
	if x == nil || y == nil {
		return strings.Compare(a, b)
	}
	return x.Cmp(y)
}

// suspect reports why a numeric change looks like an extraction artifact
// rather than a policy change: a factor of exactly 10, 100 or 1000 with the
// same digits (a lost or misread decimal point, 1.4 → 14), of 10^4 or 10^8
// (a lost 万 or 亿), or the old digits extended by one to three digits
// (digits split by a line break).
func suspect(a, b string, x, y *big.Rat) string {
	digits := func(s string) string { return strings.Trim(strings.ReplaceAll(s, ".", ""), "0") }
	if x.Sign() != 0 && y.Sign() != 0 && digits(a) == digits(b) {
		q := new(big.Rat).Quo(y, x)
		if q.Cmp(big.NewRat(1, 1)) < 0 {
			q.Inv(q)
		}
		for _, k := range []int{1, 2, 3, 4, 8} {
			p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
			if q.Cmp(p) == 0 {
				if k >= 4 {
					return fmt.Sprintf("factor of 10^%d with the same digits: a 万 or 亿 multiplier lost or misread", k)
				}
				return fmt.Sprintf("factor of 10^%d with the same digits: a lost or misplaced decimal point", k)
			}
		}
	}
	if len(b) > len(a) && len(b)-len(a) <= 3 && (strings.HasPrefix(b, a) || strings.HasSuffix(b, a)) {
		return "new digits extend the old ones: digits split by a line break"
	}
	return ""
}

// compareUnits compares the responsible bodies of two aligned clauses by
// canonical name: added, removed, renamed (same body, other name) and role
// changes (responsible → lead).
func compareUnits(p *Pair, a, b []extract.Fact) []FactChange {
	type unit struct {
		name, role string
	}
	index := func(fs []extract.Fact) (map[string]unit, []string) {
		m := map[string]unit{}
		var order []string
		for _, f := range fs {
			key := f.Canonical
			if key == "" {
				key = f.Name
			}
			if u, ok := m[key]; ok {
				if u.role != "lead" && f.Role == "lead" {
					m[key] = unit{f.Name, f.Role}
				}
				continue
			}
			m[key] = unit{f.Name, f.Role}
			order = append(order, key)
		}
		return m, order
	}
	am, ao := index(a)
	bm, bo := index(b)
	var out []FactChange
	for _, k := range ao {
		x := am[k]
		y, ok := bm[k]
		switch {
		case !ok:
			out = append(out, FactChange{Old: p.Old, New: p.New, Kind: "unit", Change: "removed", OldValue: x.name + " (" + x.role + ")"})
		case x.role != y.role:
			out = append(out, FactChange{Old: p.Old, New: p.New, Kind: "unit", Change: "role", OldValue: x.name + " (" + x.role + ")", NewValue: y.name + " (" + y.role + ")"})
		case x.name != y.name:
			out = append(out, FactChange{Old: p.Old, New: p.New, Kind: "unit", Change: "renamed", OldValue: x.name, NewValue: y.name, Note: "same body: " + k})
		}
	}
	for _, k := range bo {
		if _, ok := am[k]; !ok {
			y := bm[k]
			out = append(out, FactChange{Old: p.Old, New: p.New, Kind: "unit", Change: "added", NewValue: y.name + " (" + y.role + ")"})
		}
	}
	return out
}
