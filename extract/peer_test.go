package extract_test

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/zhengce/zhengce/extract"
)

// peerCase is one case of a Recognizers-Text spec file.
type peerCase struct {
	Input        string
	NotSupported string
	Results      []struct {
		Text       string
		Resolution map[string]any
	}
}

func loadPeer(t *testing.T, name string) []peerCase {
	b, err := os.ReadFile("../testdata/peer/recognizers-text/Specs/" + name)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.TrimPrefix(string(b), "\uFEFF"))
	var cs []peerCase
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatal(err)
	}
	return cs
}

// peerValue parses an expected value: "200", "5E-06", "30%", null.
func peerValue(v any) (float64, bool) {
	s, ok := v.(string)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	return f, err == nil
}

func sameValue(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// runPeer compares the values found in each case with the expected ones
// and returns the passes, the cases skipped as unsupported by the
// JavaScript reference, and the failures.
func runPeer(t *testing.T, file string, find func(string) []float64) (pass, skipped int, fails []string) {
	extra := 0
	defer func() {
		t.Logf("%s: of the %d cases the JavaScript reference skips, %d pass here too", file, skipped, extra)
	}()
	for _, c := range loadPeer(t, file) {
		got := find(c.Input)
		if strings.Contains(c.NotSupported, "javascript") {
			skipped++
			if matches(got, c) {
				extra++
			}
			continue
		}
		if matches(got, c) {
			pass++
		} else {
			var want []string
			for _, r := range c.Results {
				want = append(want, r.Text+"="+strings.TrimSpace(strings.Trim(strconv.Quote(toString(r.Resolution["value"])), `"`)))
			}
			fails = append(fails, c.Input+"  got "+strings.Trim(strings.Join(strings.Fields(strings.Trim(strings.ReplaceAll(toStringSlice(got), "\n", ""), "[]")), ","), " ")+"  want "+strings.Join(want, ","))
		}
	}
	return
}

func matches(got []float64, c peerCase) bool {
	ok := len(got) == len(c.Results)
	for i := 0; ok && i < len(got); i++ {
		want, has := peerValue(c.Results[i].Resolution["value"])
		ok = has && sameValue(got[i], want) || !has && math.IsNaN(got[i])
	}
	return ok
}

func toString(v any) string {
	if v == nil {
		return "null"
	}
	return v.(string)
}

func toStringSlice(fs []float64) string {
	var s []string
	for _, f := range fs {
		s = append(s, strconv.FormatFloat(f, 'g', -1, 64))
	}
	return strings.Join(s, " ")
}

// TestPeer runs the Recognizers-Text Chinese specs (Number, Percent and
// Currency models) on the numeral, percentage and amount recognizers,
// comparing the value of each expected result. Cases the JavaScript
// reference marks unsupported are skipped, as its runner skips them.
func TestPeer(t *testing.T) {
	floats := func(rs []extract.Recognized) []float64 {
		var out []float64
		for _, r := range rs {
			out = append(out, r.Value)
		}
		return out
	}
	tests := []struct {
		file string
		find func(string) []float64
	}{
		{"NumberModel.json", func(s string) []float64 {
			var out []float64
			for _, n := range extract.FindNumerals(s) {
				out = append(out, n.Float)
			}
			return out
		}},
		{"PercentModel.json", func(s string) []float64 { return floats(extract.FindPercentages(s)) }},
		{"CurrencyModel.json", func(s string) []float64 { return floats(extract.FindAmounts(s)) }},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			pass, skipped, fails := runPeer(t, tc.file, tc.find)
			t.Logf("%s: %d passed, %d skipped (unsupported by the JavaScript reference), %d failed", tc.file, pass, skipped, len(fails))
			for _, f := range fails {
				t.Error("  ", f)
			}
		})
	}
}
