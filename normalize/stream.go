package normalize

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// pieceSize is the length in bytes from which Run cuts its input into
// pieces at line ends. A piece and every stage's output for it fit the
// processor's cache, and the buffers that hold them are reused from one
// piece to the next.
var pieceSize = 64 << 10

// A pipeline runs the stages over one input piece by piece, in two passes,
// and writes the canonical text once. The first pass runs the stages up to
// script conversion (clean, width, private, script, mirror) with their
// maps, and keeps of each line what noise removal and joining decide by (a
// lineRec). Then the decisions that need the whole text are taken over
// those records: contents fragments, running headers, the wrap margin and
// every joining round. The second pass runs the first stages again, removes
// noise and spaces, joins lines as decided, widens punctuation and writes
// the result. Every stage keeps the Map it would have over the whole text.
type pipeline struct {
	in     []byte
	pieces []int // start of each piece in in, then len(in)

	tables *t2sTables // loaded on the first text with Han characters
	han    bool       // the text holds Han characters after clean, width and private
	vocab  *vocab

	// reused from piece to piece
	bufs      [2][]byte
	segs      []Segment
	b         Builder
	lineB     Builder
	lb        lineBuf
	conv      []int
	keyBuf    []byte
	emphBuf   []byte
	spacesBuf []byte
	t6Buf     []byte // a piece once noise is removed
	sBuf      []byte // a piece once spaces are removed
	punctBuf  []byte // a joined line once punctuation is canonical
	parens    parenBuf
	joined    []byte // the joined line being written

	// gathered by the first pass
	maps      [5]Map // clean, width, private, script, mirror
	outLen    [5]int // output of each of those stages so far
	count     scriptCount
	illFormed int
	firstBad  int
	unknown   []unknownGlyph
	lines     []lineRec
	pieceLine []int   // index in lines of the first line of each piece, then len(lines)
	pieceT5   []int   // start of each piece in the output of the first five stages
	changed   []uint8 // for each piece, bit k set when stage k changed it
	st        stager
	scans     []lineScan // of the lines of the piece being read
	flagged   []int      // lines of the piece the first three stages may change
	spans     []lineSpan // their spans
	// restage lists, piece after piece, the lines the first three stages
	// changed line by line; pieceRestage[c] is where piece c's list ends.
	restage      []int32
	pieceRestage []int
	keys         map[int32]string
	near         nearNoise
	marks        int // ASCII marks Punctuation may widen, in lines not noise by themselves

	// the joining plan
	r1 []int32 // line index of each non-empty line after noise removal
	// reused by planJoins
	joinSpans []lineSpan
	joinLines []joinLine
	groups    []int
	keep      []bool
	sLen      int    // length of the text after noise and spaces are removed
	breaks    []bool // breaks[i]: the break after non-empty line i stays in the end
	rounds    []Map  // one map per joining round that changed the text
	cached    int    // piece whose line texts sTexts holds, -1 for none
	sTexts    []byte
	sStarts   []int // start of each line's text in sTexts, by line index in the piece
}

// unknownGlyph is a private-use character no table knows, at an offset of
// the private stage's input.
type unknownGlyph struct {
	off int
	r   rune
}

// pipelines holds pipelines between runs, with the buffers they grew: a
// dataset build normalizes thousands of inputs one after another.
var pipelines = sync.Pool{New: func() any { return new(pipeline) }}

// reset makes p ready to normalize in, keeping the buffers it grew but
// nothing a result of an earlier run refers to.
func (p *pipeline) reset(in []byte) {
	*p = pipeline{
		in:     in,
		pieces: p.pieces[:0],
		tables: p.tables, // kept: loaded once
		bufs:   [2][]byte{p.bufs[0][:0], p.bufs[1][:0]},
		lb:     p.lb, conv: p.conv[:0], keyBuf: p.keyBuf[:0], emphBuf: p.emphBuf[:0], spacesBuf: p.spacesBuf[:0],
		t6Buf: p.t6Buf[:0], sBuf: p.sBuf[:0], punctBuf: p.punctBuf[:0], parens: p.parens, joined: p.joined[:0],
		lines: p.lines[:0], pieceLine: p.pieceLine[:0], pieceT5: p.pieceT5[:0], changed: p.changed[:0],
		scans: p.scans[:0], flagged: p.flagged[:0], spans: p.spans[:0], restage: p.restage[:0], pieceRestage: p.pieceRestage[:0],
		keys: p.keys, near: p.near, r1: p.r1[:0], breaks: p.breaks[:0], sTexts: p.sTexts[:0], sStarts: p.sStarts[:0],
		joinSpans: p.joinSpans[:0], joinLines: p.joinLines[:0], groups: p.groups[:0], keep: p.keep[:0],
		firstBad: -1, cached: -1,
	}
	if p.keys == nil {
		p.keys = map[int32]string{}
	}
	clear(p.keys)
	p.near.pending, p.near.next = 0, 0
	for i := range p.near.recent {
		p.near.recent[i].cand = false
	}
}

