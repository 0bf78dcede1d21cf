package build

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
	facts, _ := ReadStream(filepath.Join(out, "facts.jsonl.gz"))
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
	rows, _ := db.Query(`SELECT source, work_id, version_id, preferred FROM documents WHERE work_id = (SELECT work_id FROM documents WHERE source LIKE 'seeds/001%') ORDER BY source`)
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
		got = append(got, strings.TrimPrefix(src, "seeds/")[:3])
	}
	rows.Close()
	if strings.Join(got, " ") != "000 001 002" && strings.Join(got, " ") != "000 001* 002" || len(versions) != 1 {
		t.Errorf("renderings of 武政规〔2022〕6号: %v in %d versions", got, len(versions))
	}
	var pref string
	db.QueryRow(`SELECT source FROM documents WHERE work_id = (SELECT work_id FROM documents WHERE source LIKE 'seeds/001%') AND preferred`).Scan(&pref)
	if !strings.HasPrefix(pref, "seeds/001") {
		t.Errorf("preferred rendering %s; want the official text 001", pref)
	}
	db.QueryRow(`SELECT count(*) FROM findings WHERE field = 'facts'`).Scan(&n)
	if n != 0 {
		t.Errorf("%d fact disagreements between renderings", n)
	}
	// 003 (draft) and 武政规〔2020〕11号 (final): one work, two versions
	var works, vers int
	db.QueryRow(`SELECT count(DISTINCT work_id), count(DISTINCT version_id) FROM documents WHERE source LIKE 'seeds/003%' OR doc_number = '武政规〔2020〕11号'`).Scan(&works, &vers)
	if works != 1 || vers != 2 {
		t.Errorf("draft and final: %d works, %d versions; want 1 and 2", works, vers)
	}
	db.QueryRow(`SELECT count(*) FROM documents WHERE truncated`).Scan(&n)
	if n != 1 {
		t.Errorf("%d truncated documents; want 1", n)
	}
	var fk int
	if err := db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Errorf("%d foreign key violations (%v)", fk, err)
	}
	checkUnits(t, db)
	for _, name := range []string{"documents.jsonl.gz", "facts.jsonl.gz", "errors.jsonl", "findings.jsonl.gz"} {
		b, err := ReadStream(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if name != "errors.jsonl" && name != "findings.jsonl.gz" && len(b) == 0 {
			t.Errorf("%s is empty", name)
		}
		vs, err := schema.ValidateStream(bytes.NewReader(b))
		if err != nil || len(vs) > 0 {
			t.Errorf("%s does not validate: %v %v", name, err, vs)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	defer func(n int64) { chunkBytes = n }(chunkBytes)
	chunkBytes = 40 << 10 // a few chunks, finished in any order by 8 workers
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, err := buildSeeds(t, a, Options{Jobs: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSeeds(t, b, Options{Jobs: 8}); err != nil {
		t.Fatal(err)
	}
	files := func(root string) map[string][]byte {
		out := map[string][]byte{}
		require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				out[rel], err = os.ReadFile(p)
			}
			return err
		}))
		return out
	}
	x, y := files(a), files(b)
	assert.Greater(t, len(x), 15, "every stream and table, the tables in several parts")
	assert.Equal(t, slices.Sorted(maps.Keys(x)), slices.Sorted(maps.Keys(y)), "the same files for -j 1 and -j 8")
	for name, bx := range x {
		if !bytes.Equal(bx, y[name]) {
			t.Errorf("%s differs between -j 1 and -j 8 (%d vs %d bytes)", name, len(bx), len(y[name]))
		}
	}
	for _, name := range []string{"documents.jsonl.gz", "facts.jsonl.gz", "zhengce.db", "facts/part-00000.parquet"} {
		assert.NotEmpty(t, x[name], name)
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
	before, _ := ReadStream(filepath.Join(out, "facts.jsonl.gz"))
	// a build whose output cannot be written leaves the old one in place
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o755)
	if os.Getuid() != 0 {
		if _, err := buildSeeds(t, out, Options{}); err == nil {
			t.Error("a build into a read-only directory succeeded")
		}
	}
	after, _ := ReadStream(filepath.Join(out, "facts.jsonl.gz"))
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
	for i, want := range []string{`"kind":"result","schema_version":"1.1.0","id":1`, `"kind":"error"`, `"id":"b","documents":[{"kind":"policy"`, `"id":3,"reason":"cannot read`} {
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

// Renderings of one version that state different amounts, or leave a
// clause's facts out, are findings, with every rendering's value.
func TestFindingsBetweenRenderings(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(seeds, "001_2a5746484df83227.txt"))
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	variants := map[string]string{
		"a.txt": string(raw),
		// 1.3 states 600 万元 where the others state 500 万元
		"b.txt": strings.Replace(string(raw), "给予 ５００ 万元一次性奖励", "给予 ６００ 万元一次性奖励", 1),
		// 2.1 caps at 3000 亿元 where the others cap at 3000 万元
		"c.txt": strings.Replace(string(raw), "万元资金支持。 （责任单位：市科技局）", "亿元资金支持。 （责任单位：市科技局）", 1),
	}
	for name, text := range variants {
		if name != "a.txt" && text == string(raw) {
			t.Fatalf("%s: the seed no longer holds the text to change", name)
		}
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "OUT")
	sum, err := Build([]string{in}, out, Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Works != 1 {
		t.Errorf("works %d; want the three renderings in one work", sum.Works)
	}
	b, err := ReadStream(filepath.Join(out, "findings.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var f Finding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		var vals []string
		for _, v := range f.Values {
			amounts := ""
			if v.Value != nil {
				for _, part := range strings.Split(*v.Value, "; ") {
					if strings.HasPrefix(part, "money ") {
						amounts += strings.Fields(part)[1] + " "
					}
				}
			}
			vals = append(vals, v.Source+": "+strings.TrimSpace(amounts))
		}
		got = append(got, f.Field+" "+f.Path+" | "+strings.Join(vals, " | "))
	}
	want := []string{
		"facts 1.3 | 001/a.txt: 2000000 5000000 2000000 1000000 | 001/b.txt: 2000000 6000000 2000000 1000000 | 001/c.txt: 2000000 5000000 2000000 1000000",
		"facts 2.1 | 001/a.txt: 30000000 | 001/b.txt: 30000000 | 001/c.txt: 300000000000",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSpillRoundTrip(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "spill")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sp := &spill{f: f}
	sig := make([]uint64, sigSize)
	for i := range sig {
		sig[i] = uint64(i) * 0x9E3779B97F4A7C15
	}
	docs := []*docInfo{
		{source: "001.txt", titleKey: "关于支持数字经济加快发展的若干政策", number: "武政规〔2022〕6号", issuer: "武汉市人民政府", status: "final", rank: 1,
			meta:  map[string]string{"issued": "2022-04-29", "validity": "3年"},
			facts: map[string]string{"1.3": "money 5000000 exact benefit", "2.1": "unit 市科技局  responsible "}, sig: sig},
		{source: "000.txt", section: "支持数字经济加快发展若干政策", status: "draft", rank: 2, meta: map[string]string{}, facts: map[string]string{}, sig: make([]uint64, sigSize)},
	}
	var keys []docKey
	for _, d := range docs {
		k, err := sp.put(d)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	for i, d := range docs {
		got, err := sp.load(keys[i], true)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range metaFields {
			if got.meta[f] != d.meta[f] {
				t.Errorf("%s: %s %q, want %q", d.source, f, got.meta[f], d.meta[f])
			}
		}
		got.meta, got.sig = d.meta, d.sig
		if fmt.Sprint(*got) != fmt.Sprint(*d) {
			t.Errorf("loaded %+v\nwant %+v", *got, *d)
		}
		head, _ := sp.load(keys[i], false)
		if head.facts != nil || head.number != d.number {
			t.Errorf("%s: header load gave facts %v, number %q", d.source, head.facts, head.number)
		}
		s := make([]uint64, sigSize)
		if err := sp.sig(keys[i], s); err != nil || fmt.Sprint(s) != fmt.Sprint(d.sig) {
			t.Errorf("%s: signature %v, %v", d.source, s[:2], err)
		}
		if keys[i].number != hashString(d.number) || keys[i].status != d.status || int(keys[i].rank) != d.rank {
			t.Errorf("%s: key %+v", d.source, keys[i])
		}
	}
}

// minhash is the signature of s in one piece.
func minhash(s string) []uint64 {
	var sh shingler
	sh.add(s)
	return sh.signature()
}

// minhashSpec is minhash written plainly: every six-rune window hashed
// from scratch, its bin and least hash found one at a time.
func minhashSpec(s string) []uint64 {
	mins := make([]uint64, sigSize)
	for k := range mins {
		mins[k] = ^uint64(0)
	}
	rs := []rune(s)
	for i := 0; i+6 <= len(rs); i++ {
		var h uint64
		for _, r := range rs[i : i+6] {
			h = h*shingleBase + uint64(r)
		}
		x := mix64(h)
		k := x >> (64 - sigBits)
		mins[k] = min(mins[k], x)
	}
	return mins
}

func TestMinhashIsSpec(t *testing.T) {
	texts := []string{"", "一二三四五", "一二三四五六", "一二三四五六七", "abcdefgh", "政策政策政策政策政策政策政策政策", "ab\xffcdefg\xfe"}
	files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
		for _, n := range []int{7, 8, 9, 10, 11, 12, 100, 1001} {
			texts = append(texts, string([]rune(string(b))[:n]))
		}
	}
	for _, s := range texts {
		if got, want := minhash(s), minhashSpec(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("minhash(%.30q) differs from the spec", s)
		}
	}
}

// TestSimilarityEstimatesJaccard compares the estimate with the exact
// Jaccard similarity of the shingle sets, for a seed and copies of it
// with a growing share of its lines replaced.
func TestSimilarityEstimatesJaccard(t *testing.T) {
	shingles := func(s string) map[string]bool {
		rs := []rune(s)
		set := map[string]bool{}
		for i := 0; i+6 <= len(rs); i++ {
			set[string(rs[i:i+6])] = true
		}
		return set
	}
	jaccard := func(a, b map[string]bool) float64 {
		both := 0
		for k := range a {
			if b[k] {
				both++
			}
		}
		return float64(both) / float64(len(a)+len(b)-both)
	}
	files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	require.NotEmpty(t, files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		lines := strings.Split(string(raw), "\n")
		for _, every := range []int{1, 2, 3, 5, 10, 1000} {
			changed := slices.Clone(lines)
			for i := range changed {
				if i%every == 0 {
					changed[i] = fmt.Sprintf("第%d行已经改写为不同的内容", i)
				}
			}
			a, b := string(raw), strings.Join(changed, "\n")
			exact := jaccard(shingles(a), shingles(b))
			got := similarity(minhash(a), minhash(b))
			assert.InDelta(t, exact, got, 0.2, "%s, every %d lines changed", filepath.Base(f), every)
		}
		assert.Equal(t, 1.0, similarity(minhash(string(raw)), minhash(string(raw))))
	}
	assert.Zero(t, similarity(minhash("短"), minhash("短")), "no shingle: no evidence")
}

// checkUnits checks the units table of a built dataset: one row per unit
// fact, with the fact's id and values, in fact order.
func checkUnits(t *testing.T, db *sql.DB) {
	t.Helper()
	var units, unitFacts, differ int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM facts WHERE kind = 'unit'),
		(SELECT count(*) FROM units u JOIN facts f ON f.id = u.fact_id WHERE f.kind != 'unit' OR u.document_id != f.document_id
		OR u.path != f.path OR u.name != f.name OR u.canonical != f.canonical OR u.role IS NOT f.role OR u.id != f.id)`).Scan(&units, &unitFacts, &differ); err != nil {
		t.Fatal(err)
	}
	if units != unitFacts || units < 100 || differ != 0 {
		t.Errorf("%d units for %d unit facts, %d differing from their fact", units, unitFacts, differ)
	}
}

func BenchmarkMinhash(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(seeds, "000_e561b5eedc8d0feb.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		minhash(string(raw))
	}
}

// BenchmarkWriter measures what follows reading: the seeds, read once as
// one chunk, written 20 times over into one dataset (as a build of ~0.9
// MB of input would), into the database and the streams and as Parquet
// parts; bytes counted as the inputs' sizes.
func BenchmarkWriter(b *testing.B) {
	entries := inputList([]string{seeds})
	var size int64
	for _, in := range entries {
		size += in.size
	}
	rows := processChunk(chunk{inputs: entries}, Options{})
	if rows.err != nil || len(rows.errors) > 0 {
		b.Fatal(rows.err, rows.errors)
	}
	const copies = 20
	b.SetBytes(copies * size)
	for b.Loop() {
		w, err := newWriter(filepath.Join(b.TempDir(), "out"), 0, Formats{}, 2)
		if err != nil {
			b.Fatal(err)
		}
		g := &grouping{}
		var parts partEncoder
		for i := range copies {
			r := &chunkRows{index: i, files: rows.files, docs: rows.docs, clauses: slices.Clone(rows.clauses),
				facts: slices.Clone(rows.facts), units: rows.units, factLines: rows.factLines, kinds: rows.kinds}
			w.next = r.shift(w.next)
			if err := w.writeChunk(r); err != nil {
				b.Fatal(err)
			}
			if err := parts.encode(w.tmp, r); err != nil {
				b.Fatal(err)
			}
			for range r.docs {
				g.ids = append(g.ids, ids{work: "w", version: "v"})
			}
		}
		if _, err := w.finish(func() (*grouping, error) { return g, nil }); err != nil {
			b.Fatal(err)
		}
	}
}
