package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const seeds = "../../testdata/seeds/"

func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestBadInputExitStatus(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "image.txt")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 0o644)
	for _, path := range []string{empty, binary, dir} {
		for _, cmd := range []string{"normalize", "segment", "extract"} {
			_, stderr, code := runCLI(t, "", cmd, path)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if code != exitTrouble || len(lines) != 1 || !strings.Contains(lines[0], path) {
				t.Errorf("zhengce %s %s: exit %d, stderr %q; want 2 and one line naming the file", cmd, path, code, stderr)
			}
		}
	}
	// one bad file among good ones: the good ones are written, exit 1
	out, stderr, code := runCLI(t, "", "extract", "--facts", empty, seeds+"001_2a5746484df83227.txt")
	if code != exitPartial || !strings.Contains(out, `"kind":"document"`) || !strings.Contains(stderr, empty) {
		t.Errorf("mixed inputs: exit %d, stderr %q", code, stderr)
	}
}

func TestUsage(t *testing.T) {
	if _, _, code := runCLI(t, ""); code != exitTrouble {
		t.Errorf("no command: exit %d", code)
	}
	if _, stderr, code := runCLI(t, "", "frobnicate"); code != exitTrouble || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: exit %d %q", code, stderr)
	}
	if _, _, code := runCLI(t, "", "extract", "--format", "xml", "x.txt"); code != exitTrouble {
		t.Errorf("bad format: exit %d", code)
	}
}

func TestNormalizeStdinJSON(t *testing.T) {
	out, _, code := runCLI(t, "２０２２ 年 ６ 月 １ 日起施行，补贴３０％。\n— 3—\n", "normalize", "--json", "-")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		Text, Encoding, Script string
		Noise                  []struct{ Kind string }
		Map                    []struct{ Norm, Raw [2]int }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Text != "2022年6月1日起施行，补贴30%。" || r.Encoding != "utf-8" || len(r.Noise) != 1 || r.Noise[0].Kind != "page-marker" || len(r.Map) != 1 {
		t.Errorf("normalize --json = %s", out)
	}
}

func TestSegmentListAndPaths(t *testing.T) {
	out, _, code := runCLI(t, "", "segment", "--list", seeds+"000_e561b5eedc8d0feb.txt")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 8 || !strings.Contains(lines[3], "武政规〔2020〕11号") || !strings.HasSuffix(lines[7], "truncated") {
		t.Errorf("segment --list: exit %d\n%s", code, out)
	}
	for _, l := range lines {
		if strings.Contains(l, "!!!") || strings.Contains(l, "目录") {
			t.Errorf("contents entry listed as a policy: %s", l)
		}
	}
	out, _, code = runCLI(t, "", "segment", "--paths", seeds+"000_e561b5eedc8d0feb.txt#武政规〔2022〕6号")
	if code != exitOK || !strings.HasPrefix(out, "\"\"\t\n1\t推进数字新型基础设施建设\n1.1\t深化“双千兆”城市建设\n") {
		t.Errorf("segment --paths: exit %d\n%.200s", code, out)
	}
	if _, stderr, code := runCLI(t, "", "segment", seeds+"000_e561b5eedc8d0feb.txt#数字经济"); code != exitTrouble || !strings.Contains(stderr, "matches 2 policies") {
		t.Errorf("ambiguous selector: exit %d %q", code, stderr)
	}
}

func TestExtractFactsAndCSV(t *testing.T) {
	out, _, code := runCLI(t, "", "extract", "--facts", seeds+"001_2a5746484df83227.txt")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var doc, first map[string]any
	json.Unmarshal([]byte(lines[0]), &doc)
	if code != exitOK || doc["kind"] != "document" || doc["doc_number"] != "武政规〔2022〕6号" || doc["expires"] != "2025-05-31" {
		t.Fatalf("document record %s", lines[0])
	}
	for _, l := range lines[1:] {
		json.Unmarshal([]byte(l), &first)
		if first["kind"] == "money" {
			break
		}
	}
	if first["path"] != "1.3" || first["yuan"] != 2e6 || first["q"] != "max" || first["role"] != "benefit" || first["cap"] != true {
		t.Errorf("first money fact %v", first)
	}
	out, _, code = runCLI(t, "", "extract", "--format", "csv", seeds+"001_2a5746484df83227.txt")
	if code != exitOK || !strings.HasPrefix(out, "source,section,path,kind,yuan") || strings.Count(out, "\n") < 100 {
		t.Errorf("csv: exit %d\n%.300s", code, out)
	}
}

func TestEval(t *testing.T) {
	out, _, code := runCLI(t, "", "eval", "--gold", "../../testdata/gold", seeds+"000_e561b5eedc8d0feb.txt", seeds+"001_2a5746484df83227.txt", seeds+"002_1e3c7663b8a242cd.txt")
	if code != exitOK || !strings.Contains(out, "money     value   1.000  1.000  1.000") || !strings.Contains(out, "meta fields correct: 27/27") {
		t.Errorf("eval: exit %d\n%s", code, out)
	}
}

