package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zhengce/zhengce/corpus"
)

// brief writes a fact as "kind value q role [per]" for comparisons.
func brief(f Fact) string {
	v := f.Value
	switch f.Kind {
	case "money":
		v = f.Yuan
	case "percent":
		v = f.Number
	case "unit":
		v = f.Name
	}
	s := fmt.Sprintf("%s %s %s %s", f.Kind, v, f.Q, f.Role)
	if f.Kind == "unit" || f.Kind == "date" {
		s = fmt.Sprintf("%s %s %s", f.Kind, v, f.Role)
	}
	if f.Per != "" {
		s += " /" + f.Per
	}
	return s
}

// factsOf returns the facts of kind (all kinds for "") of a one-policy text
// in brief form.
func factsOf(t *testing.T, text, kind string) []string {
	t.Helper()
	docs, err := corpus.Parse("t.txt", []byte(text))
	require.NoError(t, err)
	var out []string
	for _, d := range docs {
		for _, f := range Run(Default, d) {
			if kind == "" || f.Kind == kind {
				out = append(out, brief(f))
			}
		}
	}
	return out
}

// TestSemantics checks qualifiers, roles and rates on short texts written
// after the phrasings of real policies (FORMAT.md's decided cases).
func TestSemantics(t *testing.T) {
	for _, tc := range []struct {
		name, kind, text string
		want             []string
	}{
		// percent roles
		{"a share of a base that sizes a benefit", "percent", "一、按设备投资额的10%给予补助。", []string{"percent 10 exact rate"}},
		{"a fee cut to a share", "percent", "一、收费减按50%收取。", []string{"percent 50 exact rate"}},
		{"an uplift of a benefit ceiling", "percent", "一、补贴标准上浮20%。", []string{"percent 20 exact rate"}},
		{"a deduction", "percent", "一、允许按照当期可抵扣进项税额加计抵减15%。", []string{"percent 15 exact rate"}},
		{"interest subsidy", "percent", "一、对贷款给予贴息50%。", []string{"percent 50 exact rate"}},
		{"a fee lowered from its standard", "percent", "一、委托检验收费按原标准降低20%。", []string{"percent 20 exact rate"}},
		{"a stated fee rate", "percent", "一、收取的担保费率原则上不超过1%。", []string{"percent 1 max other"}},
		{"a tax rate", "percent", "一、减按15%的税率征收企业所得税。", []string{"percent 15 exact other"}},
		{"a co-funding ratio the recipient meets", "percent", "一、首付比例不低于30%。", []string{"percent 30 min threshold"}},
		{"a ratio to reach", "percent", "一、研发投入占比达到15%的企业。", []string{"percent 15 exact threshold"}},
		{"a goal", "percent", "一、到2025年，数字经济比重超过50%。", []string{"percent 50 min target"}},
		{"percentage points are percent facts", "percent", "一、力争产能比例提高20个百分点。", []string{"percent 20 exact target"}},
		{"a percent range", "percent", "一、度电碳排放降低10%-20%，力争降低20%以上。", []string{"percent 10 min target", "percent 20 max target", "percent 20 min target"}},
		{"a fee rate range", "percent", "一、按4%－5%交纳。", []string{"percent 4 min other", "percent 5 max other"}},
		{"per ten thousand", "percent", "一、按照每日利率万分之五支付逾期利息。", []string{"percent 0.05 exact other"}},
		{"a fine as a share of sales", "percent", "第一条 并处上一年度销售额百分之一以上百分之十以下的罚款。", []string{"percent 1 min penalty", "percent 10 max penalty"}},
		{"a fine's range after 并可处 and its base", "percent", "第一条 责令限期退回，并可处违法所提款额百分之十以上百分之五十以下的罚款。", []string{"percent 10 min penalty", "percent 50 max penalty"}},
		{"a share beside a multiple in a fine", "percent", "第一条 处以违法标识、包装物货值金额百分之五十以上三倍以下的罚款。", []string{"percent 50 min penalty"}},
		{"a late fee's rate is other", "percent", "第一条 逾期缴纳的，自欠缴之日起，按日加收万分之五的滞纳金。", []string{"percent 0.05 exact other"}},
		{"a fee rate stays other", "percent", "第一条 新发生融资担保业务收取的担保费率不超过1%。", []string{"percent 1 max other"}},
		{"a goal written as a share", "percent", "一、按照大班额比例控制在5%以内的目标推进。", []string{"percent 5 max target"}},
		{"a share given as the benefit", "percent", "一、按照设备实际投入给予8%的分类补助，给予市级新增部分40%的奖励。", []string{"percent 8 exact rate", "percent 40 exact rate"}},
		{"a capped share given as the benefit", "percent", "一、给予不超过实际发生费用50%的补助，给予软件投资15%以内的扶持。", []string{"percent 50 max rate", "percent 15 max rate"}},
		{"a cap on a subsidy's share of its base", "percent", "一、对企业贷款利息给予补贴，最高可达实际发生额的40%。", []string{"percent 40 max rate"}},
		{"a share in a condition stays a threshold", "percent", "一、对研发投入占比达到5%的企业给予奖励。", []string{"percent 5 exact threshold"}},
		{"超 before a share is exceeded", "percent", "一、对年增速超20%的企业给予奖励。", []string{"percent 20 min threshold"}},
		{"a share of what the recipient paid that sizes a benefit", "percent", "一、用电按其实际缴纳费用的5%给予补助。", []string{"percent 5 exact rate"}},
		{"comparison signs", "percent", "一、对研发投入占比≥3%、负债率<70%的企业给予奖励。", []string{"percent 3 min threshold", "percent 70 max threshold"}},
		{"a share of the part above a base", "percent", "一、连续三年按其新增地方经济贡献超过全市平均增幅部分的50%给予奖励；按不超过超出部分的30%给予补助。", []string{"percent 50 exact rate", "percent 30 max rate"}},
		{"a share a recipient can get", "percent", "一、设备投资可获10%–20%的补贴。", []string{"percent 10 min rate", "percent 20 max rate"}},
		{"a mirror's pinyin readings do not hide the words", "percent", "一、对限上贸(mào)易业(yè)企业(yè)给予10%的补(bǔ)贴。", []string{"percent 10 exact rate"}},
		{"shares of a tax paid given as benefits", "percent", "一、分别给予所缴纳契税总额80%、100%的补贴；面积在143平方米以上的由财政补贴50%所缴纳契税。", []string{"percent 80 exact rate", "percent 100 exact rate", "percent 50 exact rate"}},
		{"a share a benefit's standard names", "percent", "一、购房补贴标准为购房总价款的1%，最高不超过20000元。", []string{"percent 1 exact rate"}},
		{"a share of a base right before the verb that pays it", "percent", "一、可按照基数部分的20%和超基数部分的50%给予奖励。", []string{"percent 20 exact rate", "percent 50 exact rate"}},
		{"an old share being replaced", "percent", "一、研发费用加计扣除比例由75%提高到100%；相关产品支持比例由8%提高至30%。", []string{"percent 75 exact other", "percent 100 exact rate", "percent 8 exact other", "percent 30 exact rate"}},
		{"two bounds side by side take one role", "percent", "第一条 责令用人单位按应付金额百分之五十以上百分之一百以下的标准向劳动者加付赔偿金。", []string{"percent 50 min threshold", "percent 100 max threshold"}},
		{"a list whose role the words after it give", "percent", "一、从认定之年起3年内比照其财政贡献额增量部分，分别按50%、40%、30%的比例给予扶持。", []string{"percent 50 exact rate", "percent 40 exact rate", "percent 30 exact rate"}},
		{"costs split between payers", "percent", "一、所需资金由市、区各承担50%。", []string{"percent 50 exact share"}},
		{"a share of a fee base is not a split", "percent", "一、再担保业务收费不高于承担风险责任的0.5%。", []string{"percent 0.5 max other"}},

		// money roles
		{"a guaranteed loan", "money", "一、创业担保贷款最高300万元。", []string{"money 3000000 max benefit"}},
		{"a loan the policy provides", "money", "一、为企业提供最高5000万元信用贷款。", []string{"money 50000000 max benefit"}},
		{"a housing fund loan", "money", "一、住房公积金最高贷款额度100万元。", []string{"money 1000000 max benefit"}},
		{"a guaranteed minimum loan", "money", "一、保底额度200万元。", []string{"money 2000000 min benefit"}},
		{"money a government puts together", "money", "一、整合3000万元资金用于发放消费券；择优予以最高200万元资金支持；给予50万元资金支持。", []string{"money 30000000 exact fund", "money 2000000 max benefit", "money 500000 exact benefit"}},
		{"an annual budget line", "money", "一、每年安排最高5000万元经费。", []string{"money 50000000 max fund"}},
		{"an old value being replaced", "money", "一、奖励标准由现行80万元提高至100万元。", []string{"money 800000 exact other", "money 1000000 exact benefit"}},
		{"支援, as a Taiwan-style mirror writes 支持", "money", "一、对新引进企业，按规定支援50万元。", []string{"money 500000 exact benefit"}},
		{"an old value lowered to a new one", "money", "一、补助标准由每人300元降到每人200元。", []string{"money 300 exact other", "money 200 exact benefit"}},
		{"fines, min and max", "money", "第一条 违反规定的，处1000元以上5000元以下罚款。", []string{"money 1000 min penalty", "money 5000 max penalty"}},
		{"a fine after a warning", "money", "第一条 由公安机关交通管理部门处警告或者二十元以上二百元以下罚款。", []string{"money 20 min penalty", "money 200 max penalty"}},
		{"a fine only named is other", "money", "第一条 五千元以下的罚款，由区人民政府决定。", []string{"money 5000 max other"}},
		{"a fine among sanctions given", "money", "第一条 视情节轻重，给予警告、二万元以下的罚款、直至吊销许可证的处罚。", []string{"money 20000 max penalty"}},
		{"an amount written with 人民币 after 元", "money", "第一条 违法所得在1万元人民币以上不满3万元人民币的，给予留用察看处分。", []string{"money 10000 min threshold", "money 30000 max threshold"}},
		{"元 inside a term is not money", "money", "第一条 破除城乡二元结构，推广三元催化器，实行一元化管理。给予三元奖励。", []string{"money 3 exact benefit"}},
		{"不得少于 is a floor", "money", "第一条 经营劳务派遣业务，注册资本不得少于人民币二百万元。", []string{"money 2000000 min threshold"}},
		{"不得低于 a share of a wage is a floor", "percent", "第一条 劳动者在试用期的工资不得低于劳动合同约定工资的百分之八十。", []string{"percent 80 min other"}},
		{"不得低于 right before a percent", "percent", "第一条 其中研发人员占比不得低于10%。", []string{"percent 10 min threshold"}},
		{"a term of at least so long", "duration", "第一条 修理记录保存期限不得低于6年。农产品生产记录保存期限不得少于二年。经营记录的保存期限至少3年。", []string{"duration P6Y min other", "duration P2Y min other", "duration P3Y min other"}},
		{"a warranty of at least so long, or a distance", "duration", "第一条 三包有效期不得低于2年或者行驶里程50,000公里。", []string{"duration P2Y min other"}},
		{"a fine's rate before the fine", "money", "第一条 责令限期退还，并以每人五百元以上二千元以下的标准处以罚款。", []string{"money 500 min penalty", "money 2000 max penalty"}},
		{"fines in Chinese numerals", "money", "第一条 对个人处以二千元以上五千元以下罚款，对单位处以二万元以上五万元以下罚款。", []string{"money 2000 min penalty", "money 5000 max penalty", "money 20000 min penalty", "money 50000 max penalty"}},
		{"a fine per unit", "money", "第一条 损坏路面的，每平方米罚款一百元。", []string{"money 100 exact penalty"}},
		{"a fine cap", "money", "第一条 可以并处每平方米三十元以上五十元以下的罚款，但罚款最高不超过十万元。", []string{"money 30 min penalty", "money 50 max penalty", "money 100000 max penalty"}},
		{"a fine's jurisdiction is not a fine", "money", "第一条 五千元以下的罚款，由区管理部门决定；超过五千元的罚款，由市管理部门决定。", []string{"money 5000 max other", "money 5000 min other"}},
		{"an amount in a condition of a sanction", "money", "第一条 数额在10万元以上不满100万元的，给予降级或者撤职处分。", []string{"money 100000 min threshold", "money 1000000 max threshold"}},
		{"超 and 过 right before an amount", "money", "一、对年销售额超20亿元、纳税过5000万元的企业，给予奖励。到2025年，营业收入超过2亿元的企业达到10家。", []string{"money 2000000000 min threshold", "money 50000000 min threshold", "money 200000000 min threshold"}},
		{"不超 is a bound", "money", "一、每户补助不超3万元。", []string{"money 30000 max benefit"}},
		{"the step of an increment", "money", "一、按照营业收入每新增2000万元奖励5万元的标准给予奖励；按每超5000万元给予3万元的奖励。", []string{"money 20000000 exact threshold", "money 50000 exact benefit", "money 50000000 exact threshold", "money 30000 exact benefit"}},
		{"a benefit's tier", "money", "一、年销售额超过3亿元的部分，按每超1亿元给予10万元的奖励。", []string{"money 300000000 min threshold", "money 100000000 exact threshold", "money 100000 exact benefit"}},
		{"a tax bracket's part stays other", "money", "一、技术转让所得不超过500万元的部分，免征企业所得税。", []string{"money 5000000 max other"}},
		{"an investment size in a condition is no fund", "money", "一、对投资规模2亿元（含）以上的项目，给予补助。设立总规模10亿元的产业基金。", []string{"money 200000000 min threshold", "money 1000000000 exact fund"}},
		{"a turnover threshold", "money", "一、年营业收入达到2000万元以上的企业，给予奖励。", []string{"money 20000000 min threshold"}},
		{"an investment threshold", "money", "一、对投资额不低于500万元的项目，给予补助。", []string{"money 5000000 min threshold"}},
		{"output per mu", "money", "一、亩均税收不低于30万元。", []string{"money 300000 min threshold"}},
		{"a range to a bound", "money", "一、对投资1000万元及以上至5000万元的项目，给予奖励。", []string{"money 10000000 min threshold", "money 50000000 max threshold"}},
		{"a reward range", "money", "第一条 给予人民币1万元至3万元奖励。", []string{"money 10000 min benefit", "money 30000 max benefit"}},
		{"amounts listed with 分别", "money", "一、分别给予最高20万元、30万元、50万元奖励。", []string{"money 200000 max benefit", "money 300000 max benefit", "money 500000 max benefit"}},
		{"bound words after the number", "money", "一、补助金额以100万元为限。", []string{"money 1000000 max benefit"}},
		{"a charge is not a benefit", "money", "一、向相关企业加价0.1元/千瓦时。", []string{"money 0.1 exact other /千瓦时"}},
		{"fee brackets", "money", "附件：\n收费表\n1000元以下的部分\t40-100元", []string{"money 1000 max other", "money 40 min other", "money 100 max other"}},

		// tables: a bare number takes its unit from its column's header
		{"table cells under unit headers", "money", "一、补贴标准如下：\n类别\t固定补贴价格（元/kWh）\t竞价补贴上限（元/kWh）\t规模（万元）\n甲类\t1.2\t2.0\t500\n序号\t单位", []string{"money 1.2 exact benefit /kWh", "money 2 max benefit /kWh", "money 5000000 exact fund"}},
		{"table cells in percent", "percent", "一、比例如下：\n类别\t补助比例（%）\n甲类\t30", []string{"percent 30 exact rate"}},
		// per
		{"per person and year", "money", "一、给予2000元/人/年的补贴。", []string{"money 2000 exact benefit /人/年"}},
		{"per person and month", "money", "一、按350元/人/月给予补贴。", []string{"money 350 exact benefit /人/月"}},
		{"per square metre", "money", "一、按100元/每平方米给予补贴。", []string{"money 100 exact benefit /平方米"}},
		{"per kWh", "money", "一、补贴0.3元/千瓦时。", []string{"money 0.3 exact benefit /千瓦时"}},
		{"per vehicle", "money", "一、给予6万元/辆奖励。", []string{"money 60000 exact benefit /辆"}},
		{"per with a dot and a parenthesis", "money", "一、租金补贴40元/平方米·年，1200元/套（间）·年。", []string{"money 40 exact benefit /平方米/年", "money 1200 exact benefit /套/年"}},
		{"per cubic metre and per kilometre", "money", "一、用水、用气分别按0.8元/吨和0.2元/立方米给予补助，运费补贴1.5元/公里。", []string{"money 0.8 exact benefit /吨", "money 0.2 exact benefit /立方米", "money 1.5 exact benefit /公里"}},
		{"a comparison sign before an amount", "money", "一、中小微企业（指营业收入≤4亿元的企业）给予补助。", []string{"money 400000000 max threshold"}},
		{"a range's low end keeps yuan when the high end's multiplier would put it above", "money", "一、企业可获得5000-10万元奖励，研发人员可获得5-20万元补助。", []string{"money 5000 min benefit", "money 100000 max benefit", "money 50000 min benefit", "money 200000 max benefit"}},
		{"prices and charges stated per cubic metre", "money", "一、第一档水费为3.04元/m3（其中，供水价格为1.42元/m3，污水处理费1.42元/m³）。", []string{"money 3.04 exact other /m3", "money 1.42 exact other /m3", "money 1.42 exact other /m³"}},
		{"a unit with a dot inside", "money", "一、给予0.3元/千瓦·时的补贴，0.5元/kW·h的奖励。", []string{"money 0.3 exact benefit /千瓦时", "money 0.5 exact benefit /kWh"}},
		{"amounts in capital numerals", "money", "一、给予一次性奖励人民币伍拾万元整，另奖励贰万元。", []string{"money 500000 exact benefit", "money 20000 exact benefit"}},
		{"每家 is no rate", "money", "一、每家给予5万元奖励，每人最高30万元。", []string{"money 50000 exact benefit", "money 300000 max benefit"}},
		{"a per-mu standard without a slash", "money", "一、市级补贴标准为每亩300元。", []string{"money 300 exact benefit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, factsOf(t, tc.text, tc.kind), "%s", tc.text)
		})
	}
}