// scriptTables returns the tables that tally a line's script, or nil when
// the text holds no Han character to convert.
func (p *pipeline) scriptTables() *t2sTables {
	if !p.han {
		return nil
	}
	return p.tables
}

// run normalizes p.in.
func (p *pipeline) run() (*Result, error) {
	if p.han = hanAfterFirstStages(p.in); p.han && p.tables == nil {
		var err error
		if p.tables, err = loadTables(); err != nil {
			return nil, fmt.Errorf("normalize: script tables: %w", err)
		}
	}
	p.cutPieces()
	if n := bytes.Count(p.in, []byte{'\n'}) + 1; cap(p.lines) < n {
		p.lines = make([]lineRec, 0, n)
	}
	for c := 0; c+1 < len(p.pieces); c++ {
		if err := p.firstPass(c); err != nil {
			return nil, err
		}
	}
	p.pieceLine = append(p.pieceLine, len(p.lines))
	decideNoise(p.lines, p.keys)
	if err := p.planJoins(); err != nil {
		return nil, err
	}
	r := &Result{Script: p.count.script(), IllFormed: p.illFormed}
	if p.illFormed > 0 {
		r.Warnings = append(r.Warnings, Warning{Offset: p.firstBad, Msg: fmt.Sprintf("replaced %d ill-formed UTF-8 sequences with U+FFFD", p.illFormed)})
	}
	for _, u := range p.unknown {
		s, _ := Chain(p.maps[:2]).Span(u.off, u.off)
		r.Warnings = append(r.Warnings, Warning{Offset: s, Msg: fmt.Sprintf("unknown private-use character %q kept", u.r)})
	}
	if err := p.secondPass(r); err != nil {
		return nil, err
	}
	first := Chain(p.maps[:])
	for i, n := range r.Noise {
		r.Noise[i].Start, r.Noise[i].End = first.Span(n.Start, n.End)
	}
	return r, nil
}

// cutPieces cuts p.in into pieces of at least pieceSize bytes that end
// after a line break (or at the end of the input).
func (p *pipeline) cutPieces() {
	p.pieces = append(p.pieces[:0], 0)
	for start := 0; start < len(p.in); {
		end := len(p.in)
		if start+pieceSize < len(p.in) {
			if i := bytes.IndexByte(p.in[start+pieceSize:], '\n'); i >= 0 {
				end = start + pieceSize + i + 1
			}
		}
		p.pieces = append(p.pieces, end)
		start = end
	}
}

// wholePiece, in pipeline.changed, says that the first three stages ran
// over the whole piece, not line by line.
const wholePiece = 1 << 5

// A stager runs the first five stages (clean, width, private, script and
// mirror) over one raw piece. When it collects (the first pass) it
// records their maps and what they report; otherwise its caller runs only
// the stages that changed the piece in the first pass.
type stager struct {
	p       *pipeline
	c       int // the piece
	collect bool
	text    []byte
	cur     int    // scratch buffer holding text, -1 for the input itself
	base    [5]int // each stage's output before the piece
	changed uint8  // bit k set when stage k changed the piece
}

func (p *pipeline) stager(c int, collect bool) *stager {
	s := &p.st
	*s = stager{p: p, c: c, collect: collect, text: p.in[p.pieces[c]:p.pieces[c+1]], cur: -1}
	copy(s.base[:], p.outLen[:])
	return s
}

