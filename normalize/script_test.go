package normalize

import "testing"

func TestHasHan(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"abc 123", false}, {"政策", true}, {"𡄔", true}, {"𠴢", true},
		{"😀", false}, {"é", false}, {"\xf0\xa1", true}, // a lead byte and its second: the pre-check may say yes
	} {
		if got := hasHan([]byte(c.s)); got != c.want {
			t.Errorf("hasHan(%+q) = %v, want %v", c.s, got, c.want)
		}
	}
}
