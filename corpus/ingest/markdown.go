package ingest

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/zhengce/zhengce/normalize"
)

// isMarkdown reports whether a text is a markdown conversion of a policy:
// a file named .md or .markdown, or a text that opens with YAML front
// matter, or with a # heading followed by further ## headings.
func isMarkdown(name string, text []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	head := bytes.TrimLeft(text[:min(len(text), 4096)], "\uFEFF \t\r\n")
	if _, ok := frontMatterEnd(head); ok {
		return true
	}
	return bytes.HasPrefix(head, []byte("# ")) && bytes.Contains(text, []byte("\n## "))
}

// frontMatterEnd returns the end (after its line break) of the YAML front
// matter that text opens with: a --- line, key: value lines and a closing
// --- line within the first 200 lines.
func frontMatterEnd(text []byte) (int, bool) {
	first, rest, ok := bytes.Cut(text, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, " \r")) != "---" {
		return 0, false
	}
	pos := len(first) + 1
	for n := 0; n < 200 && len(rest) > 0; n++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		pos += len(line) + 1
		if string(bytes.TrimRight(line, " \r")) == "---" {
			return min(pos, len(text)), n > 0
		}
		t := strings.TrimSpace(string(line))
		if t != "" && !strings.HasPrefix(t, "- ") && !strings.HasPrefix(t, "#") && !strings.Contains(t, ":") {
			return 0, false // not YAML
		}
		rest = after
	}
	return 0, false
}

// extractMarkdown returns the text of a markdown document with its markup
// removed, a map back to the document's bytes, and what its front matter
// states. Removed: the front matter, comment lines (<!-- … -->), heading
// marks (## 第一章 → 第一章), block-quote and list marks, a table of
// contents made of links to the document's own headings, table rules
// (|---|), the pipes around table cells (cells are separated by a tab),
// link targets ([text](url) → text) and images. Line breaks stay where
// they are, so that each line of the result is a line of the document.
func extractMarkdown(text []byte) ([]byte, normalize.Map, Page) {
	b := normalize.NewBuilder(text, len(text))
	var page Page
	start := 0
	if bom := len("\uFEFF"); bytes.HasPrefix(text, []byte("\uFEFF")) {
		start = bom
	}
	if end, ok := frontMatterEnd(text[start:]); ok {
		page.Meta = frontMatter(text[start : start+end])
		b.Copy(start)
		b.Replace(start+end, "")
		start += end
	}
	for pos := start; pos < len(text); {
		end := len(text)
		if i := bytes.IndexByte(text[pos:], '\n'); i >= 0 {
			end = pos + i
		}
		markdownLine(b, text, pos, end)
		pos = end + 1
	}
	out, m := b.Finish()
	return out, m, page
}

