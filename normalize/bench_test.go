package normalize

import (
	"os"
	"testing"
)

func benchSeed(b *testing.B, name string) {
	raw, err := os.ReadFile("../testdata/seeds/" + name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunSimplified measures the whole chain on simplified text.
func BenchmarkRunSimplified(b *testing.B) { benchSeed(b, "001_2a5746484df83227.txt") }

// BenchmarkRunTraditional measures the whole chain on a traditional mirror.
func BenchmarkRunTraditional(b *testing.B) { benchSeed(b, "002_1e3c7663b8a242cd.txt") }

// BenchmarkRunFlipbook measures the whole chain on a noisy compilation.
func BenchmarkRunFlipbook(b *testing.B) { benchSeed(b, "000_e561b5eedc8d0feb.txt") }

// BenchmarkStage measures each stage alone on the input it gets in Run,
// over all the seeds.
func BenchmarkStage(b *testing.B) {
	var raw []byte
	for _, name := range []string{"000_e561b5eedc8d0feb.txt", "001_2a5746484df83227.txt", "002_1e3c7663b8a242cd.txt", "003_c0775bc4c1ef2dcb.txt", "004_b6228c6dd43f1cb2.txt"} {
		s, err := os.ReadFile("../testdata/seeds/" + name)
		if err != nil {
			b.Fatal(err)
		}
		raw = append(append(raw, s...), '\n')
	}
	clean, _, _ := Clean(raw)
	width, _ := Width(clean)
	private, _, _ := Private(width, PrivateGlyphs)
	script, _, converted, _, _ := Simplify(private)
	mirror, _ := Mirror(script, converted, MirrorVocabulary)
	denoised, _, _ := Denoise(mirror)
	spaced, _ := Spaces(denoised)
	joined, _ := JoinLines(spaced)
	stages := []struct {
		name string
		in   []byte
		run  func([]byte)
	}{
		{"clean", raw, func(in []byte) { Clean(in) }},
		{"width", clean, func(in []byte) { Width(in) }},
		{"private", width, func(in []byte) { Private(in, PrivateGlyphs) }},
		{"script", private, func(in []byte) { Simplify(in) }},
		{"mirror", script, func(in []byte) { Mirror(in, converted, MirrorVocabulary) }},
		{"noise", mirror, func(in []byte) { Denoise(in) }},
		{"spaces", denoised, func(in []byte) { Spaces(in) }},
		{"lines", spaced, func(in []byte) { JoinLines(in) }},
		{"punctuation", joined, func(in []byte) { Punctuation(in) }},
	}
	for _, s := range stages {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.in)))
			b.ReportAllocs()
			for b.Loop() {
				s.run(s.in)
			}
		})
	}
}
