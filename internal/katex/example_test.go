package katex_test

import (
	"errors"
	"fmt"
	"log"
	"path/filepath"

	"github.com/mlcourse/course/internal/katex"
)

// A build makes one Renderer, renders every formula of every page (from
// many goroutines if it likes), and flushes the cache once at the end.
func Example() {
	r, err := katex.New(katex.Options{CacheDir: filepath.Join("site", ".course-cache", "katex")})
	if err != nil {
		log.Fatal(err)
	}
	html, err := r.Render(`\hat{y} = \sigma(\mathbf{w}^\top \mathbf{x} + b)`, false)
	if err != nil {
		log.Fatal(err)
	}
	_ = html // <span class="katex">…</span>, to put into the page as it is

	_, err = r.Render(`\frac{1}{`, true)
	var e *katex.Error
	if errors.As(err, &e) {
		// e.Offset is a byte offset into the formula: add the offset of the
		// formula in its file to point the author at the line and column.
		fmt.Println(e.Msg, "at byte", e.Offset)
	}
	if err := r.Flush(); err != nil {
		log.Fatal(err)
	}
}
