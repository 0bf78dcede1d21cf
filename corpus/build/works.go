package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// docInfo is what grouping needs of one policy, kept small so that memory
// stays flat as the corpus grows.
type docInfo struct {
	source, section string
	title, number   string
	issuer, status  string
	rank            int               // rendering preference: 0 official text, 1 compilation part, 2 mirror
	meta            map[string]string // dates and validity
	facts           map[string]string // numbered path -> the clause's facts, one string; spilled to disk while building
	spill           [2]int64          // offset and length of the spilled facts
	sig             []uint64          // MinHash signature of the numbered clauses' text
}

// A spill keeps the per-clause facts of every policy on disk during a
// build, so that memory does not grow with the corpus; only versions with
// several renderings read theirs back.
type spill struct {
	f   *os.File
	end int64
}

// put writes d's facts to the spill and drops them from memory.
func (s *spill) put(d *docInfo) error {
	b, err := json.Marshal(d.facts)
	if err != nil {
		return err
	}
	if _, err := s.f.WriteAt(b, s.end); err != nil {
		return err
	}
	d.spill = [2]int64{s.end, int64(len(b))}
	s.end += int64(len(b))
	d.facts = nil
	return nil
}

// load reads d's facts back.
func (s *spill) load(d *docInfo) {
	if s == nil || d.facts != nil {
		return
	}
	b := make([]byte, d.spill[1])
	if _, err := s.f.ReadAt(b, d.spill[0]); err == nil {
		json.Unmarshal(b, &d.facts)
	}
}

const sigSize = 64

func newDocInfo(d *corpus.Doc, facts []extract.Fact) *docInfo {
	m := d.Meta
	// copies, so that the record does not keep the file's text alive
	val := func(v *corpus.Value) string {
		if v == nil {
			return ""
		}
		return strings.Clone(v.Value)
	}
	info := &docInfo{
		source: filepath.Base(d.File.Name), section: strings.Clone(d.Section), title: val(m.Title), number: val(m.DocNumber),
		issuer: val(m.Issuer), status: m.Status, facts: map[string]string{},
		meta: map[string]string{"issued": val(m.Issued), "printed": val(m.Printed), "effective": val(m.Effective), "expires": val(m.Expires), "validity": val(m.Validity)},
	}
	switch {
	case d.File.Result.Script == "traditional":
		info.rank = 2
	case d.Section != "":
		info.rank = 1
	}
	byPath := map[string][]string{}
	for _, f := range facts {
		if f.Path == "" {
			continue
		}
		byPath[f.Path] = append(byPath[f.Path], fmt.Sprintf("%s %s%s%s%s %s %s %s", f.Kind, f.Yuan, f.Number, f.Value, f.Name, f.Q, f.Role, f.Per))
	}
	for p, fs := range byPath {
		info.facts[p] = strings.Join(fs, "; ")
	}
	var text strings.Builder
	for _, n := range d.Nodes() {
		if n.Path != "" {
			for _, s := range n.Own {
				text.WriteString(d.Text(s))
			}
		}
	}
	info.sig = minhash(text.String())
	return info
}

// minhash returns a MinHash signature of the 6-character shingles of s.
func minhash(s string) []uint64 {
	var mins [sigSize]uint64
	for k := range mins {
		mins[k] = ^uint64(0)
	}
	// the shingles are six runes, hashed as UTF-8; ill-formed bytes count
	// as U+FFFD, as converting through []rune makes them
	if !utf8.ValidString(s) {
		s = string([]rune(s))
	}
	starts := make([]int, 0, len(s)/3+1)
	for i := range s {
		starts = append(starts, i)
	}
	starts = append(starts, len(s))
	for i := 0; i+6 < len(starts); i++ {
		x := fnv64a(s[starts[i]:starts[i+6]])
		for k := range mins {
			// a cheap family of hash functions: x mixed with the index
			v := (x ^ shingleSeeds[k]) * 0xBF58476D1CE4E5B9
			v ^= v >> 31
			mins[k] = min(mins[k], v)
		}
	}
	return append([]uint64(nil), mins[:]...)
}

// shingleSeeds[k] is k times the golden-ratio constant: what minhash mixes
// into a shingle's hash for its k-th function.
var shingleSeeds = func() (s [sigSize]uint64) {
	for k := range s {
		s[k] = uint64(k) * 0x9E3779B97F4A7C15
	}
	return s
}()

// fnv64a is the 64-bit FNV-1a hash of b, as hash/fnv computes it.
func fnv64a(b string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= prime
	}
	return h
}

