// Package sitecheck is the whole-site quality gate: it serves a built site
// under its base path the way a plain static host does, visits every page in
// headless Chromium and returns what is wrong, as a list of [Finding]s
// (page, check, detail).
//
// # What it checks
//
// Every HTML file of the site is a page: folder/index.html is visited at
// folder/, and 404.html at a path that does not exist (it must answer 404).
// With [Options.SearchQuery], the search page is visited once more with
// that query (search/?q=…) and must show results. Pages are visited
// [Options.Tabs] at a time, each tab in a browser context of its own (its
// own localStorage, so that the theme one tab stores is not another's);
// each page is checked in one tab from start to end.
// On each page, after it has loaded, its fonts are ready and no request is in
// flight:
//
//   - "load": the page did not load, settle or answer the checks' scripts
//     within [Options.PageTimeout] (the other checks of that page are then
//     incomplete);
//   - "console": console.error, console.warn and failed console.assert calls,
//     uncaught exceptions, and the browser's own error log (blocked loads, CSP…);
//   - "request": failed requests and responses with a status of 400 or more;
//   - "foreign-host": any request to a host other than 127.0.0.1 (Chromium
//     runs with every other host unresolvable; see browsertest.Flags);
//   - "link": every a[href], area[href] and link[href] on the site's own
//     origin names a file of the site (a folder needs its index.html) and, with
//     a #fragment, a page that has an element with that id (or an a[name]).
//     Links to other hosts are not followed;
//   - "axe": axe-core (node_modules/axe-core/axe.min.js, injected into the page)
//     reports no violation of impact serious or critical, once with the theme
//     toggle's choice stored as light and once as dark (localStorage
//     "course.theme"; the page is reloaded so the theme applies before the
//     first paint, and data-theme must say so). Dark mode runs the rules that
//     read colours (the document is otherwise the same); KaTeX's aria-hidden
//     glyph boxes are left out; of the print pages, which repeat the
//     lessons, only the smallest is checked (see smallestPrintPage);
//   - "title", "description": every page has a <title> no other page has, and
//     a non-empty meta description;
//   - "layout-shift": the cumulative layout shift during load, read from a
//     buffered PerformanceObserver of type layout-shift, is at most
//     [Options.MaxLayoutShift] (0 unless set): formulas are rendered at build
//     time and fonts must not move the text when they arrive;
//   - "weight": everything a lesson page loads before any interaction (the
//     document and every resource in its Resource Timing list once it has
//     settled, each gzip-compressed at the default level as a static host
//     would send it) is under [Options.LessonBudget]. Pyodide and anything else
//     loaded only after pressing Run are not part of it, since nothing is
//     pressed. [Options.OnPage] receives the figures of every page;
//   - "html-validate": html-validate's findings over every HTML file of the
//     site, run once with node and the given config (the repository's
//     .htmlvalidate.json extends html-validate:recommended; its exceptions
//     and their reasons are in this package's README.md);
//   - "runner": on the first page with a browser exercise
//     (section.exercise[data-runtime="browser"]) that has a Run button
//     (button[data-action="run"]), pressing it must end with the section's
//     .exercise-results getting data-status "pass" or "fail" within
//     [Options.RunnerTimeout], with every other host unresolvable, so the
//     site's own copy of Pyodide must be enough. "error" is a finding. When no
//     page has a Run button, that is a finding only with
//     [Options.RequireRunner] (a site may have no browser exercise).
//
// # Using it
//
// [Run] needs the built site, its base path, a Chromium ([Options.Browser],
// or browsertest.FindChromium), and for axe and html-validate a node_modules
// folder holding the packages pinned in the repository's package.json and a
// node program. It does not use the testing package: the test of this
// package is a thin wrapper that builds the bundled course and fails on any
// finding, and `course test` may call it the same way.
package sitecheck

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mlcourse/course/internal/browsertest"
)

// Finding is one problem on one page.
type Finding struct {
	Page   string // the page's URL path (with its query, if any), or a file for html-validate
	Check  string // "console", "request", "foreign-host", "link", "axe", "title", …
	Detail string // what is wrong
}

func (f Finding) String() string { return f.Page + "\t" + f.Check + "\t" + f.Detail }

