package corpus

import (
	"strings"
	"unicode/utf8"

	"github.com/zhengce/zhengce/internal/cjk"
	"github.com/zhengce/zhengce/internal/datenum"
	"github.com/zhengce/zhengce/normalize"
)

// closerRe matches the line that closes a policy in a compilation:
// （2022年4月28日印发）.
var closerRe = lazy(`^[（(]\s*` + datenum.Date + `\s*(?:印发|发布|公布)[）)]$`)

// isCloser matches closerRe, trying the expression only on lines that
// start and end as its matches do (many lines open with a bracket: （一）).
func isCloser(s string) bool { return bracketed(s) && closerRe.MatchString(s) }

// isOmitted matches omittedRe likewise.
func isOmitted(s string) bool { return bracketed(s) && omittedRe.MatchString(s) }

// isYearRange matches yearRangeRe likewise.
func isYearRange(s string) bool { return bracketed(s) && yearRangeRe.MatchString(s) }

// omittedRe matches notes that attachments were left out: （附表略） （附件3、4略）.
var omittedRe = lazy(`^[（(]附.{0,12}略[）)]$`)

// A part is one policy found in a file.
type part struct {
	Span
	lines     []line // its lines, a part of the file's
	truncated bool
}

// splitPolicies finds the policies of a file. A file is a compilation when
// it holds at least two policies' document numbers on lines of their own or
// at least two closing 印发 lines; then each policy starts at a title
// (one or two lines ending like a title, optionally followed by a
// bracketed year range or draft mark) that is followed by its document
// number or that follows the previous policy's closing line. Text before
// the first policy (cover, contents) belongs to none. Otherwise the whole
// file is one policy.
func splitPolicies(norm []byte) []part {
	all := Span{0, len(norm)}
	lines := splitLines(norm, all)
	whole := []part{{Span: all, lines: lines}}
	nums := map[string]bool{}
	closers := 0
	for _, l := range lines {
		if isDocNumberLine(l.text) {
			n, _, _, _ := CanonicalDocNumber(l.text)
			nums[n] = true
		}
		if isCloser(l.text) {
			closers++
		}
	}
	if len(nums) < 2 && closers < 2 {
		if starts := regulationStarts(lines); starts != nil {
			return partsFrom(norm, lines, starts, false)
		}
		return whole
	}
	var starts []int // line indexes
	afterCloser := true
	for i := 0; i < len(lines); i++ {
		t := lines[i].text
		if isCloser(t) || isOmitted(t) {
			afterCloser = true
			continue
		}
		end, ok := titleBlock(lines, i)
		if !ok {
			if len(starts) > 0 && !strings.HasPrefix(t, "附件") && !isAttachmentListLine(t) {
				afterCloser = false // inside a policy's text
			}
			continue
		}
		next := ""
		if end < len(lines) {
			next = lines[end].text
		}
		if isDocNumberLine(next) || afterCloser && isOpening(next) {
			starts = append(starts, i)
			afterCloser = false
			i = end - 1
		}
	}
	if len(starts) == 0 {
		return whole
	}
	return partsFrom(norm, lines, starts, closers > 0)
}

// partsFrom cuts the policies that start at the lines starts (ascending)
// out of a file's lines; the last is truncated when the file's policies
// end with closers and it has none.
func partsFrom(norm []byte, lines []line, starts []int, closers bool) []part {
	var parts []part
	for k, s := range starts {
		p := part{Span: Span{lines[s].Start, len(norm)}, lines: lines[s:]}
		if k+1 < len(starts) {
			p.End = lines[starts[k+1]].Start
			p.lines = lines[s:starts[k+1]]
		}
		parts = append(parts, p)
	}
	last := &parts[len(parts)-1]
	hasCloser := false
	for _, l := range last.lines {
		hasCloser = hasCloser || isCloser(l.text)
	}
	if closers && !hasCloser {
		last.truncated = true
	}
	return parts
}

// regulationStarts returns where the regulations of a compilation of
// regulations (法规汇编) start, or nil when a file holds fewer than two: at
// the title above each article numbering that starts over at 第一条, with
// only the regulation's header between them (its history records, an
// order or document number line, a bracketed statement, the first chapter
// or section heading). A title under an attachment heading (附件) is an
// attachment's, not a regulation of its own.
func regulationStarts(lines []line) []int {
	var starts []int
	for i, l := range lines {
		if !strings.HasPrefix(l.text, "第") {
			continue // no article: most lines, without reading a marker
		}
		mk, ok := leadingMarker(l.text)
		if !ok || mk.Family != normalize.Item || mk.Value != 1 {
			continue
		}
		j := i // the header's first line
		for j > 0 && i-j < 16 && isRegulationHeader(lines[j-1].text) {
			j--
		}
		for k := j - 1; k >= 0 && k >= j-3; k-- {
			end, ok := titleBlock(lines, k)
			if !ok || end != j {
				continue
			}
			if k > 0 && (strings.HasPrefix(lines[k-1].text, "附件") || strings.HasPrefix(lines[k-1].text, "附录")) {
				break
			}
			starts = append(starts, k)
			break
		}
	}
	if len(starts) < 2 {
		return nil
	}
	return starts
}

