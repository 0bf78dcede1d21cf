package extract

import (
	"strings"
)

// localBefore returns the text before byte i of s back to the nearest
// clause boundary (，。；：、 or a bracket) or the end of the previous
// fact (floor), whichever is nearer.
func localBefore(s string, i, floor int) string {
	j := i
	for j > floor && i-j < maxContext/2 {
		r, n := lastRuneBefore(s, j)
		if strings.ContainsRune("，。；：、（）()\n", r) {
			break
		}
		j -= n
	}
	return s[j:i]
}

// localAfter returns the text after byte i of s up to the nearest clause
// boundary (，。；：、 or a newline), keeping bracketed (含) marks.
func localAfter(s string, i int) string {
	j := i
	for j < len(s) && j-i < maxContext/2 {
		r, n := firstRuneAt(s, j)
		if strings.ContainsRune("，。；：、\n", r) {
			break
		}
		j += n
	}
	return s[i:j]
}

var (
	maxBefore    = []string{"最高不超过", "最高不高于", "累计不超过", "最多不超过", "不超过", "不高于", "最高", "封顶", "上限为", "上限", "最多", "最长", "至多", "不大于"}
	minBefore    = []string{"不低于", "不少于", "不小于", "超过", "突破", "高于", "逾", "至少", "最低"}
	approxBefore = []string{"约", "近", "大约"}
)

// qualifier decides q from the words around a value and returns how many
// bytes of after belong to the matched text (以上, 左右 …).
func qualifier(before, after string) (q string, used int, inclusive *bool) {
	t, f := true, false
	rest := after
	if strings.HasPrefix(rest, "（含）") || strings.HasPrefix(rest, "(含)") {
		inclusive = &t
		rest = rest[len("（含）"):]
		used += len("（含）")
	} else if strings.HasPrefix(rest, "（不含）") {
		inclusive = &f
		rest = rest[len("（不含）"):]
		used += len("（不含）")
	}
	for _, w := range []struct{ word, q string }{{"及以上", Min}, {"以上", Min}, {"及以下", Max}, {"以下", Max}, {"以内", Max}, {"左右", Approx}, {"封顶", Max}, {"为限", Max}} {
		if strings.HasPrefix(rest, w.word) {
			return w.q, used + len(w.word), inclusive
		}
	}
	if used > 0 {
		used = 0 // (含) without a bound word is not part of the match
	}
	for _, w := range maxBefore {
		if strings.Contains(before, w) {
			return Max, 0, inclusive
		}
	}
	for _, w := range minBefore {
		if i := strings.Index(before, w); i >= 0 && !strings.HasSuffix(before[:i], "不") {
			return Min, 0, inclusive
		}
	}
	for _, w := range approxBefore {
		if strings.HasSuffix(before, w) || strings.Contains(before, w+"为") {
			return Approx, 0, inclusive
		}
	}
	return Exact, 0, inclusive
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	fundWords      = []string{"基金", "统筹安排", "规模", "预算", "资金池", "募集", "总盘子", "专项资金"}
	conditionWords = []string{"营业收入", "营收", "总投资", "投资额", "设备投资", "销售收入", "注册资本", "研发投入", "纳税", "年收入", "融资额", "主营业务收入", "实缴", "投资"}
	goalWords      = []string{"达到", "突破", "超过", "增加值", "产值", "实现", "增长", "提高", "提升", "比重", "不低于", "推进", "力争"}
	benefitWords   = []string{"给予", "奖励", "补助", "补贴", "资助", "资金支持", "奖补", "贴息", "一次性", "予以", "补偿", "配套", "扶持", "支持"}
	afterPayment   = []string{"资金", "支持", "补助", "奖励", "补贴", "资助", "奖补", "贴息"}
)

// moneyRole decides the role of an amount from its surroundings.
func moneyRole(before, after, sentence string) string {
	switch {
	case containsAny(before, fundWords):
		return "fund"
	case hasPrefixAny(after, conditionAfter) && !containsAny(after, afterPayment):
		return "threshold"
	case isGoalSentence(sentence) && containsAny(before, goalWords):
		return "target"
	case containsAny(before, conditionWords) && !containsAny(before, benefitWords):
		return "threshold"
	case containsAny(before, benefitWords) || containsAny(after, benefitWords) || strings.HasPrefix(after, "/") || strings.HasPrefix(after, "标准"):
		return "benefit"
	case containsAny(sentence, benefitWords) && !containsAny(before, goalWords):
		return "benefit"
	}
	return "other"
}
