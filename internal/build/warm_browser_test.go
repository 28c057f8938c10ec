package build_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
)

// warmFiles is the runner course with the exercise far below the fold (a
// long lesson before it) and a lesson without any exercise.
func warmFiles() map[string]string {
	files := map[string]string{}
	for k, v := range runnerFiles {
		files[k] = v
	}
	var sb strings.Builder
	sb.WriteString("---\ntitle: Add\n---\n")
	for i := 0; i < 150; i++ {
		sb.WriteString("A paragraph to read before the exercise, long enough to wrap over a line or two in a narrow window, number " + strconv.Itoa(i) + ".\n\n")
	}
	sb.WriteString("::: exercise m/add\nWrite `add`.\n:::\n")
	files["content/01-m/01-add.md"] = sb.String()
	files["content/01-m/02-read.md"] = "---\ntitle: Read\n---\nA lesson to read, without exercises: " + "READ-V1" + ".\n"
	return files
}

func buildWarmSite(t *testing.T, files map[string]string, out string) {
	t.Helper()
	src := writeRunnerCourse(t)
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res, err := b.Write(out)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v\n%v", err, res.Diags)
	}
}

// statusRecorder notes the status a handler sends.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(p)
}

// until waits, in the page, for an async JavaScript condition (checked
// every 50 ms; the tab's WaitTimeout is the hang guard).
func until(tab *browsertest.Tab, cond string) {
	browsertest.Eval[bool](tab, `(async () => { for (;;) { if (await (async () => `+cond+`)()) return true; await new Promise((r) => setTimeout(r, 50)); } })()`)
}

const warmSec = `document.querySelector('section.exercise[data-exercise="m/add"]')`

