package corpus

import (
	"strings"
	"unicode/utf8"
)

// An event is one step of a regulation's history as its header states it:
// 2010年5月28日 河南省第十一届人民代表大会常务委员会第十五次会议通过,
// 2022年6月6日 中华人民共和国国家安全部令第2号公布, 1990年10月1日 施行.
type event struct {
	date  string // ISO date
	span  Span   // the date in the normalized text
	line  Span   // the whole statement
	kind  string // 通过, 批准, 公布, 发布, 修订, 修正, 施行
	org   string // the body that acts, as printed (会议 and 公告 set aside)
	order string // the order that publishes it: 中华人民共和国国家安全部令第2号
}

// eventWords are the words a history statement ends with, and the kind
// each gives.
var eventWords = []struct{ word, kind string }{
	{"公布施行", "公布"}, {"发布施行", "发布"},
	{"通过", "通过"}, {"批准", "批准"}, {"公布", "公布"}, {"发布", "发布"}, {"颁布", "公布"},
	{"修订", "修订"}, {"修正", "修正"}, {"施行", "施行"}, {"起施行", "施行"}, {"实施", "施行"},
}

// historyEvents reads the history statements of one header line: a line
// that starts with a full date (or a bracket and one) and whose statements
// each end with an event word. A bracketed line may hold several, each
// starting with its date. Lines of other kinds give nothing.
func historyEvents(l line) []event {
	t := l.text
	off := 0
	if strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(") {
		_, n := utf8.DecodeRuneInString(t)
		off = n
		t = strings.TrimRight(t[n:], "）)")
	}
	if !startsYear(t) || runeLen(t) > 400 {
		return nil
	}
	locs := dateRe.FindAllStringSubmatchIndex(t)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil
	}
	var out []event
	for k, loc := range locs {
		end := len(t)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		rest := strings.TrimRight(strings.TrimSpace(t[loc[1]:end]), "，；。）) ")
		if k+1 < len(locs) && strings.HasSuffix(rest, "的") {
			continue // 批准的2004年5月11日…: the next date belongs to this statement
		}
		// 根据 introduces the next statement: …会议通过 根据2018年…修正
		rest = strings.TrimPrefix(rest, "根据")
		if k+1 < len(locs) {
			rest = strings.TrimRight(strings.TrimSuffix(rest, "根据"), "，；。 \n")
		}
		e := event{
			date: isoDate(t[loc[2]:loc[3]], t[loc[4]:loc[5]], t[loc[6]:loc[7]]),
			span: Span{l.Start + off + loc[0], l.Start + off + loc[1]},
			line: l.Span,
		}
		for _, w := range eventWords {
			if strings.HasSuffix(rest, w.word) {
				e.kind = w.kind
				rest = strings.TrimSuffix(rest, w.word)
				break
			}
		}
		if e.kind == "" {
			// a statement that names its order after the event: …修正 主席令第73号
			if i := strings.LastIndex(rest, "令第"); i >= 0 {
				for _, w := range eventWords {
					if j := strings.LastIndex(rest[:i], w.word); j >= 0 {
						e.kind = w.kind
						break
					}
				}
			}
			if e.kind == "" {
				continue
			}
		}
		if order, org, ok := cutOrder(rest); ok {
			e.order, e.org = order, org
		} else {
			e.org = actingBody(rest)
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// bracketedStatement returns, for a line that opens a bracket with a date
// and leaves it open, the lines up to the one that closes it (at most
// three more) as one line, its text the lines' with their breaks: a
// history statement that extraction broke over lines, （2003年12月27日第十届全国人民代表大会
// / 常务委员会第六次会议通过）. It returns the index of the last line taken.
func bracketedStatement(d *Doc, lines []line, i int) (int, line, bool) {
	t := lines[i].text
	open := strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(")
	if !open || strings.ContainsAny(t, "）)") {
		return 0, line{}, false
	}
	for j := i + 1; j < len(lines) && j <= i+3; j++ {
		u := lines[j].text
		if strings.ContainsAny(u, "（(") {
			break
		}
		if strings.HasSuffix(u, "）") || strings.HasSuffix(u, ")") {
			span := Span{lines[i].Start, lines[j].End}
			return j, line{span, d.Text(span)}, true
		}
		if strings.ContainsAny(u, "）)") {
			break
		}
	}
	return 0, line{}, false
}

// cutOrder finds an order number (中华人民共和国国务院令第802号, 国家医疗保障局令第 5
// 号) in s and returns it without spaces and the body that issues it.
func cutOrder(s string) (order, org string, ok bool) {
	s = withoutBreaks(s)
	i := strings.Index(s, "令第")
	if i <= 0 {
		return "", "", false
	}
	j := i + len("令第")
	k := j
	for k < len(s) && (s[k] >= '0' && s[k] <= '9') {
		k++
	}
	if k == j || !strings.HasPrefix(s[k:], "号") {
		return "", "", false
	}
	// the body: the Han characters before 令, back to a bracket or a space
	h := i
	for h > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:h])
		if !isHan(r) {
			break
		}
		h -= n
	}
	if h == i {
		return "", "", false
	}
	// a joint order names its bodies in a list: 监察部、人事部、…、国家外汇管理局令第7号
	for strings.HasSuffix(s[:h], "、") {
		e := h - len("、")
		b := e
		for b > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:b])
			if !isHan(r) {
				break
			}
			b -= n
		}
		if b == e || !isOrg(s[b:e]) {
			break
		}
		h = b
	}
	org = s[h:i]
	return s[h : k+len("号")], org, true
}

