package build

import (
	"sync/atomic"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// The inputs of a build are cut into chunks: runs of consecutive inputs,
// in input order, of at least chunkBytes of input or chunkFiles files (the
// last chunk may hold less). A worker turns a chunk into rows, and once
// the rows have their ids, a worker writes them as one part of each
// Parquet table, named after the chunk. Chunks depend on the inputs only,
// so the dataset is the same for any number of workers. Variables for
// tests.
var (
	chunkBytes int64 = 512 << 10
	chunkFiles       = 256
)

// A chunk is a run of consecutive inputs.
type chunk struct {
	index  int
	inputs []input
}

// chunksOf cuts entries into chunks.
func chunksOf(entries []input) []chunk {
	var out []chunk
	start, size := 0, int64(0)
	for i, in := range entries {
		size += in.size
		if size >= chunkBytes || i+1-start >= chunkFiles || i+1 == len(entries) {
			out = append(out, chunk{index: len(out), inputs: entries[start : i+1]})
			start, size = i+1, 0
		}
	}
	return out
}

// chunkRows are the rows of one chunk. Until shift gives them their place
// in the dataset, every id and every reference to a document or clause
// counts from 1 within the chunk.
type chunkRows struct {
	index     int
	last      string // the last input's path, for progress
	files     int
	docs      []chunkDoc
	clauses   []parquetClause
	facts     []parquetFact
	units     int // unit facts
	errors    []extract.ErrorRecord
	docBase   int64          // the id before the first document's, once shifted
	errorBase int64          // the id before the first error's, once shifted
	factLines []byte         // facts.jsonl.gz's lines, as one gzip member once read
	kinds     map[string]int // facts per kind
	err       error          // trouble encoding a JSON line
	users     atomic.Int32   // the writer and the part encoder, while they use the rows
}

// chunkDoc is a document of a chunk: its row in the documents table,
// without the ids that only the grouping knows, what grouping needs of
// it, and its documents.jsonl.gz line.
type chunkDoc struct {
	row  parquetDocument
	info *docInfo
	line []byte
}

// offsets are the last id of each table before a chunk's rows: the
// build's id base plus the rows of the chunks before it.
type offsets struct {
	doc, clause, fact, error int64
}

// shift moves the chunk's ids past those of the chunks before it, and
// returns the offsets of the next chunk.
func (r *chunkRows) shift(o offsets) offsets {
	for i := range r.clauses {
		c := &r.clauses[i]
		c.ID += o.clause
		c.DocumentID += o.doc
	}
	r.docBase, r.errorBase = o.doc, o.error
	for i := range r.facts {
		f := &r.facts[i]
		f.ID += o.fact
		f.DocumentID += o.doc
		f.ClauseID += o.clause
	}
	return offsets{doc: o.doc + int64(len(r.docs)), clause: o.clause + int64(len(r.clauses)),
		fact: o.fact + int64(len(r.facts)), error: o.error + int64(len(r.errors))}
}

// processChunk reads the inputs of c and makes their rows.
func processChunk(c chunk, opt Options) *chunkRows {
	r := &chunkRows{index: c.index, files: len(c.inputs), kinds: map[string]int{}}
	for _, in := range c.inputs {
		r.last = in.path
		if in.err != nil {
			r.errors = append(r.errors, *in.err)
			continue
		}
		if err := r.add(in, opt); err != nil {
			r.errors = append(r.errors, errorRecord(in.path, err))
		}
	}
	if opt.Formats.orAll().JSONL && r.err == nil {
		r.factLines, r.err = gzipMember(r.factLines)
	}
	return r
}

// add reads one input and adds the rows of its policies.
func (r *chunkRows) add(in input, opt Options) error {
	docs, err := corpus.Open(in.path, corpus.Options{MaxBytes: opt.MaxBytes})
	if err != nil {
		return err
	}
	exs := opt.Extractors
	if exs == nil {
		exs = extract.Default
	}
	jsonl := opt.Formats.orAll().JSONL
	for _, d := range docs {
		facts := extract.Run(exs, d)
		var doc extract.Document
		if jsonl {
			doc = extract.NewDocument(d, facts)
		} else { // the tables need no tree, quality or warnings
			doc = extract.NewDocumentHead(d)
			doc.Facts = extract.NewFactRecords(d, facts)
		}
		doc.Source.File = in.name
		for i := range doc.Facts {
			doc.Facts[i].Source = in.name
		}
		cd := chunkDoc{row: documentRow(&doc), info: newDocInfo(d, facts, in.name)}
		if jsonl {
			if cd.line, err = jsonLine(datasetDocument{Document: &doc}); err != nil {
				r.err = err
				return nil
			}
			for i := range doc.Facts {
				if r.factLines, err = doc.Facts[i].AppendJSONLine(r.factLines); err != nil {
					r.err = err
					return nil
				}
			}
		}
		r.docs = append(r.docs, cd)
		docID := int64(len(r.docs))
		root := int64(len(r.clauses)) + 1
		clauseIDs := map[string]int64{}
		spans := d.File.SpanMapper()
		var addClause func(n *corpus.Node, parent *string)
		addClause = func(n *corpus.Node, parent *string) {
			id := int64(len(r.clauses)) + 1
			clauseIDs[n.Path] = id
			raw := spans.RawSpan(n.Span)
			r.clauses = append(r.clauses, parquetClause{ID: id, DocumentID: docID, Path: n.Path, ParentPath: parent,
				Marker: strOrNil(d.Text(n.Marker)), Heading: strOrNil(d.Text(n.Heading)), Text: strOrNil(d.OwnText(n)),
				SpanStart: int64(n.Span.Start), SpanEnd: int64(n.Span.End), RawStart: int64(raw.Start), RawEnd: int64(raw.End)})
			for _, ch := range n.Children {
				addClause(ch, &n.Path)
			}
		}
		addClause(d.Root, nil)
		for i := range doc.Facts {
			f := &doc.Facts[i]
			clause, ok := clauseIDs[f.Path]
			if !ok {
				clause = root // a fact outside every clause belongs to the document's root
			}
			r.facts = append(r.facts, factRow(int64(len(r.facts))+1, docID, clause, f))
			r.kinds[f.Kind]++
			if f.Kind == "unit" {
				r.units++
			}
		}
	}
	return nil
}

// release marks one user of the rows done, and reports whether it was the last.
func (r *chunkRows) release() bool {
	return r.users.Add(-1) == 0
}