// TestDateAndDurationSemantics checks dates (year ends, dates without a
// year, recurring dates, ranges) and durations with their roles.
func TestDateAndDurationSemantics(t *testing.T) {
	for _, tc := range []struct {
		name, kind, text string
		want             []string
	}{
		{"a year end as a target", "date", "一、到2028年底，能效达到标杆水平。", []string{"date 2028-12-31 target"}},
		{"a year end as a deadline", "date", "一、应于2028年底前完成改造。", []string{"date 2028-12-31 deadline"}},
		{"a month end as a deadline", "date", "一、2021年6月底前完成系统改造。", []string{"date 2021-06-30 deadline"}},
		{"a goal year", "date", "一、到2025年，产值达到1000亿元。", []string{"date 2025 target"}},
		{"as of a date, a cut-off, the policy's own end", "date", "一、截至2023年底，全市累计建成基站1万个。申报截止日期为2024年3月31日。报名时间截至2024年2月17日。本政策执行至2025年12月31日。", []string{"date 2023-12-31 other", "date 2024-03-31 deadline", "date 2024-02-17 deadline", "date 2025-12-31 expires"}},
		{"the policy's own window and repeal date", "date", "一、本办法执行期限为2023年1月1日至2025年12月31日。二、本规定自2024年1月1日起施行，2026年12月31日废止。", []string{"date 2023-01-01 effective", "date 2025-12-31 expires", "date 2024-01-01 effective", "date 2026-12-31 expires"}},
		{"a year that opens a goal's sentence", "date", "一、2025年，力争研发投入强度达到2.95%。2023年新增企业100家，力争2026年达到200家。", []string{"date 2025 target", "date 2023 other", "date 2026 target"}},
		{"a date that says who is eligible", "date", "一、2023年12月31日以前正在享受补贴且仍符合条件的人员可以继续享受。2023年底前注册的企业给予奖励。各地于2024年6月30日前将审核后的名单报送市财政局。", []string{"date 2023-12-31 other", "date 2023-12-31 other", "date 2024-06-30 deadline"}},
		{"a history note's date of force", "date", "某某规定\n（1996年9月26日某某市第十届人民代表大会常务委员会第三十次会议通过 1996年10月1日起施行）\n一、设定罚款。", []string{"date 1996-09-26 issued", "date 1996-10-01 effective"}},
		{"a consultation's deadline without a year takes the notice's, though the regulation's dates recur", "date", "关于《某某条例（征求意见稿）》公开征求意见的公告\n意见请于11月23日前反馈。\n某某市人大常委会办公厅\n2018年11月12日\n某某条例\n（征求意见稿）\n第一条 每年3月31日前报送。第二条 于6月30日前完成。", []string{"date 2018-11-23 deadline", "date 2018-11-12 issued", "date --03-31 deadline", "date --06-30 deadline"}},
		{"the edition of a carried policy's title is no date", "date", "某某区人民政府关于印发若干政策举措（2025年版）的通知\n各单位：\n现印发给你们。\n某某区人民政府\n2025年4月1日\n关于推动发展若干政策举措\n（2025年版）\n一、到2026年，产值达到1000亿元。", []string{"date 2025-04-01 issued", "date 2026 target"}},
		{"a revised edition's mark is no date", "date", "某某管理办法\n（2019年修订）\n第一条 自2020年1月1日起施行。", []string{"date 2020-01-01 effective"}},
		{"the end of the policy's own window", "date", "第十条 本办法自2020年1月1日起至2022年12月31日止有效。", []string{"date 2020-01-01 effective", "date 2022-12-31 expires"}},
		{"a date's day is not a duration", "duration", "第十条 成立之日起至1994年12月31日止用侨汇购建的华侨房屋，按评估价格补偿。", nil},
		{"an age is not a duration", "duration", "第十一条 未满十六周岁的未成年人由监护人代为申领，有效期为3年。", []string{"duration P3Y exact validity"}},
		{"the end of a window of eligibility", "date", "第十条 中华人民共和国成立之日起至1994年12月31日止用侨汇购建的华侨房屋，按评估价格补偿。", []string{"date 1994-12-31 other"}},
		{"a goal period", "date", "一、2022年到2024年，力争新增企业100家。", []string{"date 2022 other", "date 2024 target"}},
		{"a plan's period is no goal", "date", "一、报送2021-2022年工作计划。", []string{"date 2021 other", "date 2022 other"}},
		{"a coverage window", "date", "一、补贴对象为2024年8月至2025年7月种植粮食作物的农户。", []string{"date 2024-08 other", "date 2025-07 other"}},
		{"a date without a year takes the sentence's", "date", "一、2025年补贴资金在6月30日前发放到位。", []string{"date 2025 other", "date 2025-06-30 deadline"}},
		{"a date without a year takes the document's", "date", "某某局\n2025年5月21日\n一、各区于8月30日前报送总结。", []string{"date 2025-05-21 issued", "date 2025-08-30 deadline"}},
		{"a month without a year", "date", "某某局\n2025年5月21日\n一、各区于6月中旬前完成审核。", []string{"date 2025-05-21 issued", "date 2025-06 deadline"}},
		{"a date that starts a rule", "date", "某某局\n2020年2月12日\n一、从2月1日起委托各市办理。", []string{"date 2020-02-12 issued", "date 2020-02-01 other"}},
		{"a recurring date", "date", "第一条 每年3月31日前报送上一年度情况。", []string{"date --03-31 deadline"}},
		{"a recurring month end in Chinese numerals", "date", "第一条 每年十二月底前报送计划。", []string{"date --12-31 deadline"}},
		{"a recurring window", "date", "第一条 每年六月一日到十月一日期间不得挖掘。", []string{"date --06-01 other", "date --10-01 other"}},
		{"a consultation window", "date", "征求意见时间：2026年5月10日-6月9日。", []string{"date 2026-05-10 other", "date 2026-06-09 deadline"}},
		{"an eligibility cut-off", "date", "一、在2022年11月30日以前办理的，继续享受。", []string{"date 2022-11-30 other"}},
		{"the end of a purchase window", "date", "一、购房时间至2023年2月20日。", []string{"date 2023-02-20 deadline"}},
		{"a reference date", "date", "第一条 市人民政府1961年3月22日发布的《道路管理暂行办法》同时废止。", []string{"date 1961-03-22 other"}},
		{"a deadline with its hour", "date", "某某局\n2020年2月19日\n一、请于2月18日12：00前报省政府办公厅，2月20日17:30前报各督导组。", []string{"date 2020-02-19 issued", "date 2020-02-18 deadline", "date 2020-02-20 deadline"}},
		{"a deadline with its hour in words", "date", "一、请于2021年3月5日下午五时前报送，2021年3月8日17时30分之前反馈。", []string{"date 2021-03-05 deadline", "date 2021-03-08 deadline"}},
		{"a window of hours is no deadline", "date", "一、线上直播：2020年3月13日下午15:00至16:00。", []string{"date 2020-03-13 other"}},
		{"a date in Chinese numerals", "date", "第二十五条 本规定自一九九三年二月一日起施行。", []string{"date 1993-02-01 effective"}},
		{"Chinese numerals with ○ and a month end", "date", "第一条 二○○五年十月底前完成，二〇二五年底前全面建成。", []string{"date 2005-10-31 deadline", "date 2025-12-31 deadline"}},
		{"a year in Chinese numerals alone", "date", "一、到二〇三五年，基本实现现代化。", []string{"date 2035 target"}},
		{"a number that is no year", "date", "一、共计一二三四年十月的记录。", nil},
		{"relative dates are no facts", "date", "一、次月20日前完成申报，次年第一季度清算完毕。", nil},

		{"a bound before the benefit's verb", "duration", "一、博士每月补贴4000元，最长补贴1年；租金最长可享受24个月减免；连续补贴3年。", []string{"duration P1Y max period", "duration P24M max period", "duration P3Y exact other"}},
		{"a term stated with 期为 or 时间为", "duration", "第一条 名称予以保留，保留期为1年。公示时间为5个工作日。", []string{"duration P1Y exact other", "duration P5D exact other"}},
		{"a benefit's verb without a bound is no duration", "duration", "一、给予3年租金补贴。", nil},
		{"a span a condition compares with is no window", "duration", "第一条 劳动合同期限不满三个月的，不得约定试用期。距法定退休年龄不足5年的，可延长至退休；补贴期限最长不超过3年。", []string{"duration P3M max other", "duration P5Y max other", "duration P3Y max period"}},
		{"a range of spans", "duration", "一、建设期3-5年；用三到五年时间完成；可申请延期1-2个月办理。2022-2024年实施。1-3月完成。", []string{"duration P3Y min other", "duration P5Y max other", "duration P3Y min other", "duration P5Y max other", "duration P1M min period", "duration P2M max period"}},
		{"within days", "duration", "第一条 应当在10个工作日以内作出决定。", []string{"duration P10D max period"}},
		{"within months", "duration", "第一条 离校2年内的毕业生，3个月内申请。", []string{"duration P2Y max period", "duration P3M max period"}},
		{"at least", "duration", "一、连续缴纳社保满1年的，3个月（含）以上的。", []string{"duration P1Y min other", "duration P3M min other"}},
		{"consecutive months", "duration", "一、连续3个月未缴纳的。", []string{"duration P3M exact period"}},
		{"a longest period", "duration", "第一条 付款期限最长不得超过60日。", []string{"duration P60D max period"}},
		{"hours", "duration", "第一条 应当在二十四小时内赶到现场。", []string{"duration PT24H max period"}},
		{"days in Chinese numerals", "duration", "第一条 主次干道的，五日以内；一般道路的，十日以内。", []string{"duration P5D max period", "duration P10D max period"}},
		{"an extension", "duration", "第一条 每增加一百平方米，顺延一天。", []string{"duration P1D exact period"}},
		{"a period after an event", "duration", "一、有效期顺延至疫情解除后3个月。", []string{"duration P3M exact period"}},
		{"a goal within years", "duration", "一、力争三年实现培训全覆盖。", []string{"duration P3Y exact period"}},
		{"a notice period before", "duration", "第一条 应当在开工前三个月发布公告。", []string{"duration P3M exact period"}},
		{"validity", "duration", "第一条 本办法有效期5年。", []string{"duration P5Y exact validity"}},
		{"less than a year", "duration", "第一条 劳动合同期限三个月以上不满一年的，试用期不得超过一个月。", []string{"duration P3M min other", "duration P1Y max other", "duration P1M max period"}},
		{"at least one year and less than five", "duration", "第一条 累计缴费满一年不足五年的，领取期限最长为十二个月。", []string{"duration P1Y min other", "duration P5Y max other", "duration P12M max period"}},
		{"not yet a year", "duration", "第一条 变更登记未满1年的原企业名称，不得使用。", []string{"duration P1Y max other"}},
		{"a shortest period", "duration", "第一条 公示期最短为七日。", []string{"duration P7D min other"}},
		{"days before a term ends are no bound", "duration", "第一条 采矿权人应当在有效期届满三十日前办理延续登记，期满一年前申请。", nil},
		{"days since an announcement", "duration", "第一条 自公告之日起满60日，生父母未认领的，视为查找不到。", []string{"duration P60D min other"}},
		{"a term that ends after a year", "duration", "第一条 自施行之日起届满1年时终止，观察期满14天的解除隔离。", []string{"duration P1Y min other", "duration P14D min other"}},
		{"half a year", "duration", "第一条 连续居住半年以上的，自抽样之日起半年内不得再抽样。", []string{"duration P6M min other", "duration P6M max period"}},
		{"halves of a calendar year are no spans", "duration", "第一条 上半年完成五成，下半年全部完成，每半年至少检查一次。", nil},
		{"a year and a half", "duration", "第一条 期限为一年半，连续三年半以上的除外。", []string{"duration P18M exact other", "duration P42M min period"}},
		{"a range of months", "duration", "第一条 停业三个月以上六个月以下的，予以警告。", []string{"duration P3M min other", "duration P6M max other"}},
		{"a detention term", "duration", "第一条 情节严重的，处10日以下拘留。", []string{"duration P10D max other"}},
		{"not over three months", "duration", "第一条 停业未超过三个月的，不予处罚。", []string{"duration P3M max other"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, factsOf(t, tc.text, tc.kind), "%s", tc.text)
		})
	}
}

