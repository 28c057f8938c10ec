// Package build runs the pipeline that `course build` and `course serve`
// share: load configuration and content, render, and produce a site in
// memory. It is a flat list of steps; each step reports its problems into
// one diag.List and the build fails once, at the end.
//
// A Builder keeps the expensive parts (KaTeX VMs, highlight and math caches)
// between builds, so a preview server's rebuilds reuse them. It reads the
// project through a cache (sourceFS) that keeps every file's bytes until a
// change names the file: Rebuild is told what changed and reads only that,
// and every later stage keeps what it derived from a file for as long as
// the file's bytes are the same slice (the theme digest and hashed names,
// parsed pages, the exercises, each page's digest; the pages themselves by
// their dependency keys, see site.PageCache). Build and Write forget
// everything first: a full build is the same code with an empty cache.
package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
	"github.com/mlcourse/course/internal/highlight"
	"github.com/mlcourse/course/internal/katex"
	"github.com/mlcourse/course/internal/markdown"
	"github.com/mlcourse/course/internal/output"
	"github.com/mlcourse/course/internal/site"
	"github.com/mlcourse/course/internal/theme"
	"github.com/mlcourse/course/themes"
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
	// Preview: the Builder lives long and builds into memory, as the
	// preview does: print pages are joined when first read
	// (site.Options.LazyPrint) and the math cache is kept compressed in
	// memory (katex.Options.Compact).
	Preview bool
	// FS, when set, is the project's files instead of the folder Source
	// (tests count the reads of a rebuild with it).
	FS fs.FS
}

// Builder builds one project, repeatedly.
type Builder struct {
	opts   Options
	src    *sourceFS // the project, read through a cache
	hl     *highlight.Highlighter
	math   *katex.Renderer
	themes *site.ThemeCache // templates, file and page digests, kept between builds
	pages  *content.Memo    // parsed pages
	ex     *exerciseStage   // what the build derived from exercises/
	embeds map[string]embedScan
	chroma []byte            // css/chroma.css
	extras map[string][]byte // the previous build's generated files, to keep their slices
	seeded bool              // the theme digests of the previous run were looked for
	snap   *snapshotCheck    // the last verdict on the theme's memory snapshot
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
	m, err := katex.New(katex.Options{CacheDir: cacheDir, Workers: opts.Workers, Compact: opts.Preview})
	if err != nil {
		return nil, err
	}
	fsys := opts.FS
	if fsys == nil {
		fsys = os.DirFS(opts.Source)
	}
	return &Builder{opts: opts, src: newSourceFS(fsys), hl: highlight.New(), math: m, themes: &site.ThemeCache{},
		pages: &content.Memo{}, chroma: []byte(highlight.CSS())}, nil
}

// Changes are what a rebuild is told changed since the previous build.
type Changes struct {
	// Paths changed (created, written, removed or renamed, files or
	// folders), slash-separated and relative to the project root.
	Paths []string
	// All: anything may have changed (the watcher lost events); the
	// rebuild reads everything again, as a full build does.
	All bool
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
	// Reused counts the pages carried over unchanged from the previous
	// build in the output folder (Write only).
	Reused int
	// Work is what the build did rather than carry over.
	Work *site.Work
	// Pages is the number of pages built.
	Pages int
	// UpToDate: Write found the output folder already holding the build of
	// these very inputs, and did nothing (see fresh.go). Config and Course
	// are then nil.
	UpToDate bool

	pageCache *site.PageCache
}

// OK reports whether the build found no errors.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Build runs the whole pipeline into memory, reading every file again.
func (b *Builder) Build() *Result {
	b.src.ForgetAll()
	return b.build()
}

func (b *Builder) build() *Result {
	site := output.NewSite()
	res := b.run(site, nil)
	res.Site = site
	return res
}

// Rebuild builds into memory like Build after the changes ch (everything
// that changed since this Builder's previous build), reading only the
// changed files and carrying over from prev (a previous clean result of
// this Builder) every page whose inputs did not change: the preview
// server's rebuilds render only what an edit touched. A nil or failed prev
// renders every page.
func (b *Builder) Rebuild(prev *Result, ch Changes) *Result {
	if ch.All {
		b.src.ForgetAll()
	} else {
		b.src.Forget(ch.Paths)
	}
	if prev == nil || !prev.OK() || prev.Site == nil || prev.pageCache == nil {
		return b.build()
	}
	site := output.NewSiteFrom(prev.Site)
	res := b.run(site, prev.pageCache)
	site.DropPrevious()
	res.Site = site
	return res
}

