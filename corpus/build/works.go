package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// docInfo is what grouping needs of one policy. Workers make it; the
// writer spills it to disk at once and keeps only a docKey, so that memory
// stays flat as the corpus grows.
type docInfo struct {
	source, section string
	titleKey        string // titleKey of the title
	number          string
	issuer, status  string
	rank            int               // rendering preference: 0 official text, 1 compilation part, 2 mirror
	meta            map[string]string // dates and validity
	facts           map[string]string // numbered path -> the clause's facts, one string
	sig             []uint64          // MinHash signature of the numbered clauses' text
}

// A docKey is what grouping keeps in memory of one policy: hashes of the
// strings it compares, and where the rest of its docInfo is on disk.
type docKey struct {
	titleKey, number, issuer uint64 // hashString of each; 0 for none
	status                   string // a constant: "final" or "draft"
	rank                     int8
	at                       int64 // offset of the record in the spill
	header, size             int32 // record length up to the facts, and in all
}

// hashString is a 64-bit hash of s, 0 only for the empty string.
func hashString(s string) uint64 {
	if s == "" {
		return 0
	}
	return max(fnv64a(s), 1)
}

// A spill keeps the docInfo of every policy on disk during a build. A
// record is the signature (sigSize little-endian words), then the header
// strings and the metadata, then the facts, each string preceded by its
// length as a uvarint.
type spill struct {
	f   *os.File
	end int64
	buf []byte
}

// metaFields are the metadata that renderings of one version are checked
// for, in the order of their findings.
var metaFields = [...]string{"issued", "printed", "effective", "expires", "validity"}

