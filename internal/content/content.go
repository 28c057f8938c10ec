// Package content loads a course's markdown from content/ into a Course.
//
// # Layout
//
//	content/_index.md                 the home page (optional)
//	content/NN-module/_index.md       a module page (required per module)
//	content/NN-module/NN-lesson.md    a lesson
//	content/NN-module/NN-lesson.ipynb a lesson from a Jupyter notebook
//	content/NN-module/img/plot.svg    any other file: copied next to the pages
//
// NN is one or more digits followed by "-" or "_". Order comes from the
// number, then the weight key, then the name; URLs drop the number:
// content/01-loss-functions/03-cross-entropy.md is served at
// <base>/loss-functions/cross-entropy/. A lesson file without a number
// (as books brought from elsewhere name them) comes after the numbered
// ones, by weight and then name, with a note. Slugs are lowercase letters,
// digits and dashes.
//
// # Front matter
//
// A page may start with YAML between "---" lines or TOML between "+++"
// lines. Keys: title (required), summary, objectives (list of strings),
// prerequisites (list of lesson references: "module/lesson" slugs, e.g.
// "loss-functions/what-is-a-loss", or a relative path to the .md file),
// minutes (estimated time), weight (order among equal numbers), draft
// (left out unless --drafts), and in a notebook only test (see below).
// Any other key is an error. The front matter is
// blanked out of the body, so line numbers in the body are the file's.
//
// # Notebooks
//
// A lesson may be a Jupyter notebook (nbformat 4), read by package
// notebook: it takes its place among the lessons by its number like a .md
// file. Its title is the course metadata's title, else metadata.title,
// else the first heading of its first markdown cell; metadata.course holds
// the other keys above, as a JSON object checked as front matter is:
//
//	"metadata": {"course": {"summary": "…", "minutes": 20, "prerequisites": ["basics/tensors"]}}
//
// "test": true has `course test` run the notebook's code cells in order in
// one Python process and compare their text outputs with the stored ones
// (many notebooks need data or hardware a test machine lacks, so it is
// opt-in).
//
// Loading is pure: an fs.FS in, a Course out, with every problem collected
// into a diag.List with file:line:col.
package content

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/notebook"
)

// Dir is the folder, under the project root, that holds the markdown.
const Dir = "content"

// Kind tells what a page is.
type Kind int

const (
	KindHome Kind = iota
	KindModule
	KindLesson
)

// Course is everything loaded from content/.
type Course struct {
	Config  *config.Config
	Home    *Page
	Modules []*Module
	// Pages lists every page in reading order: home, then each module page
	// followed by its lessons.
	Pages []*Page
	// Assets are the non-markdown files under content/, copied to the site.
	Assets []Asset

	byFile map[string]*Page
	byRef  map[string]*Page
	mu     sync.Mutex // guards Assets and assets while modules load
	assets map[string]bool
	memo   *Memo
}

// Module is a folder of lessons.
type Module struct {
	Dir     string // "content/01-loss-functions"
	Slug    string // "loss-functions"
	Order   int    // the number prefix
	Index   *Page
	Lessons []*Page
}

// Page is one markdown file.
type Page struct {
	File  string // "content/01-loss-functions/03-cross-entropy.md"
	Kind  Kind
	Slug  string // "cross-entropy" ("" for the home page)
	Ref   string // "loss-functions/cross-entropy"; "loss-functions" for a module; "" for home
	URL   string // relative to the base path: "loss-functions/cross-entropy/"
	Order int
	Meta  FrontMatter
	Body  []byte // the file with its front matter blanked out
	// Src is the file as read (nil for a synthetic page). Loaded with a
	// Memo through a file system that hands out the same bytes for an
	// unchanged file, an unchanged page has the same Src, Meta and Body
	// slices as in the previous load: later stages key their own memos
	// on Src.
	Src    []byte
	Module *Module
	// Synthetic is true for a home page made up because content/_index.md is missing.
	Synthetic bool
	// Notebook is set for a lesson read from a .ipynb file: Body is then
	// its markdown (see package notebook), not the file.
	Notebook *notebook.Notebook
}

// LineCol returns the 1-based line and column in the page's file of byte
// offset off of its Body.
func (p *Page) LineCol(off int) (line, col int) {
	if p.Notebook != nil {
		return p.Notebook.Pos(off)
	}
	return diag.LineCol(p.Body, off)
}

// Asset is a file copied verbatim.
type Asset struct {
	Src string // path under the project root: "content/01-x/img/a.png"
	URL string // relative to the base path: "x/img/a.png"
}