// run runs stage k, which f writes to a Builder, over the text.
func (s *stager) run(k int, f func(b *Builder)) {
	p := s.p
	next := 0
	if s.cur == 0 {
		next = 1
	}
	var m *Map
	if s.collect {
		m = &p.maps[k]
	}
	p.b.reuse(s.text, p.bufs[next], m, s.inBase(k), s.base[k])
	f(&p.b)
	out, whole := p.b.Finish()
	if p.b.replaced {
		p.bufs[next] = out
		s.cur = next
		s.changed |= 1 << k
	}
	if s.collect {
		p.maps[k] = whole
		p.outLen[k] += len(out)
	}
	s.text = out
}

// skip records that stage k leaves the text as it is.
func (s *stager) skip(k int) {
	if s.collect {
		s.p.maps[k].InLen += len(s.text)
		s.p.outLen[k] += len(s.text)
	}
}

// inBase returns where the piece starts in stage k's input.
func (s *stager) inBase(k int) int {
	if k == 0 {
		return s.p.pieces[s.c]
	}
	return s.base[k-1]
}

// cleanWidthPrivate runs the first three stages where need says the text
// needs them. A text that needs cleaning goes through all three: cleaning
// can make what the others change (a hyphen, a deleted control character
// and a hyphen make --).
func (s *stager) cleanWidthPrivate(need scanFlag) {
	p := s.p
	if need&scanClean == 0 {
		s.skip(0)
		if need&scanWidth != 0 {
			s.run(1, func(b *Builder) { byLineTo(b, s.text, &p.lb, needsWidth, widthLine) })
		} else {
			s.skip(1)
		}
		if need&scanPrivate != 0 {
			s.private()
		} else {
			s.skip(2)
		}
		return
	}
	s.run(0, func(b *Builder) {
		bad := clean(b, s.text)
		if s.collect && bad > 0 {
			if p.illFormed == 0 {
				p.firstBad = p.pieces[s.c] + firstIllFormed(s.text)
			}
			p.illFormed += bad
		}
	})
	s.run(1, func(b *Builder) { byLineTo(b, s.text, &p.lb, needsWidth, widthLine) })
	s.private()
}

// cleanWidthPrivateLines runs the first three stages over the lines of
// the text listed in lines (ascending): those whose scan says a stage may
// change them. A stage changes nothing on the other lines, nor on a line it
// has nothing to change in, so their result is the stages' over the whole
// piece. Line breaks stay where they are (the caller has made sure).
func (s *stager) cleanWidthPrivateLines(lines []int) {
	p := s.p
	// the listed lines' spans in the text, followed from stage to stage
	spans := p.spans[:0]
	forListed(s.text, lines, func(from, to int) { spans = append(spans, lineSpan{from, to}) })
	p.spans = spans
	stage := func(k int, f func(b *Builder, from, to int)) {
		s.run(k, func(b *Builder) {
			for j, l := range spans {
				b.Copy(l.start)
				from := b.n
				f(b, l.start, l.end)
				b.Copy(l.end)
				spans[j] = lineSpan{from, b.n}
			}
		})
	}
	stage(0, func(b *Builder, from, to int) {
		bad := cleanRange(b, s.text, from, to)
		if s.collect && bad > 0 {
			if p.illFormed == 0 {
				p.firstBad = p.pieces[s.c] + from + firstIllFormed(s.text[from:to])
			}
			p.illFormed += bad
		}
	})
	stage(1, func(b *Builder, from, to int) {
		if needsWidth(s.text[from:to]) {
			p.lb.runes, p.lb.offs = decodeLine(s.text[from:to], from, p.lb.runes[:0], p.lb.offs[:0])
			widthLine(b, p.lb.runes, p.lb.offs)
		}
	})
	stage(2, func(b *Builder, from, to int) {
		for _, off := range privateRange(b, s.text, from, to, PrivateGlyphs, nil, 0) {
			if s.collect {
				r, _ := decodeRuneAt(s.text, off)
				p.unknown = append(p.unknown, unknownGlyph{off: s.base[1] + off, r: r})
			}
		}
	})
}

