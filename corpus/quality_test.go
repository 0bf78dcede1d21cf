package corpus

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLooksNumbered(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"第一章 总则", true},
		{"## 第二章　道路管理", true},
		{"第1条 为了规范", true},
		{"第1 0条 本办法", true},
		{"第二部分 重点任务", true},
		{"第十二条规定的情形", true}, // looks numbered: a reference at a line start is rare and listed
		{"一、总体要求", true},
		{"（三）加强保障", true},
		{"(3)加强保障", true},
		{"1.实行登记制度", true},
		{"2、规范管理", true},
		{"3）建立制度", true},
		{"①申请材料", true},
		{"1.1 总体目标", true},
		{"2.3.1 工作任务", true},
		{"1.5亿元的资金", false},
		{"2.5%的比例", false},
		{"三、四、五级企业", false},
		{"第一时间向社区报告", false},
		{"2022年6月1日", false},
		{"各区人民政府：", false},
		{"", false},
	} {
		assert.Equal(t, tc.want, LooksNumbered(tc.line), "%q", tc.line)
	}
}

func TestQuality(t *testing.T) {
	docs := MustParse("q.txt", "关于加强管理的办法\n一、总体要求\n为加强管理，制定本办法。\n（一）目标\n到2025年完成。\n1.5亿元的资金由市财政安排。\n二、保障措施\n（一）加强领导\n3.附则内容不在清单中\n")
	require.Len(t, docs, 1)
	q := docs[0].Quality()
	assert.True(t, q.Tree)
	assert.Equal(t, 4, q.Nodes)
	assert.Equal(t, 5, q.NumberedLines)
	require.Len(t, q.Missed, 1, "3. after no 1. is text, and listed")
	assert.Equal(t, MissedLine{Line: 9, Text: "3.附则内容不在清单中"}, q.Missed[0])
	assert.Greater(t, q.BodyChars, q.RootChars)
	assert.Equal(t, 1, q.MetaFields, "the title")
}
