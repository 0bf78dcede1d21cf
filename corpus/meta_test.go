package corpus

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metaValues returns the metadata fields of d that are set, by their JSON
// names, with the status.
func metaValues(d *Doc) map[string]string {
	m := d.Meta
	out := map[string]string{"status": m.Status}
	for name, v := range map[string]*Value{"title": m.Title, "doc_number": m.DocNumber, "issuer": m.Issuer, "issued": m.Issued,
		"printed": m.Printed, "effective": m.Effective, "validity": m.Validity, "expires": m.Expires} {
		if v.Set() {
			out[name] = v.Value
		}
	}
	return out
}

// TestMetadataPatterns writes each way real policies state their metadata
// as a short text and checks what is read.
func TestMetadataPatterns(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		want             map[string]string
	}{
		{"an order publishes a ministry's rule", "a.md",
			"# 公民举报奖励办法\n\n2022年6月6日 中华人民共和国国家安全部令第2号公布\n\n## 第一章 总则\n\n第一条 为了规范。\n\n第二条 本办法自公布之日起施行。\n",
			map[string]string{"title": "公民举报奖励办法", "doc_number": "中华人民共和国国家安全部令第2号", "issuer": "中华人民共和国国家安全部", "issued": "2022-06-06", "effective": "2022-06-06", "status": "final"}},
		{"a revision by order is the last publication", "a.md",
			"# 保障中小企业款项支付条例\n\n2020年7月5日 中华人民共和国国务院令第728号公布\n\n2025年3月17日 中华人民共和国国务院令第802号修订）\n\n第一条 为了规范。\n",
			map[string]string{"title": "保障中小企业款项支付条例", "doc_number": "中华人民共和国国务院令第802号", "issuer": "中华人民共和国国务院", "issued": "2025-03-17", "status": "final"}},
		{"a local regulation adopted, approved, published and in force", "a.md",
			"# 青岛市市政工程设施管理办法\n\n1990年7月20日 青岛市第十届人民代表大会常务委员会第十七次会议通过\n\n1990年8月30日 山东省第七届人民代表大会常务委员会第十七次会议批准\n\n1990年9月1日 青岛市人民代表大会常务委员会公告公布\n\n1990年10月1日 施行\n\n第一条 为加强管理。\n",
			map[string]string{"title": "青岛市市政工程设施管理办法", "issuer": "青岛市人民代表大会常务委员会", "issued": "1990-09-01", "effective": "1990-10-01", "status": "final"}},
		{"a regulation only adopted, revised by decision", "a.md",
			"# 河南省实施办法\n\n2010年5月28日 河南省第十一届人民代表大会常务委员会第十五次会议通过\n\n2016年3月29日 河南省第十二届人民代表大会常务委员会第二十次会议《关于修改〈河南省煤炭条例〉等十部地方性法规的决定》修正\n\n第一条 为了规范。\n",
			map[string]string{"title": "河南省实施办法", "issuer": "河南省第十一届人民代表大会常务委员会", "issued": "2010-05-28", "status": "final"}},
		{"a national law adopted then amended, in one bracket", "a.md",
			"# 中华人民共和国社会保险法\n\n（2010年10月28日第十一届全国人民代表大会常务委员会第十七次会议通过 根据2018年12月29日第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国社会保险法〉的决定》修正）\n\n第一条 为了规范。\n",
			map[string]string{"title": "中华人民共和国社会保险法", "issuer": "第十一届全国人民代表大会常务委员会", "issued": "2010-10-28", "status": "final"}},
		{"a law adopted, amended, and the amendment's order", "a.md",
			"# 中华人民共和国劳动合同法\n\n（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过根据2012年12月28日第十一届全国人民代表大会常务委员会第三十次会议《关于修改＜中华人民共和国劳动合同法＞的决定》修正主席令第73号）\n\n第一条 为了规范。\n",
			map[string]string{"title": "中华人民共和国劳动合同法", "issuer": "第十届全国人民代表大会常务委员会", "issued": "2007-06-29", "status": "final"}},
		{"a law's title ends in 法", "a.txt",
			"中华人民共和国反垄断法\n第一条 为了规范。",
			map[string]string{"title": "中华人民共和国反垄断法", "status": "final"}},
		{"a law's history statement broken over two lines", "a.txt",
			"中华人民共和国银行业监督管理法\n（2003年12月27日第十届全国人民代表大会\n常务委员会第六次会议通过）\n第一章 总则\n第一条 为了加强监督管理，制定本法。\n",
			map[string]string{"title": "中华人民共和国银行业监督管理法", "issuer": "第十届全国人民代表大会常务委员会", "issued": "2003-12-27", "status": "final"}},
		{"an amendment on the statement's second line", "a.txt",
			"中华人民共和国某某法\n（2010年10月28日第十一届全国人民代表大会常务委员会第十七次会议通过\n根据2018年12月29日第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国某某法〉的决定》修正）\n第一条 为了规范，制定本法。\n",
			map[string]string{"title": "中华人民共和国某某法", "issuer": "第十一届全国人民代表大会常务委员会", "issued": "2010-10-28", "status": "final"}},
		{"a bracketed note that is not a statement stays text", "a.txt",
			"某某办法\n（2020年修订\n第一条 为了规范（试行）。\n",
			map[string]string{"title": "某某办法", "status": "final"}},
		{"a certificate's validity is not the policy's", "a.txt",
			"某某出境管理细则\n第一条 为了规范管理，制定本细则。\n第二条 护照有效期5年，可以延期二次。居住证有效期为3年。\n",
			map[string]string{"title": "某某出境管理细则", "status": "final"}},
		{"the policy's validity in an article of its own", "a.txt",
			"某某办法\n第一条 为了规范管理，制定本办法。\n第二条 本办法自2020年1月1日起施行。\n第三条 有效期3年。\n",
			map[string]string{"title": "某某办法", "effective": "2020-01-01", "validity": "P3Y", "expires": "2022-12-31", "status": "final"}},
		{"the policy's validity after its certificate's", "a.txt",
			"某某办法\n第一条 居住证有效期为1年。\n第二条 本办法自2020年1月1日起施行，有效期为3年。\n",
			map[string]string{"title": "某某办法", "effective": "2020-01-01", "validity": "P3Y", "expires": "2022-12-31", "status": "final"}},
		{"a wrapper's title broken before 的通知", "a.txt",
			"武汉市人民政府关于印发武汉市支持数字经济加快发展若干政策\n的通知\n各区人民政府：\n现印发给你们，请认真贯彻执行。\n一、给予奖励。\n",
			map[string]string{"title": "武汉市支持数字经济加快发展若干政策", "issuer": "武汉市人民政府", "status": "final"}},
		{"a title over three lines", "a.txt",
			"武汉市支持数字经济\n加快发展\n若干政策\n一、给予奖励。\n",
			map[string]string{"title": "武汉市支持数字经济加快发展若干政策", "status": "final"}},
		{"a header mark over a two-line title", "a.txt",
			"特急\n关于加快推进结算工作\n的实施意见\n各省医保局：\n现就有关事项提出如下意见：\n一、工作目标。\n",
			map[string]string{"title": "关于加快推进结算工作的实施意见", "status": "final"}},
		{"the issuer over a two-line title", "a.txt",
			"湖北省人民政府办公厅\n关于加快推进结算工作\n的实施意见\n各市人民政府：\n现就有关事项提出如下意见：\n一、工作目标。\n",
			map[string]string{"title": "关于加快推进结算工作的实施意见", "status": "final"}},
		{"a State Council rule with its release and force dates", "a.md",
			"# 仲裁委员会仲裁收费办法\n\n1995年7月28日 国务院发布\n\n1995年9月1日 施行\n\n第一条 为了规范。\n",
			map[string]string{"title": "仲裁委员会仲裁收费办法", "issuer": "国务院", "issued": "1995-07-28", "effective": "1995-09-01", "status": "final"}},
		{"an order line and a dated signature under the minister's name", "a.txt",
			"医疗保障基金举报处理暂行办法\n（国家医疗保障局令第 5 号）\n《医疗保障基金举报处理暂行办法》已经审议通过，现予公布，自2022年3月1日起施行。\n局 长：胡静林\n2022年1月29日\n第一条 为规范举报处理工作。\n第二条 本办法自2022年3月1日起施行。",
			map[string]string{"title": "医疗保障基金举报处理暂行办法", "doc_number": "国家医疗保障局令第5号", "issuer": "国家医疗保障局", "issued": "2022-01-29", "effective": "2022-03-01", "status": "final"}},
		{"joint issuers and date on one line", "a.txt",
			"关于加快推进结算工作的通知\n（医保发〔2021〕27 号）\n各省医保局：\n现就有关事项通知如下：\n一、工作目标\n2021年底前完成。\n二、工作要求\n加强领导。\n国家医保局 财政部 2021年4月12日",
			map[string]string{"title": "关于加快推进结算工作的通知", "doc_number": "医保发〔2021〕27号", "issuer": "国家医保局、财政部", "issued": "2021-04-12", "status": "final"}},
		{"joint issuers over several lines", "a.txt",
			"关于印发《某省行动方案》的通知\n各有关单位：\n现印发给你们。\n一、要求。\n附件：某省行动方案\n某省发展改革委　　某省能源局\n某省人民政府国有资产监督管理委员会\n中国人民银行某省分行\n2026年9月7日",
			map[string]string{"title": "某省行动方案", "issuer": "某省发展改革委、某省能源局、某省人民政府国有资产监督管理委员会、中国人民银行某省分行", "issued": "2026-09-07", "status": "final"}},
		{"a wrapper dated without a signature, valid to a month's end", "a.txt",
			"各市场监管局：\n《关于促进经济增长的若干举措》已经局长办公会同意，现印发给你们。\n江西省市\n2020年2月12日\n为促进经济增长，现提出如下举措：\n简化审批。\n上述举措执行期自发布之日起至2020年12月底。",
			map[string]string{"title": "关于促进经济增长的若干举措", "issued": "2020-02-12", "effective": "2020-02-12", "expires": "2020-12-31", "status": "final"}},
		{"valid to a date, no validity computed", "a.txt",
			"某某办法\n第一条 规定。\n第二条 本办法自2023年1月1日起施行，有效期至2027年12月31日。",
			map[string]string{"title": "某某办法", "effective": "2023-01-01", "expires": "2027-12-31", "status": "final"}},
		{"a portal's labelled header is metadata, not body", "a.txt",
			"政策文号：京政发〔2020〕1号\n实施日期：2020-01-01失效日期：2022-12-31\n链接：http://example.invalid/a\n某某实施办法\n一、总则\n正文。",
			map[string]string{"title": "某某实施办法", "doc_number": "京政发〔2020〕1号", "effective": "2020-01-01", "expires": "2022-12-31", "status": "final"}},
		{"a consultation announcement is a wrapper of its draft", "a.txt",
			"关于公开征求《某某管理办法（征求意见稿）》意见的公告\n现向社会公开征求意见。\n附件：某某管理办法（征求意见稿）\n某某市司法局\n2026年2月16日\n附件\n某某管理办法（征求意见稿）\n第一条 为了规范。",
			map[string]string{"title": "某某管理办法（征求意见稿）", "issuer": "某某市司法局", "issued": "2026-02-16", "status": "draft"}},
		{"a portal's menu entries are no title", "a.txt",
			"返回首页\n通知公告\n规划计划\n统计信息\n关于做好职工法律援助工作的联合通知\n各设区市司法局：\n现就有关事项通知如下：\n一、提高认识。\n",
			map[string]string{"title": "关于做好职工法律援助工作的联合通知", "status": "final"}},
		{"dates in Chinese numerals", "a.txt",
			"某某管理规定\n第一条 为了规范。\n第二条 本规定自一九九三年二月一日起施行。\n某某市人民政府\n一九九二年十二月三十一日\n",
			map[string]string{"title": "某某管理规定", "issuer": "某某市人民政府", "issued": "1992-12-31", "effective": "1993-02-01", "status": "final"}},
		{"a history block in Chinese numerals", "a.md",
			"# 某某条例\n\n一九九〇年七月二十日 某某市第十届人民代表大会常务委员会第十七次会议通过\n\n第一条 为了规范。\n",
			map[string]string{"title": "某某条例", "issuer": "某某市第十届人民代表大会常务委员会", "issued": "1990-07-20", "status": "final"}},
		{"a page's title in traditional script reads as the text does", "a.md",
			"---\ntitle: \"中華人民共和國公民出境入境管理法實施細則\"\n---\n第一條 為了規範出境入境管理，制定本細則。\n第二條 本細則自發布之日起施行。\n",
			map[string]string{"title": "中华人民共和国公民出境入境管理法实施细则", "status": "final"}},
		{"a notice's title shortens the policy's; its sentence that publishes it cites it whole", "a.txt",
			"某某市人民政府办公厅关于印发河道整治项目实施办法的通知\n某政办〔2008〕11号\n各区人民政府：\n现将《某某市河道整治项目实施办法（试行）》印发给你们，请遵照执行。\n二○○八年九月二十二日\n某某市河道整治项目实施办法（试行）\n第一条 为了规范。\n",
			map[string]string{"title": "某某市河道整治项目实施办法（试行）", "doc_number": "某政办〔2008〕11号", "issuer": "某某市人民政府办公厅", "issued": "2008-09-22", "status": "final"}},
		{"a regulation's title names its issuer before 关于", "a.md",
			"# 国务院关于某某事项的规定\n\n第一条 为了规范。\n",
			map[string]string{"title": "国务院关于某某事项的规定", "issuer": "国务院", "status": "final"}},
		{"a signature wins over the title's body", "a.txt",
			"某某市人民政府关于某某事项的通知\n各区人民政府：\n一、做好工作。\n某某市人民政府办公厅\n2020年1月2日\n",
			map[string]string{"title": "某某市人民政府关于某某事项的通知", "issuer": "某某市人民政府办公厅", "issued": "2020-01-02", "status": "final"}},
		{"a notice cited in the body is no title", "a.txt",
			"各设区市人民政府：\n要学习贯彻落实《某某省人民政府印发关于稳定增长若干措施的通知》精神。\n一、做好工作。\n2020年2月17日\n",
			map[string]string{"issued": "2020-02-17", "status": "final"}},
		{"a consultation announcement naming the draft first", "a.txt",
			"关于《某某条例（草案修改稿 征求意见稿）》公开征求意见的公告\n现向社会公开征求意见。意见请于11月23日前反馈。\n某某市人大常委会办公厅\n2018年11月12日\n某某条例\n（草案修改稿征求意见稿）\n第一章 总则\n第一条 为了规范。\n",
			map[string]string{"title": "某某条例（草案修改稿征求意见稿）", "issuer": "某某市人大常委会办公厅", "issued": "2018-11-12", "status": "draft"}},
		{"a page's title with the site's name after underscores", "a.txt",
			"某某厅关于做好法律援助工作的联合通知_\n规范性文件_某某厅\n返回首页\n政府信息公开指南\n各设区市司法局：\n一、提高认识。\n",
			map[string]string{"title": "某某厅关于做好法律援助工作的联合通知", "issuer": "某某厅", "status": "final"}},
		{"an announcement that publishes a regulation is signed on its publication day", "a.txt",
			"某某市人民代表大会常务委员会听证条例\n某某市人民代表大会常务委员会公告\n第三十七号\n某某市人民代表大会常务委员会于2001年10月17日审议通过的《某某市人民代表大会常务委员会听证条例》业经批准，现予公布，自2002年1月1日起施行。\n某某市人民代表大会常务委员会\n2001年12月26日\n（2001年10月17日某某市第三届人民代表大会常务委员会第十一次会议通过）\n第一条 为了规范听证活动，制定本条例。\n",
			map[string]string{"title": "某某市人民代表大会常务委员会听证条例", "issuer": "某某市人民代表大会常务委员会", "issued": "2001-12-26", "effective": "2002-01-01", "status": "final"}},
		{"a law site's labelled lines are an info box", "a.txt",
			"某某条例\n颁布日期：2001-6-3\n实施日期：2001-8-1\n颁布单位：某某市人民代表大会常务委员会\n第一条 为了规范。\n",
			map[string]string{"title": "某某条例", "issuer": "某某市人民代表大会常务委员会", "issued": "2001-06-03", "effective": "2001-08-01", "status": "final"}},
		{"a site's navigation is no part of the title", "a.txt",
			"热门站点|世界资料网|专利资料网\n收藏本站|设为首页|首页\n某某预算管理办法\n一、总则。\n",
			map[string]string{"title": "某某预算管理办法", "status": "final"}},
		{"the body printed under the title", "a.txt",
			"某某预算管理办法\n财政部\n一、总则。\n",
			map[string]string{"title": "某某预算管理办法", "issuer": "财政部", "status": "final"}},
		{"the date and the body under the title", "a.txt",
			"某某预算管理办法\n1996年12月13日，财政部\n一、总则。\n",
			map[string]string{"title": "某某预算管理办法", "issuer": "财政部", "issued": "1996-12-13", "status": "final"}},
		{"addressees under the title are no issuer", "a.txt",
			"关于做好某某工作的通知\n各区人民政府\n一、做好工作。\n",
			map[string]string{"title": "关于做好某某工作的通知", "status": "final"}},
		{"a breadcrumb ending in 文件 is no issuer", "a.txt",
			"首页 > 政务公开 > 政策文件\n当前位置：首页>>信息公开>>规范性文件\n某某市促进消费若干措施\n一、发放消费券。\n",
			map[string]string{"title": "某某市促进消费若干措施", "status": "final"}},
		{"a term written 有效期限, a start written 试行", "a.txt",
			"某某办法\n一、总则。\n二、本办法自2023年1月1日起试行，有效期限为3年。\n某某市人民政府\n2022年12月20日\n",
			map[string]string{"title": "某某办法", "issuer": "某某市人民政府", "issued": "2022-12-20", "effective": "2023-01-01", "validity": "P3Y", "expires": "2025-12-31", "status": "final"}},
		{"the policy's own repeal date", "a.txt",
			"某某办法\n一、总则。\n二、本办法自2023年1月1日起施行，2025年12月31日废止，《某某旧办法》同时废止。\n",
			map[string]string{"title": "某某办法", "effective": "2023-01-01", "expires": "2025-12-31", "status": "final"}},
		{"the policy's own window", "a.txt",
			"某某措施\n一、项目执行期为2022年1月1日至2022年6月30日。\n二、本政策措施执行期为2023年1月1日至2025年12月31日。\n",
			map[string]string{"title": "某某措施", "effective": "2023-01-01", "expires": "2025-12-31", "status": "final"}},
		{"another document's repeal date is not the policy's", "a.txt",
			"某某办法\n一、总则。\n二、本办法自2023年1月1日起施行，《某某旧办法》于2023年1月1日废止。\n",
			map[string]string{"title": "某某办法", "effective": "2023-01-01", "status": "final"}},
		{"a signing body's name wrapped over two lines", "a.txt",
			"关于做好某某工作的通知\n一、做好工作。\n省市场监管局新型冠状病毒感染的\n肺炎疫情防控工作领导小组\n2020年3月9日\n",
			map[string]string{"title": "关于做好某某工作的通知", "issuer": "省市场监管局新型冠状病毒感染的肺炎疫情防控工作领导小组", "issued": "2020-03-09", "status": "final"}},
		{"a closing formula above the signature is no part of the body's name", "a.txt",
			"关于做好某某工作的通知\n一、做好工作。\n特此通知\n某某市人民政府\n2020年3月9日\n",
			map[string]string{"title": "关于做好某某工作的通知", "issuer": "某某市人民政府", "issued": "2020-03-09", "status": "final"}},
		{"a joint order names all its bodies", "a.md",
			"# 某某暂行规定\n\n1999年1月25日 监察部、人事部、中国人民银行、海关总署令第7号发布\n\n第一条 为了规范。\n",
			map[string]string{"title": "某某暂行规定", "doc_number": "监察部、人事部、中国人民银行、海关总署令第7号", "issuer": "监察部、人事部、中国人民银行、海关总署", "issued": "1999-01-25", "status": "final"}},
		{"the last day the policy runs to", "a.txt",
			"某某措施\n一、支持企业。\n二、本政策自2023年1月1日起施行，执行至2025年12月31日。\n",
			map[string]string{"title": "某某措施", "effective": "2023-01-01", "expires": "2025-12-31", "status": "final"}},
		{"the date and the document number on one line", "a.txt",
			"财政部关于印发《某某经费管理暂行办法》的通知\n2006年10月26日 财建〔2006〕689号\n各省财政厅：\n现印发你们，请遵照执行。\n附件：\n某某经费管理暂行办法\n第一条 为了规范。\n",
			map[string]string{"title": "某某经费管理暂行办法", "doc_number": "财建〔2006〕689号", "issuer": "财政部", "issued": "2006-10-26", "status": "final"}},
		{"a consultation draft", "a.txt",
			"某某办法（征求意见稿）\n第一条 为了规范。",
			map[string]string{"title": "某某办法（征求意见稿）", "status": "draft"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Parse(tc.file, []byte(tc.text))
			require.NoError(t, err)
			require.Len(t, docs, 1)
			assert.Equal(t, tc.want, metaValues(docs[0]))
		})
	}
}