// IsSlug reports whether s is lowercase ASCII letters and digits in runs
// joined by single dashes (^[a-z0-9]+(-[a-z0-9]+)*$), as module, lesson
// and exercise slugs must be. A loader checks every file of a course on
// every build, so it is not a regular expression.
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Load reads content/ from fsys (the project root).
func Load(fsys fs.FS, cfg *config.Config, dl *diag.List) *Course {
	return LoadMemo(fsys, cfg, dl, nil)
}

// Memo keeps parsed pages between loads of one project: a page whose file
// bytes are the same slice as in the previous load (see Page.Src) is not
// parsed again. Pages with problems are not kept, so that their problems
// are reported again. The zero value is ready to use; a nil *Memo keeps
// nothing.
type Memo struct {
	mu    sync.Mutex
	pages map[string]*parsedPage // by file
	next  map[string]*parsedPage // the pages of the load in progress
}

type parsedPage struct {
	src  []byte
	kind Kind
	meta FrontMatter
	body []byte
}

func (m *Memo) get(file string, kind Kind, src []byte) *parsedPage {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.pages[file]
	if e == nil || e.kind != kind || !sameBytes(e.src, src) {
		return nil
	}
	m.next[file] = e
	return e
}

func (m *Memo) put(file string, e *parsedPage) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.next[file] = e
	m.mu.Unlock()
}

// sameBytes reports whether a and b are the same slice, not merely equal.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// ReservedSlugs are the top-level folders a built site writes itself (the
// search and print pages, exercise bundles, the runner and the theme's
// static folders; pyodide* too): no module may take one.
var ReservedSlugs = []string{"css", "editor", "exercises", "js", "katex", "print", "runner", "search"}

// LoadMemo is Load, reusing the pages of memo's previous load that did not
// change, and keeping this load's pages in memo for the next.
func LoadMemo(fsys fs.FS, cfg *config.Config, dl *diag.List, memo *Memo) *Course {
	size := 0 // the last load's pages: about as many as this one's
	if memo != nil {
		memo.mu.Lock()
		size = len(memo.pages)
		memo.next = make(map[string]*parsedPage, size)
		memo.mu.Unlock()
		defer func() {
			memo.mu.Lock()
			memo.pages, memo.next = memo.next, nil
			memo.mu.Unlock()
		}()
	}
	c := &Course{Config: cfg, byFile: make(map[string]*Page, size), byRef: make(map[string]*Page, size), assets: map[string]bool{}, memo: memo}
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		dl.Add(diag.Diagnostic{File: Dir, Msg: "cannot read the content folder: " + err.Error(),
			Hint: "run course in the project root, or pass --source DIR"})
		return c
	}
	// Modules load in parallel (reading and parsing a thousand files is
	// most of a preview rebuild); their results are used in folder order.
	loaded := make([]*Module, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		if !e.IsDir() || Ignored(e.Name()) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			loaded[i] = loadModule(fsys, c, Dir+"/"+e.Name(), e.Name(), dl)
		}()
	}
	wg.Wait()
	slugs := map[string]string{}
	for i, e := range entries {
		name := e.Name()
		full := Dir + "/" + name
		if Ignored(name) {
			continue
		}
		switch {
		case e.IsDir():
			m := loaded[i]
			if m == nil {
				continue
			}
			if slices.Contains(ReservedSlugs, m.Slug) || strings.HasPrefix(m.Slug, "pyodide") {
				dl.Add(diag.Diagnostic{File: full, Msg: fmt.Sprintf("module slug %q is a folder the site itself uses (its pages would overwrite the site's or be overwritten)", m.Slug),
					Hint: "rename the folder, e.g. to " + full + "-notes"})
				continue
			}
			if other, dup := slugs[m.Slug]; dup {
				dl.Add(diag.Diagnostic{File: full, Msg: fmt.Sprintf("module slug %q is also used by %s", m.Slug, other),
					Hint: "rename one of the folders"})
				continue
			}
			slugs[m.Slug] = full
			c.Modules = append(c.Modules, m)
		case name == "_index.md":
			c.Home = c.loadPage(fsys, full, KindHome, dl)
		case strings.HasSuffix(name, ".md"), strings.HasSuffix(name, ".ipynb"):
			dl.Add(diag.Diagnostic{File: full, Msg: "a lesson must be inside a module folder",
				Hint: "move it to content/NN-module/NN-lesson" + path.Ext(name)})
		default:
			c.addAsset(full, name)
		}
	}
	sort.Slice(c.Assets, func(i, j int) bool { return c.Assets[i].Src < c.Assets[j].Src })
	if c.Home == nil {
		c.Home = &Page{File: Dir + "/_index.md", Kind: KindHome, Synthetic: true,
			Meta: FrontMatter{Title: cfg.Title, Summary: cfg.Description}}
	}
	c.Home.URL = ""
	if c.Home.Meta.Title == "" {
		c.Home.Meta.Title = cfg.Title
	}
	sortModules(c.Modules)
	c.Pages = append(c.Pages, c.Home)
	c.byFile[c.Home.File] = c.Home
	kept := c.Modules[:0]
	for _, m := range c.Modules {
		if m.Index.Meta.Draft && !cfg.Drafts {
			continue
		}
		kept = append(kept, m)
		c.Pages = append(c.Pages, m.Index)
		c.byFile[m.Index.File] = m.Index
		c.byRef[m.Slug] = m.Index
		lessons := m.Lessons[:0]
		for _, p := range m.Lessons {
			if p.Meta.Draft && !cfg.Drafts {
				continue
			}
			lessons = append(lessons, p)
			c.Pages = append(c.Pages, p)
			c.byFile[p.File] = p
			c.byRef[p.Ref] = p
		}
		m.Lessons = lessons
	}
	c.Modules = kept
	return c
}

