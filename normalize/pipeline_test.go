package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// variants returns renderings of text that exercise the stages: hard
// wrapped at several widths, spaced out, with CRLF line ends, with ASCII
// punctuation, and with noise lines between every few lines.
func variants(text string) map[string]string {
	out := map[string]string{"as is": text}
	lines := strings.Split(text, "\n")
	for _, w := range []int{7, 24, 37} {
		var wrapped []string
		for _, l := range lines {
			r := []rune(l)
			for len(r) > w {
				wrapped = append(wrapped, string(r[:w]))
				r = r[w:]
			}
			wrapped = append(wrapped, string(r))
		}
		out["wrapped "+string(rune('0'+w/10))+string(rune('0'+w%10))] = strings.Join(wrapped, "\n")
	}
	var spaced, noisy []string
	for i, l := range lines {
		if i%3 == 0 {
			l = strings.Join(strings.Split(l, ""), " ")
		}
		spaced = append(spaced, l)
		noisy = append(noisy, lines[i])
		if i%5 == 4 {
			noisy = append(noisy, "第"+string(rune('1'+i%9))+"页", "武汉市数字经济政策汇编", "")
		}
	}
	out["spaced"] = strings.Join(spaced, "\n")
	out["noisy"] = strings.Join(noisy, "\n")
	out["crlf"] = strings.ReplaceAll(text, "\n", "\r\n")
	out["ascii punctuation"] = strings.NewReplacer("，", ",", "：", ":", "（", "(", "）", ")", "；", ";").Replace(text)
	return out
}

// TestRunIsStaged checks that Run, which works piece by piece, gives
// exactly the result and maps of the stages run one after another over the
// whole text, on the seeds, variants of them and inputs cut at every piece
// boundary.
func TestRunIsStaged(t *testing.T) {
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	var all strings.Builder
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteByte('\n')
		for name, v := range variants(string(b)) {
			check(t, filepath.Base(n)+" "+name, []byte(v))
		}
	}
	// several pieces
	check(t, "all seeds", []byte(all.String()+all.String()+all.String()))
	for _, s := range []string{"", "\n", "\n\n\n", "abc", "abc\n", "\x00", "一、\n二、", "**标题**\n 1.\n建设\n", "第1页\n", "第1页", "abc\n第1页"} {
		check(t, s, []byte(s))
	}
}

func check(t *testing.T, name string, in []byte) {
	t.Helper()
	want, err := runStaged(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Run(in)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if d := sameResult(got, want); d != "" {
		t.Errorf("%s: %s", name, d)
	}
}

// TestSmallPieces cuts the seeds into pieces of a few lines, so that
// every kind of line meets a piece boundary.
func TestSmallPieces(t *testing.T) {
	defer func(n int) { pieceSize = n }(pieceSize)
	names, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, size := range []int{1, 50, 300} {
		pieceSize = size
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			for name, v := range variants(string(b)) {
				check(t, filepath.Base(n)+" "+name, []byte(v))
			}
		}
	}
}
