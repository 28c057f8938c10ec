// Package site turns a loaded Course into a complete static site in memory:
// pages rendered through the theme's templates, static files with content
// hashes in their names, the search index, sitemap.xml, robots.txt, 404.html
// and print pages; and it checks every internal link, anchor, image and
// prerequisite.
//
// # Output layout (relative to the base path)
//
//	index.html                        home
//	<module>/index.html               module page
//	<module>/<lesson>/index.html      lesson
//	<module>/print/index.html         the module on one page, for printing
//	print/index.html                  the whole course (left out above 500 lessons)
//	search/index.html                 search page
//	search/<module>.<hash>.json       a shard of the search index
//	404.html                          not found (base-absolute links)
//	search-index.json                 the shards' list, fetched on first search (revalidated)
//	css/…, js/…, katex/…              the theme's static files
//	sitemap.xml, robots.txt, .nojekyll
//
// Every URL in a page is base-absolute. Builds are deterministic: the same
// input gives the same bytes whatever the number of cores.
package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/markdown"
	"github.com/mlcourse/course/internal/output"
)

// Options are the renderers and settings of a build.
type Options struct {
	Highlight markdown.Highlighter
	Math      markdown.MathRenderer
	// Directives adds block directives (exercise, quiz, figure, …).
	Directives map[string]markdown.DirectiveHandler
	// ExtraStatic are generated static files (e.g. "css/chroma.css"),
	// hashed like the theme's.
	ExtraStatic map[string][]byte
	Generator   string
	Workers     int // <= 0: GOMAXPROCS
	// MaxPrintLessons bounds the whole-course print page (0: 500).
	MaxPrintLessons int
	// ThemeCache, when non-nil, keeps parsed templates for the next build.
	ThemeCache *ThemeCache
	// Timings, when non-nil, receives the time spent per stage.
	Timings *Timings
	// Cache is the page cache of the previous build into the same sink, or
	// nil to render every page. CodeVersion identifies the program (part of
	// every cache key).
	Cache       *PageCache
	CodeVersion string
	// LazyPrint: with a sink that is an output.LazySink, print pages are
	// joined from their parts when first read, not in the build (the
	// preview: a lesson edit would otherwise copy the whole course's
	// print page, megabytes, and read it never).
	LazyPrint bool
	// KeepHTML keeps every page's converted markdown in the returned cache
	// (for in-memory rebuilds, whose print pages then need no conversion).
	KeepHTML bool
	// InputsKey must change whenever anything else that pages show changes
	// (e.g. the exercises a directive embeds); it is part of every key.
	InputsKey string
	// SkipStatic, when non-nil, leaves out the theme's static files it
	// returns true for (paths below static/, e.g. "pyodide/pyodide.mjs").
	SkipStatic func(p string) bool
	// HashDirs are static folders (e.g. "pyodide/") published under one
	// content hash of all their files ("pyodide.1a2b3c4d/…"): their files
	// name each other, so they keep their names and the folder changes
	// instead. Every file of a hashed folder can be cached for ever.
	HashDirs []string
	// OnAssets, when non-nil, is called once the static files are placed,
	// before any page renders, with the map from each static path to its
	// published (possibly content-hashed) path below the base path.
	// Directives that name theme files (scripts a page loads on demand)
	// look them up there. The map must not be changed.
	OnAssets func(assets map[string]string)
}

// Result is what Build reports besides the files and the diagnostics.
type Result struct {
	Notes []string // worth saying, not problems
	// Cache describes this build, for the next one; valid only if the
	// build had no errors and its output was kept.
	Cache *PageCache
	// Reused counts the pages carried over from the previous build.
	Reused int
	// Work is what the build did rather than carry over.
	Work *Work
}

