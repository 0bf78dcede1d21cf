package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStages(t *testing.T) {
	tests := []struct {
		name  string
		stage func([]byte) ([]byte, Map)
		in    string
		want  string
	}{
		{"clean crlf", func(b []byte) ([]byte, Map) { o, m, _ := Clean(b); return o, m }, "一\r\n二\r三", "一\n二\n三"},
		{"clean zero width and bom", func(b []byte) ([]byte, Map) { o, m, _ := Clean(b); return o, m }, "\uFEFF第\u200b1条\x00", "第1条"},
		{"clean pinyin readings after characters", func(b []byte) ([]byte, Map) { o, m, _ := Clean(b); return o, m }, "開發(fā)區(qū)、企業（yè）給予補(bǔ)助、業（è）(ǔ)", "開發區、企業給予補助、業"},
		{"clean keeps brackets that are no reading", func(b []byte) ([]byte, Map) { o, m, _ := Clean(b); return o, m }, "條件(a)、認證（DCMM）、(fā)開頭、Café(é)", "條件(a)、認證（DCMM）、(fā)開頭、Café(é)"},
		{"clean ideographic space", func(b []byte) ([]byte, Map) { o, m, _ := Clean(b); return o, m }, "　武汉\u00a0市", " 武汉 市"},
		{"width digits", Width, "２００ 万元", "200 万元"},
		{"width keeps 。and 、", Width, "２０％，支持。甲、乙", "20%，支持。甲、乙"},
		{"punctuation in chinese context", Punctuation, "(一)深化,推进:补贴;对吗?", "（一）深化，推进：补贴；对吗？"},
		{"punctuation keeps latin", Punctuation, "1,000 and a:b (c)", "1,000 and a:b (c)"},
		{"bracket pair around latin", Punctuation, "认证(DCMM)三级", "认证（DCMM）三级"},
		{"bracket pair with year", Punctuation, "(2022-2024年)", "（2022-2024年）"},
		{"leader runs untouched", Punctuation, "综合类!!!!!! 1", "综合类!!!!!! 1"},
		{"width double hyphen bullet", Width, "--坚持全面贯彻", "——坚持全面贯彻"},
		{"width double hyphen bullet after an indent", Width, "\t --坚持全面贯彻", "\t ——坚持全面贯彻"},
		{"width double hyphen in a table cell stays", Width, "甲\t--\t乙", "甲\t--\t乙"},
		{"width double hyphen before emphasis", Width, "--**坚持**全面贯彻", "——**坚持**全面贯彻"},
		{"width double hyphen after emphasis", Width, "**--**坚持", "**——**坚持"},
		{"width hyphens that emphasis marks split", Width, "-**-坚持", "—**—坚持"},
		{"width three hyphens across emphasis stay", Width, "-**--坚持", "-**--坚持"},
		{"width hyphens a space splits stay", Width, "- -坚持", "- -坚持"},
		{"private decimal", func(b []byte) ([]byte, Map) { o, m, _ := Private(b, PrivateGlyphs); return o, m }, "0\uE0105万元/亩", "0.5万元/亩"},
		{"spaces cjk", Spaces, "2022 年 6 月 1 日 施行", "2022年6月1日施行"},
		{"spaces latin", Spaces, "Open  Source 软件", "Open Source软件"},
		{"spaces line ends", Spaces, " 武汉市 \n ", "武汉市\n"},
		{"spaces keep table cells", Spaces, "\t序号 \t 单位\t\t金额\t\n1\t市财政局 \t2 0 0 ", "序号\t单位\t金额\n1\t市财政局\t2 0 0"},
		{"clean keeps tabs", func(b []byte) ([]byte, Map) { o, m, _ := Clean(b); return o, m }, "序号\t单位\f", "序号\t单位 "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, m := tc.stage([]byte(tc.in))
			if string(got) != tc.want {
				t.Errorf("%s(%q) = %q; want %q", tc.name, tc.in, got, tc.want)
			}
			checkMap(t, m, len(tc.in), len(got))
		})
	}
}

