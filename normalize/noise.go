package normalize

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NoiseKind says why a span was removed from the text.
type NoiseKind string

// The kinds of noise Denoise removes.
const (
	PageMarker    NoiseKind = "page-marker"    // 第24页, — 23—
	RunningHeader NoiseKind = "running-header" // a title or part title repeated at page breaks
	Contents      NoiseKind = "contents"       // table-of-contents entries with leader runs
	Decoration    NoiseKind = "decoration"     // mojibake glyph rows such as 檪檪檪 or 殏 殏
	Chrome        NoiseKind = "chrome"         // flipbook and web page furniture
	Markup        NoiseKind = "markup"         // markdown emphasis markers
)

// A Noise is a span removed from the text, in the offsets of the input of
// the stage that removed it until the pipeline maps it to raw offsets.
type Noise struct {
	Kind       NoiseKind `json:"kind"`
	Start, End int
	Text       string `json:"text"`
}

// chromeLines are page-furniture lines of flipbook and encyclopedia pages,
// compared with spaces removed.
var chromeLines = map[string]bool{
	"[收起]": true, "[展开]": true, "文本内容": true, "相关词条": true, "热门词条": true,
	"联络我们": true, "联系我们": true, "扫描二维码关注我们": true, "免费制作": true, "更多内容": true,
	"收藏": true, "转发": true, "下载": true, "分享": true, "其他案例": true, "更多案例": true,
	"x": true, "×": true, "基本介绍": true, "打印本页": true, "关闭窗口": true, "【打印】": true,
	"【关闭】": true, "返回顶部": true,
}

// maxChromeLine is the length in bytes of the longest of chromeLines.
var maxChromeLine = func() int {
	n := 0
	for k := range chromeLines {
		n = max(n, len(k))
	}
	return n
}()

// chromeMarks are substrings that mark a whole line as page furniture.
var chromeMarks = []string{"{{", "粉丝:", "粉丝：", "一键上传", "翻页效果", "当前位置:", "当前位置：", "上一篇:", "上一篇：", "下一篇:", "下一篇：", "相关链接:", "相关链接："}

// A lineSpan is a line of a text: byte offsets without its line break.
type lineSpan struct{ start, end int }

// lineSpans splits in at line breaks. A text ending in a line break ends
// with an empty line.
func lineSpans(in []byte) []lineSpan {
	spans := make([]lineSpan, 0, bytes.Count(in, []byte{'\n'})+1)
	for start := 0; start <= len(in); {
		end := indexByteFrom(in, start, '\n')
		spans = append(spans, lineSpan{start, end})
		if end == len(in) {
			break
		}
		start = end + 1
	}
	return spans
}

// Denoise removes scraped-page noise: page markers, running headers and
// part titles that recur at page boundaries (found by recurrence next to
// page markers, not from a list), table-of-contents lines, decorative glyph
// rows, flipbook and web chrome, and markdown emphasis. Removed lines take
// their line break with them, so the text around a page break becomes
// adjacent and a later stage can rejoin a sentence split by the break.
func Denoise(in []byte) ([]byte, Map, []Noise) {
	spans := lineSpans(in)
	lines := make([]lineRec, len(spans))
	keys := map[int32]string{}
	var kb []byte
	for i, l := range spans {
		var key string
		key, kb = noiseKey(in[l.start:l.end], kb)
		lines[i].classify(key)
		if lines[i].candidate() {
			keys[int32(i)] = strings.Clone(key)
		}
	}
	decideNoise(lines, keys)
	b := NewBuilder(in, len(in))
	var noise []Noise
	for i, l := range spans {
		noise = removeNoise(b, in, l, lines[i].kind, noise)
	}
	out, m := b.Finish()
	return out, m, noise
}

// removeNoise writes line l of in to b without it, when it is noise of
// kind k, or without its emphasis marks, and appends what it removed to
// noise.
func removeNoise(b *Builder, in []byte, l lineSpan, k noiseCode, noise []Noise) []Noise {
	if k == notNoise {
		return removeEmphasis(b, in, l, noise)
	}
	end := l.end
	if end < len(in) {
		end++ // the line break
	}
	b.Copy(l.start)
	noise = append(noise, Noise{Kind: noiseKinds[k], Start: l.start, End: l.end, Text: string(in[l.start:l.end])})
	b.Replace(end, "")
	return noise
}

