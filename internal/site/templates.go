package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/markdown"
	"github.com/mlcourse/course/internal/notebook"
	"github.com/mlcourse/course/internal/output"
)

// Page kinds, each with its own template file under templates/.
var kinds = []string{"home", "module", "lesson", "search", "404", "print"}

// funcMap is what templates may call besides the built-ins:
//
//	asset "css/style.css"  → base-absolute URL of a static file, with its hash
//	hasAsset "exercises/index.json" → whether the site has that static file
//	abs "search/"          → BasePath + path
//	add, sub               → integer arithmetic
//
// The functions capture only the asset names and the base path, never the
// builder: parsed templates outlive their build in a ThemeCache.
func (b *builder) funcMap() template.FuncMap {
	assets, base := b.assets, b.c.Config.BasePath
	abs := func(p string) string { return base + strings.TrimPrefix(p, "/") }
	return template.FuncMap{
		"asset": func(p string) (string, error) {
			h, ok := assets[strings.TrimPrefix(p, "/")]
			if !ok {
				return "", fmt.Errorf("no static file %q in the theme", p)
			}
			return abs(h), nil
		},
		"hasAsset": func(p string) bool {
			_, ok := assets[strings.TrimPrefix(p, "/")]
			return ok
		},
		"abs": abs,
		"add": func(a, c int) int { return a + c },
		"sub": func(a, c int) int { return a - c },
	}
}

const templateHint = "templates see a *site.PageData: its fields are listed in internal/site/data.go"

var tmplErrRe = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// templateDiag turns an html/template error into a diagnostic.
func (b *builder) templateDiag(err error, fallbackFile string) diag.Diagnostic {
	dir := "themes/" + b.c.Config.Theme + "/templates/"
	msg := err.Error()
	if m := tmplErrRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.Diagnostic{File: dir + m[1], Line: line, Col: col, Msg: "template: " + m[4], Hint: templateHint}
	}
	return diag.Diagnostic{File: dir + fallbackFile, Msg: "template: " + msg, Hint: templateHint}
}

// ThemeCache keeps, between the builds of one long-lived caller (the
// preview server), what a build derives from files that did not change:
// the theme's parsed templates (parsing and escaping them is most of a small
// course's rebuild), the SHA-256 of every theme and generated static file
// (the theme digest and the hashed names come from them), the hash of each
// hashed folder, and each page's word count and own digest. A file is
// unchanged when its bytes are the same slice as in the previous build
// (the callers' file systems hand out the same slice for an unchanged
// file); the cache keeps the slices it compares with. The zero value is
// ready to use; a nil *ThemeCache keeps nothing.
type ThemeCache struct {
	mu     sync.Mutex
	digest string // the key tmpl was parsed for
	tmpl   map[string]*template.Template
	sums   map[string]fileSum // by theme or generated file path
	dirs   map[string]dirSum  // by HashDirs entry
	pages  map[string]pageSum // by page file
}

type fileSum struct {
	data []byte
	sum  [32]byte
}

type dirSum struct {
	paths []string
	files [][]byte
	hash  string
}

type pageSum struct {
	src   []byte
	title string
	words int
	own   [32]byte // digest of the page's front matter and body
}

// templatesKey is what parsed templates depend on: every theme file and
// generated file (the digest) and the published name of every static file
// (the asset functions capture them).
func (b *builder) templatesKey() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", b.themeDigest)
	for _, p := range slices.Sorted(maps.Keys(b.assets)) {
		fmt.Fprintf(h, "%s %s\x00", p, b.assets[p])
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (b *builder) loadTemplates() bool {
	tc := b.opts.ThemeCache
	key := b.templatesKey()
	if tc != nil {
		tc.mu.Lock()
		defer tc.mu.Unlock()
		if tc.digest == key && tc.tmpl != nil {
			b.tmpl = tc.tmpl
			return true
		}
	}
	if !b.parseTemplates() {
		return false
	}
	if tc != nil {
		tc.digest, tc.tmpl = key, b.tmpl
	}
	return true
}

func (b *builder) parseTemplates() bool {
	b.tmpl = map[string]*template.Template{}
	common := template.New("base.html").Funcs(b.funcMap())
	files := []string{"templates/base.html"}
	for _, f := range slices.Sorted(maps.Keys(b.themeFiles)) {
		if ok, _ := path.Match("templates/partials/*.html", f); ok {
			files = append(files, f)
		}
	}
	for _, f := range files {
		data, ok := b.themeFiles[f]
		if !ok {
			b.dl.Add(diag.Diagnostic{File: "themes/" + b.c.Config.Theme + "/" + f, Msg: "missing template",
				Hint: "every theme needs templates/base.html"})
			return false
		}
		name := strings.TrimPrefix(f, "templates/")
		t := common
		if name != "base.html" {
			t = common.New(name)
		}
		if _, err := t.Parse(string(data)); err != nil {
			b.dl.Add(b.templateDiag(err, name))
			return false
		}
	}
	ok := true
	for _, k := range kinds {
		name := k + ".html"
		data, found := b.themeFiles["templates/"+name]
		if !found {
			b.dl.Add(diag.Diagnostic{File: "themes/" + b.c.Config.Theme + "/templates/" + name, Msg: "missing template",
				Hint: "a theme needs one template per page kind: " + strings.Join(kinds, ", ")})
			ok = false
			continue
		}
		t, err := common.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(data))
		}
		if err != nil {
			b.dl.Add(b.templateDiag(err, name))
			ok = false
			continue
		}
		b.tmpl[k] = t
	}
	return ok
}

