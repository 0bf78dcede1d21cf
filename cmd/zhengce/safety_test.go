package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zhengce/zhengce/corpus/build"
)

// binary builds the command once per test into dir.
func binary(t *testing.T, dir string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(dir, "zhengce")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// zc runs the binary and returns its stderr and exit status.
func zc(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	var errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return errb.String(), code
}

// TestBuildNeverDestroys runs corpus build, the real binary, on outputs
// that are not its own: each is refused with exit 2 and a one-line reason,
// and nothing is touched.
func TestBuildNeverDestroys(t *testing.T) {
	dir := t.TempDir()
	bin := binary(t, dir)
	at := func(p string) string { return filepath.Join(dir, p) }

	// a folder of unrelated files
	require.NoError(t, os.MkdirAll(at("precious/sub"), 0o755))
	require.NoError(t, os.WriteFile(at("precious/precious.txt"), []byte("keep"), 0o644))
	stderr, code := zc(t, bin, "corpus", "build", "-q", "-o", at("precious"), seeds)
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "not a zhengce dataset")
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "one line: %q", stderr)
	assert.FileExists(t, at("precious/precious.txt"))
	assert.DirExists(t, at("precious/sub"))

	// --force replaces it
	_, code = zc(t, bin, "corpus", "build", "-q", "--force", "-o", at("precious"), seeds)
	assert.Equal(t, exitOK, code)
	assert.FileExists(t, at("precious/zhengce.db"))
	assert.FileExists(t, at("precious/.zhengce-dataset"))

	// output = input, inside it, or holding it: refused even with --force
	require.NoError(t, os.MkdirAll(at("docs"), 0o755))
	seed, _ := os.ReadFile(seeds + "001_2a5746484df83227.txt")
	require.NoError(t, os.WriteFile(at("docs/001.txt"), seed, 0o644))
	for _, tc := range []struct{ out, in, msg string }{
		{at("docs"), at("docs"), "is the input"},
		{at("docs/out"), at("docs"), "lies inside the input"},
		{dir, at("docs"), "holds the input"},
		{at("docs") + "/../docs", at("docs/001.txt"), "holds the input"},
	} {
		stderr, code := zc(t, bin, "corpus", "build", "-q", "--force", "-o", tc.out, tc.in)
		assert.Equal(t, exitTrouble, code, "%s from %s", tc.out, tc.in)
		assert.Contains(t, stderr, tc.msg)
		assert.FileExists(t, at("docs/001.txt"), "the input is kept")
	}

	// a regular file
	require.NoError(t, os.WriteFile(at("afile"), []byte("data"), 0o644))
	stderr, code = zc(t, bin, "corpus", "build", "-q", "-o", at("afile"), seeds)
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "is not a folder")
	b, _ := os.ReadFile(at("afile"))
	assert.Equal(t, "data", string(b))

	// a typo in the input path keeps the good dataset
	_, code = zc(t, bin, "corpus", "build", "-q", "-o", at("good"), seeds)
	require.Equal(t, exitOK, code)
	before, _ := build.ReadStream(at("good/documents.jsonl.gz"))
	stderr, code = zc(t, bin, "corpus", "build", "-q", "-o", at("good"), strings.TrimSuffix(seeds, "/")+"z")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "no input could be read")
	assert.Contains(t, stderr, "seedsz: cannot read")
	after, _ := build.ReadStream(at("good/documents.jsonl.gz"))
	assert.Equal(t, before, after)

	// an empty input folder
	require.NoError(t, os.MkdirAll(at("nothing"), 0o755))
	stderr, code = zc(t, bin, "corpus", "build", "-q", "-o", at("good"), at("nothing"))
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "no input files")

	// --max-bytes must be positive, for every command
	for _, cmd := range [][]string{{"corpus", "build", "-o", at("x")}, {"extract"}, {"segment"}, {"normalize"}, {"eval", "--gold", dir}} {
		args := append(append(cmd, "--max-bytes", "-1"), seeds+"001_2a5746484df83227.txt")
		stderr, code := zc(t, bin, args...)
		assert.Equal(t, exitTrouble, code, "%v", args)
		assert.Contains(t, stderr, "--max-bytes -1")
	}
}

// TestBuildLockAndSignals runs two builds into one output at once (the
// second is refused, naming the first) and stops builds with SIGTERM and
// SIGINT: they remove their temporary dataset and exit 143 and 130.
func TestBuildLockAndSignals(t *testing.T) {
	dir := t.TempDir()
	bin := binary(t, dir)
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	seed, _ := os.ReadFile(seeds + "000_e561b5eedc8d0feb.txt")
	for i := 0; i < 300; i++ {
		require.NoError(t, os.WriteFile(filepath.Join(in, fmt.Sprintf("%03d.txt", i)), seed, 0o644))
	}
	out := filepath.Join(dir, "OUT")
	started := func() *exec.Cmd {
		cmd := exec.Command(bin, "corpus", "build", "-q", "-j", "1", "-o", out, in)
		require.NoError(t, cmd.Start())
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(2 * time.Millisecond) {
			if tmp, _ := filepath.Glob(out + ".tmp-*/facts.jsonl.gz"); len(tmp) > 0 {
				return cmd
			}
			require.False(t, time.Now().After(deadline), "the build wrote no temporary dataset")
		}
	}

	first := started()
	stderr, code := zc(t, bin, "corpus", "build", "-q", "-o", out, seeds)
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, fmt.Sprintf("another build (pid %d) is writing", first.Process.Pid))
	require.NoError(t, first.Process.Signal(syscall.SIGTERM))
	err := first.Wait()
	require.Error(t, err)
	assert.Equal(t, 143, err.(*exec.ExitError).ExitCode())
	left, _ := filepath.Glob(out + ".tmp-*")
	assert.Empty(t, left, "SIGTERM leaves no temporary dataset")
	assert.NoDirExists(t, out, "nor an output")

	second := started()
	require.NoError(t, second.Process.Signal(syscall.SIGINT))
	err = second.Wait()
	require.Error(t, err)
	assert.Equal(t, 130, err.(*exec.ExitError).ExitCode())
	left, _ = filepath.Glob(out + ".tmp-*")
	assert.Empty(t, left, "SIGINT leaves no temporary dataset")

	// the lock went with the processes: a build now runs
	_, code = zc(t, bin, "corpus", "build", "-q", "-o", out, seeds)
	assert.Equal(t, exitOK, code)
}
