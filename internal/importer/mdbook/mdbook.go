// Package mdbook imports a book written for mdBook as a course: it reads
// the book and writes course.toml and content/, and stops there (the build
// never knows a course was imported).
//
// # What becomes what
//
//   - book.toml: [book] title, description and language, and
//     [output.html] git-repository-url (as repository), go into
//     course.toml; math is on only when the book turns on MathJax
//     (output.html.mathjax-support), as mdBook reads no "$" otherwise.
//   - src/SUMMARY.md (the folder is [book] src): each part ("# Part") is a
//     module; a book without parts makes each top-level numbered chapter
//     a module (the chapter is its first lesson). Prefix chapters form a
//     first module, suffix chapters a last one, each named after its
//     chapter when it holds one (else "Introduction", "Appendices").
//     Every chapter, at any depth, is a lesson of its module, numbered in
//     SUMMARY order: content/NN-module/NN-slug.md, the slug made from the
//     file name (from the title for README.md, index.md and drafts).
//     Draft chapters ("[Title]()") become lessons marked draft.
//   - Each chapter's text: {{#include}}, {{#rustdoc_include}} and
//     {{#playground}} expanded as mdBook does (line ranges "N", "N:M",
//     "N:", ":M" and "::M"; ANCHOR/ANCHOR_END markers, whose lines are left
//     out of an anchored include; \{{#…}} is kept as text); the first
//     heading, which our page template shows as the title, becomes an
//     anchor of the same id; code fences keep their language only
//     ("rust,ignore" → rust), and mdBook's hidden lines (rustdoc's "# " in
//     Rust; output.html.code.hidelines prefixes, or a block's own
//     "hidelines=PREFIX") lose their marker and are listed in a hide=
//     attribute, so that the page hides them too.
//   - Links and images: to chapters (x.md, x.html, folder/ and index.html
//     for README.md) become links to the lessons' .md files, anchors kept;
//     to other files under src/ copy the file into the module's folder at
//     the same relative path; raw HTML href and src attributes become URLs
//     relative to the page. A link from the site's root ("/x/y.html", or
//     under SiteURL's path) that names a chapter or file of the book is one
//     of these. Links that leave the book (out of src/, or from the root
//     to anything else) become absolute under Options.SiteURL; without it,
//     or when a target is missing, the link is left as it was and listed in
//     Report.Links, so that the author can fix it before building.
//
// Problems in the book (SUMMARY.md, missing chapter or included files)
// are collected with file:line:col and nothing is written. The course is
// written into a temporary folder beside Dest and renamed into place; a
// Dest that exists and is not empty is replaced only with Options.Force.
package mdbook

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/pelletier/go-toml/v2"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/scaffold"
)

// Options configure an import.
type Options struct {
	Src     string // the book's folder (holds book.toml)
	Dest    string // the course folder to write
	SiteURL string // where the book is published, for links that leave it
	Force   bool   // replace a non-empty Dest
}

// Report says what an import did.
type Report struct {
	Modules, Lessons, Drafts, Assets int
	Absolute                         int               // links made absolute under SiteURL
	Links                            []diag.Diagnostic // links left as they were, at their place in Dest
	Notes                            []string
}

// UsageError is a problem with the command, not with the book: a refused
// destination or a folder that is not a book.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

type module struct {
	title   string
	slug    string
	dir     string // "content/03-slug"
	lessons []*lesson
}

type lesson struct {
	ch   *chapter
	mod  *module
	slug string
	name string // "02-slug.md"
}

func (l *lesson) dir() string  { return l.mod.dir }
func (l *lesson) file() string { return l.mod.dir + "/" + l.name }
func (l *lesson) url() string  { return l.mod.slug + "/" + l.slug + "/" }

type importer struct {
	opts     Options
	srcDir   string // absolute path of the book's src folder
	srcName  string // its name in book.toml ("src")
	siteURL  *url.URL
	byPath   map[string]*lesson // chapter path (relative to src) → lesson
	first    *lesson
	assets   map[*module]map[string]bool
	absolute int
	mathjax  bool // the book turns MathJax on
}

type bookConfig struct {
	Book struct {
		Title       string `toml:"title"`
		Description string `toml:"description"`
		Language    string `toml:"language"`
		Src         string `toml:"src"`
	} `toml:"book"`
	Output struct {
		HTML struct {
			Repository string `toml:"git-repository-url"`
			MathJax    bool   `toml:"mathjax-support"`
			Code       struct {
				Hidelines map[string]string `toml:"hidelines"`
			} `toml:"code"`
		} `toml:"html"`
	} `toml:"output"`
}

