package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The context scans as first defined, rune by rune: the byte scans must
// give the same bounds on well-formed text.

func localBeforeRunes(s string, i, floor int) string {
	j := i
	for j > floor && i-j < maxContext/2 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if strings.ContainsRune("，。；：、（）()\n", r) {
			break
		}
		j -= n
	}
	return s[j:i]
}

func localAfterRunes(s string, i int) string {
	j := i
	for j < len(s) && j-i < maxContext/2 {
		r, n := utf8.DecodeRuneInString(s[j:])
		if strings.ContainsRune("，。；：、\n", r) {
			break
		}
		j += n
	}
	return s[i:j]
}

func sentenceAroundRunes(s string, start, end int) (int, int) {
	b := start
	for b > 0 && start-b < maxContext {
		r, n := utf8.DecodeLastRuneInString(s[:b])
		if strings.ContainsRune("。；！？\n", r) {
			break
		}
		b -= n
	}
	e := end
	for e < len(s) && e-end < maxContext {
		r, n := utf8.DecodeRuneInString(s[e:])
		e += n
		if strings.ContainsRune("。；！？\n", r) {
			break
		}
	}
	return b, e
}

func checkContext(t *testing.T, s string) {
	t.Helper()
	c := &Clause{Text: s}
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !utf8.RuneStart(s[i]) {
			continue
		}
		for _, floor := range []int{0, i / 2} {
			if floor < len(s) && !utf8.RuneStart(s[floor]) {
				continue
			}
			if got, want := localBefore(s, i, floor), localBeforeRunes(s, i, floor); got != want {
				t.Fatalf("localBefore(%q, %d, %d) = %q, want %q", s, i, floor, got, want)
			}
		}
		if got, want := localAfter(s, i), localAfterRunes(s, i); got != want {
			t.Fatalf("localAfter(%q, %d) = %q, want %q", s, i, got, want)
		}
		b, e := c.sentenceAround(i, i)
		wb, we := sentenceAroundRunes(s, i, i)
		if b != wb || e != we {
			t.Fatalf("sentenceAround(%q, %d) = %d,%d, want %d,%d", s, i, b, e, wb, we)
		}
	}
}

func TestContextScans(t *testing.T) {
	for _, s := range []string{"", "给予最高200万元资金支持。", "一，二。三；四：五、六（七）八(九)十\n十一！十二？", strings.Repeat("长", 400) + "。" + strings.Repeat("句", 300), "𠀀，é。a"} {
		checkContext(t, s)
	}
}

func FuzzContextScans(f *testing.F) {
	f.Add("按照投资额的30%，给予最高200万元；（含）\n下一句！")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		checkContext(t, s)
	})
}
