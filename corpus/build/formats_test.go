package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each format a build is asked for is written exactly as a build of every
// format writes it, and the others are not written at all.
func TestFormats(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "all")
	_, err := buildSeeds(t, full, Options{Jobs: 2})
	require.NoError(t, err)
	files := map[string][]string{
		"sqlite":  {"zhengce.db"},
		"parquet": {"documents/part-00000.parquet", "clauses/part-00000.parquet", "facts/part-00000.parquet", "units/part-00000.parquet", "errors/part-00000.parquet", "findings/part-00000.parquet"},
		"jsonl":   {"documents.jsonl.gz", "facts.jsonl.gz", "findings.jsonl.gz"},
	}
	for _, c := range []struct {
		list string
		want []string
	}{
		{"parquet", []string{"parquet"}},
		{"sqlite", []string{"sqlite"}},
		{"jsonl", []string{"jsonl"}},
		{"sqlite,parquet", []string{"sqlite", "parquet"}},
		{"jsonl, parquet", []string{"jsonl", "parquet"}},
	} {
		t.Run(c.list, func(t *testing.T) {
			f, err := ParseFormats(c.list)
			require.NoError(t, err)
			out := filepath.Join(dir, c.list)
			sum, err := buildSeeds(t, out, Options{Jobs: 2, Formats: f})
			require.NoError(t, err)
			assert.Equal(t, 12, sum.Documents)
			assert.FileExists(t, filepath.Join(out, "errors.jsonl"))
			for format, names := range files {
				wanted := false
				for _, w := range c.want {
					wanted = wanted || w == format
				}
				for _, name := range names {
					got, err := os.ReadFile(filepath.Join(out, name))
					if !wanted {
						assert.True(t, os.IsNotExist(err), "%s written though not asked for", name)
						continue
					}
					require.NoError(t, err)
					all, _ := os.ReadFile(filepath.Join(full, name))
					assert.True(t, bytes.Equal(all, got), "%s differs from a build of every format", name)
				}
			}
			if !bytes.Contains([]byte(c.list), []byte("parquet")) {
				assert.NoDirExists(t, filepath.Join(out, "facts"))
			}
		})
	}
	for _, bad := range []string{"", "csv", "sqlite,", "parquet,xlsx"} {
		_, err := ParseFormats(bad)
		assert.Error(t, err, bad)
	}
}
