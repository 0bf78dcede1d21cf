package corpus

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhengce/zhengce/internal/cjk"
	"github.com/zhengce/zhengce/internal/datenum"
)

// A line is one line of File.Norm.
type line struct {
	Span
	text string
}

// splitLines returns the lines of norm inside s. Their text shares norm's
// memory (norm is a File's Norm, never written again): whatever outlives
// the File, such as a dataset build's grouping records, copies it.
func splitLines(norm []byte, s Span) []line {
	out := make([]line, 0, bytes.Count(norm[s.Start:s.End], []byte{'\n'})+1)
	text := readOnlyString(norm)
	for i := s.Start; i < s.End; {
		j := s.End
		if k := bytes.IndexByte(norm[i:s.End], '\n'); k >= 0 {
			j = i + k
		}
		if j > i {
			out = append(out, line{Span{i, j}, text[i:j]})
		}
		i = j + 1
	}
	return out
}

// startsBracket reports whether s starts with an opening round bracket,
// as the line expressions that begin with [（(] require.
func startsBracket(s string) bool {
	return strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")
}

// bracketed reports whether s opens with a bracket and ends with a closing
// one, full-width or ASCII.
func bracketed(s string) bool {
	return startsBracket(s) && (strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")"))
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// endsSentence reports whether s ends with sentence punctuation.
func endsSentence(s string) bool {
	return strings.ContainsRune("。！？；", lastRune(s))
}

var (
	// dateRe matches a full Chinese date, in digits or in Chinese numerals.
	dateRe = lazy(datenum.Date)
	// yearRangeRe matches a bracketed year range after a title: （2022-2024年）.
	yearRangeRe = lazy(`^[（(]\d{4}\s*(?:[-—–－~至到]\s*\d{4}年?|年(?:版|修订|修正|修订版|修正版|修订本|修正本)?)[）)]$`)
	// draftRe matches the status marks of drafts.
	draftRe = lazy(`征求意见稿|草案|送审稿|讨论稿|征求意见|（代拟稿）`)
)

// CanonicalDocNumber returns s's first document number in canonical form
// (武政规〔2022〕6号), and its byte range in s; ok is false when s has none.
// It scans for 号 and reads backwards (no regular expression: it runs on
// every line).
func CanonicalDocNumber(s string) (num string, start, end int, ok bool) {
	for from := 0; ; {
		i := cjk.Index(s[from:], "号")
		if i < 0 {
			return "", 0, 0, false
		}
		i += from
		from = i + len("号")
		if num, start, ok := docNumberBefore(s, i); ok {
			return num, start, i + len("号"), true
		}
	}
}

// docNumberBefore reads 武政规〔2022〕6 backwards from the 号 at i.
func docNumberBefore(s string, i int) (string, int, bool) {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	k := j
	for k > 0 && s[k-1] >= '0' && s[k-1] <= '9' && j-k < 4 {
		k--
	}
	if k == j {
		return "", 0, false
	}
	seq := s[k:j]
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	if strings.HasSuffix(s[:k], "第") { // 〔2023〕第5号
		k -= len("第")
		for k > 0 && s[k-1] == ' ' {
			k--
		}
	}
	r, n := utf8.DecodeLastRuneInString(s[:k])
	if !strings.ContainsRune("〕］]】）)﹞", r) {
		return "", 0, false
	}
	k -= n
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	y := k
	for y > 0 && s[y-1] >= '0' && s[y-1] <= '9' && k-y < 4 {
		y--
	}
	year := s[y:k]
	if len(year) != 4 || (year[:2] != "19" && year[:2] != "20") {
		return "", 0, false
	}
	for y > 0 && s[y-1] == ' ' {
		y--
	}
	r, n = utf8.DecodeLastRuneInString(s[:y])
	if !strings.ContainsRune("〔［[【（(﹝", r) {
		return "", 0, false
	}
	y -= n
	h := y
	for count := 0; h > 0 && count < 15; count++ {
		r, n := utf8.DecodeLastRuneInString(s[:h])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		h -= n
	}
	if h == y {
		return "", 0, false
	}
	return s[h:y] + "〔" + year + "〕" + seq + "号", h, true
}

// isDocNumberLine reports whether a line is only a document number,
// possibly in brackets.
func isDocNumberLine(s string) bool {
	_, st, en, ok := CanonicalDocNumber(s)
	if !ok {
		return false
	}
	rest := strings.Trim(s[:st]+s[en:], "（）() ")
	return rest == ""
}

// policyKinds are the words a policy title ends with.
var policyKinds = []string{"方案", "政策", "意见", "办法", "规定", "通知", "细则", "措施", "计划", "决定", "条例", "纲要", "规划", "若干政策", "实施意见", "指引", "指南", "规则", "公告", "通告", "批复", "函", "决议", "要点", "清单", "标准", "章程", "制度", "举措", "通报", "导则", "守则"}

// isTitleEnd reports whether s ends like a policy title, allowing a
// trailing bracketed year range or draft mark.
func isTitleEnd(s string) bool {
	s = strings.TrimSpace(s)
	for {
		i := strings.LastIndexAny(s, "（(")
		if i <= 0 || !strings.ContainsRune("）)", lastRune(s)) {
			break
		}
		s = s[:i]
	}
	for _, k := range policyKinds {
		if strings.HasSuffix(s, k) {
			return true
		}
	}
	return isLawName(s)
}

// notLawWords end in 法 without naming a law: 工作方法, 依法, 违法.
var notLawWords = []string{"方法", "做法", "说法", "看法", "用法", "写法", "算法", "依法", "违法", "合法", "守法", "执法", "立法", "司法", "宪法"}

// isLawName reports whether s names a law: 中华人民共和国社会保险法,
// 反垄断法, 中华人民共和国立法法 (at least four characters ending in 法, not a
// word such as 工作方法). The Constitution's title ends 宪法 and reads as
// a title through its 中华人民共和国.
func isLawName(s string) bool {
	if !strings.HasSuffix(s, "法") || runeLen(s) < 4 {
		return false
	}
	for _, w := range notLawWords {
		if strings.HasSuffix(s, w) && !(w == "宪法" && strings.HasPrefix(s, "中华人民共和国")) {
			return false
		}
	}
	return true
}

// looksLikeTitleLine reports whether a line could be (part of) a title:
// short, with no sentence punctuation, no clause marker and no date.
func looksLikeTitleLine(s string) bool {
	if len(s) > 60*utf8.UTFMax {
		return false // more than 60 characters
	}
	n := runeLen(s)
	if n < 2 || n > 60 {
		return false
	}
	if strings.ContainsAny(s, "。；，：！？") {
		return false
	}
	if strings.IndexByte(s, '|') >= 0 && strings.Count(s, "|") >= 2 || strings.IndexByte(s, '>') >= 0 && strings.Count(s, ">") >= 2 || strings.Contains(s, "»") {
		return false // a site's navigation: 热门站点|世界资料网|…, 首页 > 政务公开 > 政策文件
	}
	if cjk.Contains(s, "年") && dateRe.MatchString(s) && !isTitleEnd(s) {
		return false
	}
	return true
}
