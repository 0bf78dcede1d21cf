package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// readSignature reads the signature of a policy from its text outside
// numbered clauses and attachments: the bodies that sign it and the date
// under them (成文日期). Signatures come as one body a line over the date
// line, several bodies on one or more lines (separated by spaces in the
// input, which normalization removes), or bodies and date on one line. The
// first signature gives issuer and issued, a body signature taking the
// place of a header's issuer; a date line alone under other text (局长：…,
// the last sentence of a notice) gives issued when nothing else has.
func readSignature(d *Doc, lines []line) {
	m := &d.Meta
	var lone *line
	for j := range lines {
		l := lines[j]
		if d.excluded(l.Span) || !d.inRootText(l.Span) {
			continue
		}
		date, dateSpan, orgsEnd, ok := signatureDate(l)
		if !ok {
			continue
		}
		var orgs []string
		var orgSpan Span
		if orgsEnd > l.Start {
			orgs = splitOrgs(d, Span{l.Start, orgsEnd})
			orgSpan = Span{l.Start, orgsEnd}
		}
		first := j // the block's first line
		if len(orgs) == 0 {
			orgsEnd = -1
			for k := j - 1; k >= 0 && k >= j-6; k-- {
				p := lines[k]
				if d.excluded(p.Span) || !d.inRootText(p.Span) {
					break
				}
				names := splitOrgs(d, p.Span)
				if len(names) == 0 {
					// a body's name wrapped over two lines: 省市场监管局新型冠状病毒感染的
					// / 肺炎疫情防控工作领导小组
					if len(orgs) > 0 && headsName(p.text, orgs[0]) {
						orgs[0] = p.text + orgs[0]
						orgSpan.Start = p.Start
						first = k
					}
					break
				}
				orgs = append(names, orgs...)
				orgSpan = Span{p.Start, max(orgSpan.End, p.End)}
				first = k
			}
		}
		// an announcement that publishes a regulation (…审议通过，现予公布)
		// is signed on the day it is published, which the history's
		// adoption date does not override
		published := publishes(d, lines, first)
		if len(orgs) == 0 {
			if lone == nil && orgsEnd < 0 {
				lone = &lines[j]
				if published {
					m.Issued = nil
				}
			}
			continue
		}
		if m.Issuer == nil || m.Issuer.Origin == "header" || published {
			m.Issuer = &Value{Value: strings.Join(dedupe(orgs), "、"), Span: orgSpan, Origin: "body"}
		}
		if m.Issued == nil || published {
			m.Issued = &Value{Value: date, Span: dateSpan, Origin: "body"}
		}
		return
	}
	if lone != nil && m.Issued == nil {
		date, dateSpan, _, _ := signatureDate(*lone)
		m.Issued = &Value{Value: date, Span: dateSpan, Origin: "body"}
	}
}

// headsName reports whether a line s above a signature's first body, name,
// is the head of that body's name, wrapped: short, without punctuation,
// naming a body itself (省市场监管局新型冠状病毒感染的), no closing formula
// (特此通知), and making one name with it.
func headsName(s, name string) bool {
	if runeLen(s) > 30 || strings.ContainsAny(s, "，。；：、 ") || strings.HasPrefix(s, "特此") || strings.HasPrefix(s, "此") {
		return false
	}
	for _, w := range orgSuffixes {
		if strings.Contains(s, w) {
			return isOrg(s + name)
		}
	}
	return false
}

// publishWords end the sentence of an announcement that publishes a
// regulation.
var publishWords = []string{"现予公布", "予以公布", "现予发布", "予以发布", "现予颁布", "予以颁布", "现予公告"}

// publishes reports whether the text right above the signature block that
// starts at line i (the line above it, or the one above a signer's name
// line such as 局长：某某) publishes a regulation.
func publishes(d *Doc, lines []line, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if d.excluded(lines[k].Span) {
			return false
		}
		for _, w := range publishWords {
			if strings.Contains(lines[k].text, w) {
				return true
			}
		}
	}
	return false
}

