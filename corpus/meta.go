package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhengce/zhengce/internal/cjk"
	"github.com/zhengce/zhengce/internal/datenum"
	"github.com/zhengce/zhengce/normalize"
)

// A Value is one metadata value with where it was read.
type Value struct {
	Value  string `json:"value"`
	Span   Span   `json:"span"`   // where it was read in the normalized text
	Origin string `json:"origin"` // body, header, infobox or derived
}

// Set reports whether v holds a value.
func (v *Value) Set() bool { return v != nil && v.Value != "" }

// A Conflict records two sources that disagree on a metadata field.
type Conflict struct {
	Field string `json:"field"`
	Kept  Value  `json:"kept"`
	Other Value  `json:"other"`
}

// Meta is a policy's metadata, following the elements of GB/T 9704-2012.
// Dates are ISO 8601 (YYYY-MM-DD); Validity is an ISO 8601 duration.
type Meta struct {
	Title         *Value     `json:"title,omitempty"`
	DocNumber     *Value     `json:"doc_number,omitempty"`     // 发文字号
	Issuer        *Value     `json:"issuer,omitempty"`         // 发文机关 / 署名
	Addressees    *Value     `json:"addressees,omitempty"`     // 主送机关
	Issued        *Value     `json:"issued,omitempty"`         // 成文日期
	Printed       *Value     `json:"printed,omitempty"`        // 印发日期
	PrintedBy     *Value     `json:"printed_by,omitempty"`     // 印发机关
	Effective     *Value     `json:"effective,omitempty"`      // 施行日期
	EffectiveRule *Value     `json:"effective_rule,omitempty"` // 自公布之日起30日后施行, when no date follows
	Validity      *Value     `json:"validity,omitempty"`       // 有效期
	Expires       *Value     `json:"expires,omitempty"`        // 失效日期
	Status        string     `json:"status"`                   // draft or final
	CC            *Value     `json:"cc,omitempty"`             // 抄送
	Attachments   []Value    `json:"attachments,omitempty"`    // 附件
	InfoBox       []InfoItem `json:"infobox,omitempty"`        // what a web page's info box states
	Conflicts     []Conflict `json:"conflicts,omitempty"`
}

// An InfoItem is one labelled line of a web page's info box.
type InfoItem struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Span  Span   `json:"span"`
}

var (
	infoLineRe = lazy(`^[•·]\s*([^：:]{2,8})[：:](.+)$`)
	isoLikeRe  = lazy(`((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})`)
	dateLineRe = lazy(`^` + datenum.Date + `$`)
	printedRe  = lazy(`^[（(]?\s*(.*?)` + datenum.Date + `\s*(?:印发|发布)[）)]?$`)
	orgRe      = lazy(`^[\p{Han}（）]{2,40}(?:人民政府|政府|办公厅|办公室|委员会|局|厅|委|部|院|中心|小组|协会|公司|管委会|分行|银行|署|联合会|总会|办|党委)$`)
	noticeRe   = lazy(`关于(?:印发|转发|发布|颁布)(.+?)的(?:通知|函|决定|公告)`)
	// consultRe matches the title of an announcement that asks for comments
	// on the draft it carries.
	consultRe = lazy(`关于(?:公开)?征求(.+?)(?:（[^）]*稿）)?(?:的)?(?:修改)?意见(?:建议)?的(?:公告|通知|函)`)
	// consultAfterRe matches the other order, the draft named first:
	// 关于《X（征求意见稿）》公开征求意见的公告.
	consultAfterRe = lazy(`关于(.+?)(?:向社会)?公开征求(?:社会公众)?意见(?:建议)?的(?:公告|通知|函)`)
	quotedRe       = lazy(`《([^》]+)》`)
	// dateLineStartRe matches a full date a line starts with.
	dateLineStartRe = lazy(`^` + datenum.Date)
	// datedOrgRe matches a date and a body on a line of their own.
	datedOrgRe   = lazy(`^` + datenum.Date + `[，,\s]+(\p{Han}{2,30})$`)
	effectiveRe  = lazy(`自` + datenum.Date + `(?:起)?(?:施行|实施|执行|生效|试行)`)
	effectiveRel = lazy(`自(印发|发布|公布|颁布|签发)之日起(?:(\d+)日(?:后)?)?(?:施行|实施|执行|生效|试行)`)
	validityRe   = lazy(`有效期(?:限)?(?:为|是)?(\d+|[一二三四五六七八九十两]+)(年|个月)`)
	validToRe    = lazy(`有效期至` + datenum.Date)
	// repealRe matches a date the policy stops on (2025年12月31日废止), and
	// windowRe its own window (执行期限为2023年1月1日至2025年12月31日).
	repealRe = lazy(datenum.Date + `(?:起)?(?:废止|失效|停止执行)`)
	// runsToRe matches the last day the policy runs to (本政策执行至2025年12月31日).
	runsToRe = lazy(`(?:执行|实施|施行)至` + datenum.Date)
	// windowKeys are the words windowRe's matches hold, by which the lines
	// it is tried on are found.
	windowRe   = lazy(`(?:执行|实施|施行)(?:期限|期|时间)(?:为|是)?(?:自|从)?` + datenum.Date + `(?:起)?(?:至|到|—|－|-|~|～)` + datenum.Date)
	windowKeys = []string{"执行期", "实施期", "施行期", "执行时间", "实施时间", "施行时间"}
	// expiryForms are the ways a policy states its own last day, by the
	// word each match holds.
	expiryForms = []struct {
		key string
		re  *lazyRegexp
	}{{"废止", repealRe}, {"失效", repealRe}, {"停止执行", repealRe}, {"执行至", runsToRe}, {"实施至", runsToRe}, {"施行至", runsToRe}}
	// closingReach is how far from a text's end its closing provisions
	// are looked for, in bytes.
	closingReach = 3000
	// effectiveUntil matches a period from publication to a date:
	// 自发布之日起至2020年12月底, 自印发之日起至2023年6月30日.
	effectiveUntil = lazy(`自(印发|发布|公布|颁布|签发)之日起至` + datenum.Year + `年` + datenum.Month + `月(` + strings.Replace(datenum.Day, "(", "(?:", 1) + `日|底)`)
)

