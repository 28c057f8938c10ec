package build_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
	"github.com/mlcourse/course/internal/content"
)

// basePath is where the smoke test serves the site, as on GitHub Pages.
const basePath = "/ml-course/"

// The search check looks for a word that occurs in one lesson only.
const (
	searchWord   = "intentions"
	searchLesson = "What a loss is"
)

// TestBrowserSmoke builds the repository's own course with a base path,
// serves it as a plain static host would, and checks in headless Chromium
// what a reader does first: pages load cleanly, search finds a lesson, the
// dark theme sticks, the arrow keys turn pages and the 404 page works
// anywhere. See internal/browsertest for what "cleanly" means and for when
// the test skips.
func TestBrowserSmoke(t *testing.T) {
	site := buildCourse(t, "../..")
	base := browsertest.ServeDir(t, site.out, basePath)
	b := browsertest.Start(t)
	pages := site.res.Course.Pages

	// One page of each kind: internal/sitecheck loads every page of the
	// course (console, requests, links, axe), so this pass only has to show
	// that each template loads cleanly under a base path.
	t.Run("a_page_of_each_kind_loads_without_errors", func(t *testing.T) {
		kinds := onePageOfEachKind(site.paths())
		if len(kinds) != 6 {
			t.Fatalf("pages of each kind: %q, want 6 (home, search, course print, module, module print, lesson)", kinds)
		}
		tab := b.NewTab(t)
		for _, p := range kinds {
			u := base + strings.TrimSuffix(p, "index.html")
			if resp := tab.Navigate(u); resp.Status != 200 {
				t.Errorf("%s: HTTP %d", u, resp.Status)
			}
			tab.AssertClean()
		}
	})

	t.Run("search_finds_a_lesson", func(t *testing.T) {
		lesson := pageTitled(t, pages, searchLesson)
		want := base + lesson.URL
		site.checkOnlyPageWith(t, searchWord, basePath+lesson.URL)

		tab := b.NewTab(t)
		tab.Navigate(base)
		tab.Press("/")
		tab.WaitFor(`document.activeElement?.id === "search-input"`)
		tab.Press(searchWord)
		tab.WaitVisible("#search-listbox a.result")
		hrefs := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("#search-listbox a.result")].map((a) => a.href)`)
		for _, h := range hrefs {
			if withoutFragment(h) != want {
				t.Errorf("result %s: want only results in %s (%q occurs nowhere else)", h, want, searchWord)
			}
		}
		// Choose the first result with the keyboard and follow it.
		tab.Press(kb.ArrowDown)
		if resp := tab.PressAndWaitLoad(kb.Enter); resp.Status != 200 {
			t.Errorf("opening the result: HTTP %d", resp.Status)
		}
		if got := withoutFragment(tab.Location()); got != want {
			t.Errorf("Enter on the first result went to %s, want %s", got, want)
		}
		tab.AssertClean()
	})

	t.Run("dark_mode_survives_a_reload", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Navigate(base)
		t.Cleanup(func() {
			_ = chromedp.Do(tab.Context(), chromedp.Evaluate[chromedp.Void](`localStorage.removeItem("course.theme")`))
		})
		tab.WaitVisible(".theme-toggle")
		theme := func() string { return browsertest.Eval[string](tab, `document.documentElement.dataset.theme || ""`) }
		bg := func() string {
			return browsertest.Eval[string](tab, `getComputedStyle(document.documentElement).getPropertyValue("--bg").trim()`)
		}
		clickUntil := func(want string) {
			t.Helper()
			// The toggle cycles system → light → dark.
			for range 3 {
				if theme() == want {
					return
				}
				tab.Click(".theme-toggle")
			}
			if got := theme(); got != want {
				t.Fatalf("three clicks on the theme toggle never gave data-theme=%q (last %q)", want, got)
			}
		}
		clickUntil("light")
		light := bg()
		clickUntil("dark")
		dark := bg()
		if dark == light {
			t.Errorf("--bg is %s in both themes: the dark theme changes nothing", dark)
		}
		tab.Reload()
		if got := theme(); got != "dark" {
			t.Errorf("after a reload data-theme=%q, want dark", got)
		}
		if got := bg(); got != dark {
			t.Errorf("after a reload --bg=%s, want the dark %s", got, dark)
		}
		if got := browsertest.Eval[string](tab, `document.querySelector(".theme-toggle").dataset.mode || ""`); got != "dark" {
			t.Errorf("after a reload the toggle says %q, want dark", got)
		}
		tab.AssertClean()
	})

	t.Run("arrow_keys_go_to_the_next_and_previous_page", func(t *testing.T) {
		i := lessonWithNeighbours(t, pages)
		here, prev, next := base+pages[i].URL, base+pages[i-1].URL, base+pages[i+1].URL

		tab := b.NewTab(t)
		tab.Navigate(here)
		if got := relLink(tab, "next"); got != next {
			t.Fatalf("%s: link[rel=next] is %q, want the next page in reading order %s", here, got, next)
		}
		if got := relLink(tab, "prev"); got != prev {
			t.Fatalf("%s: link[rel=prev] is %q, want the previous page in reading order %s", here, got, prev)
		}
		for _, step := range []struct{ key, name, want string }{
			{kb.ArrowRight, "→", next},
			{kb.ArrowLeft, "←", here},
			{kb.ArrowLeft, "←", prev},
		} {
			from := tab.Location()
			tab.PressAndWaitLoad(step.key)
			if got := tab.Location(); got != step.want {
				t.Fatalf("%s on %s went to %s, want %s", step.name, from, got, step.want)
			}
			tab.AssertClean()
		}
	})

	t.Run("arrow_keys_do_nothing_while_the_search_box_has_focus", func(t *testing.T) {
		i := lessonWithNeighbours(t, pages)
		here := base + pages[i].URL

		tab := b.NewTab(t)
		tab.Navigate(here)
		// The navigate event fires synchronously when a script sets
		// location.href, so once a key press returns, a navigation it
		// caused has been counted.
		browsertest.Eval[bool](tab, `(() => {
			window.__arrowTest = true;
			window.__navigations = 0;
			window.__arrowsInSearch = 0;
			navigation.addEventListener("navigate", () => window.__navigations++);
			addEventListener("keydown", (e) => {
				if (e.key.startsWith("Arrow") && e.target.id === "search-input") window.__arrowsInSearch++;
			}, true);
			return true;
		})()`)
		tab.Press("/")
		tab.WaitFor(`document.activeElement?.id === "search-input"`)
		keys := kb.ArrowRight + kb.ArrowLeft // in the empty box
		tab.Press(keys)
		tab.Press("loss")
		tab.Press(keys + keys) // moving the caret in the query
		type state struct {
			SamePage       bool   `json:"samePage"`
			Navigations    int    `json:"navigations"`
			ArrowsInSearch int    `json:"arrows"`
			Location       string `json:"location"`
			Focus          string `json:"focus"`
		}
		got := browsertest.Eval[state](tab, `({
			samePage: window.__arrowTest === true,
			navigations: window.__navigations,
			arrows: window.__arrowsInSearch,
			location: location.href,
			focus: document.activeElement?.id || "",
		})`)
		if !got.SamePage {
			t.Fatalf("arrow keys typed in the search box left the page: now at %s, want to stay on %s", got.Location, here)
		}
		if got.ArrowsInSearch != 6 {
			t.Fatalf("the search box received %d arrow keys, want 6 (the test did not type where it meant to)", got.ArrowsInSearch)
		}
		if got.Navigations != 0 || got.Location != here {
			t.Errorf("arrow keys typed in the search box navigated %d time(s), to %s; they must stay on %s", got.Navigations, got.Location, here)
		}
		if got.Focus != "search-input" {
			t.Errorf("focus moved to %q, want it to stay in the search box", got.Focus)
		}
		tab.AssertClean()
	})

	t.Run("not_found_page_works_at_a_deep_path", func(t *testing.T) {
		missing := base + "no/such/page/"
		tab := b.NewTab(t)
		tab.Expect(missing, 404)
		if resp := tab.Navigate(missing); resp.Status != 404 {
			t.Errorf("%s: HTTP %d, want 404", missing, resp.Status)
		}
		if kind := browsertest.Eval[string](tab, `document.documentElement.dataset.kind || ""`); kind != "404" {
			t.Errorf("%s shows a page of kind %q, want the 404 page", missing, kind)
		}
		styled := browsertest.Eval[bool](tab, `[...document.styleSheets].some((s) =>
			s.href && /\/css\/style\.[^/]*\.css$/.test(s.href) && s.cssRules.length > 0)`)
		if !styled {
			t.Errorf("%s: the theme's stylesheet did not load", missing)
		}
		home := `main a[href="` + basePath + `"]`
		tab.WaitVisible(home)
		if resp := tab.ClickAndWaitLoad(home); resp.Status != 200 {
			t.Errorf("following the link home: HTTP %d", resp.Status)
		}
		if got := tab.Location(); got != base {
			t.Errorf("the link home went to %s, want %s", got, base)
		}
		tab.AssertClean()
	})
}

// builtCourse is a course built into a temporary folder.
type builtCourse struct {
	out   string
	res   *build.Result
	files map[string][]byte // what was written to out, by slash path
}

// buildCourse builds the course at root under basePath into a temporary
// folder, with no cache (NoCache keeps the build from writing into root).
func buildCourse(t *testing.T, root string) *builtCourse {
	t.Helper()
	b, err := build.New(build.Options{Source: root, BaseURL: basePath, Generator: "course (browser test)", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	out := filepath.Join(t.TempDir(), "public")
	res, err := b.Write(out)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("the course does not build:\n%s", res.Diags)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built %d files in %s", len(files), res.Duration.Round(time.Millisecond))
	return &builtCourse{out: out, res: res, files: files}
}

// paths returns the written files' paths, sorted.
// onePageOfEachKind returns the first page (in path order) of each kind:
// home, search, course print, module, module print, lesson.
func onePageOfEachKind(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if path.Base(p) != "index.html" {
			continue
		}
		parts := strings.Split(p, "/")
		kind := fmt.Sprintf("depth %d", len(parts))
		if len(parts) == 2 && parts[0] != "search" && parts[0] != "print" {
			kind = "module"
		} else if len(parts) == 2 {
			kind = parts[0]
		} else if len(parts) == 3 && parts[1] == "print" {
			kind = "module print"
		} else if len(parts) == 3 {
			kind = "lesson"
		}
		if !seen[kind] {
			seen[kind] = true
			out = append(out, p)
		}
	}
	return out
}

func (c *builtCourse) paths() []string {
	out := make([]string, 0, len(c.files))
	for p := range c.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// checkOnlyPageWith fails t unless the search index has word, as a whole
// word, in the page at pageURL and nowhere else: the search check relies
// on it.
func (c *builtCourse) checkOnlyPageWith(t *testing.T, word, pageURL string) {
	t.Helper()
	type page struct {
		T string `json:"t"`
		U string `json:"u"`
	}
	type section struct {
		P int    `json:"p"`
		H string `json:"h"`
		X string `json:"x"`
	}
	var list struct {
		Shards []string `json:"shards"`
	}
	if err := json.Unmarshal(c.files["search-index.json"], &list); err != nil || len(list.Shards) == 0 {
		t.Fatalf("reading the search index's list of shards: %v, %d shards", err, len(list.Shards))
	}
	var index struct {
		Pages    []page
		Sections []section
	}
	for _, u := range list.Shards {
		var shard struct {
			Pages    []page    `json:"pages"`
			Sections []section `json:"sections"`
		}
		if err := json.Unmarshal(c.files[strings.TrimPrefix(u, basePath)], &shard); err != nil {
			t.Fatalf("reading the search index's shard %s: %v", u, err)
		}
		for _, s := range shard.Sections {
			s.P += len(index.Pages)
			index.Sections = append(index.Sections, s)
		}
		index.Pages = append(index.Pages, shard.Pages...)
	}
	re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(word) + `\b`)
	found := map[string]bool{}
	for _, s := range index.Sections {
		if s.P >= 0 && s.P < len(index.Pages) && re.MatchString(index.Pages[s.P].T+" "+s.H+" "+s.X) {
			found[index.Pages[s.P].U] = true
		}
	}
	if len(found) != 1 || !found[pageURL] {
		t.Fatalf("this test expects %q in the search index of %s only, and finds it in %v: change searchWord and searchLesson", word, pageURL, found)
	}
}

func pageTitled(t *testing.T, pages []*content.Page, title string) *content.Page {
	t.Helper()
	for _, p := range pages {
		if p.Meta.Title == title {
			return p
		}
	}
	t.Fatalf("the course has no page titled %q: change searchLesson", title)
	return nil
}

// lessonWithNeighbours returns the index in reading order of the first
// lesson that has a page before and after it.
func lessonWithNeighbours(t *testing.T, pages []*content.Page) int {
	t.Helper()
	for i := 1; i < len(pages)-1; i++ {
		if pages[i].Kind == content.KindLesson {
			return i
		}
	}
	t.Fatal("the course has no lesson with a page before and after it")
	return 0
}

// relLink is the href of <link rel=...>, or "".
func relLink(tab *browsertest.Tab, rel string) string {
	return browsertest.Eval[string](tab, `document.querySelector('link[rel="`+rel+`"]')?.href || ""`)
}

func withoutFragment(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Fragment = ""
	return p.String()
}
