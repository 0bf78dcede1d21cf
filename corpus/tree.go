package corpus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
// (一、 directly over 1.) still nest correctly. A new list starts at 1, or
// continues the numbering of its family from the previous branch (items
// numbered straight through chapters: 第五条 in 第一章, 第六条 in 第二章).
// A marker whose number does not continue its family's sequence is kept and
// warned about when it jumps ahead, and read as text when it goes back.
// Items under an article are one paragraph each: a paragraph after them
// belongs to the article. The closing text (施行 and 解释 lines, signature,
// 抄送, the attachment list) is outside numbered clauses; an attachment
// printed after it is a part of its own (path A<n>), unless the document is
// a wrapper with no numbered items of its own, whose first attachment is
// the policy it carries.
func buildTree(d *Doc, lines []line, from int) {
	t := newTreeBuilder(d)
	from = skipContents(d, lines, from)
	for i := from; i < len(lines); i++ {
		l := lines[i]
		if d.excluded(l.Span) {
			continue
		}
		if isDownloadLink(l.text) || strings.HasPrefix(l.text, "相关附件") {
			d.exclude(l.Span) // a page's download link: chrome, not text
			continue
		}
		if n, ok := attachmentHeading(l.text, t.closed || t.attachment != nil || i > 0 && endsMainText(lines[i-1].text)); ok {
			t.startAttachment(l, n, attachmentTitle(lines, i))
			continue
		}
		if t.closed {
			continue
		}
		if isClosing(l.text) && !t.continuesAfter(lines, i) && !t.inClosingHeading() {
			t.close(l.Start)
			if strings.HasPrefix(l.text, "附件") {
				// the list of attachments is metadata (their titles hold no facts)
				d.exclude(l.Span)
				for j := i + 1; j < len(lines) && isAttachmentListLine(lines[j].text); j++ {
					d.exclude(lines[j].Span)
				}
			}
			continue
		}
		if at, ok := signatureStart(d, lines, i); ok && !t.continuesAfter(lines, i) {
			t.close(at) // a signature and date end the main text
			continue
		}
		m, ok := leadingMarker(l.text)
		if !ok {
			m, ok = outlineHead(lines, i)
		}
		if !ok || m.Family == normalize.BulletDot && isInfoLine(l.text) {
			t.text(l)
			continue
		}
		t.marker(lines, i, m)
	}
	t.finish()
}

// skipContents sets aside a table of contents that starts at line from:
// three or more marker lines in a row (第一章 总则, 第二章 …, possibly with
// page numbers) whose first heading is printed again further on, where
// the text it lists begins. It returns the line after the contents.
func skipContents(d *Doc, lines []line, from int) int {
	if from >= len(lines) {
		return from
	}
	first := contentsKey(lines[from].text)
	end := from
	for end < len(lines) {
		t := lines[end].text
		if _, ok := leadingMarker(t); !ok || strings.ContainsAny(t, "。；") || runeLen(t) > 40 || end > from && contentsKey(t) == first {
			break
		}
		end++
	}
	if end-from < 3 {
		return from
	}
	for _, l := range lines[end:] {
		if contentsKey(l.text) == first {
			for _, c := range lines[from:end] {
				d.exclude(c.Span)
			}
			return end
		}
	}
	return from
}

// contentsKey is a heading as a table of contents prints it, without its
// page number and leader.
func contentsKey(s string) string {
	return strings.TrimRight(s, "0123456789 .…·")
}

// A treeBuilder reads the clause tree of one policy, line by line.
type treeBuilder struct {
	d          *Doc
	root       *Node
	stack      []*Node // the open nodes, the root (or the open attachment) first
	last       map[normalize.Family]int
	closed     bool  // the closing text has begun: markers are text until an attachment
	closing    int   // where the main text's closing text starts, -1 for none
	attachment *Node // the open attachment, nil in the main text
	parts      int   // attachments read
	lastPart   int   // the number of the last attachment
}

func newTreeBuilder(d *Doc) *treeBuilder {
	root := &Node{Path: "", Kind: RootNode, Span: d.Span}
	d.Root = root
	return &treeBuilder{d: d, root: root, stack: []*Node{root}, last: map[normalize.Family]int{}, closing: -1}
}

// closeTo closes the open nodes deeper than depth at offset at.
func (t *treeBuilder) closeTo(depth, at int) {
	for len(t.stack) > depth {
		n := t.stack[len(t.stack)-1]
		n.Span.End = max(n.Span.Start, trimEnd(t.d.File.Norm, at))
		t.stack = t.stack[:len(t.stack)-1]
	}
}

