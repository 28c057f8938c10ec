package sitecheck

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// pageInfo is what a page says about itself once loaded (light mode).
type pageInfo struct {
	Title       string   `json:"title"`
	Description *string  `json:"description"`
	Kind        string   `json:"kind"`
	Theme       string   `json:"theme"`
	IDs         []string `json:"ids"`
	Links       []link   `json:"links"`
	Resources   []string `json:"resources"`
	Shift       float64  `json:"shift"`
	Shifts      []string `json:"shifts"`
	Exercises   int      `json:"exercises"`
	RunButtons  int      `json:"runButtons"`

	url     string // where it was visited
	file    string // its file, relative to Dir
	variant bool   // a page visited again with a query
}

// link is one a, area or link element with an href.
type link struct {
	Tag  string `json:"tag"`
	Raw  string `json:"raw"`
	Href string `json:"href"`
}

// pageInfoScript waits two frames, so that a shift of the last frame is
// reported, then reads what the checks need.
const pageInfoScript = `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))).then(() => {
  const root = document.documentElement;
  const d = document.querySelector('meta[name="description"]');
  const ex = 'section.exercise[data-runtime="browser"]';
  return {
    title: document.title,
    description: d ? d.getAttribute("content") : null,
    kind: root.dataset.kind || "",
    theme: root.dataset.theme || "",
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id)
      .concat([...document.querySelectorAll("a[name]")].map((e) => e.getAttribute("name"))),
    links: [...document.querySelectorAll("a[href], area[href], link[href]")].map((e) => ({
      tag: e.localName + (e.localName === "link" ? "[rel=" + e.getAttribute("rel") + "]" : ""),
      raw: e.getAttribute("href"),
      href: e.href,
    })),
    resources: performance.getEntriesByType("resource").map((e) => e.name),
    shift: window.__sitecheckShift || 0,
    shifts: window.__sitecheckShifts || [],
    exercises: document.querySelectorAll(ex).length,
    runButtons: document.querySelectorAll(ex + ' button[data-action="run"]').length,
  };
})`

// axeScript runs axe-core (injected before) with the options that replace
// OPTIONS and keeps the serious and critical violations. It leaves out
// KaTeX's visual rendering of formulas (.katex-html): it is aria-hidden (the
// MathML beside it is what assistive technology reads), takes the colour of
// the text around it, and is most of the elements of a page full of
// formulas, so that checking the contrast of each glyph box would take most
// of the time for nothing new.
const axeScript = `axe.run({exclude: [[".katex-html"]]}, OPTIONS).then((r) => r.violations
  .filter((v) => v.impact === "serious" || v.impact === "critical")
  .map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    summary: (v.nodes[0] && v.nodes[0].failureSummary || "").replace(/\s+/g, " ").slice(0, 300),
  })))`

// darkRules are the axe rules run again in dark mode: the page is the same
// document in both modes, and only colours change, so only the rules that
// read colours can give another answer.
const darkRules = `["color-contrast", "link-in-text-block"]`

// axeTimeout bounds one axe run (a hang guard: a print page is long, and
// under eight parallel builds one page took over a minute).
const axeTimeout = 3 * time.Minute

type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"`
	Summary string   `json:"summary"`
}

