package build

import (
	"bufio"
	"encoding/binary"
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
	Issued    *int32  `parquet:"issued,date"`
	Printed   *int32  `parquet:"printed,date"`
	Effective *int32  `parquet:"effective,date"`
	Expires   *int32  `parquet:"expires,date"`
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

	// the dates as the database keeps them, ISO 8601 text
	IssuedText, PrintedText, EffectiveText, ExpiresText *string `parquet:"-"`
}

// parquetClause is a row of the clauses table.
type parquetClause struct {
	ID         int64   `parquet:"id,delta"`
	DocumentID int64   `parquet:"document_id,delta"`
	Path       string  `parquet:"path,dict"`
	ParentPath *string `parquet:"parent_path,optional,dict"`
	Marker     *string `parquet:"marker,optional,dict"`
	Heading    *string `parquet:"heading,optional"`
	Text       *string `parquet:"text,optional"`
	SpanStart  int64   `parquet:"span_start,delta"`
	SpanEnd    int64   `parquet:"span_end,delta"`
	RawStart   int64   `parquet:"raw_start,delta"`
	RawEnd     int64   `parquet:"raw_end,delta"`
}

// parquetFact is a row of the facts table. yuan is DECIMAL(38,4); value
// the JSON value as text (a percentage's number, a date's or duration's
// ISO 8601 text); date the value of a date stated to the day, as DATE.
type parquetFact struct {
	ID         int64     `parquet:"id,delta"`
	DocumentID int64     `parquet:"document_id,delta"`
	ClauseID   int64     `parquet:"clause_id,delta"`
	Path       string    `parquet:"path,dict"`
	Kind       string    `parquet:"kind,dict"`
	Yuan       *[16]byte `parquet:"yuan,decimal(4:38)"`
	Currency   *string   `parquet:"currency,optional,dict"`
	Value      *string   `parquet:"value,optional"`
	Date       *int32    `parquet:"date,date"`
	Precision  *string   `parquet:"precision,optional,dict"`
	Name       *string   `parquet:"name,optional,dict"`
	Canonical  *string   `parquet:"canonical,optional,dict"`
	Q          *string   `parquet:"q,optional,dict"`
	Inclusive  *bool     `parquet:"inclusive,optional"`
	Role       *string   `parquet:"role,optional,dict"`
	Per        *string   `parquet:"per,optional,dict"`
	Points     bool      `parquet:"points"`
	Base       *string   `parquet:"base,optional"`
	Scope      *string   `parquet:"scope,optional"`
	Cap        bool      `parquet:"cap"`
	Text       string    `parquet:"text"`
	SpanStart  int64     `parquet:"span_start,delta"`
	SpanEnd    int64     `parquet:"span_end,delta"`
	RawStart   int64     `parquet:"raw_start,delta"`
	RawEnd     int64     `parquet:"raw_end,delta"`
	YuanText   string    `parquet:"-"` // the amount as the exact decimal the database keeps
}

// parquetUnit is a row of the units table.
type parquetUnit struct {
	ID         int64   `parquet:"id,delta"`
	FactID     int64   `parquet:"fact_id,delta"`
	DocumentID int64   `parquet:"document_id,delta"`
	Path       string  `parquet:"path,dict"`
	Name       string  `parquet:"name,dict"`
	Canonical  string  `parquet:"canonical,dict"`
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
	t.w = newParquetWriter[T](t.buf, t.codec)
	return nil
}

