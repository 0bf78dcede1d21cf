package ingest

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhengce/zhengce/normalize"
)

var magics = []struct {
	prefix, what string
}{
	{"\x89PNG", "PNG image"}, {"%PDF", "PDF file (extract its text first)"}, {"PK\x03\x04", "ZIP archive or Office document"},
	{"GIF8", "GIF image"}, {"\xFF\xD8\xFF", "JPEG image"}, {"\x7FELF", "executable"}, {"\xD0\xCF\x11\xE0", "legacy Office document"},
}

// decodeText returns raw as UTF-8 text, the map from text to raw and the
// encoding name.
func decodeText(raw []byte) ([]byte, normalize.Map, string, error) {
	for _, m := range magics {
		if bytes.HasPrefix(raw, []byte(m.prefix)) {
			return nil, normalize.Map{}, "", errors.New("binary file: " + m.what)
		}
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		b := normalize.NewBuilder(raw, len(raw))
		b.Replace(3, "")
		out, m := b.Finish()
		return out, m, "utf-8-bom", checkText(out)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		out, m := decodeUTF16(raw, 2, false)
		return out, m, "utf-16le", checkText(out)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		out, m := decodeUTF16(raw, 2, true)
		return out, m, "utf-16be", checkText(out)
	}
	if le, be := utf16Evidence(raw); le || be {
		out, m := decodeUTF16(raw, 0, be)
		enc := "utf-16le"
		if be {
			enc = "utf-16be"
		}
		return out, m, enc, checkText(out)
	}
	if valid, n, ctl := readUTF8(raw); valid {
		return raw, normalize.Identity(len(raw)), "utf-8", controlCheck(n, ctl)
	}
	if good, bad := utf8Damage(raw); bad*100 <= good {
		// UTF-8 with a little damage (a character cut off at the end, a
		// stray byte): a text in another encoding is never this close
		return raw, normalize.Identity(len(raw)), "utf-8", checkText(raw)
	}
	if len(raw)%2 == 0 {
		for _, be := range []bool{false, true} {
			if !plausibleUTF16(raw, be) {
				continue
			}
			if out, m := decodeUTF16(raw, 0, be); plausible(out) {
				enc := "utf-16le"
				if be {
					enc = "utf-16be"
				}
				return out, m, enc, checkText(out)
			}
		}
	}
	if out, m, bad := decodeGB18030(raw); bad*100 <= len(out)/3 {
		return out, m, "gb18030", checkText(out)
	}
	// Mostly UTF-8 with damage: Clean replaces and counts ill-formed bytes.
	return raw, normalize.Identity(len(raw)), "utf-8", checkText(raw)
}

// checkText rejects decoded text that is mostly control characters or NULs,
// or mostly ill-formed bytes.
func checkText(text []byte) error {
	// only the first 65536 characters are looked at, so their validity is
	// all that matters: decode them
	n, ctl, bad := 0, 0, 0
	for i := 0; i < len(text) && n < 1<<16; n++ {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
				ctl++
			}
			i++
			continue
		}
		if n := wellFormed3(text, i); n > 0 {
			i += n // most characters of a Chinese text
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	if n > 0 && bad*2 > n {
		// scattered damage in a Chinese text is text with replacements (and
		// a warning); a text mostly of bytes no encoding reads is not
		return errors.New("binary file: mostly bytes that are not text in UTF-8, UTF-16 or GB18030")
	}
	return controlCheck(n, ctl)
}

// controlCheck rejects a text of which ctl of the first n characters are
// control characters or ill-formed bytes, when that is most of them.
func controlCheck(n, ctl int) error {
	if n > 0 && ctl*10 > n && ctl > 4 {
		return errors.New("binary file: mostly control bytes, not text")
	}
	return nil
}

// wellFormed3 returns 3 when a well-formed three-byte character that
// cannot be a surrogate or overlong starts at b[i] (lead byte E1..EC, EE or
// EF), and 0 otherwise.
func wellFormed3(b []byte, i int) int {
	if c := b[i]; (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
		return 3
	}
	return 0
}

// validUTF8 is utf8.Valid, quicker on Chinese text.
func validUTF8(b []byte) bool {
	valid, _, _ := readUTF8(b)
	return valid
}

// readUTF8 reports whether b is well-formed UTF-8 (as utf8.Valid) and,
// when it is, what checkText counts of its first 65536 characters: how
// many there are and how many are control characters. Most characters of
// a Chinese text are three bytes long and are checked without decoding.
func readUTF8(b []byte) (valid bool, n, ctl int) {
	const first = 1 << 16
	for len(b) > 0 {
		c := b[0]
		if c < utf8.RuneSelf {
			if n < first {
				n++
				if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
					ctl++
				}
			}
			b = b[1:]
			continue
		}
		if len(b) >= 3 && (c >= 0xE1 && c <= 0xEC || c >= 0xEE) && c <= 0xEF && (b[1]^0x80)|(b[2]^0x80) < 0x40 {
			n++ // counted past the first characters too: they are only compared
			b = b[3:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return false, 0, 0
		}
		n++
		b = b[size:]
	}
	return true, min(n, first), ctl
}