// run visits every page, then checks what needs all of them (links,
// titles) and the in-page runner. Pages are visited Options.Tabs at a time,
// each tab in a browser context of its own, so that one tab storing the
// dark theme (localStorage, shared by an origin's tabs) does not change the
// theme of a page another tab is loading. Such a context also fetches the
// favicon on every page, as a first visit does, so it is in every page's
// weight.
func (c *checker) run(ctx context.Context, pages []sitePage) error {
	start := time.Now()
	clock := c.clock.page()
	bctx, stop, err := startBrowser(ctx, c.opts.Browser)
	if err != nil {
		return err
	}
	defer stop()
	clock.lap("browser start")
	tabs, closeTabs, err := c.openTabs(bctx, min(c.opts.Tabs, len(pages)))
	if err != nil {
		return err
	}
	defer closeTabs()
	clock.lap("first visit")

	c.axePrint = smallestPrintPage(c.opts.Dir, pages)
	weights := newWeigher(c.opts.Dir, c.origin+c.opts.BasePath)
	queue := make(chan sitePage)
	var (
		wg      sync.WaitGroup
		stopped error // the browser stopped: no page after it can be checked
		errMu   sync.Mutex
	)
	for _, t := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range queue {
				err := c.visit(t, p, weights)
				c.drain(t)
				if err == nil {
					continue
				}
				if bctx.Err() != nil {
					errMu.Lock()
					stopped = fmt.Errorf("sitecheck: the browser stopped: %w", err)
					errMu.Unlock()
					continue
				}
				c.add(c.opts.BasePath+p.path, "load", "%v", err)
			}
		}()
	}
	for _, p := range longestFirst(c.opts.Dir, pages) {
		if bctx.Err() != nil {
			break
		}
		queue <- p
	}
	close(queue)
	wg.Wait()
	if stopped != nil {
		return stopped
	}
	c.opts.Logf("sitecheck: visited %d pages in light and dark mode in %s (%d tabs)", len(pages), time.Since(start).Round(time.Millisecond), len(tabs))
	c.checkLinks()
	c.checkTitles()
	runStart := time.Now()
	defer func() { c.clock.add("runner", time.Since(runStart)) }()
	// The runner runs in the browser's own context, whose storage is on
	// disk, as a reader's is (Pyodide's files are cached there).
	t, closeTab, err := c.newTab(bctx, false)
	if err != nil {
		return err
	}
	defer closeTab()
	if err := c.checkRunner(t); err != nil {
		if bctx.Err() != nil {
			return fmt.Errorf("sitecheck: the browser stopped: %w", err)
		}
		c.add(c.opts.BasePath, "runner", "%v", err)
	}
	c.drain(t)
	return nil
}

// openTabs opens n tabs, each in a browser context of its own, with the
// light theme stored.
func (c *checker) openTabs(bctx context.Context, n int) ([]*tab, func(), error) {
	var (
		tabs   []*tab
		closes []func()
	)
	closeAll := func() {
		for _, f := range closes {
			f()
		}
	}
	for range n {
		t, closeTab, err := c.newTab(bctx, true)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		closes = append(closes, closeTab)
		// The theme is stored per origin: open the site once to store it.
		if _, err := t.navigate(c.origin + c.opts.BasePath); err != nil {
			closeAll()
			return nil, nil, err
		}
		if err := c.setTheme(t, "light"); err != nil {
			closeAll()
			return nil, nil, err
		}
		t.rec.take()
		tabs = append(tabs, t)
	}
	return tabs, closeAll, nil
}

// longestFirst orders pages by the size of their files, largest first, so
// that the tabs end together rather than one of them starting a long page
// when the others are done. Findings are sorted at the end, so the order
// changes nothing else.
func longestFirst(dir string, pages []sitePage) []sitePage {
	size := make(map[string]int64, len(pages))
	for _, p := range pages {
		if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.file))); err == nil {
			size[p.file] = st.Size()
		}
	}
	out := append([]sitePage(nil), pages...)
	sort.SliceStable(out, func(i, j int) bool { return size[out[i].file] > size[out[j].file] })
	return out
}

// drain turns what the tab recorded into findings.
func (c *checker) drain(t *tab) {
	for _, p := range t.rec.take() {
		c.add(p.page, p.check, "%s", p.detail)
	}
}

func (c *checker) setTheme(t *tab, theme string) error {
	_, err := eval[bool](t, t.timeout, fmt.Sprintf(`(localStorage.setItem("course.theme", %q), true)`, theme))
	return err
}

