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

// Canonical returns the canonical name of a body, or the name itself when
// the table does not know it.
func (a *Aliases) Canonical(name string) string {
	if c, ok := a.canon[name]; ok {
		return c
	}
	return name
}
