package normalize

// punctLine is the first definition of the punctuation rules, over a
// line's runes: punctuate must do exactly what it does.
func punctLine(b *Builder, rs []rune, offs []int) {
	pairs := matchParensRunes(rs)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' }
	chinese := func(i int) bool { return isHan(prevNonSpace(rs, i)) || isHan(nextNonSpace(rs, i)) }
	lineChinese := false
	for _, x := range rs {
		if isHan(x) {
			lineChinese = true
			break
		}
	}
	put := func(i int, s string) {
		b.Copy(offs[i])
		b.Replace(offs[i+1], s)
	}
	for i, r := range rs {
		switch r {
		case ',', ':':
			if isDigit(at(i-1)) && isDigit(at(i+1)) {
				continue // 1,000 and 1:1
			}
			if chinese(i) {
				put(i, string(r+0xFEE0))
			}
		case ';':
			if chinese(i) {
				put(i, "；")
			}
		case '?', '!':
			if at(i-1) == r || at(i+1) == r {
				continue // leader runs such as !!!!!! are noise, not punctuation
			}
			if chinese(i) {
				put(i, string(r+0xFEE0))
			}
		case '(', ')':
			conv := false
			if j, ok := pairs[i]; ok {
				o, c := min(i, j), max(i, j)
				conv = isHan(prevNonSpace(rs, o)) || isHan(nextNonSpace(rs, c))
				for k := o + 1; k < c && !conv; k++ {
					conv = isHan(rs[k])
				}
			} else {
				conv = lineChinese // the partner is on another line
			}
			if conv {
				put(i, string(r+0xFEE0))
			}
		}
	}
}

// matchParens pairs ASCII and full-width round brackets on one line and
// returns, for each ASCII bracket that has a partner, the partner's index.
func matchParensRunes(rs []rune) map[int]int {
	var m map[int]int
	var stack []int
	for i, r := range rs {
		switch r {
		case '(', '（':
			stack = append(stack, i)
		case ')', '）':
			if len(stack) == 0 {
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if rs[o] == '(' || r == ')' {
				if m == nil {
					m = map[int]int{}
				}
				m[o], m[i] = i, o
			}
		}
	}
	return m
}

// punctuationRunes is Punctuation as first defined, over runes.
func punctuationRunes(in []byte) ([]byte, Map) { return byLine(in, needsPunctuation, punctLine) }

// prevNonSpace returns the last rune before rs[i] that is not a space, 0
// for none.
func prevNonSpace(rs []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		if rs[j] != ' ' {
			return rs[j]
		}
	}
	return 0
}

// nextNonSpace returns the first rune after rs[i] that is not a space, 0
// for none.
func nextNonSpace(rs []rune, i int) rune {
	for j := i + 1; j < len(rs); j++ {
		if rs[j] != ' ' {
			return rs[j]
		}
	}
	return 0
}