// put writes d to the spill and returns its key.
func (s *spill) put(d *docInfo) (docKey, error) {
	b := s.buf[:0]
	for _, x := range d.sig {
		b = binary.LittleEndian.AppendUint64(b, x)
	}
	str := func(v string) {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	for _, v := range [...]string{d.source, d.section, d.titleKey, d.number, d.issuer, d.status} {
		str(v)
	}
	for _, f := range metaFields {
		str(d.meta[f])
	}
	header := len(b)
	paths := make([]string, 0, len(d.facts))
	for p := range d.facts {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	b = binary.AppendUvarint(b, uint64(len(paths)))
	for _, p := range paths {
		str(p)
		str(d.facts[p])
	}
	s.buf = b
	if _, err := s.f.WriteAt(b, s.end); err != nil {
		return docKey{}, err
	}
	k := docKey{
		titleKey: hashString(d.titleKey), number: hashString(d.number), issuer: hashString(d.issuer),
		status: d.status, rank: int8(d.rank), at: s.end, header: int32(header), size: int32(len(b)),
	}
	s.end += int64(len(b))
	return k, nil
}

// sig reads k's signature into sig.
func (s *spill) sig(k docKey, sig []uint64) error {
	b := make([]byte, 8*sigSize)
	if _, err := s.f.ReadAt(b, k.at); err != nil {
		return err
	}
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return nil
}

// load reads k's docInfo back, without its signature, and without its
// facts unless withFacts.
func (s *spill) load(k docKey, withFacts bool) (*docInfo, error) {
	n := k.header
	if withFacts {
		n = k.size
	}
	b := make([]byte, n)
	if _, err := s.f.ReadAt(b, k.at); err != nil {
		return nil, err
	}
	r := b[8*sigSize:]
	bad := false
	str := func() string {
		l, w := binary.Uvarint(r)
		if w <= 0 || l > uint64(len(r)-w) {
			bad, r = true, nil
			return ""
		}
		v := string(r[w : w+int(l)])
		r = r[w+int(l):]
		return v
	}
	d := &docInfo{rank: int(k.rank), meta: map[string]string{}}
	d.source, d.section, d.titleKey, d.number, d.issuer, d.status = str(), str(), str(), str(), str(), str()
	for _, f := range metaFields {
		d.meta[f] = str()
	}
	if withFacts {
		d.facts = map[string]string{}
		l, w := binary.Uvarint(r)
		if w <= 0 {
			bad = true
		}
		r = r[max(w, 0):]
		for ; l > 0 && !bad; l-- {
			p := str()
			d.facts[p] = str()
		}
	}
	if bad {
		return nil, errors.New("spill: corrupt record")
	}
	return d, nil
}

const sigSize = 64

func newDocInfo(d *corpus.Doc, facts []extract.Fact, source string) *docInfo {
	m := d.Meta
	// copies, so that the record does not keep the file's text alive
	val := func(v *corpus.Value) string {
		if v == nil {
			return ""
		}
		return strings.Clone(v.Value)
	}
	info := &docInfo{
		source: source, section: strings.Clone(d.Section), number: val(m.DocNumber),
		issuer: val(m.Issuer), status: m.Status, facts: map[string]string{}, titleKey: titleKey(val(m.Title)),
		meta: map[string]string{"issued": val(m.Issued), "printed": val(m.Printed), "effective": val(m.Effective), "expires": val(m.Expires), "validity": val(m.Validity)},
	}
	switch {
	case d.File.Result.Script == "traditional":
		info.rank = 2
	case d.Section != "":
		info.rank = 1
	}
	// each numbered clause's facts as one string: "kind value q role per",
	// joined by "; "
	byPath := map[string][]byte{}
	for _, f := range facts {
		if f.Path == "" {
			continue
		}
		b := byPath[f.Path]
		if len(b) > 0 {
			b = append(b, "; "...)
		}
		b = append(append(b, f.Kind...), ' ')
		b = append(append(append(append(b, f.Yuan...), f.Number...), f.Value...), f.Name...)
		b = append(append(append(append(append(append(b, ' '), f.Q...), ' '), f.Role...), ' '), f.Per...)
		byPath[f.Path] = b
	}
	for p, b := range byPath {
		info.facts[p] = string(b)
	}
	// the numbered clauses' text, one after another
	var sh shingler
	for _, n := range d.Nodes() {
		if n.Path != "" {
			for _, s := range n.Own {
				sh.add(d.Text(s))
			}
		}
	}
	info.sig = sh.signature()
	return info
}

// A shingler makes the one-permutation MinHash signature of the six-rune
// shingles of a text given in pieces (the signature of their
// concatenation): each shingle is hashed once, the hash's top bits choose
// one of sigSize bins and each bin keeps the least hash that falls in it.
// An empty bin holds ^0. Ill-formed bytes count as U+FFFD.
type shingler struct {
	mins [sigSize]uint64 // each bin's least hash, as ^mins: zero is an empty bin
	ring [6]uint64       // the window's runes
	h    uint64          // the window's hash: Σ r_i·B^(5-i) over its six runes
	n    int             // runes seen
}

// add adds the runes of s.
func (m *shingler) add(s string) {
	for _, r := range s {
		in := uint64(r)
		m.h = m.h*shingleBase + in - m.ring[m.n%6]*shingleBase6
		m.ring[m.n%6] = in
		m.n++
		if m.n < 6 {
			continue
		}
		x := mix64(m.h)
		if k := x >> (64 - sigBits); ^x > m.mins[k] {
			m.mins[k] = ^x
		}
	}
}

// signature returns the signature of what was added.
func (m *shingler) signature() []uint64 {
	sig := make([]uint64, sigSize)
	for k, v := range m.mins {
		sig[k] = ^v
	}
	return sig
}

// sigBits is log2(sigSize): how many top bits of a shingle's hash name its bin.
const sigBits = 6

// shingleBase is the rolling hash's multiplier, shingleBase6 its sixth
// power modulo 2⁶⁴: what the rune leaving a six-rune window contributed.
const shingleBase uint64 = 0x100000001B3

var shingleBase6 = func() uint64 {
	p := uint64(1)
	for range 6 {
		p *= shingleBase
	}
	return p
}()

// mix64 spreads the bits of x over the whole word (SplitMix64's finalizer).
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ x>>31
}

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

// similarity estimates the Jaccard similarity of the shingle sets of two
// signatures: the share of bins holding the same least hash among the bins
// that are not empty in both.
func similarity(a, b []uint64) float64 {
	same, used := 0, 0
	for i := range a {
		if a[i] == ^uint64(0) && b[i] == ^uint64(0) {
			continue
		}
		used++
		if a[i] == b[i] {
			same++
		}
	}
	if used == 0 {
		return 0
	}
	return float64(same) / float64(used)
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
// renderings disagree. It reads from the spill what keys do not hold,
// a bounded amount at a time.
func groupWorks(docs []docKey, sp *spill) (*grouping, error) {
	n := len(docs)
	version := newUnion(n)
	byNumber := map[uint64]int{}
	for i, d := range docs {
		if d.number != 0 {
			if j, ok := byNumber[d.number]; ok {
				version.join(i, j)
			} else {
				byNumber[d.number] = i
			}
		}
	}
	byNumber = nil
	byTitle := map[uint64][]int{}
	for i, d := range docs {
		if d.titleKey != 0 {
			byTitle[d.titleKey] = append(byTitle[d.titleKey], i)
		}
	}
	work := newUnion(n)
	// the signatures of members a..a+maxCompare, in a ring
	ring := make([][]uint64, maxCompare+1)
	for i := range ring {
		ring[i] = make([]uint64, sigSize)
	}
	for _, members := range byTitle {
		if len(members) < 2 {
			continue
		}
		loaded := 0
		for a := 0; a < len(members); a++ {
			// compare with a bounded window of later members, so that a
			// common title cannot make grouping quadratic
			for ; loaded < len(members) && loaded <= a+maxCompare; loaded++ {
				if err := sp.sig(docs[members[loaded]], ring[loaded%len(ring)]); err != nil {
					return nil, err
				}
			}
			for b := a + 1; b < len(members) && b <= a+maxCompare; b++ {
				i, j := members[a], members[b]
				di, dj := docs[i], docs[j]
				if di.number != 0 && dj.number != 0 && di.number != dj.number {
					continue // two numbered documents are different policies
				}
				if di.issuer != 0 && dj.issuer != 0 && di.issuer != dj.issuer {
					continue
				}
				sim := similarity(ring[a%len(ring)], ring[b%len(ring)])
				if di.status == dj.status && sim >= 0.6 {
					version.join(i, j)
				}
				if sim >= 0.05 {
					work.join(i, j)
				}
			}
		}
	}
	byTitle = nil
	for i := 0; i < n; i++ {
		work.join(i, version.find(i)) // a version belongs to one work
	}
	g := &grouping{ids: make([]ids, n)}
	// a work is named after its first document
	workKey := map[int]string{}
	for i := range docs {
		r := work.find(i)
		if _, ok := workKey[r]; !ok {
			d, err := sp.load(docs[i], false)
			if err != nil {
				return nil, err
			}
			workKey[r] = d.titleKey + "|" + d.number + "|" + d.source + "#" + d.section
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
		first, err := sp.load(docs[members[0]], false)
		if err != nil {
			return nil, err
		}
		wk := workKey[work.find(r)]
		wid := "w" + shortHash(wk)
		vid := "v" + shortHash(wk+"|"+first.status+"|"+first.source+"#"+first.section)
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
			fs, err := compare(docs, members, sp, wid, vid)
			if err != nil {
				return nil, err
			}
			g.findings = append(g.findings, fs...)
		}
	}
	g.works = len(works)
	return g, nil
}

// A field is one thing renderings of a version are checked for: a
// metadata field, or the facts of the clause at path.
type field struct{ name, path string }

func (f field) of(d *docInfo) string {
	switch f.name {
	case "doc_number":
		return d.number
	case "issuer":
		return d.issuer
	case "facts":
		if v, ok := d.facts[f.path]; ok {
			return v
		}
		return "(none)"
	}
	return d.meta[f.name]
}

// compare records the fields and clauses on which renderings of one version
// state different values (a field one rendering leaves out is not a
// disagreement; a clause one leaves out is, shown as "(none)"). It reads
// the renderings one at a time: once to find the fields that differ, and
// again, only when some do, for their values.
func compare(docs []docKey, members []int, sp *spill, wid, vid string) ([]Finding, error) {
	type seen struct {
		first   string // first value stated
		differs bool
		holders int // renderings with the clause (facts only)
	}
	fields := map[field]*seen{}
	state := func(f field, v string) {
		if v == "" {
			return
		}
		s := fields[f]
		if s == nil {
			s = &seen{first: v}
			fields[f] = s
		} else if v != s.first {
			s.differs = true
		}
		s.holders++
	}
	for _, m := range members {
		d, err := sp.load(docs[m], true)
		if err != nil {
			return nil, err
		}
		for _, name := range metaFields {
			state(field{name, ""}, d.meta[name])
		}
		state(field{"doc_number", ""}, d.number)
		state(field{"issuer", ""}, d.issuer)
		for p, v := range d.facts {
			state(field{"facts", p}, v)
		}
	}
	var differ []field
	for _, name := range metaFields {
		if s := fields[field{name, ""}]; s != nil && s.differs {
			differ = append(differ, field{name, ""})
		}
	}
	for _, name := range []string{"doc_number", "issuer"} {
		if s := fields[field{name, ""}]; s != nil && s.differs {
			differ = append(differ, field{name, ""})
		}
	}
	var paths []string
	for f, s := range fields {
		if f.name == "facts" && (s.differs || s.holders < len(members) && s.first != "(none)") {
			paths = append(paths, f.path)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		differ = append(differ, field{"facts", p})
	}
	if len(differ) == 0 {
		return nil, nil
	}
	out := make([]Finding, len(differ))
	for i, f := range differ {
		out[i] = Finding{Kind: "finding", SchemaVersion: extract.SchemaVersion, WorkID: wid, VersionID: vid, Field: f.name, Path: f.path}
	}
	for _, m := range members {
		d, err := sp.load(docs[m], true)
		if err != nil {
			return nil, err
		}
		var sec *string
		if d.section != "" {
			s := d.section // not &d.section, which would keep d and its facts
			sec = &s
		}
		for i, f := range differ {
			var val *string
			if v := f.of(d); v != "" {
				val = &v
			}
			out[i].Values = append(out[i].Values, FindingValue{Source: d.source, Section: sec, Value: val})
		}
	}
	return out, nil
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