// Ignored reports whether a file or folder name is no part of a course:
// hidden names, editors' temporary, swap, lock and backup files, and
// system files. The loader skips them, and the preview's watcher does not
// rebuild for them.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."): // hidden; vim swap, emacs lock, GNOME and kate safe writes
		return true
	case name == "4913", name == "Thumbs.db": // vim's write test; Windows thumbnails
		return true
	case strings.HasSuffix(name, "~"): // vim, emacs, gedit backups
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs autosave
		return true
	case strings.Contains(name, "___jb_"): // JetBrains safe write
		return true
	}
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".tmp", ".temp", ".swp", ".swo", ".swn", ".swx", ".crswap", ".bak", ".orig":
		return true
	}
	return false
}

func (c *Course) addAsset(src, rel string) {
	url := stripPrefixes(strings.TrimPrefix(src, Dir+"/"))
	c.mu.Lock()
	c.Assets = append(c.Assets, Asset{Src: src, URL: url})
	c.assets[src] = true
	c.mu.Unlock()
}

// stripPrefixes removes "NN-" from every folder of a slash path.
func stripPrefixes(p string) string {
	parts := strings.Split(p, "/")
	for i := 0; i < len(parts)-1; i++ {
		if m := splitPrefix(parts[i]); m != nil {
			parts[i] = m[2]
		}
	}
	return strings.Join(parts, "/")
}