// plausible reports whether nearly all of text's characters are CJK,
// printable ASCII or line breaks, as UTF-16 read with the right byte order
// is and with the wrong one is not.
func plausible(text []byte) bool {
	n, good := 0, 0
	for i := 0; i < len(text) && n < 4096; n++ {
		r, size := utf8.DecodeRune(text[i:])
		if r >= 0x20 && r < 0x7F || r == '\n' || r == '\r' || r >= 0x3000 && r <= 0x303F || r >= 0x4E00 && r <= 0x9FFF || r >= 0xFF00 && r <= 0xFFEF || r == '“' || r == '”' {
			good++
		}
		i += size
	}
	return n >= 4 && good*100 >= n*95
}

// plausibleUTF16 reports whether plausible holds for raw decoded as
// UTF-16, decoding only as much as plausible looks at: its first 4096
// characters come from at most 16384 bytes, and a surrogate pair starting
// before that ends by 16388.
func plausibleUTF16(raw []byte, bigEndian bool) bool {
	const prefix = 4096*4 + 4
	if len(raw) > prefix {
		raw = raw[:prefix]
	}
	out, _ := decodeUTF16(raw, 0, bigEndian)
	return plausible(out)
}

// utf8Damage counts the well-formed UTF-8 sequences of more than one byte
// in b and the bytes that start no well-formed sequence.
func utf8Damage(b []byte) (good, bad int) {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		b = b[size:]
	}
	return good, bad
}

// utf16Evidence detects BOM-less UTF-16 by the NUL bytes of ASCII
// characters falling on odd (little-endian) or even (big-endian) offsets.
func utf16Evidence(raw []byte) (le, be bool) {
	n := min(len(raw), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if raw[i] == 0 {
			even++
		}
		if raw[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*4 > pairs && even*20 < pairs:
		return true, false
	case even*4 > pairs && odd*20 < pairs:
		return false, true
	}
	return false, false
}

func decodeUTF16(raw []byte, skip int, bigEndian bool) ([]byte, normalize.Map) {
	b := normalize.NewBuilder(raw, len(raw))
	b.Replace(skip, "")
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(raw[i])<<8 | uint16(raw[i+1])
		}
		return uint16(raw[i+1])<<8 | uint16(raw[i])
	}
	var buf [4]byte
	for i := skip; i < len(raw); {
		if i+1 >= len(raw) {
			b.Replace(len(raw), "\uFFFD")
			break
		}
		u := unit(i)
		r, n := rune(u), 2
		if utf16.IsSurrogate(r) && i+3 < len(raw) {
			r, n = utf16.DecodeRune(r, rune(unit(i+2))), 4
		}
		if r == utf8.RuneError {
			n = 2
		}
		w := utf8.EncodeRune(buf[:], r)
		b.Replace(i+n, string(buf[:w]))
		i += n
	}
	return b.Finish()
}

// decodeGB18030 decodes raw one character at a time, so that the map is
// exact, and returns how many sequences were invalid.
func decodeGB18030(raw []byte) ([]byte, normalize.Map, int) {
	dec := simplifiedchinese.GB18030.NewDecoder()
	b := normalize.NewBuilder(raw, len(raw)*3/2)
	var dst [8]byte
	bad := 0
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < 0x80 {
			i++
			continue
		}
		n := gbLen(raw[i:])
		b.Copy(i)
		dec.Reset()
		nd, _, err := dec.Transform(dst[:], raw[i:i+n], true)
		if err != nil || nd == 0 || (nd == 3 && string(dst[:3]) == "\uFFFD") {
			bad++
			b.Replace(i+n, "\uFFFD")
		} else {
			b.Replace(i+n, string(dst[:nd]))
		}
		i += n
	}
	out, m := b.Finish()
	return out, m, bad
}

// gbLen returns the length of the GB18030 sequence starting s (s[0] >= 0x80).
func gbLen(s []byte) int {
	if s[0] == 0x80 || s[0] == 0xFF || len(s) < 2 {
		return 1
	}
	if s[1] >= 0x30 && s[1] <= 0x39 {
		if len(s) >= 4 && s[2] >= 0x81 && s[2] <= 0xFE && s[3] >= 0x30 && s[3] <= 0x39 {
			return 4
		}
		return 1
	}
	if s[1] >= 0x40 && s[1] <= 0xFE && s[1] != 0x7F {
		return 2
	}
	return 1
}
