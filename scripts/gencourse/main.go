// Command gencourse writes a synthetic course for benchmarks: N lessons of
// about 1,200 words, each with 3-5 headings, 4 Python code blocks of 20
// lines, 8 formulas (unless -math=false), a table and 5 internal links.
// With -hugo it writes the same pages as a Hugo site instead, for the
// comparison in the benchmark notes.
//
//	go run ./scripts/gencourse -pages 1000 -out /tmp/c1000
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	pages := flag.Int("pages", 100, "number of lessons")
	out := flag.String("out", "", "output folder (created; must not exist)")
	math := flag.Bool("math", true, "include 8 formulas per page")
	hugo := flag.Bool("hugo", false, "write a Hugo site instead of a course")
	flag.Parse()
	if *out == "" {
		log.Fatal("gencourse: -out is required")
	}
	if err := generate(*out, *pages, *math, *hugo); err != nil {
		log.Fatal(err)
	}
}

const perModule = 20

var words = strings.Fields(`model loss gradient data split train validation test batch tensor
shape label class weight bias layer softmax entropy error metric precision recall sample
feature vector matrix image pixel kernel filter edge corner threshold histogram estimate
mean median variance optimiser learning rate epoch checkpoint inference latency export the a
of to and in is that for it with as on be this are by we can each when which`)

var formulas = []string{
	`\frac{1}{n}\sum_{i=1}^{n} (\hat{y}_i - y_i)^2`,
	`-\sum_{k} y_k \log p_k`,
	`\sigma(z) = \frac{1}{1 + e^{-z}}`,
	`\operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}}`,
	`\nabla_\theta L = \frac{\partial L}{\partial \theta}`,
	`\theta_{t+1} = \theta_t - \eta \nabla L(\theta_t)`,
	`\log \sum_j e^{z_j} = m + \log \sum_j e^{z_j - m}`,
	`\mathbb{E}_{x \sim p}[f(x)]`,
	`L_\delta(r) = \begin{cases} \tfrac12 r^2 & |r| \le \delta \\ \delta(|r| - \tfrac12\delta) & \text{otherwise} \end{cases}`,
	`\hat{\mu} = \frac{1}{n} \sum_i x_i`,
}

func code(r *rand.Rand, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "import math\n\n\ndef loss_%d(pred, true, eps=1e-12):\n", n)
	b.WriteString("    \"\"\"Binary cross-entropy with clipping.\"\"\"\n")
	b.WriteString("    if len(pred) != len(true):\n        raise ValueError(f\"length mismatch: {len(pred)} vs {len(true)}\")\n")
	b.WriteString("    total = 0.0\n    for p, t in zip(pred, true):\n")
	b.WriteString("        p = min(max(p, eps), 1 - eps)  # keep log finite\n")
	b.WriteString("        total += -(t * math.log(p) + (1 - t) * math.log(1 - p))\n")
	b.WriteString("    return total / len(true)\n\n\n")
	fmt.Fprintf(&b, "values = [%d, %d.5, 0x1F, 3e-4]\n", r.Intn(100), r.Intn(10))
	b.WriteString("for i, v in enumerate(values):\n    print(i, v, sep=\"\\t\")\n")
	b.WriteString("class Meter:\n    def __init__(self):\n        self.n = 0\n")
	return b.String()
}

func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.Intn(len(words))]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

func paragraph(r *rand.Rand, words int) string {
	var s []string
	for words > 0 {
		n := min(words, 8+r.Intn(12))
		s = append(s, sentence(r, n))
		words -= n
	}
	return strings.Join(s, " ")
}

func generate(out string, pages int, math, hugo bool) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	r := rand.New(rand.NewSource(1))
	modules := (pages + perModule - 1) / perModule
	write := func(rel, data string) error {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(data), 0o644)
	}
	modDir := func(m int) string { return fmt.Sprintf("%03d-module-%d", m+1, m+1) }
	lessonFile := func(m, l int) string { return fmt.Sprintf("%03d-lesson-%d", l+1, l+1) }
	if hugo {
		cfg := "baseURL = 'https://example.org/'\ntitle = 'Bench'\ndisableKinds = ['taxonomy', 'term', 'RSS']\n[markup.goldmark.renderer]\nunsafe = true\n"
		if err := write("hugo.toml", cfg); err != nil {
			return err
		}
		layout := "<!doctype html><html><head><title>{{ .Title }}</title></head><body><nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav><main>{{ .Content }}</main></body></html>\n"
		for _, f := range []string{"layouts/_default/single.html", "layouts/_default/list.html", "layouts/index.html"} {
			if err := write(f, layout); err != nil {
				return err
			}
		}
	} else if err := write("course.toml", "title = \"Benchmark course\"\n"); err != nil {
		return err
	}
	root := "content/"
	n := 0
	for m := 0; m < modules; m++ {
		if err := write(root+modDir(m)+"/_index.md", fmt.Sprintf("---\ntitle: Module %d\n---\n%s\n", m+1, paragraph(r, 60))); err != nil {
			return err
		}
		for l := 0; l < perModule && n < pages; l, n = l+1, n+1 {
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: Lesson %d.%d\nsummary: %s\n---\n\n", m+1, l+1, sentence(r, 10))
			headings := 3 + r.Intn(3)
			wordsLeft := 1200
			for h := 0; h < headings; h++ {
				fmt.Fprintf(&b, "## Section %d of lesson %d\n\n", h+1, l+1)
				for p := 0; p < 3; p++ {
					w := wordsLeft / ((headings - h) * 3)
					b.WriteString(paragraph(r, w))
					wordsLeft -= w
					if math && (h*3+p) < 8 {
						// A unique term per formula keeps cold builds honest:
						// no formula repeats, so the math cache never hits.
						fmt.Fprintf(&b, " Inline $%s + c_{%d}$ here.", formulas[(n+h*3+p)%len(formulas)], n*10+h*3+p)
					}
					b.WriteString("\n\n")
				}
				if h < 4 {
					fmt.Fprintf(&b, "```python\n%s```\n\n", code(r, n*10+h))
				}
			}
			for h := headings; h < 4; h++ {
				fmt.Fprintf(&b, "```python\n%s```\n\n", code(r, n*10+h))
			}
			b.WriteString("| loss | optimises | outliers |\n|---|---|---|\n| MSE | mean | sensitive |\n| MAE | median | robust |\n\n")
			b.WriteString("See also: ")
			for k := 0; k < 5; k++ {
				tm, tl := r.Intn(modules), r.Intn(perModule)
				if tm*perModule+tl >= pages {
					tm, tl = 0, 0
				}
				target := "../" + modDir(tm) + "/" + lessonFile(tm, tl) + ".md"
				if hugo {
					fmt.Fprintf(&b, "[link %d]({{< ref \"/%s/%s.md\" >}}) ", k, modDir(tm), lessonFile(tm, tl))
				} else {
					fmt.Fprintf(&b, "[link %d](%s) ", k, target)
				}
			}
			b.WriteString("\n")
			if err := write(root+modDir(m)+"/"+lessonFile(m, l)+".md", b.String()); err != nil {
				return err
			}
		}
	}
	return nil
}
