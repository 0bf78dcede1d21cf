package normalize

import (
	"hash/maphash"
	"slices"
	"strings"
	"unicode/utf8"
)

// JoinLines rejoins hard-wrapped lines and drops blank lines. A line break
// stays only at a structural boundary: either line is a table row (it holds
// a tab), the next line starts a clause marker
// (一、 （三） 3. ——) after a line that ends a sentence or a heading, the line
// before ends a sentence, or the line before is clearly shorter than the
// text's usual line width (the end of a paragraph, a title or a heading).
// Lines end up separated by exactly one line break.
func JoinLines(in []byte) ([]byte, Map) {
	var spans []lineSpan
	var lines []joinLine
	text := viewString(in) // read within this call only
	for start := 0; start <= len(in); {
		end := indexByteFrom(in, start, '\n')
		if end > start {
			spans = append(spans, lineSpan{start, end})
			w, f, _ := lineFeatures(text[start:end])
			lines = append(lines, joinLine{width: int32(w), feat: f, sum: lineSum(text[start:end])})
		}
		if end >= len(in) {
			break
		}
		start = end + 1
	}
	b := NewBuilder(in, len(in))
	applyJoin(b, spans, planJoin(lines, nil), len(in))
	return b.Finish()
}

// A joinLine is what joining decides by of one non-empty line.
type joinLine struct {
	width int32 // display width
	feat  lineFeat
	sum   uint64 // lineSum of its text: equal lines have equal sums
}

// lineSeed seeds lineSum, for comparisons within one process.
var lineSeed = maphash.MakeSeed()

// lineSum returns a hash of a line's text, by which wrapWidth counts a line
// repeated (a scraped page's title printed three times) once.
func lineSum(s string) uint64 { return maphash.String(lineSeed, s) }

// planJoin decides, for each line but the last, whether the line break
// after it stays, and appends the decisions to keep.
func planJoin(lines []joinLine, keep []bool) []bool {
	full := wrapWidth(lines)
	base := len(keep)
	dated := false // the run of lines being joined starts with a dated record
	for i := 0; i+1 < len(lines); i++ {
		a := lines[i].feat
		if i == 0 || keep[base+i-1] {
			dated = a&featDated != 0
		} else if dated {
			// the rest of a dated record that wrapped (…第二十次会 / 议…修正):
			// joined to it, the line ends the record
			a |= featDated
		}
		keep = append(keep, keepBreak(a, lines[i+1].feat, int(lines[i].width) >= full))
	}
	return keep
}

// applyJoin writes to b, from a text of inLen bytes whose non-empty lines
// are spans, the text with the breaks keep says go removed, and blank
// lines with them.
func applyJoin(b *Builder, spans []lineSpan, keep []bool, inLen int) {
	if len(spans) == 0 {
		b.Replace(inLen, "")
		return
	}
	b.Replace(spans[0].start, "") // leading blank lines
	for i := 0; i+1 < len(spans); i++ {
		a, nx := spans[i], spans[i+1]
		b.Copy(a.end)
		if keep[i] {
			if nx.start == a.end+1 {
				b.Copy(nx.start)
			} else {
				b.Copy(a.end + 1)
				b.Replace(nx.start, "")
			}
		} else {
			b.Replace(nx.start, "")
		}
	}
	last := spans[len(spans)-1]
	b.Copy(last.end)
	b.Replace(inLen, "")
}

// wrapWidth returns the display width from which a line counts as filled
// to the margin of a hard-wrapped text, or a width no line reaches when the
// text is not hard-wrapped. A text is hard-wrapped when at least three
// lines, and a quarter of its lines of 16 columns or more, end inside a
// sentence at nearly the same width (within 4 columns): the wrap margin.
// Table rows and lines that start with a clause marker (a run of short
// headings of one width) are not counted, and a line repeated counts once:
// wrapped lines differ, while a page may print its title three times. The
// margin is the widest a wrapped line gets, so a cluster of lines with
// more than a third as many lines running on past it is none.
// Joined paragraphs do not cluster so, which keeps JoinLines idempotent.
func wrapWidth(lines []joinLine) int {
	type midLine struct {
		width int
		sum   uint64
	}
	var mid []midLine
	long := 0
	for _, l := range lines {
		if l.width < 16 || l.feat&(featTable|featMarker) != 0 {
			continue // short lines, table rows and headings say nothing of a wrap margin
		}
		long++
		if countsToMargin(l.width, l.feat) {
			mid = append(mid, midLine{int(l.width), l.sum})
		}
	}
	slices.SortFunc(mid, func(a, b midLine) int {
		if a.width != b.width {
			return a.width - b.width
		}
		return cmpUint64(a.sum, b.sum)
	})
	mid = slices.Compact(mid) // equal lines have equal widths and sums
	best, at := 0, 0
	for i, j := 0, 0; j < len(mid); j++ {
		for mid[j].width-mid[i].width > 4 {
			i++
		}
		if j-i+1 >= best {
			best, at = j-i+1, mid[j].width
		}
	}
	// the margin is the widest a wrapped line gets: lines that run on
	// past it in numbers are no wrap's (labelled page lines such as
	// 颁布日期：2001-6-3 of one width among longer ones)
	above := 0
	for _, l := range mid {
		if l.width > at+4 {
			above++
		}
	}
	if best < 3 || best*4 < long || above*3 > best {
		return 1 << 30
	}
	return at * 4 / 5
}