// isRegulationHeader reports whether a line can stand between a
// regulation's title and its first article: a line that starts with a
// full date (a history record, 2010年5月28日…会议通过), a bracketed statement
// or a line of one, an order or document number line, or the first
// chapter, section or part heading.
func isRegulationHeader(t string) bool {
	if mk, ok := leadingMarker(t); ok {
		return mk.Value == 1 && (mk.Family == normalize.Article || mk.Family == normalize.Section || mk.Family == normalize.Part)
	}
	if isDocNumberLine(t) || startsBracket(t) || strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")") {
		return true
	}
	if loc := dateRe.FindStringSubmatchIndex(t); loc != nil && loc[0] == 0 {
		return true // a record that starts with its date
	}
	if _, _, ok := orderLine(t); ok {
		return true
	}
	return historyEvents(line{text: t}) != nil
}

// titleBlock reports whether a title starts at line i and returns the
// index of the first line after it.
func titleBlock(lines []line, i int) (int, bool) {
	t := lines[i].text
	if !looksLikeTitleLine(t) || isDocNumberLine(t) || isCloser(t) || isMenuEntry(t) {
		return 0, false
	}
	if _, ok := leadingMarker(t); ok {
		return 0, false
	}
	end := -1
	switch {
	case isTitleEnd(t):
		end = i + 1
	case i+1 < len(lines) && !(cjk.Contains(t, "年") && dateishRe.MatchString(t)):
		// a title over two or three lines: the lines before its last
		// continue it (none is a title of its own), the last ends it
		for j := i + 1; j < len(lines) && j <= i+2; j++ {
			u := lines[j].text
			if !looksLikeTitleLine(u) || isDocNumberLine(u) || isMenuEntry(u) {
				break
			}
			if j == i+1 && strings.HasPrefix(u, "关于") {
				break // a title opens with 关于: the line above is its issuer or page chrome
			}
			if _, ok := leadingMarker(u); ok {
				break
			}
			if isTitleEnd(u) {
				if j == i+2 && (runeLen(t) < 6 || isOrg(t)) {
					break // a header mark (特急, 明电) or the issuer over a two-line title
				}
				end = j + 1
				break
			}
		}
	}
	if end < 0 {
		return 0, false
	}
	// a wrapper's title broken before its kind: …若干政策 / 的通知
	if end < len(lines) && isKindTail(lines[end].text) {
		end++
	}
	for end < len(lines) && (isYearRange(lines[end].text) || isDraftMark(lines[end].text)) {
		end++
	}
	return end, true
}

// isMenuEntry reports whether a line is two or more policy kinds and
// nothing else (通知公告, 规划计划): an entry of a portal's menu that a
// scraped page kept, which ends like a title but names no policy.
func isMenuEntry(s string) bool {
	n := 0
	for s != "" {
		k := ""
		for _, w := range policyKinds {
			if len(w) > len(k) && strings.HasPrefix(s, w) {
				k = w
			}
		}
		if k == "" {
			return false
		}
		s = s[len(k):]
		n++
	}
	return n >= 2
}

// isKindTail reports whether a line is only the tail of a title that a
// line break cut from it: 的 and a policy kind (的通知, 的实施意见).
func isKindTail(s string) bool {
	rest, ok := strings.CutPrefix(s, "的")
	if !ok || runeLen(rest) > 6 {
		return false
	}
	for _, k := range policyKinds {
		if rest == k {
			return true
		}
	}
	return false
}

// isOpening reports whether a line can open a policy's text: an addressee
// line or a preamble.
func isOpening(s string) bool {
	if isAddressee(s) {
		return true
	}
	for _, p := range []string{"为", "根据", "按照", "依据", "依照", "近年来", "当前", "经"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isAddressee matches a 主送机关 line: 各区人民政府，市人民政府各部门：
func isAddressee(s string) bool {
	if !strings.HasSuffix(s, "：") || runeLen(s) > 80 {
		return false
	}
	return strings.HasPrefix(s, "各") || cjk.Contains(s, "人民政府") || cjk.Contains(s, "各部门") || cjk.Contains(s, "各单位")
}

func isDraftMark(s string) bool {
	bracketed := strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")
	return bracketed && len(s) <= 12*utf8.UTFMax && runeLen(s) <= 12 && draftRe.MatchString(s) || s == "征求意见稿"
}

// dateishRe matches cover lines that date a publication: 2022年8月, （2022年版）.
var dateishRe = lazy(`^[（(]?(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?版?[）)]?$`)

var attachmentItemRe = lazy(`^\d{1,2}\.?[^\d.]`)

// isAttachmentListLine matches the numbered entries that follow 附件：.
func isAttachmentListLine(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9' && attachmentItemRe.MatchString(s) && runeLen(s) < 40 && !endsSentence(s)
}
