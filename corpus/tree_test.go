package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outline returns each node of d as "path marker|own text", the own text
// of every piece joined by "/", for comparing trees in tests.
func outline(d *Doc) []string {
	var out []string
	for _, n := range d.Nodes() {
		var own []string
		for _, s := range n.Own {
			if t := strings.TrimSpace(d.Text(s)); t != "" {
				own = append(own, strings.ReplaceAll(t, "\n", "/"))
			}
		}
		out = append(out, fmt.Sprintf("%s|%s", n.Path, strings.Join(own, "/")))
	}
	return out
}

// TestTreePatterns writes each numbering scheme of FORMAT.md's decided
// cases as a short text and checks the paths it gives.
func TestTreePatterns(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		paths []string
	}{
		{"items numbered straight through headings",
			"一、总体要求\n1.目标一。\n2.目标二。\n二、重点任务\n3.任务一。\n4.任务二。\n三、保障\n5.保障一。",
			[]string{"", "1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"}},
		{"articles numbered straight through chapters",
			"第一章 总则\n第一条 为了规范。\n第二条 适用范围。\n第二章 管理\n第三条 管理要求。\n第三章 附则\n第四条 施行日期。",
			[]string{"", "1", "1.1", "1.2", "2", "2.1", "3", "3.1"}},
		{"a regulation's history block of dated records before its chapters",
			"洛阳市市区养犬管理规定\n\n1998年6月30日 洛阳市第十届人民代表大会常务委员会第三十二次会议通过\n\n1998年9月24日 河南省第九届人民代表大会常务委员会第五次会议批准\n\n2004年12月24日 洛阳市第十二届人民代表大会常务委员会第七次会议通过\n\n第一章 总则\n\n第一条 为加强对养犬的管理，制定本规定。\n\n第二条 本市城市建成区域内为限养区。",
			[]string{"", "1", "1.1", "1.2"}},
		{"a law database's labels before the history and the chapters",
			"某某条例\n【题注】（2001年4月29日某某市第十一届人民代表大会第四次会议通过）\n【章名】 第一章 总则\n第一条 为了规范立法活动，制定本条例。\n第二条 适用范围。\n【章名】 第二章 附则\n第三条 本条例自2001年8月1日起施行。",
			[]string{"", "1", "1.1", "1.2", "2", "2.1"}},
		{"an article inserted by an amendment is an article of its own",
			"第一章 总则\n第一条 为了规范。\n第二条 适用范围。\n第二条之一 市人民政府应当加强领导。\n第二条之二 区人民政府负责实施。\n第三条 有下列情形之一的，处罚款：\n1)未登记的；\n2)未年检的。\n第四条 依照第二条之一规定执行。",
			[]string{"", "1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.5.1", "1.5.2", "1.6"}},
		{"headings numbered 一． or 一. as others number 一、",
			"一．总体要求\n（一）指导思想。\n二.重点任务\n（一）给予奖励。",
			[]string{"", "1", "1.1", "2", "2.1"}},
		{"items numbered with one character (㈠, ⑴, ⒈)",
			"第一条 有下列情形之一的：\n㈠从重处罚的；\n㈡从轻处罚的。\n第二条 措施：\n⑴加强领导；\n⑵完善设施。\n第三条 要求：\n⒈建立制度；\n⒉加强考核。",
			[]string{"", "1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1", "3.2"}},
		{"items printed inside one paragraph are a level of their own",
			"第一条 有下列情形之一的，处五百元以下罚款：（一）未登记的；（二）未年检的；（三）其他情形。\n第二条 本办法自2020年1月1日起施行。",
			[]string{"", "1", "1.1", "1.2", "1.3", "2"}},
		{"an item line that goes on with the next items",
			"第一条 有下列情形之一的：\n（一）未登记的；  （二）未年检的；\n（三）其他情形。",
			[]string{"", "1", "1.1", "1.2", "1.3"}},
		{"circled items inside a paragraph",
			"一、支持方式：①贷款贴息；②融资担保。\n二、申报。",
			[]string{"", "1", "1.1", "1.2", "2"}},
		{"a reference to an item is not an item",
			"第一条 违反本条第（一）项规定的，依照第（二）项处理。\n第二条 施行。",
			[]string{"", "1", "2"}},
		{"a run that does not count from one is text",
			"第一条 前款：（三）未登记的；（四）未年检的。\n第二条 施行。",
			[]string{"", "1", "2"}},
		{"chapters, sections and articles",
			"第一章 总则\n第一条 目的。\n第二章 管理\n第一节 一般规定\n第二条 规定。\n第三条 规定。\n第二节 占用管理\n第四条 占用。\n第三章 附则\n第五条 施行。",
			[]string{"", "1", "1.1", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.1", "3", "3.1"}},
		{"articles in Arabic digits",
			"第1条 为了规范。\n第2条 适用范围。\n第3条 施行。",
			[]string{"", "1", "2", "3"}},
		{"OCR-spaced article numbers",
			"第9条 规定。\n第1 0条 规定。\n第1 1条 施行。",
			[]string{"", "1", "2", "3"}},
		{"articles under headings a level below them",
			"一、总则\n（一）目的\n第1条 为了规范。\n第2条 适用。\n二、管理\n（一）要求\n第3条 管理。",
			[]string{"", "1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "2.1.1"}},
		{"parts",
			"第一部分 总体要求\n一、目标\n第二部分 重点任务\n一、任务",
			[]string{"", "1", "1.1", "2", "2.1"}},
		{"decimal outline",
			"某某技术规范\n1 总则\n1.1 目的\n为了规范。\n1.2 范围\n1.2.1 适用对象\n2 要求\n2.1 管理",
			[]string{"", "1", "1.1", "1.2", "1.2.1", "2", "2.1"}},
		{"decimal outline under numbered headings",
			"1.总则\n1.1 目的\n1.2 范围\n2.要求\n2.1 管理",
			[]string{"", "1", "1.1", "1.2", "2", "2.1"}},
		{"only parenthesised and half-parenthesised numbers",
			"(1)申请材料；\n(2)审核材料；\n1)第一步\n2)第二步\n①细则",
			[]string{"", "1", "2", "2.1", "2.2", "2.2.1"}},
		{"a paragraph after an article's items belongs to the article",
			"第七条 费用包括：\n（一）受理费；\n（二）处理费。\n本条第（二）项规定的费用由申请人预付。\n第八条 施行。",
			[]string{"", "1", "1.1", "1.2", "2"}},
		{"items inside one paragraph of a policy keep their text",
			"一、总体要求\n（一）目标\n到2025年完成。\n其他说明。\n二、保障",
			[]string{"", "1", "1.1", "2"}},
		{"a closing sentence inside an article",
			"第一条 规定。\n本办法施行前已经登记的，继续有效。\n第二条 本办法自2020年1月1日起施行。",
			[]string{"", "1", "2"}},
		{"closing text ends the tree",
			"一、总则\n正文。\n本办法自2020年1月1日起施行。\n1.不是条款的编号",
			[]string{"", "1"}},
		{"a list restarting without its heading continues",
			"1.甲\n2.乙\n1.丙\n2.丁",
			[]string{"", "1", "2", "3", "4"}},
		{"a list starting at 2 continued by 3",
			"引言\n二、组织\n正文。\n三、职责\n正文。",
			[]string{"", "1", "2"}},
		{"a lone number 2 is text",
			"引言\n二、组织\n正文。",
			[]string{""}},
		{"a table of contents is not clauses",
			"某某条例\n第一章 总则 1\n第二章 管理 3\n第三章 附则 5\n第一章 总则\n第一条 为了规范。\n第二章 管理\n第二条 管理。\n第三章 附则\n第三条 施行。",
			[]string{"", "1", "1.1", "2", "2.1", "3", "3.1"}},
		{"a table's 序号 column is not a clause",
			"一、任务\n序号\t单位\t任务\n1\t市财政局\t1\n2\t市发展改革委\t2",
			[]string{"", "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Parse(tc.name+".txt", []byte(tc.text))
			require.NoError(t, err)
			require.Len(t, docs, 1)
			assert.Equal(t, tc.paths, pathsOf(docs[0]), "%q", outline(docs[0]))
		})
	}
}

// TestArticleParagraph checks where the text of an article with items
// goes: its lead-in and its closing paragraph are the article's own text.
func TestArticleParagraph(t *testing.T) {
	d := MustParse("a.txt", "第七条 费用包括：\n（一）受理费；\n（二）处理费。\n本条第（二）项规定的费用由申请人预付。\n第八条 施行。")[0]
	assert.Equal(t, []string{
		"|",
		"1|第七条费用包括：/本条第（二）项规定的费用由申请人预付。",
		"1.1|（一）受理费；",
		"1.2|（二）处理费。",
		"2|第八条施行。",
	}, outline(d))
}

// TestAttachments checks the parts printed after a document's main text.
func TestAttachments(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		paths []string
		title string
	}{
		{"a notice with items of its own prints its plan as A1",
			"关于印发《某某方案》的通知\n各区人民政府：\n现将方案印发给你们。\n一、要求一。\n二、要求二。\n附件：某某方案\n某某市人民政府\n2026年9月7日\n附件\n某某方案\n为落实要求，制定本方案。\n一、总体要求\n正文。\n二、重点任务\n（一）任务一。",
			[]string{"", "1", "2", "A1", "A1.1", "A1.2", "A1.2.1"}, "某某方案"},
		{"a wrapper's carried policy is the document",
			"关于印发《某某办法》的通知\n各区人民政府：\n现将《某某办法》印发给你们，请认真执行。\n某某市人民政府\n2026年9月7日\n附件\n某某办法\n第一条 为了规范。\n第二条 施行。",
			[]string{"", "1", "2"}, "某某办法"},
		{"a consultation announcement carries its draft",
			"关于公开征求《某某管理办法（征求意见稿）》意见的公告\n为广泛听取意见，现向社会公开征求意见。征求意见时间：2026年2月17日至3月18日。\n附件：某某管理办法（征求意见稿）\n某某市司法局\n2026年2月16日\n附件\n某某管理办法（征求意见稿）\n第一章 总则\n第一条 为了规范。\n第二条 适用范围。",
			[]string{"", "1", "1.1", "1.2"}, "某某管理办法（征求意见稿）"},
		{"a wrapper's carried policy keeps its own attachments",
			"关于印发《某某办法》的通知\n现将《某某办法》印发给你们。\n某某局\n2026年9月7日\n附件\n某某办法\n第一条 规定。\n第二条 施行。\n附件1：申请表\n一、填写说明",
			[]string{"", "1", "2", "A1", "A1.1"}, "某某办法"},
		{"numbered attachments after the date",
			"第一条 规定。\n第二条 施行。\n某某局\n2020年1月1日\n附件1：申请表\n一、填写说明\n附件2：评分标准\n一、评分\n二、说明",
			[]string{"", "1", "2", "A1", "A1.1", "A2", "A2.1", "A2.2"}, ""},
		{"an attachment without numbered items",
			"第一条 规定。\n第二条 施行。\n附件：\n收费表\n1000元以下的部分\t40元",
			[]string{"", "1", "2", "A1"}, ""},
		{"attachment list lines and download links are not attachments",
			"一、要求。\n附件：1.申请表\n2.评分标准\n附件：申请表.docx\n某某局\n2020年1月1日",
			[]string{"", "1"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Parse(tc.name+".txt", []byte(tc.text))
			require.NoError(t, err)
			require.Len(t, docs, 1)
			d := docs[0]
			assert.Equal(t, tc.paths, pathsOf(d), "%q", outline(d))
			if tc.title != "" {
				require.NotNil(t, d.Meta.Title)
				assert.Equal(t, tc.title, d.Meta.Title.Value)
			}
		})
	}
}

// FuzzTree builds trees from arbitrary sequences of marker lines and text,
// some markers following text on its line:
// every character of the policy lies in exactly one node's own text (or in
// an excluded span), paths are unique, and nothing panics.
func FuzzTree(f *testing.F) {
	markers := []string{"一、", "二、", "三、", "（一）", "（二）", "1.", "2.", "3.", "（1）", "①", "第一章", "第二章", "第一节", "第一条", "第二条", "第3条", "第一部分", "1.1", "1.2", "2.1", "——", "附件", "附件1", "本办法自2020年1月1日起施行。", "2020年1月1日", "某某局"}
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte{10, 13, 14, 13, 11, 14, 15, 21, 12, 9})
	f.Add([]byte{0, 5, 1, 6, 23, 24, 22, 0, 3})
	f.Fuzz(func(t *testing.T, seq []byte) {
		if len(seq) > 200 {
			seq = seq[:200]
		}
		var b strings.Builder
		for i, c := range seq {
			m := markers[int(c)%len(markers)]
			b.WriteString(m)
			if c&0x80 != 0 {
				b.WriteString("正文")
				b.WriteString(fmt.Sprint(i))
				b.WriteString("。")
			}
			if c&0xa0 != 0xa0 { // text then the next marker on the same line: items inside a paragraph
				b.WriteString("\n")
			}
			if c&0x40 != 0 {
				b.WriteString("续行文字。\n")
			}
		}
		docs, err := Parse("fuzz.txt", []byte(b.String()))
		if err != nil {
			return // nothing but noise
		}
		for _, d := range docs {
			checkTree(t, d)
		}
	})
}

// checkTree checks that the own texts of d's nodes and its excluded spans
// cover every non-blank byte of the policy once, and that paths are unique.
func checkTree(t *testing.T, d *Doc) {
	t.Helper()
	owner := make([]int, d.Span.Len())
	seen := map[string]bool{}
	for k, n := range d.Nodes() {
		if seen[n.Path] {
			t.Fatalf("path %q twice: %q", n.Path, outline(d))
		}
		seen[n.Path] = true
		for _, s := range n.Own {
			if s.Start < d.Span.Start || s.End > d.Span.End || s.Start > s.End {
				t.Fatalf("node %q owns %v outside the policy %v", n.Path, s, d.Span)
			}
			for i := s.Start; i < s.End; i++ {
				if owner[i-d.Span.Start] != 0 {
					t.Fatalf("byte %d owned by two nodes (%q)", i, n.Path)
				}
				owner[i-d.Span.Start] = k + 1
			}
		}
	}
	for _, e := range d.Exclude {
		for i := max(e.Start, d.Span.Start); i < min(e.End, d.Span.End); i++ {
			owner[i-d.Span.Start] = -1
		}
	}
	norm := d.File.Norm
	for i, o := range owner {
		if o == 0 && norm[d.Span.Start+i] != '\n' {
			t.Fatalf("byte %d (%q) owned by no node: %q", d.Span.Start+i, d.Text(Span{d.Span.Start + i, d.Span.Start + i + 1}), outline(d))
		}
	}
}

func TestIsDownloadLink(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"附件1：申报表.docx", true},
		{"关于印发实施方案的通知.PDF  ", true},
		{"附件.zip", true},
		{".et", true},
		{"一、总体要求。", false},
		{"见附件.docx说明", false},
		{"统计表.xlsxx", false},
		{"版本1.2", false},
		{"", false},
	} {
		assert.Equal(t, c.want, isDownloadLink(c.s), c.s)
	}
}

// TestClosingUnderHeading checks that the closing provisions printed
// under a numbered 附则 heading are that item's text, and the signature
// after them the document's.
func TestClosingUnderHeading(t *testing.T) {
	docs, err := Parse("a.txt", []byte("一、总则\n（一）支持企业。\n二、附则\n本政策由市发展改革委负责解释。\n本政策自2023年1月1日起施行。\n某某市人民政府\n2022年12月1日\n"))
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, []string{"|某某市人民政府/2022年12月1日", "1|一、总则", "1.1|（一）支持企业。", "2|二、附则/本政策由市发展改革委负责解释。/本政策自2023年1月1日起施行。"}, outline(docs[0]))
}
