package build

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zhengce/zhengce/schema"
)

// readParts reads every part of a Parquet table in part order.
func readParts[T any](t *testing.T, out, table string) []T {
	t.Helper()
	parts, err := filepath.Glob(filepath.Join(out, table, "part-*.parquet"))
	require.NoError(t, err)
	require.NotEmpty(t, parts, "table %s has no part", table)
	var rows []T
	for _, p := range parts {
		r, err := parquet.ReadFile[T](p)
		require.NoError(t, err, p)
		rows = append(rows, r...)
	}
	return rows
}

// The Parquet tables hold the database's rows, value for value: a part
// per chunk of the inputs (here a file each), the documents in parts of
// partRows rows.
func TestParquetMatchesDatabase(t *testing.T) {
	defer func(n int, b int64) { partRows, chunkBytes = n, b }(partRows, chunkBytes)
	partRows, chunkBytes = 5, 1
	out := filepath.Join(t.TempDir(), "OUT")
	sum, err := buildSeeds(t, out, Options{Jobs: 2})
	require.NoError(t, err)
	parts, _ := filepath.Glob(filepath.Join(out, "facts", "*.parquet"))
	assert.Len(t, parts, sum.Files, "a part per input")
	parts, _ = filepath.Glob(filepath.Join(out, "documents", "*.parquet"))
	assert.Len(t, parts, (sum.Documents+4)/5, "documents in parts of 5 rows")
	db, err := sql.Open("sqlite", filepath.Join(out, "zhengce.db"))
	require.NoError(t, err)
	defer db.Close()

	facts := readParts[parquetFact](t, out, "facts")
	rows, err := db.Query(`SELECT id, document_id, clause_id, path, kind, yuan, value, precision, q, role, inclusive, points, cap, text FROM facts ORDER BY id`)
	require.NoError(t, err)
	n := 0
	for rows.Next() {
		var id, doc, clause int64
		var path, kind, text string
		var yuan, value, precision, q, role sql.NullString
		var inclusive sql.NullBool
		var points, capped bool
		require.NoError(t, rows.Scan(&id, &doc, &clause, &path, &kind, &yuan, &value, &precision, &q, &role, &inclusive, &points, &capped, &text))
		require.Less(t, n, len(facts))
		f := facts[n]
		n++
		where := fmt.Sprintf("fact %d %s %q", id, kind, text)
		assert.Equal(t, []any{id, doc, clause, path, kind, text, points, capped}, []any{f.ID, f.DocumentID, f.ClauseID, f.Path, f.Kind, f.Text, f.Points, f.Cap}, where)
		assert.Equal(t, yuan, decodeDecimal4(f.Yuan), where)
		assert.Equal(t, value, nullString(f.Value), where)
		assert.Equal(t, precision, nullString(f.Precision), where)
		assert.Equal(t, q, nullString(f.Q), where)
		assert.Equal(t, role, nullString(f.Role), where)
		assert.Equal(t, inclusive.Valid, f.Inclusive != nil, where)
		if kind == "date" && precision.String == "day" {
			require.NotNil(t, f.Date, where)
			assert.Equal(t, value.String, dateString(*f.Date), where)
		} else {
			assert.Nil(t, f.Date, where)
		}
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, len(facts), n)

	count := func(table string) int {
		var n int
		require.NoError(t, db.QueryRow(`SELECT count(*) FROM `+table).Scan(&n))
		return n
	}
	assert.Equal(t, count("clauses"), len(readParts[parquetClause](t, out, "clauses")))
	assert.Equal(t, count("units"), len(readParts[parquetUnit](t, out, "units")))
	assert.Equal(t, count("errors"), len(readParts[parquetError](t, out, "errors")))
	assert.Equal(t, count("findings"), len(readParts[parquetFinding](t, out, "findings")))
	docs := readParts[parquetDocument](t, out, "documents")
	require.Len(t, docs, count("documents"))
	for _, d := range docs {
		var src, work, version string
		var preferred bool
		var issued sql.NullString
		require.NoError(t, db.QueryRow(`SELECT source, work_id, version_id, preferred, issued FROM documents WHERE id = ?`, d.ID).Scan(&src, &work, &version, &preferred, &issued))
		var parquetIssued sql.NullString
		if d.Issued != nil {
			parquetIssued = sql.NullString{String: dateString(*d.Issued), Valid: true}
		}
		assert.Equal(t, []any{src, work, version, preferred, issued}, []any{d.Source, d.WorkID, d.VersionID, d.Preferred, parquetIssued})
	}
	units := readParts[parquetUnit](t, out, "units")
	var unitID, factID int64
	var canonical string
	require.NoError(t, db.QueryRow(`SELECT id, fact_id, canonical FROM units ORDER BY id DESC LIMIT 1`).Scan(&unitID, &factID, &canonical))
	last := units[len(units)-1]
	assert.Equal(t, []any{unitID, factID, canonical}, []any{last.ID, last.FactID, last.Canonical})
}

