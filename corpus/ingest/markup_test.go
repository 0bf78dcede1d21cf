package ingest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkMap checks that every byte of s.Text that is also a byte of the raw
// input maps back to that byte: the text is made of pieces of the input.
func checkMap(t *testing.T, s *Source) {
	t.Helper()
	for i := 0; i < len(s.Text); i++ {
		st, en := s.Maps.Span(i, i+1)
		if en-st == 1 && s.Raw[st] != s.Text[i] {
			t.Fatalf("text byte %d (%q) maps to raw byte %d (%q)", i, s.Text[i], st, s.Raw[st])
		}
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		meta           map[string]string
	}{
		{"front matter and comments", "---\ntitle: \"仲裁收费办法\"\npublish_date: \"1995-07-28\"\ntags:\n  - 法律法规\n  - 行政法规\n---\n# 仲裁收费办法\n\n1995年7月28日 国务院发布\n\n<!-- INFO END -->\n\n第一条 为了规范。\n",
			"仲裁收费办法\n\n1995年7月28日 国务院发布\n\n\n\n第一条 为了规范。\n",
			map[string]string{"title": "仲裁收费办法", "publish_date": "1995-07-28", "tags": "法律法规、行政法规"}},
		{"heading marks", "## 第一章　总  则 ##\n### 第一节 一般规定\n#标签\n", "第一章　总  则\n第一节 一般规定\n#标签\n", nil},
		{"contents made of links", "# 劳动合同法\n\n***目录***\n\n[第一章 总则](#第一章-总则)\n\n* [第一节 集体合同](#第一节-集体合同)\n\n## 第一章 总则\n", "劳动合同法\n\n\n\n\n\n\n\n第一章 总则\n", nil},
		{"tables", "| 序号 | 单位 | 金额（元） |\n|---|:---:|---|\n| 1 | 市财政局 | 200 |\n", "序号\t单位\t金额（元）\n\n1\t市财政局\t200\n", nil},
		{"quotes, lists, links and images", "> 引用的话\n- 列表项\n见[附件](http://example.invalid/a.doc)。![图](a.png)\n\\*不是强调\\*\n", "引用的话\n列表项\n见附件。\n*不是强调*\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Decode("doc.md", []byte(tc.in))
			require.NoError(t, err)
			assert.Equal(t, "markdown", s.Format)
			assert.Equal(t, tc.want, string(s.Text))
			if tc.meta != nil {
				assert.Equal(t, tc.meta, s.Page.Meta)
			}
			checkMap(t, s)
		})
	}
}

func TestMarkdownDetection(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"a.md", "第一条 规定。", true},
		{"a.MARKDOWN", "第一条 规定。", true},
		{"-", "---\ntitle: x\n---\n正文", true},
		{"-", "# 标题\n\n## 第一章\n正文", true},
		{"a.txt", "# 标题\n正文", false},
		{"a.txt", "---\n正文里没有键值\n---\n", false},
	} {
		assert.Equal(t, tc.want, isMarkdown(tc.name, []byte(tc.text)), "%s %q", tc.name, tc.text)
	}
}

func TestHTMLTablesAndInlineText(t *testing.T) {
	page := `<html><body><div class="article">
<p>关于下达任务的通知</p>
<p>于<span>2021</span>
<span>年</span>
<span>2</span><span>月</span>印发。</p>
<table><tr><th>序号</th><th>安置单位名称</th><th>安置<br>任务</th></tr>
<tr><td>1</td><td><p>丽水</p><p>学院</p></td><td>1</td></tr>
<tr>
  <td>2</td>
  <td>市体彩中心</td>
  <td>1</td>
</tr></table>
<p>此后的正文。</p>
</div></body></html>`
	s, err := Decode("page.html", []byte(page))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(s.Text)), "\n")
	assert.Equal(t, []string{
		"关于下达任务的通知",
		"于2021年2月印发。",
		"序号\t安置单位名称\t安置任务",
		"1\t丽水学院\t1",
		"2\t市体彩中心\t1",
		"此后的正文。",
	}, lines)
	checkMap(t, s)
}