// splitPrefix splits a file or folder name "NN-rest" (or "NN_rest") into
// the name, NN and rest, as the regular expression ^(\d+)[-_](.+)$ would
// (rest holds no newline); nil if it has no such prefix. A loader calls it
// for every file of a course on every build.
func splitPrefix(name string) []string {
	i := 0
	for i < len(name) && name[i] >= '0' && name[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(name) || (name[i] != '-' && name[i] != '_') {
		return nil
	}
	// NN is the whole first run of digits: no shorter run is followed
	// by a dash or an underscore.
	if strings.ContainsRune(name[i+1:], '\n') {
		return nil
	}
	return []string{name, name[:i], name[i+1:]}
}

func loadModule(fsys fs.FS, c *Course, dir, name string, dl *diag.List) *Module {
	m := splitPrefix(name)
	if m == nil {
		dl.Add(diag.Diagnostic{File: dir, Msg: fmt.Sprintf("module folder %q has no number prefix", name),
			Hint: fmt.Sprintf("rename it to NN-%s, e.g. 01-%s", name, name)})
		return nil
	}
	order, _ := strconv.Atoi(m[1])
	mod := &Module{Dir: dir, Slug: m[2], Order: order}
	if !IsSlug(mod.Slug) {
		dl.Add(diag.Diagnostic{File: dir, Msg: fmt.Sprintf("module slug %q is not lowercase letters, digits and dashes", mod.Slug),
			Hint: fmt.Sprintf("rename the folder to %s-%s", m[1], slugify(mod.Slug))})
		return nil
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		dl.Add(diag.Diagnostic{File: dir, Msg: "cannot read: " + err.Error()})
		return nil
	}
	lessonSlugs := map[string]string{}
	for _, e := range entries {
		ename := e.Name()
		full := dir + "/" + ename
		if Ignored(ename) {
			continue
		}
		switch {
		case e.IsDir():
			loadAssetDir(fsys, c, full, dl)
		case ename == "_index.md":
			mod.Index = c.loadPage(fsys, full, KindModule, dl)
		case strings.HasSuffix(ename, ".md"), strings.HasSuffix(ename, ".ipynb"):
			ext := path.Ext(ename)
			base := strings.TrimSuffix(ename, ext)
			pm := splitPrefix(base)
			if pm == nil {
				dl.Add(diag.Diagnostic{File: full, Severity: diag.Warning,
					Msg:  fmt.Sprintf("lesson file %q has no number prefix: it comes after the numbered lessons, by weight and then name", ename),
					Hint: fmt.Sprintf("rename it to NN-%s, e.g. 01-%s, to choose its place", ename, ename)})
				pm = []string{base, strconv.Itoa(unnumbered), base}
			}
			if !IsSlug(pm[2]) {
				rename := pm[1] + "-" + slugify(pm[2]) + ext
				if pm[0] == pm[2] { // unnumbered
					rename = slugify(pm[2]) + ext
				}
				dl.Add(diag.Diagnostic{File: full, Msg: fmt.Sprintf("lesson slug %q is not lowercase letters, digits and dashes", pm[2]),
					Hint: "rename the file to " + rename})
				continue
			}
			if other, dup := lessonSlugs[pm[2]]; dup {
				dl.Add(diag.Diagnostic{File: full, Msg: fmt.Sprintf("lesson slug %q is also used by %s", pm[2], other),
					Hint: "rename one of the files"})
				continue
			}
			lessonSlugs[pm[2]] = full
			var p *Page
			if ext == ".ipynb" {
				p = loadNotebook(fsys, full, dl)
			} else {
				p = c.loadPage(fsys, full, KindLesson, dl)
			}
			if p == nil {
				continue
			}
			if p.Order, err = strconv.Atoi(pm[1]); err != nil {
				p.Order = unnumbered // more digits than an int holds
			}
			p.Slug = pm[2]
			p.Ref = mod.Slug + "/" + p.Slug
			p.URL = p.Ref + "/"
			p.Module = mod
			mod.Lessons = append(mod.Lessons, p)
		default:
			c.addAsset(full, ename)
		}
	}
	if mod.Index == nil {
		dl.Add(diag.Diagnostic{File: dir, Msg: "module folder has no _index.md",
			Hint: "add " + dir + "/_index.md with at least a title in its front matter"})
		return nil
	}
	mod.Index.Slug = mod.Slug
	mod.Index.Ref = mod.Slug
	mod.Index.URL = mod.Slug + "/"
	mod.Index.Order = order
	mod.Index.Module = mod
	sortPages(mod.Lessons)
	return mod
}

func loadAssetDir(fsys fs.FS, c *Course, dir string, dl *diag.List) {
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			dl.Add(diag.Diagnostic{File: p, Msg: "cannot read: " + err.Error()})
			return nil
		}
		if Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasSuffix(p, ".md") {
			dl.Add(diag.Diagnostic{File: p, Msg: "markdown inside a sub-folder of a module is not a page",
				Hint: "move it up into the module folder, or rename it if it is meant as a download"})
			return nil
		}
		c.addAsset(p, d.Name())
		return nil
	})
}

// loadPage reads and parses one page, or takes it from the memo when its
// file did not change.
func (c *Course) loadPage(fsys fs.FS, file string, kind Kind, dl *diag.List) *Page {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		dl.Add(diag.Diagnostic{File: file, Msg: "cannot read: " + err.Error()})
		return nil
	}
	if e := c.memo.get(file, kind, src); e != nil {
		return &Page{File: file, Kind: kind, Meta: e.meta, Body: e.body, Src: src}
	}
	own := &diag.List{}
	p := parsePage(file, kind, src, own)
	dl.Merge(own)
	if own.Len() == 0 {
		c.memo.put(file, &parsedPage{src: src, kind: kind, meta: p.Meta, body: p.Body})
	}
	return p
}

