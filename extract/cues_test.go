package extract

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zhengce/zhengce/corpus"
)

func TestReadCuesErrors(t *testing.T) {
	for _, tc := range []struct{ table, err string }{
		{"money\trole", "mine.tsv:1: want kind, field, value"},
		{"# comment\n\nyuan\trole\tbenefit\tbefore:奖励", "mine.tsv:3: unknown kind \"yuan\""},
		{"money\tscope\tbenefit\tbefore:奖励", "mine.tsv:1: unknown field \"scope\""},
		{"money\trole\tbenefit\tnear:奖励", "mine.tsv:1: condition \"near:奖励\""},
		{"money\trole\tbenefit\tbefore:", "mine.tsv:1: condition \"before:\" has no words"},
		{"money\trole\t\tbefore:奖励", "mine.tsv:1: empty value"},
	} {
		_, err := ReadCues(strings.NewReader(tc.table), "mine.tsv", nil)
		assert.ErrorContains(t, err, tc.err, "%q", tc.table)
	}
}

func TestCueConditions(t *testing.T) {
	x := &cueContext{before: "营业收入不低于", after: "以上的企业", lead: "对年营业收入不低于", trail: "以上的企业，给予奖励。",
		sentence: "对年营业收入不低于2000万元以上的企业，给予奖励。", heading: "二、支持企业做大\n（一）规上奖励", q: "min"}
	for _, tc := range []struct {
		rule string
		want bool
	}{
		{"money\trole\tx\tbefore:营业收入", true},
		{"money\trole\tx\tbefore:低于", false}, // 不低于 holds no 低于
		{"money\trole\tx\tbefore:不低于", true},
		{"money\trole\tx\tbefore$:不低于", true},
		{"money\trole\tx\tbefore$:营业收入", false},
		{"money\trole\tx\tafter^:以上", true},
		{"money\trole\tx\tafter^:的", false},
		{"money\trole\tx\tafter:企业", true},
		{"money\trole\tx\ttrail:奖励", true},
		{"money\trole\tx\tlead:奖励", false},
		{"money\trole\tx\tsentence:奖励\t!before:奖励", true},
		{"money\trole\tx\theading:规上", true},
		{"money\trole\tx\tq:max|min", true},
		{"money\trole\tx\tper:", false},
		{"money\trole\tx\tsentence:#万元", true},
		{"money\trole\tx\tsentence:#亿元", false},
	} {
		cs, err := ReadCues(strings.NewReader(tc.rule), "t.tsv", nil)
		require.NoError(t, err)
		f := cs.decide("money", "role", x, "none")
		assert.Equal(t, tc.want, f.value == "x", tc.rule)
	}
}

// TestUserCuesComeFirst teaches the tool a phrasing with a rule of the
// user's and checks it wins over the built-in table.
func TestUserCuesComeFirst(t *testing.T) {
	d := corpus.MustParse("a.txt", "一、支持政策\n对认定的企业，顶格支持200万元。\n")[0]
	q := func(exs []Extractor) string {
		for _, f := range Run(exs, d) {
			if f.Kind == "money" {
				return f.Q + " " + f.Role + " " + f.Text
			}
		}
		return ""
	}
	assert.Equal(t, "exact benefit 200万元", q(Default))
	mine, err := ReadCues(strings.NewReader("*\tq\tmax\tbefore$:顶格支持|顶格\n"), "mine.tsv", DefaultCues)
	require.NoError(t, err)
	assert.Equal(t, "max benefit 顶格支持200万元", q(WithCues(Default, mine)))
}