// run runs the pipeline into sink, with the page cache of the previous
// build into the same sink (nil for none).
func (b *Builder) run(sink output.Sink, cache *site.PageCache) *Result {
	_, keepHTML := sink.(*output.Site) // in memory: the next Rebuild reuses it
	start := time.Now()
	dl := &diag.List{}
	tm := &site.Timings{}
	res := &Result{Diags: dl, Timings: tm}

	t0 := time.Now()
	cfg := config.Load(b.src, config.Overrides{BaseURL: b.opts.BaseURL, Drafts: b.opts.Drafts}, dl)
	course := content.LoadMemo(b.src, cfg, dl, b.pages)
	tm.Add("load", time.Since(t0))
	res.Config, res.Course, res.Pages = cfg, course, len(course.Pages)

	ex := b.exercises(dl)
	exercises := ex.set
	extra := map[string][]byte{"css/chroma.css": b.chroma}
	for _, e := range exercises.Exercises {
		extra[starterPath(e)] = e.Starter
	}
	if len(exercises.Exercises) > 0 {
		extra["exercises/index.json"] = exerciseIndex(course, exercises)
	}
	rt := &pageRunner{base: cfg.BasePath, cdn: cfg.Runner.Pyodide == "cdn"}
	if ex.runnerErr != nil {
		dl.Add(diag.Diagnostic{File: exercise.Dir, Msg: "cannot prepare the in-page runner: " + ex.runnerErr.Error()})
	} else {
		for p, data := range ex.files {
			extra[p] = data
		}
		rt.bundles, rt.lib = ex.bundles, ex.lib
	}
	b.keepExtras(extra)
	opts := site.Options{
		Highlight:   b.highlight(tm),
		ExtraStatic: extra,
		Directives:  map[string]markdown.DirectiveHandler{"exercise": b.exerciseDirective(exercises, rt)},
		InputsKey:   ex.key + "\x00runner " + cfg.Runner.Pyodide,
		OnAssets:    func(a map[string]string) { rt.assets = a },
		HashDirs:    []string{pyodideDir},
		Generator:   b.opts.Generator,
		Workers:     b.opts.Workers,
		Timings:     tm,
		Cache:       cache,
		CodeVersion: codeVersion(b.cacheDir()),
		KeepHTML:    keepHTML,
		LazyPrint:   b.opts.Preview,
		ThemeCache:  b.themes,
	}
	if cfg.MathEnabled() {
		opts.Math = b.renderMath(tm)
	}
	opts.SkipStatic = rt.skipStatic
	th := theme.Load(b.src, cfg.Theme)
	b.shipSnapshot(th, cfg.Theme, rt, dl)
	sr := site.Build(course, b.src, th, opts, dl, sink)
	res.Notes, res.pageCache, res.Reused, res.Work = sr.Notes, sr.Cache, sr.Reused, sr.Work
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
// build is clean, swaps it in; otherwise out is left as it was. Pages whose
// inputs did not change since the previous build into out are carried over
// (hard-linked) instead of rendered again. The returned error is an
// *output.RefusedError for a refused folder; build problems are in the
// Result.
func (b *Builder) Write(out string) (*Result, error) {
	start := time.Now()
	if err := output.CheckDir(out, b.opts.Source); err != nil {
		return nil, err
	}
	res, unchanged := b.upToDate(out, start)
	if res != nil {
		return res, nil
	}
	w, err := output.NewDirWriter(out, b.opts.Source)
	if err != nil {
		return nil, err
	}
	if b.freshFile(out) != "" {
		if unchanged == nil {
			unchanged = func(string) bool { return false }
		}
		w.Unchanged = unchanged
	}
	b.src.ForgetAll()
	b.src.Record(b.freshFile(out) != "")
	defer b.src.Record(false)
	b.seedThemeSums()
	cacheFile := b.pageCacheFile(out)
	cache := loadPageCache(cacheFile, w.PrevStamp())
	res = b.run(w, cache)
	if !res.OK() {
		w.Abort()
		return res, nil
	}
	t := time.Now()
	stamp := ""
	if res.pageCache != nil {
		stamp = res.pageCache.Stamp
	}
	b.dropFresh(out)
	if err := w.Commit(stamp); err != nil {
		return res, err
	}
	if cacheFile != "" && res.pageCache != nil {
		_ = savePageCache(cacheFile, res.pageCache) // a lost cache only costs time
		b.saveThemeSums()
	}
	res.Timings.Add("swap", time.Since(t))
	b.saveFresh(out, res, start)
	res.Duration = time.Since(start)
	return res, nil
}

// pageCacheFile is the page cache of builds into out, or "" without a cache.
func (b *Builder) pageCacheFile(out string) string {
	if b.opts.NoCache {
		return ""
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(b.opts.Source, CacheDir, "pages-"+hex.EncodeToString(sum[:6])+".gob")
}

// loadPageCache reads a page cache; one made for another build of the
// output folder (a different stamp), or unreadable, counts as none.
func loadPageCache(file, stamp string) *site.PageCache {
	if file == "" || stamp == "" {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var pc site.PageCache
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&pc) != nil || pc.Stamp != stamp {
		return nil
	}
	return &pc
}

func savePageCache(file string, pc *site.PageCache) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(pc); err != nil {
		return err
	}
	data := buf.Bytes()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

var (
	codeOnce sync.Once
	codeSum  string
)

// codeVersion identifies this program: a hash of its executable, so that a
// rebuilt binary never reuses pages rendered by another. Hashing the
// executable takes a while, so the hash is kept in cacheDir (when not "")
// with the executable's path, size and modification time, and taken from
// there while those are the same.
func codeVersion(cacheDir string) string {
	codeOnce.Do(func() {
		// Unknown: unique to this process, so nothing is reused.
		codeSum = fmt.Sprintf("unknown-%d-%d", os.Getpid(), time.Now().UnixNano())
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return
		}
		id := fmt.Sprintf("%s\n%d\n%d\n", exe, st.Size(), st.ModTime().UnixNano())
		file := ""
		if cacheDir != "" {
			file = filepath.Join(cacheDir, "code-version")
			if data, err := os.ReadFile(file); err == nil {
				if sum, ok := strings.CutPrefix(string(data), id); ok && len(sum) == 64 {
					codeSum = sum
					return
				}
			}
		}
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			codeSum = hex.EncodeToString(h.Sum(nil))
			if file != "" && os.MkdirAll(cacheDir, 0o755) == nil {
				_ = os.WriteFile(file, []byte(id+codeSum), 0o644) // a lost file only costs time
			}
		}
	})
	return codeSum
}