// outPath is the file a page URL is written to.
func outPath(url string) string {
	if url == "" {
		return "index.html"
	}
	return url + "index.html"
}

func (b *builder) siteData() *SiteData {
	cfg := b.c.Config
	sd := &SiteData{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
		BasePath: cfg.BasePath, BaseURL: cfg.BaseURL, Repository: cfg.Repository,
		SearchIndex: b.abs(b.assets["search-index.json"]), Generator: b.opts.Generator,
	}
	if b.printCourse() {
		sd.PrintURL = b.abs("print/")
	}
	for i, m := range b.c.Modules {
		mn := &ModuleNav{Number: i, Slug: m.Slug, Title: m.Index.Meta.Title, Summary: m.Index.Meta.Summary,
			URL: b.abs(m.Index.URL), PrintURL: b.abs(m.Slug + "/print/")}
		for _, l := range m.Lessons {
			mn.Lessons = append(mn.Lessons, b.navLink(l))
		}
		sd.Modules = append(sd.Modules, mn)
	}
	return sd
}

func (b *builder) printCourse() bool {
	n := 0
	for _, m := range b.c.Modules {
		n += len(m.Lessons)
	}
	return n <= b.opts.MaxPrintLessons
}

func (b *builder) navLink(p *content.Page) NavLink {
	return NavLink{Title: p.Meta.Title, URL: b.abs(p.URL), Summary: p.Meta.Summary, Minutes: b.minutes(p)}
}

func (b *builder) minutes(p *content.Page) int {
	if p.Meta.Minutes > 0 {
		return p.Meta.Minutes
	}
	return readingMinutes(b.words[p])
}

// estimateWords counts the words of a page's prose: its markdown outside
// fenced code blocks. Lists of pages show reading times of pages not yet
// rendered, so the estimate comes from the source.
func estimateWords(body []byte) int {
	n, in, fence := 0, false, ""
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		t := bytes.TrimLeft(line, " ")
		if fence != "" {
			if bytes.HasPrefix(t, []byte(fence)) {
				fence = ""
			}
			continue
		}
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = string(t[:3])
			continue
		}
		if bytes.HasPrefix(t, []byte("<!--")) && bytes.HasSuffix(bytes.TrimRight(t, " \r"), []byte("-->")) {
			continue // a comment line, such as a notebook cell's embed marker, is not read
		}
		for _, c := range line {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
			if letter && !in {
				n++
			}
			in = letter || in && (c == '\'' || c == '-')
		}
		in = false
	}
	return n
}

func readingMinutes(words int) int {
	return max(1, (words+219)/220)
}

// compactNavAbove is the number of lessons above which the sidebar is
// compact: it lists the lessons of the page's own module only, and only the
// modules near it (navWindow either side); the home page still lists
// everything. Listing every lesson on every page makes a site grow with the
// square of its size: 10,000 lessons would need megabytes of sidebar a page.
const (
	compactNavAbove = 300
	navWindow       = 3
)

// navFor returns the sidebar data for page p (nil for pages outside the
// course's modules), with its module marked current, and that module.
func (b *builder) navFor(p *content.Page) (*SiteData, *ModuleNav) {
	if p != nil && p.Kind == content.KindHome {
		return b.sd, nil // the home page lists everything
	}
	cur := -1
	if p != nil && p.Module != nil {
		for i, m := range b.sd.Modules {
			if m.Slug == p.Module.Slug {
				cur = i
			}
		}
	}
	sd := *b.sd
	lo, hi := 0, len(b.sd.Modules)
	if b.compactNav {
		lo, hi = max(0, cur-navWindow), min(len(b.sd.Modules), max(cur, 0)+navWindow+1)
	}
	sd.Modules = make([]*ModuleNav, 0, hi-lo)
	var curNav *ModuleNav
	for i := lo; i < hi; i++ {
		m := b.sd.Modules[i]
		switch {
		case i == cur:
			mc := *m
			mc.Current = true
			curNav = &mc
			m = &mc
		case b.compactNav:
			mc := *m
			mc.Lessons = nil
			m = &mc
		}
		sd.Modules = append(sd.Modules, m)
	}
	return &sd, curNav
}