// newParquetWriter returns a writer of rows of T to w, which buffers:
// zstd pages, row groups of rowGroupRows rows.
func newParquetWriter[T any](w io.Writer, codec *zstdCodec) *parquet.GenericWriter[T] {
	return parquet.NewGenericWriter[T](w,
		parquet.Compression(codec),
		parquet.MaxRowsPerRowGroup(int64(rowGroupRows)),
		parquet.WriteBufferSize(0),
		parquet.CreatedBy("zhengce", "", ""))
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

// partTables are the tables written in parts, one per chunk, by the
// workers; the documents and findings are written at the end, when the
// works are known.
var partTables = [...]string{"clauses", "facts", "units", "errors"}

// A partEncoder writes the parts of chunks. Each worker has its own, and
// keeps a Parquet writer per table for its life, reset for each part: a
// new writer costs more than the rows of a small part.
type partEncoder struct {
	clauses partWriter[parquetClause]
	facts   partWriter[parquetFact]
	units   partWriter[parquetUnit]
	errors  partWriter[parquetError]
}

// encode writes the rows of a shifted chunk as one part of each table
// that has rows in it.
func (e *partEncoder) encode(root string, r *chunkRows) error {
	name := fmt.Sprintf("part-%05d.parquet", r.index)
	units := make([]parquetUnit, 0, r.units)
	for i := range r.facts {
		if f := &r.facts[i]; f.Kind == "unit" {
			units = append(units, unitRow(f))
		}
	}
	errs := make([]parquetError, len(r.errors))
	for i, rec := range r.errors {
		errs[i] = errorRow(r.errorBase+int64(i)+1, rec)
	}
	for _, write := range []func() error{
		func() error { return e.clauses.part(root, "clauses", name, r.clauses) },
		func() error { return e.facts.part(root, "facts", name, r.facts) },
		func() error { return e.units.part(root, "units", name, units) },
		func() error { return e.errors.part(root, "errors", name, errs) },
	} {
		if err := write(); err != nil {
			return err
		}
	}
	return nil
}

// A partWriter writes parts of one table, reusing its Parquet writer and
// zstd encoder.
type partWriter[T any] struct {
	codec zstdCodec
	w     *parquet.GenericWriter[T]
}

// write writes rows as the Parquet file path.
func (p *partWriter[T]) write(path string, rows []T) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	buf := bufio.NewWriterSize(f, 1<<16)
	if p.w == nil {
		p.w = newParquetWriter[T](buf, &p.codec)
	} else {
		p.w.Reset(buf)
	}
	if _, err := p.w.Write(rows); err != nil {
		return fmt.Errorf("output: %s: %w", filepath.Base(filepath.Dir(path)), err)
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("output: %s: %w", filepath.Base(filepath.Dir(path)), err)
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return f.Close()
}

// part writes rows, when there are any, as the part name of table.
func (p *partWriter[T]) part(root, table, name string, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	return p.write(filepath.Join(root, table, name), rows)
}

// ensurePart writes an empty first part of table when no chunk wrote one,
// so that readers globbing dir/*.parquet find its columns.
func (p *partWriter[T]) ensurePart(root, table string) error {
	dir := filepath.Join(root, table)
	if es, err := os.ReadDir(dir); err != nil || len(es) > 0 {
		return nil
	}
	return p.write(filepath.Join(dir, "part-00000.parquet"), nil)
}

// finishParts gives each table that no chunk wrote to an empty part.
func (e *partEncoder) finishParts(root string) error {
	for _, ensure := range []func() error{
		func() error { return e.clauses.ensurePart(root, "clauses") },
		func() error { return e.facts.ensurePart(root, "facts") },
		func() error { return e.units.ensurePart(root, "units") },
		func() error { return e.errors.ensurePart(root, "errors") },
	} {
		if err := ensure(); err != nil {
			return err
		}
	}
	return nil
}

// documentRow returns the documents table's row of doc, without the ids
// that only the grouping knows.
func documentRow(doc *extract.Document) parquetDocument {
	m := doc.Meta
	r := parquetDocument{Source: doc.Source.File, Section: doc.Section, Title: metaText(m.Title),
		DocNumber: metaText(m.DocNumber), Issuer: metaText(m.Issuer), IssuedText: metaText(m.Issued), PrintedText: metaText(m.Printed),
		EffectiveText: metaText(m.Effective), ExpiresText: metaText(m.Expires), Validity: metaText(m.Validity), Status: m.Status,
		Script: strOrNil(doc.Source.Script), Encoding: strOrNil(doc.Source.Encoding), Format: strOrNil(doc.Source.Format),
		SHA256: doc.Source.SHA256, Truncated: doc.Truncated}
	r.Issued, r.Printed, r.Effective, r.Expires = dateDays(r.IssuedText), dateDays(r.PrintedText), dateDays(r.EffectiveText), dateDays(r.ExpiresText)
	return r
}

// dateDays returns an ISO 8601 date as days since 1970-01-01, the value
// of a Parquet DATE; nil for nil or for what is not a calendar date.
func dateDays(v *string) *int32 {
	if v == nil {
		return nil
	}
	d, err := time.Parse(time.DateOnly, *v)
	if err != nil {
		return nil
	}
	days := int32(d.Unix() / 86400)
	return &days
}

// factRow returns the facts table's row of f.
func factRow(id, doc, clause int64, f *extract.FactRecord) parquetFact {
	row := parquetFact{ID: id, DocumentID: doc, ClauseID: clause, Path: f.Path, Kind: f.Kind,
		Currency: strOrNil(f.Currency), Name: strOrNil(f.Name), Canonical: strOrNil(f.Canonical), Q: strOrNil(f.Q),
		Inclusive: f.Inclusive, Role: strOrNil(f.Role), Per: strOrNil(f.Per), Points: f.Points,
		Base: strOrNil(f.Base), Scope: strOrNil(f.Scope), Cap: f.Cap, Text: f.Text,
		SpanStart: int64(f.Span[0]), SpanEnd: int64(f.Span[1]), RawStart: int64(f.RawSpan[0]), RawEnd: int64(f.RawSpan[1])}
	if f.Yuan != nil {
		row.YuanText = f.Yuan.String()
		row.Yuan = decimal4(row.YuanText)
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
	row.Date = dateDays(&v)
	return row
}

// unitRow returns the units table's row of a unit fact's row.
func unitRow(f *parquetFact) parquetUnit {
	return parquetUnit{ID: f.ID, FactID: f.ID, DocumentID: f.DocumentID, Path: f.Path,
		Name: deref(f.Name), Canonical: deref(f.Canonical), Role: f.Role}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// errorRow returns the errors table's row of an error record.
func errorRow(id int64, e extract.ErrorRecord) parquetError {
	row := parquetError{ID: id, File: e.File, Reason: e.Reason}
	if e.Line > 0 {
		l, c := int64(e.Line), int64(e.Col)
		row.Line, row.Col = &l, &c
	}
	return row
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
	if v, ok := scaled4(s); ok {
		var out [16]byte
		binary.BigEndian.PutUint64(out[8:], v)
		return &out
	}
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

// scaled4 returns a plain decimal of at most 14 integer and 4 fraction
// digits (12345.5, 0.0125, 2000000) times 10⁴, the form amounts take;
// false for any other form, which decimal4 reads with big.Rat.
func scaled4(s string) (uint64, bool) {
	intPart, frac, dot := strings.Cut(s, ".")
	if intPart == "" || len(intPart) > 14 || len(frac) > 4 || dot && frac == "" {
		return 0, false
	}
	var v uint64
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + uint64(c-'0')
		}
	}
	for range 4 - len(frac) {
		v *= 10
	}
	return v, true
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