// rendered is what the build keeps of one page after rendering it: small
// things for the link check and the search index, and the HTML only while a
// print page still needs it.
type rendered struct {
	page   *content.Page
	key    string // page cache key
	reused bool   // carried over from the previous build
	clean  bool   // converted without problems
	// html is the converted markdown as print pages show it (printHTML),
	// nil when not held; once a module's print page is written, the part
	// of that page that holds it.
	html []byte
	// body, when print pages are joined when read (LazyPrint) and html is
	// nil: the converted markdown, as the part of the page's own HTML that
	// holds it; a print page makes the section's HTML from it.
	body  []byte
	links []markdown.Link
	ids   map[string]bool
	files []string   // written beside the page (a notebook's images)
	entry *PageEntry // the previous build's entry the page was carried over with, if it was
	// search holds the page's search-index sections, each encoded as
	// JSON without its page number: `"h":…,"a":…,"x":…}`.
	search [][]byte
}

// Build renders the course into sink: the theme's static files first, then
// every page as soon as it is rendered (in parallel), then what needs all
// pages (link check, search index, whole-course print page). Memory stays
// bounded by what is in flight, not by the size of the site. src is the
// project root (for content assets), theme the resolved theme. Problems go
// to dl; when dl has errors the caller must discard what sink received.
func Build(c *content.Course, src, theme fs.FS, opts Options, dl *diag.List, sink output.Sink) *Result {
	b := &builder{c: c, src: src, theme: theme, opts: opts, dl: dl, sink: sink, work: &Work{}}
	if b.opts.Workers <= 0 {
		b.opts.Workers = runtime.GOMAXPROCS(0)
	}
	if b.opts.MaxPrintLessons == 0 {
		b.opts.MaxPrintLessons = 500
	}
	res := &Result{Work: b.work}
	defer b.work.sort()
	b.timings().track("static", b.readTheme)
	b.timings().track("static", b.static)
	if !b.timings().trackOK("templates", b.loadTemplates) {
		return res
	}
	b.timings().track("pages", b.renderPages)
	b.timings().track("links", b.checkLinks)
	b.timings().track("search", b.searchIndex)
	b.timings().track("extras", b.extras)
	b.timings().track("extras", b.serviceWorker)
	res.Cache = b.newCache()
	for _, r := range b.pages {
		if r.reused {
			res.Reused++
		}
	}
	if c.Config.BaseURL == "" {
		res.Notes = append(res.Notes, "no sitemap.xml and no canonical links: base_url is a path; set a full URL (https://host/path/) in course.toml or --base-url to get them")
	}
	if !b.printCourse() {
		res.Notes = append(res.Notes, fmt.Sprintf("no whole-course print page: the course has more than %d lessons; each module still has its own", b.opts.MaxPrintLessons))
	}
	return res
}

