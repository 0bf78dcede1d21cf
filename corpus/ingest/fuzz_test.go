package ingest

import (
	"os"
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
	for _, s := range []string{"", "abc", "一二三", "\xe4\xb8", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd", "𠀀", "\xf4\x90\x80\x80", "é"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if validUTF8(b) != utf8.Valid(b) {
			t.Fatalf("validUTF8(%q) = %v", b, validUTF8(b))
		}
	})
}