// close starts the closing text at offset at.
func (t *treeBuilder) close(at int) {
	t.closeTo(1, at)
	t.closed = true
	if t.attachment == nil && t.closing < 0 {
		t.closing = at
	}
}

// closingHeadings are the headings of a numbered item that holds a
// policy's closing provisions (二、附则 / 本办法自…施行): the closing text
// under them is the item's.
var closingHeadings = []string{"附则", "其他", "其它", "其他事项", "实施时间", "施行时间", "执行时间", "实施日期", "施行日期", "有效期", "实施期限", "执行期限", "附件说明"}

// inClosingHeading reports whether the innermost open clause is an item
// headed only by a closing heading (二、附则).
func (t *treeBuilder) inClosingHeading() bool {
	n := t.stack[len(t.stack)-1]
	if n.Kind != ClauseNode {
		return false
	}
	h := strings.Trim(strings.ReplaceAll(t.d.Text(n.Heading), " ", ""), "：:。")
	for _, w := range closingHeadings {
		if h == w {
			return true
		}
	}
	return false
}

// continuesAfter reports whether a line after line i, before the next
// attachment, continues the numbering of an open clause: then line i, a
// 本办法自…施行 or 本规定施行前… sentence inside an article, does not start
// the closing text.
func (t *treeBuilder) continuesAfter(lines []line, i int) bool {
	for _, l := range lines[i+1:] {
		if _, ok := attachmentHeading(l.text, false); ok {
			return false
		}
		m, ok := leadingMarker(l.text)
		if !ok || m.Family == normalize.Bullet || m.Family == normalize.BulletDot {
			continue
		}
		for _, n := range t.stack[1:] {
			if n.Family == m.Family && m.Value == n.Number+1 {
				return true
			}
		}
	}
	return false
}

// text reads a line without a marker: it ends the one-paragraph items of
// an article.
func (t *treeBuilder) text(l line) {
	top := len(t.stack) - 1
	for top > 0 && t.stack[top].Family != normalize.Item && t.underArticle(top) {
		top--
	}
	if top < len(t.stack)-1 {
		t.closeTo(top+1, l.Start)
	}
}

// underArticle reports whether the open node at depth k is an item of an
// article (第X条), directly or through other items.
func (t *treeBuilder) underArticle(k int) bool {
	for j := k - 1; j >= 1; j-- {
		switch t.stack[j].Family {
		case normalize.Item:
			return true
		case normalize.Part, normalize.Article, normalize.Section, normalize.HanComma:
			return false
		}
	}
	return false
}

// marker reads a line that starts with marker m.
func (t *treeBuilder) marker(lines []line, i int, m normalize.Marker) {
	l := lines[i]
	d := t.d
	depth := -1 // index in stack of the sibling this marker continues
	for k := len(t.stack) - 1; k >= 1; k-- {
		if t.stack[k].Family == m.Family {
			depth = k
			break
		}
	}
	bullet := m.Family == normalize.Bullet || m.Family == normalize.BulletDot
	if depth > 0 {
		prev := t.stack[depth]
		switch {
		case bullet || m.Value == prev.Number+1:
		case m.Sub > 0 && m.Value == prev.Number:
			// an article inserted after the one it is numbered by (第二条之一)
		case m.Value > prev.Number+1:
			d.warnf(l.Start, "clause numbering jumps from %d to %d", prev.Number, m.Value)
		case m.Value == 1 && prev.Number > 1:
			// the list restarts where a heading that would be its parent
			// is missing (a scraped page drops them): the next item
			d.warnf(l.Start, "clause numbering restarts at 1 after %d; a heading line may be missing", prev.Number)
		default:
			return // 2. after 3. under the same parent: text, not a clause
		}
		t.closeTo(depth, l.Start)
	} else if !bullet && m.Value != 1 && !(t.last[m.Family] > 0 && m.Value == t.last[m.Family]+1) {
		// a new list starts at 1 or continues its family's numbering; one
		// that starts later (二、 after an unnumbered first heading) is a
		// list only when the next marker of its family continues it
		if !nextContinues(lines[i+1:], m) {
			return
		}
		d.warnf(l.Start, "clause numbering starts at %d", m.Value)
	}
	parent := t.stack[len(t.stack)-1]
	n := &Node{
		Kind:    ClauseNode,
		Family:  m.Family,
		Number:  m.Value,
		Marker:  Span{l.Start, l.Start + len(strings.TrimRight(l.text[:m.Len], " "))},
		Span:    Span{l.Start, l.End},
		Heading: headingSpan(l, m.Len),
	}
	t.push(parent, n)
	t.last[m.Family] = m.Value
	if len(t.stack) > 64 {
		d.warnf(l.Start, "clauses nested deeper than 64 levels")
	}
}

