package build

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	_ "modernc.org/sqlite" // pure Go SQLite driver, no cgo

	"github.com/zhengce/zhengce/corpus"
)

// The database schema. Amounts are NUMERIC, so whole amounts are stored as
// exact integers. The units table is a view of the unit facts, each its
// fact's id, as the Parquet units table is. A fact's value column has no type: a percentage is a
// number, a date or duration its ISO 8601 text (a year stays text), with
// the date's precision beside it. What a record does not state is NULL,
// never an empty string.
const ddl = `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, section TEXT, title TEXT, doc_number TEXT, issuer TEXT,
  issued TEXT, printed TEXT, effective TEXT, expires TEXT, validity TEXT, status TEXT NOT NULL,
  script TEXT, encoding TEXT, format TEXT, sha256 TEXT, truncated INTEGER NOT NULL,
  work_id TEXT, version_id TEXT, preferred INTEGER);
CREATE TABLE clauses (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id), path TEXT NOT NULL,
  parent_path TEXT, marker TEXT, heading TEXT, text TEXT, span_start INTEGER, span_end INTEGER,
  raw_start INTEGER, raw_end INTEGER);
CREATE TABLE facts (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  clause_id INTEGER NOT NULL REFERENCES clauses(id), path TEXT NOT NULL, kind TEXT NOT NULL,
  yuan NUMERIC, currency TEXT, value, precision TEXT, name TEXT, canonical TEXT, q TEXT, inclusive INTEGER,
  role TEXT, per TEXT, points INTEGER NOT NULL, base TEXT, scope TEXT, cap INTEGER NOT NULL, text TEXT,
  span_start INTEGER, span_end INTEGER, raw_start INTEGER, raw_end INTEGER);
CREATE VIEW units (id, fact_id, document_id, path, name, canonical, role) AS
  SELECT id, id, document_id, path, name, canonical, role FROM facts WHERE kind = 'unit';
CREATE TABLE errors (id INTEGER PRIMARY KEY, file TEXT NOT NULL, line INTEGER, col INTEGER, reason TEXT NOT NULL);
CREATE TABLE findings (id INTEGER PRIMARY KEY, work_id TEXT NOT NULL, version_id TEXT NOT NULL, field TEXT NOT NULL,
  path TEXT NOT NULL, "values" TEXT NOT NULL);
`

// Indexes by document: rows arrive in document order, so these are kept up
// during the load, each entry going at the end of its index.
const loadIndexes = `
CREATE INDEX facts_document ON facts(document_id);
CREATE INDEX clauses_document_path ON clauses(document_id, path);
`

// Indexes built once their tables are complete: factIndexes while the
// documents are grouped into works, documentIndexes once the documents
// have their ids.
const (
	factIndexes = `
CREATE INDEX facts_kind_role_q ON facts(kind, role, q);
CREATE INDEX facts_unit_canonical ON facts(canonical) WHERE kind = 'unit';
`
	documentIndexes = `
CREATE INDEX documents_work ON documents(work_id);
CREATE INDEX documents_doc_number ON documents(doc_number);
`
)

// writer writes a dataset into a temporary directory beside its target and
// moves it into place when finished.
type writer struct {
	out, tmp string
	docs     *os.File // documents without work and version ids, rewritten at the end
	docRows  *os.File // the documents table's rows without their ids, for Parquet
	rowEnc   *json.Encoder
	rowBuf   *bufio.Writer
	facts    *bufio.Writer
	errs     *bufio.Writer
	files    []*os.File
	db       *sql.DB
	tx       *sql.Tx
	stmt     map[string]*sql.Stmt
	rows     map[string]*batch // clause and fact rows, inserted many at a time
	next     offsets           // the rows written so far, past base
	base     int64             // every id of this build is above it: a shard's ids are its own
	formats  Formats
	parts    partEncoder // for the parts no chunk wrote
	jobs     int         // goroutines compressing the documents stream
	docRuns  []int       // documents per chunk, as documents.partial holds them
	factsOut bool        // a member of facts.jsonl.gz is written
}

