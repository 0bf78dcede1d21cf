package build

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/zhengce/zhengce/extract"
)

// The Parquet tables hold the rows of the database tables under the same
// column names: one directory per table, parts of at most partRows rows
// named part-00000.parquet, part-00001.parquet, … Optional columns are
// NULL where the database holds NULL.

// partRows is how many rows a Parquet part holds at most (a variable for
// tests); rowGroupRows how many rows a row group holds.
var (
	partRows     = 1 << 20
	rowGroupRows = 1 << 13
)

// parquetDocument is a row of the documents table.
type parquetDocument struct {
	ID        int64   `parquet:"id"`
	Source    string  `parquet:"source"`
	Section   *string `parquet:"section,optional"`
	Title     *string `parquet:"title,optional"`
	DocNumber *string `parquet:"doc_number,optional"`
	Issuer    *string `parquet:"issuer,optional"`
	Issued    *string `parquet:"issued,optional"`
	Printed   *string `parquet:"printed,optional"`
	Effective *string `parquet:"effective,optional"`
	Expires   *string `parquet:"expires,optional"`
	Validity  *string `parquet:"validity,optional"`
	Status    string  `parquet:"status,dict"`
	Script    *string `parquet:"script,optional,dict"`
	Encoding  *string `parquet:"encoding,optional,dict"`
	Format    *string `parquet:"format,optional,dict"`
	SHA256    string  `parquet:"sha256"`
	Truncated bool    `parquet:"truncated"`
	WorkID    string  `parquet:"work_id"`
	VersionID string  `parquet:"version_id"`
	Preferred bool    `parquet:"preferred"`
}

// parquetClause is a row of the clauses table.
type parquetClause struct {
	ID         int64   `parquet:"id"`
	DocumentID int64   `parquet:"document_id"`
	Path       string  `parquet:"path"`
	ParentPath *string `parquet:"parent_path,optional"`
	Marker     *string `parquet:"marker,optional"`
	Heading    *string `parquet:"heading,optional"`
	Text       *string `parquet:"text,optional"`
	SpanStart  int64   `parquet:"span_start"`
	SpanEnd    int64   `parquet:"span_end"`
	RawStart   int64   `parquet:"raw_start"`
	RawEnd     int64   `parquet:"raw_end"`
}

// parquetFact is a row of the facts table. yuan is DECIMAL(38,4); value
// the JSON value as text (a percentage's number, a date's or duration's
// ISO 8601 text); date the value of a date stated to the day, as DATE.
type parquetFact struct {
	ID         int64     `parquet:"id"`
	DocumentID int64     `parquet:"document_id"`
	ClauseID   int64     `parquet:"clause_id"`
	Path       string    `parquet:"path"`
	Kind       string    `parquet:"kind,dict"`
	Yuan       *[16]byte `parquet:"yuan,decimal(4:38)"`
	Currency   *string   `parquet:"currency,optional,dict"`
	Value      *string   `parquet:"value,optional"`
	Date       *int32    `parquet:"date,date"`
	Precision  *string   `parquet:"precision,optional,dict"`
	Name       *string   `parquet:"name,optional"`
	Canonical  *string   `parquet:"canonical,optional"`
	Q          *string   `parquet:"q,optional,dict"`
	Inclusive  *bool     `parquet:"inclusive,optional"`
	Role       *string   `parquet:"role,optional,dict"`
	Per        *string   `parquet:"per,optional"`
	Points     bool      `parquet:"points"`
	Base       *string   `parquet:"base,optional"`
	Scope      *string   `parquet:"scope,optional"`
	Cap        bool      `parquet:"cap"`
	Text       string    `parquet:"text"`
	SpanStart  int64     `parquet:"span_start"`
	SpanEnd    int64     `parquet:"span_end"`
	RawStart   int64     `parquet:"raw_start"`
	RawEnd     int64     `parquet:"raw_end"`
}

// parquetUnit is a row of the units table.
type parquetUnit struct {
	ID         int64   `parquet:"id"`
	FactID     int64   `parquet:"fact_id"`
	DocumentID int64   `parquet:"document_id"`
	Path       string  `parquet:"path"`
	Name       string  `parquet:"name"`
	Canonical  string  `parquet:"canonical"`
	Role       *string `parquet:"role,optional,dict"`
}

// parquetError is a row of the errors table.
type parquetError struct {
	ID     int64  `parquet:"id"`
	File   string `parquet:"file"`
	Line   *int64 `parquet:"line,optional"`
	Col    *int64 `parquet:"col,optional"`
	Reason string `parquet:"reason"`
}

// parquetFinding is a row of the findings table.
type parquetFinding struct {
	ID        int64  `parquet:"id"`
	WorkID    string `parquet:"work_id"`
	VersionID string `parquet:"version_id"`
	Field     string `parquet:"field"`
	Path      string `parquet:"path"`
	Values    string `parquet:"values"`
}