// isInfoLine matches infoLineRe, trying the expression only on lines
// that start as its matches do.
func isInfoLine(s string) bool {
	return (strings.HasPrefix(s, "•") || strings.HasPrefix(s, "·")) && infoLineRe.MatchString(s)
}

// isDateLine matches dateLineRe likewise.
func isDateLine(s string) bool {
	return startsYear(s) && dateLineRe.MatchString(s)
}

// startsYear reports whether s can start with a year: with 1 or 2, or with
// 一 or 二 (一九九三年, 二〇二三年).
func startsYear(s string) bool {
	return s != "" && (s[0] == '1' || s[0] == '2') || strings.HasPrefix(s, "一") || strings.HasPrefix(s, "二")
}

// orgSuffixes are the endings orgRe requires.
var orgSuffixes = []string{"人民政府", "政府", "办公厅", "办公室", "委员会", "局", "厅", "委", "部", "院", "中心", "小组", "协会", "公司", "管委会", "分行", "银行", "署", "联合会", "总会", "办", "党委"}

// isOrg reports whether t names an organisation as orgRe says, trying the
// expression only on lines with one of its endings.
func isOrg(t string) bool {
	for _, s := range orgSuffixes {
		if strings.HasSuffix(t, s) {
			return orgRe.MatchString(t)
		}
	}
	return false
}

// matchPrinted returns printedRe's submatches of t, trying the expression
// only on lines that end as a 印发 line must.
func matchPrinted(t string) []string {
	u := strings.TrimSuffix(strings.TrimSuffix(t, "）"), ")")
	if !strings.HasSuffix(u, "印发") && !strings.HasSuffix(u, "发布") {
		return nil
	}
	return printedRe.FindStringSubmatch(t)
}