// forListed calls f with the bounds of each line of text listed in lines
// (ascending indexes).
func forListed(text []byte, lines []int, f func(from, to int)) {
	k := 0
	for start := 0; start < len(text) && len(lines) > 0; k++ {
		end := indexByteFrom(text, start, '\n')
		if k == lines[0] {
			f(start, end)
			lines = lines[1:]
		}
		start = end + 1
	}
}

// private runs the private stage.
func (s *stager) private() {
	p := s.p
	s.run(2, func(b *Builder) {
		for _, off := range private(b, s.text, PrivateGlyphs, nil, 0) {
			if s.collect {
				r, _ := decodeRuneAt(s.text, off)
				p.unknown = append(p.unknown, unknownGlyph{off: s.base[1] + off, r: r})
			}
		}
	})
}

// scriptMirror converts the lines listed in conv and replaces their mirror
// vocabulary.
func (s *stager) scriptMirror(conv []int) {
	if len(conv) == 0 {
		s.skip(3)
		s.skip(4)
		return
	}
	p := s.p
	s.run(3, func(b *Builder) { p.tables.convert(b, s.text, &p.lb, conv) })
	if p.vocab == nil {
		p.vocab = mirrorVocab()
	}
	s.run(4, func(b *Builder) { p.vocab.mirror(b, s.text, &p.lb, conv) })
}

// firstStages runs the first stages over piece c again, as they ran in the
// first pass, and returns the piece as they leave it.
func (p *pipeline) firstStages(c int) []byte {
	s := p.stager(c, false)
	switch {
	case p.changed[c]&wholePiece != 0:
		s.cleanWidthPrivate(scanClean)
	case p.changed[c]&0b111 != 0:
		p.flagged = p.flagged[:0]
		from := 0
		if c > 0 {
			from = p.pieceRestage[c-1]
		}
		for _, k := range p.restage[from:p.pieceRestage[c]] {
			p.flagged = append(p.flagged, int(k))
		}
		s.cleanWidthPrivateLines(p.flagged)
	}
	if p.changed[c]&0b11000 != 0 {
		p.conv = p.conv[:0]
		for i := p.pieceLine[c]; i < p.pieceLine[c+1]; i++ {
			if p.lines[i].flags&converted != 0 {
				p.conv = append(p.conv, i-p.pieceLine[c])
			}
		}
		s.scriptMirror(p.conv)
	}
	return s.text
}

// firstPass runs the first stages over piece c and records its lines. It
// reads each line once (scanLine) and runs a stage over the piece only
// when a line needs it: most pieces go through clean, width and private
// unchanged, and most lines through script conversion.
func (p *pipeline) firstPass(c int) error {
	p.pieceT5 = append(p.pieceT5, p.outLen[4])
	s := p.stager(c, true)
	p.scans = p.scans[:0]
	var need scanFlag
	forLines(s.text, func(l lineSpan, nl bool) {
		sc := scanLine(s.text[l.start:l.end], p.scriptTables())
		p.scans = append(p.scans, sc)
		need |= sc.flags
	})
	if n := len(p.scans); n > 0 && p.pieces[c+1] == len(p.in) && p.in[len(p.in)-1] == '\r' {
		p.scans[n-1].flags |= scanBreak // a CR at the very end becomes a line break
	}
	switch {
	case need&scanBreak != 0:
		// line breaks may change: the whole piece, read again
		s.cleanWidthPrivate(need)
		s.changed |= wholePiece
		if s.changed&0b111 != 0 {
			p.scans = p.scans[:0]
			forLines(s.text, func(l lineSpan, nl bool) {
				p.scans = append(p.scans, scanLine(s.text[l.start:l.end], p.scriptTables()))
			})
		}
	case need&scanStages != 0:
		// only the lines that need them, read again
		p.flagged = p.flagged[:0]
		for k, sc := range p.scans {
			if sc.flags&scanStages != 0 {
				p.flagged = append(p.flagged, k)
			}
		}
		s.cleanWidthPrivateLines(p.flagged)
		if s.changed&0b111 != 0 {
			// read the lines that changed again
			f := p.flagged
			k := 0
			forLines(s.text, func(l lineSpan, nl bool) {
				if len(f) > 0 && f[0] == k {
					p.scans[k] = scanLine(s.text[l.start:l.end], p.scriptTables())
					f = f[1:]
				}
				k++
			})
		}
	default:
		s.skip(0)
		s.skip(1)
		s.skip(2)
	}
	p.conv = p.conv[:0]
	if p.han {
		p.count.han = true
		for k, sc := range p.scans {
			p.count.trad += sc.trad
			p.count.simp += sc.simp
			if p.count.converts(sc.trad, sc.simp) {
				p.conv = append(p.conv, k)
			}
		}
		p.count.converted += len(p.conv)
	}
	s.scriptMirror(p.conv)
	p.changed = append(p.changed, s.changed)
	p.pieceLine = append(p.pieceLine, len(p.lines))
	if s.changed&0b111 != 0 && s.changed&wholePiece == 0 {
		for _, k := range p.flagged {
			p.restage = append(p.restage, int32(k))
		}
	}
	p.pieceRestage = append(p.pieceRestage, len(p.restage))
	t5 := s.text
	conv := p.conv
	k := 0
	forLines(t5, func(l lineSpan, nl bool) {
		line := t5[l.start:l.end]
		sc := p.scans[k]
		var rec lineRec
		if nl {
			rec.flags |= hasNewline
		}
		if len(conv) > 0 && conv[0] == k {
			rec.flags |= converted
			conv = conv[1:]
			sc = scanLine(line, nil)
		}

		k++
		p.record(&rec, line, sc)
		p.lines = append(p.lines, rec)
	})
	return nil
}