// renderPages converts and renders every page in parallel, writing each as
// soon as it is done. A module's print page is rendered when its last page
// is done; page HTML is dropped then, unless the whole-course print page
// needs it.
func (b *builder) renderPages() {
	b.pageSums()
	b.sd = b.siteData()
	lessons := 0
	for _, m := range b.sd.Modules {
		lessons += len(m.Lessons)
	}
	b.compactNav = lessons > compactNavAbove
	b.sideCache = map[string]string{}
	keepHTML := b.printCourse() || b.opts.KeepHTML

	type moduleState struct {
		remaining atomic.Int32
		pages     []*rendered
	}
	modState := make(map[*content.Module]*moduleState, len(b.c.Modules))
	for _, m := range b.c.Modules {
		ms := &moduleState{pages: make([]*rendered, 1+len(m.Lessons))}
		ms.remaining.Store(int32(1 + len(m.Lessons)))
		modState[m] = ms
	}
	index := make(map[*content.Page]int, len(b.c.Pages)) // position inside its module
	for _, m := range b.c.Modules {
		index[m.Index] = 0
		for i, l := range m.Lessons {
			index[l] = i + 1
		}
	}

	b.conv = markdown.New(markdown.Options{Highlight: b.opts.Highlight, Math: b.opts.Math, Directives: b.opts.Directives,
		Figures: b.figureComponents(), FigureDir: "themes/" + b.c.Config.Theme + "/" + figureDir})
	seq := b.c.Pages
	b.pages = make([]*rendered, len(seq))
	global := b.globalKey()
	b.global = hex.EncodeToString(global)
	// done files a page under its module, and writes the module's print
	// page once all of its pages are done.
	done := func(r *rendered) {
		p := r.page
		if p.Module == nil {
			return
		}
		ms := modState[p.Module]
		ms.pages[index[p]] = r
		if ms.remaining.Add(-1) == 0 {
			b.modulePrint(p.Module, ms.pages)
			if !keepHTML {
				for _, mr := range ms.pages {
					mr.html, mr.body = nil, nil
				}
			}
		}
	}
	// First the pages carried over: after a small edit, that is nearly
	// every page. In memory each costs a few map lookups, less than
	// handing it to a worker would, so they are taken in one pass; in a
	// folder each is a few system calls, which workers overlap.
	keys := make([]string, len(seq))
	reused := make([]bool, len(seq))
	carry := func(i int) {
		p := seq[i]
		key := pageKey(global, b.own[p])
		keys[i] = key
		e := b.cached(p, key)
		if e == nil || !b.reuseAll(e.Files) || !b.reuse(outPath(p.URL)) {
			return
		}
		if e.idSet == nil { // a cache read from disk
			e.idSet = make(map[string]bool, len(e.IDs))
			for _, id := range e.IDs {
				e.idSet[id] = true
			}
		}
		r := &rendered{page: p, key: key, reused: true, clean: true, links: e.Links, ids: e.idSet, search: e.Search, html: e.html, body: e.body, files: e.Files, entry: e}
		b.pages[i] = r
		reused[i] = true
		done(r)
	}
	if _, inMemory := b.sink.(*output.Site); inMemory {
		for i := range seq {
			carry(i)
		}
	} else {
		parallel(len(seq), b.opts.Workers, carry)
	}
	var todo []int
	for i, ok := range reused {
		if !ok {
			todo = append(todo, i)
		}
	}
	// Then the others, converted and rendered in parallel.
	parallel(len(todo), b.opts.Workers, func(j int) {
		i := todo[j]
		p := seq[i]
		res, files := b.convertPage(p)
		r := &rendered{page: p, key: keys[i], clean: len(res.Problems) == 0, links: res.Links, ids: res.IDs, search: encodeSearch(p, res.Sections), files: files}
		b.work.add(&b.work.Encoded, p.File)
		b.pages[i] = r
		page := b.renderPage(i, r, res)
		switch {
		case p.Module == nil: // the home page is in no print page
		case b.lazyPrint():
			// Print pages are joined when read: keep the converted
			// markdown as the part of the page that holds it, not as
			// a copy (a page's print HTML is made from it then).
			r.body = partOf(page, res.HTML)
		default:
			r.html = printHTML(res.HTML, p)
		}
		done(r)
	})
	b.byURL = make(map[string]*rendered, len(b.pages))
	for _, r := range b.pages {
		b.byURL[b.abs(r.page.URL)] = r
	}
}

// figureDir holds the theme's figure components, one NAME.js file each.
const figureDir = "static/js/figures"

