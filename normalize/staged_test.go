package normalize

import (
	"bytes"
	"fmt"
)

// runStaged is the plain definition of Run: each stage over the whole text
// in turn. Run must give exactly its result.
func runStaged(in []byte) (*Result, error) {
	if len(in) >= MaxInput {
		return nil, fmt.Errorf("normalize: %d bytes: inputs of %d bytes or more are not supported", len(in), MaxInput)
	}
	r := &Result{}
	text, m, bad := Clean(in)
	r.IllFormed = bad
	r.Maps = append(r.Maps, m)
	if bad > 0 {
		r.Warnings = append(r.Warnings, Warning{Offset: firstIllFormed(in), Msg: fmt.Sprintf("replaced %d ill-formed UTF-8 sequences with U+FFFD", bad)})
	}

	text, m = Width(text)
	r.Maps = append(r.Maps, m)

	before := text
	text, m, unknown := Private(text, PrivateGlyphs)
	for _, off := range unknown {
		s, _ := r.Maps.Span(off, off)
		r.Warnings = append(r.Warnings, Warning{Offset: s, Msg: fmt.Sprintf("unknown private-use character %q kept", []rune(string(before[off:]))[0])})
	}
	r.Maps = append(r.Maps, m)

	text, m, converted, script, err := Simplify(text)
	if err != nil {
		return nil, fmt.Errorf("normalize: script tables: %w", err)
	}
	r.Script = script
	r.Maps = append(r.Maps, m)

	text, m = Mirror(text, converted, MirrorVocabulary)
	r.Maps = append(r.Maps, m)

	text, m, noise := Denoise(text)
	for i, n := range noise {
		noise[i].Start, noise[i].End = r.Maps.Span(n.Start, n.End)
	}
	r.Noise = noise
	r.Maps = append(r.Maps, m)

	text, m = Spaces(text)
	r.Maps = append(r.Maps, m)

	// Joining changes line widths, which can make further lines look
	// wrapped; join until nothing changes so that normalizing is idempotent.
	for i := 0; i < maxJoinRounds; i++ {
		joined, m := JoinLines(text)
		if i > 0 && bytes.Equal(joined, text) {
			break
		}
		text = joined
		r.Maps = append(r.Maps, m)
	}

	text, m = Punctuation(text)
	r.Maps = append(r.Maps, m)
	r.Norm = text
	return r, nil
}

// sameResult reports how two results differ, or "" when they do not.
func sameResult(got, want *Result) string {
	switch {
	case !bytes.Equal(got.Norm, want.Norm):
		i := 0
		for i < len(got.Norm) && i < len(want.Norm) && got.Norm[i] == want.Norm[i] {
			i++
		}
		return fmt.Sprintf("text differs at byte %d: %q vs %q", i, got.Norm[i:min(len(got.Norm), i+40)], want.Norm[i:min(len(want.Norm), i+40)])
	case got.Script != want.Script || got.IllFormed != want.IllFormed:
		return fmt.Sprintf("script %s ill-formed %d vs %s %d", got.Script, got.IllFormed, want.Script, want.IllFormed)
	case len(got.Maps) != len(want.Maps):
		return fmt.Sprintf("%d maps vs %d", len(got.Maps), len(want.Maps))
	case fmt.Sprint(got.Noise) != fmt.Sprint(want.Noise):
		return fmt.Sprintf("noise %v\nvs %v", got.Noise, want.Noise)
	case fmt.Sprint(got.Warnings) != fmt.Sprint(want.Warnings):
		return fmt.Sprintf("warnings %v vs %v", got.Warnings, want.Warnings)
	}
	for k := range got.Maps {
		g, w := got.Maps[k], want.Maps[k]
		if g.InLen != w.InLen || len(g.Segs) != len(w.Segs) {
			return fmt.Sprintf("map %d: input %d, %d segments vs %d, %d", k, g.InLen, len(g.Segs), w.InLen, len(w.Segs))
		}
		for i := range g.Segs {
			if g.Segs[i] != w.Segs[i] {
				return fmt.Sprintf("map %d segment %d: %+v vs %+v", k, i, g.Segs[i], w.Segs[i])
			}
		}
	}
	return ""
}
