package build

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bigNotebook returns a notebook of about size bytes with images PNG plots
// (noise, so that they do not compress), each after a code cell, with
// markdown, math and text outputs between them.
func bigNotebook(t testing.TB, images, size int) []byte {
	rng := rand.New(rand.NewSource(1))
	perImage := size / images * 3 / 4 // base64 grows bytes by 4/3
	side := 8
	for side*side*3 < perImage {
		side++
	}
	cells := []any{map[string]any{"cell_type": "markdown", "metadata": map[string]any{}, "source": []string{"# A big notebook\n", "\n", "Loss $L = -\\sum_i y_i \\log p_i$.\n"}}}
	for i := 0; i < images; i++ {
		img := image.NewNRGBA(image.Rect(0, 0, side, side))
		for p := 0; p < len(img.Pix); p += 4 {
			img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(rng.Intn(256)), 255
		}
		img.Set(0, 0, color.NRGBA{uint8(i), 0, 0, 255}) // every image differs
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		cells = append(cells,
			map[string]any{"cell_type": "markdown", "metadata": map[string]any{}, "source": []string{fmt.Sprintf("## Plot %d\n", i), "\n", "The model after $k$ steps, see [the top](#plot-0).\n"}},
			map[string]any{"cell_type": "code", "execution_count": i + 1, "metadata": map[string]any{}, "source": []string{
				"import numpy as np\n", "import matplotlib.pyplot as plt\n", fmt.Sprintf("x = np.linspace(0, %d, 100)\n", i+1), "plt.plot(x, np.sin(x))\n", "print(x.mean())\n"},
				"outputs": []any{
					map[string]any{"output_type": "stream", "name": "stdout", "text": []string{fmt.Sprintf("%d.5\n", i)}},
					map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{
						"image/png": base64.StdEncoding.EncodeToString(buf.Bytes()), "text/plain": []string{"<Figure size 640x480 with 1 Axes>"}}},
				}})
	}
	nb := map[string]any{"cells": cells, "nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"language_info": map[string]any{"name": "python"}}}
	data, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// BenchmarkNotebook4MB100ImagesWarm rebuilds, warm, a course whose lesson
// is a 4 MB notebook with 100 images, after each save of the notebook:
// what the preview does. The budget is 200 ms.
func BenchmarkNotebook4MB100ImagesWarm(b *testing.B) {
	dir := b.TempDir()
	nb := bigNotebook(b, 100, 4<<20)
	files := map[string]string{
		"course.toml":               "title = \"Big\"\n",
		"content/01-m/_index.md":    "---\ntitle: M\n---\n",
		"content/01-m/01-big.ipynb": string(nb),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	bl, prev := benchFirstBuild(b, dir)
	if n := len(prev.Site.Files); n < 100 {
		b.Fatalf("only %d files", n)
	}
	// Each rebuild follows a save of the notebook (one stored output
	// changed), as in the preview: an unchanged notebook is carried over.
	path := filepath.Join(dir, "content/01-m/01-big.ipynb")
	saved := [2][]byte{nb, bytes.Replace(nb, []byte(`"0.5\n"`), []byte(`"9.5\n"`), 1)}
	if bytes.Equal(saved[0], saved[1]) {
		b.Fatal("the notebook has no output to change")
	}
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := os.WriteFile(path, saved[(i+1)%2], 0o644); err != nil {
			b.Fatal(err)
		}
		c := cpuTime()
		b.StartTimer()
		res := bl.Rebuild(prev, Changes{Paths: []string{"content/01-m/01-big.ipynb"}})
		b.StopTimer()
		cpu += cpuTime() - c
		b.StartTimer()
		if !res.OK() {
			b.Fatal(res.Diags)
		}
		if !strings.Contains(string(res.Site.Files["m/big/index.html"]), []string{"0.5\n", "9.5\n"}[(i+1)%2]) {
			b.Fatal("the saved notebook was not rendered again")
		}
		prev = res
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(nb))/(1<<20), "MB")
}