// TestMetadataOrigins checks that what the body states wins over a
// portal's labels, which are kept with their origin.
func TestMetadataOrigins(t *testing.T) {
	d := MustParse("a.txt", "索引号\t0001/2023\t文号\t丽政发〔2023〕30号\n成文日期\t2023-10-16\t发布机构\t市政府\n关于下达任务的通知\n各单位：\n现将任务下达给你们。\n丽水市人民政府\n2023年10月16日")[0]
	assert.Equal(t, "body", d.Meta.Issuer.Origin)
	assert.Equal(t, "丽水市人民政府", d.Meta.Issuer.Value)
	assert.Equal(t, "infobox", d.Meta.DocNumber.Origin)
	assert.Equal(t, "丽政发〔2023〕30号", d.Meta.DocNumber.Value)
	require.Len(t, d.Meta.Conflicts, 1)
	assert.Equal(t, "issuer", d.Meta.Conflicts[0].Field)
	for _, n := range d.Nodes() {
		for _, s := range n.Own {
			assert.NotContains(t, d.Text(s), "索引号", "the info box is not body text")
		}
	}
}

func TestIsLawName(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"中华人民共和国社会保险法", true},
		{"反垄断法", true},
		{"中华人民共和国立法法", true},
		{"中华人民共和国宪法", true},
		{"工作方法", false},
		{"推广先进做法", false},
		{"坚持依法", false},
		{"查处违法", false},
		{"办法", false}, // too short: 办法 is a policy kind of its own
		{"法", false},
	} {
		assert.Equal(t, c.want, isLawName(c.s), c.s)
	}
}

