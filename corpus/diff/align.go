// Package diff compares two versions of a policy (a draft and its final
// version, or two renderings): it aligns their clauses through renumbering,
// rewording and moves, and reports what changed in amounts, caps, units and
// dates, sentences that moved between clauses, and word-level text changes.
package diff

import (
	"math"
	"sort"
	"strings"

	"github.com/zhengce/zhengce/corpus"
)

// clause is one node prepared for alignment.
type clause struct {
	path    string
	parent  string
	node    *corpus.Node
	heading string
	text    string // own text, marker removed
	words   []string
	vec     map[string]float64 // TF-IDF weights, unit length
	pos     int                // position in document order
}

func prepare(d *corpus.Doc) []*clause {
	var out []*clause
	parents := map[*corpus.Node]string{}
	d.Root.Walk(func(n *corpus.Node) {
		for _, c := range n.Children {
			parents[c] = n.Path
		}
	})
	for i, n := range d.Nodes() {
		if n.Path == "" {
			continue
		}
		out = append(out, newClause(d, n, parents[n], i))
	}
	return out
}

// rootClause returns the document's own text (path "": preamble, closing
// paragraphs, signature) as a clause, which every version has.
func rootClause(d *corpus.Doc) *clause {
	return newClause(d, d.Root, "", -1)
}

// newClause makes the clause of node n: its own text without its marker
// and line breaks, and its words.
func newClause(d *corpus.Doc, n *corpus.Node, parent string, pos int) *clause {
	var b strings.Builder
	for _, s := range n.Own {
		t := d.Text(s)
		if s.Start == n.Marker.Start {
			t = t[n.Marker.Len():]
		}
		b.WriteString(t)
	}
	text := strings.TrimSpace(strings.ReplaceAll(b.String(), "\n", ""))
	c := &clause{path: n.Path, parent: parent, node: n, heading: d.Text(n.Heading), text: text, pos: pos}
	c.words = Words(c.text)
	return c
}