// record fills rec from line and what scanLine read of it.
func (p *pipeline) record(rec *lineRec, line []byte, sc lineScan) {
	key := viewString(line)
	if sc.flags&scanSpace != 0 {
		rec.flags |= spaced
	}
	if sc.flags&scanStars != 0 {
		// noise is recognised by the text emphasis removal, then the
		// spaces stage, leave, as the next normalization of the output
		// will see it
		rec.flags |= starred
		key, p.keyBuf = noiseKey(line, p.keyBuf)
		rec.kind = classifyLine(key)
		rec.classified(key, -1)
	} else {
		if sc.flags&scanSpace != 0 {
			key, p.keyBuf = lineKey(line, p.keyBuf)
			sc = scanLine(p.keyBuf, nil) // the key, for the features below when it is the line's text too
		}
		rec.kind = classifyScanned(key, sc.flags)
		rec.classified(key, sc.runes)
	}
	p.near.see(p, int32(len(p.lines)), rec, key)
	if rec.kind != notNoise {
		return
	}
	if rec.flags&starred != 0 || rec.flags&spaced != 0 && keepsSpace(line) {
		// the spaces stage keeps a space, or emphasis goes: the text differs from the key
		s := p.sText(line)
		if viewString(s) != key || sc.flags&scanStars != 0 {
			w, f, marks := lineFeatures(viewString(s))
			rec.sLen, rec.width, rec.feat, rec.sum = int32(len(s)), int32(w), f, lineSum(viewString(s))
			p.marks += marks
			return
		}
	}
	rec.sLen, rec.width, rec.sum = int32(len(key)), int32(sc.width), lineSum(key)
	rec.feat = featuresOf(key, sc.flags&scanPunct != 0, sc.marks > 0, sc.flags&scanLeader != 0)
	p.marks += sc.marks
}

// forLines calls f for each line of text with whether a line break ends
// it. A final line break starts no line of its own.
func forLines(text []byte, f func(l lineSpan, nl bool)) {
	for start := 0; start < len(text); {
		end := indexByteFrom(text, start, '\n')
		f(lineSpan{start, end}, end < len(text))
		start = end + 1
	}
}

// sText returns a line as it reads once noise removal has taken its
// emphasis marks and the spaces stage its spaces: the stages work on each
// line alone. The result is valid until the next call.
func (p *pipeline) sText(line []byte) []byte {
	s := line
	if bytes.Contains(s, []byte("**")) {
		p.lineB.reuse(s, p.emphBuf, nil, 0, 0)
		removeEmphasis(&p.lineB, s, lineSpan{0, len(s)}, nil)
		out, _ := p.lineB.Finish()
		if p.lineB.replaced {
			p.emphBuf = out
		}
		s = out
	}
	if bytes.IndexByte(s, ' ') >= 0 || bytes.IndexByte(s, '\t') >= 0 {
		p.lineB.reuse(s, p.spacesBuf, nil, 0, 0)
		spaces(&p.lineB, s)
		out, _ := p.lineB.Finish()
		if p.lineB.replaced {
			p.spacesBuf = out
		}
		s = out
	}
	return s
}

