package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/corpus/diff"
	"github.com/zhengce/zhengce/extract"
)

// loadOne reads FILE[#SELECTOR] as exactly one policy.
func (e *env) loadOne(arg string, maxBytes int64) (*corpus.Doc, error) {
	docs, err := e.openArg(arg, maxBytes)
	if err != nil {
		return nil, err
	}
	d, err := corpus.Select(docs, "")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", arg, err)
	}
	return d, nil
}

func (e *env) diff(args []string) int {
	fs := e.flags("diff")
	format := fs.String("format", "", "json, text (the default on a terminal) or html")
	maxBytes := e.maxBytesFlag(fs)
	pos, err := e.parse(fs, args, 2, 2)
	if err != nil {
		return exitFor(err)
	}
	if *format != "" && !e.oneOf("format", *format, "json", "text", "html") {
		return exitTrouble
	}
	old, err := e.loadOne(pos[0], *maxBytes)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	new, err := e.loadOne(pos[1], *maxBytes)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	r, err := diff.Compare(old, new, extract.Default)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		return exitTrouble
	}
	if *format == "" {
		*format = "json"
		if isTerminal(e.stdout) {
			*format = "text"
		}
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
			return exitTrouble
		}
	case "text":
		color := isTerminal(e.stdout) && os.Getenv("NO_COLOR") == ""
		if err := diff.WriteText(e.stdout, r, color); err != nil {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
			return exitTrouble
		}
	case "html":
		if err := diff.WriteHTML(e.stdout, r); err != nil {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
			return exitTrouble
		}
	default:
		fmt.Fprintf(e.stderr, "zhengce: --format %q: want json, text or html\n", *format)
		return exitTrouble
	}
	if r.Same() {
		return exitOK
	}
	return exitPartial
}

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
