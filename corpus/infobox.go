package corpus

import (
	"strings"
)

// infoLabels are the labels of the metadata a portal prints around a
// policy (an information box, a header of labelled lines, page chrome):
// lines made of them are metadata, not body text.
var infoLabels = []string{
	"索引号", "政策文号", "发文字号", "文号", "组配分类", "主题分类", "体裁分类", "公文种类", "发布机构", "发文机关", "发文机构", "发文单位",
	"联合发文单位", "成文日期", "发文日期", "发布日期", "公布日期", "发布时间", "实施日期", "施行日期", "生效日期", "失效日期", "废止日期",
	"有效性", "时效性", "时效状态", "效力级别", "公开方式", "公开范围", "公开属性", "标题", "名称", "文件来源", "信息来源", "来源", "链接",
	"字体", "浏览次数", "点击数", "作者", "时间", "颁布日期", "颁布时间", "颁布单位", "发布单位", "实施时间", "施行时间", "生效时间",
	"阅读", "浏览", "下载地址",
}

// labelledItems reads a line of labelled metadata: cells of a table row
// that alternate label and value (索引号⇥…⇥文号⇥…), or label：value pairs
// (政策文号：…实施日期：…). It returns nil unless the whole line is such
// items, each label one of infoLabels.
func labelledItems(l line) []InfoItem {
	t := l.text
	if strings.Contains(t, "\t") {
		cells := strings.Split(t, "\t")
		var out []InfoItem
		for k := 0; k < len(cells); k += 2 {
			key := strings.Trim(cells[k], "：:[]【】 ")
			if !isInfoLabel(key) {
				return nil
			}
			v := ""
			if k+1 < len(cells) {
				v = strings.TrimSpace(cells[k+1])
			}
			out = append(out, InfoItem{Key: key, Value: v, Span: l.Span})
		}
		return out
	}
	t = strings.TrimLeft(t, "[【")
	var out []InfoItem
	for t != "" {
		key, n := labelAt(t)
		if n == 0 {
			return nil
		}
		t = t[n:]
		end := len(t)
		for i := range t {
			if _, m := labelAt(t[i:]); m > 0 {
				end = i
				break
			}
		}
		out = append(out, InfoItem{Key: key, Value: strings.TrimSpace(strings.Trim(t[:end], "[]【】")), Span: l.Span})
		t = strings.TrimLeft(t[end:], "[【 ")
	}
	return out
}

// labelAt reads a label and its colon at the start of s (成文日期：,
// [发文字号]); n is its length in bytes, 0 when s does not start with one.
func labelAt(s string) (key string, n int) {
	for _, k := range infoLabels {
		rest, ok := strings.CutPrefix(s, k)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, "]】")
		if c, ok := strings.CutPrefix(rest, "："); ok {
			return k, len(s) - len(c)
		}
		if c, ok := strings.CutPrefix(rest, ":"); ok {
			return k, len(s) - len(c)
		}
	}
	return "", 0
}

func isInfoLabel(s string) bool {
	for _, k := range infoLabels {
		if s == k {
			return true
		}
	}
	return false
}