// keepsSpace reports whether the spaces stage keeps a space of line: one
// of a run between two ASCII letters, digits or signs (isASCIIWord), or a
// tab (which it keeps inside the line and removes at its ends).
func keepsSpace(line []byte) bool {
	if bytes.IndexByte(line, '\t') >= 0 {
		return true
	}
	for i := 0; i < len(line); {
		k := bytes.IndexByte(line[i:], ' ')
		if k < 0 {
			return false
		}
		i += k
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if i > 0 && j < len(line) && isASCIIWord(rune(line[i-1])) && isASCIIWord(rune(line[j])) {
			return true
		}
		i = j
	}
	return false
}

// nearNoise keeps the keys of the header candidates that stand within
// headerReach non-blank lines of a line that is noise by itself: the only
// keys markRunningHeaders may look up.
type nearNoise struct {
	recent [headerReach]struct {
		idx  int32
		cand bool
		key  []byte
	}
	next    int // slot of recent to write next
	pending int // lines after a noise line whose keys to keep
}

// see records line idx, with its key, as the first pass reads it.
func (n *nearNoise) see(p *pipeline, idx int32, rec *lineRec, key string) {
	if rec.empty() {
		return
	}
	if rec.kind != notNoise {
		for _, r := range n.recent {
			if r.cand {
				if _, ok := p.keys[r.idx]; !ok {
					p.keys[r.idx] = string(r.key)
				}
			}
		}
		n.pending = headerReach
	} else if n.pending > 0 {
		if rec.candidate() {
			p.keys[idx] = strings.Clone(key)
		}
		n.pending--
	}
	r := &n.recent[n.next]
	r.idx, r.cand = idx, rec.candidate()
	if r.cand {
		r.key = append(r.key[:0], key...)
	}
	n.next = (n.next + 1) % headerReach
}

// planJoins takes every joining round's decisions over the lines' records
// and makes each round's map.
func (p *pipeline) planJoins() error {
	spans, jl := p.joinSpans[:0], p.joinLines[:0]
	defer func() { p.joinSpans, p.joinLines = spans, jl }()
	off := 0
	for i := range p.lines {
		l := &p.lines[i]
		if l.kind != notNoise {
			continue
		}
		if l.sLen > 0 {
			p.r1 = append(p.r1, int32(i))
			spans = append(spans, lineSpan{off, off + int(l.sLen)})
			jl = append(jl, joinLine{width: l.width, feat: l.feat, sum: l.sum})
		}
		off += int(l.sLen)
		if l.flags&hasNewline != 0 {
			off++
		}
	}
	p.sLen = off
	keep := planJoin(jl, p.breaks[:0])
	b := newMapBuilder(off)
	applyJoin(b, spans, keep, off)
	_, m := b.Finish()
	p.rounds = append(p.rounds, m)
	p.breaks = keep
	keep = p.keep[:0]
	defer func() { p.keep = keep }()

	// Later rounds join the lines of the previous round's text: groups of
	// the lines above, whose features follow from their parts'.
	groups := p.groups[:0] // first line of each group, then len(p.r1)
	defer func() { p.groups = groups }()
	for round := 1; round < maxJoinRounds; round++ {
		groups = append(groups[:0], 0)
		for i, k := range p.breaks {
			if k {
				groups = append(groups, i+1)
			}
		}
		groups = append(groups, len(p.r1))
		if len(p.r1) == 0 {
			break
		}
		jl = jl[:0]
		spans = spans[:0]
		off = 0
		for g := 0; g+1 < len(groups); g++ {
			first, last := groups[g], groups[g+1]-1
			var f lineFeat
			width, n := int32(0), 0
			sum := uint64(0)
			rule := featRule
			for i := first; i <= last; i++ {
				l := &p.lines[p.r1[i]]
				width += l.width
				sum = sum*0x100000001b3 ^ l.sum // the group's lines, in order
				n += int(l.sLen)
				f |= l.feat & (featPunct | featTable | featLeader)
				rule &= l.feat
			}
			f |= rule // a group made only of rules is one
			f |= p.lines[p.r1[first]].feat&startFeats | p.lines[p.r1[last]].feat&endFeats
			marker, err := p.groupMarker(first, last)
			if err != nil {
				return err
			}
			if marker {
				f |= featMarker
			}
			if g > 0 {
				off++ // the line break before the group
			}
			spans = append(spans, lineSpan{off, off + n})
			off += n
			jl = append(jl, joinLine{width: width, feat: f, sum: sum})
		}
		keep = planJoin(jl, keep[:0])
		changed := false
		for g, k := range keep {
			if !k {
				p.breaks[groups[g+1]-1] = false
				changed = true
			}
		}
		if !changed {
			break
		}
		b := newMapBuilder(off)
		applyJoin(b, spans, keep, off)
		_, m := b.Finish()
		p.rounds = append(p.rounds, m)
	}
	return nil
}