// Import reads the book at opts.Src and writes a course at opts.Dest. A
// *UsageError means the command was wrong; a *diag.ListError lists the
// book's problems; in both cases nothing was written.
func Import(opts Options) (*Report, error) {
	if err := checkDest(opts); err != nil {
		return nil, err
	}
	bookFile := filepath.Join(opts.Src, "book.toml")
	data, err := os.ReadFile(bookFile)
	if err != nil {
		return nil, &UsageError{fmt.Sprintf("%s is not an mdBook book: %v", opts.Src, err)}
	}
	dl := &diag.List{}
	var cfg bookConfig
	if err := toml.Unmarshal(data, &cfg); err != nil {
		d := diag.Diagnostic{File: "book.toml", Msg: "cannot read: " + err.Error()}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			d.Line, d.Col = de.Position()
		}
		dl.Add(d)
		return nil, dl.Err()
	}
	if cfg.Book.Src == "" {
		cfg.Book.Src = "src"
	}
	if cfg.Book.Title = strings.TrimSpace(cfg.Book.Title); cfg.Book.Title == "" {
		abs, _ := filepath.Abs(opts.Src)
		cfg.Book.Title = filepath.Base(abs) // mdBook shows no title; the course needs one
	}
	imp := &importer{opts: opts, srcName: cfg.Book.Src, byPath: map[string]*lesson{}, assets: map[*module]map[string]bool{}}
	imp.mathjax = cfg.Output.HTML.MathJax
	imp.srcDir, _ = filepath.Abs(filepath.Join(opts.Src, filepath.FromSlash(cfg.Book.Src)))
	if opts.SiteURL != "" {
		u, err := url.Parse(opts.SiteURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, &UsageError{fmt.Sprintf("--site-url %q is not a full URL (https://host/path/)", opts.SiteURL)}
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		imp.siteURL = u
	}
	sumName := path.Join(cfg.Book.Src, "SUMMARY.md")
	sumData, err := os.ReadFile(filepath.Join(imp.srcDir, "SUMMARY.md"))
	if err != nil {
		return nil, &UsageError{fmt.Sprintf("%s has no %s: %v", opts.Src, sumName, err)}
	}
	sum := parseSummary(string(sumData), sumName, dl)
	rep := &Report{}
	modules := imp.plan(sum, rep)
	for _, c := range sum.Chapters {
		if c.Path != "" && !imp.isFile(c.Path) {
			dl.Add(diag.Diagnostic{File: sumName, Line: c.Line, Col: 1, Msg: fmt.Sprintf("chapter file %s/%s does not exist", cfg.Book.Src, c.Path),
				Hint: "create it, fix the path, or write [" + c.Title + "]() to keep it as a draft"})
		}
	}
	if dl.HasErrors() {
		return nil, dl.Err()
	}
	files, err := imp.convert(modules, cfg, dl, rep)
	if err != nil {
		return nil, err
	}
	if dl.HasErrors() {
		return nil, dl.Err()
	}
	files["course.toml"] = []byte(courseTOML(cfg))
	files["content/_index.md"] = []byte(frontMatter(cfg.Book.Title, cfg.Book.Description, false))
	files[".gitignore"] = []byte("public/\n.course-cache/\n")
	if err := imp.write(files, modules, rep); err != nil {
		return nil, err
	}
	rep.Modules = len(modules)
	rep.Absolute = imp.absolute
	return rep, nil
}