// checkMap checks that m's segments lie in order inside an input of inLen
// bytes and an output of outLen bytes, with copied runs of equal lengths
// between them.
func checkMap(t *testing.T, m Map, inLen, outLen int) {
	t.Helper()
	in, out := 0, 0
	for _, s := range m.Segs {
		if int(s.InStart) < in || int(s.OutStart) < out || s.InEnd < s.InStart || s.OutEnd < s.OutStart || int(s.InStart)-in != int(s.OutStart)-out {
			t.Fatalf("segment %+v out of order or after a copied run of unequal lengths (in %d, out %d)", s, in, out)
		}
		in, out = int(s.InEnd), int(s.OutEnd)
	}
	if m.InLen != inLen || inLen-in != outLen-out {
		t.Fatalf("map of %d input bytes ends at in %d out %d; want %d bytes, and %d %d", m.InLen, in, out, inLen, inLen, outLen)
	}
}

func TestIllFormedIsCounted(t *testing.T) {
	out, _, n := Clean([]byte("补贴\xff\xfe30%"))
	if n != 2 || string(out) != "补贴\uFFFD\uFFFD30%" {
		t.Errorf("Clean = %q, %d; want two replacements", out, n)
	}
	r, err := Run([]byte("补贴\xff30%"))
	if err != nil || r.IllFormed != 1 || len(r.Warnings) != 1 {
		t.Errorf("Run: ill-formed %d, warnings %v, err %v", r.IllFormed, r.Warnings, err)
	}
}

