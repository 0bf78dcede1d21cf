package diff

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/003-vs-000.png")

const seeds = "../../testdata/seeds/"

func policy(t testing.TB, file, sel string) *corpus.Doc {
	t.Helper()
	docs, err := corpus.Open(seeds+file, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Select(docs, sel)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func draftAndFinal(t testing.TB) *Result {
	r, err := Compare(policy(t, "003_c0775bc4c1ef2dcb.txt", ""), policy(t, "000_e561b5eedc8d0feb.txt", "武政规〔2020〕11号"), extract.Default)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// alignmentF1 scores the pairs of r against the gold pairs as
// score_diff.py does and reports each wrong pair.
func alignmentF1(t *testing.T, r *Result, pairs [][2]string, removedGold []string) float64 {
	t.Helper()
	gp := map[[2]string]bool{}
	gOld, gNew := map[string]bool{}, map[string]bool{}
	for _, p := range pairs {
		gp[p] = true
		gOld[p[0]], gNew[p[1]] = true, true
	}
	for _, x := range removedGold {
		gOld[x] = true
	}
	tp, judged := 0, 0
	for _, p := range r.Pairs {
		if p.Old == nil || p.New == nil {
			continue
		}
		if gOld[*p.Old] || gNew[*p.New] {
			judged++
			if gp[[2]string{*p.Old, *p.New}] {
				tp++
			} else {
				t.Logf("wrong pair %s -> %s", *p.Old, *p.New)
			}
		}
	}
	prec, rec := float64(tp)/float64(max(judged, 1)), float64(tp)/float64(max(len(gp), 1))
	if prec+rec == 0 {
		return 0
	}
	f1 := 2 * prec * rec / (prec + rec)
	t.Logf("alignment P=%.3f R=%.3f F1=%.3f (%d/%d pairs)", prec, rec, f1, tp, len(gp))
	return f1
}

// TestRevisionAlignment aligns the two editions of 保障中小企业款项支付条例
// (the revision adds five chapters, so every article moves) with the diff
// gold.
func TestRevisionAlignment(t *testing.T) {
	open := func(name string) *corpus.Doc {
		docs, err := corpus.Open("../../testdata/corpus/"+name, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return docs[0]
	}
	var gold struct {
		Removed []string    `json:"removed"`
		Pairs   [][2]string `json:"pairs"`
	}
	b, err := os.ReadFile("../../testdata/gold/diff-l3_sme_payment_2020-vs-l3_sme_payment_2025.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	r, err := Compare(open("l3_sme_payment_2020.md"), open("l3_sme_payment_2025.md"), extract.Default)
	if err != nil {
		t.Fatal(err)
	}
	if f1 := alignmentF1(t, r, gold.Pairs, gold.Removed); f1 < 0.98 {
		t.Errorf("alignment F1 %.3f < 0.98", f1)
	}
}

// TestAlignmentMatchesGold scores the alignment as score_diff.py does.
func TestAlignmentMatchesGold(t *testing.T) {
	var gold struct {
		Removed     []string    `json:"removed"`
		Pairs       [][2]string `json:"pairs"`
		FactChanges []struct {
			Old, New *string
			Kind     string
			Change   string
		} `json:"fact_changes"`
	}
	b, err := os.ReadFile("../../testdata/gold/diff-003-vs-000.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(b, &gold)
	r := draftAndFinal(t)
	gp := map[[2]string]bool{}
	gOld, gNew := map[string]bool{}, map[string]bool{}
	for _, p := range gold.Pairs {
		gp[p] = true
		gOld[p[0]], gNew[p[1]] = true, true
	}
	for _, x := range gold.Removed {
		gOld[x] = true
	}
	tp, judged := 0, 0
	removed := map[string]bool{}
	for _, p := range r.Pairs {
		if p.Old != nil && p.New == nil {
			removed[*p.Old] = true
		}
		if p.Old == nil || p.New == nil {
			continue
		}
		if gOld[*p.Old] || gNew[*p.New] {
			judged++
			if gp[[2]string{*p.Old, *p.New}] {
				tp++
			} else {
				t.Errorf("wrong pair %s -> %s", *p.Old, *p.New)
			}
		}
	}
	prec, rec := float64(tp)/float64(judged), float64(tp)/float64(len(gp))
	f1 := 2 * prec * rec / (prec + rec)
	t.Logf("alignment P=%.3f R=%.3f F1=%.3f (%d/%d pairs)", prec, rec, f1, tp, len(gp))
	if f1 < 0.95 {
		t.Errorf("alignment F1 %.3f < 0.95", f1)
	}
	for _, x := range gold.Removed {
		if !removed[x] {
			t.Errorf("clause %s not reported removed", x)
		}
	}
	for _, g := range gold.FactChanges {
		found := false
		for _, f := range r.FactChanges {
			if f.Kind == g.Kind && f.Change == g.Change && eqPtr(f.Old, g.Old) && eqPtr(f.New, g.New) {
				found = true
			}
		}
		if !found {
			t.Errorf("gold fact change %s %s %v -> %v not reported", g.Kind, g.Change, deref(g.Old), deref(g.New))
		}
	}
	for _, f := range r.FactChanges {
		s := fmt.Sprint(f.OldValue, f.NewValue)
		if strings.Contains(s, "14") && strings.Contains(s, "1.4") || strings.Contains(s, "105") {
			t.Errorf("a change for PUE 1.4 or 10.5代线: %+v", f)
		}
	}
	if len(r.SentenceMoves) == 0 || !strings.Contains(fmt.Sprint(r.SentenceMoves), "举办武汉国际数字经济博览会") {
		t.Errorf("the 博览会 sentence move is not reported: %+v", r.SentenceMoves)
	}
}

func eqPtr(a, b *string) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func deref(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

func TestSameAndRenderings(t *testing.T) {
	d := policy(t, "001_2a5746484df83227.txt", "")
	r, err := Compare(d, d, extract.Default)
	if err != nil || !r.Same() {
		t.Errorf("a policy diffed with itself differs: %+v", r.Summary)
	}
	r, err = Compare(d, policy(t, "002_1e3c7663b8a242cd.txt", ""), extract.Default)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"equal": 28, "modified": 1}, r.Summary.Clauses, "the 28 numbered clauses are equal, the page's own text differs")
	// the mirror states neither the signature's date nor the 印发 line's
	var changes []string
	for _, f := range r.FactChanges {
		changes = append(changes, fmt.Sprintf("%s>%s %s %s %v", deref(f.Old), deref(f.New), f.Kind, f.Change, f.OldValue))
	}
	assert.Equal(t, []string{"> date removed 2022-04-28", "> date removed 2022-04-29"}, changes)
}

func TestSuspect(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"1.4", "14", "10^1"},
		{"10.5", "105", "10^1"},
		{"5000", "500000", "10^2"},
		{"200", "300", ""},
		{"30", "3000000", ""},
		{"20", "2022", "line break"},
	}
	for _, tc := range tests {
		x, _ := new(big.Rat).SetString(tc.a)
		y, _ := new(big.Rat).SetString(tc.b)
		got := suspect(tc.a, tc.b, x, y)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("suspect(%s, %s) = %q; want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestWordDiff(t *testing.T) {
	got := wordDiff([]string{"给予", "最高", "200", "万元"}, []string{"给予", "最高", "300", "万元", "奖励"})
	want := []WordOp{{"=", "给予最高"}, {"-", "200"}, {"+", "300"}, {"=", "万元"}, {"+", "奖励"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("wordDiff = %v; want %v", got, want)
	}
}

// TestHTMLInChromium loads the HTML report in headless Chromium and checks
// the aligned rows and highlights in the rendered DOM; with -update it
// saves a screenshot under testdata for review.
func TestHTMLInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not installed (.ci/run installs it)")
		}
		t.Skip("chromium not installed")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "diff.html")
	f, _ := os.Create(page)
	if err := WriteHTML(f, draftAndFinal(t)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir=" + filepath.Join(dir, "profile")}
	out, err := exec.Command(chromium, append(args, "--dump-dom", "file://"+page)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	dom := string(out)
	for _, want := range []string{`<tr class="modified" data-old="2.2" data-new="1">`, `<tr class="removed" data-old="1" data-new="—">`,
		`<del>`, `<ins>`, `id="facts"`, `<td>count</td>`, `市经济和信息化局 (lead)`} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %s", want)
		}
	}
	shot := filepath.Join(dir, "shot.png")
	if *update {
		shot, _ = filepath.Abs("testdata/003-vs-000.png")
	}
	if err := exec.Command(chromium, append(args, "--screenshot="+shot, "--window-size=1400,2200", "file://"+page)...).Run(); err != nil {
		t.Fatalf("chromium --screenshot: %v", err)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10000 {
		t.Errorf("screenshot %s missing or empty", shot)
	}
}

// BenchmarkDiffLarge diffs two documents of about 1 MB each (the seed
// draft repeated under numbered parts, the final's text slightly changed).
func BenchmarkDiffLarge(b *testing.B) {
	raw, _ := os.ReadFile(seeds + "003_c0775bc4c1ef2dcb.txt")
	body := string(raw)
	body = body[strings.Index(body, "一、"):]
	var oldB, newB strings.Builder
	for i := 0; oldB.Len() < 1<<20; i++ {
		part := strings.ReplaceAll(body, "一、", fmt.Sprintf("一、第%d部分", i))
		oldB.WriteString(part)
		newB.WriteString(strings.ReplaceAll(part, "200 万元", "300 万元"))
	}
	old := corpus.MustParse("old.txt", oldB.String())[0]
	new := corpus.MustParse("new.txt", newB.String())[0]
	load, _ := LoadSegmenter()
	b.ReportMetric(float64(load.Milliseconds()), "dict-load-ms")
	b.SetBytes(int64(oldB.Len()))
	for b.Loop() {
		if _, err := Compare(old, new, extract.Default); err != nil {
			b.Fatal(err)
		}
	}
}

// TestContainedInUnmatched writes, as short texts, the ways a provision
// moves when a revision restructures it, and checks where the alignment
// puts it.
func TestContainedInUnmatched(t *testing.T) {
	for _, c := range []struct {
		name, old, new string
		want           [][2]string // pairs that must be reported, "" for none
	}{
		{"an item becomes an article of its own, beside an article that says the same",
			"第一条 为了保障中小企业公平参与市场竞争，制定本条例。\n第二条 被投诉的机关、事业单位不得对投诉人进行恐吓、打击报复。\n第三条 机关、事业单位违反本条例，有下列情形之一的，由其上级机关责令改正：\n（一）未在规定的期限内支付中小企业货物、工程、服务款项；\n（二）对投诉人进行恐吓、打击报复。\n",
			"第一条 为了保障中小企业公平参与市场竞争，制定本条例。\n第二条 被投诉的机关、事业单位和大型企业不得对提出付款请求或者投诉的中小企业进行恐吓、打击报复。\n第三条 机关、事业单位违反本条例，有下列情形之一的，由其上级机关责令改正：\n（一）未在规定的期限内支付中小企业货物、工程、服务款项。\n第四条 机关、事业单位和大型企业对投诉人进行恐吓、打击报复，或者滥用职权、玩忽职守、徇私舞弊的，对负有责任的领导人员和直接责任人员依法给予处分；构成犯罪的，依法追究刑事责任。\n",
			[][2]string{{"2", "2"}, {"3.2", "4"}}},
		{"an article becomes an item of a list, beside an article that says the same",
			"第一条 为了保障中小企业公平参与市场竞争，制定本条例。\n第二条 被投诉的机关、事业单位和大型企业不得对提出付款请求或者投诉的中小企业进行恐吓、打击报复。\n第三条 机关、事业单位违反本条例，有下列情形之一的，由其上级机关责令改正：\n（一）未在规定的期限内支付中小企业货物、工程、服务款项。\n第四条 机关、事业单位和大型企业对投诉人进行恐吓、打击报复，或者滥用职权、玩忽职守、徇私舞弊的，对负有责任的领导人员和直接责任人员依法给予处分；构成犯罪的，依法追究刑事责任。\n",
			"第一条 为了保障中小企业公平参与市场竞争，制定本条例。\n第二条 被投诉的机关、事业单位不得对投诉人进行恐吓、打击报复。\n第三条 机关、事业单位违反本条例，有下列情形之一的，由其上级机关责令改正：\n（一）未在规定的期限内支付中小企业货物、工程、服务款项；\n（二）对投诉人进行恐吓、打击报复。\n",
			[][2]string{{"2", "2"}, {"4", "3.2"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			parse := func(text string) *corpus.Doc {
				docs, err := corpus.Parse("a.md", []byte(text))
				require.NoError(t, err)
				return docs[0]
			}
			r, err := Compare(parse(c.old), parse(c.new), extract.Default)
			require.NoError(t, err)
			got := map[[2]string]string{}
			for _, p := range r.Pairs {
				got[[2]string{deref(p.Old), deref(p.New)}] = p.Status
			}
			for _, w := range c.want {
				assert.Contains(t, got, w, "pairs: %v", got)
			}
		})
	}
}

// TestSplitOrAdded writes, as short texts, a clause split in two and a new
// clause written on an old one's pattern, and checks the pairs, the fact
// changes and the sentence moves reported.
func TestSplitOrAdded(t *testing.T) {
	parse := func(text string) *corpus.Doc {
		docs, err := corpus.Parse("a.txt", []byte(text))
		require.NoError(t, err)
		return docs[0]
	}
	for _, c := range []struct {
		name, old, new string
		pairs          []string // old>new status
		changes        []string // kind change old>new value
		moves          int      // sentences that left for a clause other than the counterparts
	}{
		{"a new clause on an old one's pattern is added",
			"第一条 为了支持企业发展，制定本办法。\n第二条 对新认定的高新技术企业，给予20万元奖励。\n第三条 对首次入规企业，给予10万元奖励。\n",
			"第一条 为了支持企业发展，制定本办法。\n第二条 对新认定的高新技术企业，给予最高30万元奖励。\n第三条 对新认定的专精特新企业，给予50万元奖励。\n第四条 对首次入规企业，给予10万元奖励。\n",
			[]string{"> equal", "1>1 equal", "2>2 modified", "null>3 added", "3>4 renumbered"},
			[]string{"money value 2>2 100000", "money cap-added 2>2", "money added null>3"}, 0},
		{"an article split in two",
			"第一条 为了支持企业发展，制定本办法。\n第二条 对新认定的高新技术企业，给予20万元奖励。对首次入规企业，给予10万元奖励，由市财政局负责兑现。\n",
			"第一条 为了支持企业发展，制定本办法。\n第二条 对新认定的高新技术企业，给予20万元奖励。\n第三条 对首次入规企业，给予10万元奖励，由市财政局负责兑现。\n",
			[]string{"> equal", "1>1 equal", "2>2 split", "2>3 modified"}, nil, 0},
		{"the document's own text: a fund in the preamble",
			"某某市支持政策\n市财政每年安排1亿元专项资金，支持企业发展。\n一、给予企业10万元奖励。\n",
			"某某市支持政策\n市财政每年安排2亿元专项资金，支持企业发展。\n一、给予企业10万元奖励。\n",
			[]string{"> modified", "1>1 equal"}, []string{"money value > 100000000"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Compare(parse(c.old), parse(c.new), extract.Default)
			require.NoError(t, err)
			var pairs, changes []string
			for _, p := range r.Pairs {
				pairs = append(pairs, deref(p.Old)+">"+deref(p.New)+" "+p.Status)
			}
			for _, f := range r.FactChanges {
				s := f.Kind + " " + f.Change + " " + deref(f.Old) + ">" + deref(f.New)
				if f.Delta != nil {
					s += " " + *f.Delta
				}
				changes = append(changes, s)
			}
			assert.Equal(t, c.pairs, pairs)
			assert.Equal(t, c.changes, changes)
			assert.Len(t, r.SentenceMoves, c.moves)
			for _, m := range r.SentenceMoves {
				assert.NotEqual(t, m.FromOld, m.ToNew, "a sentence that stays in its clause's counterpart is no move")
			}
		})
	}
}

func TestDecimalString(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"200000", "300000", "100000"},
		{"300000", "200000", "-100000"},
		{"0.5", "0.75", "0.25"},
		{"1.5", "2", "0.5"},
		{"10", "10.10", "0.1"},
		{"100", "100.004", "0"},
	} {
		x, _ := new(big.Rat).SetString(c.a)
		y, _ := new(big.Rat).SetString(c.b)
		assert.Equal(t, c.want, decimalString(new(big.Rat).Sub(y, x)), "%s → %s", c.a, c.b)
	}
}