// TestOutputsValidate checks every kind of output against the published
// schema, so that the schema and the code cannot drift apart.
func TestOutputsValidate(t *testing.T) {
	all := []string{seeds + "000_e561b5eedc8d0feb.txt", seeds + "001_2a5746484df83227.txt", seeds + "002_1e3c7663b8a242cd.txt", seeds + "003_c0775bc4c1ef2dcb.txt", seeds + "004_b6228c6dd43f1cb2.txt"}
	outputs := map[string][]string{
		"facts":     append([]string{"extract", "--facts"}, all...),
		"documents": append([]string{"extract"}, all...),
		"segment":   append([]string{"segment", "--json"}, all[1]),
		"normalize": {"normalize", "--json", all[0]},
	}
	for name, args := range outputs {
		out, _, code := runCLI(t, "", args...)
		if code != exitOK || len(out) == 0 {
			t.Fatalf("%s: exit %d", name, code)
		}
		vout, verr, vcode := runCLI(t, out, "validate", "-")
		if vcode != exitOK {
			t.Errorf("%s output does not validate: %s%s", name, vout, verr)
		}
	}
	broken := `{"kind":"unit","schema_version":"1.1.0","source":"a.txt","section":null,"path":"1","name":"市经信局","role":"boss","text":"市经信局","span":[0,12],"raw_span":[0,12]}`
	vout, _, vcode := runCLI(t, broken+"\n"+broken+"\n", "validate", "-")
	if vcode != exitPartial || !strings.Contains(vout, "-: line 2: /role: ") {
		t.Errorf("validate of a broken record: exit %d\n%s", vcode, vout)
	}
	// gzip-compressed, in two members as a dataset's streams are
	var gz bytes.Buffer
	for range 2 {
		zw := gzip.NewWriter(&gz)
		zw.Write([]byte(broken + "\n"))
		zw.Close()
	}
	file := filepath.Join(t.TempDir(), "facts.jsonl.gz")
	require.NoError(t, os.WriteFile(file, gz.Bytes(), 0o644))
	vout, _, vcode = runCLI(t, "", "validate", file)
	if vcode != exitPartial || !strings.Contains(vout, "facts.jsonl.gz: line 2: /role: ") {
		t.Errorf("validate of broken gzip-compressed records: exit %d\n%s", vcode, vout)
	}
	out, _, _ := runCLI(t, "", "schema")
	if !strings.Contains(out, `"$id": "https://zhengce.dev/schema/1.1.0/zhengce.schema.json"`) {
		t.Errorf("schema command printed %.200s", out)
	}
}

func TestDiffCommand(t *testing.T) {
	draft, final := seeds+"003_c0775bc4c1ef2dcb.txt", seeds+"000_e561b5eedc8d0feb.txt#武政规〔2020〕11号"
	out, _, code := runCLI(t, "", "diff", "--format", "json", draft, final)
	if code != exitPartial || !strings.Contains(out, `"kind": "diff"`) {
		t.Fatalf("diff draft final: exit %d", code)
	}
	if vout, _, vcode := runCLI(t, out, "validate", "-"); vcode != exitOK {
		t.Errorf("diff output does not validate: %s", vout)
	}
	out, _, code = runCLI(t, "", "diff", "--format", "text", draft, final)
	if code != exitPartial || !strings.HasPrefix(out, "zhengce diff\n") || strings.Contains(out, "\x1b[") || !strings.Contains(out, "1 removed") {
		t.Errorf("text report (no colour off a terminal): exit %d\n%.300s", code, out)
	}
	out, _, code = runCLI(t, "", "diff", "--format", "html", draft, final)
	if code != exitPartial || !strings.HasPrefix(out, "<!DOCTYPE html>") || strings.Contains(out, "http") {
		t.Errorf("html report: exit %d, self-contained: %v", code, !strings.Contains(out, "http"))
	}
	if _, _, code := runCLI(t, "", "diff", seeds+"001_2a5746484df83227.txt", seeds+"001_2a5746484df83227.txt"); code != exitOK {
		t.Errorf("a policy diffed with itself: exit %d; want 0", code)
	}
	if _, stderr, code := runCLI(t, "", "diff", seeds+"001_2a5746484df83227.txt", "/nonexistent.txt"); code != exitTrouble || !strings.Contains(stderr, "/nonexistent.txt") {
		t.Errorf("missing file: exit %d %q; want 2", code, stderr)
	}
}

// TestFileNamedWithHash checks that FILE#SELECTOR gives way to a file
// whose own name holds the '#', and that a selector still applies
// otherwise.
func TestFileNamedWithHash(t *testing.T) {
	raw, err := os.ReadFile(seeds + "001_2a5746484df83227.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"a#1.txt", "b.txt#", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		arg  string
		code int
	}{
		{"a#1.txt", exitOK},                   // the file named so
		{"b.txt#", exitOK},                    // the file named so, not b.txt
		{"c.txt#武政规〔2022〕6号", exitOK},         // a selector
		{"c.txt#no such policy", exitTrouble}, // a selector that matches nothing
		{"a#2.txt", exitTrouble},              // neither a file nor a.txt with a selector
	} {
		_, stderr, code := runCLI(t, "", "segment", "--paths", filepath.Join(dir, c.arg))
		if code != c.code {
			t.Errorf("%s: exit %d, want %d: %s", c.arg, code, c.code, stderr)
		}
	}
}