// plan groups the chapters into modules and names every lesson file.
func (imp *importer) plan(sum *summary, rep *Report) []*module {
	var modules []*module
	var cur *module
	start := func(title string) {
		cur = &module{title: title}
		modules = append(modules, cur)
	}
	part, kind := -2, chapterKind(-1)
	for _, c := range sum.Chapters {
		switch {
		case c.Kind != kind, // prefix, numbered and suffix chapters never share a module
			c.Kind == numberedChapter && len(sum.Parts) > 0 && c.Part != part,
			c.Kind == numberedChapter && len(sum.Parts) == 0 && c.Depth == 0:
			title := c.Title
			if c.Kind == numberedChapter && c.Part >= 0 {
				title = sum.Parts[c.Part]
			}
			start(title)
		}
		part, kind = c.Part, c.Kind
		cur.lessons = append(cur.lessons, &lesson{ch: c, mod: cur})
	}
	for _, m := range modules {
		k := m.lessons[0].ch.Kind
		if len(m.lessons) > 1 && k == prefixChapter {
			m.title = "Introduction"
		} else if len(m.lessons) > 1 && k == suffixChapter {
			m.title = "Appendices"
		}
	}
	for i, p := range sum.Parts {
		used := false
		for _, c := range sum.Chapters {
			used = used || c.Part == i && c.Kind == numberedChapter
		}
		if !used {
			rep.Notes = append(rep.Notes, fmt.Sprintf("part %q has no chapters: no module made for it", p))
		}
	}
	width := digits(len(modules))
	// Module slugs are the site's top-level folders: keep clear of the
	// build's own pages and the theme's folders.
	modSlugs := map[string]int{}
	for _, r := range reservedSlugs {
		modSlugs[r] = 1
	}
	for i, m := range modules {
		m.slug = unique(slugify(m.title, "module"), modSlugs)
		m.dir = fmt.Sprintf("content/%0*d-%s", width, i+1, m.slug)
		lw := digits(len(m.lessons))
		slugs := map[string]int{}
		for j, l := range m.lessons {
			base := strings.TrimSuffix(path.Base(l.ch.Path), path.Ext(l.ch.Path))
			if l.ch.Path == "" || strings.EqualFold(base, "readme") || strings.EqualFold(base, "index") {
				base = l.ch.Title
			}
			l.slug = unique(slugify(base, "chapter"), slugs)
			l.name = fmt.Sprintf("%0*d-%s.md", lw, j+1, l.slug)
			if l.ch.Path != "" {
				imp.byPath[l.ch.Path] = l
				if imp.first == nil {
					imp.first = l
				}
			}
		}
		imp.assets[m] = map[string]bool{}
	}
	return modules
}

// convert makes every lesson's file.
func (imp *importer) convert(modules []*module, cfg bookConfig, dl *diag.List, rep *Report) (map[string][]byte, error) {
	files := map[string][]byte{}
	exp := &expander{root: imp.opts.Src, dl: dl, notes: &rep.Notes}
	for _, m := range modules {
		files[m.dir+"/_index.md"] = []byte(frontMatter(m.title, "", false))
		for _, l := range m.lessons {
			rep.Lessons++
			if l.ch.Path == "" {
				rep.Drafts++
				files[l.file()] = []byte(frontMatter(l.ch.Title, "", true) + "\nThis chapter is not written yet (a draft chapter of the book).\n")
				continue
			}
			full := filepath.Join(imp.srcDir, filepath.FromSlash(l.ch.Path))
			data, err := os.ReadFile(full)
			if err != nil {
				return nil, err
			}
			text := exp.expand(normalize(data), full, 0)
			text, inCode := convertCode(text, cfg.Output.HTML.Code.Hidelines)
			text = titleToAnchor(text, inCode)
			fm := frontMatter(l.ch.Title, "", false)
			text, problems := imp.rewriteLinks(text, inCode, l)
			offset := strings.Count(fm, "\n")
			for _, p := range problems {
				rep.Links = append(rep.Links, diag.Diagnostic{File: l.file(), Line: p.line + offset, Col: p.col, Severity: diag.Warning,
					Msg:  fmt.Sprintf("link %q (from %s/%s) was not rewritten: %s", p.dest, imp.srcName, l.ch.Path, p.why),
					Hint: ""})
			}
			files[l.file()] = []byte(fm + text)
		}
	}
	return files, nil
}

// titleToAnchor replaces a chapter's leading "# Title" (the page template
// shows the title already) with an empty anchor of mdBook's id for it, so
// that links to it still land. Line count is kept.
func titleToAnchor(text string, inCode []bool) string {
	ls := strings.Split(text, "\n")
	for i, l := range ls {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if inCode[i] || !strings.HasPrefix(l, "# ") {
			return text
		}
		ls[i] = ""
		if id := atxID(l); id != "" && !headingWithID(ls[i+1:], inCode[i+1:], id) {
			ls[i] = `<a id="` + id + `"></a>`
		}
		return strings.Join(ls, "\n")
	}
	return text
}

var atxRe = regexp.MustCompile(`^ {0,3}#{1,6}(\s|$)`)

// atxID is the id of an ATX heading line ("## Title ##").
func atxID(line string) string {
	t := strings.TrimLeft(strings.TrimSpace(line), "#")
	return headingID(inlineText(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), "#"))))
}

// headingWithID reports whether one of the ATX headings in lines (outside
// code) has the id: the page has that anchor already, and a second
// element with the same id would be invalid HTML.
func headingWithID(lines []string, inCode []bool, id string) bool {
	for i, l := range lines {
		if !inCode[i] && atxRe.MatchString(l) && atxID(l) == id {
			return true
		}
	}
	return false
}