// lineKey returns line with its spaces and tabs removed, built in buf when it has
// any: the key noise is recognised by. The key is valid until buf is
// reused or line changes.
func lineKey(line, buf []byte) (string, []byte) {
	if bytes.IndexByte(line, ' ') < 0 && bytes.IndexByte(line, '\t') < 0 {
		return viewString(line), buf
	}
	buf = buf[:0]
	for _, c := range line {
		if c != ' ' && c != '\t' {
			buf = append(buf, c)
		}
	}
	return viewString(buf), buf
}

// noiseKey returns the key noise is recognised by for line as the stages
// leave it: without its emphasis marks, then without its spaces (emphasis
// goes first, so ** * keeps its lone * as the next normalization sees it,
// and * * is no emphasis). The key is valid until buf is reused.
func noiseKey(line, buf []byte) (string, []byte) {
	if bytes.Contains(line, []byte("**")) {
		line = []byte(withoutEmphasis(viewString(line)))
	}
	return lineKey(line, buf)
}

// A noiseCode is a NoiseKind as a small number, for line tables.
type noiseCode uint8

// The noise codes, indexes of noiseKinds.
const (
	notNoise noiseCode = iota
	pageMarker
	runningHeader
	contents
	decoration
	chrome
)

var noiseKinds = [...]NoiseKind{"", PageMarker, RunningHeader, Contents, Decoration, Chrome}

// A lineRec is what the stages after script conversion decide by about
// one line: whether it is noise, and what joining needs of it once noise
// and spaces are removed. Run keeps one per line, so it is small.
type lineRec struct {
	sLen  int32    // length of the line once emphasis and spaces are removed
	width int32    // display width of that text
	feat  lineFeat // its ends, punctuation and clause marker
	sum   uint64   // lineSum of that text
	kind  noiseCode
	flags uint8
}

// Bits of lineRec.flags.
const (
	keyEmpty   = 1 << iota // the line holds nothing but spaces
	headerCand             // not noise by itself, but could be a running header
	hasNewline             // the line ends with a line break
	converted              // script conversion converted the line
	spaced                 // the line holds spaces
	starred                // the line holds ** (emphasis)
)

// classify sets what a line's key says of it alone.
func (l *lineRec) classify(key string) {
	l.kind = classifyLine(key)
	l.classified(key, -1)
}

// classified sets the flags that follow from the key and the kind.
// runes is the number of characters in key, or -1 when not counted.
func (l *lineRec) classified(key string, runes int) {
	switch {
	case key == "":
		l.flags |= keyEmpty
	case l.kind == notNoise && isHeaderCandidate(key, runes):
		l.flags |= headerCand
	}
}

func (l *lineRec) candidate() bool { return l.flags&headerCand != 0 }
func (l *lineRec) empty() bool     { return l.flags&keyEmpty != 0 }

// decideNoise completes the kinds lines have by themselves with those
// their neighbours give them: contents fragments and running headers.
// keys holds the keys of the header candidates that stand near noise.
func decideNoise(lines []lineRec, keys map[int32]string) {
	markContentsFragments(lines)
	markRunningHeaders(lines, keys)
}

// classifyScanned is classifyLine for a key scanLine has read: it looks for
// leaders and chrome marks only where the scan found them.
func classifyScanned(key string, f scanFlag) noiseCode {
	switch {
	case key == "":
		return notNoise
	case isPageMarker(key):
		return pageMarker
	case (f&scanLeader != 0 || len(key) <= len("目录")) && isContentsLine(key):
		return contents
	case isDecoration(key):
		return decoration
	case len(key) <= maxChromeLine && chromeLines[key], f&scanChrome != 0:
		return chrome
	}
	return notNoise
}

func classifyLine(key string) noiseCode {
	switch {
	case key == "":
		return notNoise
	case isPageMarker(key):
		return pageMarker
	case isContentsLine(key):
		return contents
	case isDecoration(key):
		return decoration
	case len(key) <= maxChromeLine && chromeLines[key]:
		return chrome
	}
	if hasChromeMark(key) {
		return chrome
	}
	return notNoise
}

