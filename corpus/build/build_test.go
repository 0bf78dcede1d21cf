package build

import (
	"bytes"
	"database/sql"
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhengce/zhengce/schema"
)

const seeds = "../../testdata/seeds"

func buildSeeds(t *testing.T, out string, opt Options, extra ...string) (*Summary, error) {
	t.Helper()
	return Build(append([]string{seeds}, extra...), out, opt)
}

func TestBuildSeeds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "OUT")
	sum, err := buildSeeds(t, out, Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 12 || sum.Errors != 0 || sum.Works != 9 {
		t.Errorf("summary %s; want 12 documents in 9 works", sum)
	}
	db, err := sql.Open("sqlite", filepath.Join(out, "zhengce.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	db.QueryRow(`SELECT count(*) FROM facts WHERE kind='money' AND q='max'`).Scan(&n)
	facts, _ := os.ReadFile(filepath.Join(out, "facts.jsonl"))
	stream := 0
	for _, l := range strings.Split(string(facts), "\n") {
		if strings.Contains(l, `"kind":"money"`) && strings.Contains(l, `"q":"max"`) {
			stream++
		}
	}
	if n != stream || n == 0 {
		t.Errorf("database has %d capped amounts, the facts stream %d", n, stream)
	}
	// 武政规〔2022〕6号: three renderings of one version, no fact disagreement
	rows, _ := db.Query(`SELECT source, work_id, version_id, preferred FROM documents WHERE work_id = (SELECT work_id FROM documents WHERE source LIKE '001%') ORDER BY source`)
	var got []string
	versions := map[string]bool{}
	for rows.Next() {
		var src, w, v string
		var pref bool
		rows.Scan(&src, &w, &v, &pref)
		versions[v] = true
		if pref {
			src += "*"
		}
		got = append(got, src[:3])
	}
	rows.Close()
	if strings.Join(got, " ") != "000 001 002" && strings.Join(got, " ") != "000 001* 002" || len(versions) != 1 {
		t.Errorf("renderings of 武政规〔2022〕6号: %v in %d versions", got, len(versions))
	}
	var pref string
	db.QueryRow(`SELECT source FROM documents WHERE work_id = (SELECT work_id FROM documents WHERE source LIKE '001%') AND preferred`).Scan(&pref)
	if !strings.HasPrefix(pref, "001") {
		t.Errorf("preferred rendering %s; want the official text 001", pref)
	}
	db.QueryRow(`SELECT count(*) FROM findings WHERE field = 'facts'`).Scan(&n)
	if n != 0 {
		t.Errorf("%d fact disagreements between renderings", n)
	}
	// 003 (draft) and 武政规〔2020〕11号 (final): one work, two versions
	var works, vers int
	db.QueryRow(`SELECT count(DISTINCT work_id), count(DISTINCT version_id) FROM documents WHERE source LIKE '003%' OR doc_number = '武政规〔2020〕11号'`).Scan(&works, &vers)
	if works != 1 || vers != 2 {
		t.Errorf("draft and final: %d works, %d versions; want 1 and 2", works, vers)
	}
	db.QueryRow(`SELECT count(*) FROM documents WHERE truncated`).Scan(&n)
	if n != 1 {
		t.Errorf("%d truncated documents; want 1", n)
	}
	var fk int
	db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk)
	if fk != 0 {
		t.Errorf("%d foreign key violations", fk)
	}
	for _, name := range []string{"documents.jsonl", "facts.jsonl", "errors.jsonl", "findings.jsonl"} {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		info, _ := f.Stat()
		if info.Size() == 0 {
			f.Close()
			continue
		}
		vs, err := schema.ValidateStream(f)
		f.Close()
		if err != nil || len(vs) > 0 {
			t.Errorf("%s does not validate: %v %v", name, err, vs)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, err := buildSeeds(t, a, Options{Jobs: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSeeds(t, b, Options{Jobs: 8}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"documents.jsonl", "facts.jsonl", "errors.jsonl", "findings.jsonl", "zhengce.db"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(x, y) || len(x) == 0 && name != "errors.jsonl" {
			t.Errorf("%s differs between -j 1 and -j 8 (%d vs %d bytes)", name, len(x), len(y))
		}
	}
}

func TestBuildWithBadInputs(t *testing.T) {
	if os.Getuid() == 0 {
		t.Log("running as root: an unreadable file is simulated by a dangling link")
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "image.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	unreadable := filepath.Join(bad, "secret.txt")
	os.WriteFile(unreadable, []byte("一、给予100万元奖励。"), 0o000)
	if os.Getuid() == 0 {
		os.Remove(unreadable)
		os.Symlink(filepath.Join(dir, "missing.txt"), unreadable)
	}
	os.Symlink(bad, filepath.Join(bad, "loop"))
	out := filepath.Join(dir, "OUT")
	sum, err := buildSeeds(t, out, Options{Jobs: 2}, bad)
	if !errors.Is(err, ErrSomeFailed) {
		t.Fatalf("err = %v; want ErrSomeFailed", err)
	}
	if sum.Documents != 12 || sum.Errors != 3 {
		t.Errorf("summary %s; want the 12 seed policies and 3 errors", sum)
	}
	errs, _ := os.ReadFile(filepath.Join(out, "errors.jsonl"))
	for _, want := range []string{"image.txt", "PNG", "secret.txt", "loop", "symbolic link to a directory"} {
		if !strings.Contains(string(errs), want) {
			t.Errorf("errors.jsonl lacks %q:\n%s", want, errs)
		}
	}
	db, _ := sql.Open("sqlite", filepath.Join(out, "zhengce.db"))
	defer db.Close()
	var n int
	db.QueryRow(`SELECT count(*) FROM errors`).Scan(&n)
	if n != 3 {
		t.Errorf("errors table has %d rows", n)
	}
}

func TestBuildKeepsPreviousOutputOnFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "OUT")
	if _, err := buildSeeds(t, out, Options{}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, "facts.jsonl"))
	// a build whose output cannot be written leaves the old one in place
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o755)
	if os.Getuid() != 0 {
		if _, err := buildSeeds(t, out, Options{}); err == nil {
			t.Error("a build into a read-only directory succeeded")
		}
	}
	after, _ := os.ReadFile(filepath.Join(out, "facts.jsonl"))
	if !bytes.Equal(before, after) {
		t.Error("the previous output changed")
	}
	os.Chmod(dir, 0o755)
	// a leftover temporary directory of a killed build is cleaned up
	os.MkdirAll(out+".tmp-123", 0o755)
	if _, err := buildSeeds(t, out, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out + ".tmp-123"); !os.IsNotExist(err) {
		t.Error("stale temporary directory left behind")
	}
}

func TestShards(t *testing.T) {
	dir := t.TempDir()
	total := 0
	for i := 0; i < 2; i++ {
		sum, err := buildSeeds(t, filepath.Join(dir, "s"+string(rune('0'+i))), Options{Shard: i, Shards: 2})
		if err != nil {
			t.Fatal(err)
		}
		total += sum.Files
	}
	if total != 5 {
		t.Errorf("shards cover %d files; want 5", total)
	}
}

func TestPipe(t *testing.T) {
	in := `{"id":1,"text":"一、给予最高200万元奖励。（责任单位：市经信局）"}` + "\n\n" +
		`{"id":"b","path":"` + seeds + `/001_2a5746484df83227.txt"}` + "\n" + `{"id":3,"path":"/nonexistent"}` + "\n"
	var out bytes.Buffer
	failed, err := Pipe(strings.NewReader(in), &out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if failed != 2 || len(lines) != 4 {
		t.Fatalf("Pipe: %d failed, %d lines; want 2 and one line per input line", failed, len(lines))
	}
	for i, want := range []string{`"kind":"result","schema_version":"1.0.0","id":1`, `"kind":"error"`, `"id":"b","documents":[{"kind":"policy"`, `"id":3,"reason":"cannot read`} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %.200s; want %s", i+1, lines[i], want)
		}
	}
	vs, err := schema.ValidateStream(strings.NewReader(out.String()))
	if err != nil || len(vs) > 0 {
		t.Errorf("pipe output does not validate: %v %v", err, vs)
	}
}

func TestFNV64aIsHashFNVs(t *testing.T) {
	for _, s := range []string{"", "a", "加快促进企业技术改造", "\xff\x00日"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := fnv64a(s), h.Sum64(); got != want {
			t.Errorf("fnv64a(%q) = %x, want %x", s, got, want)
		}
	}
}
