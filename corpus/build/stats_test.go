package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStats(t *testing.T) {
	out := filepath.Join(t.TempDir(), "OUT")
	sum, err := buildSeeds(t, out, Options{Jobs: 2})
	require.NoError(t, err)
	st, err := ReadStats(out)
	require.NoError(t, err)
	assert.Equal(t, sum.Documents, st.Documents)
	assert.Equal(t, sum.Clauses-sum.Documents, st.Nodes, "the summary counts the clauses the stats count, and a root per document")
	for k, n := range sum.Facts {
		assert.Equal(t, n, st.Facts[k], "facts of kind %s", k)
	}
	// every seed policy has its numbered items read as clauses
	assert.Equal(t, st.Documents, st.WithTree)
	assert.Zero(t, st.NumberedNoTree)
	assert.Less(t, st.Missed*100, st.NumberedLines, "under 1%% of numbered-looking lines are not clauses")
	assert.Len(t, st.PerDocument, st.Documents)

	var b bytes.Buffer
	require.NoError(t, st.WriteText(&b, true))
	assert.Contains(t, b.String(), "documents 12; with a clause tree 12; with numbered lines but no tree 0")
	assert.Contains(t, b.String(), "001_2a5746484df83227.txt")

	_, err = ReadStats(t.TempDir())
	assert.ErrorContains(t, err, "not a dataset")
	old := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(old, "documents.jsonl"), []byte(`{"kind":"policy","source":{"file":"a.txt"}}`+"\n"), 0o644))
	_, err = ReadStats(old)
	assert.ErrorContains(t, err, "documents.jsonl:1: the document has no quality record")
}

func TestPad(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"a.txt", 8, "a.txt   "},
		{"武汉.txt", 9, "武汉.txt "},
		{"武汉市政策文件", 8, "武汉市… "},
		{"abcdefghij", 5, "abcd…"},
	} {
		assert.Equal(t, tc.want, pad(tc.s, tc.n), "%q", tc.s)
	}
}