// signatureStart reports whether line i ends a signature block (bodies
// and a date) and returns where the block starts: the bodies before the
// date on the line, or the lines of bodies above it.
func signatureStart(d *Doc, lines []line, i int) (int, bool) {
	l := lines[i]
	_, _, orgsEnd, ok := signatureDate(l)
	if !ok {
		return 0, false
	}
	if orgsEnd > l.Start {
		return l.Start, splitOrgs(d, Span{l.Start, orgsEnd}) != nil
	}
	start, top := -1, -1
	for k := i - 1; k >= 0 && k >= i-6 && splitOrgs(d, lines[k].Span) != nil; k-- {
		start, top = lines[k].Start, k
	}
	if top > 0 {
		// the head of the first body's name, wrapped onto the line above
		if names := splitOrgs(d, lines[top].Span); headsName(lines[top-1].text, names[0]) {
			start = lines[top-1].Start
		}
	}
	if start < 0 && endsDocument(lines, i+1) {
		// a date alone that the text ends with: the signature's date, its
		// bodies not printed (or dropped by the crawler)
		return l.Start, true
	}
	return start, start >= 0
}

// endsDocument reports whether the lines from i on hold nothing but short
// bracketed notes (（此件主动公开）) and closing lines (抄送, 附件), up to
// the end or an attachment.
func endsDocument(lines []line, i int) bool {
	for ; i < len(lines); i++ {
		t := lines[i].text
		switch {
		case strings.TrimSpace(t) == "", bracketed(t) && runeLen(t) <= 20, isClosing(t):
		case strings.HasPrefix(t, "附件"), strings.HasPrefix(t, "附录"):
			return true
		default:
			return false
		}
	}
	return true
}

// signatureDate reads the date a signature line ends with: a line that is
// only a full date, or bodies then a date. orgsEnd is where the text before
// the date ends (the line's start for a date alone).
func signatureDate(l line) (date string, span Span, orgsEnd int, ok bool) {
	t := l.text
	if !strings.HasSuffix(t, "日") || runeLen(t) > 80 {
		return "", Span{}, 0, false
	}
	if isDateLine(t) {
		sm := dateLineRe.FindStringSubmatch(t)
		return isoDate(sm[1], sm[2], sm[3]), l.Span, l.Start, true
	}
	loc := dateRe.FindStringSubmatchIndex(t)
	if loc == nil || loc[1] != len(t) || loc[0] == 0 {
		return "", Span{}, 0, false
	}
	return isoDate(t[loc[2]:loc[3]], t[loc[4]:loc[5]], t[loc[6]:loc[7]]), Span{l.Start + loc[0], l.End}, l.Start + loc[0], true
}

// splitOrgs returns the bodies a signature line names, or nil when it is
// not a line of bodies: the line split where the input separated names by
// spaces (which normalization removed) and at 、 and ，, each piece a body.
func splitOrgs(d *Doc, s Span) []string {
	var out []string
	for _, p := range d.inputPieces(s) {
		for _, name := range strings.FieldsFunc(p, func(r rune) bool { return r == '、' || r == '，' }) {
			if !isOrg(name) {
				return nil
			}
			out = append(out, name)
		}
	}
	return out
}

// inputPieces splits the normalized text s where the input (before
// normalization) had white space between two characters.
func (d *Doc) inputPieces(s Span) []string {
	text := d.Text(s)
	src := d.File.Source.Text
	var out []string
	start := 0
	prevEnd := -1 // end in the input of the character before i
	for i := 0; i < len(text); {
		_, n := utf8.DecodeRuneInString(text[i:])
		st, en := d.File.Result.InputSpan(s.Start+i, s.Start+i+n)
		if prevEnd >= 0 && st > prevEnd && st <= len(src) && hasSpace(src[prevEnd:st]) && i > start {
			out = append(out, text[start:i])
			start = i
		}
		prevEnd = en
		i += n
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

func hasSpace(b []byte) bool {
	for _, r := range string(b) {
		if unicode.IsSpace(r) {
			return true
		}
	}
	return false
}

// inRootText reports whether s lies in the policy's text outside numbered
// clauses and attachments.
func (d *Doc) inRootText(s Span) bool {
	for _, o := range d.Root.Own {
		if o.Contains(s) {
			return true
		}
	}
	return false
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
