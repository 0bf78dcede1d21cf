package diff

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
)

// ANSI colours of the text report.
const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

func val(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case []any:
		var s []string
		for _, e := range x {
			s = append(s, val(e))
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func path(p *string) string {
	if p == nil {
		return "—"
	}
	if *p == "" {
		return `""`
	}
	return *p
}

// describe returns one line for a fact change.
func describe(f FactChange) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s → %s", f.Kind, f.Change, val(f.OldValue), val(f.NewValue))
	if f.Delta != nil {
		fmt.Fprintf(&b, " (Δ %s", *f.Delta)
		if f.Ratio != nil {
			fmt.Fprintf(&b, ", ×%s", *f.Ratio)
		}
		b.WriteString(")")
	}
	if f.Note != "" {
		fmt.Fprintf(&b, "  %s", f.Note)
	}
	return b.String()
}

func sides(r *Result) (string, string) {
	name := func(s Side) string {
		n := s.Source
		if s.Section != nil {
			n += "#" + *s.Section
		}
		return n
	}
	return name(r.Old), name(r.New)
}

// WriteText writes a readable report: the summary first, then clause by
// clause. With color, ANSI colours mark removals, additions and suspects.
func WriteText(w io.Writer, r *Result, color bool) error {
	bw := bufio.NewWriter(w)
	c := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + reset
	}
	o, n := sides(r)
	fmt.Fprintf(bw, "%s\n  old: %s (%s)\n  new: %s (%s)\n", c(bold, "zhengce diff"), o, r.Old.Status, n, r.New.Status)
	var statuses []string
	for s := range r.Summary.Clauses {
		statuses = append(statuses, s)
	}
	sort.Strings(statuses)
	var parts []string
	for _, s := range statuses {
		parts = append(parts, fmt.Sprintf("%d %s", r.Summary.Clauses[s], s))
	}
	fmt.Fprintf(bw, "clauses: %s\nfact changes: %d (%d suspect), sentence moves: %d, metadata changes: %d\n",
		strings.Join(parts, ", "), r.Summary.FactChanges, r.Summary.Suspect, r.Summary.SentenceMoves, r.Summary.MetaChanges)
	for _, m := range r.MetaChanges {
		fmt.Fprintf(bw, "  %s: %s → %s\n", m.Field, c(red, val(strPtr(m.Old))), c(green, val(strPtr(m.New))))
	}
	changes := map[string][]FactChange{}
	for _, f := range r.FactChanges {
		changes[path(f.Old)+"|"+path(f.New)] = append(changes[path(f.Old)+"|"+path(f.New)], f)
	}
	moves := map[string][]SentenceMove{}
	for _, m := range r.SentenceMoves {
		moves[m.FromOld] = append(moves[m.FromOld], m)
	}
	for _, p := range r.Pairs {
		if p.Status == "equal" {
			continue
		}
		head := ""
		switch {
		case p.old != nil && p.new != nil:
			head = fmt.Sprintf("%s → %s  %s (%.2f)  %s", path(p.Old), path(p.New), p.Status, p.Similarity, p.new.heading)
		case p.old != nil:
			head = c(red, fmt.Sprintf("%s removed  %s", path(p.Old), p.old.heading))
		default:
			head = c(green, fmt.Sprintf("%s added  %s", path(p.New), p.new.heading))
		}
		fmt.Fprintf(bw, "\n%s\n", head)
		if len(p.Words) > 0 {
			bw.WriteString("  ")
			for _, op := range p.Words {
				switch op.Op {
				case "-":
					bw.WriteString(c(red, "[-"+op.Text+"-]"))
				case "+":
					bw.WriteString(c(green, "{+"+op.Text+"+}"))
				default:
					bw.WriteString(op.Text)
				}
			}
			bw.WriteString("\n")
		}
		for _, f := range changes[path(p.Old)+"|"+path(p.New)] {
			line := "  • " + describe(f)
			if f.Suspect != "" {
				line = c(yellow, line+"  [suspect: "+f.Suspect+"]")
			}
			fmt.Fprintln(bw, line)
		}
		if p.Old != nil {
			for _, m := range moves[*p.Old] {
				fmt.Fprintf(bw, "  ↪ sentence moved to %s: %s\n", m.ToNew, m.Text)
			}
		}
	}
	return bw.Flush()
}

