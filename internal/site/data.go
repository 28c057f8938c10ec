package site

import "html/template"

// The types in this file are the contract between the build and the theme's
// templates: every template is executed with a *PageData, and may use the
// functions listed in funcMap (see templates.go).
//
// Every URL in PageData is base-absolute (it starts with Site.BasePath, e.g.
// "/ml-course/loss-functions/mse/"), so a page works at any depth, including
// 404.html, which hosts serve at whatever path was requested.

// PageData is what a template sees.
type PageData struct {
	Site *SiteData
	// Kind is one of "home", "module", "lesson", "search", "404", "print".
	Kind string
	// Title of the page (for <title>, it is followed by the site title
	// except on the home page).
	Title string
	// Description for <meta name="description">: the page summary, else the
	// site description. Never empty.
	Description string
	URL         string // base-absolute URL of this page
	Canonical   string // full URL, or "" when only a path is known
	Content     template.HTML
	TOC         []TOCEntry // headings of level 2 and 3
	Breadcrumbs []NavLink  // from the home page down to the parent of this page
	Prev, Next  *NavLink
	Module      *ModuleNav // the current module (module, lesson and module print pages)
	// Sidebar is the "sidebar" template rendered for this page. The build
	// renders it once per module and marks the current page's link with
	// aria-current="page" afterwards: rendering it per page costs a build
	// of 10,000 pages minutes. base.html writes {{.Sidebar}}.
	Sidebar template.HTML
	// Scripts are the base-absolute URLs (content-hashed) of the theme
	// scripts this page's blocks need (js/quiz.js, js/figures.js and the
	// figure components, …; see markdown.Directive.UseScripts), in the
	// order first needed. base.html loads them after the theme's own
	// scripts, deferred and render-blocking (so that the first paint shows
	// the blocks mounted). Empty on pages without such blocks and on print
	// pages, which show the blocks' no-script form.
	Scripts []string
	// Notebook is set on pages that show a notebook lesson (its own page
	// and the print pages that hold it): base.html then loads the theme's
	// css/notebook.css.
	Notebook bool

	// Lesson pages.
	Objectives     []string
	Prerequisites  []NavLink
	Minutes        int // front-matter minutes, else the reading time
	ReadingMinutes int // words / 220, at least 1
	Words          int
	EditURL        string // "" when course.toml has no repository

	// Module and home pages: the lessons (module) or modules (home) listed.
	Lessons []NavLink

	// Print pages: the sections printed in order.
	PrintSections []PrintSection
	// PrintNote is set on module print pages when the whole-course print
	// page was left out (above 500 lessons).
	PrintNote string
}

// SiteData is shared by every page of a build.
type SiteData struct {
	Title       string
	Description string
	Language    string
	BasePath    string // always starts and ends with "/"
	BaseURL     string // full URL with scheme and host, or "" when unknown
	Repository  string
	Modules     []*ModuleNav
	// SearchIndex is the base-absolute URL of the search index (JSON),
	// fetched by the page only when the reader first searches.
	SearchIndex string
	Generator   string // "course vX.Y.Z"
	// PrintURL is the whole-course print page, "" when left out.
	PrintURL string
}

// ModuleNav is a module as the sidebar shows it.
type ModuleNav struct {
	Number   int // 0-based position, from the folder prefix order
	Slug     string
	Title    string
	Summary  string
	URL      string
	PrintURL string
	Lessons  []NavLink
	// Current is true on the module page itself and on its lessons' pages:
	// the sidebar keeps this module open. Set per page on a copy.
	Current bool
}

// NavLink is a link to a page with what lists of pages show about it.
type NavLink struct {
	Title   string
	URL     string
	Summary string
	Minutes int
}

// TOCEntry is one heading of a page.
type TOCEntry struct {
	Level int
	ID    string
	Text  string
}

// PrintSection is one page inside a print page.
type PrintSection struct {
	ID     string // anchor of the section in the print page
	Number string // "2" for a module, "2.3" for its third lesson, as the sidebar numbers them
	Title  string
	URL    string // the page's own URL
	Level  int    // 1 for a module, 2 for a lesson
	// Content is the page's HTML. A print template prints it once, as
	// HTML ({{.Content}} in element content), or not at all when it is
	// empty: the build runs the template with a short marker in its place
	// and splices the HTML in afterwards (a print page holds megabytes),
	// so a template that measures or transforms it sees the marker. One
	// that prints it elsewhere, or twice, gets it through the template,
	// more slowly.
	Content template.HTML
}
