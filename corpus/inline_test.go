package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// afterStopSpec is afterStop as a reading rune by rune sees it.
func afterStopSpec(s string, from int) int {
	for i := from; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if strings.ContainsRune("；：。;:", r) {
			return i
		}
	}
	return -1
}

func TestAfterStop(t *testing.T) {
	for _, c := range []struct {
		s    string
		from int
		want int
	}{
		{"", 0, -1},
		{"无标点", 0, -1},
		{"甲：乙", 0, len("甲：")},
		{"甲；乙", 0, len("甲；")},
		{"甲。乙", 0, len("甲。")},
		{"a;b", 0, 2},
		{"a:b", 0, 2},
		{"甲。乙。", len("甲。"), len("甲。乙。")},
		{"\xbc\x9b", 0, -1},            // the tail of ； without its lead byte
		{"\xef\xbc\x9b", 1, -1},        // from inside the character
		{"\xe4\xef\xbc\x9b", 0, 4},     // after a stray lead byte
		{"\xf0\x9f\xe3\x80\x82", 0, 5}, // after a truncated four-byte sequence
		{"（一）为：①", 0, len("（一）为：")},
	} {
		if got := afterStop(c.s, c.from); got != c.want {
			t.Errorf("afterStop(%q, %d) = %d, want %d", c.s, c.from, got, c.want)
		}
		if got := afterStopSpec(c.s, c.from); got != c.want && c.from == 0 {
			t.Errorf("spec(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

// FuzzAfterStop checks that comparing bytes finds what decoding runes
// finds, ill-formed input included.
func FuzzAfterStop(f *testing.F) {
	f.Add("一、总则：（一）甲；（二）乙。")
	f.Add("\xe4\xef\xbc\x9b\xe3\x80")
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i <= len(s); i = afterStop(s, i) {
			if got, want := afterStop(s, i), afterStopSpec(s, i); got != want {
				t.Fatalf("afterStop(%q, %d) = %d, want %d", s, i, got, want)
			}
			if afterStop(s, i) < 0 {
				break
			}
		}
	})
}

func TestMayOpenItem(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"有下列情形之一的：（一）未按期申报；（二）虚报。", true},
		{"包括:(1)甲;(2)乙", true},
		{"主要任务：①甲；②乙", true},
		{"⑳", true},
		{"一、总体要求。各地要抓好落实；确保成效。", false},
		{"", false},
	} {
		if got := mayOpenItem(c.s); got != c.want {
			t.Errorf("mayOpenItem(%q) = %v, want %v", c.s, got, c.want)
		}
		if !c.want && inlineItems(c.s) != nil {
			t.Errorf("inlineItems(%q) found items", c.s)
		}
	}
}