func TestSimplify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"支持數字經濟加快發展", "支持数字经济加快发展"},
		{"顯著提升", "显著提升"},
		{"显著提升数字经济", "显著提升数字经济"}, // simplified text is left alone
		{"適用於大數據環境", "适用于大数据环境"},
	}
	for _, tc := range tests {
		got, _, _, _, err := Simplify([]byte(tc.in))
		if err != nil || string(got) != tc.want {
			t.Errorf("Simplify(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestMirror(t *testing.T) {
	tests := []struct{ in, want string }{
		{"工業網際網路平台", "工业互联网平台"},
		{"人工智慧計算中心", "人工智能计算中心"},
		{"智慧型化改造項目", "智能化改造项目"},
		{"打造算法智慧財產權運營平台", "打造算法知识产权运营平台"},
		{"套用服務產品", "应用服务产品"},
		{"市檔案館", "市档案馆"}, // tw2sp would make this 市文件馆
		{"核心技術", "核心技术"}, // and this 内核技术
	}
	for _, tc := range tests {
		r, err := Run([]byte(tc.in))
		if err != nil || string(r.Norm) != tc.want {
			t.Errorf("Run(%q) = %q, %v; want %q", tc.in, r.Norm, err, tc.want)
		}
	}
}

func TestDenoise(t *testing.T) {
	in := strings.Join([]string{
		"目 录", "综合类!!!!!!!!!! 1", "工业提升三年行动方案!!!!!! 3",
		"…的二级节点择优予以最", "— 33—", "第二部分 数字经济类", "第35页", "高 200万元资金支持。",
		"（三）完善平台。", "— 34—", "第二部分 数字经济类", "第36页", "正文。",
		"檪檪檪檪檪檪", "殏 殏", "粉丝: {{bookData.followerCount}}", "——**光**。充分发挥",
		"上一篇：关于开展某某活动的通知", "下一篇：某某市2023年第一季度经济运行情况", "相关链接：中国政府网",
		"抓好上一篇文章的落实。",
	}, "\n")
	out, m, noise := Denoise([]byte(in))
	want := "…的二级节点择优予以最\n高 200万元资金支持。\n（三）完善平台。\n正文。\n——光。充分发挥\n抓好上一篇文章的落实。"
	if string(out) != want {
		t.Errorf("Denoise =\n%s\nwant\n%s", out, want)
	}
	checkMap(t, m, len(in), len(out))
	kinds := map[NoiseKind]int{}
	for _, n := range noise {
		kinds[n.Kind]++
	}
	for k, n := range map[NoiseKind]int{PageMarker: 4, RunningHeader: 2, Contents: 3, Decoration: 2, Chrome: 4, Markup: 2} {
		if kinds[k] != n {
			t.Errorf("%s noise: %d; want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
}

func TestJoinLines(t *testing.T) {
	full := strings.Repeat("政策", 15)
	// three lines wrapped at the same margin make the text hard-wrapped
	// (lines that differ: a line repeated counts once)
	wrapped := []string{full, strings.Repeat("规定", 15), strings.Repeat("措施", 15)}
	para, joined := strings.Join(wrapped, "\n")+"\n", strings.Join(wrapped, "")
	tests := []struct{ name, in, want string }{
		{"wrapped", para + full + "\n\n继续。", joined + full + "继续。"},
		{"sentence end", para + full + "。\n继续", joined + full + "。\n继续"},
		{"heading after sentence", para + full + "。\n（二）下一条", joined + full + "。\n（二）下一条"},
		{"enumeration is not a heading", para + full + "认证（DCMM）\n三、四、五级的软件企业", joined + full + "认证（DCMM）三、四、五级的软件企业"},
		{"short title kept", "工业提升三年行动方案\n（2022-2024年）\n" + para + full, "工业提升三年行动方案\n（2022-2024年）\n" + joined + full},
		{"unwrapped text keeps its breaks", full + "\n" + full, full + "\n" + full},
		{"blank lines dropped", "\n\n一、总体要求\n\n", "一、总体要求"},
		{"table rows stay lines", para + full + "\n序号\t单位\n1\t市财政局\n" + full, joined + full + "\n序号\t单位\n1\t市财政局\n" + full},
		{"dated records stay lines", "1998年6月30日洛阳市第十届人民代表大会常务委员会第三十二次会议通过\n1998年9月24日河南省第九届人民代表大会常务委员会第五次会议批准\n2004年12月24日洛阳市第十二届人民代表大会常务委员会第七次会议通过\n第一条为加强对养犬的管理，制定本规定。", "1998年6月30日洛阳市第十届人民代表大会常务委员会第三十二次会议通过\n1998年9月24日河南省第九届人民代表大会常务委员会第五次会议批准\n2004年12月24日洛阳市第十二届人民代表大会常务委员会第七次会议通过\n第一条为加强对养犬的管理，制定本规定。"},
		{"a wrapped line starting with a date joins", para + full + "自\n2020年1月1日起施行" + full + "\n" + full, joined + full + "自2020年1月1日起施行" + full + full},
		{"a dated record that wrapped ends before the clause after it",
			"河南省实施办法\n2010年5月28日河南省第十一届人民代表大会常务委员会第十五次会\n议通过\n2016年3月29日河南省第十二届人民代表大会常务委员会第二十次会\n议《关于修改〈河南省煤炭条例〉等十部地方性法规的决定》修正\n第一条为了" + full + "\n" + para + full + "。",
			"河南省实施办法\n2010年5月28日河南省第十一届人民代表大会常务委员会第十五次会议通过\n2016年3月29日河南省第十二届人民代表大会常务委员会第二十次会议《关于修改〈河南省煤炭条例〉等十部地方性法规的决定》修正\n第一条为了" + full + joined + full + "。"},
		{"an article after a full line is a line of its own", para + "2008年7月17日经人力资源和社会保障部第6次部务会议通过" + full + "\n第一条为了实施条例，制定本实施办法。", joined + "2008年7月17日经人力资源和社会保障部第6次部务会议通过" + full + "\n第一条为了实施条例，制定本实施办法。"},
		{"a chapter after a full line is a line of its own", para + full + "第二次修正\n第一章总则\n第一条为了保护海洋环境，制定本规定。", joined + full + "第二次修正\n第一章总则\n第一条为了保护海洋环境，制定本规定。"},
		{"a dated record after a full title is a line of its own", "山东省实施《中华人民共和国固体废物污染环境防治法》办法\n2002年9月28日山东省第九届人民代表大会常务委员会第三十一次会议通过\n第一条为了实施。\n" + para + full + "。",
			"山东省实施《中华人民共和国固体废物污染环境防治法》办法\n2002年9月28日山东省第九届人民代表大会常务委员会第三十一次会议通过\n第一条为了实施。\n" + joined + full + "。"},
		{"a signature's date after a full line is a line of its own", para + full + "附件：部门职责分工\n2020年2月21日", joined + full + "附件：部门职责分工\n2020年2月21日"},
		{"a date that ends a wrapped sentence joins", para + full + "有效期至\n2025年12月31日", joined + full + "有效期至2025年12月31日"},
		{"a sentence that runs on into a date joins", para + full + "本条例经\n2010年9月29日河南省第十一届人民代表大会常务委员会批准。", joined + full + "本条例经2010年9月29日河南省第十一届人民代表大会常务委员会批准。"},
		{"a reference to an article after a full line joins", para + full + "依照本法\n第十条规定处理。", joined + full + "依照本法第十条规定处理。"},
		{"a reference to an article and its paragraph joins", para + full + "违反本法\n第十条第二款的，责令改正。", joined + full + "违反本法第十条第二款的，责令改正。"},
		{"a rule is a line of its own", "—\n0—", "—\n0—"},
		{"a line ending in -- is not joined", para + full + "--\n坚持", joined + full + "--\n坚持"},
		{"a single hyphen joins", para + full + "2020-\n2025年", joined + full + "2020-2025年"},
		{"hyphens at a line's end and the next line's start stay apart", para + full + "坞-\n-坞", joined + full + "坞-\n-坞"},
		{"a title printed three times is no wrap margin",
			"某某市人民代表大会常务委员会制定地方性法规条例\n下载地址：点击此处下载\n某某市人民代表大会常务委员会制定地方性法规条例\n某某省某某市人大常委会\n某某市人民代表大会常务委员会制定地方性法规条例\n第一条为了规范立法活动，制定本条例。",
			"某某市人民代表大会常务委员会制定地方性法规条例\n下载地址：点击此处下载\n某某市人民代表大会常务委员会制定地方性法规条例\n某某省某某市人大常委会\n某某市人民代表大会常务委员会制定地方性法规条例\n第一条为了规范立法活动，制定本条例。"},
		{"labelled lines of one width among longer lines are no wrap margin",
			"某某市人民代表大会常务委员会制定地方性法规条例\n作者：法律资料网时间：2024-07-22 05:37:26浏览：9174来源：法律资料网\n某某省某某市人大常委会\n颁布日期：2001-6-3\n实施日期：2001-8-1\n下载地址：点击此处下载\n【章名】第一章总则\n【章名】第二章附则\n颁布单位：某某市人民代表大会常务委员会",
			"某某市人民代表大会常务委员会制定地方性法规条例\n作者：法律资料网时间：2024-07-22 05:37:26浏览：9174来源：法律资料网\n某某省某某市人大常委会\n颁布日期：2001-6-3\n实施日期：2001-8-1\n下载地址：点击此处下载\n【章名】第一章总则\n【章名】第二章附则\n颁布单位：某某市人民代表大会常务委员会"},
		{"table rows are no wrap margin", strings.Repeat("附件：任务清单一二三四五六七\t单位名称甲乙丙丁\n", 4) + "丽水市人民政府\n2023年10月16日", strings.Repeat("附件：任务清单一二三四五六七\t单位名称甲乙丙丁\n", 4) + "丽水市人民政府\n2023年10月16日"},
	}
	// a wrapped notice title whose last line nearly reaches the margin
	// stays apart from the document number after it
	notice := "某某市人民政府办公室关于转发某某市城乡建设投资有限公司管\n理办法和某某市国有资产经营有限责任公司管理办法的通知\n余府办发〔2008〕52号\n" + para + full + "。"
	res, err := Run([]byte(notice))
	if err != nil {
		t.Fatal(err)
	}
	if want := "某某市人民政府办公室关于转发某某市城乡建设投资有限公司管理办法和某某市国有资产经营有限责任公司管理办法的通知\n余府办发〔2008〕52号\n"; !strings.HasPrefix(string(res.Norm), want) {
		t.Errorf("Run(%q) = %q; want it to start %q", notice, res.Norm, want)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, m := JoinLines([]byte(tc.in))
			if string(got) != tc.want {
				t.Errorf("JoinLines(%q) = %q; want %q", tc.in, got, tc.want)
			}
			checkMap(t, m, len(tc.in), len(got))
		})
	}
}

func TestLeadingMarker(t *testing.T) {
	tests := []struct {
		in     string
		family Family
		value  int
		ok     bool
	}{
		{"一、总体要求", HanComma, 1, true},
		{"（十二）加强", HanParen, 12, true},
		{"(三) 指导思想", HanParen, 3, true},
		{"3.建设", DigitDot, 3, true},
		{"1.5亿元的项目", "", 0, false},
		{"（2）支持", DigitParen, 2, true},
		{"②推动", Circled, 2, true},
		{"——引培", Bullet, 0, true},
		{"第十五条 本办法", Item, 15, true},
		{"三、四、五级的软件企业", "", 0, false},
		{"2022年起", "", 0, false},
		{"第1条 为了", Item, 1, true},
		{"第1 0条 本办法", Item, 10, true},
		{"第二部分 重点任务", Part, 2, true},
		{"第一编 总则", Part, 1, true},
		{"1.1 总体目标", Outline2, 1, true},
		{"2.3.1工作任务", Outline3, 1, true},
		{"1.5万元的补贴", "", 0, false},
		{"2.5倍", "", 0, false},
		{"3）建立制度", DigitHalf, 3, true},
		{"3)建立制度", DigitHalf, 3, true},
		{"3)5", "", 0, false},
		{"二．重点任务", HanComma, 2, true},
		{"十二. 保障措施", HanComma, 12, true},
		{"一.5", "", 0, false},
		{"⑵加强领导", DigitParen, 2, true},
		{"⒊完善设施", DigitDot, 3, true},
		{"㈢从重处罚的", HanParen, 3, true},
	}
	for _, tc := range tests {
		m, ok := LeadingMarker(tc.in)
		if ok != tc.ok || m.Family != tc.family || m.Value != tc.value || m.Sub != 0 {
			t.Errorf("LeadingMarker(%q) = %+v, %v; want %s %d %v", tc.in, m, ok, tc.family, tc.value, tc.ok)
		}
	}
	// an article inserted by an amendment: its number, then the one after 之
	for _, tc := range []struct {
		in         string
		value, sub int
		text       string
	}{
		{"第十条之一 市人民政府", 10, 1, "市人民政府"},
		{"第2条之二本条例", 2, 2, "本条例"},
		{"第十条之规定", 10, 0, "之规定"},
	} {
		m, ok := LeadingMarker(tc.in)
		if !ok || m.Family != Item || m.Value != tc.value || m.Sub != tc.sub || tc.in[m.Len:] != tc.text {
			t.Errorf("LeadingMarker(%q) = %+v, %v; want 第X条 %d sub %d before %q", tc.in, m, ok, tc.value, tc.sub, tc.text)
		}
	}
}

// TestChromeMarksFound checks the one-pass search against chromeMarks
// itself, each mark at the start, inside and at the end of a line, cut
// short, and in every seed line.
func TestChromeMarksFound(t *testing.T) {
	want := func(key string) bool {
		for _, m := range chromeMarks {
			if strings.Contains(key, m) {
				return true
			}
		}
		return false
	}
	var keys []string
	for _, m := range chromeMarks {
		short := m[:len(m)-1]
		keys = append(keys, m, "前"+m, m+"后", "文字"+m+"文字", short, "文字"+short, "{"+short)
	}
	keys = append(keys, "", "{", "{x{", "粉", "当前位置", "一键", "翻页效",
		// marks right after bytes that do not make a whole character
		"\xe4粉丝:", "\xe5\xbd当前位置：", "\xe7\xbf{{", "\xbf一键上传", "文\xe4\xb8一键上传", "\xf0\x9f翻页效果", "é{{", "é粉丝：")
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, strings.Split(string(raw), "\n")...)
	}
	found := 0
	for _, k := range keys {
		if got := hasChromeMark(k); got != want(k) {
			t.Errorf("hasChromeMark(%q) = %v", k, got)
		} else if got {
			found++
		}
	}
	if found < 3*len(chromeMarks) {
		t.Errorf("only %d keys hold a mark", found)
	}
}

// TestSubstituteMapsLikeReplace checks that same-length substitutions map
// every rune boundary as Replace does, with no segment at all.
func TestSubstituteMapsLikeReplace(t *testing.T) {
	in := []byte("發展經濟ab")
	sub, rep := NewBuilder(in, len(in)), NewBuilder(in, len(in))
	for i, r := range []string{"发", "展", "经", "济"} {
		sub.Substitute(3*(i+1), r)
		rep.Replace(3*(i+1), r)
	}
	so, sm := sub.Finish()
	ro, rm := rep.Finish()
	if string(so) != "发展经济ab" || string(so) != string(ro) {
		t.Fatalf("outputs %q, %q", so, ro)
	}
	if len(sm.Segs) != 0 {
		t.Errorf("%d segments; want none", len(sm.Segs))
	}
	checkMap(t, sm, len(in), len(so))
	for off := 0; off <= len(so); off += 3 {
		if off > 12 {
			off = len(so)
		}
		if sm.Start(off) != rm.Start(off) || sm.End(off) != rm.End(off) {
			t.Errorf("offset %d: Substitute maps to %d,%d; Replace to %d,%d", off, sm.Start(off), sm.End(off), rm.Start(off), rm.End(off))
		}
	}
	sub = NewBuilder(in, len(in))
	sub.Substitute(6, "x") // another length: a Replace
	out, m := sub.Finish()
	if string(out) != "x經濟ab" || len(m.Segs) != 1 || m.Segs[0] != (Segment{0, 6, 0, 1}) {
		t.Errorf("Substitute of another length: %q %+v", out, m.Segs)
	}
}

// TestDisplayWidthFastPaths checks the byte-level shortcuts of
// displayWidth against IsCJK over the blocks they cover and around them.
func TestDisplayWidthFastPaths(t *testing.T) {
	for _, block := range [][2]rune{{0x2F00, 0x3100}, {0x3FF0, 0xA000}, {0xFE00, 0x10000}} {
		for r := block[0]; r < block[1]; r++ {
			if r >= 0xD800 && r < 0xE000 {
				continue
			}
			want := 1
			if IsCJK(r) {
				want = 2
			}
			if got := displayWidth([]byte(string(r))); got != want {
				t.Fatalf("displayWidth(%U) = %d, want %d", r, got, want)
			}
		}
	}
}

// TestLeaderPrecheck checks that every leader passes mayHoldLeader, alone
// and inside text, so that the shortcut never hides a contents line.
func TestLeaderPrecheck(t *testing.T) {
	for _, l := range leaders {
		for _, key := range []string{l, "第一章总则" + l + "3", l + "12"} {
			if !mayHoldLeader(key) {
				t.Errorf("mayHoldLeader(%q) = false", key)
			}
		}
	}
	if mayHoldLeader("一、总体要求。（一）发展目标") {
		t.Error("a line without leaders passes")
	}
}
