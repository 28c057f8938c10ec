package highlight

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// cpuMetric reports the process's CPU time (user+system) per operation as
// "cpu-ns/op", which a busy machine distorts far less than wall time. Call
// it once the timed loop is done.
func cpuMetric(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// python20 is a typical 20-line block of the course.
const python20 = `import numpy as np
from sklearn.linear_model import LogisticRegression

def train(X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 100):
    """Fit a logistic regression by gradient descent."""
    w = np.zeros(X.shape[1])
    for epoch in range(epochs):
        z = X @ w
        p = 1 / (1 + np.exp(-z))
        grad = X.T @ (p - y) / len(y)
        w -= lr * grad
        if epoch % 10 == 0:
            loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
            print(f"epoch {epoch:3d}: loss={loss:.4f}")
    return w

class Model:
    def __init__(self, w):
        self.w = w  # learned weights
    def predict(self, X): return (X @ self.w > 0).astype(int)
`

var sink string

// BenchmarkPython20Lines renders one 20-line Python block:
//
//	chroma            chroma's Python lexer and chroma's HTML formatter
//	chroma-lexer      chroma's lexer and our formatter (what non-Python languages get)
//	fast              our lexer and our formatter (what HTML does on a miss)
//	cache-hit         Highlighter.HTML when the block was seen before
func BenchmarkPython20Lines(b *testing.B) {
	blk := normalise(python20, Options{Lang: "python", LineNumbers: true, Highlight: [][2]int{{3, 4}}})
	b.Run("chroma", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			sink = chromaRender(blk)
		}
		cpuMetric(b, cpu)
	})
	b.Run("chroma-lexer", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			text, spans := blk.lex(false)
			sink = formatHTML(blk, text, spans)
		}
		cpuMetric(b, cpu)
	})
	b.Run("fast", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			sink = blk.render()
		}
		cpuMetric(b, cpu)
	})
	b.Run("cache-hit", func(b *testing.B) {
		h := New()
		o := Options{Lang: "python", LineNumbers: true, Highlight: [][2]int{{3, 4}}}
		h.HTML(python20, o)
		cpu := cpuTime()
		for b.Loop() {
			sink = h.HTML(python20, o)
		}
		cpuMetric(b, cpu)
	})
}

// BenchmarkPythonLexer20Lines separates lexing from formatting.
func BenchmarkPythonLexer20Lines(b *testing.B) {
	code := normCode(python20)
	b.Run("chroma", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			if _, err := chromaPythonTokens(code); err != nil {
				b.Fatal(err)
			}
		}
		cpuMetric(b, cpu)
	})
	b.Run("fast", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			if _, ok := lexPython(code); !ok {
				b.Fatal("fell back")
			}
		}
		cpuMetric(b, cpu)
	})
}

// BenchmarkFormatter20Lines separates formatting from lexing.
func BenchmarkFormatter20Lines(b *testing.B) {
	blk := normalise(python20, Options{Lang: "python", LineNumbers: true, Highlight: [][2]int{{3, 4}}})
	spans, _ := lexPython(blk.code)
	toks := spansToTokens(blk.code, spans)
	b.Run("chroma", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			sink = chromaFormat(blk, toks)
		}
		cpuMetric(b, cpu)
	})
	b.Run("fast", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			sink = formatHTML(blk, blk.code, spans)
		}
		cpuMetric(b, cpu)
	})
}

// coursePages is a synthetic course: pages × 4 distinct Python blocks.
func coursePages(pages int) []string {
	blocks := make([]string, 0, pages*4)
	for p := range pages {
		for k := range 4 {
			code := strings.ReplaceAll(python20, "epoch", fmt.Sprintf("epoch_%d_%d", p, k))
			blocks = append(blocks, code)
		}
	}
	return blocks
}

// BenchmarkCourse1000Pages highlights the Python blocks of a 1,000-page
// course (4 blocks a page) with a fresh Highlighter, on all CPUs as the
// site build does.
func BenchmarkCourse1000Pages(b *testing.B) {
	blocks := coursePages(1000)
	for _, mode := range []string{"chroma", "fast"} {
		b.Run(mode, func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				h := New()
				var wg sync.WaitGroup
				work := make(chan string, 64)
				for range 8 {
					wg.Go(func() {
						for code := range work {
							if mode == "chroma" {
								sink = chromaRender(normalise(code, Options{Lang: "python"}))
							} else {
								sink = h.HTML(code, Options{Lang: "python"})
							}
						}
					})
				}
				for _, c := range blocks {
					work <- c
				}
				close(work)
				wg.Wait()
			}
			cpuMetric(b, cpu)
		})
	}
}
