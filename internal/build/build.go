// Package build runs the pipeline that `course build` and `course serve`
// share: load configuration and content, render, and produce a site in
// memory. It is a flat list of steps; each step reports its problems into
// one diag.List and the build fails once, at the end.
//
// A Builder keeps the expensive parts (KaTeX VMs, highlight and math caches)
// between builds, so a preview server's rebuilds reuse them.
package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/highlight"
	"github.com/mlcourse/course/internal/katex"
	"github.com/mlcourse/course/internal/output"
	"github.com/mlcourse/course/internal/site"
	"github.com/mlcourse/course/internal/theme"
)

// CacheDir is the cache folder under the project root.
const CacheDir = ".course-cache"

// Options configure a Builder.
type Options struct {
	Source    string // project root
	BaseURL   string // overrides course.toml when set
	Drafts    bool
	Workers   int    // <= 0: GOMAXPROCS
	NoCache   bool   // keep no math cache on disk
	Generator string // "course vX"
}

// Builder builds one project, repeatedly.
type Builder struct {
	opts Options
	fsys fs.FS
	hl   *highlight.Highlighter
	math *katex.Renderer
}

// New prepares a Builder. Renderers start lazily on first use.
func New(opts Options) (*Builder, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	st, err := os.Stat(opts.Source)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, errors.New(opts.Source + " is not a folder")
	}
	cacheDir := ""
	if !opts.NoCache {
		cacheDir = filepath.Join(opts.Source, CacheDir, "math")
	}
	m, err := katex.New(katex.Options{CacheDir: cacheDir, Workers: opts.Workers})
	if err != nil {
		return nil, err
	}
	return &Builder{opts: opts, fsys: os.DirFS(opts.Source), hl: highlight.New(), math: m}, nil
}

// Result is one build.
type Result struct {
	Site     *output.Site // the built site (in memory); nil when written to a folder
	Notes    []string     // things worth saying that are not problems
	Diags    *diag.List
	Config   *config.Config
	Course   *content.Course
	Timings  *site.Timings
	Duration time.Duration
}

// OK reports whether the build found no errors.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Build runs the whole pipeline into memory.
func (b *Builder) Build() *Result {
	site := output.NewSite()
	res := b.run(site)
	res.Site = site
	return res
}

// run runs the pipeline into sink.
func (b *Builder) run(sink output.Sink) *Result {
	start := time.Now()
	dl := &diag.List{}
	tm := &site.Timings{}
	res := &Result{Diags: dl, Timings: tm}

	t0 := time.Now()
	cfg := config.Load(b.fsys, config.Overrides{BaseURL: b.opts.BaseURL, Drafts: b.opts.Drafts}, dl)
	course := content.Load(b.fsys, cfg, dl)
	tm.Add("load", time.Since(t0))
	res.Config, res.Course = cfg, course

	opts := site.Options{
		Highlight:   b.highlight(tm),
		ExtraStatic: map[string][]byte{"css/chroma.css": []byte(highlight.CSS())},
		Generator:   b.opts.Generator,
		Workers:     b.opts.Workers,
		Timings:     tm,
	}
	if cfg.MathEnabled() {
		opts.Math = b.renderMath(tm)
	}
	res.Notes = site.Build(course, b.fsys, theme.Load(b.fsys, cfg.Theme), opts, dl, sink)
	res.Duration = time.Since(start)
	return res
}

// highlight adapts the highlighter to the markdown hook, timing it.
func (b *Builder) highlight(tm *site.Timings) func(code, lang string, linenos bool, hl [][2]int, start int) string {
	return func(code, lang string, linenos bool, hl [][2]int, start int) string {
		t := time.Now()
		out := b.hl.HTML(code, highlight.Options{Lang: lang, LineNumbers: linenos, Highlight: hl, Start: start})
		tm.Add("highlight (sum over workers)", time.Since(t))
		return out
	}
}

func (b *Builder) renderMath(tm *site.Timings) func(src string, display bool) (string, int, error) {
	return func(src string, display bool) (string, int, error) {
		t := time.Now()
		out, err := b.math.Render(src, display)
		tm.Add("math (sum over workers)", time.Since(t))
		var ke *katex.Error
		if errors.As(err, &ke) {
			return "", ke.Offset, errors.New(ke.Msg)
		}
		return out, -1, err
	}
}

// Close persists caches. Call it once the Builder is no longer needed.
func (b *Builder) Close() error {
	return b.math.Flush()
}

// Flush persists caches without closing (after each preview rebuild).
func (b *Builder) Flush() error { return b.math.Flush() }

// Write builds straight into a temporary folder next to out and, when the
// build is clean, swaps it in; otherwise out is left as it was. The
// returned error is an *output.RefusedError for a refused folder; build
// problems are in the Result.
func (b *Builder) Write(out string) (*Result, error) {
	w, err := output.NewDirWriter(out, b.opts.Source)
	if err != nil {
		return nil, err
	}
	res := b.run(w)
	if !res.OK() {
		w.Abort()
		return res, nil
	}
	t := time.Now()
	err = w.Commit()
	res.Timings.Add("swap", time.Since(t))
	res.Duration += time.Since(t)
	return res, err
}
