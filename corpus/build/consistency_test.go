package build

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The dataset says the same thing in every format: sources keep the folder
// they came from, a missing value is NULL, a percentage is a number in the
// value column, a date's precision is explicit, and the summary counts the
// tables' rows.
func TestDatasetConsistency(t *testing.T) {
	dir := t.TempDir()
	doc := "关于支持企业发展的若干措施\n第一条 对新认定的企业，给予最高200万元奖励，补贴比例不超过30%。\n第二条 本措施自2025年6月1日起施行，有效期3年，申报截止2025年9月。\n"
	for _, sub := range []string{"a", "b"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "in", sub), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "in", sub, "doc.txt"), []byte(doc), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "in", "bad.txt"), []byte{0, 1, 2, 0, 0, 0}, 0o644))
	out := filepath.Join(dir, "OUT")
	sum, err := Build([]string{filepath.Join(dir, "in"), filepath.Join(dir, "in", "a", "doc.txt")}, out, Options{Jobs: 2})
	require.ErrorIs(t, err, ErrSomeFailed)
	db, err := sql.Open("sqlite", filepath.Join(out, "zhengce.db"))
	require.NoError(t, err)
	defer db.Close()

	var sources []string
	rows, err := db.Query(`SELECT source FROM documents ORDER BY id`)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		sources = append(sources, s)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []string{"in/a/doc.txt", "in/b/doc.txt", "doc.txt"}, sources, "a source is its path from the folder holding its argument")

	stream, err := ReadStream(filepath.Join(out, "facts.jsonl.gz"))
	require.NoError(t, err)
	assert.Contains(t, string(stream), `"source":"in/b/doc.txt"`, "the facts stream names sources as the tables do")

	docs, err := ReadStream(filepath.Join(out, "documents.jsonl.gz"))
	require.NoError(t, err)
	assert.NotContains(t, string(docs), `"facts":[`, "documents.jsonl leaves the facts to facts.jsonl")
	assert.NotContains(t, string(docs), `"caps":[`)
	assert.Contains(t, string(docs), `"tree":`)

	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		require.NoError(t, db.QueryRow(q, args...).Scan(&n), q)
		return n
	}
	for table, cols := range map[string][]string{
		"documents": {"source", "section", "title", "doc_number", "issuer", "issued", "printed", "effective", "expires", "validity", "status", "script", "encoding", "format", "sha256", "work_id", "version_id"},
		"clauses":   {"marker", "heading", "text"},
		"facts":     {"currency", "value", "precision", "name", "canonical", "q", "role", "per", "base", "scope"},
		"units":     {"name", "canonical", "role"},
		"errors":    {"file", "reason"},
	} {
		for _, c := range cols {
			assert.Zero(t, count(`SELECT count(*) FROM `+table+` WHERE "`+c+`" = ''`), "%s.%s holds '' where it means NULL", table, c)
		}
	}

	assert.Equal(t, 3, count(`SELECT count(*) FROM facts WHERE kind = 'percent' AND value = 30 AND typeof(value) = 'integer' AND q = 'max'`), "a percentage is a number in value")
	assert.Equal(t, 3, count(`SELECT count(*) FROM facts WHERE kind = 'date' AND value = '2025-06-01' AND precision = 'day'`))
	assert.Equal(t, 3, count(`SELECT count(*) FROM facts WHERE kind = 'date' AND value = '2025-09' AND precision = 'month'`))
	assert.Equal(t, 3, count(`SELECT count(*) FROM facts WHERE kind = 'duration' AND value = 'P3Y' AND precision IS NULL`))
	assert.Equal(t, 3, count(`SELECT count(*) FROM facts WHERE kind = 'money' AND yuan = 2000000 AND value IS NULL AND points = 0 AND inclusive IS NULL`))

	assert.Equal(t, sum.Documents, count(`SELECT count(*) FROM documents`))
	assert.Equal(t, sum.Clauses, count(`SELECT count(*) FROM clauses`), "the summary counts every clause row, roots included")
	facts := 0
	for _, n := range sum.Facts {
		facts += n
	}
	assert.Equal(t, facts, count(`SELECT count(*) FROM facts`))
	assert.Equal(t, sum.Errors, count(`SELECT count(*) FROM errors`))
	assert.Equal(t, 1, sum.Errors)
	assert.Equal(t, sum.Findings, count(`SELECT count(*) FROM findings`))

	// every input is a document or an error record in every format
	errs := readParts[parquetError](t, out, "errors")
	require.Len(t, errs, 1)
	assert.Equal(t, filepath.Join(dir, "in", "bad.txt"), errs[0].File)
	assert.NotEmpty(t, errs[0].Reason)
	assert.Len(t, readParts[parquetDocument](t, out, "documents"), sum.Documents)
}