// isoDate writes a date's year, month and day, each in digits or in
// Chinese numerals (datenum), as an ISO date.
func isoDate(y, m, d string) string {
	yi, _ := datenum.Value(y)
	mi, _ := datenum.Value(m)
	di, _ := datenum.Value(d)
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

// readHeader reads the metadata stated before the first clause (document
// number, notice title, title, status, addressees, info box) and marks the
// title, number and page-chrome lines as excluded from body text. It
// returns the index of the first line of body text.
func readHeader(d *Doc, lines []line) int {
	m := &d.Meta
	titleDone := false
	var titleEnd int = -1 // index after the last title line
	i := 0
	for ; i < len(lines); i++ {
		l := lines[i]
		t := l.text
		if mk, ok := leadingMarker(t); ok && !(mk.Family == "•" && isInfoLine(t)) {
			break
		}
		if _, ok := outlineHead(lines, i); ok {
			break
		}
		if isCloser(t) || isClosing(t) {
			break
		}
		if j, whole, ok := bracketedStatement(d, lines, i); ok {
			if evs := historyEvents(whole); evs != nil {
				d.history = append(d.history, evs...)
				i = j
				continue
			}
		}
		if evs := historyEvents(l); evs != nil {
			d.history = append(d.history, evs...)
			continue
		}
		if order, org, ok := orderLine(t); ok {
			if m.DocNumber == nil {
				m.DocNumber = &Value{Value: order, Span: l.Span, Origin: "header"}
			}
			if m.Issuer == nil {
				m.Issuer = &Value{Value: org, Span: l.Span, Origin: "header"}
			}
			d.exclude(l.Span)
			continue
		}
		if items := labelledItems(l); items != nil {
			m.InfoBox = append(m.InfoBox, items...)
			d.exclude(l.Span)
			continue
		}
		var dated []int // a date and a document number on one line
		if startsYear(t) {
			dated = datedNumberLine(t)
		}
		switch {
		case isInfoLine(t):
			sm := infoLineRe.FindStringSubmatch(t)
			m.InfoBox = append(m.InfoBox, InfoItem{Key: sm[1], Value: sm[2], Span: l.Span})
			// the page summary between the title and the info box is chrome
			from := 0
			if titleEnd >= 0 {
				from = titleEnd
			}
			for j := from; j <= i; j++ {
				d.exclude(lines[j].Span)
			}
			continue
		case isDocNumberLine(t):
			if m.DocNumber == nil {
				n, _, _, _ := CanonicalDocNumber(t)
				m.DocNumber = &Value{Value: n, Span: l.Span, Origin: "header"}
			}
			d.exclude(l.Span)
			continue
		case strings.HasSuffix(t, "文件") && runeLen(t) <= 20 && !strings.ContainsAny(t, "，。>»|/：:"):
			if m.Issuer == nil {
				m.Issuer = &Value{Value: strings.TrimSuffix(t, "文件"), Span: l.Span, Origin: "header"}
			}
			d.exclude(l.Span)
			continue
		case isDraftMark(t):
			m.Status = "draft"
			if m.Title != nil && titleEnd == i {
				m.Title.Value += t
				m.Title.Span.End = l.End
				titleEnd = i + 1
			}
			d.exclude(l.Span)
			continue
		case titleEnd == i && isYearRange(t) && m.Title != nil:
			m.Title.Value += t
			m.Title.Span.End = l.End
			titleEnd = i + 1
			d.exclude(l.Span)
			continue
		case titleEnd >= 0 && i-titleEnd <= 1 && !strings.HasPrefix(t, "各") && runeLen(t) <= 30 && isOrg(t):
			// the issuing body printed under the title (a law site's 财政部)
			if d.titleIssuer == nil {
				d.titleIssuer = &Value{Value: t, Span: l.Span, Origin: "header"}
			}
			d.exclude(l.Span)
			continue
		case dated != nil:
			// the date and the document number on one line: 2006年10月26日 财建〔2006〕689号
			loc := dated
			if m.Issued == nil {
				m.Issued = &Value{Value: isoDate(t[loc[2]:loc[3]], t[loc[4]:loc[5]], t[loc[6]:loc[7]]), Span: Span{l.Start, l.Start + loc[1]}, Origin: "body"}
			}
			if m.DocNumber == nil {
				n, _, _, _ := CanonicalDocNumber(t[loc[1]:])
				m.DocNumber = &Value{Value: n, Span: Span{l.Start + loc[1], l.End}, Origin: "header"}
			}
			continue
		case titleEnd >= 0 && i-titleEnd <= 1 && startsYear(t) && datedOrgRe.MatchString(t):
			// the date and the issuing body under the title: 1996年12月13日，财政部
			if loc := datedOrgRe.FindStringSubmatchIndex(t); isOrg(t[loc[8]:loc[9]]) {
				sm := []string{"", t[loc[2]:loc[3]], t[loc[4]:loc[5]], t[loc[6]:loc[7]], t[loc[8]:loc[9]]}
				if m.Issued == nil {
					dateEnd := loc[7] + len("日")
					m.Issued = &Value{Value: isoDate(sm[1], sm[2], sm[3]), Span: Span{l.Start, l.Start + dateEnd}, Origin: "body"}
				}
				if d.titleIssuer == nil {
					d.titleIssuer = &Value{Value: sm[4], Span: l.Span, Origin: "header"}
				}
				continue
			}
		case isAddressee(t):
			if m.Addressees == nil {
				m.Addressees = &Value{Value: strings.TrimSuffix(t, "："), Span: l.Span, Origin: "body"}
			}
			continue
		}
		// a document number followed by the notice title on one line
		if n, st, en, ok := CanonicalDocNumber(t); ok && st == 0 && strings.HasPrefix(t[en:], "《") {
			if m.DocNumber == nil {
				m.DocNumber = &Value{Value: n, Span: Span{l.Start, l.Start + en}, Origin: "header"}
			}
			d.exclude(l.Span)
			if title, ok := d.wrapperTitle(t); ok && !titleDone {
				m.Title = &Value{Value: title, Span: l.Span, Origin: "header"}
				titleDone = true
			}
			continue
		}
		if title, ok := pageTitle(t); ok {
			// a page's title with the site's name after it, perhaps cut at
			// its separator: 关于…的通知_ / 规范性文件_省司法厅
			if !titleDone {
				m.Title = &Value{Value: title, Span: l.Span, Origin: "header"}
				titleDone = true
			}
			if org, ok := titleIssuer(title); ok && d.titleIssuer == nil {
				d.titleIssuer = &Value{Value: org, Span: l.Span, Origin: "header"}
			}
			d.exclude(l.Span)
			if strings.HasSuffix(t, "_") && i+1 < len(lines) {
				i++
				d.exclude(lines[i].Span)
			}
			titleEnd = i + 1
			continue
		}
		if end, ok := titleBlock(lines, i); ok && !isOrg(t) {
			var parts []string
			for j := i; j < end; j++ {
				if !isYearRange(lines[j].text) && !isDraftMark(lines[j].text) {
					parts = append(parts, lines[j].text)
				}
			}
			full := strings.Join(parts, "")
			span := Span{l.Start, lines[end-1].End}
			if org, ok := titleIssuer(full); ok && d.titleIssuer == nil {
				d.titleIssuer = &Value{Value: org, Span: span, Origin: "header"}
			}
			for j := i; j < end; j++ {
				d.exclude(lines[j].Span)
				if isDraftMark(lines[j].text) {
					m.Status = "draft"
				}
			}
			if title, ok := d.wrapperTitle(full); ok {
				if !titleDone {
					m.Title = &Value{Value: title, Span: span, Origin: "header"}
					titleDone = true
				}
			} else if !titleDone {
				// keep the year range and draft mark the title block holds
				var all []string
				for j := i; j < end; j++ {
					all = append(all, lines[j].text)
				}
				m.Title = &Value{Value: strings.Trim(strings.Join(all, ""), "《》"), Span: span, Origin: "body"}
				titleDone = true
			}
			titleEnd = end
			i = end - 1
			continue
		}
		if d.wrapper && m.Title != nil && m.Title.Origin == "header" {
			// the notice's title may shorten the policy's (关于印发滇池…办法的
			// 通知 for 《昆明市滇池…办法（试行）》): the body's citation of it
			// gives it whole
			if cited, ok := citedTitle(t, m.Title.Value); ok {
				m.Title = &Value{Value: cited, Span: l.Span, Origin: "body"}
			}
		}
		if cited := publishedQuotes(t); cited != nil && !titleDone {
			m.Title = &Value{Value: cited[0], Span: l.Span, Origin: "body"}
			titleDone = true
			d.wrapper = true
		}
	}
	return i
}

// wrapperTitle reads the title of a notice that publishes or announces a
// policy (关于印发《X》的通知, 关于公开征求《X（征求意见稿）》意见的公告) and
// returns the carried policy's title; it marks d as a wrapper, and as a
// draft when the notice asks for comments.
func (d *Doc) wrapperTitle(s string) (string, bool) {
	for _, re := range []*lazyRegexp{consultRe, consultAfterRe} {
		if sm := re.FindStringSubmatch(s); sm != nil {
			d.wrapper = true
			d.Meta.Status = "draft"
			return strings.Trim(sm[1], "《》“”"), true
		}
	}
	if sm := noticeRe.FindStringSubmatch(s); sm != nil {
		d.wrapper = true
		return strings.Trim(sm[1], "《》"), true
	}
	return "", false
}

// pageTitle reads a web page's title line, the policy's title then the
// site's sections and name after underscores (关于…的通知_规范性文件_省司法厅):
// the part before the first underscore, when it ends like a title.
func pageTitle(s string) (string, bool) {
	first, _, ok := strings.Cut(s, "_")
	if !ok || !isTitleEnd(first) || !looksLikeTitleLine(first) {
		return "", false
	}
	return first, true
}

// datedNumberLine returns the submatches of a line that holds a full date
// and then only a document number (2006年10月26日 财建〔2006〕689号), or nil.
func datedNumberLine(t string) []int {
	loc := dateLineStartRe.FindStringSubmatchIndex(t)
	if loc == nil || !isDocNumberLine(strings.TrimSpace(t[loc[1]:])) {
		return nil
	}
	return loc
}

// titleIssuer returns the body a title names before 关于 or 印发
// (昆明市人民政府办公厅关于印发…的通知, 国务院关于…的规定).
func titleIssuer(title string) (string, bool) {
	i := strings.Index(title, "关于")
	if j := strings.Index(title, "印发"); j > 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 || !isOrg(title[:i]) {
		return "", false
	}
	return title[:i], true
}

// citedTitle returns the title a notice's sentence that publishes a
// policy (现将《X》印发给你们) cites, when it holds the title read from the
// notice's own title and more.
func citedTitle(s, title string) (string, bool) {
	for _, cited := range publishedQuotes(s) {
		if len(cited) > len(title) && strings.Contains(cited, title) {
			return cited, true
		}
	}
	return "", false
}

// publishedQuotes returns the titles in book-title marks that s says are
// published (现将《X》印发给你们; 《X》已经市人民政府同意，现印发给你们):
// 印发 or 转发 follows the quote in its sentence, before any other quote. A
// quoted notice (学习《…关于印发…的通知》) is a citation, not a policy.
func publishedQuotes(s string) []string {
	if !strings.Contains(s, "印发") && !strings.Contains(s, "转发") {
		return nil
	}
	var out []string
	for _, loc := range quotedRe.FindAllStringSubmatchIndex(s) {
		rest := s[loc[1]:]
		if k := strings.IndexAny(rest, "《。"); k >= 0 {
			rest = rest[:k]
		}
		cited := s[loc[2]:loc[3]]
		if (strings.Contains(rest, "印发") || strings.Contains(rest, "转发")) && !noticeRe.MatchString(cited) {
			out = append(out, cited)
		}
	}
	return out
}

// orderLine reports whether a line is only an order number, possibly in
// brackets: （国家医疗保障局令第 5 号）.
func orderLine(s string) (order, org string, ok bool) {
	t := strings.Trim(strings.ReplaceAll(s, " ", ""), "（）()")
	order, org, ok = cutOrder(t)
	if !ok || order != t {
		return "", "", false
	}
	return order, org, true
}

func (d *Doc) exclude(s Span) {
	for _, e := range d.Exclude {
		if e.Contains(s) {
			return
		}
	}
	d.Exclude = append(d.Exclude, s)
}

// readMeta reads the metadata stated in the policy's text: signature and
// 成文日期, 印发 line, 施行 and 有效期 rules, 抄送 and 附件; then fills what
// the info box states and the body does not, records conflicts, and
// derives the expiry date.
func readMeta(d *Doc, lines []line) {
	m := &d.Meta
	applyHistory(d, d.history)
	readSignature(d, lines)
	for i, l := range lines {
		t := l.text
		if d.excluded(l.Span) {
			continue
		}
		if sm := matchPrinted(t); sm != nil && runeLen(t) < 60 {
			m.Printed = &Value{Value: isoDate(sm[2], sm[3], sm[4]), Span: l.Span, Origin: "body"}
			if by := strings.TrimSpace(sm[1]); by != "" && isOrg(by) {
				m.PrintedBy = &Value{Value: by, Span: l.Span, Origin: "body"}
			}
		}
		if strings.HasPrefix(t, "抄送") && m.CC == nil {
			v := strings.TrimLeft(strings.TrimPrefix(t, "抄送"), "：: ")
			for j := i + 1; j < len(lines) && matchPrinted(lines[j].text) == nil && runeLen(lines[j].text) < 80 && !isClosing(lines[j].text); j++ {
				v += lines[j].text
			}
			m.CC = &Value{Value: v, Span: l.Span, Origin: "body"}
		}
		if strings.HasPrefix(t, "附件") {
			v := strings.TrimLeft(strings.TrimPrefix(t, "附件"), "：: ")
			m.Attachments = append(m.Attachments, Value{Value: v, Span: l.Span, Origin: "body"})
			for j := i + 1; j < len(lines) && isAttachmentListLine(lines[j].text); j++ {
				m.Attachments = append(m.Attachments, Value{Value: lines[j].text, Span: lines[j].Span, Origin: "body"})
			}
		}
	}
	// 施行 and 有效期 are read from the body text outside numbered clauses
	// first, then anywhere.
	for _, pass := range [][]Span{d.Root.Own, {d.Span}} {
		for _, s := range pass {
			text := d.Text(s)
			if m.Effective == nil && m.EffectiveRule == nil {
				if loc := firstMatch(effectiveRe, "自", text); loc != nil {
					m.Effective = &Value{Value: isoDate(text[loc[2]:loc[3]], text[loc[4]:loc[5]], text[loc[6]:loc[7]]), Span: Span{s.Start + loc[0], s.Start + loc[1]}, Origin: "body"}
				} else if loc := firstMatch(effectiveRel, "之日起", text); loc != nil {
					span := Span{s.Start + loc[0], s.Start + loc[1]}
					event := text[loc[2]:loc[3]]
					days := ""
					if loc[4] >= 0 {
						days = text[loc[4]:loc[5]]
					}
					base := d.eventDate(event)
					if days == "" && base != nil {
						m.Effective = &Value{Value: base.Value, Span: span, Origin: "derived"}
					} else if days != "" && base != nil {
						n, _ := strconv.Atoi(days)
						m.Effective = &Value{Value: addDays(base.Value, n), Span: span, Origin: "derived"}
					} else {
						m.EffectiveRule = &Value{Value: text[loc[0]:loc[1]], Span: span, Origin: "body"}
					}
				}
			}
			if m.Validity == nil {
				if loc := matchWhere(validityRe, "有效期", text, ownValidity); loc != nil {
					n := parseCount(text[loc[2]:loc[3]])
					unit := "Y"
					if text[loc[4]:loc[5]] == "个月" {
						unit = "M"
					}
					m.Validity = &Value{Value: fmt.Sprintf("P%d%s", n, unit), Span: Span{s.Start + loc[0], s.Start + loc[1]}, Origin: "body"}
				}
			}
			if m.Effective == nil && m.Expires == nil {
				// 执行期自发布之日起至2020年12月底
				if loc := firstMatch(effectiveUntil, "之日起", text); loc != nil {
					span := Span{s.Start + loc[0], s.Start + loc[1]}
					if base := d.eventDate(text[loc[2]:loc[3]]); base != nil {
						m.Effective = &Value{Value: base.Value, Span: span, Origin: "derived"}
					}
					m.Expires = &Value{Value: dayOrMonthEnd(text[loc[4]:loc[5]], text[loc[6]:loc[7]], text[loc[8]:loc[9]]), Span: span, Origin: "body"}
				}
			}
			for _, key := range windowKeys {
				if m.Effective != nil || m.Expires != nil {
					break
				}
				if loc := matchClosing(windowRe, key, text); loc != nil {
					span := Span{s.Start + loc[0], s.Start + loc[1]}
					m.Effective = &Value{Value: isoDate(text[loc[2]:loc[3]], text[loc[4]:loc[5]], text[loc[6]:loc[7]]), Span: span, Origin: "body"}
					m.Expires = &Value{Value: isoDate(text[loc[8]:loc[9]], text[loc[10]:loc[11]], text[loc[12]:loc[13]]), Span: span, Origin: "body"}
				}
			}
			for _, e := range expiryForms {
				if m.Expires != nil {
					break
				}
				if loc := matchClosing(e.re, e.key, text); loc != nil {
					m.Expires = &Value{Value: isoDate(text[loc[2]:loc[3]], text[loc[4]:loc[5]], text[loc[6]:loc[7]]), Span: Span{s.Start + loc[0], s.Start + loc[1]}, Origin: "body"}
				}
			}
			if m.Expires == nil {
				if loc := firstMatch(validToRe, "有效期至", text); loc != nil {
					m.Expires = &Value{Value: isoDate(text[loc[2]:loc[3]], text[loc[4]:loc[5]], text[loc[6]:loc[7]]), Span: Span{s.Start + loc[0], s.Start + loc[1]}, Origin: "body"}
				}
			}
		}
	}
	for _, it := range m.InfoBox {
		v := &Value{Value: it.Value, Span: it.Span, Origin: "infobox"}
		date := infoDate(it.Value)
		switch {
		case it.Value == "":
		case strings.Contains(it.Key, "发布单位") || strings.Contains(it.Key, "发文机关") || strings.Contains(it.Key, "发布机构") || strings.Contains(it.Key, "发文机构") || strings.Contains(it.Key, "发文单位") || strings.Contains(it.Key, "颁布单位"):
			m.Issuer = keepOrConflict(m, "issuer", m.Issuer, v)
		case (strings.Contains(it.Key, "失效") || strings.Contains(it.Key, "废止")) && date != "":
			v.Value = date
			m.Expires = keepOrConflict(m, "expires", m.Expires, v)
		case (strings.Contains(it.Key, "颁布") || strings.Contains(it.Key, "成文")) && date != "":
			v.Value = date
			m.Issued = keepOrConflict(m, "issued", m.Issued, v)
		case (strings.Contains(it.Key, "实施") || strings.Contains(it.Key, "施行") || strings.Contains(it.Key, "生效")) && date != "":
			v.Value = date
			m.Effective = keepOrConflict(m, "effective", m.Effective, v)
		case strings.Contains(it.Key, "文号") || strings.Contains(it.Key, "发文字号"):
			if n, _, _, ok := CanonicalDocNumber(it.Value); ok {
				v.Value = n
				m.DocNumber = keepOrConflict(m, "doc_number", m.DocNumber, v)
			}
		}
	}
	readPage(d)
	if m.Issuer == nil && d.titleIssuer != nil {
		m.Issuer = d.titleIssuer
	}
	if m.Effective != nil && m.Validity != nil && m.Expires == nil {
		if e, ok := addDuration(m.Effective.Value, m.Validity.Value); ok {
			m.Expires = &Value{Value: e, Span: m.Validity.Span, Origin: "derived"}
		}
	}
	if m.Status == "" {
		m.Status = "final"
		if m.Title != nil && draftRe.MatchString(m.Title.Value) {
			m.Status = "draft"
		}
	}
}

// firstMatch returns FindStringSubmatchIndex of re in text, for an
// expression that matches no line break and whose every match holds the
// word key: it tries the expression only on the lines that hold key.
func firstMatch(re *lazyRegexp, key, text string) []int {
	return matchWhere(re, key, text, nil)
}

// matchWhere is firstMatch for the first match that accept, when not nil,
// takes (given the text and the match's submatch offsets).
func matchWhere(re *lazyRegexp, key, text string, accept func(text string, loc []int) bool) []int {
	for from := 0; from < len(text); {
		k := cjk.Index(text[from:], key)
		if k < 0 {
			return nil
		}
		at := from + k
		start, end := strings.LastIndexByte(text[:at], '\n')+1, len(text)
		if e := strings.IndexByte(text[at:], '\n'); e >= 0 {
			end = at + e
		}
		for off := start; off < end; {
			loc := re.FindStringSubmatchIndex(text[off:end])
			if loc == nil {
				break
			}
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += off
				}
			}
			if accept == nil || accept(text, loc) {
				return loc
			}
			off = loc[1]
		}
		from = end + 1
	}
	return nil
}