// PageStat is what Run measured on one page, in light mode, before any
// interaction.
type PageStat struct {
	Page        string       // URL path
	Kind        string       // the page kind (<html data-kind>): home, module, lesson, search, 404, print
	GzipBytes   int          // the document and every resource it loaded, each gzip-compressed
	RawBytes    int          // the same, uncompressed
	Files       []FileWeight // the files counted, heaviest first
	LayoutShift float64      // cumulative layout shift during load
}

// FileWeight is one file a page loads.
type FileWeight struct {
	File      string // relative to the site folder
	GzipBytes int
}

// DefaultLessonBudget is the most a lesson page may load, gzip-compressed,
// before any interaction: 150 KB.
const DefaultLessonBudget = 150 * 1000

// Options tell Run what to check and with what.
type Options struct {
	Dir      string // the built site
	BasePath string // the path it is served under, such as "/ml-course/"

	// Browser is the Chromium to run; "" looks it up with
	// browsertest.FindChromium.
	Browser string
	// Node runs html-validate; "" means "node" on PATH.
	Node string
	// NodeModules holds axe-core and html-validate (required).
	NodeModules string
	// HTMLValidateConfig is the html-validate config file (required).
	HTMLValidateConfig string

	// LessonBudget is the most a lesson page may load, gzip-compressed; 0
	// means DefaultLessonBudget.
	LessonBudget int
	// MaxLayoutShift is the largest cumulative layout shift allowed during a
	// page's load (default 0: none).
	MaxLayoutShift float64
	// RequireRunner makes the absence of any Run button a finding.
	RequireRunner bool
	// RunnerTimeout bounds one exercise run, Pyodide's first load included;
	// 0 means 5 minutes, a hang guard: the load takes 4 s alone and many
	// times that on a loaded machine.
	RunnerTimeout time.Duration
	// PageTimeout bounds each wait on a page (load, settle, axe); 0 means
	// 3 min, a hang guard wide enough for a loaded machine (at load 20-40
	// on two cores, axe on one page passed 60 s).
	PageTimeout time.Duration
	// Tabs is how many pages are checked at once, each in a tab of its
	// own; 0 means 1. More tabs help only on an idle machine with cores to
	// spare: on two loaded cores two tabs took longer and more CPU (see
	// README.md).
	Tabs int
	// SearchQuery, when set, is searched for on the search page
	// (search/?q=…), which is then checked as one more page: its results
	// must show, and their links and anchors resolve.
	SearchQuery string

	// Logf, when set, receives progress notes.
	Logf func(format string, args ...any)
	// OnPage, when set, receives the measurements of every page, from one
	// tab at a time.
	OnPage func(PageStat)
}

// Errors of set-up, as opposed to findings about the site.
var (
	ErrNoBrowser = browsertest.ErrNoChromium
	ErrNoNode    = errors.New("no node program found")
)

// notFoundPath is visited to see the 404 page.
const notFoundPath = "sitecheck-no-such-page/"

// Run checks the site in opts.Dir and returns its findings, sorted by page
// and check. An error means the check itself could not run (no browser, no
// node, a missing node package, the browser crashed).
func Run(ctx context.Context, opts Options) ([]Finding, error) {
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	pages, err := listPages(opts.Dir)
	if err != nil {
		return nil, err
	}
	pages = withSearch(pages, opts.SearchQuery)
	if len(pages) == 0 {
		return nil, fmt.Errorf("sitecheck: %s holds no HTML page", opts.Dir)
	}
	axe, err := os.ReadFile(filepath.Join(opts.NodeModules, "axe-core", "axe.min.js"))
	if err != nil {
		return nil, fmt.Errorf("sitecheck: axe-core: %w (run npm ci)", err)
	}

	// html-validate runs beside the browser.
	var (
		hvFindings []Finding
		hvErr      error
		hvDone     = make(chan struct{})
	)
	clock := newTimings()
	go func() {
		defer close(hvDone)
		start := time.Now()
		hvFindings, hvErr = validateHTML(ctx, opts)
		clock.add("html-validate", time.Since(start))
	}()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("sitecheck: %w", err)
	}
	srv := &http.Server{Handler: browsertest.StaticHandler(opts.Dir, opts.BasePath), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	origin := "http://" + ln.Addr().String()

	c := &checker{opts: opts, origin: origin, axe: string(axe), pages: map[string]*pageInfo{}, clock: clock}
	browserErr := c.run(ctx, pages)

	<-hvDone
	opts.Logf("sitecheck: wall time per phase, summed over pages and tabs (html-validate runs beside the browser):%s", clock)
	findings := append(c.findings, hvFindings...)
	if err := errors.Join(browserErr, hvErr); err != nil {
		return sortFindings(findings), err
	}
	return sortFindings(findings), nil
}