// hasChromeMark reports whether key holds one of chromeMarks. One pass
// looks at the characters the marks start with ({, 粉, 一, 翻, 当, 上, 下, 相, in UTF-8),
// stepping over whole three-byte characters, and compares the whole marks
// only there.
func hasChromeMark(key string) bool {
	for i := 0; i+1 < len(key); {
		c := key[i]
		if c < utf8.RuneSelf {
			if c == '{' && key[i+1] == '{' {
				return true
			}
			i++
			continue
		}
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(key) || key[i+1]&0xC0 != 0x80 || key[i+2]&0xC0 != 0x80 {
			i++ // not a whole three-byte character: its next byte may start one
			continue
		}
		switch k := key[i:]; {
		case c == 0xE7 && k[1] == 0xB2 && k[2] == 0x89 && (strings.HasPrefix(k, "粉丝:") || strings.HasPrefix(k, "粉丝：")),
			c == 0xE4 && k[1] == 0xB8 && k[2] == 0x80 && strings.HasPrefix(k, "一键上传"),
			c == 0xE7 && k[1] == 0xBF && k[2] == 0xBB && strings.HasPrefix(k, "翻页效果"),
			c == 0xE5 && k[1] == 0xBD && k[2] == 0x93 && (strings.HasPrefix(k, "当前位置:") || strings.HasPrefix(k, "当前位置：")),
			c == 0xE4 && k[1] == 0xB8 && (k[2] == 0x8A || k[2] == 0x8B) && (strings.HasPrefix(k[3:], "一篇:") || strings.HasPrefix(k[3:], "一篇：")),
			c == 0xE7 && k[1] == 0x9B && k[2] == 0xB8 && (strings.HasPrefix(k, "相关链接:") || strings.HasPrefix(k, "相关链接：")):
			return true
		}
		i += 3
	}
	return false
}

// isPageMarker matches 第24页, 第2页共9页, —23—, -23-, －23－ and a bare page
// number line is not matched (it could be an amount).
func isPageMarker(key string) bool {
	if s, ok := strings.CutPrefix(key, "第"); ok {
		d := leadingASCIIDigits(s)
		if d == 0 {
			return false
		}
		rest := s[d:]
		if rest == "页" {
			return true
		}
		if r, ok := strings.CutPrefix(rest, "页共"); ok {
			n := leadingASCIIDigits(r)
			return n > 0 && r[n:] == "页"
		}
		return false
	}
	for _, dash := range []string{"—", "-", "－", "–"} {
		if s, ok := strings.CutPrefix(key, dash); ok {
			s = strings.TrimLeft(s, dash)
			d := leadingASCIIDigits(s)
			if d == 0 {
				return false
			}
			rest := strings.TrimLeft(s[d:], dash)
			return rest == "" && len(s[d:]) > 0
		}
	}
	return false
}

var leaders = []string{"!!!", "！！！", "……", "...." /* dotted leaders */, "····", "．．．．", "____", "－－－－", "———"}

// isContentsLine matches table-of-contents lines: a title, a leader run and
// a page number, or the 目录 heading itself.
func isContentsLine(key string) bool {
	if key == "目录" || key == "目次" {
		return true
	}
	if !mayHoldLeader(key) {
		return false
	}
	for _, l := range leaders {
		for from := 0; ; {
			i := strings.Index(key[from:], l)
			if i < 0 {
				break
			}
			if from+i == 0 {
				from += len(l) // a leader that starts the line lists no title
				continue
			}
			rest := key[from+i:]
			rest = strings.TrimLeft(rest, string([]rune(l)[:1]))
			rest = strings.TrimLeft(rest, " ")
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				return true
			}
			from += i + len(l)
		}
	}
	return false
}