// ownValidity reports whether a 有效期 match states the policy's own
// validity, not a certificate's (护照有效期5年, 居住证有效期为3年): nothing
// but a clause marker stands before 有效期 in its sentence, or the sentence
// speaks of the policy's force (本政策自…施行，有效期5年; 本办法有效期3年).
func ownValidity(text string, loc []int) bool {
	start := 0
	if i := strings.LastIndexAny(text[:loc[0]], "。；！？\n"); i >= 0 {
		_, n := utf8.DecodeRuneInString(text[i:])
		start = i + n
	}
	before := strings.TrimLeft(text[start:loc[0]], " ")
	if m, ok := leadingMarker(strings.TrimLeft(text[start:], " ")); ok && m.Len <= len(before) {
		before = before[m.Len:]
	}
	before = strings.TrimSpace(before)
	if before == "" {
		return true
	}
	end := len(text)
	if i := strings.IndexAny(text[loc[1]:], "。；！？\n"); i >= 0 {
		end = loc[1] + i
	}
	return speaksOfForce(text[start:end])
}

// matchClosing is matchWhere of re on the lines of text that hold key,
// in a sentence that names the policy itself (ownPolicy), among its
// closing provisions: a policy states its own window and repeal date in
// the text outside its numbered clauses or near its end (closingReach).
func matchClosing(re *lazyRegexp, key, text string) []int {
	from := 0
	if len(text) > closingReach {
		from = len(text) - closingReach
		for from < len(text) && text[from] != '\n' {
			from++
		}
	}
	loc := matchWhere(re, key, text[from:], ownPolicy)
	for i := range loc {
		loc[i] += from
	}
	return loc
}