func (o *Options) defaults() error {
	if o.Dir == "" {
		return errors.New("sitecheck: Options.Dir is empty")
	}
	if st, err := os.Stat(o.Dir); err != nil || !st.IsDir() {
		return fmt.Errorf("sitecheck: %s is not a folder", o.Dir)
	}
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return err
	}
	o.Dir = abs
	o.BasePath = "/" + strings.Trim(o.BasePath, "/") + "/"
	if o.BasePath == "//" {
		o.BasePath = "/"
	}
	if o.NodeModules == "" || o.HTMLValidateConfig == "" {
		return errors.New("sitecheck: Options.NodeModules and Options.HTMLValidateConfig are required")
	}
	if o.LessonBudget <= 0 {
		o.LessonBudget = DefaultLessonBudget
	}
	if o.RunnerTimeout <= 0 {
		o.RunnerTimeout = 5 * time.Minute
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = 3 * time.Minute
	}
	if o.Tabs <= 0 {
		o.Tabs = 1
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.OnPage == nil {
		o.OnPage = func(PageStat) {}
	}
	return nil
}

// sitePage is one HTML file of the site and where it is visited.
type sitePage struct {
	file string // slash path relative to Dir
	path string // URL path below the base path, "" for the home page
	want int    // the HTTP status the visit must get

	// A variant is another visit of a page, with a query; ready is what
	// it waits for once the page has settled.
	variant bool
	ready   string
}

// searchPage is the theme's search page, and searchReady is true once it
// shows the results of the query in its URL.
const (
	searchPage  = "search/index.html"
	searchReady = `document.querySelector("#search-page-results > *")`
)

// withSearch adds a visit of the search page with query q, so that the
// results it shows are checked too (their links and anchors above all).
func withSearch(pages []sitePage, q string) []sitePage {
	if q == "" {
		return pages
	}
	for _, p := range pages {
		if p.file == searchPage {
			return append(pages, sitePage{file: searchPage, path: pagePath(searchPage) + "?q=" + url.QueryEscape(q),
				want: http.StatusOK, variant: true, ready: searchReady})
		}
	}
	return pages
}

// listPages finds every HTML file under dir.
func listPages(dir string) ([]sitePage, error) {
	var out []sitePage
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		pg := sitePage{file: rel, path: pagePath(rel), want: http.StatusOK}
		if rel == "404.html" {
			pg.want = http.StatusNotFound
		}
		out = append(out, pg)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, err
}

// pagePath is where the HTML file rel (relative to the site folder) is
// visited, below the base path.
func pagePath(rel string) string {
	switch {
	case rel == "404.html":
		return notFoundPath
	case rel == "index.html":
		return ""
	case path.Base(rel) == "index.html":
		return strings.TrimSuffix(rel, "index.html")
	}
	return rel
}

// sortFindings sorts findings by page and check and drops repeats (a
// problem seen in light and in dark mode is one problem).
func sortFindings(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Page != fs[j].Page {
			return fs[i].Page < fs[j].Page
		}
		return fs[i].Check < fs[j].Check
	})
	seen := map[Finding]bool{}
	out := fs[:0]
	for _, f := range fs {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// checker is one Run's state.
type checker struct {
	opts   Options
	origin string // http://127.0.0.1:port
	axe    string

	axePrint string // the one print page axe checks (see smallestPrintPage)
	clock    *timings

	onPageMu sync.Mutex // Options.OnPage is called by one tab at a time

	mu       sync.Mutex
	findings []Finding
	pages    map[string]*pageInfo // by URL path (with the base path)
}

func (c *checker) add(page, check, format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.findings = append(c.findings, Finding{Page: page, Check: check, Detail: fmt.Sprintf(format, args...)})
}

// urlPath returns the path (and query) of u when it is on the server's
// origin, else "".
func (c *checker) urlPath(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme+"://"+p.Host != c.origin {
		return u
	}
	if p.RawQuery != "" {
		return p.Path + "?" + p.RawQuery
	}
	return p.Path
}
