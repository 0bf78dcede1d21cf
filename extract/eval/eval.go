// Package eval scores extracted facts against hand-labelled gold files in
// the gold format (one JSON file per document: meta and facts per clause
// path), at two levels: value (kind, path and value) and full (also
// qualifier, role and per), and reports metadata accuracy.
package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// Gold is one gold file.
type Gold struct {
	File    string                      `json:"-"`
	Source  string                      `json:"source"`
	Section *string                     `json:"section"`
	Meta    map[string]string           `json:"meta"`
	Clauses map[string][]map[string]any `json:"clauses"`
}

// LoadDir reads every *.gold.json file of dir that holds clauses.
func LoadDir(dir string) ([]Gold, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Gold
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var g Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		if g.Clauses == nil || g.Source == "" {
			continue
		}
		g.File = filepath.Base(n)
		out = append(out, g)
	}
	return out, nil
}

// A Record is a document or fact record of the facts stream, as decoded
// JSON.
type Record map[string]any

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// fold compares text as the scorer does: NFKC and no whitespace.
func fold(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func num(v any) string {
	f, err := strconv.ParseFloat(str(v), 64)
	if err != nil {
		return "?"
	}
	return strconv.FormatFloat(math.Round(f*1e6)/1e6, 'f', -1, 64)
}

// key returns the comparison key of a fact, or "" for facts not scored.
func key(f map[string]any, path string, full bool) string {
	kind := str(f["kind"])
	var v string
	switch kind {
	case "money":
		if c := str(f["currency"]); c != "" && c != "CNY" {
			return ""
		}
		v = num(f["yuan"])
	case "percent":
		v = num(f["value"])
	case "unit":
		v = fold(str(f["name"]))
	case "date", "duration":
		v = fold(str(f["value"]))
	default:
		return ""
	}
	k := kind + "|" + path + "|" + v
	if full {
		q := str(f["q"])
		if q == "" {
			q = "exact"
		}
		switch kind {
		case "unit", "date":
			k += "||" + str(f["role"]) + "|"
		default:
			k += "|" + q + "|" + str(f["role"]) + "|" + fold(str(f["per"]))
		}
	}
	return k
}

func sameDoc(g Gold, r Record) bool {
	if filepath.Base(str(r["source"])) != g.Source {
		return false
	}
	if g.Section == nil || *g.Section == "" {
		return true
	}
	want := fold(*g.Section)
	have := fold(str(r["section"]))
	if have == "" {
		have = fold(str(r["title"]))
	}
	return have != "" && (strings.Contains(have, want) || strings.Contains(want, have))
}

// Score holds counts for one kind at one level.
type Score struct{ TP, Pred, Gold int }

// P, R and F1 return precision, recall and F1.
func (s Score) P() float64 { return ratio(s.TP, s.Pred, s.Gold == 0) }
func (s Score) R() float64 { return ratio(s.TP, s.Gold, true) }
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int, emptyIsOne bool) float64 {
	if b == 0 {
		if emptyIsOne {
			return 1
		}
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the result of Evaluate.
type Report struct {
	Value     map[string]*Score `json:"value"` // per kind: kind, path and value right
	Full      map[string]*Score `json:"full"`  // per kind: also q, role and per right
	MetaOK    int               `json:"meta_ok"`
	MetaTotal int               `json:"meta_total"`
	// Confusion counts, per kind and field (role, q), the facts whose value
	// is right by gold label and predicted label; a gold fact with no
	// prediction of its value counts under predicted "(missed)", a
	// prediction with no gold fact under gold "(extra)".
	Confusion map[string]map[string]Confusion `json:"confusion"`
	Scored    []string                        `json:"scored"`  // the gold files that matched an input
	Skipped   []string                        `json:"skipped"` // the gold files no input matched
	Misses    []string                        `json:"misses"`  // missed, extra and wrong-meta lines
}

// A Confusion table counts facts by gold label, then predicted label.
type Confusion map[string]map[string]int

func (c Confusion) add(gold, pred string) {
	if c[gold] == nil {
		c[gold] = map[string]int{}
	}
	c[gold][pred]++
}

// label returns a fact's value of field (q or role) as the scorer reads
// it: an empty q is exact.
func label(f map[string]any, field string) string {
	v := str(f[field])
	if field == "q" && v == "" {
		v = "exact"
	}
	return v
}

// confusionFields are the fields whose confusion Evaluate counts, by kind.
var confusionFields = map[string][]string{"money": {"role", "q"}, "percent": {"role", "q"}, "duration": {"role", "q"}, "date": {"role"}, "unit": {"role"}}

// confuse pairs the gold facts of one document with the predicted facts of
// the same kind, path and value (those right in every field first) and
// counts their labels.
func (r *Report) confuse(g Gold, facts []Record) {
	type item struct {
		f    map[string]any
		full string
	}
	golds, preds := map[string][]item{}, map[string][]item{}
	var order []string
	for path, fs := range g.Clauses {
		for _, f := range fs {
			if k := key(f, path, false); k != "" {
				if golds[k] == nil && preds[k] == nil {
					order = append(order, k)
				}
				golds[k] = append(golds[k], item{f, key(f, path, true)})
			}
		}
	}
	for _, f := range facts {
		if k := key(f, str(f["path"]), false); k != "" {
			if golds[k] == nil && preds[k] == nil {
				order = append(order, k)
			}
			preds[k] = append(preds[k], item{f, key(f, str(f["path"]), true)})
		}
	}
	sort.Strings(order)
	for _, k := range order {
		kind := k[:strings.Index(k, "|")]
		gs, ps := golds[k], preds[k]
		used := make([]bool, len(ps))
		var pairs [][2]map[string]any
		var left []map[string]any
		for _, gi := range gs { // exact pairs first
			found := false
			for j, pj := range ps {
				if !used[j] && pj.full == gi.full {
					used[j], found = true, true
					pairs = append(pairs, [2]map[string]any{gi.f, pj.f})
					break
				}
			}
			if !found {
				left = append(left, gi.f)
			}
		}
		for _, gf := range left {
			var pf map[string]any
			for j := range ps {
				if !used[j] {
					used[j], pf = true, ps[j].f
					break
				}
			}
			pairs = append(pairs, [2]map[string]any{gf, pf})
		}
		for j, pj := range ps {
			if !used[j] {
				pairs = append(pairs, [2]map[string]any{nil, pj.f})
			}
		}
		for _, p := range pairs {
			for _, field := range confusionFields[kind] {
				gl, pl := "(extra)", "(missed)"
				if p[0] != nil {
					gl = label(p[0], field)
				}
				if p[1] != nil {
					pl = label(p[1], field)
				}
				if r.Confusion[kind] == nil {
					r.Confusion[kind] = map[string]Confusion{}
				}
				if r.Confusion[kind][field] == nil {
					r.Confusion[kind][field] = Confusion{}
				}
				r.Confusion[kind][field].add(gl, pl)
			}
		}
	}
}

// Evaluate compares the records (document and fact records) with the gold
// files whose documents they hold; the other gold files are listed as
// skipped.
func Evaluate(golds []Gold, records []Record) *Report {
	rep := &Report{Value: map[string]*Score{}, Full: map[string]*Score{}, Confusion: map[string]map[string]Confusion{}, Scored: []string{}, Skipped: []string{}, Misses: []string{}}
	for _, g := range golds {
		var facts []Record
		var doc Record
		for _, r := range records {
			if !sameDoc(g, r) {
				continue
			}
			if str(r["kind"]) == "document" {
				if doc == nil {
					doc = r
				}
				continue
			}
			facts = append(facts, r)
		}
		if doc == nil {
			rep.Skipped = append(rep.Skipped, g.File) // no input is this gold file's document
			continue
		}
		rep.Scored = append(rep.Scored, g.File)
		rep.confuse(g, facts)
		for _, level := range []bool{false, true} {
			gc, pc := map[string]int{}, map[string]int{}
			for path, fs := range g.Clauses {
				for _, f := range fs {
					if k := key(f, path, level); k != "" {
						gc[k]++
					}
				}
			}
			for _, f := range facts {
				if k := key(f, str(f["path"]), level); k != "" {
					pc[k]++
				}
			}
			table := rep.Value
			if level {
				table = rep.Full
			}
			for k, n := range gc {
				kind := k[:strings.Index(k, "|")]
				s := table[kind]
				if s == nil {
					s = &Score{}
					table[kind] = s
				}
				s.Gold += n
				s.TP += min(n, pc[k])
				if !level && pc[k] < n {
					rep.Misses = append(rep.Misses, g.File+"\tmissed\t"+k)
				}
			}
			for k, n := range pc {
				kind := k[:strings.Index(k, "|")]
				s := table[kind]
				if s == nil {
					s = &Score{}
					table[kind] = s
				}
				s.Pred += n
				if !level && gc[k] < n {
					rep.Misses = append(rep.Misses, g.File+"\textra\t"+k)
				}
			}
		}
		for field, want := range g.Meta {
			rep.MetaTotal++
			if doc != nil && fold(str(doc[field])) == fold(want) {
				rep.MetaOK++
			} else {
				rep.Misses = append(rep.Misses, fmt.Sprintf("%s\tmeta\t%s: want %q, have %q", g.File, field, want, str(doc[field])))
			}
		}
	}
	sort.Strings(rep.Misses)
	return rep
}

// Print writes the report as a table.
func (r *Report) Print(w interface{ Write([]byte) (int, error) }, verbose bool) {
	if verbose {
		for _, m := range r.Misses {
			fmt.Fprintln(w, m)
		}
	}
	fmt.Fprintf(w, "%-9s %-6s %6s %6s %6s  tp/pred/gold\n", "kind", "level", "P", "R", "F1")
	var kinds []string
	for k := range r.Value {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		for _, lv := range []struct {
			name string
			s    *Score
		}{{"value", r.Value[k]}, {"full", r.Full[k]}} {
			if lv.s == nil {
				continue
			}
			fmt.Fprintf(w, "%-9s %-6s %6.3f %6.3f %6.3f  %d/%d/%d\n", k, lv.name, lv.s.P(), lv.s.R(), lv.s.F1(), lv.s.TP, lv.s.Pred, lv.s.Gold)
		}
	}
	fmt.Fprintf(w, "meta fields correct: %d/%d\n", r.MetaOK, r.MetaTotal)
	fmt.Fprintf(w, "gold files scored: %d", len(r.Scored))
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, " (%d without an input: %s)", len(r.Skipped), strings.Join(r.Skipped, ", "))
	}
	fmt.Fprintln(w)
	for _, k := range kinds {
		for _, field := range confusionFields[k] {
			if c := r.Confusion[k][field]; len(c) > 0 {
				fmt.Fprintf(w, "\n%s %s (rows gold, columns predicted):\n", k, field)
				c.print(w)
			}
		}
	}
}