func strPtr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// WriteHTML writes one self-contained, offline page: the fact changes in a
// table at the top, then the two versions side by side, aligned clause by
// clause, with removed and added words highlighted.
func WriteHTML(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	e := html.EscapeString
	o, n := sides(r)
	fmt.Fprintf(bw, `<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>zhengce diff: %s → %s</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em} table{border-collapse:collapse;width:100%%;margin-bottom:1.5em}
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left;font-size:.92em}
th{background:#f3f3f3} .path{font-family:monospace;white-space:nowrap;color:#555}
tr.removed td.old{background:#fde8e8} tr.added td.new{background:#e6f6e6} tr.equal td{color:#777}
del{background:#f8c6c6;text-decoration:line-through} ins{background:#c8efc8;text-decoration:none}
.suspect{background:#fff3c4} .status{font-size:.8em;color:#666;white-space:nowrap}
</style></head><body>
<h1>%s <span class="status">(%s)</span> → %s <span class="status">(%s)</span></h1>
`, e(o), e(n), e(o), e(r.Old.Status), e(n), e(r.New.Status))
	var parts []string
	for s, k := range r.Summary.Clauses {
		parts = append(parts, fmt.Sprintf("%d %s", k, s))
	}
	sort.Strings(parts)
	fmt.Fprintf(bw, "<p id=\"summary\">clauses: %s · fact changes: %d (%d suspect) · sentence moves: %d · metadata changes: %d</p>\n",
		e(strings.Join(parts, ", ")), r.Summary.FactChanges, r.Summary.Suspect, r.Summary.SentenceMoves, r.Summary.MetaChanges)
	if len(r.MetaChanges) > 0 {
		bw.WriteString("<table id=\"meta\"><tr><th>field</th><th>old</th><th>new</th></tr>\n")
		for _, m := range r.MetaChanges {
			fmt.Fprintf(bw, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(m.Field), e(val(strPtr(m.Old))), e(val(strPtr(m.New))))
		}
		bw.WriteString("</table>\n")
	}
	bw.WriteString("<table id=\"facts\"><tr><th>old</th><th>new</th><th>kind</th><th>change</th><th>old value</th><th>new value</th><th>note</th></tr>\n")
	for _, f := range r.FactChanges {
		cls := ""
		if f.Suspect != "" {
			cls = ` class="suspect" title="` + e(f.Suspect) + `"`
		}
		fmt.Fprintf(bw, "<tr%s><td class=\"path\">%s</td><td class=\"path\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			cls, e(path(f.Old)), e(path(f.New)), e(f.Kind), e(f.Change), e(val(f.OldValue)), e(val(f.NewValue)), e(f.Note))
	}
	bw.WriteString("</table>\n<table id=\"clauses\"><tr><th>old</th><th>new</th></tr>\n")
	for _, p := range r.Pairs {
		oldCell, newCell := "", ""
		if p.old != nil {
			oldCell = fmt.Sprintf("<span class=\"path\">%s</span> ", e(*p.Old))
		}
		if p.new != nil {
			newCell = fmt.Sprintf("<span class=\"path\">%s</span> ", e(*p.New))
		}
		switch {
		case len(p.Words) > 0:
			var ob, nb strings.Builder
			for _, op := range p.Words {
				switch op.Op {
				case "-":
					ob.WriteString("<del>" + e(op.Text) + "</del>")
				case "+":
					nb.WriteString("<ins>" + e(op.Text) + "</ins>")
				default:
					ob.WriteString(e(op.Text))
					nb.WriteString(e(op.Text))
				}
			}
			oldCell += ob.String()
			newCell += nb.String()
		default:
			if p.old != nil {
				oldCell += e(p.old.text)
			}
			if p.new != nil {
				newCell += e(p.new.text)
			}
		}
		fmt.Fprintf(bw, "<tr class=\"%s\" data-old=\"%s\" data-new=\"%s\"><td class=\"old\">%s</td><td class=\"new\">%s <span class=\"status\">%s</span></td></tr>\n",
			e(p.Status), e(path(p.Old)), e(path(p.New)), oldCell, newCell, e(p.Status))
	}
	bw.WriteString("</table>\n</body></html>\n")
	return bw.Flush()
}
