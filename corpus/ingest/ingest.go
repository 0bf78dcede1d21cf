// Package ingest reads policy documents from files or standard input,
// detects their encoding (UTF-8 with or without BOM, UTF-16 with BOM,
// GB18030/GBK) and format (plain text or HTML), and returns their text as
// UTF-8 with a map from every text byte back to the raw bytes. HTML pages
// keep their main text and set their own metadata aside. Nothing is ever
// fetched over the network.
package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/zhengce/zhengce/normalize"
)

// DefaultMaxBytes is the default limit on the size of one input.
const DefaultMaxBytes = 64 << 20

// A Source is one decoded input.
type Source struct {
	Name     string          // file name as given, "-" for standard input
	Raw      []byte          // the bytes read
	Encoding string          // utf-8, utf-8-bom, utf-16le, utf-16be or gb18030
	Format   string          // text, html or markdown
	Text     []byte          // UTF-8 text; for HTML, the page's main text
	Maps     normalize.Chain // from Text back to Raw
	Page     Page            // metadata a web page states about itself
	Warnings []string
}

// A Page is what an HTML page says about itself outside its body text, or
// what a markdown document's front matter states.
type Page struct {
	Title   string            `json:"title,omitempty"`
	Meta    map[string]string `json:"meta,omitempty"`    // <meta name|property=… content=…>, or front matter keys
	InfoBox map[string]string `json:"infobox,omitempty"` // 索引号, 发文字号, 成文日期 … as labelled on the page
}

// An Error is an input that cannot be read as a policy document.
type Error struct {
	File string
	Msg  string
	Err  error
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// ErrEmpty, ErrBinary and ErrTooLarge classify unreadable inputs.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary input")
	ErrTooLarge = errors.New("input too large")
)

// ReadFile reads name ("-" for standard input) with at most maxBytes bytes
// (0 for DefaultMaxBytes) and decodes it.
func ReadFile(name string, stdin io.Reader, maxBytes int64) (*Source, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	var r io.Reader
	size := int64(0) // the file's size when known
	if name == "-" {
		r = stdin
	} else {
		fi, err := os.Stat(name)
		if err != nil {
			return nil, &Error{File: name, Msg: "cannot read: " + errText(err), Err: err}
		}
		if fi.IsDir() {
			return nil, &Error{File: name, Msg: "is a directory, not a document"}
		}
		if !fi.Mode().IsRegular() {
			return nil, &Error{File: name, Msg: "not a regular file"}
		}
		if fi.Size() > maxBytes {
			return nil, &Error{File: name, Msg: fmt.Sprintf("%d bytes exceeds the limit of %d bytes (--max-bytes)", fi.Size(), maxBytes), Err: ErrTooLarge}
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, &Error{File: name, Msg: "cannot read: " + errText(err), Err: err}
		}
		defer f.Close()
		r = f
		size = fi.Size()
	}
	raw, err := readAll(r, size, maxBytes)
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot read: " + errText(err), Err: err}
	}
	if int64(len(raw)) > maxBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("more than %d bytes (--max-bytes)", maxBytes), Err: ErrTooLarge}
	}
	return Decode(name, raw)
}

// readAll reads r to its end, or to one byte past maxBytes. A file whose
// size is known is read into a buffer of that size (plus one byte, to see
// that it did not grow meanwhile) instead of one grown by doubling, which
// would copy and clear several times the input.
func readAll(r io.Reader, size, maxBytes int64) ([]byte, error) {
	lr := io.LimitReader(r, maxBytes+1)
	if size <= 0 {
		return io.ReadAll(lr)
	}
	buf := make([]byte, 0, min(size, maxBytes)+1)
	for {
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		case len(buf) == cap(buf):
			rest, err := io.ReadAll(lr) // the file grew since its size was read
			return append(buf, rest...), err
		}
	}
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Decode detects the encoding and format of raw and returns its text.
func Decode(name string, raw []byte) (*Source, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, &Error{File: name, Msg: "empty document", Err: ErrEmpty}
	}
	s := &Source{Name: name, Raw: raw}
	text, m, enc, err := decodeText(raw)
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error(), Err: ErrBinary}
	}
	s.Encoding = enc
	s.Maps = normalize.Chain{m}
	if isHTML(text) {
		s.Format = "html"
		if enc == "utf-8" && !utf8.Valid(raw) {
			s.Warnings = append(s.Warnings, "page is not valid UTF-8")
		}
		body, hm, page := extractHTML(text)
		s.Text = body
		s.Maps = append(s.Maps, hm)
		s.Page = page
	} else if isMarkdown(name, text) {
		s.Format = "markdown"
		body, mm, page := extractMarkdown(text)
		s.Text = body
		s.Maps = append(s.Maps, mm)
		s.Page = page
	} else {
		s.Format = "text"
		s.Text = text
	}
	if len(bytes.TrimSpace(s.Text)) == 0 {
		return nil, &Error{File: name, Msg: "no text in document", Err: ErrEmpty}
	}
	return s, nil
}

// isHTML reports whether text looks like an HTML page or fragment.
func isHTML(text []byte) bool {
	head := text[:min(len(text), 2048)]
	head = bytes.TrimLeft(head, " \t\r\n\uFEFF")
	if len(head) == 0 || head[0] != '<' {
		return false // every opening below starts with <
	}
	low := bytes.ToLower(head)
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<?xml"), []byte("<head"), []byte("<body"), []byte("<meta"), []byte("<div"), []byte("<p>"), []byte("<p "), []byte("<table"), []byte("<!--")} {
		if bytes.HasPrefix(low, p) {
			return !bytes.HasPrefix(low, []byte("<?xml")) || bytes.Contains(low, []byte("<html"))
		}
	}
	return false
}