// print writes c as a table, gold labels down, predicted labels across.
func (c Confusion) print(w interface{ Write([]byte) (int, error) }) {
	cols := map[string]bool{}
	var rows []string
	for g, ps := range c {
		rows = append(rows, g)
		for p := range ps {
			cols[p] = true
		}
	}
	var cs []string
	for p := range cols {
		cs = append(cs, p)
	}
	sort.Strings(rows)
	sort.Strings(cs)
	fmt.Fprintf(w, "  %-12s", "")
	for _, p := range cs {
		fmt.Fprintf(w, " %10s", p)
	}
	fmt.Fprintln(w)
	for _, g := range rows {
		fmt.Fprintf(w, "  %-12s", g)
		for _, p := range cs {
			fmt.Fprintf(w, " %10d", c[g][p])
		}
		fmt.Fprintln(w)
	}
}

// Records runs the extractors over docs and returns the facts stream as
// decoded records, as Evaluate expects them.
func Records(docs []*corpus.Doc, exs []extract.Extractor) ([]Record, error) {
	var out []Record
	add := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		var r Record
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.UseNumber()
		if err := dec.Decode(&r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	}
	for _, d := range docs {
		if err := add(extract.NewDocumentRecord(d)); err != nil {
			return nil, err
		}
		for _, f := range extract.Run(exs, d) {
			if err := add(extract.NewFactRecord(d, f)); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