// ownPolicy reports whether the match at loc of text is in a sentence that
// names the policy itself before it (本办法…, 本政策措施…) and no other
// document (《…》).
func ownPolicy(text string, loc []int) bool {
	start := 0
	if i := strings.LastIndexAny(text[:loc[0]], "。；！？\n"); i >= 0 {
		_, n := utf8.DecodeRuneInString(text[i:])
		start = i + n
	}
	lead := text[start:loc[0]]
	return !strings.Contains(lead, "《") && namesSelf(lead)
}

// namesSelf reports whether s names the policy itself: 本 and a policy
// kind (本办法, 本规定, 本政策措施).
func namesSelf(s string) bool {
	for i := 0; ; {
		k := cjk.Index(s[i:], "本")
		if k < 0 {
			return false
		}
		i += k + len("本")
		for _, kind := range policyKinds {
			if strings.HasPrefix(s[i:], kind) {
				return true
			}
		}
	}
}

// speaksOfForce reports whether a sentence speaks of a policy's force:
// 施行, 实施, 执行, 生效, or 本 and a policy kind (本办法, 本规定).
func speaksOfForce(s string) bool {
	for _, w := range []string{"施行", "实施", "执行", "生效"} {
		if cjk.Contains(s, w) {
			return true
		}
	}
	return namesSelf(s)
}

