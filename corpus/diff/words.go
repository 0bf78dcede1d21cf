package diff

import (
	_ "embed"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-ego/gse"
)

//go:embed words.txt
var wordList string

var (
	segOnce   sync.Once
	segmenter gse.Segmenter
	segLoad   time.Duration
	segErr    error
)

// LoadSegmenter loads the word segmenter's dictionary once, on first use,
// and returns how long the load took. Only the differ uses it.
func LoadSegmenter() (time.Duration, error) {
	segOnce.Do(func() {
		start := time.Now()
		segErr = segmenter.LoadDictStr(wordList)
		segLoad = time.Since(start)
	})
	return segLoad, segErr
}

// Words segments text into words, dropping punctuation and spaces.
func Words(text string) []string {
	if _, err := LoadSegmenter(); err != nil {
		return strings.Fields(text)
	}
	var out []string
	for _, w := range segmenter.Cut(text, true) {
		keep := false
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				keep = true
				break
			}
		}
		if keep {
			out = append(out, w)
		}
	}
	return out
}

// Tokens segments text into words keeping punctuation and the original
// letter case, so that the pieces joined give text back.
func Tokens(text string) []string {
	if _, err := LoadSegmenter(); err != nil {
		return []string{text}
	}
	var out []string
	rest := text
	for _, w := range segmenter.Cut(text, true) {
		if len(w) <= len(rest) && strings.EqualFold(rest[:len(w)], w) {
			out = append(out, rest[:len(w)])
			rest = rest[len(w):]
			continue
		}
		break // the segmenter changed the text: keep the rest whole
	}
	if rest != "" {
		out = append(out, rest)
	}
	return out
}
