package cjk

import (
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	for _, c := range []struct{ s, w string }{
		{"", "号"}, {"号", "号"}, {"武政规〔2022〕6号", "号"}, {"编号号码", "号码"}, {"abc", "b"}, {"有效期为3年", "有效期"},
		{"\xe5\x8f", "号"}, {"x\xb7号", "号"}, {"一二三", ""}, {"元", "元元"}, {"é号", "号"},
	} {
		if got, want := Index(c.s, c.w), strings.Index(c.s, c.w); got != want {
			t.Errorf("Index(%q, %q) = %d, want %d", c.s, c.w, got, want)
		}
	}
}

func FuzzIndex(f *testing.F) {
	f.Add("给予最高200万元资金支持", "万元")
	f.Add("责任单位：市经信局", "：")
	f.Fuzz(func(t *testing.T, s, w string) {
		if got, want := Index(s, w), strings.Index(s, w); got != want {
			t.Fatalf("Index(%q, %q) = %d, want %d", s, w, got, want)
		}
	})
}
