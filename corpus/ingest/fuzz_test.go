package ingest

import (
	"os"
	"testing"
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