func nullString(s *string) sql.NullString {
	if s == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *s, Valid: true}
}

func decodeDecimal4(b *[16]byte) sql.NullString {
	if b == nil {
		return sql.NullString{}
	}
	r := new(big.Rat).SetFrac(new(big.Int).SetBytes(b[:]), big.NewInt(10000))
	s := r.FloatString(4)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return sql.NullString{String: s, Valid: true}
}

func dateString(days int32) string {
	return fmt.Sprint(time0.AddDate(0, 0, int(days)).Format("2006-01-02"))
}

func TestDecimal4(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "" for NULL
	}{
		{"2000000", "2000000"},
		{"0.5", "0.5"},
		{"0.0125", "0.0125"},
		{"0.00001", ""}, // finer than the column's scale
		{"0.50000", "0.5"},
		{"12345678901234.9999", "12345678901234.9999"}, // the largest plain form
		{"123456789012345.5", "123456789012345.5"},
		{"1.", "1"},
		{".5", "0.5"},
		{"+5", "5"},
		{"1e3", "1000"},
		{"", ""},
		{"1.2.3", ""},
		{"123456789012345678901234567890123", "123456789012345678901234567890123"},
		{"1e40", ""}, // beyond 38 digits
		{"-1", ""},
		{"x", ""},
	} {
		got := decodeDecimal4(decimal4(c.in))
		assert.Equal(t, c.want, got.String, c.in)
		assert.Equal(t, c.want != "", got.Valid, c.in)
	}
}

// duckDB runs queries with DuckDB's Node API (npm's @duckdb/node-api,
// which scripts/test.sh installs and names in ZHENGCE_DUCKDB) and returns
// each query's rows, every value as text ("NULL" for NULL).
func duckDB(t *testing.T, queries []string) [][]string {
	t.Helper()
	mod := os.Getenv("ZHENGCE_DUCKDB")
	if mod == "" {
		t.Skip("ZHENGCE_DUCKDB names no @duckdb/node-api (scripts/test.sh installs it)")
	}
	script := filepath.Join(t.TempDir(), "q.cjs")
	require.NoError(t, os.WriteFile(script, []byte(`
const { DuckDBInstance } = require(process.env.ZHENGCE_DUCKDB);
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const out = [];
  for (const q of JSON.parse(process.argv[2])) {
    const r = await c.runAndReadAll(q);
    out.push(r.getRowsJson().map(row => row.map(v => v === null ? 'NULL' : String(v)).join('|')));
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e.message); process.exit(1); });
`), 0o644))
	arg, _ := json.Marshal(queries)
	cmd := exec.Command("node", script, string(arg))
	cmd.Env = append(os.Environ(), "ZHENGCE_DUCKDB="+mod)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	var got [][]string
	require.NoError(t, json.Unmarshal(b, &got), "%s", b)
	return got
}

// sqliteRows runs queries on the database, every value as text.
func sqliteRows(t *testing.T, db *sql.DB, queries []string) [][]string {
	t.Helper()
	var out [][]string
	for _, q := range queries {
		rows, err := db.Query(q)
		require.NoError(t, err, q)
		cols, _ := rows.Columns()
		var got []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			cells := make([]string, len(vals))
			for i, v := range vals {
				switch v := v.(type) {
				case nil:
					cells[i] = "NULL"
				case []byte:
					cells[i] = string(v)
				case float64:
					cells[i] = strconv.FormatFloat(v, 'f', -1, 64)
				default:
					cells[i] = fmt.Sprint(v)
				}
			}
			got = append(got, strings.Join(cells, "|"))
		}
		require.NoError(t, rows.Err())
		rows.Close()
		out = append(out, got)
	}
	return out
}