// newCache describes this build's pages for the next build.
func (b *builder) newCache() *PageCache {
	pc := &PageCache{Entries: make(map[string]*PageEntry, len(b.pages)), shards: b.shards, memos: b.keepMemos(), heads: b.heads}
	keys := make([]string, 0, len(b.pages))
	for _, r := range b.pages {
		keys = append(keys, r.key)
		if !r.clean {
			continue
		}
		if r.entry != nil { // carried over: the same entry, but for where its HTML now is
			e := *r.entry
			e.html, e.body = nil, nil
			if b.opts.KeepHTML {
				e.html, e.body = r.html, r.body
			}
			pc.Entries[r.page.File] = &e
			continue
		}
		ids := make([]string, 0, len(r.ids))
		for id := range r.ids {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		pc.Entries[r.page.File] = &PageEntry{Key: r.key, Links: r.links, IDs: ids, Search: r.search, Files: r.files, idSet: r.ids}
		if b.opts.KeepHTML {
			pc.Entries[r.page.File].html = r.html
			pc.Entries[r.page.File].body = r.body
		}
	}
	pc.Stamp = stamp(keys)
	return pc
}

type builder struct {
	c     *content.Course
	src   fs.FS
	theme fs.FS
	opts  Options
	dl    *diag.List
	sink  output.Sink
	work  *Work

	assets map[string]string // static path → hashed path
	// themeFiles holds every file of the theme, read once per build;
	// themeDigest digests them with the generated static files and the
	// base path.
	themeFiles  map[string][]byte
	themeDigest string
	// heads are the search index's page entries (searchHead).
	heads map[string]searchHeadMemo
	// global is the hex global key (globalKey), set by renderPages.
	global string
	// memos are this build's memos of extra pages and print skeletons,
	// for the next build (PageCache.memos).
	memos map[string]extraMemo
	sums  map[string]fileSum // this build's, by "theme PATH" or "extra PATH"
	// written records every path put, for the link check.
	written map[string]bool
	pages   []*rendered // in reading order, as c.Pages
	byURL   map[string]*rendered
	shards  map[string]*searchShard // by the file of the shard's first page
	words   map[*content.Page]int
	own     map[*content.Page][32]byte // each page's own digest (pageDigest)
	tmpl    map[string]*template.Template
	sd      *SiteData // the full sidebar
	conv    *markdown.Converter
	// compactNav is set for large courses (see compactNavAbove).
	compactNav bool
	sideMu     sync.Mutex
	sideCache  map[string]string // rendered sidebars by module slug
	mu         sync.Mutex
}

func (b *builder) timings() *Timings {
	if b.opts.Timings == nil {
		b.opts.Timings = &Timings{}
	}
	return b.opts.Timings
}

func (b *builder) add(p string, data []byte) {
	b.mu.Lock()
	b.written[p] = true
	b.mu.Unlock()
	if err := b.sink.Put(p, data); err != nil {
		b.dl.Add(diag.Diagnostic{File: p, Msg: "cannot write: " + err.Error()})
	}
}

func (b *builder) abs(p string) string { return b.c.Config.BasePath + strings.TrimPrefix(p, "/") }

// hashName inserts the first 8 hex digits of the SHA-256 of the file's
// bytes (sum) before the extension: css/style.css → css/style.1a2b3c4d.css.
func hashName(p string, sum [32]byte) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

func hashed(p string) bool {
	ext := path.Ext(p)
	return ext == ".css" || ext == ".js"
}

// hashedDir returns the folder of dirs that p is in.
func hashedDir(p string, dirs []string) (string, bool) {
	for _, d := range dirs {
		if strings.HasPrefix(p, d) {
			return d, true
		}
	}
	return "", false
}

// sameBytes reports whether a and b are the same slice, not merely equal.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// fileSum returns the SHA-256 of a theme or generated file, from the
// ThemeCache when the file's bytes are those of the previous build.
func (b *builder) fileSum(key string, data []byte) [32]byte {
	if e, ok := b.sums[key]; ok && sameBytes(e.data, data) {
		return e.sum
	}
	if tc := b.opts.ThemeCache; tc != nil {
		tc.mu.Lock()
		e, ok := tc.sums[key]
		tc.mu.Unlock()
		if ok && sameBytes(e.data, data) {
			b.sums[key] = e
			return e.sum
		}
	}
	e := fileSum{data: data, sum: sha256.Sum256(data)}
	b.sums[key] = e
	return e.sum
}

// dirHashes digests each of HashDirs: its files' names and bytes. A
// folder whose files are all the previous build's is not hashed again.
func (b *builder) dirHashes() map[string]string {
	out := map[string]string{}
	tc := b.opts.ThemeCache
	next := map[string]dirSum{}
	for _, d := range b.opts.HashDirs {
		var cur dirSum
		for _, p := range slices.Sorted(maps.Keys(b.themeFiles)) {
			rel := strings.TrimPrefix(p, "static/")
			if rel == p || !strings.HasPrefix(rel, d) || path.Base(p) == "VENDOR.md" {
				continue
			}
			cur.paths = append(cur.paths, rel)
			cur.files = append(cur.files, b.themeFiles[p])
		}
		if tc != nil {
			tc.mu.Lock()
			prev, ok := tc.dirs[d]
			tc.mu.Unlock()
			if ok && slices.Equal(prev.paths, cur.paths) && slices.EqualFunc(prev.files, cur.files, sameBytes) {
				out[d], next[d] = prev.hash, prev
				continue
			}
		}
		h := sha256.New()
		for i, rel := range cur.paths {
			fmt.Fprintf(h, "%s %d\x00", rel, len(cur.files[i]))
			h.Write(cur.files[i])
		}
		cur.hash = hex.EncodeToString(h.Sum(nil))[:8]
		out[d], next[d] = cur.hash, cur
	}
	if tc != nil {
		tc.mu.Lock()
		tc.dirs = next
		tc.mu.Unlock()
	}
	return out
}

// readTheme reads every file of the theme once, and digests them with
// what else the parsed templates depend on: from the SHA-256 of each file,
// which the ThemeCache keeps for files that did not change.
func (b *builder) readTheme() {
	b.themeFiles = map[string][]byte{}
	b.sums = map[string]fileSum{}
	_ = fs.WalkDir(b.theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			b.dl.Add(diag.Diagnostic{File: "themes/" + b.c.Config.Theme + "/" + p, Msg: "cannot read: " + err.Error()})
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(b.theme, p)
		if err != nil {
			b.dl.Add(diag.Diagnostic{File: "themes/" + b.c.Config.Theme + "/" + p, Msg: "cannot read: " + err.Error()})
			return nil
		}
		b.themeFiles[p] = data
		return nil
	})
	h := sha256.New()
	fmt.Fprintf(h, "theme v2\x00%s\x00", b.c.Config.BasePath)
	for _, p := range slices.Sorted(maps.Keys(b.themeFiles)) {
		sum := b.fileSum("theme "+p, b.themeFiles[p])
		fmt.Fprintf(h, "\x00theme %s %d %x", p, len(b.themeFiles[p]), sum)
	}
	for _, p := range slices.Sorted(maps.Keys(b.opts.ExtraStatic)) {
		sum := b.fileSum("extra "+p, b.opts.ExtraStatic[p])
		fmt.Fprintf(h, "\x00extra %s %d %x", p, len(b.opts.ExtraStatic[p]), sum)
	}
	b.themeDigest = hex.EncodeToString(h.Sum(nil))
	if tc := b.opts.ThemeCache; tc != nil {
		tc.mu.Lock()
		tc.sums = b.sums // this build's files only: the cache does not grow
		tc.mu.Unlock()
	}
}

