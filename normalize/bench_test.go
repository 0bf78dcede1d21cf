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