// TestRunnerWarmsUpAheadOfNeed checks when the page starts Python before
// Run is pressed: not while the exercise is far from the viewport, once it
// comes near (after the page has loaded), when its editor gets the focus,
// never when the browser asks to save data (Run still works), never on a
// page without exercises; and the state line shows the download's progress.
func TestRunnerWarmsUpAheadOfNeed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildWarmSite(t, warmFiles(), out)
	// The server counts the runtime's big files it sends whole.
	var mu sync.Mutex
	sent := map[string]int{}
	static := browsertest.StaticHandler(out, basePath)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		static.ServeHTTP(rec, r)
		if name := path.Base(r.URL.Path); rec.status == http.StatusOK && (name == "pyodide.asm.wasm" || name == "python_stdlib.zip") {
			mu.Lock()
			sent[name]++
			mu.Unlock()
		}
	}))
	t.Cleanup(srv.Close)
	base := srv.URL + basePath
	br := browsertest.Shared(t)
	open := func(t *testing.T, init string) *browsertest.Tab {
		tab := br.NewTab(t)
		tab.WaitTimeout = 5 * time.Minute // hang guards: starting Python is slow on a loaded machine
		tab.WarmUp()
		if init != "" {
			tab.OnNewDocument(init)
		}
		tab.Navigate(base + "m/add/")
		tab.WaitFor(`window.courseRunner && courseRunner.warmState.armed && document.readyState === "complete"`)
		return tab
	}
	state := func(tab *browsertest.Tab) map[string]any {
		return browsertest.Eval[map[string]any](tab, `courseRunner.warmState`)
	}

	t.Run("near_the_viewport_after_load_with_progress", func(t *testing.T) {
		tab := open(t, "")
		if st := state(tab); st["reason"] != "" || browsertest.Eval[int](tab, `courseRunner.workerStarts`) != 0 {
			t.Fatalf("Python started with the exercise screens away: %v", st)
		}
		browsertest.Eval[bool](tab, `(() => {
			const s = `+warmSec+`.querySelector('.exercise-state');
			window.__states = [];
			new MutationObserver(() => __states.push(s.textContent)).observe(s, {childList: true, characterData: true, subtree: true});
			return true; })()`)
		browsertest.Eval[bool](tab, `(`+warmSec+`.scrollIntoView(), true)`)
		tab.WaitFor(`courseRunner.warmState.stage === "ready"`)
		st := state(tab)
		if st["reason"] != "near" {
			t.Errorf("the warm-up's reason is %v, want near", st["reason"])
		}
		if !browsertest.Eval[bool](tab, `courseRunner.warmState.startedAt >= performance.getEntriesByType("navigation")[0].loadEventEnd`) {
			t.Error("Python started before the page had loaded")
		}
		states := browsertest.Eval[[]string](tab, `__states`)
		var pcts []int
		for _, s := range states {
			if m := regexp.MustCompile(`^Loading Python… (\d+)%$`).FindStringSubmatch(s); m != nil {
				n, _ := strconv.Atoi(m[1])
				pcts = append(pcts, n)
			}
		}
		if len(pcts) < 2 || pcts[len(pcts)-1] != 90 {
			t.Errorf("the state line did not count the download up to 90%%: %q", states)
		}
		for i := 1; i < len(pcts); i++ {
			if pcts[i] < pcts[i-1] {
				t.Errorf("the progress went back: %v", pcts)
			}
		}
		if last := states[len(states)-1]; !strings.HasPrefix(last, "Python is ready") {
			t.Errorf("the state line ends with %q, want Python is ready", last)
		}
		browsertest.Eval[bool](tab, `(`+warmSec+`.querySelector("[data-action=run]").click(), true)`)
		tab.WaitFor(warmSec + `.querySelector('.exercise-results').dataset.status === "fail"`)
		if n := browsertest.Eval[int](tab, `courseRunner.workerStarts`); n != 1 {
			t.Errorf("Python started %d times, want once (Run uses the warm one)", n)
		}
		// Counting the download's bytes does not download it twice.
		mu.Lock()
		for _, name := range []string{"pyodide.asm.wasm", "python_stdlib.zip"} {
			if sent[name] != 1 {
				t.Errorf("the server sent %s %d times, want once", name, sent[name])
			}
		}
		mu.Unlock()
		tab.AssertClean()
	})

	t.Run("when_the_editor_gets_the_focus", func(t *testing.T) {
		tab := open(t, "")
		browsertest.Eval[bool](tab, `(`+warmSec+`.querySelector(".exercise-editor").focus({preventScroll: true}), true)`)
		tab.WaitFor(`courseRunner.warmState.stage === "ready"`)
		if st := state(tab); st["reason"] != "focus" {
			t.Errorf("the warm-up's reason is %v, want focus", st["reason"])
		}
		tab.AssertClean()
	})

	t.Run("not_when_the_browser_saves_data_and_run_still_works", func(t *testing.T) {
		tab := open(t, `Object.defineProperty(Navigator.prototype, "connection", {configurable: true, get() { return {saveData: true}; }});`)
		browsertest.Eval[bool](tab, `(`+warmSec+`.scrollIntoView(), true)`)
		tab.WaitFor(`courseRunner.warmState.skipped === "save-data"`)
		if n := browsertest.Eval[int](tab, `courseRunner.workerStarts`); n != 0 {
			t.Fatalf("Python started %d times although the browser asked to save data", n)
		}
		// Run pressed at once waits for Python's start and then checks.
		// (The report the first subtest saved is shown until then.)
		browsertest.Eval[bool](tab, `(`+warmSec+`.querySelector('.exercise-results').removeAttribute('data-status'), true)`)
		browsertest.Eval[bool](tab, `(`+warmSec+`.querySelector("[data-action=run]").click(), true)`)
		got := browsertest.Eval[string](tab, `(async () => {
			const res = `+warmSec+`.querySelector('.exercise-results');
			for (let i = 0; i < 2400 && !res.dataset.status; i++) await new Promise((r) => setTimeout(r, 50));
			if (res.dataset.status) return res.dataset.status;
			const sec = `+warmSec+`;
			const probe = await Promise.race([fetch(sec.dataset.bundle).then((r) => "bundle " + r.status), new Promise((r) => setTimeout(() => r("bundle fetch hangs"), 5000))]);
			return "none: " + sec.querySelector('.exercise-state').textContent + " " + JSON.stringify(courseRunner.warmState) + " run disabled " + sec.querySelector('[data-action=run]').disabled + "; " + probe + "; controlled " + !!navigator.serviceWorker.controller;
		})()`)
		if got != "fail" {
			t.Fatalf("the starter's report after Run: %s", got)
		}
		if n := browsertest.Eval[int](tab, `courseRunner.workerStarts`); n != 1 {
			t.Errorf("Run started Python %d times, want once", n)
		}
		tab.AssertClean()
	})

	t.Run("never_on_a_page_without_exercises", func(t *testing.T) {
		tab := br.NewTab(t)
		tab.Navigate(base + "m/read/")
		tab.Settle()
		if browsertest.Eval[bool](tab, `typeof window.courseRunner !== "undefined"`) {
			t.Error("a page without exercises loads the runner")
		}
		if n := browsertest.Eval[int](tab, `performance.getEntriesByType("resource").filter((e) => /pyodide|runner/.test(e.name)).length`); n != 0 {
			t.Errorf("a page without exercises fetched %d runner files", n)
		}
		tab.AssertClean()
	})
}