// newWriter prepares a temporary directory beside out. Leftovers of an
// interrupted build are removed, and a previous output a crash left
// renamed aside is put back.
func newWriter(out string, base int64, formats Formats, jobs int) (*writer, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	olds, _ := filepath.Glob(out + ".old-*")
	if _, err := os.Stat(out); os.IsNotExist(err) && len(olds) > 0 {
		os.Rename(olds[len(olds)-1], out)
	}
	for _, p := range append(olds, globOr(out+".tmp-*")...) {
		os.RemoveAll(p)
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("output: %w", err)
	}
	w := &writer{out: out, tmp: tmp, stmt: map[string]*sql.Stmt{}, rows: map[string]*batch{}, base: base,
		formats: formats.orAll(), next: offsets{doc: base, clause: base, fact: base, error: base}, jobs: jobs}
	if err := w.open(); err != nil {
		w.abort()
		return nil, err
	}
	return w, nil
}

func globOr(p string) []string {
	m, _ := filepath.Glob(p)
	return m
}

func (w *writer) open() error {
	var err error
	create := func(name string) (*os.File, error) {
		f, err := os.Create(filepath.Join(w.tmp, name))
		if err == nil {
			w.files = append(w.files, f)
		}
		return f, err
	}
	if w.formats.JSONL {
		if w.docs, err = create("documents.partial"); err != nil {
			return err
		}
		ff, err := create("facts.jsonl.gz")
		if err != nil {
			return err
		}
		w.facts = bufio.NewWriterSize(ff, 1<<16)
	}
	if w.formats.Parquet {
		if w.docRows, err = create("documents.rows"); err != nil {
			return err
		}
		w.rowBuf = bufio.NewWriterSize(w.docRows, 1<<16)
		w.rowEnc = json.NewEncoder(w.rowBuf)
		for _, t := range partTables {
			if err := os.Mkdir(filepath.Join(w.tmp, t), 0o755); err != nil {
				return fmt.Errorf("output: %w", err)
			}
		}
	}
	ef, err := create("errors.jsonl")
	if err != nil {
		return err
	}
	w.errs = bufio.NewWriter(ef)
	if !w.formats.SQLite {
		return nil
	}
	w.db, err = sql.Open("sqlite", filepath.Join(w.tmp, "zhengce.db"))
	if err != nil {
		return err
	}
	w.db.SetMaxOpenConns(1)
	// The database is private to this build until it is moved into place:
	// no journal, no syncing. Foreign keys are declared but not enforced
	// while loading, since the writer numbers every row itself (a check per
	// row cost a B-tree search per reference); the tests run
	// foreign_key_check on built datasets. Pages of 16 KB: fewer page
	// splits and writes for rows holding clause text.
	if _, err := w.db.Exec("PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + ddl + loadIndexes); err != nil {
		return fmt.Errorf("output: database: %w", err)
	}
	if w.tx, err = w.db.Begin(); err != nil {
		return err
	}
	for name, q := range map[string]string{
		"doc":     `INSERT INTO documents (id, source, section, title, doc_number, issuer, issued, printed, effective, expires, validity, status, script, encoding, format, sha256, truncated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		"error":   `INSERT INTO errors (id, file, line, col, reason) VALUES (?,?,?,?,?)`,
		"finding": `INSERT INTO findings (id, work_id, version_id, field, path, "values") VALUES (?,?,?,?,?,?)`,
		"ids":     `UPDATE documents SET work_id = ?, version_id = ?, preferred = ? WHERE id = ?`,
	} {
		if w.stmt[name], err = w.tx.Prepare(q); err != nil {
			return fmt.Errorf("output: database: %w", err)
		}
	}
	// facts refer to clauses: a batch of facts first inserts the clauses
	// queued before them.
	for _, b := range []struct {
		table, cols string
		before      []string
	}{
		{"clauses", "id, document_id, path, parent_path, marker, heading, text, span_start, span_end, raw_start, raw_end", nil},
		{"facts", "id, document_id, clause_id, path, kind, yuan, currency, value, precision, name, canonical, q, inclusive, role, per, points, base, scope, cap, text, span_start, span_end, raw_start, raw_end", []string{"clauses"}},
	} {
		bt := &batch{tx: w.tx, table: b.table, names: b.cols, cols: strings.Count(b.cols, ",") + 1, stmts: map[int]*sql.Stmt{}}
		for _, t := range b.before {
			bt.before = append(bt.before, w.rows[t])
		}
		w.rows[b.table] = bt
	}
	return nil
}

// batchRows is how many rows a batch inserts with one statement.
const batchRows = 32

// A batch gathers the rows of one table and inserts up to batchRows of them
// with one statement, which spares the driver's cost per statement.
type batch struct {
	tx           *sql.Tx
	table, names string // the table and its columns, comma-separated
	cols         int
	stmts        map[int]*sql.Stmt // by number of rows (a power of two), prepared when first needed
	args         []any
	before       []*batch // batches to insert first, for foreign keys
}

// add queues one row, inserting the batch when it is full.
func (b *batch) add(row ...any) error {
	b.args = append(b.args, row...)
	if len(b.args) == batchRows*b.cols {
		return b.flush()
	}
	return nil
}

// flush inserts the queued rows, after those of the batches they refer to.
func (b *batch) flush() error {
	for _, p := range b.before {
		if err := p.flush(); err != nil {
			return err
		}
	}
	// rows in runs of powers of two, so that a few statements serve
	for rest := b.args; len(rest) > 0; {
		n := 1 << (bits.Len(uint(len(rest)/b.cols)) - 1)
		st, err := b.stmt(n)
		if err != nil {
			return err
		}
		if _, err := st.Exec(rest[:n*b.cols]...); err != nil {
			return fmt.Errorf("output: database: %w", err)
		}
		rest = rest[n*b.cols:]
	}
	clear(b.args) // drop the references to the rows' text
	b.args = b.args[:0]
	return nil
}

// stmt returns the statement that inserts n rows.
func (b *batch) stmt(n int) (*sql.Stmt, error) {
	if st, ok := b.stmts[n]; ok {
		return st, nil
	}
	row := "(" + strings.Repeat("?,", b.cols-1) + "?)"
	st, err := b.tx.Prepare("INSERT INTO " + b.table + " (" + b.names + ") VALUES " + strings.Repeat(row+",", n-1) + row)
	if err != nil {
		return nil, fmt.Errorf("output: database: %w", err)
	}
	b.stmts[n] = st
	return st, nil
}

// close closes the batch's statements.
func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// percentValue returns a percentage as a number for the database: an
// integer when whole, so that it stays exact.
func percentValue(s string) any {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return s
}

// datePrecision names what a date value states: year (2025), month
// (2025-06), day (2025-06-30) or month-day (--06-30, a recurring date);
// "" for none of these.
func datePrecision(v string) string {
	switch {
	case strings.HasPrefix(v, "--"):
		return "month-day"
	case len(v) == 4:
		return "year"
	case len(v) == 7:
		return "month"
	case len(v) == 10:
		return "day"
	}
	return ""
}

// metaText returns a metadata value, nil when unstated.
func metaText(v *corpus.Value) *string {
	if !v.Set() {
		return nil
	}
	s := v.Value
	return &s
}

// nullable returns *p for the database, NULL when p is nil.
func nullable[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// writeChunk writes the rows of the next chunk, already shifted: its
// lines of the JSON Lines streams, and its rows of the database.
func (w *writer) writeChunk(r *chunkRows) error {
	if r.err != nil {
		return r.err
	}
	if w.formats.JSONL {
		for _, d := range r.docs {
			if _, err := w.docs.Write(d.line); err != nil {
				return fmt.Errorf("output: %w", err)
			}
		}
		if _, err := w.facts.Write(r.factLines); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		w.factsOut = w.factsOut || len(r.factLines) > 0
		w.docRuns = append(w.docRuns, len(r.docs))
	}
	for _, e := range r.errors {
		line, err := jsonLine(e)
		if err != nil {
			return err
		}
		if _, err := w.errs.Write(line); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	if w.formats.Parquet {
		// kept until the works are known (writeParquetDocuments)
		for i := range r.docs {
			if err := w.rowEnc.Encode(&r.docs[i].row); err != nil {
				return fmt.Errorf("output: %w", err)
			}
		}
	}
	if w.formats.SQLite {
		if err := w.sqliteChunk(r); err != nil {
			return err
		}
	}
	return nil
}

// sqliteChunk inserts the rows of a chunk into the database.
func (w *writer) sqliteChunk(r *chunkRows) error {
	for i := range r.docs {
		if err := w.sqliteDoc(r.docBase+int64(i)+1, &r.docs[i].row); err != nil {
			return err
		}
	}
	for i := range r.clauses {
		c := &r.clauses[i]
		if err := w.rows["clauses"].add(c.ID, c.DocumentID, c.Path, nullable(c.ParentPath), nullable(c.Marker), nullable(c.Heading), nullable(c.Text),
			c.SpanStart, c.SpanEnd, c.RawStart, c.RawEnd); err != nil {
			return err
		}
	}
	for i := range r.facts {
		if err := w.sqliteFact(&r.facts[i]); err != nil {
			return err
		}
	}
	for i, e := range r.errors {
		var l, c any
		if e.Line > 0 {
			l, c = e.Line, e.Col
		}
		if _, err := w.stmt["error"].Exec(r.errorBase+int64(i)+1, e.File, l, c, e.Reason); err != nil {
			return fmt.Errorf("output: database: %w", err)
		}
	}
	return nil
}

// sqliteDoc inserts a document's row.
func (w *writer) sqliteDoc(id int64, r *parquetDocument) error {
	_, err := w.stmt["doc"].Exec(id, r.Source, nullable(r.Section),
		nullable(r.Title), nullable(r.DocNumber), nullable(r.Issuer), nullable(r.IssuedText),
		nullable(r.PrintedText), nullable(r.EffectiveText), nullable(r.ExpiresText), nullable(r.Validity),
		r.Status, nullable(r.Script), nullable(r.Encoding), nullable(r.Format), r.SHA256, r.Truncated)
	if err != nil {
		return fmt.Errorf("output: database: %w", err)
	}
	return nil
}

// sqliteFact queues a fact's row: the Parquet row's values, but for the
// amount, which the database keeps as the exact decimal the stream
// writes, and a percentage, which it keeps as a number.
func (w *writer) sqliteFact(r *parquetFact) error {
	var yuan any
	if r.YuanText != "" {
		yuan = r.YuanText
	}
	value := nullable(r.Value)
	if r.Kind == "percent" && r.Value != nil {
		value = percentValue(*r.Value)
	}
	return w.rows["facts"].add(r.ID, r.DocumentID, r.ClauseID, r.Path, r.Kind, yuan, nullable(r.Currency), value, nullable(r.Precision),
		nullable(r.Name), nullable(r.Canonical), nullable(r.Q), nullable(r.Inclusive), nullable(r.Role), nullable(r.Per), r.Points,
		nullable(r.Base), nullable(r.Scope), r.Cap, r.Text, r.SpanStart, r.SpanEnd, r.RawStart, r.RawEnd)
}

// finish completes the dataset and moves it into place. While the
// database completes the fact tables and their indexes, group groups the
// documents into works, and documents.jsonl.gz and findings.jsonl.gz are
// written; then the documents get their ids in the database too.
func (w *writer) finish(group func() (*grouping, error)) (*grouping, error) {
	tables := make(chan error, 1)
	go func() {
		if w.formats.SQLite {
			tables <- w.finishFacts()
		} else {
			tables <- nil
		}
	}()
	g, err := group()
	if err == nil {
		err = w.writeDocuments(g)
	}
	if terr := <-tables; err == nil {
		err = terr
	}
	if err != nil {
		return nil, err
	}
	if w.formats.SQLite {
		if err := w.finishDatabase(g); err != nil {
			return nil, err
		}
	}
	if w.formats.JSONL {
		if !w.factsOut {
			// a stream without lines is one empty member
			empty, err := gzipMember(nil)
			if err == nil {
				_, err = w.facts.Write(empty)
			}
			if err != nil {
				return nil, fmt.Errorf("output: %w", err)
			}
		}
		if err := w.facts.Flush(); err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
	}
	if err := w.errs.Flush(); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	for _, f := range w.files {
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
	}
	w.files = nil
	os.Remove(filepath.Join(w.tmp, "documents.partial"))
	os.Remove(filepath.Join(w.tmp, "documents.rows"))
	if err := writeMarker(w.tmp); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	// move into place: the old output is renamed aside, then removed
	old := ""
	if _, err := os.Stat(w.out); err == nil {
		old = w.out + ".old-" + strconv.Itoa(os.Getpid())
		if err := os.Rename(w.out, old); err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
	}
	if err := os.Rename(w.tmp, w.out); err != nil {
		if old != "" {
			os.Rename(old, w.out)
		}
		return nil, fmt.Errorf("output: %w", err)
	}
	w.tmp = ""
	if old != "" {
		os.RemoveAll(old)
	}
	return g, nil
}

// finishDatabase gives the documents their work and version ids, inserts
// the findings, indexes the documents and closes the database.
func (w *writer) finishDatabase(g *grouping) error {
	for n, id := range g.ids {
		if _, err := w.stmt["ids"].Exec(id.work, id.version, id.preferred, w.base+int64(n)+1); err != nil {
			return fmt.Errorf("output: database: %w", err)
		}
	}
	for i, f := range g.findings {
		vals, _ := jsonLine(f.Values)
		if _, err := w.stmt["finding"].Exec(w.base+int64(i)+1, f.WorkID, f.VersionID, f.Field, f.Path, strings.TrimSpace(string(vals))); err != nil {
			return fmt.Errorf("output: database: %w", err)
		}
	}
	for _, s := range w.stmt {
		s.Close()
	}
	if _, err := w.tx.Exec(documentIndexes); err != nil {
		return fmt.Errorf("output: database: %w", err)
	}
	if err := w.tx.Commit(); err != nil {
		return fmt.Errorf("output: database: %w", err)
	}
	if _, err := w.db.Exec("ANALYZE;"); err != nil {
		return fmt.Errorf("output: database: %w", err)
	}
	if err := w.db.Close(); err != nil {
		return fmt.Errorf("output: database: %w", err)
	}
	w.db = nil
	return nil
}

// finishFacts inserts the rows still queued and builds the indexes of the
// fact tables. It uses only the database.
func (w *writer) finishFacts() error {
	if err := w.rows["facts"].flush(); err != nil { // and the clauses before them
		return err
	}
	for _, b := range w.rows {
		b.close()
	}
	if _, err := w.tx.Exec(factIndexes); err != nil {
		return fmt.Errorf("output: database: %w", err)
	}
	return nil
}

// writeDocuments writes the tables and streams that wait for the works:
// documents.jsonl.gz and findings.jsonl.gz, the documents and findings Parquet
// tables (after the other Parquet tables are closed). It uses only files.
func (w *writer) writeDocuments(g *grouping) error {
	if w.formats.JSONL {
		if err := w.writeJSONDocuments(g); err != nil {
			return err
		}
	}
	if !w.formats.Parquet {
		return nil
	}
	if err := w.parts.finishParts(w.tmp); err != nil {
		return err
	}
	if err := w.rowBuf.Flush(); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return writeParquetDocuments(w.tmp, w.docRows, g, w.base)
}

// writeJSONDocuments writes documents.jsonl.gz, the partial documents
// with their ids added, a member per chunk, and findings.jsonl.gz.
func (w *writer) writeJSONDocuments(g *grouping) error {
	if _, err := w.docs.Seek(0, 0); err != nil {
		return err
	}
	df, err := os.Create(filepath.Join(w.tmp, "documents.jsonl.gz"))
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	w.files = append(w.files, df)
	bw := bufio.NewWriterSize(df, 1<<16)
	br := bufio.NewReaderSize(w.docs, 1<<16)
	n, run := 0, 0
	err = gzipPieces(bw, w.jobs, func() ([]byte, error) {
		for ; run < len(w.docRuns) && w.docRuns[run] == 0; run++ {
		}
		if run == len(w.docRuns) {
			return nil, nil
		}
		var piece []byte
		for range w.docRuns[run] {
			line, err := br.ReadBytes('\n')
			if err != nil {
				return nil, fmt.Errorf("documents: %w", err)
			}
			id := g.ids[n]
			n++
			piece = append(piece, line[:len(line)-2]...) // without its closing brace and newline
			piece = fmt.Appendf(piece, `,"work_id":%q,"version_id":%q,"preferred":%t}`+"\n", id.work, id.version, id.preferred)
		}
		run++
		return piece, nil
	})
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	var lines []byte
	for _, f := range g.findings {
		line, err := jsonLine(f)
		if err != nil {
			return err
		}
		lines = append(lines, line...)
	}
	ff, err := os.Create(filepath.Join(w.tmp, "findings.jsonl.gz"))
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	w.files = append(w.files, ff)
	z, err := gzipMember(lines) // one member, empty when there are no findings
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if _, err := ff.Write(z); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// abort removes a build that did not finish.
func (w *writer) abort() {
	for _, f := range w.files {
		f.Close()
	}
	if w.db != nil {
		w.db.Close()
	}
	if w.tmp != "" {
		os.RemoveAll(w.tmp)
	}
}