func TestActingBody(t *testing.T) {
	for _, c := range []struct{ statement, want string }{
		{"上海市第十四届人民代表大会常务委员会第三十七次会议", "上海市第十四届人民代表大会常务委员会"},
		{"经人力资源和社会保障部第6次部务会议", "人力资源和社会保障部"},
		{"国家互联网信息办公室2021年第20次室务会议审议", "国家互联网信息办公室"},
		{"绍兴市第八届人民代表大会常务委员会第三十二次会议审议", "绍兴市第八届人民代表大会常务委员会"},
		{"杭州市第十二届人民代表大会常务委员会公告第71号", "杭州市第十二届人民代表大会常务委员会"},
		{"青岛市人民代表大会常务委员会公告", "青岛市人民代表大会常务委员会"},
		{"第十届全国人民代表大会\n常务委员会第六次会议", "第十届全国人民代表大会常务委员会"},
		{"国务院", "国务院"},
		{"第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国社会保险法〉的决定》", "第十三届全国人民代表大会常务委员会"},
		{"公告第1号", ""},
	} {
		assert.Equal(t, c.want, actingBody(c.statement), c.statement)
	}
}

// TestCanonicalDocNumber checks the spellings of a document number that
// documents print, each read as its canonical form.
func TestCanonicalDocNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"京政发〔2023〕5号", "京政发〔2023〕5号"},
		{"京政发[2023]5号", "京政发〔2023〕5号"},
		{"京政发（2023）5号", "京政发〔2023〕5号"},
		{"京政发【2023】5号", "京政发〔2023〕5号"},
		{"京政发﹝2023﹞5号", "京政发〔2023〕5号"},
		{"京政发〔2023〕第5号", "京政发〔2023〕5号"},
		{"第5号", ""},
		{"京政发〔23〕5号", ""},
	} {
		got, _, _, ok := CanonicalDocNumber(tc.in)
		if !ok {
			got = ""
		}
		assert.Equal(t, tc.want, got, tc.in)
	}
}