// countsToMargin reports whether a line of width and features w, f is one
// wrapWidth clusters: long, no table row nor heading, ending inside a
// sentence.
func countsToMargin(w int32, f lineFeat) bool {
	return w >= 16 && f&(featTable|featMarker|featWrapEnd) == 0
}

func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// lineFeat holds what joining decides by of a line's text: bits for the
// characters at its ends, its punctuation and its clause marker.
type lineFeat uint32

// Bits of lineFeat.
const (
	featNoStart      lineFeat = 1 << iota // starts with punctuation no line of running text starts with
	featOpenParen                         // starts with （ or (
	featCloseParen                        // ends with ） or )
	featEndsSentence                      // ends with 。！？；;?!
	featContinues                         // ends with ，、（“《〈—-+,(
	featHeadEnd                           // ends with ）)”：:
	featWrapEnd                           // ends with 。！？；：）)”;:?! (not inside a sentence)
	featPunct                             // holds 。，；,;
	featMarker                            // starts with a clause marker
	featMarkerOpen                        // the marker verdict may change when text follows
	featMarks                             // holds ASCII marks Punctuation may widen
	featTable                             // holds a tab: a table row, a line of its own
	featLeader                            // holds a leader run (……, !!!): joined, it could read as a contents line
	featLeadStart                         // starts with a character leaders are made of
	featLeadEnd                           // ends with one
	featHyphens                           // ends with -- (Width makes a dash —— of two before Chinese text): joined, the line would read otherwise
	featRule                              // only leader characters or hyphens (—, ……, ·, ---): a rule or separator, a line of its own
	featDated                             // starts with a full date then a body or event (1998年6月30日洛阳市…会议通过): a record of its own
	featArticle                           // starts with an article, chapter, section or part (第一条为了…, 第一章总则), not with a reference to one (第十条规定的…)
	featDateLead                          // ends with a word a date follows in a sentence (经, 于, 自, 根据 …)
	featHyphenEnd                         // ends with -
	featHyphenStart                       // starts with -
	featNoticeEnd                         // ends as a notice's title does (…的通知, …的实施意见)

	startFeats = featNoStart | featOpenParen | featLeadStart | featDated | featArticle | featHyphenStart
	endFeats   = featCloseParen | featEndsSentence | featContinues | featHeadEnd | featWrapEnd | featLeadEnd | featHyphens | featDateLead | featHyphenEnd | featNoticeEnd
)

// noticeEnds are the endings of a notice's title: a line without
// punctuation that ends so is the last of a title, which the document
// number or the addressees follow on a line of their own.
var noticeEnds = []string{"的通知", "的意见", "的决定", "的批复", "的公告", "的通告", "的函", "的报告", "的通报"}

// lineFeatures returns the display width of a line, its features and how
// many ASCII marks Punctuation may widen (, : ; ( ) ? !) it holds.
func lineFeatures(s string) (width int, f lineFeat, marks int) {
	width, marks, punct := measureLine(s)
	return width, featuresOf(s, punct, marks > 0, mayHoldLeader(s)), marks
}