// weigh sets each clause's TF-IDF vector, with document frequencies taken
// over the clauses of both versions.
func weigh(all []*clause) {
	df := map[string]int{}
	for _, c := range all {
		seen := map[string]bool{}
		for _, w := range c.words {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(all))
	for _, c := range all {
		tf := map[string]float64{}
		for _, w := range c.words {
			tf[w]++
		}
		c.vec = map[string]float64{}
		norm := 0.0
		for w, f := range tf {
			v := (1 + math.Log(f)) * math.Log(1+n/float64(df[w]))
			c.vec[w] = v
			norm += v * v
		}
		norm = math.Sqrt(norm)
		for w := range c.vec {
			if norm > 0 {
				c.vec[w] /= norm
			}
		}
	}
}

// candidates returns the cosine similarity of every pair of an old and a
// new clause that share a word, computed through an inverted index so that
// clause pairs with nothing in common cost nothing. Words found in more
// than maxPosting clauses are too common to index.
func candidates(old, new []*clause) map[[2]int]float64 {
	const maxPosting = 400
	index := map[string][]int{}
	for j, c := range new {
		for w := range c.vec {
			index[w] = append(index[w], j)
		}
	}
	sims := map[[2]int]float64{}
	for i, c := range old {
		for w, v := range c.vec {
			post := index[w]
			if len(post) > maxPosting {
				continue
			}
			for _, j := range post {
				sims[[2]int{i, j}] += v * new[j].vec[w]
			}
		}
	}
	return sims
}

// A Pair aligns an old clause with a new one; Old or New is nil for a
// removed or added clause.
type Pair struct {
	Old        *string  `json:"old"`
	New        *string  `json:"new"`
	Status     string   `json:"status"`     // equal, renumbered, modified, moved, split, merged, removed, added
	Similarity float64  `json:"similarity"` // cosine similarity of the clauses' words, 0 to 1
	Words      []WordOp `json:"words,omitempty"`
	old, new   *clause
}

// align matches clauses: greedily by similarity, then parents by the
// children they share, then what is left with a bonus for aligned parents,
// then splits and merges; the rest is removed or added.
func align(old, new []*clause) []*Pair {
	sims := candidates(old, new)
	oldMatch := make([]int, len(old))
	newMatch := make([]int, len(new))
	for i := range oldMatch {
		oldMatch[i] = -1
	}
	for j := range newMatch {
		newMatch[j] = -1
	}
	oldIdx := map[string]int{}
	for i, c := range old {
		oldIdx[c.path] = i
	}
	newIdx := map[string]int{}
	for j, c := range new {
		newIdx[c.path] = j
	}
	type cand struct {
		i, j int
		s    float64
	}
	greedy := func(threshold float64, bonus func(i, j int) float64) {
		var cs []cand
		for k, s := range sims {
			i, j := k[0], k[1]
			if oldMatch[i] >= 0 || newMatch[j] >= 0 {
				continue
			}
			s += bonus(i, j)
			if s >= threshold {
				cs = append(cs, cand{i, j, s})
			}
		}
		sort.Slice(cs, func(a, b int) bool {
			if cs[a].s != cs[b].s {
				return cs[a].s > cs[b].s
			}
			if cs[a].i != cs[b].i {
				return cs[a].i < cs[b].i
			}
			return cs[a].j < cs[b].j
		})
		for _, c := range cs {
			if oldMatch[c.i] < 0 && newMatch[c.j] < 0 {
				oldMatch[c.i], newMatch[c.j] = c.j, c.i
			}
		}
	}
	noBonus := func(i, j int) float64 { return 0 }
	greedy(0.45, noBonus)
	// parents by votes of their matched children
	for round := 0; round < 2; round++ {
		votes := map[[2]int]int{}
		for i, c := range old {
			if j := oldMatch[i]; j >= 0 && c.parent != "" && new[j].parent != "" {
				votes[[2]int{oldIdx[c.parent], newIdx[new[j].parent]}]++
			}
		}
		type vote struct {
			i, j, n int
		}
		var vs []vote
		for k, n := range votes {
			vs = append(vs, vote{k[0], k[1], n})
		}
		sort.Slice(vs, func(a, b int) bool {
			if vs[a].n != vs[b].n {
				return vs[a].n > vs[b].n
			}
			return vs[a].i < vs[b].i || vs[a].i == vs[b].i && vs[a].j < vs[b].j
		})
		for _, v := range vs {
			if oldMatch[v.i] < 0 && newMatch[v.j] < 0 {
				oldMatch[v.i], newMatch[v.j] = v.j, v.i
			}
		}
	}
	parentsAligned := func(i, j int) float64 {
		pi, pj := old[i].parent, new[j].parent
		if pi == "" && pj == "" {
			return 0.1
		}
		if pi != "" && pj != "" && oldMatch[oldIdx[pi]] == newIdx[pj] {
			return 0.2
		}
		return 0
	}
	greedy(0.3, parentsAligned)
	// headings alone, under aligned parents: reworded bullets
	children := map[string][]int{}
	for j, n := range new {
		children[n.parent] = append(children[n.parent], j)
	}
	for i, c := range old {
		if oldMatch[i] >= 0 || c.parent == "" || oldMatch[oldIdx[c.parent]] < 0 {
			continue
		}
		best, bestS := -1, 0.0
		for _, j := range children[new[oldMatch[oldIdx[c.parent]]].path] {
			n := new[j]
			if newMatch[j] >= 0 {
				continue
			}
			if s := bigramSim(c.heading, n.heading); s > bestS {
				best, bestS = j, s
			}
		}
		if best >= 0 && bestS >= 0.3 {
			oldMatch[i], newMatch[best] = best, i
		}
	}
	// candidates of each clause in the other version: those sharing a word
	oldCands := map[int][]int{} // new clause -> old clauses
	newCands := map[int][]int{} // old clause -> new clauses
	for k := range sims {
		oldCands[k[1]] = append(oldCands[k[1]], k[0])
		newCands[k[0]] = append(newCands[k[0]], k[1])
	}
	for _, l := range oldCands {
		sort.Ints(l)
	}
	for _, l := range newCands {
		sort.Ints(l)
	}
	// a clause whose words lie mostly inside a clause of the other version
	// that is still unmatched is that clause, extended or cut: an item that
	// became an article of its own, an article that lost a paragraph
	for i, c := range old {
		if oldMatch[i] < 0 {
			if j, _ := container(c, new, newCands[i], newMatch, false); j >= 0 {
				oldMatch[i], newMatch[j] = j, i
			}
		}
	}
	for j, n := range new {
		if newMatch[j] < 0 {
			if i, _ := container(n, old, oldCands[j], oldMatch, false); i >= 0 {
				oldMatch[i], newMatch[j] = j, i
			}
		}
	}
	var pairs []*Pair
	for i, c := range old {
		if j := oldMatch[i]; j >= 0 {
			n := new[j]
			p := &Pair{Old: strp(c.path), New: strp(n.path), Similarity: round3(sims[[2]int{i, j}]), old: c, new: n}
			switch {
			case c.text == n.text && c.path == n.path:
				p.Status = "equal"
			case c.text == n.text:
				p.Status = "renumbered"
			default:
				p.Status = "modified"
			}
			if c.parent != "" && n.parent != "" && oldMatch[oldIdx[c.parent]] != newIdx[n.parent] {
				p.Status = "moved"
			}
			pairs = append(pairs, p)
		}
	}
	// splits and merges: an unmatched clause whose words lie mostly inside
	// a matched one, in the part of it that its counterpart does not hold
	// (a new clause written on an old one's pattern, 对新认定的…企业给予…奖励,
	// is added, not split from it)
	for j, n := range new {
		if newMatch[j] >= 0 {
			continue
		}
		if i, s := container(n, old, oldCands[j], oldMatch, true); i >= 0 && beyondCounterpart(n, old[i], new[oldMatch[i]]) {
			pairs = append(pairs, &Pair{Old: strp(old[i].path), New: strp(n.path), Status: "split", Similarity: round3(s), old: old[i], new: n})
			newMatch[j] = i
		}
	}
	for i, c := range old {
		if oldMatch[i] >= 0 {
			continue
		}
		if j, s := container(c, new, newCands[i], newMatch, true); j >= 0 && beyondCounterpart(c, new[j], old[newMatch[j]]) {
			pairs = append(pairs, &Pair{Old: strp(c.path), New: strp(new[j].path), Status: "merged", Similarity: round3(s), old: c, new: new[j]})
			oldMatch[i] = j
			continue
		}
		pairs = append(pairs, &Pair{Old: strp(c.path), Status: "removed", old: c})
	}
	for j, n := range new {
		if newMatch[j] < 0 {
			pairs = append(pairs, &Pair{New: strp(n.path), Status: "added", new: n})
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairOrder(pairs[a]) < pairOrder(pairs[b]) })
	return pairs
}

// pairOrder sorts pairs by the new side's position, removed clauses after
// the clause that precedes them.
func pairOrder(p *Pair) float64 {
	if p.new != nil {
		return float64(p.new.pos)
	}
	return float64(p.old.pos) + 0.5
}

// container returns the clause among the candidates of others, matched
// or unmatched as matched says, that holds most of c's words (at least
// 70% of them, c having at least 6), or -1.
func container(c *clause, others []*clause, cands []int, match []int, matched bool) (int, float64) {
	if len(c.words) < 6 {
		return -1, 0
	}
	best, bestS := -1, 0.0
	for _, k := range cands {
		o := others[k]
		if (match[k] >= 0) != matched {
			continue
		}
		have := map[string]int{}
		for _, w := range o.words {
			have[w]++
		}
		in := 0
		for _, w := range c.words {
			if have[w] > 0 {
				have[w]--
				in++
			}
		}
		if s := float64(in) / float64(len(c.words)); s > bestS {
			best, bestS = k, s
		}
	}
	if bestS < 0.7 {
		return -1, 0
	}
	return best, bestS
}

// beyondCounterpart reports whether most of c's words lie in the words
// of whole that its counterpart (the clause whole is aligned with) lacks:
// the part a split took from whole, or the part a merge brought into it.
func beyondCounterpart(c, whole, counterpart *clause) bool {
	have := map[string]int{}
	for _, w := range whole.words {
		have[w]++
	}
	for _, w := range counterpart.words {
		have[w]--
	}
	in := 0
	for _, w := range c.words {
		if have[w] > 0 {
			have[w]--
			in++
		}
	}
	return 2*in >= len(c.words)
}

// bigramSim is the Dice similarity of two texts' character bigrams.
func bigramSim(a, b string) float64 {
	ga, na := bigrams(a)
	gb, nb := bigrams(b)
	return dice(ga, na, gb, nb)
}

// bigrams counts the character bigrams of s and returns their number.
func bigrams(s string) (map[string]int, int) {
	rs := []rune(s)
	m := make(map[string]int, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		m[string(rs[i:i+2])]++
	}
	return m, max(0, len(rs)-1)
}

// dice is the Dice coefficient of two bigram profiles.
func dice(a map[string]int, na int, b map[string]int, nb int) float64 {
	if na+nb == 0 {
		return 0
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	common := 0
	for g, n := range a {
		common += min(n, b[g])
	}
	return 2 * float64(common) / float64(na+nb)
}

func strp(s string) *string { return &s }

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
