package extract

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

//go:embed aliases.tsv
var defaultAliases string

// Aliases maps the names of government bodies to one canonical name, so
// that 市经信局 and 市经济和信息化局 count as one department.
type Aliases struct {
	canon map[string]string
}

// DefaultAliases is the alias table shipped with the tool.
var DefaultAliases = mustAliases(defaultAliases)

func mustAliases(s string) *Aliases {
	a, err := ReadAliases(strings.NewReader(s), nil)
	if err != nil {
		panic(err)
	}
	return a
}

// ReadAliases reads a table of lines "canonical<TAB>alias<TAB>alias…"
// (# starts a comment) on top of base, which may be nil; later lines win.
func ReadAliases(r io.Reader, base *Aliases) (*Aliases, error) {
	a := &Aliases{canon: map[string]string{}}
	if base != nil {
		for k, v := range base.canon {
			a.canon[k] = v
		}
	}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names := strings.Split(line, "\t")
		canon := strings.TrimSpace(names[0])
		if canon == "" {
			return nil, fmt.Errorf("aliases: line %d: empty canonical name", n)
		}
		for _, name := range names {
			if name = strings.TrimSpace(name); name != "" {
				a.canon[name] = canon
			}
		}
	}
	return a, sc.Err()
}

// levels are the prefixes that name a body's level of government; the
// table lists a body once, at city level (市人社局), and a name at another
// level (区人社局, 省人社厅 not) maps through it.
var levels = []string{"自治区", "自治州", "省", "市", "区", "县", "州", "盟", "旗"}

// Canonical returns the canonical name of a body, or the name itself when
// the table does not know it. A name the table lists at city level but
// written for another level (区人社局, 县发改委) takes the canonical name of
// the city body with its own level (区人力资源和社会保障局, 县发展改革委).
func (a *Aliases) Canonical(name string) string {
	if c, ok := a.canon[name]; ok {
		return c
	}
	for _, l := range levels {
		rest, ok := strings.CutPrefix(name, l)
		if !ok || l == "市" || rest == "" {
			continue
		}
		if c, ok := a.canon["市"+rest]; ok && strings.HasPrefix(c, "市") {
			return l + strings.TrimPrefix(c, "市")
		}
	}
	return name
}