// groupMarker reports whether the line joined from non-empty lines first
// to last starts with a clause marker. It reads the lines' text only when
// the first line's own verdict may change with the text that follows it.
func (p *pipeline) groupMarker(first, last int) (bool, error) {
	f := p.lines[p.r1[first]].feat
	if f&featMarkerOpen == 0 || first == last {
		return f&featMarker != 0, nil
	}
	var text []byte
	for i := first; i <= last; i++ {
		s, err := p.lineText(int(p.r1[i]))
		if err != nil {
			return false, err
		}
		text = append(text, s...)
		if !markerMayExtend(viewString(text)) {
			break
		}
	}
	_, ok := LeadingMarker(string(text))
	return ok, nil
}

// lineText returns the text of line i once noise and spaces are removed,
// running the first stages over its piece again.
func (p *pipeline) lineText(i int) ([]byte, error) {
	c := sort.SearchInts(p.pieceLine, i+1) - 1
	if c != p.cached {
		t5 := p.firstStages(c)
		p.sTexts, p.sStarts = p.sTexts[:0], p.sStarts[:0]
		forLines(t5, func(l lineSpan, nl bool) {
			p.sStarts = append(p.sStarts, len(p.sTexts))
			p.sTexts = append(p.sTexts, p.sText(t5[l.start:l.end])...)
		})
		p.sStarts = append(p.sStarts, len(p.sTexts))
		p.cached = c
	}
	k := i - p.pieceLine[c]
	return p.sTexts[p.sStarts[k]:p.sStarts[k+1]], nil
}

