package katex

import (
	"fmt"
	"testing"

	"github.com/dop251/goja"
)

// go test -run '^$' -bench . -benchtime 2s ./internal/katex/

// BenchmarkCompileKaTeX is the one-off, per-process cost of parsing katex.min.js.
func BenchmarkCompileKaTeX(b *testing.B) {
	src, err := patchedKaTeX()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := goja.Compile("katex.min.js", src, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVMStart is the cost of one more VM: a runtime evaluating the
// compiled KaTeX.
func BenchmarkVMStart(b *testing.B) {
	if _, err := programs(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := newVM(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderCold renders the golden formulas in turn with one warm VM,
// bypassing the cache: the cost of a cache miss.
func BenchmarkRenderCold(b *testing.B) {
	cases := goldenOK(b)
	for _, display := range []bool{false, true} {
		b.Run(fmt.Sprintf("display=%v", display), func(b *testing.B) {
			var sel []goldenCase
			for _, c := range cases {
				if c.Display == display {
					sel = append(sel, c)
				}
			}
			v, err := newVM()
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				c := sel[i%len(sel)]
				if _, err := v.renderTeX(c.Src, c.Display); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkRenderCacheHit is Render of a formula already in memory, kept
// plain and kept compact (Options.Compact).
func BenchmarkRenderCacheHit(b *testing.B) {
	for _, compact := range []bool{false, true} {
		b.Run(fmt.Sprintf("compact=%v", compact), func(b *testing.B) {
			r, err := New(Options{Compact: compact})
			if err != nil {
				b.Fatal(err)
			}
			r.pool = sharedRenderer(b).pool
			src := `\hat{\theta} = \argmin_{\theta} \sum_i \ell(f_\theta(x_i), y_i)`
			if _, err := r.Render(src, true); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := r.Render(src, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A shard of a course with 80,000 formulas holds about 1,250 of them.
func benchShard(b *testing.B) map[key]string {
	cases := goldenOK(b)
	m := make(map[key]string)
	for i := 0; len(m) < 80000/numShards; i++ {
		c := cases[i%len(cases)]
		k := keyOf(fmt.Sprint(c.Src, i), c.Display)
		k[0] = 0
		m[k] = c.HTML
	}
	return m
}

// BenchmarkShardDecode is reading one shard file's worth of entries: a whole
// 80,000-formula cache is 64 of these.
func BenchmarkShardDecode(b *testing.B) {
	data := encodeShard(benchShard(b))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := decodeShard(data, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "file-bytes")
}

// BenchmarkShardEncode is what Flush spends on one shard before writing it.
func BenchmarkShardEncode(b *testing.B) {
	m := benchShard(b)
	for b.Loop() {
		encodeShard(m)
	}
}
