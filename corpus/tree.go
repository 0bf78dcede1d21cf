package corpus

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zhengce/zhengce/internal/cjk"
	"github.com/zhengce/zhengce/normalize"
)

func leadingMarker(s string) (normalize.Marker, bool) { return normalize.LeadingMarker(s) }

// closingRe matches the first line of a policy's closing text: the
// paragraph that states when it takes effect or who interprets it.
var closingRe = lazy(`^本(?:政策|方案|办法|意见|通知|细则|规定|措施|实施方案|行动方案|工作方案|计划|实施意见|若干政策|决定|规则|指引|条例|实施细则|政策措施)(?:[^。]{0,40})(?:施行|实施|执行|有效期|生效|解释|废止)`)

// isClosing reports whether a line starts the closing text of a policy.
func isClosing(s string) bool {
	switch {
	case strings.HasPrefix(s, "本") && closingRe.MatchString(s), isCloser(s), isOmitted(s):
		return true
	case strings.HasPrefix(s, "抄送"), strings.HasPrefix(s, "附件"), strings.HasPrefix(s, "附：") && runeLen(s) < 60:
		return true
	}
	return false
}

// buildTree reads the clause tree of d from its lines, starting at line
// from. Markers are recognised by family; a family's level is its depth when
// it first appears under the current clause, so documents that skip levels
// (一、 directly over 1.) still nest correctly. A marker whose number does not
// continue its family's sequence is kept and warned about when it jumps
// ahead, and read as text when it goes back.
func buildTree(d *Doc, lines []line, from int) {
	root := &Node{Path: "", Kind: RootNode, Span: d.Span}
	d.Root = root
	stack := []*Node{root}
	closeTo := func(depth, at int) {
		for len(stack) > depth {
			n := stack[len(stack)-1]
			n.Span.End = trimEnd(d.File.Norm, at)
			stack = stack[:len(stack)-1]
		}
	}
	closingStart := -1
	for i := from; i < len(lines); i++ {
		l := lines[i]
		if d.excluded(l.Span) {
			continue
		}
		if isClosing(l.text) {
			closingStart = l.Start
			break
		}
		m, ok := leadingMarker(l.text)
		if !ok || m.Family == normalize.BulletDot && isInfoLine(l.text) {
			continue
		}
		depth := -1 // index in stack of the sibling this marker continues
		for k := len(stack) - 1; k >= 1; k-- {
			if stack[k].Family == m.Family {
				depth = k
				break
			}
		}
		if depth > 0 {
			prev := stack[depth]
			switch {
			case m.Family == normalize.Bullet || m.Family == normalize.BulletDot || m.Value == prev.Number+1:
			case m.Value > prev.Number+1:
				d.warnf(l.Start, "clause numbering jumps from %d to %d", prev.Number, m.Value)
			default:
				continue // 1. after 3. under the same parent: text, not a clause
			}
			closeTo(depth, l.Start)
		} else if m.Value > 1 {
			continue // a new list must start at 1
		}
		parent := stack[len(stack)-1]
		n := &Node{
			Kind:   ClauseNode,
			Family: m.Family,
			Number: m.Value,
			Marker: Span{l.Start, l.Start + len(strings.TrimRight(l.text[:m.Len], " "))},
			Span:   Span{l.Start, l.End},
		}
		n.Heading = headingSpan(l, m.Len)
		if parent == root {
			n.Path = strconv.Itoa(len(parent.Children) + 1)
		} else {
			n.Path = parent.Path + "." + strconv.Itoa(len(parent.Children)+1)
		}
		parent.Children = append(parent.Children, n)
		stack = append(stack, n)
		if len(stack) > 64 {
			d.warnf(l.Start, "clauses nested deeper than 64 levels")
		}
	}
	end := d.Span.End
	if closingStart >= 0 {
		end = closingStart
	}
	closeTo(1, end)
	computeOwn(d, root, closingStart)
	if len(root.Children) == 0 {
		d.warnf(d.Span.Start, "no numbered clauses found; all text is in path \"\"")
	}
}

// headingSpan returns the heading of a clause line: the text after the
// marker up to the first 。 or the line end.
func headingSpan(l line, markerLen int) Span {
	s := l.text[markerLen:]
	if i := cjk.Index(s, "。"); i >= 0 {
		s = s[:i]
	}
	start := l.Start + markerLen
	return Span{start, start + len(s)}
}

func trimEnd(norm []byte, at int) int {
	for at > 0 && norm[at-1] == '\n' {
		at--
	}
	return at
}

// computeOwn sets each node's own text: its span up to its first child.
// The root owns the text before the first clause and the closing text,
// less the excluded metadata lines.
func computeOwn(d *Doc, root *Node, closingStart int) {
	root.Walk(func(n *Node) {
		if n == root {
			return
		}
		end := n.Span.End
		if len(n.Children) > 0 {
			end = trimEnd(d.File.Norm, n.Children[0].Span.Start)
		}
		n.Own = []Span{{n.Span.Start, end}}
	})
	var own []Span
	first := d.Span.End
	if len(root.Children) > 0 {
		first = root.Children[0].Span.Start
	} else if closingStart >= 0 {
		first = closingStart
	}
	own = append(own, Span{d.Span.Start, trimEnd(d.File.Norm, first)})
	if closingStart >= 0 {
		own = append(own, Span{closingStart, trimEnd(d.File.Norm, d.Span.End)})
	} else if len(root.Children) == 0 {
		own = []Span{{d.Span.Start, trimEnd(d.File.Norm, d.Span.End)}}
	}
	root.Own = subtract(own, d.Exclude)
}

// subtract removes the excluded spans from spans.
func subtract(spans, excl []Span) []Span {
	var out []Span
	for _, s := range spans {
		pieces := []Span{s}
		for _, e := range excl {
			var next []Span
			for _, p := range pieces {
				if !p.Overlaps(e) {
					next = append(next, p)
					continue
				}
				if p.Start < e.Start {
					next = append(next, Span{p.Start, e.Start})
				}
				if e.End < p.End {
					next = append(next, Span{e.End, p.End})
				}
			}
			pieces = next
		}
		for _, p := range pieces {
			if p.Len() > 0 {
				out = append(out, p)
			}
		}
	}
	return out
}

func (d *Doc) excluded(s Span) bool {
	for _, e := range d.Exclude {
		if e.Contains(s) {
			return true
		}
	}
	return false
}

func (d *Doc) warnf(off int, format string, args ...any) {
	d.Warnings = append(d.Warnings, Warning{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// Sentences splits s at 。；！？ outside brackets and quotes and returns the
// sentences' spans, each including its closing punctuation.
func Sentences(norm []byte, s Span) []Span {
	var out []Span
	depth := 0
	start := s.Start
	text := string(norm[s.Start:s.End])
	for i, r := range text {
		switch r {
		case '（', '(', '“', '《', '〈', '「', '【', '‘':
			depth++
		case '）', ')', '”', '》', '〉', '」', '】', '’':
			if depth > 0 {
				depth--
			}
		case '\n':
			if start < s.Start+i {
				out = append(out, Span{start, s.Start + i})
			}
			start = s.Start + i + 1
			depth = 0
		case '。', '；', '！', '？':
			if depth == 0 {
				end := s.Start + i + len(string(r))
				out = append(out, Span{start, end})
				start = end
			}
		}
	}
	if start < s.End {
		out = append(out, Span{start, s.End})
	}
	return out
}