// actingBody returns the body named in a history statement: 上海市第十四届人民代表大会常务委员会
// from …常务委员会第三十七次会议, 人力资源和社会保障部 from 经人力资源和社会保障部第6次部务会议,
// 国家互联网信息办公室 from …2021年第20次室务会议审议, 杭州市…常务委员会 from
// …常务委员会公告第71号, or the statement itself; "" when it names a
// decision rather than a body.
func actingBody(s string) string {
	s = withoutBreaks(s)
	if i := strings.Index(s, "《"); i >= 0 {
		s = s[:i] // …会议《关于修改…的决定》: the body before the decision
	}
	s = strings.TrimPrefix(s, "经")
	s = strings.TrimSuffix(s, "审议") // 审议通过
	if strings.HasSuffix(s, "会议") {
		if i := meetingAt(s); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSuffix(s, "会议")
	if i := strings.LastIndex(s, "公告"); i >= 0 && (i+len("公告") == len(s) || isNumberRef(s[i+len("公告"):])) {
		s = s[:i] // 公告, 公告第71号
	}
	if runeLen(s) < 2 || runeLen(s) > 40 {
		return ""
	}
	return s
}

// meetingAt returns where the name of a numbered meeting starts in s: at
// the 第 of 第N次 (第三十八次会议, 第6次部务会议) or at a year right before it
// (2021年第20次室务会议); -1 when s names none.
func meetingAt(s string) int {
	i := strings.LastIndex(s, "第")
	if i <= 0 {
		return -1
	}
	j := i + len("第")
	k := j
	for k < len(s) {
		r, n := utf8.DecodeRuneInString(s[k:])
		if !(r >= '0' && r <= '9' || isHanNumeral(r)) {
			break
		}
		k += n
	}
	if k == j || !strings.HasPrefix(s[k:], "次") {
		return -1
	}
	if y := i - len("年"); y >= 4 && s[y:i] == "年" && isDigits(s[y-4:y]) {
		return y - 4
	}
	return i
}

// isNumberRef reports whether s is a number reference: 第71号.
func isNumberRef(s string) bool {
	rest, ok := strings.CutPrefix(s, "第")
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, "号")
	return ok && isDigits(rest)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// withoutBreaks returns s without its spaces and line breaks.
func withoutBreaks(s string) string { return breaks.Replace(s) }

var breaks = strings.NewReplacer(" ", "", "\n", "")

// applyHistory sets the metadata a regulation's history block states:
// issued is the date of the last publication by order (公布 or 修订 with a
// 令 number, which also gives the document number and issuer), else of the
// first 公布/发布, else of the first adoption (通过); effective is the
// 施行 date. It fills only fields still unset.
func applyHistory(d *Doc, events []event) {
	if len(events) == 0 {
		return
	}
	m := &d.Meta
	var issued *event
	for i := range events {
		e := &events[i]
		if e.order != "" && (e.kind == "公布" || e.kind == "发布" || e.kind == "修订") {
			issued = e // the last order wins: a revision published by order
		}
	}
	if issued == nil {
		for _, kind := range []string{"公布", "发布", "通过"} {
			for i := range events {
				if events[i].kind == kind {
					issued = &events[i]
					break
				}
			}
			if issued != nil {
				break
			}
		}
	}
	if issued != nil {
		if m.Issued == nil {
			m.Issued = &Value{Value: issued.date, Span: issued.span, Origin: "body"}
			d.issuedBy = issued.kind
		}
		if m.Issuer == nil || m.Issuer.Origin == "header" {
			if org := issued.org; org != "" {
				m.Issuer = &Value{Value: org, Span: issued.line, Origin: "body"}
			}
		}
		if m.DocNumber == nil && issued.order != "" {
			m.DocNumber = &Value{Value: issued.order, Span: issued.line, Origin: "body"}
		}
	}
	for i := range events {
		if e := events[i]; e.kind == "施行" && m.Effective == nil {
			m.Effective = &Value{Value: e.date, Span: e.span, Origin: "body"}
		}
	}
}