// A table writes the rows of one table into its directory, part after
// part. Every table has at least one part, empty if need be, so that
// readers globbing dir/*.parquet find its columns.
type table[T any] struct {
	dir   string
	codec *zstdCodec
	part  int
	rows  int // in the current part
	file  *os.File
	buf   *bufio.Writer
	w     *parquet.GenericWriter[T]
	queue []T
}

func newTable[T any](root, name string) (*table[T], error) {
	t := &table[T]{dir: filepath.Join(root, name), codec: &zstdCodec{}}
	if err := os.Mkdir(t.dir, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return t, t.open()
}

func (t *table[T]) open() error {
	f, err := os.Create(filepath.Join(t.dir, fmt.Sprintf("part-%05d.parquet", t.part)))
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	t.file, t.buf, t.rows = f, bufio.NewWriterSize(f, 1<<16), 0
	t.w = parquet.NewGenericWriter[T](t.buf,
		parquet.Compression(t.codec),
		parquet.MaxRowsPerRowGroup(int64(rowGroupRows)),
		parquet.CreatedBy("zhengce", "", ""))
	return nil
}

// add queues a row, writing the queue every 1024 rows and starting a new
// part when the current one is full.
func (t *table[T]) add(row T) error {
	t.queue = append(t.queue, row)
	t.rows++
	if len(t.queue) == 1024 || t.rows == partRows {
		if err := t.flush(); err != nil {
			return err
		}
	}
	if t.rows == partRows {
		if err := t.closePart(); err != nil {
			return err
		}
		t.part++
		return t.open()
	}
	return nil
}

func (t *table[T]) flush() error {
	if _, err := t.w.Write(t.queue); err != nil {
		return fmt.Errorf("output: %s: %w", filepath.Base(t.dir), err)
	}
	clear(t.queue)
	t.queue = t.queue[:0]
	return nil
}

func (t *table[T]) closePart() error {
	if err := t.w.Close(); err != nil {
		return fmt.Errorf("output: %s: %w", filepath.Base(t.dir), err)
	}
	if err := t.buf.Flush(); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return t.file.Close()
}

// close writes the queued rows and ends the last part.
func (t *table[T]) close() error {
	if t.file == nil {
		return nil
	}
	err := t.flush()
	if err == nil {
		err = t.closePart()
	}
	t.file = nil
	return err
}

// abandon closes the table's file after a failure.
func (t *table[T]) abandon() {
	if t != nil && t.file != nil {
		t.file.Close()
		t.file = nil
	}
}

// zstdCodec compresses a table's pages with one zstd encoder kept for the
// table's life: a pooled encoder is dropped at each garbage collection and
// its history buffers allocated anew, which under the build's memory limit
// made collection follow collection.
type zstdCodec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

func (c *zstdCodec) String() string { return "ZSTD" }

func (c *zstdCodec) CompressionCodec() format.CompressionCodec { return format.Zstd }

func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	if c.enc == nil {
		var err error
		c.enc, err = zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithWindowSize(1<<17), zstd.WithLowerEncoderMem(true), zstd.WithZeroFrames(true), zstd.WithEncoderCRC(false))
		if err != nil {
			return nil, err
		}
	}
	return c.enc.EncodeAll(src, dst[:0]), nil
}

func (c *zstdCodec) Decode(dst, src []byte) ([]byte, error) {
	if c.dec == nil {
		var err error
		if c.dec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1)); err != nil {
			return nil, err
		}
	}
	return c.dec.DecodeAll(src, dst[:0])
}

// tables are the Parquet tables a build writes as its rows arrive; the
// documents and findings are written at the end, when the works are known.
type tables struct {
	clauses *table[parquetClause]
	facts   *table[parquetFact]
	units   *table[parquetUnit]
	errors  *table[parquetError]
	unitID  int64
	errorID int64
}

