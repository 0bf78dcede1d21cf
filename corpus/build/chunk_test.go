package build

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zhengce/zhengce/extract"
	"github.com/zhengce/zhengce/schema"
)

func TestChunksOf(t *testing.T) {
	defer func(b int64, n int) { chunkBytes, chunkFiles = b, n }(chunkBytes, chunkFiles)
	chunkBytes, chunkFiles = 100, 3
	sizes := func(ss ...int64) []input {
		var in []input
		for i, s := range ss {
			in = append(in, input{path: fmt.Sprint(i), size: s})
		}
		return in
	}
	for _, c := range []struct {
		name string
		in   []input
		want [][]string // the paths of each chunk
	}{
		{"none", nil, nil},
		{"one small", sizes(10), [][]string{{"0"}}},
		{"cut at the size", sizes(60, 40, 10), [][]string{{"0", "1"}, {"2"}}},
		{"a large file is a chunk", sizes(500, 10, 10), [][]string{{"0"}, {"1", "2"}}},
		{"cut at the count", sizes(1, 1, 1, 1, 1, 1, 1), [][]string{{"0", "1", "2"}, {"3", "4", "5"}, {"6"}}},
		{"failures weigh nothing", append(sizes(90), input{path: "bad", err: &extract.ErrorRecord{File: "bad", Reason: "cannot read"}}, input{path: "x", size: 20}), [][]string{{"0", "bad", "x"}}},
	} {
		var got [][]string
		for i, ch := range chunksOf(c.in) {
			assert.Equal(t, i, ch.index, c.name)
			var paths []string
			for _, in := range ch.inputs {
				paths = append(paths, in.path)
			}
			got = append(got, paths)
		}
		assert.Equal(t, c.want, got, c.name)
	}
}

// A build of many small inputs, good and bad, in chunks of a few files:
// ids count on across chunks without gaps, every input is a document or
// an error row, and the Parquet parts, the database and the streams agree.
func TestChunkBoundaries(t *testing.T) {
	defer func(b int64, n int) { chunkBytes, chunkFiles = b, n }(chunkBytes, chunkFiles)
	chunkBytes, chunkFiles = 1<<20, 3
	dir := filepath.Join(t.TempDir(), "in")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	var bad []string
	for i := range 20 {
		name := filepath.Join(dir, fmt.Sprintf("%02d.txt", i))
		body := fmt.Sprintf("关于第%d项措施的通知\n第一条 给予最高%d万元奖励，由市财政局负责。\n第二条 本措施自2025年%d月1日起施行。\n", i, 10+i, i%12+1)
		if i%7 == 3 {
			body = "\x00\x01\x02\x00\x00" // not text
			bad = append(bad, name)
		}
		require.NoError(t, os.WriteFile(name, []byte(body), 0o644))
	}
	out := filepath.Join(t.TempDir(), "OUT")
	sum, err := Build([]string{dir}, out, Options{Jobs: 3})
	require.ErrorIs(t, err, ErrSomeFailed)
	assert.Equal(t, 20, sum.Files)
	assert.Equal(t, len(bad), sum.Errors)
	assert.Equal(t, 20-len(bad), sum.Documents)

	db, err := sql.Open("sqlite", filepath.Join(out, "zhengce.db"))
	require.NoError(t, err)
	defer db.Close()
	ids := func(q string) []int64 {
		rows, err := db.Query(q)
		require.NoError(t, err)
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var id int64
			require.NoError(t, rows.Scan(&id))
			out = append(out, id)
		}
		return out
	}
	for _, table := range []string{"documents", "clauses", "facts", "errors"} {
		got := ids(`SELECT id FROM ` + table + ` ORDER BY id`)
		require.NotEmpty(t, got, table)
		for i, id := range got {
			require.Equal(t, int64(i+1), id, "%s ids count on without gaps", table)
		}
	}
	var orphans int
	require.NoError(t, db.QueryRow(`SELECT (SELECT count(*) FROM facts f LEFT JOIN clauses c ON c.id = f.clause_id WHERE c.id IS NULL OR c.document_id != f.document_id OR c.path != f.path)
		+ (SELECT count(*) FROM clauses c LEFT JOIN documents d ON d.id = c.document_id WHERE d.id IS NULL)`).Scan(&orphans))
	assert.Zero(t, orphans, "every fact in its clause, every clause in its document")

	// the errors, in input order, in every format
	var files []string
	rows, err := db.Query(`SELECT file FROM errors ORDER BY id`)
	require.NoError(t, err)
	for rows.Next() {
		var f string
		require.NoError(t, rows.Scan(&f))
		files = append(files, f)
	}
	assert.Equal(t, bad, files)
	var pqFiles []string
	for _, e := range readParts[parquetError](t, out, "errors") {
		pqFiles = append(pqFiles, e.File)
	}
	assert.Equal(t, bad, pqFiles)
	plain, err := os.ReadFile(filepath.Join(out, "errors.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, len(bad), strings.Count(string(plain), "\n"))

	// a part per chunk, numbered by chunk, for the chunks with rows
	parts, _ := filepath.Glob(filepath.Join(out, "facts", "*.parquet"))
	assert.Len(t, parts, 7, "20 files in chunks of 3")
	parts, _ = filepath.Glob(filepath.Join(out, "errors", "*.parquet"))
	var names []string
	for _, p := range parts {
		names = append(names, filepath.Base(p))
	}
	assert.Equal(t, []string{"part-00001.parquet", "part-00003.parquet", "part-00005.parquet"}, names, "inputs 3, 10 and 17 are in chunks 1, 3 and 5")

	// the Parquet facts are the database's, in order
	pqFacts := readParts[parquetFact](t, out, "facts")
	var pqIDs []int64
	for _, f := range pqFacts {
		pqIDs = append(pqIDs, f.ID)
	}
	assert.Equal(t, ids(`SELECT id FROM facts ORDER BY id`), pqIDs)
	stream, err := ReadStream(filepath.Join(out, "facts.jsonl.gz"))
	require.NoError(t, err)
	assert.Equal(t, len(pqFacts), strings.Count(string(stream), "\n"))
	docs, err := ReadStream(filepath.Join(out, "documents.jsonl.gz"))
	require.NoError(t, err)
	assert.Equal(t, sum.Documents, strings.Count(string(docs), "\n"))
}

// Document lines longer than the reader's buffer come through whole: every
// line of documents.jsonl.gz is a valid record.
func TestLongDocumentLines(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "in")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	var long strings.Builder
	long.WriteString("关于长篇规定的通知\n")
	for i := 1; i <= 400; i++ {
		fmt.Fprintf(&long, "第%d条 对符合条件的企业给予最高%d万元奖励，由市财政局负责，资金按照有关规定拨付到位。\n", i, i)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte(long.String()), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.txt"), []byte("短通知\n第一条 给予10万元奖励。\n"), 0o644))
	out := filepath.Join(t.TempDir(), "OUT")
	_, err := Build([]string{dir}, out, Options{Jobs: 2})
	require.NoError(t, err)
	docs, err := ReadStream(filepath.Join(out, "documents.jsonl.gz"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(docs), "\n"), "\n")
	require.Equal(t, 2, len(lines), "two document lines")
	assert.Greater(t, len(lines[0]), 1<<17, "longer than the buffers")
	vs, err := schema.ValidateStream(strings.NewReader(string(docs)))
	require.NoError(t, err)
	assert.Empty(t, vs)
	assert.Contains(t, lines[1], `"work_id":"w`)
}