// markdownLine writes the line text[start:end] to b without its markup.
func markdownLine(b *normalize.Builder, text []byte, start, end int) {
	line := text[start:end]
	trimmed := bytes.TrimSpace(line)
	drop := func() { b.Copy(start); b.Replace(end, "") }
	switch {
	case len(trimmed) == 0:
		return
	case bytes.HasPrefix(trimmed, []byte("<!--")) && bytes.HasSuffix(trimmed, []byte("-->")):
		drop()
		return
	case isTableRule(trimmed):
		drop()
		return
	case isContentsLink(trimmed), isContentsHeading(trimmed):
		drop()
		return
	}
	i := start
	for i < end && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	// block marks: # heading, > quote, - * + list items, in any order
	heading := false
	for {
		j := i
		switch {
		case j < end && text[j] == '#':
			for j < end && text[j] == '#' {
				j++
			}
			if j-i > 6 || j < end && text[j] != ' ' && text[j] != '\t' {
				j = i // #hashtag, not a heading
			}
			heading = heading || j > i
		case j < end && text[j] == '>':
			j++
		case j+1 < end && (text[j] == '-' || text[j] == '*' || text[j] == '+') && (text[j+1] == ' ' || text[j+1] == '\t'):
			j++
		}
		if j == i {
			break
		}
		for j < end && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		b.Copy(start)
		b.Replace(j, "")
		start, i = j, j
	}
	// a closing run of # after a heading: ## 总则 ##
	if heading {
		body := bytes.TrimRight(text[i:end], " \t")
		if e := bytes.TrimRight(body, "#"); len(e) < len(body) && len(e) > 0 && (e[len(e)-1] == ' ' || e[len(e)-1] == '\t') {
			e = bytes.TrimRight(e, " \t")
			b.Copy(i + len(e))
			b.Replace(end, "")
			end = i + len(e)
		}
	}
	// inline: table pipes, links and images
	cells := bytes.HasPrefix(text[i:end], []byte("|"))
	for j := i; j < end; {
		c := text[j]
		switch {
		case cells && c == '|':
			k0 := j
			for k0 > i && (text[k0-1] == ' ' || text[k0-1] == '\t') {
				k0--
			}
			b.Copy(k0)
			k := j + 1
			for k < end && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
			if k0 == i || k == end {
				b.Replace(k, "") // the pipes at the row's ends
			} else {
				b.Replace(k, "\t")
			}
			j = k
		case c == '!' && j+1 < end && text[j+1] == '[':
			if close, target := linkAt(text, j+1, end); close > 0 {
				b.Copy(j)
				b.Replace(target, "") // an image: nothing of it is text
				j = target
				continue
			}
			j++
		case c == '[':
			if close, target := linkAt(text, j, end); close > 0 {
				b.Copy(j)
				b.Replace(j+1, "")
				b.Copy(close)
				b.Replace(target, "")
				j = target
				continue
			}
			j++
		case c == '\\' && j+1 < end && bytes.IndexByte([]byte("\\`*_{}[]()#+-.!|"), text[j+1]) >= 0:
			b.Copy(j)
			b.Replace(j+1, "")
			j += 2
		default:
			j++
		}
	}
	b.Copy(end)
}

// linkAt reads a link [text](target) whose [ is at i, ending before end,
// and returns where its ] stands and where the link ends; close is 0 when
// there is no link at i.
func linkAt(text []byte, i, end int) (close, after int) {
	depth := 0
	for j := i; j < end; j++ {
		switch text[j] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if j+1 >= end || text[j+1] != '(' {
					return 0, 0
				}
				k := bytes.IndexByte(text[j+1:end], ')')
				if k < 0 {
					return 0, 0
				}
				return j, j + 1 + k + 1
			}
		}
	}
	return 0, 0
}

// isTableRule matches a table's header rule: |---|:---:|.
func isTableRule(line []byte) bool {
	if !bytes.Contains(line, []byte("---")) {
		return false
	}
	for _, c := range line {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return false
		}
	}
	return bytes.HasPrefix(line, []byte("|")) || bytes.Contains(line, []byte("|"))
}

// isContentsLink matches an entry of a table of contents made of links to
// the document's own headings: [第一章 总则](#第一章-总则), possibly as a
// list item.
func isContentsLink(line []byte) bool {
	line = bytes.TrimLeft(line, "-*+ \t")
	if len(line) == 0 || line[0] != '[' {
		return false
	}
	close, after := linkAt(line, 0, len(line))
	return close > 0 && after == len(bytes.TrimRight(line, " \t")) && bytes.HasPrefix(line[close+1:], []byte("(#"))
}

// isContentsHeading matches the heading of a table of contents, in any
// emphasis or heading marks: ***目  录***, ## 目录.
func isContentsHeading(line []byte) bool {
	key := strings.Map(func(r rune) rune {
		if strings.ContainsRune("#*_ \t　", r) {
			return -1
		}
		return r
	}, string(line))
	return key == "目录" || key == "目次"
}

// frontMatter reads the key: value lines of YAML front matter; a key
// followed by a list (- a, - b) takes the items joined by 、.
func frontMatter(block []byte) map[string]string {
	meta := map[string]string{}
	key := ""
	for _, raw := range strings.Split(string(block), "\n") {
		t := strings.TrimSpace(raw)
		if t == "---" || t == "" {
			continue
		}
		if item, ok := strings.CutPrefix(t, "- "); ok && key != "" {
			item = strings.Trim(strings.TrimSpace(item), `"'`)
			if meta[key] != "" {
				meta[key] += "、"
			}
			meta[key] += item
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		key = strings.TrimSpace(k)
		meta[key] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	return meta
}
