package server

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/mlcourse/course/internal/build"
	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/site"
	"github.com/mlcourse/course/internal/watch"
)

// PreviewOptions configure a Preview.
type PreviewOptions struct {
	Source    string // project root
	BaseURL   string // a path or full URL; "" serves at "/" whatever course.toml says
	Drafts    bool
	Generator string
	Poll      time.Duration // > 0: poll for changes at this interval instead of OS events
	Quiet     time.Duration // the watcher's quiet window (watch.DefaultQuiet when zero)
	// Log receives one report per build (and its problems, once); nil
	// discards them.
	Log io.Writer
	// OnBuild, when set, is called after each build has been published.
	OnBuild func(Report)
}

// Report describes one build of a Preview.
type Report struct {
	N        int           // 1 for the first build
	Start    time.Time     // when the build began
	OK       bool          // false: the server shows the errors
	Duration time.Duration // the build alone
	Publish  time.Duration // diffing and swapping in the site, telling the tabs
	Pages    int           // pages of the course
	Changed  Reload        // what changed (good builds)
	Problems []Problem     // errors and warnings
	Batch    watch.Batch   // what triggered the build (empty for the first)
	Timings  *site.Timings // the build's stages
}

// Preview is `course serve` without the command line: it builds the site
// into memory with the same pipeline as `course build` (build.Builder.Build),
// serves it with a Server, and rebuilds on every batch of changes a
// watch.Watcher sends, publishing good builds and showing failed ones.
// The folder public/ is never written.
type Preview struct {
	srv     *Server
	builder *build.Builder
	watcher *watch.Watcher
	fsys    fs.FS
	opts    PreviewOptions
	n       int
	// last is the last clean build: the next rebuild carries its unchanged
	// pages over.
	last *build.Result

	closeOnce sync.Once
	closeErr  error
}

// NewPreview starts watching opts.Source, runs the first build and returns
// a Preview ready to serve (see Handler) and to rebuild (see Run). The
// first build may fail: the server then shows its errors.
func NewPreview(opts PreviewOptions) (*Preview, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	base := "/"
	if opts.BaseURL != "" {
		p, _, err := config.ParseBaseURL(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("--base-url: %v", err)
		}
		base = p
	}
	bopts := build.Options{Source: opts.Source, BaseURL: opts.BaseURL, Drafts: opts.Drafts, Generator: opts.Generator, Preview: true}
	if bopts.BaseURL == "" {
		bopts.BaseURL = "/" // the preview serves at the root unless asked
	}
	b, err := build.New(bopts)
	if err != nil {
		return nil, err
	}
	// Watch before the first build, so that an edit made during it is
	// not missed.
	w, err := watch.New(watch.Options{Root: opts.Source, Poll: opts.Poll, Quiet: opts.Quiet})
	if err != nil {
		b.Close()
		return nil, err
	}
	p := &Preview{
		srv:     New(Options{BasePath: base}),
		builder: b,
		watcher: w,
		fsys:    os.DirFS(opts.Source),
		opts:    opts,
	}
	p.rebuild(watch.Batch{})
	return p, nil
}

// Server is the preview's http.Handler.
func (p *Preview) Server() *Server { return p.srv }

// Run rebuilds on every batch of changes until ctx ends or the Preview is
// closed.
func (p *Preview) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-p.watcher.Batches():
			if !ok {
				return
			}
			p.rebuild(b)
		}
	}
}

// Close ends the event streams, stops the watcher and saves the caches.
func (p *Preview) Close() error {
	p.closeOnce.Do(func() {
		p.srv.Close()
		err1 := p.watcher.Close()
		err2 := p.builder.Close()
		p.closeErr = err1
		if p.closeErr == nil {
			p.closeErr = err2
		}
	})
	return p.closeErr
}

// rebuild runs one build, publishes or shows it, and reports it once.
func (p *Preview) rebuild(batch watch.Batch) {
	p.n++
	start := time.Now()
	ch := build.Changes{Paths: batch.Paths(), All: batch.Rescan}
	if ch.All {
		fmt.Fprintf(p.opts.Log, "%s events were lost: reading the whole project again (a full rebuild)\n", time.Now().Format("15:04:05"))
	}
	res := p.builder.Rebuild(p.last, ch)
	if res.OK() {
		p.last = res
	}
	r := Report{N: p.n, Start: start, Batch: batch, Duration: res.Duration, OK: res.OK(), Timings: res.Timings}
	if res.Course != nil {
		r.Pages = len(res.Course.Pages)
	}
	r.Problems = Problems(res.Diags.Items(), p.fsys)
	t := time.Now()
	if r.OK {
		r.Changed = p.srv.Publish(res.Site)
	} else {
		p.srv.Fail(r.Problems)
	}
	r.Publish = time.Since(t)
	p.log(r, res)
	if p.opts.OnBuild != nil {
		p.opts.OnBuild(r)
	}
	_ = p.builder.Flush() // a lost math cache only costs time
}

func (p *Preview) log(r Report, res *build.Result) {
	w := p.opts.Log
	if res.Diags.Len() > 0 {
		fmt.Fprint(w, res.Diags.String())
	}
	took := (r.Duration + r.Publish).Round(100 * time.Microsecond)
	if r.N == 1 {
		// res.Notes are left out: they are about publishing (sitemap,
		// print pages), which the preview does not do.
		if r.OK {
			fmt.Fprintf(w, "built %d pages in %s\n", r.Pages, took)
		} else {
			fmt.Fprintf(w, "the build failed in %s; the browser shows the errors until you save a fix\n", took)
		}
		return
	}
	what := describe(r.Batch)
	stamp := time.Now().Format("15:04:05")
	if !r.OK {
		fmt.Fprintf(w, "%s %s: build failed in %s; the browser shows the errors\n", stamp, what, took)
		return
	}
	changed := fmt.Sprintf("%d pages changed", len(r.Changed.Pages))
	switch {
	case r.Changed.All:
		changed = "many pages changed"
	case len(r.Changed.Pages) == 1:
		changed = "1 page changed"
	}
	if n := len(r.Changed.Removed); n > 0 {
		changed += fmt.Sprintf(", %d removed", n)
	}
	fmt.Fprintf(w, "%s %s: rebuilt in %s, %s\n", stamp, what, took, changed)
}

// describe names what changed in a batch: one path, or the first and a count.
func describe(b watch.Batch) string {
	switch {
	case b.Rescan:
		return "changes (events were lost)"
	case len(b.Changes) == 0:
		return "rebuild"
	case len(b.Changes) == 1:
		return b.Changes[0].Path
	}
	return fmt.Sprintf("%s and %d more", b.Changes[0].Path, len(b.Changes)-1)
}