// secondPass writes the canonical text into r: for each piece, the first
// stages again, noise and spaces removed, lines joined as planned and
// punctuation made canonical, with the maps of the stages after mirror.
func (p *pipeline) secondPass(r *Result) error {
	var noiseMap, spacesMap, punctMap Map
	norm := make([]byte, 0, p.sLen+2*p.marks)
	t6Len, sLen, jLen := 0, 0, 0 // output so far of noise removal, spaces and joining
	line := 0                    // index in p.r1 of the next non-empty line
	// the joined line being written: where it starts in the joined text and
	// in norm, and whether punctuation has anything to widen in it (when not,
	// its parts go straight to norm)
	jStart, nStart, widen := 0, 0, false
	p.joined = p.joined[:0]
	begin := func() {
		if line > 0 {
			norm = append(norm, '\n')
			punctMap.InLen++
			jLen++
		}
		jStart, nStart = jLen, len(norm)
		widen = false
		for k := line; k < len(p.r1); k++ {
			widen = widen || p.lines[p.r1[k]].feat&featMarks != 0
			if k == len(p.r1)-1 || p.breaks[k] {
				break
			}
		}
	}
	end := func() {
		if !widen {
			punctMap.InLen += jLen - jStart
			return
		}
		text := p.joined
		p.lineB.reuse(text, p.punctBuf, &punctMap, jStart, nStart)
		punctuate(&p.lineB, text, 0, len(text), &p.parens)
		out, m := p.lineB.Finish()
		if p.lineB.replaced {
			p.punctBuf = out
		}
		punctMap = m
		norm = append(norm, out...)
		p.joined = p.joined[:0]
	}
	for c := 0; c+1 < len(p.pieces); c++ {
		t5 := p.firstStages(c)
		first, last := p.pieceLine[c], p.pieceLine[c+1]
		noisy, hasSpaces := false, false
		for k := first; k < last; k++ {
			l := &p.lines[k]
			noisy = noisy || l.kind != notNoise || l.flags&starred != 0
			hasSpaces = hasSpaces || l.kind == notNoise && l.flags&spaced != 0
		}
		// noise
		t6 := t5
		if noisy {
			n0 := len(r.Noise)
			p.b.reuse(t5, p.t6Buf, &noiseMap, p.pieceT5[c], t6Len)
			k := first
			forLines(t5, func(l lineSpan, nl bool) {
				r.Noise = removeNoise(&p.b, t5, l, p.lines[k].kind, r.Noise)
				k++
			})
			for i := n0; i < len(r.Noise); i++ {
				r.Noise[i].Start += p.pieceT5[c]
				r.Noise[i].End += p.pieceT5[c]
			}
			var m Map
			t6, m = p.b.Finish()
			if p.b.replaced {
				p.t6Buf = t6
			}
			noiseMap = m
		} else {
			noiseMap.InLen += len(t5)
		}
		// spaces
		s := t6
		if hasSpaces {
			p.b.reuse(t6, p.sBuf, &spacesMap, t6Len, sLen)
			spaces(&p.b, t6)
			var m Map
			s, m = p.b.Finish()
			if p.b.replaced {
				p.sBuf = s
			}
			spacesMap = m
		} else {
			spacesMap.InLen += len(t6)
		}
		t6Len += len(t6)
		sLen += len(s)
		// joining and punctuation
		pos := 0
		for k := first; k < last; k++ {
			if p.lines[k].kind != notNoise {
				continue
			}
			e := indexByteFrom(s, pos, '\n')
			if e > pos {
				if line == 0 || p.breaks[line-1] {
					if line > 0 {
						end()
					}
					begin()
				}
				if widen {
					p.joined = append(p.joined, s[pos:e]...)
				} else {
					norm = append(norm, s[pos:e]...)
				}
				jLen += e - pos
				line++
			}
			pos = e + 1
		}
	}
	if line > 0 {
		end()
	}
	if sLen != p.sLen || line != len(p.r1) {
		return fmt.Errorf("normalize: internal error: the second pass read %d bytes and %d lines where the first planned %d and %d", sLen, line, p.sLen, len(p.r1))
	}
	r.Norm = norm
	r.Maps = make(Chain, 0, 9+len(p.rounds))
	r.Maps = append(r.Maps, p.maps[:]...)
	r.Maps = append(r.Maps, noiseMap, spacesMap)
	r.Maps = append(r.Maps, p.rounds...)
	r.Maps = append(r.Maps, punctMap)
	return nil
}

// hanAfterFirstStages reports whether hasHan holds for in once clean,
// width and private have run: in holds a well-formed character starting
// with a byte E3..E9 other than U+3000 (which clean makes a space), or
// one of the supplementary ideographic planes (F0 A0..F0 B3), or a
// private-use character PrivateGlyphs replaces with one.
func hanAfterFirstStages(in []byte) bool {
	for i := 0; i+2 < len(in); i++ {
		if c := in[i]; c >= 0xE3 && c <= 0xE9 && in[i+1]&0xC0 == 0x80 && in[i+2]&0xC0 == 0x80 && !(c == 0xE3 && in[i+1] == 0x80 && in[i+2] == 0x80) {
			return true
		}
		if in[i] == 0xF0 && i+3 < len(in) && supplementaryHan(in[i+1]) && in[i+2]&0xC0 == 0x80 && in[i+3]&0xC0 == 0x80 {
			return true
		}
	}
	for r, s := range PrivateGlyphs {
		if hasHan([]byte(s)) && bytes.Contains(in, []byte(string(r))) {
			return true
		}
	}
	return false
}

// decodeRuneAt decodes the rune at offset off of b.
func decodeRuneAt(b []byte, off int) (rune, int) { return utf8.DecodeRune(b[off:]) }
