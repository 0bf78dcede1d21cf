package datenum

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValue(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
		ok   bool
	}{
		{"2023", 2023, true},
		{"09", 9, true},
		{"二〇二三", 2023, true},
		{"一九九三", 1993, true},
		{"二○○五", 2005, true},
		{"二零零五", 2005, true},
		{"一", 1, true},
		{"十", 10, true},
		{"十二", 12, true},
		{"二十", 20, true},
		{"二十九", 29, true},
		{"三十一", 31, true},
		{"", 0, false},
		{"十十", 0, false},
		{"一二十", 0, false},
		{"〇十", 0, false},
		{"二十〇", 0, false},
		{"十二三", 0, false},
		{"2a", 0, false},
		{"年", 0, false},
	} {
		got, ok := Value(tc.s)
		assert.Equal(t, tc.ok, ok, "%q", tc.s)
		assert.Equal(t, tc.want, got, "%q", tc.s)
	}
}

func TestPatterns(t *testing.T) {
	re := regexp.MustCompile(`^` + Date + `$`)
	for _, tc := range []struct {
		s       string
		y, m, d int
	}{
		{"2023年10月16日", 2023, 10, 16},
		{"二〇二三年十月十六日", 2023, 10, 16},
		{"一九九三年二月一日", 1993, 2, 1},
		{"二○○五年十二月三十一日", 2005, 12, 31},
		{"二〇〇五年九月二十日", 2005, 9, 20},
	} {
		sm := re.FindStringSubmatch(tc.s)
		if !assert.NotNil(t, sm, tc.s) {
			continue
		}
		y, _ := Value(sm[1])
		m, _ := Value(sm[2])
		d, _ := Value(sm[3])
		assert.Equal(t, []int{tc.y, tc.m, tc.d}, []int{y, m, d}, tc.s)
	}
	for _, s := range []string{"三千年十月一日", "二〇二三年十三月一日", "二〇二三年十月四十日"} {
		assert.Nil(t, re.FindStringSubmatch(s), s)
	}
}

func FuzzValue(f *testing.F) {
	f.Add("二十九")
	f.Add("2023")
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := Value(s)
		if ok && n < 0 {
			t.Fatalf("Value(%q) = %d", s, n)
		}
	})
}