// headingID is mdBook's id for a heading's text: letters, digits, "-" and
// "_" lowercased, spaces as "-", anything else dropped.
func headingID(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-':
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}

func frontMatter(title, summary string, draft bool) string {
	var b strings.Builder
	b.WriteString("---\ntitle: " + strconv.Quote(title) + "\n")
	if summary != "" {
		b.WriteString("summary: " + strconv.Quote(summary) + "\n")
	}
	if draft {
		b.WriteString("draft: true\n")
	}
	b.WriteString("---\n")
	return b.String()
}

func courseTOML(cfg bookConfig) string {
	var b strings.Builder
	b.WriteString("# Imported from an mdBook book (course import mdbook).\n")
	fmt.Fprintf(&b, "title = %s\n", tomlString(cfg.Book.Title))
	if cfg.Book.Description != "" {
		fmt.Fprintf(&b, "description = %s\n", tomlString(cfg.Book.Description))
	}
	if cfg.Book.Language != "" {
		fmt.Fprintf(&b, "language = %s\n", tomlString(cfg.Book.Language))
	}
	if r := cfg.Output.HTML.Repository; r != "" {
		fmt.Fprintf(&b, "repository = %s\n", tomlString(r))
	}
	fmt.Fprintf(&b, "\n[math]\nenabled = %v # mdBook reads math only with output.html.mathjax-support\n", cfg.Output.HTML.MathJax)
	return b.String()
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// reservedSlugs are top-level folders of a built site that a module must
// not take: the search and print pages and the theme's static folders.
var reservedSlugs = []string{"search", "print", "css", "js", "katex", "pyodide", "editor"}

func digits(n int) int { return max(2, len(strconv.Itoa(n))) }

// slugify makes a slug as `course new` does, or fallback when s has no
// letter or digit.
func slugify(s, fallback string) string {
	if slug := scaffold.Slugify(s); slug != "" {
		return slug
	}
	return fallback
}

func unique(slug string, seen map[string]int) string {
	seen[slug]++
	if n := seen[slug]; n > 1 {
		s := fmt.Sprintf("%s-%d", slug, n)
		seen[s]++
		return s
	}
	return slug
}

// checkDest refuses a destination that is not empty (without Force) or
// that a replacement would harm.
func checkDest(opts Options) error {
	if opts.Src == "" || opts.Dest == "" {
		return &UsageError{"need a book folder and a destination folder"}
	}
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return &UsageError{err.Error()}
	}
	src, _ := filepath.Abs(opts.Src)
	home, _ := os.UserHomeDir()
	if dest == filepath.Dir(dest) || dest == home || dest == src || strings.HasPrefix(src+string(filepath.Separator), dest+string(filepath.Separator)) {
		return &UsageError{fmt.Sprintf("refusing to write the course into %s (the root, your home folder, or a folder holding the book)", opts.Dest)}
	}
	st, err := os.Stat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &UsageError{err.Error()}
	}
	if !st.IsDir() {
		return &UsageError{fmt.Sprintf("%s exists and is not a folder", opts.Dest)}
	}
	f, err := os.Open(dest)
	if err != nil {
		return &UsageError{err.Error()}
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err == io.EOF {
		return nil
	}
	if !opts.Force {
		return &UsageError{fmt.Sprintf("%s is not empty; pass --force to replace it", opts.Dest)}
	}
	return nil
}

// write writes the files and the copied assets into a temporary folder
// beside Dest, then swaps it into place.
func (imp *importer) write(files map[string][]byte, modules []*module, rep *Report) (err error) {
	dest, _ := filepath.Abs(imp.opts.Dest)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return &UsageError{err.Error()}
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".import-")
	if err != nil {
		return &UsageError{err.Error()}
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	for _, m := range modules {
		rels := make([]string, 0, len(imp.assets[m]))
		for rel := range imp.assets[m] {
			rels = append(rels, rel)
		}
		sort.Strings(rels)
		for _, rel := range rels {
			if err := copyFile(filepath.Join(imp.srcDir, filepath.FromSlash(rel)), filepath.Join(tmp, filepath.FromSlash(m.dir), filepath.FromSlash(rel))); err != nil {
				return err
			}
			rep.Assets++
		}
	}
	old := ""
	if _, err := os.Stat(dest); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dest, old); err != nil {
			return &UsageError{fmt.Sprintf("cannot replace %s: %v", imp.opts.Dest, err)}
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