// holdsLeader reports whether s holds one of the leader runs.
func holdsLeader(s string) bool {
	for _, l := range leaders {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// mayHoldLeader reports whether key holds a character repeated right after
// itself among those leaders are made of (! . _ and the two- and three-byte
// ones starting C2, E2 or EF): every leader starts so, and one pass over
// the key spares searching it for each leader.
func mayHoldLeader(key string) bool {
	for i := 0; i+1 < len(key); i++ {
		switch c := key[i]; c {
		case '!', '.', '_':
			if key[i+1] == c {
				return true
			}
		case 0xC2:
			if i+3 < len(key) && key[i:i+2] == key[i+2:i+4] {
				return true
			}
		case 0xE2, 0xEF:
			if i+5 < len(key) && key[i:i+3] == key[i+3:i+6] {
				return true
			}
		}
	}
	return false
}

// isDecoration matches a row of one repeated glyph, such as the mojibake
// rows 檪檪檪 and 殏殏 that stand for a PDF's ornaments.
func isDecoration(key string) bool {
	first, n := utf8.DecodeRuneInString(key)
	if n == len(key) || first < 0x2E80 || unicode.IsPunct(first) {
		return false // punctuation such as 。。 is text, however odd
	}
	for _, r := range key {
		if r != first {
			return false
		}
	}
	return true
}

// markContentsFragments marks as contents a line wrapped inside a
// table-of-contents entry: one whose neighbouring lines are both contents.
func markContentsFragments(lines []lineRec) {
	neighbour := func(i, d int) noiseCode {
		for j := i + d; j >= 0 && j < len(lines); j += d {
			if !lines[j].empty() {
				return lines[j].kind
			}
		}
		return notNoise
	}
	for i := range lines {
		if l := &lines[i]; l.kind == notNoise && !l.empty() && neighbour(i, -1) == contents && neighbour(i, 1) == contents {
			l.kind = contents
		}
	}
}

// headerReach is how far, in lines that are not blank, a running header
// can stand from a line that is noise by itself: next to a contents
// fragment (one), which stands next to a contents line, or next to a
// header found in the first round (two), which stands next to either.
const headerReach = 3

// markRunningHeaders marks as running headers the short lines that recur
// at least twice next to page markers, and each occurrence that stands next
// to a page marker or to another noise line. keys holds the key of every
// header candidate within headerReach of a line that is noise by itself.
func markRunningHeaders(lines []lineRec, keys map[int32]string) {
	adjacentToNoise := func(i int) bool {
		for _, d := range []int{-1, 1} {
			for j := i + d; j >= 0 && j < len(lines); j += d {
				if lines[j].empty() {
					continue
				}
				if lines[j].kind != notNoise {
					return true
				}
				break
			}
		}
		return false
	}
	for pass := 0; pass < 2; pass++ {
		count := map[string]int{}
		for i := range lines {
			if lines[i].kind == notNoise && lines[i].candidate() && adjacentToNoise(i) {
				count[keys[int32(i)]]++
			}
		}
		// decided on the pass's starting state, so that a header marked
		// in this pass does not carry the mark further down a run of
		// lines in the same pass: a run reaches headerReach lines at most
		var marked []int
		for i := range lines {
			if l := &lines[i]; l.kind == notNoise && l.candidate() && adjacentToNoise(i) && count[keys[int32(i)]] >= 2 {
				marked = append(marked, i)
			}
		}
		if len(marked) == 0 {
			return
		}
		for _, i := range marked {
			lines[i].kind = runningHeader
		}
	}
}

// runes is the number of characters in key, or -1 when not counted.
func isHeaderCandidate(key string, runes int) bool {
	if key == "" || len(key) > 40*utf8.UTFMax {
		return false // more than 40 runes
	}
	last, _ := utf8.DecodeLastRuneInString(key)
	switch last {
	case '。', '，', '；', '、', '：', '！', '？':
		return false
	}
	if runes < 0 {
		runes = utf8.RuneCountInString(key)
	}
	return runes <= 40
}

// emphasisRuns calls f with the start and end of each run of two or more
// * in s: the markdown emphasis marks Denoise removes.
func emphasisRuns[S ~string | ~[]byte](s S, f func(i, j int)) {
	for i := 0; i+1 < len(s); {
		if s[i] != '*' || s[i+1] != '*' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '*' {
			j++
		}
		f(i, j)
		i = j
	}
}

// withoutEmphasis returns s without its emphasis marks, as removeEmphasis
// leaves it.
func withoutEmphasis(s string) string {
	var b strings.Builder
	from := 0
	emphasisRuns(s, func(i, j int) {
		b.WriteString(s[from:i])
		from = j
	})
	b.WriteString(s[from:])
	return b.String()
}

// removeEmphasis deletes markdown ** emphasis markers on a line.
func removeEmphasis(b *Builder, in []byte, l lineSpan, noise []Noise) []Noise {
	s := in[l.start:l.end]
	if !bytes.Contains(s, []byte("**")) {
		return noise // most lines: one fast scan
	}
	emphasisRuns(s, func(i, j int) {
		b.Copy(l.start + i)
		b.Replace(l.start+j, "")
		noise = append(noise, Noise{Kind: Markup, Start: l.start + i, End: l.start + j, Text: string(s[i:j])})
	})
	return noise
}