// TestUnitSemantics checks responsible bodies in labelled and unlabelled
// lists.
func TestUnitSemantics(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"labelled lead and responsible", "一、加强保障。（牵头单位：市发改委；责任单位：市财政局、各区人民政府）",
			[]string{"unit 市发改委 lead", "unit 市财政局 responsible", "unit 各区人民政府 responsible"}},
		{"a lead responsible body", "一、加强保障。（牵头责任单位：市经信局；配合单位：市财政局）",
			[]string{"unit 市经信局 lead", "unit 市财政局 responsible"}},
		{"a bracket without keyword", "一、强化财政资金支持。（省发展改革委、省工业和信息化厅、省财政厅等部门按职责分工落实）",
			[]string{"unit 省发展改革委 responsible", "unit 省工业和信息化厅 responsible", "unit 省财政厅 responsible"}},
		{"a body listed twice once", "一、推动落后产能退出。（省发展改革委、省市场监管局、省应急管理厅、省市场监管局按职责分工落实）",
			[]string{"unit 省发展改革委 responsible", "unit 省市场监管局 responsible", "unit 省应急管理厅 responsible"}},
		{"generic bodies as written", "一、完善统计。（省统计局，广东电网公司、燃气公司、油品销售公司等按职责分工落实）",
			[]string{"unit 省统计局 responsible", "unit 广东电网公司 responsible", "unit 燃气公司 responsible", "unit 油品销售公司 responsible"}},
		{"a lead named before the others in a bracket", "一、推进5G网络建设。（市通信管理局牵头，市发展改革委、市经信局等按职责分工负责）",
			[]string{"unit 市通信管理局 lead", "unit 市发展改革委 responsible", "unit 市经信局 responsible"}},
		{"two leads, two others", "一、完善算力设施。（国家发展改革委、工业和信息化部牵头，财政部、自然资源部按职责分工负责）",
			[]string{"unit 国家发展改革委 lead", "unit 工业和信息化部 lead", "unit 财政部 responsible", "unit 自然资源部 responsible"}},
		{"a lead and a helper", "一、强化督查。（省政府督查室牵头负责，省直有关部门配合）",
			[]string{"unit 省政府督查室 lead", "unit 省直有关部门 responsible"}},
		{"a lead alone", "一、优化服务。（市政务服务管理局牵头）", []string{"unit 市政务服务管理局 lead"}},
		{"a lead marked in a list", "一、推进建设。（责任单位：市发展改革委（牵头），市财政局、市自然资源规划局）",
			[]string{"unit 市发展改革委 lead", "unit 市财政局 responsible", "unit 市自然资源规划局 responsible"}},
		{"one body in charge", "一、扩大汽车销量。（省工业和信息化厅负责）", []string{"unit 省工业和信息化厅 responsible"}},
		{"one body in charge, with 由", "一、做好资金拨付。（由市财政局负责）", []string{"unit 市财政局 responsible"}},
		{"bodies that carry it out", "一、落实减税降费。（各区人民政府、市税务局负责落实）", []string{"unit 各区人民政府 responsible", "unit 市税务局 responsible"}},
		{"a bracket ending 负责 that lists no bodies", "一、做好宣传。（各地结合实际负责）", nil},
		{"a task table's lead and helper columns", "附件\n任务分工表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建设数据中心\t市发展改革委\t市财政局、市工业和信息化局\t2024年底前\n2\t完善政策\t市工业和信息化局\t市财政局\t2025年6月底前",
			[]string{"unit 市发展改革委 lead", "unit 市财政局 responsible", "unit 市工业和信息化局 responsible", "unit 市工业和信息化局 lead"}},
		{"a table without unit columns lists no bodies", "附件\n项目表\n序号\t项目名称\t建设单位\n1\t数据中心\t市城投公司", nil},
		{"labels in brackets", "一、加强领导。【责任单位】市经信局、市财政局\n二、优化服务。[牵头单位]市政务服务局 [配合单位]各区政府",
			[]string{"unit 市经信局 responsible", "unit 市财政局 responsible", "unit 市政务服务局 lead", "unit 各区政府 responsible"}},
		{"a list ends at another label's item", "一、狠抓落实。（责任单位：各区人民政府，完成时限：2024年底前）", []string{"unit 各区人民政府 responsible"}},
		{"主责单位 names the bodies responsible", "一、完善机制。主责单位：市发展改革委；协办单位：市统计局。", []string{"unit 市发展改革委 responsible", "unit 市统计局 responsible"}},
		{"a bracket inside a body's name", "一、加强保障。（责任单位：各县（市、区）人民政府、市人力资源社会保障局（市医保局））\n二、推进建设。（各县（市、区）政府，市发展改革委按职责分工负责）",
			[]string{"unit 各县（市、区）人民政府 responsible", "unit 市人力资源社会保障局 responsible", "unit 各县（市、区）政府 responsible", "unit 市发展改革委 responsible"}},
		{"short labels where a bracket opens", "一、加强保障。（牵头：市发改委；配合：市财政局、市税务局）\n二、由市发改委牵头：做好统筹。",
			[]string{"unit 市发改委 lead", "unit 市财政局 responsible", "unit 市税务局 responsible"}},
		{"duties in prose are not units", "一、区财政局负责资金保障，由市经信局牵头组织实施。", nil},
		{"a bracket of examples is not a unit list", "一、支持企业（含开发区、风景区）发展。", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, factsOf(t, tc.text, "unit"), "%s", tc.text)
		})
	}
}