// visit checks one page in light mode, then in dark mode.
func (c *checker) visit(t *tab, p sitePage, w *weigher) error {
	u := c.origin + c.opts.BasePath + p.path
	here := c.opts.BasePath + p.path
	clock := c.clock.page()
	defer func() { c.opts.Logf("sitecheck: %s: %s", here, clock) }()
	if p.want != http.StatusOK {
		t.rec.expect(u, int64(p.want))
	}
	status, err := t.navigate(u)
	if err != nil {
		return err
	}
	clock.lap("navigate")
	if status != int64(p.want) {
		c.add(here, "request", "%s answers HTTP %d, want %d", p.file, status, p.want)
	}
	if err := t.settle(); err != nil {
		return err
	}
	clock.lap("settle")
	if p.ready != "" {
		if err := t.waitFor(p.ready, t.timeout); err != nil {
			return err
		}
		clock.lap("ready")
	}
	info, err := eval[*pageInfo](t, t.timeout, pageInfoScript)
	if err != nil {
		return err
	}
	clock.lap("page info")
	info.url, info.file, info.variant = here, p.file, p.variant
	c.mu.Lock()
	c.pages[here] = info
	c.mu.Unlock()

	stat := PageStat{Page: here, Kind: info.Kind, LayoutShift: info.Shift}
	stat.GzipBytes, stat.RawBytes, stat.Files = w.weigh(append([]string{u}, info.Resources...))
	if !p.variant {
		c.onPageMu.Lock()
		c.opts.OnPage(stat)
		c.onPageMu.Unlock()
	}
	if info.Kind == "lesson" && stat.GzipBytes > c.opts.LessonBudget {
		var heaviest []string
		for _, f := range stat.Files[:min(5, len(stat.Files))] {
			heaviest = append(heaviest, fmt.Sprintf("%s %d", f.File, f.GzipBytes))
		}
		c.add(here, "weight", "the page loads %d bytes gzip-compressed (%d files) before any interaction; the budget is %d; heaviest: %s",
			stat.GzipBytes, len(stat.Files), c.opts.LessonBudget, strings.Join(heaviest, ", "))
	}
	c.checkShift(here, "light", info.Shift, info.Shifts)
	if info.Theme != "light" {
		c.add(here, "axe", `with localStorage "course.theme" = "light" the page has data-theme=%q`, info.Theme)
	}
	axeHere := p.file == c.axePrint || !isPrintPage(p.file)
	if axeHere {
		if err := c.runAxe(t, here, "light", clock); err != nil {
			return err
		}
	}

	// Dark mode, as the theme toggle leaves it.
	if err := c.setTheme(t, "dark"); err != nil {
		return err
	}
	defer func() { _ = c.setTheme(t, "light") }()
	if err := t.reload(); err != nil {
		return err
	}
	clock.lap("dark reload")
	if err := t.settle(); err != nil {
		return err
	}
	clock.lap("dark settle")
	dark, err := eval[struct {
		Theme  string   `json:"theme"`
		Shift  float64  `json:"shift"`
		Shifts []string `json:"shifts"`
	}](t, t.timeout, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))).then(() =>
	  ({theme: document.documentElement.dataset.theme || "", shift: window.__sitecheckShift || 0, shifts: window.__sitecheckShifts || []}))`)
	if err != nil {
		return err
	}
	clock.lap("dark info")
	if dark.Theme != "dark" {
		c.add(here, "axe", `with localStorage "course.theme" = "dark" the page has data-theme=%q: dark mode is not checked`, dark.Theme)
	}
	c.checkShift(here, "dark", dark.Shift, dark.Shifts)
	if !axeHere {
		return nil
	}
	return c.runAxe(t, here, "dark", clock)
}

func (c *checker) checkShift(here, mode string, shift float64, shifts []string) {
	switch {
	case shift > c.opts.MaxLayoutShift:
		c.add(here, "layout-shift", "cumulative layout shift %.4f during load (%s mode), allowed %.4f; shifts: %s",
			shift, mode, c.opts.MaxLayoutShift, strings.Join(shifts, "; "))
	case shift > 0:
		c.opts.Logf("sitecheck: %s: layout shift %.5f (%s mode), within the %.4f allowed: %s",
			here, shift, mode, c.opts.MaxLayoutShift, strings.Join(shifts, "; "))
	}
}

// runAxe injects axe-core into the page and reports its serious and
// critical violations.
//
// noHtml keeps axe from copying each element it checks into its results as
// HTML (outerHTML, cut to 300 characters, but serialised whole first: a
// section's is the whole section, for every rule that looks at it); the
// findings use the selectors and the failure summary, never that copy, and
// axe runs about a tenth faster without it.
func (c *checker) runAxe(t *tab, here, mode string, clock *pageClock) error {
	if _, err := eval[bool](t, t.timeout, c.axe+"\n;axe.configure({noHtml: true});true"); err != nil {
		return fmt.Errorf("injecting axe-core: %w", err)
	}
	clock.lap("axe inject")
	options := `{resultTypes: ["violations"]}`
	if mode == "dark" {
		options = `{resultTypes: ["violations"], runOnly: {type: "rule", values: ` + darkRules + `}}`
	}
	vs, err := eval[[]axeViolation](t, max(t.timeout, axeTimeout), strings.Replace(axeScript, "OPTIONS", options, 1))
	if err != nil {
		return err
	}
	clock.lap("axe " + mode)
	for _, v := range vs {
		c.add(here, "axe", "%s mode: %s (%s, %d element(s)): %s; e.g. %s; %s",
			mode, v.ID, v.Impact, v.Nodes, v.Help, strings.Join(v.Targets, " | "), v.Summary)
	}
	return nil
}

// checkTitles reports missing and shared titles and missing descriptions.
func (c *checker) checkTitles() {
	byTitle := map[string][]string{}
	for here, p := range c.pages {
		if p.variant {
			continue // the same page
		}
		title := strings.TrimSpace(p.Title)
		if title == "" {
			c.add(here, "title", "the page has no <title>")
		} else {
			byTitle[title] = append(byTitle[title], here)
		}
		if p.Description == nil || strings.TrimSpace(*p.Description) == "" {
			c.add(here, "description", `the page has no <meta name="description"> with content`)
		}
	}
	for title, pages := range byTitle {
		if len(pages) < 2 {
			continue
		}
		for _, here := range pages {
			var others []string
			for _, o := range pages {
				if o != here {
					others = append(others, o)
				}
			}
			c.add(here, "title", "<title>%s</title> is also the title of %s", title, strings.Join(others, ", "))
		}
	}
}

// checkRunner presses Run on the first browser exercise that has the
// button and waits for its report.
func (c *checker) checkRunner(t *tab) error {
	var target *pageInfo
	exercises := 0
	for _, p := range c.pages {
		exercises += p.Exercises
		if p.RunButtons > 0 && (target == nil || p.url < target.url) {
			target = p
		}
	}
	if target == nil {
		if c.opts.RequireRunner {
			c.add(c.opts.BasePath, "runner", "runner not built yet: no page has a browser exercise with a Run button "+
				`(section.exercise[data-runtime="browser"] button[data-action="run"]); %d browser exercise section(s) in all`, exercises)
		} else {
			c.opts.Logf("sitecheck: runner not built yet (no Run button on any page): the offline run is not checked")
		}
		return nil
	}
	start := time.Now()
	if _, err := t.navigate(c.origin + target.url); err != nil {
		return err
	}
	if err := t.settle(); err != nil {
		return err
	}
	const mark = `document.querySelector('section.exercise[data-runtime="browser"][data-sitecheck-run]')`
	if _, err := eval[bool](t, t.timeout, `(() => {
	  const b = document.querySelector('section.exercise[data-runtime="browser"] button[data-action="run"]');
	  b.closest("section.exercise").setAttribute("data-sitecheck-run", "");
	  b.scrollIntoView();
	  return true;
	})()`); err != nil {
		return err
	}
	if err := t.do("pressing Run", clickSelector(`section.exercise[data-sitecheck-run] button[data-action="run"]`)); err != nil {
		return err
	}
	status := mark + `.querySelector(".exercise-results")?.dataset.status`
	err := t.waitFor(`["pass", "fail", "error"].includes(`+status+`)`, c.opts.RunnerTimeout)
	if err != nil {
		got, _ := eval[string](t, t.timeout, `[String(`+status+`), `+mark+`.textContent.replace(/\s+/g, " ").trim().slice(-300)].join("; the section says: ")`)
		c.add(target.url, "runner", "pressing Run gave no report within %s (data-status=%s)", c.opts.RunnerTimeout, got)
		return nil
	}
	res, err := eval[struct {
		Status string `json:"status"`
		Text   string `json:"text"`
	}](t, t.timeout, `({status: `+status+`, text: (`+mark+`.querySelector(".exercise-results").textContent || "").replace(/\s+/g, " ").trim().slice(0, 300)})`)
	if err != nil {
		return err
	}
	if res.Status == "error" {
		c.add(target.url, "runner", "pressing Run ended with data-status=error: %s", res.Text)
	}
	c.opts.Logf("sitecheck: pressing Run on %s gave %q in %s, offline", target.url, res.Status, time.Since(start).Round(time.Millisecond))
	return nil
}

// checkLinks checks every link recorded on every page, now that the ids of
// every page are known.
func (c *checker) checkLinks() {
	base, _ := url.Parse(c.origin + c.opts.BasePath)
	for here, p := range c.pages {
		seen := map[string]bool{}
		for _, l := range p.Links {
			if seen[l.Href] {
				continue
			}
			seen[l.Href] = true
			if msg := c.checkLink(base, l); msg != "" {
				c.add(here, "link", "%s href=%q: %s", l.Tag, l.Raw, msg)
			}
		}
	}
}

// checkLink returns what is wrong with l, or "".
func (c *checker) checkLink(base *url.URL, l link) string {
	u, err := url.Parse(l.Href)
	if err != nil {
		return "not a URL: " + err.Error()
	}
	switch u.Scheme {
	case "http", "https":
	case "mailto", "tel", "data":
		return ""
	default:
		return "scheme " + u.Scheme + ": is not a link a reader can follow"
	}
	if u.Host != base.Host || u.Scheme != base.Scheme {
		return "" // another site: not fetched
	}
	rest, ok := strings.CutPrefix(u.Path, base.Path)
	if !ok {
		return "outside the site (" + base.Path + ")"
	}
	// A page visited where no file is (the 404 page) links to itself.
	key := u.Path
	target, ok := c.pages[key]
	if !ok {
		file, exists := siteFile(c.opts.Dir, rest)
		if !exists {
			return "no such file in the site"
		}
		key = base.Path + strings.TrimSuffix(file, "index.html")
		target, ok = c.pages[key]
	}
	if u.Fragment == "" {
		return ""
	}
	if !ok {
		return "" // a fragment of a file that is not a page
	}
	for _, id := range target.IDs {
		if id == u.Fragment {
			return ""
		}
	}
	return fmt.Sprintf("%s has no element with id %q", key, u.Fragment)
}

// isPrintPage reports whether the HTML file rel is a print page
// (print/index.html, or MODULE/print/index.html).
func isPrintPage(rel string) bool {
	return rel == "print/index.html" || strings.HasSuffix(rel, "/print/index.html")
}

// smallestPrintPage returns the smallest print page, the only one axe
// checks: print pages repeat the lessons, which axe checks one by one, in
// the print template, which one page shows; on the longer ones axe takes
// minutes. Every other check runs on every print page.
func smallestPrintPage(dir string, pages []sitePage) string {
	best, bestSize := "", int64(-1)
	for _, p := range pages {
		if !isPrintPage(p.file) {
			continue
		}
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.file)))
		if err == nil && (bestSize < 0 || st.Size() < bestSize) {
			best, bestSize = p.file, st.Size()
		}
	}
	return best
}