// featuresOf returns the features of line s, given whether it holds
// 。，；,; (punct) and ASCII marks Punctuation may widen, and whether it
// may hold a leader (mayHoldLeader, which scanLine has answered).
func featuresOf(s string, punct, marks, mayLeader bool) lineFeat {
	var f lineFeat
	if punct {
		f |= featPunct
	}
	if strings.IndexByte(s, '\t') >= 0 {
		f |= featTable
	}
	if mayLeader && holdsLeader(s) {
		f |= featLeader
	}
	if first, _ := utf8.DecodeRuneInString(s); isLeaderRune(first) {
		f |= featLeadStart
	}
	if last, _ := utf8.DecodeLastRuneInString(s); isLeaderRune(last) {
		f |= featLeadEnd
	}
	if marks {
		f |= featMarks
	}
	if strings.HasSuffix(s, "--") {
		f |= featHyphens
	}
	if strings.HasSuffix(s, "-") {
		f |= featHyphenEnd
	}
	if strings.HasPrefix(s, "-") {
		f |= featHyphenStart
	}
	if datedRecord(s) {
		f |= featDated
	}
	if !punct && hasSuffixAny(s, noticeEnds) {
		f |= featNoticeEnd
	}
	if f&featLeadStart != 0 || strings.HasPrefix(s, " ") || strings.HasPrefix(s, "-") {
		if strings.TrimFunc(s, func(r rune) bool { return isLeaderRune(r) || r == ' ' || r == '-' }) == "" {
			f |= featRule
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	switch first {
	case '，', '。', '、', '；', '：', '）', '？', '！', '”', '〉', '》', '%', ',', ';', ':', ')', '?', '!':
		f |= featNoStart
	case '（', '(':
		f |= featOpenParen
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case '）', ')':
		f |= featCloseParen | featHeadEnd | featWrapEnd
	case '。', '！', '？', '；', ';', '?', '!':
		f |= featEndsSentence | featWrapEnd
	case '”', '：', ':':
		f |= featHeadEnd | featWrapEnd
	case '，', '、', '（', '“', '《', '〈', '—', '-', '+', ',', '(':
		f |= featContinues
	}
	if leadsToDate(last, s) {
		f |= featDateLead
	}
	m, ok := LeadingMarker(s)
	if ok {
		f |= featMarker
	}
	if markerMayExtend(s) {
		f |= featMarkerOpen
	}
	if ok && (m.Family == Item || m.Family == Article || m.Family == Section || m.Family == Part) && utf8.RuneCountInString(s[m.Len:]) >= 2 && !refersOn(s[m.Len:]) {
		f |= featArticle
	}
	return f
}

// leadsToDate reports whether s, whose last character is last, ends with
// a word a date follows inside a sentence (本条例经 / 2010年9月29日…批准, 于,
// 自, 根据, 截至): a line ending with one runs on into a dated line, which
// otherwise is a record of its own (a regulation's title then its history).
func leadsToDate(last rune, s string) bool {
	switch last {
	case '经', '于', '在', '自', '从', '由', '的', '为', '是', '和', '及', '与', '或', '并', '至', '到', '即', '将', '已', '对', '同':
		return true
	case '据':
		return strings.HasSuffix(s, "根据") || strings.HasSuffix(s, "依据")
	case '照':
		return strings.HasSuffix(s, "按照")
	case '止':
		return strings.HasSuffix(s, "截止")
	}
	return false
}

// referenceWords follow an article's number where a sentence refers to it
// (依照本法第十条规定, 第十条的, 第十条第二款, 第十条、第十一条, 第十条至第十五条),
// where an article's own text never starts.
var referenceWords = []string{"规定", "的", "第", "、", "，", "和", "与", "及", "或", "至", "到", "之", "项", "款", "执行", "处罚", "处理", "办理"}

// refersOn reports whether the text after an article's number continues a
// reference to the article.
func refersOn(rest string) bool {
	for _, w := range referenceWords {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// datedRecord reports whether s starts with a full date (2010年9月29日)
// followed by what a record of an event names first, not by words that
// make the date part of a sentence (起, 前, 至 …), or is a full date alone.
func datedRecord(s string) bool {
	digits := func(i, min, max int) int {
		j := i
		for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i < min {
			return -1
		}
		return j
	}
	i := digits(0, 4, 4)
	for _, unit := range []string{"年", "月", "日"} {
		if i < 0 || !strings.HasPrefix(s[i:], unit) {
			return false
		}
		i += len(unit)
		if unit != "日" {
			i = digits(i, 1, 2)
		}
	}
	rest := strings.TrimLeft(s[i:], " \u3000")
	if rest == "" {
		return true // a date alone: a signature's
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if r < 0x4E00 || r > 0x9FFF {
		return false
	}
	return !strings.ContainsRune("起前后至止到以开在由经的为，。", r)
}

// isLeaderRune reports whether leaders are made of r.
func isLeaderRune(r rune) bool {
	switch r {
	case '!', '！', '.', '．', '…', '·', '_', '－', '—':
		return true
	}
	return false
}

// keepBreak decides whether the line break between lines with features a
// and next stays; aFull says that a reaches the wrap margin.
func keepBreak(a, next lineFeat, aFull bool) bool {
	switch {
	case a&(featTable|featLeader) != 0 || next&(featTable|featLeader) != 0, a&featLeadEnd != 0 && next&featLeadStart != 0:
		return true // a table row stays a line of its own, as does a leader run, and none is made by joining
	case a&featRule != 0 || next&featRule != 0:
		return true // a rule joined to text could read as a page number between dashes (—0—), or leaders
	case a&featHyphens != 0:
		return true // Width has read -- at the line's end as hyphens; joined, the next pass would read a dash
	case a&featHyphenEnd != 0 && next&featHyphenStart != 0:
		return true // joined, the two hyphens would make a -- that the next pass reads as a dash
	case a&featDated != 0 && next&(featDated|featMarker) != 0:
		return true // dated records (a regulation's history) are lines of their own, as is the clause after them
	case next&featDated != 0 && a&(featContinues|featDateLead) == 0:
		return true // a record after a title or another record
	case next&featNoStart != 0:
		return false // no line starts with these in running text
	case a&featCloseParen != 0 && next&featOpenParen != 0:
		return true // a bracketed line of its own: (2020年9月16日印发), (附表略)
	case a&featEndsSentence != 0:
		return true
	case a&featNoticeEnd != 0:
		return true // a notice's title ends: the document number or the addressees follow
	}
	continues := a&featContinues != 0
	if next&featMarker != 0 {
		heading := a&featMarker != 0 && a&featPunct == 0
		// a full line runs on into a reference (…依照本法 / 第十条规定), not
		// into an article of its own
		return !continues && (!aFull || a&featHeadEnd != 0 || heading || next&featArticle != 0)
	}
	return !aFull && !continues
}

// markerMayExtend reports whether LeadingMarker's verdict on s might
// change if more text followed s. A clause marker is made of the
// characters markerRune accepts; LeadingMarker reads at most a few bytes
// past the longest prefix of s made of them, so the verdict is final when
// s goes on well beyond that prefix.
func markerMayExtend(s string) bool {
	p := 0
	for p < len(s) {
		r, n := utf8.DecodeRuneInString(s[p:])
		if !markerRune(r) {
			break
		}
		p += n
	}
	return len(s) < p+8
}

// markerRune reports whether r can be part of a clause marker or of the
// spaces after one.
func markerRune(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= '①' && r <= '⑳':
		return true
	}
	switch r {
	case ' ', '.', '(', ')', '%', '、', '（', '）', '．', '—', '•', '第', '章', '节', '条', '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}

// displayWidth counts CJK and full-width characters as two columns and
// other characters as one, except the ASCII punctuation that Punctuation
// may widen, which counts as two so that widths do not change across runs.
func displayWidth(s []byte) int {
	w, _, _ := measureLine(viewString(s))
	return w
}

// measureLine returns the display width of s (see displayWidth), how many
// ASCII marks Punctuation may widen (, : ; ( ) ? !) it holds, and whether
// it holds 。，；, or ;.
func measureLine(s string) (w, marks int, punct bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			w++
			switch c {
			case ',', ';':
				w++ // counted as its full-width form, which Punctuation may make it
				marks++
				punct = true
			case ':', '(', ')', '?', '!':
				w++
				marks++
			}
			i++
			continue
		}
		if n := len(s) - i; n >= 3 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			(c == 0xE3 && s[i+1] == 0x80 || c == 0xEF && (s[i+1] == 0xBC || s[i+1] == 0xBD || s[i+1] == 0xBE && s[i+2] <= 0xBF)) {
			w += 2 // U+3000..U+303F CJK punctuation, U+FF00..U+FFBF full-width forms
			if c == 0xE3 && s[i+2] == 0x82 || c == 0xEF && s[i+1] == 0xBC && (s[i+2] == 0x8C || s[i+2] == 0x9B) {
				punct = true // 。 ， ；
			}
			i += 3
			continue
		}
		if n := len(s) - i; n >= 3 && (c == 0xE4 && s[i+1] >= 0xB8 || c >= 0xE5 && c <= 0xE9) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			w += 2 // U+4E00..U+9FFF, CJK unified ideographs
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if IsCJK(r) {
			w += 2
		} else {
			w++
		}
		i += n
	}
	return w, marks, punct
}

// hasSuffixAny reports whether s ends with one of words.
func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