// figureComponents lists the figure components of the theme: the names of
// the files static/js/figures/*.js (the embedded theme's and the project's
// overrides and additions).
func (b *builder) figureComponents() []string {
	var names []string
	for _, f := range slices.Sorted(maps.Keys(b.themeFiles)) {
		if path.Dir(f) == figureDir && path.Ext(f) == ".js" {
			names = append(names, strings.TrimSuffix(path.Base(f), ".js"))
		}
	}
	return names
}

// scripts turns the scripts a page's directives declared into the URLs
// base.html loads; one the theme lacks is an error at the page.
func (b *builder) scripts(p *content.Page, declared []string) []string {
	var urls []string
	for _, s := range declared {
		h, ok := b.assets[s]
		if !ok {
			b.dl.Add(diag.Diagnostic{File: p.File, Msg: fmt.Sprintf("the page needs the script %s, which the theme does not have", s),
				Hint: "add static/" + s + " to themes/" + b.c.Config.Theme + "/"})
			continue
		}
		urls = append(urls, b.abs(h))
	}
	return urls
}

// convertPage converts a page's markdown and reports its problems. It
// returns the files it wrote beside the page (a notebook's images).
func (b *builder) convertPage(p *content.Page) (*markdown.Result, []string) {
	start := time.Now()
	res, files := b.convert(p, true)
	b.timings().Add("markdown (sum over workers)", time.Since(start))
	for _, pr := range res.Problems {
		line, col := p.LineCol(pr.Offset)
		b.dl.Add(diag.Diagnostic{File: p.File, Line: line, Col: col, Msg: pr.Msg, Hint: pr.Hint})
	}
	return res, files
}

// reuseAll carries over every one of paths from the previous build, or
// reports false.
func (b *builder) reuseAll(paths []string) bool {
	for _, p := range paths {
		if !b.reuse(p) {
			return false
		}
	}
	return true
}

// convert converts a page: its markdown, and for a notebook its cells and
// outputs, whose files (extracted attachments and output images) it
// writes beside the page and returns (sorted). report says whether to
// report the notebook's problems (once per build).
func (b *builder) convert(p *content.Page, report bool) (*markdown.Result, []string) {
	b.work.add(&b.work.Converted, p.File)
	nb := p.Notebook
	if nb == nil {
		return b.conv.Convert(p.Body, b.resolver(p)), nil
	}
	files := map[string]bool{}
	put := func(name string, data []byte) string {
		out := p.URL + name
		files[out] = true
		b.mu.Lock()
		done := b.written[out]
		b.mu.Unlock()
		if !done {
			b.add(out, data)
		}
		return b.abs(out)
	}
	for _, name := range slices.Sorted(maps.Keys(nb.Files)) {
		put(name, nb.Files[name])
	}
	embeds, probs := nb.Render(notebook.Hooks{
		Highlight: func(code, lang string) string {
			if b.opts.Highlight == nil {
				return `<pre class="chroma"><code>` + template.HTMLEscapeString(code) + `</code></pre>`
			}
			return b.opts.Highlight(code, lang, false, nil, 0)
		},
		Math: b.opts.Math,
		File: put,
	})
	if report {
		for _, d := range probs {
			b.dl.Add(d)
		}
	}
	return b.conv.ConvertEmbeds(p.Body, b.resolver(p), embeds), slices.Sorted(maps.Keys(files))
}

// hasNotebook reports whether any of pages is a notebook lesson.
func hasNotebook(pages []*rendered) bool {
	for _, r := range pages {
		if r.page.Notebook != nil {
			return true
		}
	}
	return false
}

// allReused reports whether every page was carried over unchanged.
func allReused(pages []*rendered) bool {
	for _, r := range pages {
		if !r.reused {
			return false
		}
	}
	return true
}

// ensureHTML converts again the pages whose HTML the build does not hold
// (those carried over from the previous build).
func (b *builder) ensureHTML(pages []*rendered) {
	for _, r := range pages {
		if r.html == nil && r.body == nil {
			start := time.Now()
			res, _ := b.convert(r.page, false)
			r.html = printHTML(res.HTML, r.page)
			b.timings().Add("markdown (sum over workers)", time.Since(start))
		}
	}
}