func parsePage(file string, kind Kind, src []byte, dl *diag.List) *Page {
	p := &Page{File: file, Kind: kind, Src: src}
	if !diag.CheckUTF8(file, src, 0, dl) {
		// Reported once, here: the rest of the file is read as if each
		// bad byte were "?", so that no other message blames it and every
		// offset and line number stays the file's.
		src = validUTF8SameLength(src)
	}
	fm, fmLine, format, body, ok := splitFrontMatter(src)
	if !ok {
		fence := "---"
		if format == "toml" {
			fence = "+++"
		}
		dl.Add(diag.Diagnostic{File: file, Line: 1, Col: 1, Msg: "front matter is not closed",
			Hint: fmt.Sprintf("add a line with %s after the last key", fence)})
		p.Body = src
		return p
	}
	p.Body = body
	if format == "" {
		if kind != KindHome {
			dl.Add(diag.Diagnostic{File: file, Line: 1, Col: 1, Msg: "no front matter",
				Hint: "start the file with ---, a line title: ..., and ---"})
		}
		return p
	}
	var parsed bool
	p.Meta, parsed = parseFrontMatter(file, fm, fmLine, format, dl)
	if p.Meta.Title == "" && kind != KindHome && parsed {
		line := p.Meta.KeyLines["title"]
		if line == 0 {
			line = 1
		}
		dl.Add(diag.Diagnostic{File: file, Line: line, Col: 1, Msg: "front matter has no title",
			Hint: "add title: ... between the --- lines"})
	}
	if p.Meta.Minutes < 0 {
		dl.Add(diag.Diagnostic{File: file, Line: p.Meta.KeyLines["minutes"], Msg: "minutes must not be negative"})
	}
	if line, ok := p.Meta.KeyLines["test"]; ok {
		dl.Add(diag.Diagnostic{File: file, Line: line, Msg: "test applies to notebook lessons only",
			Hint: "mark the code blocks that course test runs with {run}, e.g. ```python {run}"})
	}
	return p
}

func sortModules(ms []*Module) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.Index.Meta.Weight != b.Index.Meta.Weight {
			return a.Index.Meta.Weight < b.Index.Meta.Weight
		}
		return a.Dir < b.Dir
	})
}

// unnumbered is the order of a lesson file without a number prefix: after
// every numbered one.
const unnumbered = math.MaxInt32

func sortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.Meta.Weight != b.Meta.Weight {
			return a.Meta.Weight < b.Meta.Weight
		}
		return a.File < b.File
	})
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// PageByFile returns the page loaded from file (a path under the project root).
func (c *Course) PageByFile(file string) *Page { return c.byFile[file] }

// PageByRef returns the page with the reference "module" or "module/lesson".
func (c *Course) PageByRef(ref string) *Page { return c.byRef[strings.Trim(ref, "/")] }

// HasAsset reports whether src (a path under the project root) is an asset.
func (c *Course) HasAsset(src string) bool { return c.assets[src] }

// AssetURL returns the site URL (relative to the base) of the asset at src.
func (c *Course) AssetURL(src string) string {
	return stripPrefixes(strings.TrimPrefix(src, Dir+"/"))
}

// Refs returns every page reference, sorted (for suggestions).
func (c *Course) Refs() []string {
	refs := make([]string, 0, len(c.byRef))
	for r := range c.byRef {
		refs = append(refs, r)
	}
	sort.Strings(refs)
	return refs
}

// ResolvePrereq finds the page a prerequisite of page p names: a reference
// ("module/lesson") or a path relative to p's file.
func (c *Course) ResolvePrereq(p *Page, ref string) *Page {
	if strings.HasSuffix(ref, ".md") || strings.HasSuffix(ref, ".ipynb") {
		return c.byFile[path.Join(path.Dir(p.File), ref)]
	}
	return c.PageByRef(ref)
}

// Nearest returns the reference closest to ref by edit distance, or "".
func (c *Course) Nearest(ref string) string {
	return diag.Nearest(ref, c.Refs(), len(ref)/2+2)
}

// validUTF8SameLength replaces each byte of src that is not part of valid
// UTF-8 with "?", keeping the length (U+FFFD would take three bytes).
func validUTF8SameLength(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		if r == utf8.RuneError && n <= 1 {
			out = append(out, '?')
			src = src[1:]
			continue
		}
		out = append(out, src[:n]...)
		src = src[n:]
	}
	return out
}

// loadNotebook reads a lesson from a Jupyter notebook.
func loadNotebook(fsys fs.FS, file string, dl *diag.List) *Page {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		dl.Add(diag.Diagnostic{File: file, Msg: "cannot read: " + err.Error()})
		return nil
	}
	nb, probs := notebook.Parse(file, src)
	for _, d := range probs {
		dl.Add(d)
	}
	if nb == nil {
		return nil
	}
	p := &Page{File: file, Kind: KindLesson, Body: nb.Body, Notebook: nb}
	p.Meta.KeyLines = map[string]int{}
	if nb.Course != "" {
		p.Meta, _ = parseFrontMatter(file, []byte(nb.Course), nb.CourseLine, "yaml", dl)
	}
	if p.Meta.Title == "" {
		p.Meta.Title = nb.Title
	}
	if p.Meta.Minutes < 0 {
		dl.Add(diag.Diagnostic{File: file, Line: p.Meta.KeyLines["minutes"], Msg: "minutes must not be negative"})
	}
	return p
}
