package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"reflect"
)

// The regular expressions the hand matchers of patterns.go implement: the
// specification they are checked against.
var (
	moneyPattern    = regexp.MustCompile(`(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+(?:点[零〇一二三四五六七八九]+)?)\s*(万亿|千亿|千万|百万|亿|万|千)?\s*(元|美元|欧元|日元|港元|港币|英镑|卢布)?`)
	percentPattern  = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(?:%|％)|(百分之|千分之|万分之)([零〇一二两三四五六七八九十百点]+)|(\d+(?:\.\d+)?)个百分点`)
	dateRangePat    = regexp.MustCompile(`((?:19|20)\d{2})(?:年)?\s*(?:-|—|–|~|～|至|到)\s*((?:19|20)\d{2})年`)
	datePattern     = regexp.MustCompile(`((?:19|20)\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?|((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})`)
	validityPattern = regexp.MustCompile(`有效期(?:限)?(?:为|是)?(\d+|[一二三四五六七八九十两]+)(个月|年)`)
	durationPattern = regexp.MustCompile(`(\d+|[一二三四五六七八九十两]+)\s*(个工作日|个月|个自然日|个小时|工作日|小时|年|月|日|天|周)`)
	unitLabelPat    = regexp.MustCompile(`(牵头责任单位|牵头责任部门|牵头领导单位|牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|责任主体|实施单位)[：:]`)
	durBeforePat    = regexp.MustCompile(`(?:(?:最长不超过|最长|最多|连续|至少|最短|累计)可?(?:补贴|补助|给予|享受|支持|资助|奖励|扶持|免征|减免|发放|减半征收)|最长不得超过|最长不超过|不得超过|最长|不超过|最多|用|为期|期限为|期限|周期为|期为|时间为|连续|满|超过|不少于|不低于|不得少于|不得低于|至少|不短于|不得短于|最短|最长为|最短为|不满|未满|不足|未超过|之日起|起|顺延|力争|之日后的|后的|后|前)$`)
	durAfterPat     = regexp.MustCompile(`^(?:以内|之内|内|以上|及以上|以下|及以下|后|时间|左右|止)`)
	perUnitAlt      = strings.Join(perUnits, "|") // rateunits.txt, longest first
	perPattern      = regexp.MustCompile(`^(?:/|／)(?:每?(?:` + perUnitAlt + `|[A-Za-z]{1,4}|\p{Han})(?:[（(][^）)\n]{1,6}[）)])?(?:/|／|·|・))*每?(?:` + perUnitAlt + `|[A-Za-z]{1,4}|\p{Han})(?:[（(][^）)\n]{1,6}[）)])?`)
	rangeSepPat     = regexp.MustCompile(`^\s*(?:-|—|–|~|～|至|到)\s*`)
	scopePattern    = regexp.MustCompile(`(考核年度内每个机构|单个项目|单个企业|单家企业|每家企业|每个企业|每个项目|每家|每个|每户|每人|每年|每项)`)
	notMoneyPat     = regexp.MustCompile(`^(?:宇宙|化|素|件|组|论|结构|催化)`)
	countWordPat    = regexp.MustCompile(`^(?:个|家|人|台|辆|吨|亩|平方|公里|千瓦|户|项|套|张|件|次|名|座|所|条|处|株|头|只|份|架|艘|册|字|篇|余|多|元?级|产值|倍|标准|千米|米|兆|GB|kW)`)
	basePattern     = regexp.MustCompile(`(?:按照|按)(?:不超过|不高于|其)?(.{1,40}?)(?:的)?$`)
)

// indexOf returns a clause index of s.
func indexOf(s string) *clauseIndex {
	var ix clauseIndex
	indexText(s, &ix)
	return &ix
}

// keysOf is what the clause index's keys stand for.
func keysOf(s string) keySet {
	var k keySet
	for _, w := range []struct {
		word string
		key  keySet
	}{{"元", keyYuan}, {"万", keyWan}, {"亿", keyYi}, {"%", keyPercent}, {"％", keyWidePercent}, {"分之", keyFenZhi},
		{"百分点", keyBaiFenDian}, {"年", keyNian}, {"-", keyDash}, {"单位", keyDanWei}, {"部门", keyBuMen}, {"有效期", keyYouXiaoQi},
		{"：", keyColon}, {":", keyColon}, {"】", keyLabelClose}, {"〕", keyLabelClose}, {"］", keyLabelClose}, {"]", keyLabelClose}} {
		if strings.Contains(s, w.word) {
			k |= w.key
		}
	}
	return k
}

// asInts lays matches of a pattern with groups groups out as regexp's
// FindAllStringSubmatchIndex does.
func asInts(groups int, ms []match) [][]int {
	var out [][]int
	for _, m := range ms {
		out = append(out, append([]int(nil), m[:2*groups+2]...))
	}
	return out
}

// checkPatterns compares every hand matcher with its regular expression on
// s and on each of its suffixes that starts a rune.
func checkPatterns(t *testing.T, s string) {
	t.Helper()
	all := []struct {
		name string
		re   *regexp.Regexp
		find func(string) [][]int
	}{
		{"money", moneyPattern, func(s string) [][]int { return asInts(3, findMoney(s, indexOf(s), nil)) }},
		{"percent", percentPattern, func(s string) [][]int { return asInts(4, findPercent(s, indexOf(s), nil)) }},
		{"date range", dateRangePat, func(s string) [][]int { return asInts(2, findDateRange(s, indexOf(s), nil)) }},
		{"date", datePattern, func(s string) [][]int { return asInts(6, findDate(s, indexOf(s), nil)) }},
		{"validity", validityPattern, func(s string) [][]int { return asInts(2, findValidity(s, indexOf(s), nil)) }},
		{"duration", durationPattern, func(s string) [][]int { return asInts(2, findDuration(s, indexOf(s), nil)) }},
		{"unit label", unitLabelPat, func(s string) [][]int {
			ms := findUnitLabels(s, DefaultCues.unitLabels(), nil)
			for i, m := range ms {
				colon := len("：")
				if s[m[1]-1] == ':' {
					colon = 1
				}
				ms[i] = match{m[0], m[1], m[0], m[1] - colon}
			}
			return asInts(1, ms)
		}},
	}
	if got, want := indexOf(s).keys, keysOf(s); got != want {
		t.Fatalf("keys of %q: %b, want %b", s, got, want)
	}
	for _, p := range all {
		want := p.re.FindAllStringSubmatchIndex(s, -1)
		got := p.find(s)
		if len(want) == 0 {
			want = nil
		}
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%s in %q: got %v, want %v", p.name, s, got, want)
		}
	}
	// cuts are s's suffixes and prefixes at rune boundaries, for the
	// anchored expressions
	var cuts []string
	for i := 0; i <= len(s); i++ {
		if i == len(s) || utf8.RuneStart(s[i]) {
			cuts = append(cuts, s[i:], s[:i])
		}
	}
	anchored := func(name string, re *regexp.Regexp, got func(string) string) {
		for _, x := range cuts {
			if w, g := re.FindString(x), got(x); w != g {
				t.Fatalf("%s in %q: got %q, want %q", name, x, g, w)
			}
		}
	}
	matches := func(name string, re *regexp.Regexp, got func(string) bool) {
		for _, x := range cuts {
			if w, g := re.MatchString(x), got(x); w != g {
				t.Fatalf("%s in %q: got %v, want %v", name, x, g, w)
			}
		}
	}
	anchored("duration before", durBeforePat, durationBefore)
	anchored("duration after", durAfterPat, durationAfter)
	anchored("range separator", rangeSepPat, rangeSepAt)
	anchored("per", perPattern, func(x string) string { m, _ := perAt(x); return m })
	anchored("scope", scopePattern, func(x string) string {
		all := scopePattern.FindAllString(x, -1)
		if got := lastScope(x); len(all) == 0 && got == "" || len(all) > 0 && got == all[len(all)-1] {
			return scopePattern.FindString(x)
		}
		return "mismatch: " + lastScope(x)
	})
	anchored("base", basePattern, func(x string) string {
		sm := basePattern.FindStringSubmatch(x)
		g, ok := percentBase(x)
		if sm == nil && !ok || sm != nil && ok && sm[1] == g {
			return basePattern.FindString(x)
		}
		return "mismatch: " + g
	})
	matches("not money", notMoneyPat, func(x string) bool { return hasPrefixAny(x, notMoneyWords) })
	matches("count word", countWordPat, func(x string) bool { return hasPrefixAny(x, countWords) })
}

func TestPatternsMatchTheirExpressions(t *testing.T) {
	cases := []string{
		"", "1", "200万元", "2,000,000元", "1,2345元", "1.5.3%", "12 %", "3 ％", "2.4个百分点", "百分之三十", "千分之五点", "百分之",
		"1.万元", "三百万元", "五千万 元", "一点五亿元", "一点亿元", "100 \n 万", "50-100亿元", "60万元到80万元", "6万元/辆", "5元/kWh", "3元/kWhx", "2元/abcdef",
		"2022年12月31日", "2022年123月", "2022年1月1", "2022-9-08", "2022-9-081", "2022-123-1", "1999年", "2019年—2021年", "2022 - 2024年", "2022年至2025年底前", "19901年",
		"有效期为3年", "有效期是两年", "有效期5个月", "有效期为", "有效期有效期3年", "10个工作日以内", "3 个月", "一二三四五", "十年", "五十天后", "12周",
		"牵头单位：市经信局；配合单位:市财政局", "责任单位：", "单位：", "（责任单位：市发改委、各区人民政府）",
		"按照不超过项目投资额的", "按其", "按照", "按", "按的", "按照实际的30%", "按" + strings.Repeat("字", 45) + "的",
		"单家企业每年最高", "考核年度内每个机构不超过", "每个企业", "最长不超过", "之日起", "到2025年力争", "到20250年",
	}
	for _, s := range cases {
		checkPatterns(t, s)
	}
}

// TestPatternsOnSeeds runs the comparison over every line of the sample
// documents.
func TestPatternsOnSeeds(t *testing.T) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no seeds")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if len(line) > 200 { // the anchored checks are quadratic in length
				line = line[:200]
				for !utf8.ValidString(line) {
					line = line[:len(line)-1]
				}
			}
			checkPatterns(t, line)
		}
	}
}

func FuzzPatterns(f *testing.F) {
	for _, s := range []string{"给予最高200万元", "百分之三十", "2022年6月1日", "有效期为3年", "按照投资额的30%", "责任单位：市经信局", "每家企业", "6万元/辆"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 200 {
			return
		}
		checkPatterns(t, s)
	})
}

func TestNumeralTable(t *testing.T) {
	for r := rune(0); r < 0x30000; r++ {
		if numeralClass(r) != numeralClassOf(r) {
			t.Fatalf("numeralClass(%U) = %d, want %d", r, numeralClass(r), numeralClassOf(r))
		}
		// readText stops at every numeral
		if r >= 0x3000 && r < 0xA000 && numeralClassOf(r) != 0 && !indexedChars[r-0x3000] {
			t.Fatalf("%c (%U) is a numeral but not indexed", r, r)
		}
	}
}