// keepOrConflict keeps the body's value over another source's and records
// the disagreement.
func keepOrConflict(m *Meta, field string, have, other *Value) *Value {
	if have == nil {
		return other
	}
	if strings.ReplaceAll(have.Value, " ", "") != strings.ReplaceAll(other.Value, " ", "") {
		m.Conflicts = append(m.Conflicts, Conflict{Field: field, Kept: *have, Other: *other})
	}
	return have
}

// infoDate reads a date written 2023年10月16日, 2023-10-16 or 2023/10/16
// as an ISO date, or returns "".
func infoDate(s string) string {
	if sm := dateRe.FindStringSubmatch(s); sm != nil {
		return isoDate(sm[1], sm[2], sm[3])
	}
	if sm := isoLikeRe.FindStringSubmatch(s); sm != nil {
		return isoDate(sm[1], sm[2], sm[3])
	}
	return ""
}

// readPage fills the title from what the page says of itself (an HTML
// page's headline or <title>, a markdown document's front matter) when
// the text states none, and the other fields front matter gives where the
// text is silent; each such value has origin page.
func readPage(d *Doc) {
	m := &d.Meta
	p := d.File.Source.Page
	at := Span{d.Span.Start, d.Span.Start}
	if m.Title == nil && d.Index == 0 {
		title := p.Meta["articletitle"]
		if title == "" {
			title = p.Meta["title"] // front matter
		}
		if title == "" && p.Title != "" {
			title = p.Title
			for _, sep := range []string{"_", "｜", "|", " - ", "--"} {
				if i := strings.Index(title, sep); i > 0 {
					title = title[:i]
				}
			}
		}
		if title = pageText(title); title != "" {
			m.Title = &Value{Value: title, Span: at, Origin: "page"}
		}
	}
	if d.File.Source.Format == "markdown" {
		if v := infoDate(p.Meta["publish_date"]); v != "" && m.Issued == nil {
			m.Issued = &Value{Value: v, Span: at, Origin: "page"}
		}
		if v := infoDate(p.Meta["implement_date"]); v != "" && m.Effective == nil {
			m.Effective = &Value{Value: v, Span: at, Origin: "page"}
		}
	}
}

