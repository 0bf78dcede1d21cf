package extract_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/zhengce/zhengce/corpus"
	"github.com/zhengce/zhengce/extract"
)

// BenchmarkExtractSeeds measures the extractors alone over every policy of
// the seeds (segmentation done once, outside the loop).
func BenchmarkExtractSeeds(b *testing.B) {
	docs := seedDocs(b)
	size := 0
	for _, d := range docs {
		size += d.Span.Len()
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			extract.Run(extract.Default, d)
		}
	}
}

// BenchmarkPipelineSeeds measures reading, normalizing, segmenting and
// extracting the seeds from their bytes.
func BenchmarkPipelineSeeds(b *testing.B) {
	docs := seedDocs(b)
	size := 0
	for _, d := range docs {
		if d.Index == 0 {
			size += len(d.File.Source.Raw)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if d.Index != 0 {
				continue
			}
			ds, err := corpus.Parse(d.File.Name, d.File.Source.Raw)
			if err != nil {
				b.Fatal(err)
			}
			for _, x := range ds {
				extract.Run(extract.Default, x)
			}
		}
	}
}

// BenchmarkLongClause runs the extractors over one clause of 1 MB with no
// sentence breaks and a fact every few dozen bytes: time per byte must stay
// flat as the clause grows (no extractor is quadratic in clause length).
func BenchmarkLongClause(b *testing.B) {
	for _, size := range []int{64 << 10, 256 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			unit := "对年营业收入500万元以上的企业给予最高200万元奖励，按投资额的30%补助，到2024年完成，"
			text := "一、" + strings.Repeat(unit, size/len(unit)) + "（责任单位：市经信局、市发改委）"
			d := corpus.MustParse("long.txt", text)[0]
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				extract.Run(extract.Default, d)
			}
		})
	}
}

// BenchmarkHostileClause runs the extractors over one clause of digits,
// 元, %, 月, 日 and range marks with no sentence break, at three sizes:
// time per byte must stay flat (no quadratic rescans around values).
func BenchmarkHostileClause(b *testing.B) {
	for _, size := range []int{64 << 10, 256 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			unit := "1元2%3-4%5月6日7元/人/年8万元及以上至9元、10月底11%—12%每年3月31日处13元以上14元以下罚款"
			text := "第一条 " + strings.Repeat(unit, size/len(unit))
			d := corpus.MustParse("hostile.txt", text)[0]
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				extract.Run(extract.Default, d)
			}
		})
	}
}

// BenchmarkExtractor measures each extractor alone over every clause of
// the seeds.
func BenchmarkExtractor(b *testing.B) {
	docs := seedDocs(b)
	size := 0
	for _, d := range docs {
		size += d.Span.Len()
	}
	for _, ex := range extract.Default {
		b.Run(ex.Name(), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					extract.Run([]extract.Extractor{ex}, d)
				}
			}
		})
	}
}

// BenchmarkFactsStream measures writing the facts stream (document and fact
// records as JSON Lines) of the seeds, facts extracted beforehand; bytes
// are those of the seeds' text.
func BenchmarkFactsStream(b *testing.B) {
	docs := seedDocs(b)
	facts := make([][]extract.Fact, len(docs))
	size := 0
	for i, d := range docs {
		facts[i] = extract.Run(extract.Default, d)
		size += d.Span.Len()
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		w := bufio.NewWriter(io.Discard)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		var line []byte
		for i, d := range docs {
			enc.Encode(extract.NewDocumentRecord(d))
			for _, f := range facts[i] {
				line, _ = extract.NewFactRecord(d, f).AppendJSONLine(line[:0])
				w.Write(line)
			}
		}
		w.Flush()
	}
}
