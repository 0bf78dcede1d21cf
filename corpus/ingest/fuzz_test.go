package ingest

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode checks that any bytes decode to an error or to a text whose
// map stays inside the input.
func FuzzDecode(f *testing.F) {
	raw, _ := os.ReadFile(seed001)
	f.Add(raw[:2000])
	f.Add([]byte("<html><body><div class=\"nav\">x</div><p>一、给予&nbsp;200万元</p><script>y</script></body></html>"))
	f.Add([]byte{0xFF, 0xFE, 0x00, 0x4E, 0x8C, 0x4E})
	f.Add([]byte("\xce\xe4\xba\xba\xca\xd0")) // GBK
	f.Fuzz(func(t *testing.T, raw []byte) {
		s, err := Decode("fuzz", raw)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		for i := 0; i <= len(s.Text); i += max(1, len(s.Text)/64) {
			a, b := s.Maps.Span(i, i)
			if a < 0 || b > len(raw) || b < a {
				t.Fatalf("Span(%d) = %d,%d outside %d bytes", i, a, b, len(raw))
			}
		}
	})
}

// FuzzValidUTF8 checks the quick validity test against the standard one.
func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"", "abc", "一二三", "\xe4\xb8", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd", "𠀀", "\xf4\x90\x80\x80", "é", "\x01\x02\x03\x04\x05\x06ab"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if validUTF8(b) != utf8.Valid(b) {
			t.Fatalf("validUTF8(%q) = %v", b, validUTF8(b))
		}
		if valid, n, ctl := readUTF8(b); valid && (controlCheck(n, ctl) == nil) != (checkText(b) == nil) {
			t.Fatalf("readUTF8(%q): %d characters, %d control; checkText says %v", b, n, ctl, checkText(b))
		}
	})
}

// TestControlCountBound checks the quick count against checkText around
// the 65536 characters checkText looks at: control characters only after
// them do not make a text binary, before them they do.
func TestControlCountBound(t *testing.T) {
	for _, c := range []struct {
		text   string
		binary bool
	}{
		{strings.Repeat("一", 65536) + strings.Repeat("\x01", 100000), false},
		{strings.Repeat("a", 65535) + strings.Repeat("\x01", 100000), false},
		{strings.Repeat("一", 10) + strings.Repeat("\x01", 70000), true},
		{strings.Repeat("一", 50000) + strings.Repeat("\x01", 20000), true},
	} {
		b := []byte(c.text)
		valid, n, ctl := readUTF8(b)
		if !valid || (controlCheck(n, ctl) != nil) != c.binary || (checkText(b) != nil) != c.binary {
			t.Fatalf("readUTF8 %v %d %d, checkText %v; want binary %v", valid, n, ctl, checkText(b), c.binary)
		}
	}
}