// pageText normalizes a value the page states outside its text (front
// matter, an HTML page's title) as the text is: half-width ASCII,
// simplified script with the mirror vocabulary, punctuation; it is read
// without spaces at its ends.
func pageText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r, err := normalize.Run([]byte(s))
	if err != nil {
		return s
	}
	if t := strings.TrimSpace(string(r.Norm)); t != "" {
		return t
	}
	return s
}

// eventDate returns the date of the event a rule counts from (印发 or
// 签发: the printed date, else the issued date; 公布, 发布 or 颁布: the
// issued date unless that is the adoption date of a regulation), or nil.
func (d *Doc) eventDate(event string) *Value {
	m := d.Meta
	switch event {
	case "印发", "签发":
		if m.Printed != nil {
			return m.Printed
		}
		return m.Issued
	}
	if d.issuedBy == "通过" || d.issuedBy == "批准" {
		return nil // adopted, but published on a date not stated
	}
	return m.Issued
}

// dayOrMonthEnd writes year, month and day (8日) or the month's end (底)
// as an ISO date.
func dayOrMonthEnd(y, mo, day string) string {
	if day == "底" {
		yi, _ := datenum.Value(y)
		mi, _ := datenum.Value(mo)
		if mi < 1 || mi > 12 {
			return isoDate(y, mo, "1")
		}
		return time.Date(yi, time.Month(mi)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	}
	return isoDate(y, mo, strings.TrimSuffix(day, "日"))
}

func addDays(iso string, n int) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// addDuration returns start + d − 1 day, the usual reading of
// 自…起施行，有效期N年.
func addDuration(start, d string) (string, bool) {
	t, err := time.Parse("2006-01-02", start)
	if err != nil || len(d) < 3 || d[0] != 'P' {
		return "", false
	}
	n, err := strconv.Atoi(d[1 : len(d)-1])
	if err != nil {
		return "", false
	}
	switch d[len(d)-1] {
	case 'Y':
		t = t.AddDate(n, 0, -1)
	case 'M':
		t = t.AddDate(0, n, -1)
	case 'D':
		t = t.AddDate(0, 0, n-1)
	default:
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// parseCount reads an Arabic or small Chinese numeral.
func parseCount(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	s = strings.ReplaceAll(s, "两", "二")
	v, _ := normalize.HanNumber(s)
	return v
}
