package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/zhengce/zhengce/internal/cjk"
)

// localBefore returns the text before byte i of s back to the nearest
// clause boundary (，。；：、 or a bracket) or the end of the previous
// fact (floor), whichever is nearer.
func localBefore(s string, i, floor int) string {
	return s[scanBack(s, i, floor, maxContext/2, stopBefore):i]
}

// localAfter returns the text after byte i of s up to the nearest clause
// boundary (，。；：、 or a newline), keeping bracketed (含) marks.
func localAfter(s string, i int) string {
	j, _ := scanFwd(s, i, maxContext/2, stopAfter)
	return s[i:j]
}

// Classes of the characters the context scans stop at.
const (
	stopSentence = 1 << iota // 。；！？ and the line break: the end of a sentence
	stopBefore               // ，。；：、（）() and the line break: where localBefore stops
	stopAfter                // ，。；：、 and the line break: where localAfter stops
)

// asciiStops, stopsE380 and stopsEFBC give the classes of the ASCII stop
// characters, of those in U+3000..U+303F (E3 80 xx) and of those in
// U+FF00..U+FF3F (EF BC xx), by their last byte.
var (
	asciiStops = [128]uint8{'\n': stopSentence | stopBefore | stopAfter, '(': stopBefore, ')': stopBefore}
	stopsE380  = [64]uint8{0x02: stopSentence | stopBefore | stopAfter /* 。 */, 0x01: stopBefore | stopAfter /* 、 */}
	stopsEFBC  = [64]uint8{
		0x0C: stopBefore | stopAfter,                /* ， */
		0x1B: stopSentence | stopBefore | stopAfter, /* ； */
		0x1A: stopBefore | stopAfter,                /* ： */
		0x01: stopSentence,                          /* ！ */
		0x1F: stopSentence,                          /* ？ */
		0x08: stopBefore,                            /* （ */
		0x09: stopBefore,                            /* ） */
	}
)

// stops3 returns the stop classes of the three-byte character b0 b1 b2.
func stops3(b0, b1, b2 byte) uint8 {
	switch {
	case b0 == 0xE3 && b1 == 0x80:
		return stopsE380[b2&0x3F]
	case b0 == 0xEF && b1 == 0xBC:
		return stopsEFBC[b2&0x3F]
	}
	return 0
}

// scanBack steps back from byte i of s, a well-formed text, one character
// at a time, while it stays above floor and less than limit bytes from i,
// up to a character of class stop, and returns where it stopped.
func scanBack(s string, i, floor, limit int, stop uint8) int {
	j := i
	for j > floor && i-j < limit {
		c := s[j-1]
		if c < utf8.RuneSelf {
			if asciiStops[c]&stop != 0 {
				break
			}
			j--
			continue
		}
		k := j - 1
		for k > 0 && j-k < utf8.UTFMax && s[k]&0xC0 == 0x80 {
			k--
		}
		if j-k == 3 && stops3(s[k], s[k+1], s[k+2])&stop != 0 {
			break
		}
		j = k
	}
	return j
}

// scanFwd steps forward from byte i of s, a well-formed text, one
// character at a time, while less than limit bytes from i, up to a
// character of class stop, and returns where that character starts and
// ends (both where the scan stopped when it met none).
func scanFwd(s string, i, limit int, stop uint8) (at, after int) {
	j := i
	for j < len(s) && j-i < limit {
		c := s[j]
		if c < utf8.RuneSelf {
			if asciiStops[c]&stop != 0 {
				return j, j + 1
			}
			j++
			continue
		}
		n := runeLenAt(s, j)
		if n == 3 && j+2 < len(s) && stops3(c, s[j+1], s[j+2])&stop != 0 {
			return j, j + 3
		}
		j += n
	}
	return j, j
}

// runeLenAt returns the length of the character starting at byte i of s,
// a well-formed text.
func runeLenAt(s string, i int) int {
	switch c := s[i]; {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
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
		if cjk.Contains(before, w) {
			return Max, 0, inclusive
		}
	}
	for _, w := range minBefore {
		if i := cjk.Index(before, w); i >= 0 && !strings.HasSuffix(before[:i], "不") {
			return Min, 0, inclusive
		}
	}
	for _, w := range approxBefore {
		if strings.HasSuffix(before, w) || cjk.Contains(before, w+"为") {
			return Approx, 0, inclusive
		}
	}
	return Exact, 0, inclusive
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if cjk.Contains(s, w) {
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