// DuckDB reads the Parquet tables of several builds as one dataset, the way
// the README shows, and gets what SQLite holds: counts, joins, NULLs,
// amounts and dates.
func TestDuckDBReadsParquet(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil && os.Getenv("ZHENGCE_DUCKDB") != "" {
		t.Fatal("ZHENGCE_DUCKDB is set but node is missing")
	}
	defer func(n int64) { chunkBytes = n }(chunkBytes)
	chunkBytes = 1
	out := filepath.Join(t.TempDir(), "out-1")
	_, err := buildSeeds(t, out, Options{Jobs: 2})
	require.NoError(t, err)
	db, err := sql.Open("sqlite", filepath.Join(out, "zhengce.db"))
	require.NoError(t, err)
	defer db.Close()
	pq := func(table string) string {
		return fmt.Sprintf("read_parquet('%s/%s/*.parquet')", out, table)
	}
	type pair struct{ duck, lite string }
	same := func(q string) pair {
		d := q
		for _, tb := range []string{"documents", "clauses", "facts", "units", "errors", "findings"} {
			d = strings.ReplaceAll(d, "{"+tb+"}", pq(tb))
			q = strings.ReplaceAll(q, "{"+tb+"}", tb)
		}
		return pair{d, q}
	}
	pairs := []pair{
		same(`SELECT (SELECT count(*) FROM {documents}), (SELECT count(*) FROM {clauses}), (SELECT count(*) FROM {facts}), (SELECT count(*) FROM {units}), (SELECT count(*) FROM {errors}), (SELECT count(*) FROM {findings})`),
		same(`SELECT kind, count(*), count(q), count(role), count(value), count(precision), count(inclusive), count(currency), sum(CASE WHEN cap THEN 1 ELSE 0 END), CAST(round(sum(yuan) * 100) AS BIGINT) FROM {facts} GROUP BY kind ORDER BY kind`),
		same(`SELECT d.source, count(f.id), sum(length(f.text)) FROM {documents} d JOIN {facts} f ON f.document_id = d.id WHERE d.preferred GROUP BY d.source ORDER BY d.source`),
		same(`SELECT count(*), count(parent_path), count(marker), count(heading), sum(span_end - span_start) FROM {clauses}`),
		same(`SELECT u.canonical, count(*), count(DISTINCT u.document_id) FROM {units} u JOIN {facts} f ON f.id = u.fact_id WHERE u.role IN ('lead', 'responsible') GROUP BY u.canonical ORDER BY 2 DESC, 1 LIMIT 5`),
		same(`SELECT work_id, version_id, count(*), sum(CASE WHEN preferred THEN 1 ELSE 0 END), count(issued), count(section) FROM {documents} GROUP BY 1, 2 ORDER BY 1, 2`),
		{fmt.Sprintf(`SELECT count(*), min(date), max(date) FROM %s WHERE date >= DATE '2020-01-01'`, pq("facts")),
			`SELECT count(*), min(value), max(value) FROM facts WHERE precision = 'day' AND value >= '2020-01-01'`},
		{fmt.Sprintf(`SELECT count(issued), min(issued), max(printed), count(effective), count(expires) FROM %s WHERE coalesce(issued, printed) >= DATE '2020-01-01'`, pq("documents")),
			`SELECT count(issued), min(issued), max(printed), count(effective), count(expires) FROM documents WHERE coalesce(issued, printed) >= '2020-01-01'`},
		{fmt.Sprintf(`SELECT count(*) FROM %s c JOIN %s f ON f.clause_id = c.id AND f.path = c.path`, pq("clauses"), pq("facts")),
			`SELECT count(*) FROM facts`},
	}
	var duck, lite []string
	for _, p := range pairs {
		duck, lite = append(duck, p.duck), append(lite, p.lite)
	}
	// the streams: a gzip member per chunk, read as one stream
	for _, p := range []pair{
		{fmt.Sprintf(`SELECT count(*), count(DISTINCT source), sum(CASE WHEN kind = 'unit' THEN 1 ELSE 0 END) FROM read_json('%s/facts.jsonl.gz', format = 'newline_delimited')`, out),
			`SELECT count(*), count(DISTINCT d.source), sum(CASE WHEN kind = 'unit' THEN 1 ELSE 0 END) FROM facts f JOIN documents d ON d.id = f.document_id`},
		{fmt.Sprintf(`SELECT count(*), count(DISTINCT work_id), sum(CASE WHEN preferred THEN 1 ELSE 0 END) FROM read_json('%s/documents.jsonl.gz', format = 'newline_delimited')`, out),
			`SELECT count(*), count(DISTINCT work_id), sum(preferred) FROM documents`},
	} {
		pairs = append(pairs, p)
		duck, lite = append(duck, p.duck), append(lite, p.lite)
	}
	got, want := duckDB(t, duck), sqliteRows(t, db, lite)
	for i := range pairs {
		assert.Equal(t, want[i], got[i], "%s", pairs[i].duck)
		assert.NotEmpty(t, want[i])
	}

	// the shards of a build read as one dataset: the same rows, ids distinct,
	// joins across the shards' tables right
	for i := range 2 {
		_, err = buildSeeds(t, filepath.Join(filepath.Dir(out), fmt.Sprintf("shard-%d", i)), Options{Jobs: 1, Shard: i, Shards: 2})
		require.NoError(t, err)
	}
	shards := func(table string) string {
		return fmt.Sprintf("read_parquet('%s')", filepath.Join(filepath.Dir(out), "shard-*", table, "*.parquet"))
	}
	got = duckDB(t, []string{
		fmt.Sprintf(`SELECT count(*), count(DISTINCT f.id), count(DISTINCT d.id), sum(length(f.text)) FROM %s f JOIN %s d ON d.id = f.document_id JOIN %s c ON c.id = f.clause_id AND c.document_id = d.id`, shards("facts"), shards("documents"), shards("clauses")),
		fmt.Sprintf(`SELECT count(*) FROM %s u JOIN %s f ON f.id = u.fact_id AND f.name = u.name`, shards("units"), shards("facts")),
	})
	want = sqliteRows(t, db, []string{
		`SELECT count(*), count(DISTINCT f.id), count(DISTINCT d.id), sum(length(f.text)) FROM facts f JOIN documents d ON d.id = f.document_id`,
		`SELECT count(*) FROM units`,
	})
	assert.Equal(t, want, got)
}

