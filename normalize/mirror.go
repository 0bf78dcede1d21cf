package normalize

import (
	"slices"
	"unicode/utf8"
)

// MirrorVocabulary maps words that Taiwan-style converters substitute in
// mirrored mainland documents (after t2s) back to the mainland words the
// original used. It is applied only to lines that were converted from
// traditional script. OpenCC's tw2sp is not used wholesale: it corrupts real
// words (市档案馆 -> 市文件馆, 核心 -> 内核, 建立 -> 创建, 面板 -> 皮肤).
var MirrorVocabulary = map[string]string{
	"网际网路":  "互联网",
	"网路":    "网络",
	"数位":    "数字",
	"软体":    "软件",
	"硬体":    "硬件",
	"积体电路":  "集成电路",
	"智慧财产权": "知识产权",
	"智慧财产":  "知识产权",
	"资料库":   "数据库",
	"最佳化":   "优化",
	"套用":    "应用",
	"智慧型":   "智能",
	"人工智慧":  "人工智能",
	"行销":    "营销",
	"模组":    "模块",
	"计画":    "计划",
	"资讯科技":  "信息技术",
	"伺服器":   "服务器",
	"程式设计":  "程序设计",
	"云端运算":  "云计算",
	"物联网路":  "物联网",
	"韧体":    "固件",
	"晶片":    "芯片",
}

type vocab struct {
	words  map[string]string
	starts map[rune]int // first rune -> longest key in runes
}

func newVocab(words map[string]string) *vocab {
	v := &vocab{words: words, starts: map[rune]int{}}
	for k := range words {
		r, _ := utf8.DecodeRuneInString(k)
		v.starts[r] = max(v.starts[r], utf8.RuneCountInString(k))
	}
	return v
}

// Mirror replaces mirror vocabulary, longest word first, on the lines
// (0-based indexes) listed in lines; other lines are copied unchanged.
func Mirror(in []byte, lines map[int]bool, words map[string]string) ([]byte, Map) {
	if len(lines) == 0 {
		return in, Identity(len(in))
	}
	conv := make([]int, 0, len(lines))
	for l, ok := range lines {
		if ok {
			conv = append(conv, l)
		}
	}
	slices.Sort(conv)
	b := NewBuilder(in, len(in))
	var lb lineBuf
	newVocab(words).mirror(b, in, &lb, conv)
	return b.Finish()
}

// mirror is Mirror writing to b, for the lines listed in conv (ascending).
func (v *vocab) mirror(b *Builder, in []byte, lb *lineBuf, conv []int) {
	for start, line := 0, 0; start < len(in) && len(conv) > 0; line++ {
		end := indexByteFrom(in, start, '\n')
		if line == conv[0] {
			conv = conv[1:]
			lb.runes, lb.offs = decodeLine(in[start:end], start, lb.runes[:0], lb.offs[:0])
			v.replaceLine(b, in, lb.runes, lb.offs)
		}
		start = end + 1
	}
}

func (v *vocab) replaceLine(b *Builder, in []byte, rs []rune, offs []int) {
	for i := 0; i < len(rs); {
		longest, ok := v.starts[rs[i]]
		if !ok {
			i++
			continue
		}
		matched := 0
		for n := min(longest, len(rs)-i); n >= 2 && matched == 0; n-- {
			if repl, ok := v.words[string(in[offs[i]:offs[i+n]])]; ok {
				b.Copy(offs[i])
				b.Replace(offs[i+n], repl)
				matched = n
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
}
