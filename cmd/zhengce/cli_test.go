package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelp asks every command for its help, three ways: exit 0, the
// synopsis, what it does, every flag with its default, and an example.
func TestHelp(t *testing.T) {
	for name, h := range helps {
		for _, args := range [][]string{
			append(strings.Fields(name), "--help"),
			append(strings.Fields(name), "-h"),
			append([]string{"help"}, strings.Fields(name)...),
		} {
			out, stderr, code := runCLI(t, "", args...)
			assert.Equal(t, exitOK, code, "%v: %s", args, stderr)
			assert.Contains(t, out, "usage: zhengce "+strings.SplitN(h.usage, "\n", 2)[0], "%v", args)
			assert.Contains(t, out, "example:", "%v", args)
			if name != "schema" {
				assert.Contains(t, out, "-max-bytes int", "%v", args)
				assert.Contains(t, out, "(default 67108864)", "%v", args)
			}
		}
	}
	out, _, code := runCLI(t, "", "help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "zhengce help COMMAND")
	_, stderr, code := runCLI(t, "", "help", "frobnicate")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "commands: corpus build, corpus stats, diff")
}

// TestFlagErrors checks that bad flags name what is wrong.
func TestFlagErrors(t *testing.T) {
	seed := seeds + "001_2a5746484df83227.txt"
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"segment", "--list", "--paths", seed}, "--paths and --list cannot be used together"},
		{[]string{"extract", "--format", "xml", seed}, `--format "xml": want one of json, csv`},
		{[]string{"diff", "--format", "pdf", seed, seed}, `--format "pdf": want one of json, text, html`},
		{[]string{"extract", "--facts", "--format", "csv", seed}, "--facts and --format csv cannot be used together"},
		{[]string{"normalize", seed, seed}, "normalize takes one argument"},
		{[]string{"validate", "--max-bytes", "0", seed}, "--max-bytes 0"},
		{[]string{"schema", "--max-bytes", "10"}, ""},
		{[]string{"eval", seed}, "eval needs --gold DIR"},
	} {
		_, stderr, code := runCLI(t, "", tc.args...)
		if tc.msg == "" {
			assert.Equal(t, exitOK, code, "%v: %s", tc.args, stderr)
			continue
		}
		assert.Equal(t, exitTrouble, code, "%v", tc.args)
		assert.Contains(t, stderr, tc.msg, "%v", tc.args)
	}
}

func TestSegmentBlocksAndSelectors(t *testing.T) {
	out, _, code := runCLI(t, "", "segment", "--paths", seeds+"001_2a5746484df83227.txt", seeds+"004_b6228c6dd43f1cb2.txt")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "# "+seeds+"001_2a5746484df83227.txt\n")
	assert.Contains(t, out, "# "+seeds+"004_b6228c6dd43f1cb2.txt\n")
	_, stderr, code := runCLI(t, "", "segment", "--paths", seeds+"000_e561b5eedc8d0feb.txt#方案")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, `"方案" matches 5 policies; name one: #武政办〔2022〕70号, #推进咨询诊断平台建设加快工业智能化改造的工作方案`)
}

func TestHonestReasons(t *testing.T) {
	dir := t.TempDir()
	// Chinese text with scattered ill-formed bytes is text, with a warning
	seed, _ := os.ReadFile(seeds + "001_2a5746484df83227.txt")
	damaged := bytes.Clone(seed)
	for i := 0; i < len(damaged); i += 40 {
		damaged[i] = 0xFF
	}
	path := filepath.Join(dir, "damaged.txt")
	require.NoError(t, os.WriteFile(path, damaged, 0o644))
	out, stderr, code := runCLI(t, "", "extract", "--facts", path)
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, `"kind":"document"`)
	assert.Contains(t, stderr, "ill-formed UTF-8 sequences with U+FFFD")
	_, nstderr, _ := runCLI(t, "", "normalize", path)
	assert.Equal(t, strings.TrimSpace(nstderr), strings.TrimSpace(stderr), "extract warns as normalize does")

	// a missing file whose name holds # is named whole
	_, stderr, code = runCLI(t, "", "extract", filepath.Join(dir, "nosuch#file.txt"))
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "nosuch#file.txt: cannot read")

	// an empty JSON Lines file is valid
	empty := filepath.Join(dir, "errors.jsonl")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	_, _, code = runCLI(t, "", "validate", empty)
	assert.Equal(t, exitOK, code)
}

// TestBuildReportsFailures builds a folder of good and bad inputs: the
// first ten failures are printed with their reasons, then how many more,
// and errors.jsonl lists them in input order.
func TestBuildReportsFailures(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	seed, _ := os.ReadFile(seeds + "001_2a5746484df83227.txt")
	for i := 0; i < 14; i++ {
		require.NoError(t, os.WriteFile(filepath.Join(in, fmt.Sprintf("%02d-empty.txt", i)), nil, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(in, "07-good.txt"), seed, 0o644))
	require.NoError(t, os.Symlink(filepath.Join(in, "gone"), filepath.Join(in, "03-broken.txt")))
	out := filepath.Join(dir, "OUT")
	_, stderr, code := runCLI(t, "", "corpus", "build", "-q", "-o", out, in)
	assert.Equal(t, exitPartial, code)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, 11, stderr)
	assert.Contains(t, lines[0], "00-empty.txt")
	assert.Contains(t, lines[3], "03-broken.txt: broken or looping symbolic link")
	assert.Equal(t, "zhengce: and 5 more, see "+filepath.Join(out, "errors.jsonl"), lines[10])
	b, err := os.ReadFile(filepath.Join(out, "errors.jsonl"))
	require.NoError(t, err)
	var files []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r struct{ File string }
		require.NoError(t, json.Unmarshal([]byte(l), &r))
		files = append(files, filepath.Base(r.File))
	}
	require.Len(t, files, 15)
	assert.Equal(t, []string{"00-empty.txt", "01-empty.txt", "02-empty.txt", "03-broken.txt", "03-empty.txt"}, files[:5], "input order")
}