// themeSums is what a run keeps on disk of the embedded theme's digests,
// for the next run of the same program.
type themeSums struct {
	Code string
	Sums site.Sums
}

// cacheDir is the project's cache folder, or "" without a cache.
func (b *Builder) cacheDir() string {
	if b.opts.NoCache {
		return ""
	}
	return filepath.Join(b.opts.Source, CacheDir)
}

// seedThemeSums gives a new Builder the theme digests of the previous
// run of the same program, so that a warm build does not hash the
// embedded theme again.
func (b *Builder) seedThemeSums() {
	if b.seeded || b.cacheDir() == "" {
		return
	}
	b.seeded = true
	data, err := os.ReadFile(filepath.Join(b.cacheDir(), "theme-sums.gob"))
	if err != nil {
		return
	}
	var ts themeSums
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&ts) != nil || ts.Code != codeVersion(b.cacheDir()) {
		return
	}
	embedded := themes.Default().(fs.ReadFileFS)
	b.themes.Seed(ts.Sums, func(p string) ([]byte, bool) {
		data, err := embedded.ReadFile(p)
		return data, err == nil
	})
}

// saveThemeSums keeps the theme digests of this run for the next.
func (b *Builder) saveThemeSums() {
	if b.cacheDir() == "" {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(themeSums{Code: codeVersion(b.cacheDir()), Sums: b.themes.Sums()}) != nil {
		return
	}
	file := filepath.Join(b.cacheDir(), "theme-sums.gob")
	if os.MkdirAll(b.cacheDir(), 0o755) == nil && os.WriteFile(file+".tmp", buf.Bytes(), 0o644) == nil {
		_ = os.Rename(file+".tmp", file) // a lost file only costs time
	}
}