var time0 = mustDate("1970-01-01")

func mustDate(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// The JSON Schema describes every column of every table, no more and no
// fewer: those of the Parquet row types, of which the database's are a
// subset.
func TestSchemaDescribesTables(t *testing.T) {
	var s struct {
		Defs struct {
			Dataset struct {
				Properties map[string]struct {
					Properties map[string]struct {
						Description string `json:"description"`
					} `json:"properties"`
				} `json:"properties"`
			} `json:"dataset"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(schema.JSON, &s))
	out := filepath.Join(t.TempDir(), "OUT")
	_, err := buildSeeds(t, out, Options{Jobs: 1})
	require.NoError(t, err)
	db, err := sql.Open("sqlite", filepath.Join(out, "zhengce.db"))
	require.NoError(t, err)
	defer db.Close()
	for table, row := range map[string]any{
		"documents": parquetDocument{}, "clauses": parquetClause{}, "facts": parquetFact{},
		"units": parquetUnit{}, "errors": parquetError{}, "findings": parquetFinding{},
	} {
		described := s.Defs.Dataset.Properties[table].Properties
		var pq []string
		for _, f := range parquet.SchemaOf(row).Fields() {
			pq = append(pq, f.Name())
			assert.Contains(t, described[f.Name()].Description, "Parquet: ", "%s.%s", table, f.Name())
		}
		assert.Len(t, described, len(pq), "%s: the schema describes %d columns, Parquet has %d", table, len(described), len(pq))
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?)`, table)
		require.NoError(t, err)
		n := 0
		for rows.Next() {
			var name string
			require.NoError(t, rows.Scan(&name))
			assert.Contains(t, pq, name, "%s.%s is in the database, not in Parquet", table, name)
			assert.NotContains(t, described[name].Description, "not in the database", "%s.%s", table, name)
			n++
		}
		require.NoError(t, rows.Err())
		assert.Positive(t, n, table)
	}
}

// TestScaled4IsBigRat checks the plain-decimal path of decimal4 against
// big.Rat on amounts of every length the path takes.
func TestScaled4IsBigRat(t *testing.T) {
	digits := "90817263544536271809"
	for n := 1; n <= 14; n++ {
		for f := 0; f <= 4; f++ {
			s := digits[:n]
			if f > 0 {
				s += "." + digits[n:n+f]
			}
			v, ok := scaled4(s)
			require.True(t, ok, s)
			r, _ := new(big.Rat).SetString(s)
			want := r.Mul(r, big.NewRat(10000, 1)).Num()
			assert.Equal(t, want.String(), strconv.FormatUint(v, 10), s)
		}
	}
}
