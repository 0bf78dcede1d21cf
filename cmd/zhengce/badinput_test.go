package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhengce/zhengce/corpus/build"
)

// TestBadInputs runs extract over generated hostile and broken inputs:
// each gives a one-line error naming the file, or a result with warnings;
// never a panic or a hang.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("<html><head><meta charset=\"utf-8\"></head><body><p>一、给予最高200万元奖励。</p></body></html>"))
	u16 := func(bom bool) []byte {
		var b []byte
		if bom {
			b = []byte{0xFF, 0xFE}
		}
		for _, c := range utf16.Encode([]rune("一、给予最高200万元奖励。（责任单位：市经信局）\n")) {
			b = append(b, byte(c), byte(c>>8))
		}
		return b
	}
	random := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(random)
	// markers of every family, opened one inside the other, 50 deep
	var nested strings.Builder
	families := []string{"一、", "（一）", "1.", "（1）", "①", "——", "第一章", "第一节", "第一条", "•"}
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&nested, "%s第%d层，给予%d万元奖励。\n", families[i%len(families)], i+1, i+1)
	}
	var items strings.Builder
	for i := 1; i <= 50000; i++ {
		fmt.Fprintf(&items, "%d.第%d项，给予%d万元。\n", i, i, i%90+1)
	}
	var divs strings.Builder
	divs.WriteString("<html><body>")
	for i := 0; i < 20000; i++ {
		divs.WriteString("<div>")
	}
	divs.WriteString("<p>一、给予最高200万元奖励。</p>")
	for i := 0; i < 20000; i++ {
		divs.WriteString("</div>")
	}
	divs.WriteString("</body></html>")
	tests := []struct {
		name string
		data []byte
		fail string // a substring of the one-line error, or "" for success
		want string // a substring of the output on success
	}{
		{"empty", nil, "empty document", ""},
		{"whitespace", []byte(" \n\t \n"), "empty document", ""},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), "PNG image", ""},
		{"random", random, "binary", ""},
		{"nul in text", []byte("一、给予最高\x00200万元奖励。"), "", `"yuan":2000000`},
		{"truncated utf-8", []byte("一、给予最高200万元奖励。\xe5\xa5"), "", `"yuan":2000000`},
		{"gbk with utf-8 meta", gbk, "", `"yuan":2000000`},
		{"utf-16 bom", u16(true), "", `"name":"市经信局"`},
		{"utf-16 no bom", u16(false), "", `"name":"市经信局"`},
		{"nested markers", []byte(nested.String()), "", `"kind":"document"`},
		{"50k numbered items", []byte(items.String()), "", `"path":"999"`},
		{"deep divs", []byte(divs.String()), "", `"yuan":2000000`},
		{"script iframe img", []byte(`<html><body><script>fetch("http://example.invalid/")</script><iframe src="http://example.invalid/"></iframe><img src="http://example.invalid/x.png"><p>一、给予最高200万元奖励。</p></body></html>`), "", `"yuan":2000000`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".txt")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			var out, stderr string
			var code int
			go func() {
				out, stderr, code = runCLI(t, "", "extract", "--facts", path)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(180 * time.Second):
				t.Fatal("hangs")
			}
			if tc.fail != "" {
				lines := strings.Split(strings.TrimSpace(stderr), "\n")
				if code != exitTrouble || len(lines) != 1 || !strings.Contains(lines[0], path) || !strings.Contains(lines[0], tc.fail) {
					t.Errorf("exit %d, stderr %q; want exit 2 and one line naming the file and saying %q", code, stderr, tc.fail)
				}
				return
			}
			if code != exitOK || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, stderr %q, output %.300s; want %s", code, stderr, out, tc.want)
			}
		})
	}
	// a build over the seeds and every bad input: exit 1, every seed policy
	// present, every failing input in errors.jsonl with a reason
	seedDir, _ := filepath.Abs(seeds)
	for _, f := range []string{"001_2a5746484df83227.txt", "003_c0775bc4c1ef2dcb.txt"} {
		b, _ := os.ReadFile(filepath.Join(seedDir, f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	out := filepath.Join(t.TempDir(), "OUT")
	_, stderr, code := runCLI(t, "", "corpus", "build", "-q", "-o", out, dir)
	errs, _ := os.ReadFile(filepath.Join(out, "errors.jsonl"))
	docs, _ := build.ReadStream(filepath.Join(out, "documents.jsonl.gz"))
	if code != exitPartial || strings.Count(string(errs), "\n") != 4 || !strings.Contains(string(docs), "武政规〔2022〕6号") || !strings.Contains(string(docs), "征求意见稿") {
		t.Errorf("build over bad inputs: exit %d %q\nerrors:\n%s", code, stderr, errs)
	}
	for _, name := range []string{"empty.txt", "whitespace.txt", "png.txt", "random.txt"} {
		if !strings.Contains(string(errs), name+`","reason":`) {
			t.Errorf("errors.jsonl lacks %s", name)
		}
	}
	// an input over --max-bytes is refused before it is read
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(100 << 20)
	f.Close()
	_, stderr, code = runCLI(t, "", "extract", "--facts", big)
	if code != exitTrouble || !strings.Contains(stderr, "exceeds the limit") {
		t.Errorf("100 MB input: exit %d %q", code, stderr)
	}
}

// TestKilledBuild kills a corpus build with SIGKILL mid-run: the previous
// dataset stays intact and a rerun completes.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "zhengce")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	seed, _ := os.ReadFile(seeds + "000_e561b5eedc8d0feb.txt")
	const files = 400
	for i := 0; i < files; i++ {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("%03d.txt", i)), seed, 0o644)
	}
	out := filepath.Join(dir, "OUT")
	if b, err := exec.Command(bin, "corpus", "build", "-q", "-o", out, seeds).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v %s", err, b)
	}
	dataset := []string{"documents.jsonl.gz", "zhengce.db", "facts/part-00000.parquet", "documents/part-00000.parquet"}
	read := func() [][]byte {
		var all [][]byte
		for _, name := range dataset {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, b)
		}
		return all
	}
	before := read()
	// killed at different moments: while the streams and the database are
	// written, and in a Parquet-only build, once its tables are open
	for _, c := range []struct {
		flags []string
		wait  string
	}{
		{nil, "facts.jsonl.gz"},
		{[]string{"--formats", "parquet"}, "clauses/part-00000.parquet"},
	} {
		args := append([]string{"corpus", "build", "-q", "-j", "1", "-o", out}, c.flags...)
		cmd := exec.Command(bin, append(args, in)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// kill it once it has started writing its temporary dataset
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(2 * time.Millisecond) {
			if tmp, _ := filepath.Glob(out + ".tmp-*/" + c.wait); len(tmp) > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the build wrote no temporary dataset")
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err == nil {
			t.Fatal("the build finished before it was killed")
		}
		for i, after := range read() {
			if !bytes.Equal(before[i], after) {
				t.Fatalf("a killed build (%v) changed %s of the previous dataset", c.flags, dataset[i])
			}
		}
	}
	if b, err := exec.Command(bin, "corpus", "build", "-q", "-o", out, in).CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v %s", err, b)
	}
	docs, _ := build.ReadStream(filepath.Join(out, "documents.jsonl.gz"))
	if n := bytes.Count(docs, []byte("\n")); n != files*8 {
		t.Errorf("rerun wrote %d documents; want %d", n, files*8)
	}
	if parts, _ := filepath.Glob(filepath.Join(out, "facts", "*.parquet")); len(parts) == 0 {
		t.Error("rerun wrote no facts table")
	}
	if left, _ := filepath.Glob(out + ".tmp-*"); len(left) != 0 {
		t.Errorf("temporary directories left: %v", left)
	}
}
