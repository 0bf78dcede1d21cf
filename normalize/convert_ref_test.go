package normalize

import "unicode/utf8"

// convertLine is the first definition of script conversion, over a
// line's runes: convertRange must do exactly what it does.
func (t *t2sTables) convertLine(b *Builder, rs []rune, offs []int) {
	c := t.conversion()
	var key []byte
	for i := 0; i < len(rs); {
		r := rs[i]
		f := c.flag(r)
		if f&(flagPhrase|flagConvert) == 0 {
			i++
			continue
		}
		if f&flagPhrase != 0 {
			matched := 0
			lens := c.lengths[r]
			for n := min(c.maxPhrase, len(rs)-i); n >= 2; n-- {
				if n < 32 && lens&(1<<n) == 0 {
					continue // no phrase of n runes starts with r
				}
				key = key[:0]
				for _, x := range rs[i : i+n] {
					key = utf8.AppendRune(key, x)
				}
				if v, ok := c.phrases[string(key)]; ok {
					b.Copy(offs[i])
					b.Replace(offs[i+n], v) // a phrase maps as a whole
					matched = n
					break
				}
			}
			if matched > 0 {
				i += matched
				continue
			}
		}
		if v := c.char(r); v >= 0 {
			b.Copy(offs[i])
			b.Substitute(offs[i+1], string(v))
		}
		i++
	}
}

// simplifyRunes is Simplify over the first definition of conversion.
func simplifyRunes(in []byte) []byte {
	t, _ := loadTables()
	b := NewBuilder(in, len(in))
	var lb lineBuf
	var c scriptCount
	for start := 0; start < len(in); {
		end := indexByteFrom(in, start, '\n')
		if tr, sp := t.lineScore(in[start:end]); c.converts(tr, sp) {
			lb.runes, lb.offs = decodeLine(in[start:end], start, lb.runes[:0], lb.offs[:0])
			t.convertLine(b, lb.runes, lb.offs)
		}
		start = end + 1
	}
	out, _ := b.Finish()
	return out
}

// replaceLine is the first definition of the mirror replacement, over a
// line's runes: replaceRange must do exactly what it does.
func (v *vocab) replaceLine(b *Builder, in []byte, rs []rune, offs []int) {
	for i := 0; i < len(rs); {
		longest, ok := v.starts[rs[i]]
		if !ok {
			i++
			continue
		}
		matched := 0
		for n := min(longest, len(rs)-i); n >= 2 && matched == 0; n-- {
			if repl, ok := v.words[string(in[offs[i]:offs[i+n]])]; ok {
				b.Copy(offs[i])
				b.Replace(offs[i+n], repl)
				matched = n
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
}

// mirrorRunes is Mirror over every line, by the first definition.
func mirrorRunes(in []byte) []byte {
	v := newVocab(MirrorVocabulary)
	b := NewBuilder(in, len(in))
	var lb lineBuf
	for start := 0; start < len(in); {
		end := indexByteFrom(in, start, '\n')
		lb.runes, lb.offs = decodeLine(in[start:end], start, lb.runes[:0], lb.offs[:0])
		v.replaceLine(b, in, lb.runes, lb.offs)
		start = end + 1
	}
	out, _ := b.Finish()
	return out
}