// similarity estimates the Jaccard similarity of two signatures.
func similarity(a, b []uint64) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] && a[i] != ^uint64(0) {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

var (
	placePrefix = regexp.MustCompile(`^[\p{Han}]{2,4}?(?:省|市|自治区|特别行政区)`)
	bracketed   = regexp.MustCompile(`[（(][^）)]*[）)]`)
)

// titleKey folds a title for matching renderings and versions: no place
// prefix (武汉市), no bracketed year range or draft mark, no spaces.
func titleKey(t string) string {
	t = strings.ReplaceAll(t, " ", "")
	t = bracketed.ReplaceAllString(t, "")
	t = placePrefix.ReplaceAllString(t, "")
	return t
}

// maxCompare bounds how many documents sharing a title key each one is
// compared with.
const maxCompare = 64

type ids struct {
	work, version string
	preferred     bool
}

// Finding is a disagreement between renderings of one version.
type Finding struct {
	Kind          string         `json:"kind"` // always "finding"
	SchemaVersion string         `json:"schema_version"`
	WorkID        string         `json:"work_id"`
	VersionID     string         `json:"version_id"`
	Field         string         `json:"field"`
	Path          string         `json:"path"`
	Values        []FindingValue `json:"values"`
}

// FindingValue is one rendering's value in a finding.
type FindingValue struct {
	Source  string  `json:"source"`
	Section *string `json:"section"`
	Value   *string `json:"value"`
}

type grouping struct {
	ids      []ids // by document position
	works    int
	findings []Finding
}

// groupWorks links renderings of one version (same document number, or
// same title key, status and nearly the same text) and versions of one
// work (same title key and related text, such as a draft and its final
// version), picks each version's preferred rendering and records where
// renderings disagree.
func groupWorks(docs []*docInfo, sp *spill) *grouping {
	n := len(docs)
	version := newUnion(n)
	byNumber := map[string]int{}
	for i, d := range docs {
		if d.number != "" {
			if j, ok := byNumber[d.number]; ok {
				version.join(i, j)
			} else {
				byNumber[d.number] = i
			}
		}
	}
	byTitle := map[string][]int{}
	for i, d := range docs {
		if k := titleKey(d.title); k != "" {
			byTitle[k] = append(byTitle[k], i)
		}
	}
	work := newUnion(n)
	for _, members := range byTitle {
		for a := 0; a < len(members); a++ {
			// compare with a bounded window of earlier members, so that a
			// common title cannot make grouping quadratic
			for b := a + 1; b < len(members) && b <= a+maxCompare; b++ {
				i, j := members[a], members[b]
				di, dj := docs[i], docs[j]
				if di.number != "" && dj.number != "" && di.number != dj.number {
					continue // two numbered documents are different policies
				}
				if di.issuer != "" && dj.issuer != "" && di.issuer != dj.issuer {
					continue
				}
				sim := similarity(di.sig, dj.sig)
				if di.status == dj.status && sim >= 0.6 {
					version.join(i, j)
				}
				if sim >= 0.05 {
					work.join(i, j)
				}
			}
		}
	}
	for i := 0; i < n; i++ {
		work.join(i, version.find(i)) // a version belongs to one work
	}
	g := &grouping{ids: make([]ids, n)}
	workKey := map[int]string{}
	for i, d := range docs {
		r := work.find(i)
		if _, ok := workKey[r]; !ok {
			workKey[r] = titleKey(d.title) + "|" + d.number + "|" + d.source + "#" + d.section
		}
	}
	versions := map[int][]int{}
	for i := range docs {
		versions[version.find(i)] = append(versions[version.find(i)], i)
	}
	works := map[string]bool{}
	var roots []int
	for r := range versions {
		roots = append(roots, r)
	}
	sort.Ints(roots)
	for _, r := range roots {
		members := versions[r]
		wk := workKey[work.find(r)]
		wid := "w" + shortHash(wk)
		vid := "v" + shortHash(wk+"|"+docs[members[0]].status+"|"+docs[members[0]].source+"#"+docs[members[0]].section)
		works[wid] = true
		best := members[0]
		for _, m := range members {
			if docs[m].rank < docs[best].rank {
				best = m
			}
		}
		for _, m := range members {
			g.ids[m] = ids{work: wid, version: vid, preferred: m == best}
		}
		if len(members) > 1 {
			for _, m := range members {
				sp.load(docs[m])
			}
			g.findings = append(g.findings, compare(docs, members, wid, vid)...)
			for _, m := range members {
				if sp != nil {
					docs[m].facts = nil
				}
			}
		}
	}
	g.works = len(works)
	return g
}

// compare records the fields and clauses on which renderings of one version
// state different values (a field one rendering leaves out is not a
// disagreement).
func compare(docs []*docInfo, members []int, wid, vid string) []Finding {
	var out []Finding
	add := func(field, path string, get func(*docInfo) string) {
		distinct := map[string]bool{}
		for _, m := range members {
			if v := get(docs[m]); v != "" {
				distinct[v] = true
			}
		}
		if len(distinct) < 2 {
			return
		}
		f := Finding{Kind: "finding", SchemaVersion: extract.SchemaVersion, WorkID: wid, VersionID: vid, Field: field, Path: path}
		for _, m := range members {
			var sec, val *string
			if docs[m].section != "" {
				s := docs[m].section
				sec = &s
			}
			if v := get(docs[m]); v != "" {
				val = &v
			}
			f.Values = append(f.Values, FindingValue{Source: docs[m].source, Section: sec, Value: val})
		}
		out = append(out, f)
	}
	for _, field := range []string{"issued", "printed", "effective", "expires", "validity"} {
		add(field, "", func(d *docInfo) string { return d.meta[field] })
	}
	add("doc_number", "", func(d *docInfo) string { return d.number })
	add("issuer", "", func(d *docInfo) string { return d.issuer })
	paths := map[string]bool{}
	for _, m := range members {
		for p := range docs[m].facts {
			paths[p] = true
		}
	}
	var sorted []string
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	for _, p := range sorted {
		add("facts", p, func(d *docInfo) string {
			if v, ok := d.facts[p]; ok {
				return v
			}
			return "(none)"
		})
	}
	return out
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// union is a union-find over n items.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// join merges the sets of i and j, keeping the smaller index as the root so
// that the result does not depend on the order of joins.
func (u union) join(i, j int) {
	a, b := u.find(i), u.find(j)
	if a == b {
		return
	}
	if a < b {
		u[b] = a
	} else {
		u[a] = b
	}
}