// static copies the theme's static files, the generated ones and the
// content's assets.
func (b *builder) static() {
	b.assets = map[string]string{}
	// About a file per page, theme file and generated file: a map grown
	// step by step costs a rebuild of a large course a millisecond.
	b.written = make(map[string]bool, len(b.c.Pages)+len(b.themeFiles)+len(b.opts.ExtraStatic)+len(b.c.Assets)+64)
	dirHash := b.dirHashes()
	put := func(key, p string, data []byte) {
		out := p
		if dir, ok := hashedDir(p, b.opts.HashDirs); ok {
			out = strings.TrimSuffix(dir, "/") + "." + dirHash[dir] + "/" + strings.TrimPrefix(p, dir)
		} else if hashed(p) {
			out = hashName(p, b.fileSum(key, data))
		}
		b.assets[p] = out
		// A name with a content hash names these very bytes (browsers and
		// sw.js cache such files for ever on the same promise): the
		// previous build's copy is carried over, not written again.
		if out != p && immutableName(out) && b.reuse(out) {
			return
		}
		b.add(out, data)
	}
	for _, p := range slices.Sorted(maps.Keys(b.themeFiles)) {
		name := path.Base(p)
		if !strings.HasPrefix(p, "static/") || strings.HasPrefix(name, ".") || name == "VENDOR.md" {
			continue
		}
		rel := strings.TrimPrefix(p, "static/")
		if b.opts.SkipStatic != nil && b.opts.SkipStatic(rel) {
			continue
		}
		put("theme "+p, rel, b.themeFiles[p])
	}
	for _, p := range slices.Sorted(maps.Keys(b.opts.ExtraStatic)) {
		put("extra "+p, p, b.opts.ExtraStatic[p])
	}
	// The search index keeps one name: every page names it, so a hashed
	// name would change every page whenever any page changes. The theme
	// fetches it with cache revalidation instead.
	b.assets["search-index.json"] = "search-index.json"
	for _, a := range b.c.Assets {
		data, err := fs.ReadFile(b.src, a.Src)
		if err != nil {
			b.dl.Add(diag.Diagnostic{File: a.Src, Msg: "cannot read: " + err.Error()})
			continue
		}
		b.add(a.URL, data)
	}
	if b.opts.OnAssets != nil {
		b.opts.OnAssets(b.assets)
	}
}