// outlineHead reads the head of a decimal outline, a line such as 2 要求
// (a number and a short heading; normalization drops the space between
// them) whose next marker line is an
// outline number under it (2.1 …), as a marker of the 1. family.
func outlineHead(lines []line, i int) (normalize.Marker, bool) {
	s := lines[i].text
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n >= len(s) || runeLen(s) > 30 || strings.ContainsAny(s, "。；，") {
		return normalize.Marker{}, false
	}
	k := n
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if r, _ := utf8.DecodeRuneInString(s[k:]); !isHan(r) {
		return normalize.Marker{}, false
	}
	for _, l := range lines[i+1:] {
		m, ok := leadingMarker(l.text)
		if !ok {
			continue
		}
		if m.Family == normalize.Outline2 && strings.HasPrefix(l.text, s[:n]+".") {
			return normalize.Marker{Family: normalize.DigitDot, Value: atoiASCII(s[:n]), Len: k}, true
		}
		break
	}
	return normalize.Marker{}, false
}

// atoiASCII reads a short run of ASCII digits.
func atoiASCII(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// nextContinues reports whether the first of lines that starts with a
// marker of m's family continues m's numbering.
func nextContinues(lines []line, m normalize.Marker) bool {
	for _, l := range lines {
		if n, ok := leadingMarker(l.text); ok && n.Family == m.Family {
			return n.Value == m.Value+1
		}
	}
	return false
}

// push adds n as the last child of parent and opens it.
func (t *treeBuilder) push(parent, n *Node) {
	idx := strconv.Itoa(len(parent.Children) + 1)
	if parent.Path == "" {
		n.Path = idx
	} else {
		n.Path = parent.Path + "." + idx
	}
	parent.Children = append(parent.Children, n)
	t.stack = append(t.stack, n)
}

// startAttachment opens the attachment whose heading (附件2) is line l and
// whose printed number is num (0 when it has none).
func (t *treeBuilder) startAttachment(l line, num int, title Span) {
	if !t.closed {
		t.close(l.Start)
	}
	t.closeTo(1, l.Start)
	if t.attachment != nil && t.attachment != t.root {
		t.attachment.Span.End = trimEnd(t.d.File.Norm, l.Start)
	}
	t.closed = false
	t.last = map[normalize.Family]int{}
	t.parts++
	if t.parts == 1 && len(t.root.Children) == 0 && t.d.wrapper {
		// the policy a wrapper carries: its clauses are the document's,
		// and its attachments are the document's A1, A2 …
		t.attachment = t.root
		t.stack = []*Node{t.root}
		return
	}
	if num == 0 || num <= t.lastPart {
		num = t.lastPart + 1 // unnumbered, or a number printed twice: the next one
	}
	t.lastPart = num
	a := &Node{Path: "A" + strconv.Itoa(num), Kind: AttachmentNode, Number: num,
		Marker: Span{l.Start, l.End}, Heading: title, Span: Span{l.Start, t.d.Span.End}}
	if title.Len() > 0 && title.Start >= l.End {
		t.d.exclude(title) // an attachment's title is its metadata, as a policy's is
	}
	t.root.Children = append(t.root.Children, a)
	t.attachment = a
	t.stack = []*Node{t.root, a}
}

// finish closes every open node and computes each node's own text.
func (t *treeBuilder) finish() {
	d := t.d
	t.closeTo(1, d.Span.End)
	if t.attachment != nil && t.attachment != t.root {
		t.attachment.Span.End = max(t.attachment.Span.Start, trimEnd(d.File.Norm, d.Span.End))
	}
	computeOwn(d, t.root)
	if len(t.root.Children) == 0 {
		d.warnf(d.Span.Start, "no numbered clauses found; all text is in path \"\"")
	}
}

// attachmentHeading reports whether a line starts an attachment printed
// after the main text, and returns its printed number (0 for none): a line
// of its own, 附件 / 附件2 / 附件二： / 附录1; or, after the main text has
// ended (afterMain), 附件2：title or 附件2 title. An attachment list entry
// (附件：title, 附件：1.…, a file name ending .doc) is not one.
func attachmentHeading(s string, afterMain bool) (int, bool) {
	if !strings.HasPrefix(s, "附") {
		return 0, false
	}
	s = strings.ReplaceAll(s, " ", "")
	rest, ok := strings.CutPrefix(s, "附件")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "附录"); !ok {
			return 0, false
		}
	}
	num, n := normalize.HanNumber(rest)
	if n == 0 {
		for n < len(rest) && n < 3 && rest[n] >= '0' && rest[n] <= '9' {
			num = num*10 + int(rest[n]-'0')
			n++
		}
	}
	rest = rest[n:]
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "："), ":")
	if rest == "" {
		return num, true
	}
	if !afterMain || n == 0 || isDownloadLink(rest) || runeLen(rest) > 60 || endsSentence(rest) || strings.Contains(rest, "。") {
		return 0, false // 附件：title without a number lists an attachment
	}
	if _, ok := leadingMarker(rest); ok || rest[0] >= '0' && rest[0] <= '9' {
		return 0, false // 附件：1.…, a list
	}
	return num, true
}

