package ingest

import (
	"bytes"
	"html"
	"strings"

	"github.com/PuerkitoBio/goquery"
	xhtml "golang.org/x/net/html"

	"github.com/zhengce/zhengce/normalize"
)

// skipped elements never contribute text.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "iframe": true, "object": true, "embed": true,
	"nav": true, "header": true, "footer": true, "aside": true, "form": true, "select": true,
	"button": true, "head": true, "svg": true, "canvas": true, "template": true, "img": true,
	"video": true, "audio": true, "map": true,
}

// blocks end a line of text.
var blocks = map[string]bool{
	"p": true, "div": true, "br": true, "tr": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "table": true, "section": true, "article": true, "dd": true,
	"dt": true, "blockquote": true, "pre": true, "ul": true, "ol": true, "hr": true, "center": true,
}

// chromeClass marks class or id values of page furniture.
var chromeClass = []string{"nav", "menu", "footer", "header", "breadcrumb", "sidebar", "share", "toolbar", "copyright", "crumb", "banner", "topbar", "search", "login", "related", "recommend"}

// contentClass marks class or id values of a government page's article body.
var contentClass = []string{"trs_editor", "article", "content", "zoom", "pages_content", "main-text", "maintext", "detail", "wzy", "zw", "body-text", "view"}

type frame struct {
	tag     string
	skip    bool
	content bool
	cell    bool // a table cell: td or th
}

// extractHTML returns the main text of a page with a map back to the page's
// bytes, and the page's own metadata. Text inside an element whose class or
// id names an article body wins over the rest of the page when there is any.
// Block elements end lines; inline elements and the white space between
// elements do not, so that text split into many inline elements (a date
// written 2021 / 年 / 2 / 月) stays one line. A table row is one line whose
// cells are separated by tabs, in reading order; line breaks inside a cell
// are dropped.
func extractHTML(page []byte) ([]byte, normalize.Map, Page) {
	meta := pageMeta(page)
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	type piece struct {
		start, end int
		content    bool
		block      bool // a line break before this piece
		cell       bool // a tab before this piece: it starts a table cell
	}
	var pieces []piece
	var stack []frame
	pos := 0
	skipDepth, contentDepth, cellDepth, preDepth := 0, 0, 0, 0
	pendingBreak, pendingCell, rowHasCell := false, false, false
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			f := frame{tag: tag, skip: skipped[tag]}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := string(k)
				if key == "class" || key == "id" {
					val := strings.ToLower(string(v))
					for _, c := range chromeClass {
						if strings.Contains(val, c) {
							f.skip = true
						}
					}
					for _, c := range contentClass {
						if strings.Contains(val, c) {
							f.content = true
						}
					}
				}
				if key == "style" && strings.Contains(strings.ReplaceAll(strings.ToLower(string(v)), " ", ""), "display:none") {
					f.skip = true
				}
			}
			switch {
			case tag == "tr":
				pendingBreak, rowHasCell = true, false
			case tag == "td" || tag == "th":
				f.cell = true
				if rowHasCell {
					pendingCell = true
				} else {
					pendingBreak = true
				}
				rowHasCell = true
			case blocks[tag] && cellDepth == 0:
				pendingBreak = true
			}
			if tt == xhtml.SelfClosingTagToken || voidTag(tag) {
				continue
			}
			stack = append(stack, f)
			if f.skip {
				skipDepth++
			}
			if f.content {
				contentDepth++
			}
			if f.cell {
				cellDepth++
			}
			if tag == "pre" {
				preDepth++
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if blocks[tag] && (cellDepth == 0 || tag == "tr" || tag == "table") {
				pendingBreak = true
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].tag == tag {
					for _, f := range stack[i:] {
						if f.skip {
							skipDepth--
						}
						if f.content {
							contentDepth--
						}
						if f.cell {
							cellDepth--
						}
						if f.tag == "pre" {
							preDepth--
						}
					}
					stack = stack[:i]
					break
				}
			}
		case xhtml.TextToken:
			if skipDepth > 0 || len(bytes.TrimSpace(raw)) == 0 {
				if bytes.Contains(raw, []byte("\n")) && skipDepth == 0 && preDepth > 0 {
					pendingBreak = true
				}
				continue
			}
			pieces = append(pieces, piece{start: start, end: pos, content: contentDepth > 0, block: pendingBreak, cell: pendingCell && !pendingBreak})
			pendingBreak, pendingCell = false, false
		}
	}
	hasContent := false
	for _, p := range pieces {
		if p.content && len(bytes.TrimSpace(page[p.start:p.end])) > 0 {
			hasContent = true
			break
		}
	}
	b := normalize.NewBuilder(page, len(page)/2)
	first := true
	for _, p := range pieces {
		if hasContent && !p.content {
			continue
		}
		b.Replace(p.start, "")
		switch {
		case p.block && !first:
			b.Replace(p.start, "\n")
		case p.cell && !first:
			b.Replace(p.start, "\t")
		}
		first = false
		copyUnescaped(b, page, p.start, p.end)
	}
	b.Replace(len(page), "")
	out, m := b.Finish()
	return out, m, meta
}

func voidTag(tag string) bool {
	switch tag {
	case "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "source", "wbr":
		return true
	}
	return false
}

// copyUnescaped copies page[start:end], a text token, replacing character
// references one by one so that the map stays exact around them. Line breaks
// inside a text token are source formatting and become spaces.
func copyUnescaped(b *normalize.Builder, page []byte, start, end int) {
	for i := start; i < end; i++ {
		switch page[i] {
		case '\n', '\r':
			b.Copy(i)
			b.Replace(i+1, " ")
		case '&':
			j := bytes.IndexByte(page[i:min(end, i+12)], ';')
			if j < 0 {
				continue
			}
			ref := string(page[i : i+j+1])
			if un := html.UnescapeString(ref); un != ref {
				b.Copy(i)
				b.Replace(i+j+1, un)
				i += j
			}
		}
	}
	b.Copy(end)
}

// infoKeys are the labels of a government page's information box.
var infoKeys = []string{"索引号", "发文字号", "文号", "成文日期", "发布日期", "发文机关", "发布机构", "主题分类", "公文种类", "有效性", "实施日期", "生效日期", "标题", "名称"}

// pageMeta reads the page's title, its <meta> tags and its information box.
func pageMeta(page []byte) Page {
	p := Page{}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return p
	}
	p.Title = strings.TrimSpace(doc.Find("title").First().Text())
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		k, ok := s.Attr("name")
		if !ok {
			k, ok = s.Attr("property")
		}
		v, has := s.Attr("content")
		if ok && has && k != "" {
			if p.Meta == nil {
				p.Meta = map[string]string{}
			}
			p.Meta[strings.ToLower(k)] = strings.TrimSpace(v)
		}
	})
	doc.Find("td, th, li, span, p, dt").Each(func(_ int, s *goquery.Selection) {
		label := strings.Join(strings.Fields(s.Text()), "")
		for _, k := range infoKeys {
			if !strings.HasPrefix(label, k) {
				continue
			}
			rest := strings.TrimLeft(strings.TrimPrefix(label, k), ":： ")
			if rest == "" { // the value sits in the next cell
				rest = strings.Join(strings.Fields(s.Next().Text()), "")
			}
			if rest != "" && len(rest) < 200 {
				if p.InfoBox == nil {
					p.InfoBox = map[string]string{}
				}
				if _, seen := p.InfoBox[k]; !seen {
					p.InfoBox[k] = rest
				}
			}
		}
	})
	return p
}