// parallel runs f(0..n-1) on up to workers goroutines.
func parallel(n, workers int, f func(i int)) {
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// resolver rewrites a page's relative links: to .md files into page URLs,
// to other files into asset URLs.
func (b *builder) resolver(p *content.Page) markdown.LinkResolver {
	dir := path.Dir(p.File)
	return func(dest string, image bool) (string, string, string) {
		if p.Notebook != nil && p.Notebook.Files[dest] != nil {
			return b.abs(p.URL + dest), "", "" // an attachment, extracted
		}
		target, frag := dest, ""
		if i := strings.IndexAny(target, "#?"); i >= 0 {
			target, frag = target[:i], target[i:]
		}
		clean := path.Join(dir, target)
		if strings.HasSuffix(target, ".md") || strings.HasSuffix(target, ".ipynb") {
			if image {
				return "", fmt.Sprintf("image %q is a markdown file", dest), "link to an image file"
			}
			tp := b.c.PageByFile(clean)
			if tp == nil {
				return "", fmt.Sprintf("link to %s, which is not a page of the course", clean), b.nearestFile(clean)
			}
			return b.abs(tp.URL) + frag, "", ""
		}
		if b.c.HasAsset(clean) {
			return b.abs(b.c.AssetURL(clean)) + frag, "", ""
		}
		what := "link"
		if image {
			what = "image"
		}
		hint := "link to the .md file of a page, or to a file next to it under content/"
		if !strings.HasPrefix(clean, content.Dir+"/") {
			hint = "the target is outside content/; move the file into content/"
		}
		return "", fmt.Sprintf("%s target %s does not exist", what, clean), hint
	}
}

func (b *builder) nearestFile(file string) string {
	files := make([]string, 0, len(b.c.Pages))
	for _, p := range b.c.Pages {
		files = append(files, p.File)
	}
	best := diag.Nearest(file, files, len(file)/2+2)
	if best == "" {
		return "check the path; it is relative to the file that links"
	}
	return fmt.Sprintf("did you mean %s?", best)
}

// special pages that links may point at, besides course pages and assets.
func (b *builder) specialURL(u string) bool {
	switch strings.TrimPrefix(u, b.c.Config.BasePath) {
	case "search/", "print/", "404.html", "sitemap.xml", "robots.txt":
		return true
	}
	for _, m := range b.c.Modules {
		if u == b.abs(m.Slug+"/print/") {
			return true
		}
	}
	return false
}

// checkLinks verifies every internal link and anchor, and every
// prerequisite.
func (b *builder) checkLinks() {
	for _, r := range b.pages {
		p := r.page
		for _, l := range r.links {
			target, frag := l.Dest, ""
			if i := strings.IndexByte(target, '#'); i >= 0 {
				target, frag = target[:i], target[i+1:]
			}
			if i := strings.IndexByte(target, '?'); i >= 0 {
				target = target[:i]
			}
			report := func(msg, hint string) {
				line, col := p.LineCol(l.Offset) // only on a problem: it scans the page
				b.dl.Add(diag.Diagnostic{File: p.File, Line: line, Col: col, Msg: msg, Hint: hint})
			}
			var tr *rendered
			switch {
			case target == "":
				tr = r
			case !strings.HasPrefix(target, b.c.Config.BasePath):
				report(fmt.Sprintf("link %q points outside the site", l.Dest), "link to the .md file instead, e.g. [text](../01-module/02-lesson.md)")
				continue
			default:
				if !strings.HasSuffix(target, "/") && path.Ext(target) == "" {
					target += "/"
				}
				tr = b.byURL[target]
				if tr == nil {
					if b.written[strings.TrimPrefix(target, b.c.Config.BasePath)] || b.specialURL(target) {
						continue
					}
					report(fmt.Sprintf("link %q does not resolve", l.Dest), b.suggestURL(target))
					continue
				}
			}
			if frag != "" && !tr.ids[frag] {
				report(fmt.Sprintf("anchor #%s does not exist in %s", frag, tr.page.File), suggestAnchor(frag, tr.ids))
			}
		}
		for i, ref := range p.Meta.Prerequisites {
			if b.c.ResolvePrereq(p, ref) == nil {
				hint := "write module/lesson, e.g. loss-functions/what-is-a-loss"
				if n := b.c.Nearest(ref); n != "" {
					hint = fmt.Sprintf("did you mean %q?", n)
				}
				b.dl.Add(diag.Diagnostic{File: p.File, Line: p.Meta.PrereqLines[i], Msg: fmt.Sprintf("prerequisite %q is not a page of the course", ref), Hint: hint})
			}
		}
	}
}

func (b *builder) suggestURL(u string) string {
	urls := make([]string, 0, len(b.c.Pages))
	for _, p := range b.c.Pages {
		urls = append(urls, b.abs(p.URL))
	}
	best := diag.Nearest(u, urls, len(u)/2+2)
	if best == "" {
		return "link to the .md file of the page"
	}
	return fmt.Sprintf("did you mean %s?", best)
}

func suggestAnchor(frag string, ids map[string]bool) string {
	keys := make([]string, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	sort.Strings(keys)
	best := diag.Nearest(frag, keys, len(frag)/2+2)
	if best == "" {
		return "anchors are the heading texts in lowercase with spaces as dashes"
	}
	return fmt.Sprintf("did you mean #%s?", best)
}

// searchIndexVersion is the "v" of the index format. search-index.json
// lists the shards, each the index of one module (or of the pages outside
// modules), in reading order:
//
//	{"v":2,"shards":["/base/search/loss-functions.1a2b3c4d.json", …]}
//
// and each shard is
//
//	{"pages":[{"t":"title","u":"/base/url/","m":"module title"}, …],
//	 "sections":[{"p":0,"h":"heading","a":"anchor","x":"plain text"}, …]}
//
// "p" is the index of the section's page in the shard; "h" and "a" are
// empty for the text before a page's first heading. A shard's name carries
// a hash of its bytes, so an edit writes its module's shard and the short
// list again, not the whole index (megabytes in a large course), and a
// browser keeps the shards that did not change.
const searchIndexVersion = 2

type searchPage struct {
	T string `json:"t"`
	U string `json:"u"`
	M string `json:"m,omitempty"`
}

type searchSection struct {
	H string `json:"h"`
	A string `json:"a"`
	X string `json:"x"`
}

// encodeSearch encodes a page's sections for the index (see rendered.search).
func encodeSearch(p *content.Page, sections []markdown.Section) [][]byte {
	var out [][]byte
	add := func(s searchSection) {
		data, _ := json.Marshal(s)  // strings only: cannot fail
		out = append(out, data[1:]) // drop "{": the page number goes first
	}
	for _, s := range sections {
		if s.Heading != "" || s.Text != "" {
			add(searchSection{H: s.Heading, A: s.ID, X: s.Text})
		}
	}
	if len(out) == 0 {
		add(searchSection{X: p.Meta.Summary})
	}
	return out
}

// searchShard is one shard of the search index, kept for the next build:
// the pages' entries it was made of (heads and the slices of encoded
// sections, which a carried-over page keeps) and what it became.
type searchShard struct {
	heads  [][]byte
	search [][][]byte
	name   string // published path
	data   []byte
}

// same reports whether the shard is made of these entries.
func (s *searchShard) same(heads [][]byte, search [][][]byte) bool {
	return slices.EqualFunc(s.heads, heads, bytes.Equal) && slices.EqualFunc(s.search, search, func(a, b [][]byte) bool {
		return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
	})
}

// searchHead returns the JSON of a page's entry in the search index: the
// last build's, while its title, URL and module title are the same.
func (b *builder) searchHead(file string, sp searchPage) []byte {
	if b.heads == nil {
		b.heads = make(map[string]searchHeadMemo, len(b.pages))
	}
	var prev map[string]searchHeadMemo
	if b.opts.Cache != nil {
		prev = b.opts.Cache.heads
	}
	if m, ok := prev[file]; ok && m.page == sp {
		b.heads[file] = m
		return m.head
	}
	head, _ := json.Marshal(sp) // strings only: cannot fail
	b.heads[file] = searchHeadMemo{page: sp, head: head}
	return head
}

type searchHeadMemo struct {
	page searchPage
	head []byte
}

// searchIndex writes the index: one shard per run of pages of the same
// module, each made again only when one of its pages' entries changed
// (Work.Shards), and the list of shards.
func (b *builder) searchIndex() {
	var prev map[string]*searchShard
	if b.opts.Cache != nil {
		prev = b.opts.Cache.shards
	}
	b.shards = map[string]*searchShard{}
	urls := []string{}
	for lo := 0; lo < len(b.pages); {
		hi := lo + 1
		for hi < len(b.pages) && b.pages[hi].page.Module == b.pages[lo].page.Module {
			hi++
		}
		first := b.pages[lo].page
		heads := make([][]byte, 0, hi-lo)
		search := make([][][]byte, 0, hi-lo)
		for _, r := range b.pages[lo:hi] {
			p := r.page
			sp := searchPage{T: p.Meta.Title, U: b.abs(p.URL)}
			if p.Module != nil && p.Kind == content.KindLesson {
				sp.M = p.Module.Index.Meta.Title
			}
			heads = append(heads, b.searchHead(p.File, sp))
			search = append(search, r.search)
		}
		sh := prev[first.File]
		if sh == nil || !sh.same(heads, search) {
			slug := "pages"
			if first.Module != nil {
				slug = first.Module.Slug
			}
			sh = &searchShard{heads: heads, search: search, data: searchShardJSON(heads, search)}
			sh.name = hashName("search/"+slug+".json", sha256.Sum256(sh.data))
			b.work.add(&b.work.Shards, sh.name)
		}
		b.shards[first.File] = sh
		b.add(sh.name, sh.data)
		urls = append(urls, b.abs(sh.name))
		lo = hi
	}
	list, _ := json.Marshal(struct {
		V      int      `json:"v"`
		Shards []string `json:"shards"`
	}{searchIndexVersion, urls})
	b.add(b.assets["search-index.json"], list)
}

// searchShardJSON encodes a shard of the index from its pages' heads and
// encoded sections, in a buffer sized first.
func searchShardJSON(heads [][]byte, search [][][]byte) []byte {
	size := 32
	for i, h := range heads {
		size += len(h) + 1
		for _, sec := range search[i] {
			size += len(sec) + 16
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	buf.WriteString(`{"pages":[`)
	for i, h := range heads {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(h)
	}
	buf.WriteString(`],"sections":[`)
	first := true
	num := make([]byte, 0, 16)
	for i := range heads {
		for _, sec := range search[i] {
			if !first {
				buf.WriteByte(',')
			}
			first = false
			num = strconv.AppendInt(append(num[:0], `{"p":`...), int64(i), 10)
			buf.Write(append(num, ','))
			buf.Write(sec)
		}
	}
	buf.WriteString("]}")
	return buf.Bytes()
}

// prefixIDs makes the ids of one page unique inside a print page: every
// id="x" becomes id="prefix--x" and every href="#x" href="#prefix--x". It
// scans bytes instead of using a regexp: print pages hold the whole course
// and a regexp made them the slowest step of a build.
func prefixIDs(html []byte, prefix string) []byte {
	idAttr, hrefAttr := []byte(` id="`), []byte(` href="#`)
	out := make([]byte, 0, len(html)+len(html)/50)
	for len(html) > 0 {
		i := bytes.Index(html, idAttr)
		j := bytes.Index(html, hrefAttr)
		n := idAttr
		if i < 0 || j >= 0 && j < i {
			i, n = j, hrefAttr
		}
		if i < 0 {
			break
		}
		out = append(out, html[:i+len(n)]...)
		out = append(out, prefix...)
		out = append(out, '-', '-')
		html = html[i+len(n):]
	}
	return append(out, html...)
}