func newTables(root string) (*tables, error) {
	t := &tables{}
	var err error
	if t.clauses, err = newTable[parquetClause](root, "clauses"); err != nil {
		return nil, err
	}
	if t.facts, err = newTable[parquetFact](root, "facts"); err != nil {
		return nil, err
	}
	if t.units, err = newTable[parquetUnit](root, "units"); err != nil {
		return nil, err
	}
	if t.errors, err = newTable[parquetError](root, "errors"); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *tables) close() error {
	for _, c := range []func() error{t.clauses.close, t.facts.close, t.units.close, t.errors.close} {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

func (t *tables) abandon() {
	if t == nil {
		return
	}
	t.clauses.abandon()
	t.facts.abandon()
	t.units.abandon()
	t.errors.abandon()
}

// documentRow returns the documents table's row of doc, without the ids
// that only the grouping knows.
func documentRow(doc *extract.Document) parquetDocument {
	m := doc.Meta
	return parquetDocument{Source: doc.Source.File, Section: doc.Section, Title: metaText(m.Title),
		DocNumber: metaText(m.DocNumber), Issuer: metaText(m.Issuer), Issued: metaText(m.Issued), Printed: metaText(m.Printed),
		Effective: metaText(m.Effective), Expires: metaText(m.Expires), Validity: metaText(m.Validity), Status: m.Status,
		Script: strOrNil(doc.Source.Script), Encoding: strOrNil(doc.Source.Encoding), Format: strOrNil(doc.Source.Format),
		SHA256: doc.Source.SHA256, Truncated: doc.Truncated}
}

// factRow returns the facts table's row of f.
func factRow(id, doc, clause int64, f *extract.FactRecord) parquetFact {
	row := parquetFact{ID: id, DocumentID: doc, ClauseID: clause, Path: f.Path, Kind: f.Kind,
		Currency: strOrNil(f.Currency), Name: strOrNil(f.Name), Canonical: strOrNil(f.Canonical), Q: strOrNil(f.Q),
		Inclusive: f.Inclusive, Role: strOrNil(f.Role), Per: strOrNil(f.Per), Points: f.Points,
		Base: strOrNil(f.Base), Scope: strOrNil(f.Scope), Cap: f.Cap, Text: f.Text,
		SpanStart: int64(f.Span[0]), SpanEnd: int64(f.Span[1]), RawStart: int64(f.RawSpan[0]), RawEnd: int64(f.RawSpan[1])}
	if f.Yuan != nil {
		row.Yuan = decimal4(f.Yuan.String())
	}
	if f.Value == nil {
		return row
	}
	v := fmt.Sprint(f.Value)
	row.Value = strOrNil(v)
	if f.Kind != "date" {
		return row
	}
	row.Precision = strOrNil(datePrecision(v))
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		days := int32(d.Unix() / 86400)
		row.Date = &days
	}
	return row
}

// fact adds a fact's row and, for a unit, its units row.
func (t *tables) fact(row *parquetFact) error {
	if err := t.facts.add(*row); err != nil {
		return err
	}
	if row.Kind != "unit" {
		return nil
	}
	t.unitID++
	return t.units.add(parquetUnit{ID: t.unitID, FactID: row.ID, DocumentID: row.DocumentID, Path: row.Path,
		Name: deref(row.Name), Canonical: deref(row.Canonical), Role: row.Role})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (t *tables) error(e extract.ErrorRecord) error {
	t.errorID++
	row := parquetError{ID: t.errorID, File: e.File, Reason: e.Reason}
	if e.Line > 0 {
		l, c := int64(e.Line), int64(e.Col)
		row.Line, row.Col = &l, &c
	}
	return t.errors.add(row)
}

func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// decimal4 encodes a decimal amount as a DECIMAL(38,4) value: the amount
// times 10⁴ as a 16-byte big-endian two's complement integer. It returns
// nil for an amount that does not fit exactly.
func decimal4(s string) *[16]byte {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil
	}
	r.Mul(r, big.NewRat(10000, 1))
	if !r.IsInt() {
		return nil
	}
	n := r.Num()
	if n.Sign() < 0 || n.BitLen() > 127 {
		return nil
	}
	var out [16]byte
	n.FillBytes(out[:])
	return &out
}

// writeParquetDocuments writes the documents table from the spilled rows
// (JSON lines of parquetDocument without the ids, which only the
// grouping knows), and the findings table.
func writeParquetDocuments(root string, spill *os.File, g *grouping, base int64) error {
	if _, err := spill.Seek(0, 0); err != nil {
		return err
	}
	docs, err := newTable[parquetDocument](root, "documents")
	if err != nil {
		return err
	}
	defer docs.abandon()
	dec := json.NewDecoder(bufio.NewReaderSize(spill, 1<<16))
	for n := 0; ; n++ {
		var r parquetDocument
		if err := dec.Decode(&r); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("output: documents: %w", err)
		}
		if n >= len(g.ids) {
			return fmt.Errorf("output: documents: more rows than documents")
		}
		id := g.ids[n]
		r.ID, r.WorkID, r.VersionID, r.Preferred = base+int64(n)+1, id.work, id.version, id.preferred
		if err := docs.add(r); err != nil {
			return err
		}
	}
	if err := docs.close(); err != nil {
		return err
	}
	findings, err := newTable[parquetFinding](root, "findings")
	if err != nil {
		return err
	}
	defer findings.abandon()
	for i, f := range g.findings {
		vals, err := jsonLine(f.Values)
		if err != nil {
			return err
		}
		if err := findings.add(parquetFinding{ID: base + int64(i) + 1, WorkID: f.WorkID, VersionID: f.VersionID, Field: f.Field, Path: f.Path, Values: strings.TrimSpace(string(vals))}); err != nil {
			return err
		}
	}
	return findings.close()
}