// TestCourseWorksOfflineAfterOneVisit checks the service worker: after one
// visit (an exercise page, whose Python started), with the server gone, the
// other pages still load and the exercise still runs; a new build's worker
// replaces the old cache, keeps the unchanged runtime, and shows new text.
func TestCourseWorksOfflineAfterOneVisit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildWarmSite(t, warmFiles(), out)
	files := browsertest.StaticHandler(out, basePath)
	online := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !online {
			// The host is gone: the connection drops, as offline.
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			http.Error(w, "offline", http.StatusServiceUnavailable)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	base := srv.URL + basePath
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	tab.WaitTimeout = 5 * time.Minute
	tab.WarmUp()
	tab.Navigate(base + "m/add/")
	until(tab, `navigator.serviceWorker.ready.then((r) => !!r.active && !!navigator.serviceWorker.controller)`)
	browsertest.Eval[bool](tab, `(`+warmSec+`.scrollIntoView(), true)`)
	tab.WaitFor(`courseRunner.warmState.stage === "ready"`)
	cached := func(path string) string {
		return `caches.keys().then((ks) => Promise.all(ks.map((k) => caches.open(k).then((c) => c.match("` + path + `"))))).then((hits) => hits.some(Boolean))`
	}
	wasm := browsertest.Eval[string](tab, `JSON.parse(`+warmSec+`.dataset.runner).pyodide + "pyodide.asm.wasm"`)
	for _, u := range append(browsertest.Eval[[]string](tab, `(() => { const c = JSON.parse(`+warmSec+`.dataset.runner); return [c.worker, c.editor, c.coursecheck, `+warmSec+`.dataset.bundle]; })()`), wasm) {
		until(tab, cached(u))
	}
	until(tab, cached(basePath+"m/read/"))
	tab.AssertClean()

	online = false
	srv.CloseClientConnections()
	tab.Navigate(base + "m/read/")
	if text := browsertest.Eval[string](tab, `document.querySelector("main").textContent`); !strings.Contains(text, "READ-V1") {
		t.Fatalf("offline, the lesson without exercises shows:\n%s", text)
	}
	// Search works offline: the index's list and shards were precached.
	tab.Press("/")
	tab.WaitFor(`document.activeElement?.id === "search-input"`)
	tab.Press("without exercises")
	tab.WaitVisible("#search-listbox a.result")
	if href := browsertest.Eval[string](tab, `document.querySelector("#search-listbox a.result").href`); !strings.HasSuffix(withoutFragment(href), basePath+"m/read/") {
		t.Errorf("offline, searching for the lesson's words finds %s first, want %sm/read/", href, basePath)
	}
	tab.Navigate(base + "m/add/")
	tab.WaitFor(warmSec + `.courseRunner !== undefined`)
	r := browsertest.Eval[map[string]any](tab, warmSec+`.courseRunner.run({source: `+jsString(addSolution)+`})`)
	if r["status"] != "pass" {
		t.Fatalf("offline, the solution's report: %v", r)
	}
	for _, p := range tab.Discard() {
		// The browser may say that the worker's update check failed; nothing else.
		if p.Kind == "exception" || !strings.Contains(p.URL+p.Text, "sw.js") && p.Kind != "request failed" {
			t.Errorf("offline: %v", p)
		}
	}

	// A new build: the page shows it, one cache remains, the runtime is kept.
	online = true
	oldCaches := browsertest.Eval[[]string](tab, `caches.keys()`)
	next := warmFiles()
	next["content/01-m/02-read.md"] = strings.Replace(next["content/01-m/02-read.md"], "READ-V1", "READ-V2", 1)
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	buildWarmSite(t, next, out)
	tab.Navigate(base + "m/read/")
	// (The runner's memory snapshots live in a cache of their own, kept
	// across builds: see TestRunnerStartsFromItsMemorySnapshot.)
	until(tab, `caches.keys().then((all) => { const ks = all.filter((k) => k.startsWith("course:")); return ks.length === 1 && !`+jsonList(oldCaches)+`.includes(ks[0]); })`)
	tab.Navigate(base + "m/read/")
	if text := browsertest.Eval[string](tab, `document.querySelector("main").textContent`); !strings.Contains(text, "READ-V2") {
		t.Errorf("after a new build the lesson shows:\n%s", text)
	}
	if !browsertest.Eval[bool](tab, cached(wasm)) {
		t.Error("the new build's cache dropped the unchanged runtime")
	}
	tab.AssertClean()
}

func jsonList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = jsString(s)
	}
	return "[" + strings.Join(q, ",") + "]"
}