// renderPage renders page i of the reading order through its template.
func (b *builder) renderPage(i int, r *rendered, res *markdown.Result) []byte {
	p := r.page
	seq := b.c.Pages
	sd, cur := b.navFor(p)
	words := b.words[p]
	pd := &PageData{
		Site: sd, Title: p.Meta.Title, URL: b.abs(p.URL), Content: template.HTML(res.HTML),
		Module: cur, Words: words, ReadingMinutes: readingMinutes(words), Minutes: b.minutes(p),
		Scripts: b.scripts(p, res.Scripts), Notebook: p.Notebook != nil,
	}
	pd.Description = firstNonEmpty(p.Meta.Summary, b.c.Config.Description, p.Meta.Title)
	if b.c.Config.BaseURL != "" {
		pd.Canonical = b.c.Config.BaseURL + p.URL
	}
	for _, h := range res.Headings {
		if h.Level == 2 || h.Level == 3 {
			pd.TOC = append(pd.TOC, TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	if i > 0 {
		prev := b.navLink(seq[i-1])
		pd.Prev = &prev
	}
	if i+1 < len(seq) {
		next := b.navLink(seq[i+1])
		pd.Next = &next
	}
	if cfg := b.c.Config; cfg.Repository != "" && !p.Synthetic {
		pd.EditURL = cfg.Repository + "/edit/" + cfg.Branch + "/" + p.File
	}
	switch p.Kind {
	case content.KindHome:
		pd.Kind = "home"
		pd.Title = firstNonEmpty(p.Meta.Title, b.c.Config.Title)
	case content.KindModule:
		pd.Kind = "module"
		pd.Breadcrumbs = []NavLink{{Title: b.c.Config.Title, URL: b.abs("")}}
		pd.Lessons = cur.Lessons
	case content.KindLesson:
		pd.Kind = "lesson"
		pd.Breadcrumbs = []NavLink{{Title: b.c.Config.Title, URL: b.abs("")}, b.navLink(p.Module.Index)}
		pd.Objectives = p.Meta.Objectives
		for _, ref := range p.Meta.Prerequisites {
			if tp := b.c.ResolvePrereq(p, ref); tp != nil {
				pd.Prerequisites = append(pd.Prerequisites, b.navLink(tp))
			}
		}
	}
	b.work.add(&b.work.Rendered, p.File)
	return b.execute(pd.Kind, outPath(p.URL), pd)
}

// printID is the anchor of a page's section in print pages; the ids
// inside it are prefixed with it.
func printID(p *content.Page) string {
	return strings.ReplaceAll(strings.TrimSuffix(p.URL, "/"), "/", "--")
}

// printHTML is a page's converted markdown as print pages show it.
func printHTML(html []byte, p *content.Page) []byte {
	return prefixIDs(html, printID(p))
}

// printSections returns pages as sections of a print page, with their
// HTML apart (see printPage).
func (b *builder) printSections(pages []*rendered) ([]PrintSection, []printPart) {
	secs := make([]PrintSection, 0, len(pages))
	htmls := make([]printPart, 0, len(pages))
	lesson := 0
	for _, r := range pages {
		p := r.page
		level, number := 2, ""
		mod := slices.Index(b.c.Modules, p.Module)
		if p.Kind == content.KindModule {
			level, number = 1, strconv.Itoa(mod)
		} else {
			lesson++
			number = fmt.Sprintf("%d.%d", mod, lesson)
		}
		secs = append(secs, PrintSection{ID: printID(p), Number: number, Title: p.Meta.Title, URL: b.abs(p.URL), Level: level})
		htmls = append(htmls, printPart{html: r.html, body: r.body, id: printID(p)})
	}
	return secs, htmls
}

// printPart is a section's HTML on a print page: html, or else made from
// body, the page's converted markdown (printHTML).
type printPart struct {
	html, body []byte
	id         string
}

func (pp printPart) bytes() []byte {
	if pp.html != nil {
		return pp.html
	}
	return prefixIDs(pp.body, pp.id)
}

// partOf returns part as a slice of whole when whole holds those bytes,
// so that keeping it costs no copy; else part itself.
func partOf(whole, part []byte) []byte {
	if len(part) == 0 {
		return part
	}
	if i := bytes.Index(whole, part); i >= 0 {
		return whole[i : i+len(part) : i+len(part)]
	}
	return part
}

// lazyPrint reports whether print pages are joined when first read.
func (b *builder) lazyPrint() bool {
	_, lazy := b.sink.(output.LazySink)
	return lazy && b.opts.LazyPrint
}

// printPage writes a print page: pd, whose sections' HTML is htmls. It
// returns where each section's HTML is in the page written (so that the
// build need not keep another copy), or nil when the template had to be
// run with the HTML (see splicePrint).
func (b *builder) printPage(out string, pd *PageData, parts []printPart) [][]byte {
	b.work.add(&b.work.PrintPages, out)
	start := time.Now()
	lazy := b.lazyPrint()
	htmls := make([][]byte, len(parts))
	for i, pp := range parts {
		if lazy && pp.html == nil {
			htmls[i] = pp.body // as long, give or take the ids' prefixes: enough to mark
		} else {
			htmls[i] = pp.bytes()
		}
	}
	// The skeleton is the same as the last build's when the inputs every
	// page depends on are (b.global) and the same sections are empty.
	key := b.memoKey(out, htmls)
	sp, ok := b.memo(out, key).splice, true
	if sp == nil {
		pd.Sidebar = b.sidebar(pd)
		b.work.add(&b.work.Skeletons, out)
		sp, ok = markPrint(b.tmpl["print"], pd, htmls)
	}
	if ok {
		b.remember(out, extraMemo{key: key, splice: sp})
	}
	b.timings().Add("templates (sum over workers)", time.Since(start))
	if ok && lazy {
		// Joined when first read: the preview rarely shows a print page,
		// and joining one copies megabytes per edit.
		b.mu.Lock()
		b.written[out] = true
		b.mu.Unlock()
		made := func() []byte {
			htmls := make([][]byte, len(parts))
			for i, pp := range parts {
				htmls[i] = pp.bytes()
			}
			data, _ := sp.join(htmls)
			return data
		}
		if err := b.sink.(output.LazySink).PutLazy(out, made); err != nil {
			b.dl.Add(diag.Diagnostic{File: out, Msg: "cannot write: " + err.Error()})
		}
		return nil
	}
	if lazy {
		for i, pp := range parts {
			htmls[i] = pp.bytes()
		}
	}
	if ok {
		data, at := sp.join(htmls)
		b.add(out, data)
		return at
	}
	b.work.inline(len(pd.PrintSections))
	for i := range pd.PrintSections {
		pd.PrintSections[i].Content = template.HTML(htmls[i])
	}
	b.execute("print", out, pd)
	return nil
}

// printNote explains, on module print pages, a missing whole-course page.
func (b *builder) printNote() string {
	if b.printCourse() {
		return ""
	}
	return fmt.Sprintf("The whole course is longer than %d lessons, too long for one page: print it module by module.", b.opts.MaxPrintLessons)
}

func (b *builder) modulePrint(m *content.Module, pages []*rendered) {
	out := m.Slug + "/print/index.html"
	if allReused(pages) && b.reuse(out) {
		return
	}
	b.ensureHTML(pages)
	home := NavLink{Title: b.c.Config.Title, URL: b.abs("")}
	sd, cur := b.navFor(m.Index)
	secs, htmls := b.printSections(pages)
	at := b.printPage(out, &PageData{Site: sd, Kind: "print", Module: cur,
		Title: m.Index.Meta.Title + " (print)", Description: firstNonEmpty(m.Index.Meta.Summary, b.c.Config.Description, m.Index.Meta.Title),
		URL: b.abs(m.Slug + "/print/"), PrintSections: secs, PrintNote: b.printNote(),
		Breadcrumbs: []NavLink{home, b.navLink(m.Index)}, Notebook: hasNotebook(pages)}, htmls)
	if at != nil {
		// The pages' HTML is now part of the module's print page: keep
		// that, not a copy of it.
		for i, r := range pages {
			r.html = at[i]
		}
	}
}

// navSite is the sidebar data of pages outside modules.
func (b *builder) navSite() *SiteData {
	sd, _ := b.navFor(nil)
	return sd
}

// sidebar returns the rendered "sidebar" template for a page: rendered once
// per module (and once for pages outside modules, once for home) with no
// page marked current, then the link to the page itself is marked.
func (b *builder) sidebar(pd *PageData) template.HTML {
	key := "\x00" + pd.Kind
	if pd.Kind != "home" {
		key = "\x00"
		if pd.Module != nil {
			key = pd.Module.Slug
		}
	}
	b.sideMu.Lock()
	cached, ok := b.sideCache[key]
	b.sideMu.Unlock()
	if !ok {
		// The same as the last build's while the inputs every page
		// depends on are.
		out := "sidebar " + key
		mkey := b.memoKey(out, nil)
		m := b.memo(out, mkey)
		cached, ok = m.text, m.key != ""
		if !ok {
			t := b.tmpl["lesson"]
			if t == nil || t.Lookup("sidebar") == nil {
				return ""
			}
			var buf bytes.Buffer
			err := t.ExecuteTemplate(&buf, "sidebar", &PageData{Site: pd.Site, Kind: pd.Kind, Module: pd.Module})
			if err != nil {
				b.dl.Add(b.templateDiag(err, "partials/sidebar.html"))
			}
			cached, ok = buf.String(), err == nil
			b.work.add(&b.work.Sidebars, key)
		}
		if ok {
			b.remember(out, extraMemo{key: mkey, text: cached})
		}
		b.sideMu.Lock()
		b.sideCache[key] = cached
		b.sideMu.Unlock()
	}
	if pd.Kind != "home" && pd.URL != "" {
		link := `href="` + template.HTMLEscapeString(pd.URL) + `"`
		cached = strings.Replace(cached, link, link+` aria-current="page"`, 1)
	}
	return template.HTML(cached)
}

func (b *builder) execute(kind, out string, pd *PageData) []byte {
	start := time.Now()
	defer func() { b.timings().Add("templates (sum over workers)", time.Since(start)) }()
	pd.Sidebar = b.sidebar(pd)
	t := b.tmpl[kind]
	size := len(pd.Content) + len(pd.Sidebar) + 32<<10
	for _, sec := range pd.PrintSections {
		size += len(sec.Content) + 256
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if err := t.ExecuteTemplate(buf, "base.html", pd); err != nil {
		b.dl.Add(b.templateDiag(err, kind+".html"))
		return nil
	}
	page := buf.Bytes()
	if b.opts.KeepHTML && cap(page)-len(page) > len(page)/8 {
		// Kept until the next build (the preview): not with the 32 KB of
		// slack the estimate above allows, a quarter of a page's memory.
		page = bytes.Clone(page)
	}
	b.add(out, page)
	return page
}

// printMarker starts the text a print section's Content holds while
// splicePrint runs the template: printMarker, the section's number, NUL.
// Nothing else a template prints holds a NUL (the escaper turns one into
// U+FFFD), so a marker is not confused with the rest of the output.
const printMarker = "\x00course print section "

// splicePrint renders a print page, whose sections hold the whole
// module's or course's HTML (megabytes), without passing that HTML through
// the template: the template runs with a short marker as the Content of
// each section whose HTML (htmls[i]) is not empty, and each marker in its
// output is then replaced by the section's HTML, kept from the page's own
// rendering (rendered.html). It returns the page and where each section's
// HTML is in it. The page is what executing the template with the HTML
// gives, as long as the template prints each section's Content once, as
// HTML, or leaves it out when it is empty (PrintSection says so); when its
// output does not hold each marker once, splicePrint reports false and the
// caller runs the template with the HTML instead.
func splicePrint(t *template.Template, pd *PageData, htmls [][]byte) ([]byte, [][]byte, bool) {
	sp, ok := markPrint(t, pd, htmls)
	if !ok {
		return nil, nil, false
	}
	data, at := sp.join(htmls)
	return data, at, true
}

// markPrint runs the template of splicePrint with the markers, and finds
// them; join then puts the HTML in.
func markPrint(t *template.Template, pd *PageData, htmls [][]byte) (*printSplice, bool) {
	secs := pd.PrintSections
	marked := make([]PrintSection, len(secs))
	for i, sec := range secs {
		marked[i] = sec
		marked[i].Content = ""
		if len(htmls[i]) > 0 {
			marked[i].Content = template.HTML(printMarker + strconv.Itoa(i) + "\x00")
		}
	}
	mpd := *pd
	mpd.PrintSections = marked
	buf := bytes.NewBuffer(make([]byte, 0, len(pd.Sidebar)+32<<10+len(secs)*512))
	if t == nil || t.ExecuteTemplate(buf, "base.html", &mpd) != nil {
		return nil, false // the caller reports the error
	}
	sp := &printSplice{skel: buf.Bytes(), secs: len(secs)}
	seen := make([]bool, len(secs))
	for off := 0; ; {
		i := bytes.Index(sp.skel[off:], []byte(printMarker))
		if i < 0 {
			break
		}
		from := off + i
		num := from + len(printMarker)
		j := bytes.IndexByte(sp.skel[num:], 0)
		if j < 0 {
			return nil, false
		}
		n, err := strconv.Atoi(string(sp.skel[num : num+j]))
		if err != nil || n < 0 || n >= len(secs) || seen[n] || len(htmls[n]) == 0 {
			return nil, false
		}
		seen[n] = true
		off = num + j + 1
		sp.at = append(sp.at, splice{from, off, n})
	}
	for i := range secs {
		if len(htmls[i]) > 0 && !seen[i] {
			return nil, false
		}
	}
	return sp, true
}

// printSplice is a print page's template output with a marker where each
// section's HTML goes (see markPrint).
type printSplice struct {
	skel []byte
	at   []splice // the markers, in order
	secs int
}

type splice struct{ from, to, sec int }

// join copies the sections' HTML in at their markers. It returns the page
// and where each section's HTML is in it.
func (sp *printSplice) join(htmls [][]byte) ([]byte, [][]byte) {
	size := len(sp.skel)
	for _, s := range sp.at {
		size += len(htmls[s.sec]) - (s.to - s.from)
	}
	out := make([]byte, 0, size)
	where := make([][]byte, sp.secs)
	for i := range where {
		where[i] = []byte{} // empty, and not nil: held
	}
	last := 0
	for _, s := range sp.at {
		out = append(out, sp.skel[last:s.from]...)
		start := len(out)
		out = append(out, htmls[s.sec]...)
		where[s.sec] = out[start:len(out):len(out)]
		last = s.to
	}
	return append(out, sp.skel[last:]...), where
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// extras renders the pages that do not come from markdown, and the files
// hosts and crawlers read.
func (b *builder) extras() {
	home := NavLink{Title: b.c.Config.Title, URL: b.abs("")}
	// The search and 404 pages depend only on what every page depends on
	// (b.global): when that is unchanged, the last build's are kept.
	same := func(out string) bool {
		key := b.memoKey(out, nil)
		if b.memo(out, key).key == key && b.reuse(out) {
			b.remember(out, extraMemo{key: key})
			return true
		}
		return false
	}
	kept := func(out string, page []byte) {
		b.work.add(&b.work.Extras, out)
		if page != nil {
			b.remember(out, extraMemo{key: b.memoKey(out, nil)})
		}
	}
	if !same("search/index.html") {
		kept("search/index.html", b.execute("search", "search/index.html", &PageData{Site: b.navSite(), Kind: "search", Title: "Search",
			Description: "Search " + b.c.Config.Title, URL: b.abs("search/"), Breadcrumbs: []NavLink{home}}))
	}
	if !same("404.html") {
		kept("404.html", b.execute("404", "404.html", &PageData{Site: b.navSite(), Kind: "404", Title: "Page not found",
			Description: "This page does not exist.", URL: b.abs("404.html"), Breadcrumbs: []NavLink{home}}))
	}

	var all []PrintSection
	var htmls []printPart
	printAll := b.printCourse()
	if printAll {
		var pages []*rendered
		for _, r := range b.pages {
			if r.page.Module != nil {
				pages = append(pages, r)
			}
		}
		if allReused(pages) && b.reuse("print/index.html") {
			printAll = false
		} else {
			b.ensureHTML(pages)
			all, htmls = b.printSections(pages)
		}
	}
	if printAll {
		b.printPage("print/index.html", &PageData{Site: b.navSite(), Kind: "print", Title: b.c.Config.Title + " (print)",
			Description: firstNonEmpty(b.c.Config.Description, b.c.Config.Title), URL: b.abs("print/"),
			PrintSections: all, Breadcrumbs: []NavLink{home}, Notebook: hasNotebook(b.pages)}, htmls)
	}

	b.add(".nojekyll", nil)
	if d := b.c.Config.CNAME; d != "" {
		b.add("CNAME", []byte(d+"\n")) // GitHub Pages' custom domain
	}
	robots := "User-agent: *\nAllow: /\n"
	if base := b.c.Config.BaseURL; base != "" {
		robots += "Sitemap: " + base + "sitemap.xml\n"
		var sm strings.Builder
		sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		sm.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		urls := []string{}
		for _, p := range b.c.Pages {
			urls = append(urls, base+p.URL)
		}
		sort.Strings(urls)
		for _, u := range urls {
			sm.WriteString("  <url><loc>" + template.HTMLEscapeString(u) + "</loc></url>\n")
		}
		sm.WriteString("</urlset>\n")
		b.add("sitemap.xml", []byte(sm.String()))
	}
	b.add("robots.txt", []byte(robots))
}

// Sums are what a ThemeCache knows of the theme's files, to keep on disk
// between runs of the program: per theme path (static/css/style.css), the
// SHA-256 of its bytes, and per hashed folder its files and hash.
type Sums struct {
	Files map[string][32]byte
	Dirs  map[string]DirHash
}

// DirHash is the hash of a hashed folder (Options.HashDirs) and the paths
// of its files.
type DirHash struct {
	Paths []string
	Hash  string
}

// Sums returns the digests of the last build's theme files.
func (tc *ThemeCache) Sums() Sums {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	s := Sums{Files: map[string][32]byte{}, Dirs: map[string]DirHash{}}
	for k, e := range tc.sums {
		if p, ok := strings.CutPrefix(k, "theme "); ok {
			s.Files[p] = e.sum
		}
	}
	for d, e := range tc.dirs {
		s.Dirs[d] = DirHash{Paths: e.paths, Hash: e.hash}
	}
	return s
}

// Seed fills the cache with digests kept from an earlier run, for the files
// read returns (the bytes the theme will hand out: a file the project
// overrides gives other bytes and is digested again). The caller vouches
// that s describes those bytes: for the embedded theme, that s was made by
// the same program.
func (tc *ThemeCache) Seed(s Sums, read func(p string) ([]byte, bool)) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.sums == nil {
		tc.sums = map[string]fileSum{}
	}
	for p, sum := range s.Files {
		if data, ok := read(p); ok {
			tc.sums["theme "+p] = fileSum{data: data, sum: sum}
		}
	}
	if tc.dirs == nil {
		tc.dirs = map[string]dirSum{}
	}
next:
	for d, h := range s.Dirs {
		e := dirSum{paths: h.Paths, hash: h.Hash}
		for _, rel := range h.Paths {
			data, ok := read("static/" + rel)
			if !ok {
				continue next
			}
			e.files = append(e.files, data)
		}
		tc.dirs[d] = e
	}
}
