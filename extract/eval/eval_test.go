package eval

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func records(t *testing.T, lines ...string) []Record {
	t.Helper()
	var out []Record
	for _, l := range lines {
		dec := json.NewDecoder(bytes.NewReader([]byte(l)))
		dec.UseNumber()
		var r Record
		require.NoError(t, dec.Decode(&r))
		out = append(out, r)
	}
	return out
}

func TestConfusionAndSkipped(t *testing.T) {
	var golds []Gold
	require.NoError(t, json.Unmarshal([]byte(`[
	 {"source":"a.txt","meta":{"title":"甲"},"clauses":{"1":[
	   {"kind":"money","yuan":1000,"q":"min","role":"penalty"},
	   {"kind":"money","yuan":5000,"q":"max","role":"penalty"},
	   {"kind":"date","value":"2025","role":"target"}]}},
	 {"source":"b.txt","meta":{"title":"乙"},"clauses":{"1":[]}}]`), &golds))
	golds[0].File, golds[1].File = "a.gold.json", "b.gold.json"
	rep := Evaluate(golds, records(t,
		`{"kind":"document","source":"a.txt","title":"甲"}`,
		`{"kind":"money","source":"a.txt","path":"1","yuan":1000,"q":"min","role":"other"}`,
		`{"kind":"money","source":"a.txt","path":"1","yuan":5000,"q":"max","role":"penalty"}`,
		`{"kind":"money","source":"a.txt","path":"1","yuan":9,"q":"exact","role":"benefit"}`))
	assert.Equal(t, []string{"a.gold.json"}, rep.Scored)
	assert.Equal(t, []string{"b.gold.json"}, rep.Skipped, "no input is b.txt")
	assert.Equal(t, Confusion{
		"penalty": {"other": 1, "penalty": 1},
		"(extra)": {"benefit": 1},
	}, rep.Confusion["money"]["role"])
	assert.Equal(t, Confusion{"min": {"min": 1}, "max": {"max": 1}, "(extra)": {"exact": 1}}, rep.Confusion["money"]["q"])
	assert.Equal(t, Confusion{"target": {"(missed)": 1}}, rep.Confusion["date"]["role"])
	assert.Equal(t, Score{TP: 2, Pred: 3, Gold: 2}, *rep.Value["money"])
	assert.Equal(t, Score{TP: 1, Pred: 3, Gold: 2}, *rep.Full["money"])
	assert.Equal(t, 1, rep.MetaOK)
	assert.Equal(t, 1, rep.MetaTotal)

	var b bytes.Buffer
	rep.Print(&b, false)
	assert.Contains(t, b.String(), "gold files scored: 1 (1 without an input: b.gold.json)")
	assert.Contains(t, b.String(), "money role (rows gold, columns predicted):")
}
