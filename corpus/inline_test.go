package corpus

import (
	"fmt"
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

// inlineItemsSpec is inlineItems as a reading of the line from stop to
// stop sees it: after each ；：。;: and any spaces, the marker found there
// is offered to the sequence.
func inlineItemsSpec(s string) []int {
	seq := newItemSequence(s)
	for i := afterStopSpec(s, 0); i >= 0; i = afterStopSpec(s, i) {
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		seq.offer(s, j)
	}
	return seq.cuts
}

func TestInlineItems(t *testing.T) {
	for _, c := range []struct {
		s    string
		want []int
	}{
		{"", nil},
		{"无标点", nil},
		{"有下列情形之一的：（一）甲；（二）乙。", []int{len("有下列情形之一的："), len("有下列情形之一的：（一）甲；")}},
		{"包括: (1)甲; (2)乙", nil}, // (1) is of another family
		{"包括: ①甲;  ②乙", []int{len("包括: "), len("包括: ①甲;  ")}},
		{"（一）总则：（二）甲；（三）乙", []int{len("（一）总则："), len("（一）总则：（二）甲；")}},
		{"依照第（一）项：（一）甲", []int{len("依照第（一）项：")}},
		{"（二）甲；（一）乙", nil},   // a new list of the same family is not one
		{"甲：（二）乙；（三）丙", nil}, // does not count on from one
		{"\xe4\xef\xbc\x9b（一）甲", []int{len("\xe4\xef\xbc\x9b")}},
	} {
		got := inlineItems(c.s)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("inlineItems(%q) = %v, want %v", c.s, got, c.want)
		}
		if spec := inlineItemsSpec(c.s); fmt.Sprint(spec) != fmt.Sprint(c.want) {
			t.Errorf("spec(%q) = %v, want %v", c.s, spec, c.want)
		}
	}
}

// FuzzInlineItems checks that searching for markers finds what reading
// from stop to stop finds, ill-formed input included.
func FuzzInlineItems(f *testing.F) {
	f.Add("一、总则：（一）甲；（二）乙。")
	f.Add("\xe4\xef\xbc\x9b\xe3\x80（一）")
	f.Add("有下列情形：① 甲；  ②乙:(三)丙")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := inlineItems(s), inlineItemsSpec(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("inlineItems(%q) = %v, want %v", s, got, want)
		}
	})
}