// TestListBriefs keeps brief's format honest.
func TestListBriefs(t *testing.T) {
	assert.Equal(t, "money 200 max benefit /辆", brief(Fact{Kind: "money", Yuan: "200", Q: "max", Role: "benefit", Per: "辆"}))
	assert.True(t, strings.HasPrefix(brief(Fact{Kind: "date", Value: "2025", Role: "target"}), "date 2025 target"))
}

// TestTimeOfDay checks the hours read after a date.
func TestTimeOfDay(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want string // the time of day s starts with
	}{
		{"12：00前报送", "12：00"},
		{"17:30前", "17:30"},
		{"下午5时前", "下午5时"},
		{"上午九点半前", "上午九点半"},
		{"17时30分之前", "17时30分"},
		{"二十四时前", "二十四时"},
		{"24时整", "24时整"},
		{"前报送", ""},
		{"起施行", ""},
		{"17:3前", ""},
		{"二十四小时内", ""},
		{"下午召开", ""},
		{"", ""},
	} {
		assert.Equal(t, tc.want, tc.s[:timeOfDay(tc.s)], "%q", tc.s)
	}
}

// TestComparisonSigns checks that a bound written with a sign says whether
// its value is within it: ≤ and ≥ include it, < and > do not.
func TestComparisonSigns(t *testing.T) {
	for _, tc := range []struct {
		text      string
		q         string
		inclusive bool
	}{
		{"一、营业收入≤4亿元的企业。", "max", true},
		{"一、营业收入<4亿元的企业。", "max", false},
		{"一、营业收入≥4亿元的企业。", "min", true},
		{"一、营业收入＞4亿元的企业。", "min", false},
		{"一、营业收入5000万元以上（含本数）的企业。", "min", true},
		{"一、营业收入1亿元以上（不含本数）的企业。", "min", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			docs, err := corpus.Parse("t.txt", []byte(tc.text))
			require.NoError(t, err)
			fs := Run(Default, docs[0])
			require.Len(t, fs, 1)
			assert.Equal(t, tc.q, fs[0].Q)
			require.NotNil(t, fs[0].Inclusive)
			assert.Equal(t, tc.inclusive, *fs[0].Inclusive)
		})
	}
}

// TestRangeInclusion checks that each end of a range keeps its own
// inclusion mark: 1000万元（含）到1亿元（不含）.
func TestRangeInclusion(t *testing.T) {
	docs, err := corpus.Parse("t.txt", []byte("一、研发费用在1000万元（含）到1亿元（不含）之间的，额外奖励40万元；研发投入300万元-1000万元（不含）的，给予5万元补助。"))
	require.NoError(t, err)
	var got []string
	for _, f := range Run(Default, docs[0]) {
		if f.Kind != "money" || f.Role != "threshold" {
			continue
		}
		in := "unmarked"
		if f.Inclusive != nil {
			in = fmt.Sprint(*f.Inclusive)
		}
		got = append(got, fmt.Sprintf("%s %s %s", f.Yuan, f.Q, in))
	}
	assert.Equal(t, []string{"10000000 min true", "100000000 max false", "3000000 min unmarked", "10000000 max false"}, got)
}