// attachmentTitle returns the title of the attachment whose heading is
// line i: the text after 附件2： on that line, or the next line when it
// looks like a title.
func attachmentTitle(lines []line, i int) Span {
	l := lines[i]
	if k := strings.IndexAny(l.text, "：:"); k >= 0 {
		_, size := utf8.DecodeRuneInString(l.text[k:])
		if k+size < len(l.text) {
			return Span{l.Start + k + size, l.End}
		}
	}
	if i+1 < len(lines) {
		if end, ok := titleBlock(lines, i+1); ok {
			return Span{lines[i+1].Start, lines[end-1].End}
		}
		if looksLikeTitleLine(lines[i+1].text) {
			return lines[i+1].Span
		}
	}
	return Span{l.End, l.End}
}

// downloadExts are the endings of attachment file names that a page lists
// as downloads, not as printed text.
var downloadExts = []string{".doc", ".docx", ".xls", ".xlsx", ".pdf", ".wps", ".et", ".zip", ".rar", ".ofd", ".txt", ".jpg", ".png"}

// isDownloadLink reports whether s names a file to download.
func isDownloadLink(s string) bool {
	s = strings.TrimRight(s, " ")
	tail := s[max(0, len(s)-5):] // the longest extension, dot included
	i := strings.LastIndexByte(tail, '.')
	if i < 0 {
		return false
	}
	ext := strings.ToLower(tail[i:])
	for _, e := range downloadExts {
		if ext == e {
			return true
		}
	}
	return false
}

// endsMainText reports whether a line is one that ends a document's main
// text: its date, its 印发 line, or a （此件公开发布） note.
func endsMainText(s string) bool {
	return isDateLine(s) || matchPrinted(s) != nil || strings.HasPrefix(s, "（此件") && strings.HasSuffix(s, "）")
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

// computeOwn sets each node's own text: its span less its children's
// spans, less the excluded metadata lines. The root's span is the policy's.
func computeOwn(d *Doc, root *Node) {
	excl := slices.Clone(d.Exclude)
	slices.SortFunc(excl, func(a, b Span) int { return a.Start - b.Start })
	var kids, near []Span
	root.Walk(func(n *Node) {
		own := []Span{n.Span}
		kids = kids[:0]
		for _, c := range n.Children {
			kids = append(kids, c.Span)
		}
		// the excluded spans that overlap the node (they are sorted by start)
		near = near[:0]
		for _, e := range excl {
			if e.Start >= n.Span.End {
				break
			}
			if e.Overlaps(n.Span) {
				near = append(near, e)
			}
		}
		if len(kids) > 0 {
			own = subtract(own, kids)
		}
		if len(near) > 0 {
			own = subtract(own, near)
		}
		for i := range own {
			own[i].End = max(own[i].Start, trimEnd(d.File.Norm, own[i].End))
		}
		n.Own = own[:0]
		for _, s := range own {
			if s.Len() > 0 || n != root && len(n.Own) == 0 {
				n.Own = append(n.Own, s)
			}
		}
	})
}

// subtract removes the excluded spans from spans, in one sweep over the
// excluded spans sorted by start (a node with thousands of children costs
// as many steps, not their square).
func subtract(spans, excl []Span) []Span {
	byStart := func(a, b Span) int { return a.Start - b.Start }
	if !slices.IsSortedFunc(excl, byStart) {
		excl = slices.Clone(excl)
		slices.SortFunc(excl, byStart)
	}
	var out []Span
	for _, s := range spans {
		cur := s.Start
		for _, e := range excl {
			if e.Start >= s.End || cur >= s.End {
				break
			}
			if e.End <= cur || !s.Overlaps(e) {
				continue
			}
			if e.Start > cur {
				out = append(out, Span{cur, e.Start})
			}
			cur = max(cur, e.End)
		}
		if cur < s.End {
			out = append(out, Span{cur, s.End})
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
