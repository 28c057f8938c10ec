package build_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
	"github.com/mlcourse/course/internal/exercise"
)

const (
	addStarter  = "def add(a, b):\n    \"\"\"Return a + b.\"\"\"\n    raise NotImplementedError\n"
	addSolution = "def add(a, b):\n    return a + b\n"
)

// runnerFiles is a small course with one browser exercise, add(a, b).
var runnerFiles = map[string]string{
	"course.toml":            "title = \"Runner\"\n",
	"content/_index.md":      "---\ntitle: Home\n---\nWelcome.\n",
	"content/01-m/_index.md": "---\ntitle: M\n---\nThe module.\n",
	"content/01-m/01-add.md": "---\ntitle: Add\n---\n::: exercise m/add\nWrite `add`.\n:::\n",
	"exercises/m/add/exercise.toml": `title = "Add two numbers"
runtime = "browser"
timeout = 60
functions = ["add"]
hints = ["first-hint: use +", "second-hint: return it"]
`,
	"exercises/m/add/starter.py":  addStarter,
	"exercises/m/add/solution.py": addSolution,
	"exercises/m/add/check.py": `import coursecheck as cc

def test_add_matches_the_reference(learner, ref):
    for a, b in [(0, 0), (1, 2), (-3, 3)]:
        cc.compare(learner.add, ref.add, a, b)

def test_add_matches_the_reference_on_random_numbers(learner, ref):
    for rng in cc.random_cases(20, seed=1):
        cc.compare(learner.add, ref.add, rng.randint(-9, 9), rng.randint(-9, 9))
`,
	"exercises/m/add/mistakes/subtracts.py": "# subtracts instead of adding\ndef add(a, b):\n    return a - b\n",
}

// TestBrowserRunner checks the in-page runner in headless Chromium, as a
// learner uses it: Run the starter and read the failing report, reveal a
// hint, see the Solution button after the attempt, edit in CodeMirror and
// run with Ctrl-Enter, find code and report again after a reload, get a
// timeout (and a restarted Python) from an endless loop, and choose
// between old code and a fresh start when the exercise changed.
func TestBrowserRunner(t *testing.T) {
	out := buildRunnerSite(t)
	base := browsertest.ServeDir(t, out, basePath)
	br := browsertest.StartWith(t, browsertest.Options{Timeout: 15 * time.Minute})
	tab := br.NewTab(t)
	tab.WaitTimeout = 5 * time.Minute // a hang guard: the first run starts Python, slow on a loaded machine
	tab.Navigate(base + "m/add/")
	const sec = `document.querySelector('section.exercise[data-exercise="m/add"]')`
	tab.WaitFor(sec + `.courseRunner !== undefined`)

	str := func(expr string) string { return browsertest.Eval[string](tab, expr) }
	runAndWait := func() string {
		t.Helper()
		tab.WaitFor(sec + `.querySelector('[data-action=run]').disabled === false`)
		browsertest.Eval[bool](tab, sec+`.querySelector('.exercise-results').removeAttribute('data-status') || true`)
		tab.Click(`section.exercise [data-action=run]`)
		tab.WaitFor(sec + `.querySelector('.exercise-results').dataset.status !== undefined`)
		return str(sec + `.querySelector('.exercise-results').dataset.status`)
	}

	t.Run("the_starter_fails_with_a_report", func(t *testing.T) {
		if hidden := browsertest.Eval[bool](tab, sec+`.querySelector('.exercise-toolbar').hidden`); hidden {
			t.Fatal("the toolbar is still hidden")
		}
		if got := runAndWait(); got != "fail" {
			t.Fatalf("status %q, want fail", got)
		}
		summary := str(sec + `.querySelector('.report-summary').textContent`)
		if !strings.Contains(summary, "0 of 2 tests pass (2 errors)") {
			t.Errorf("summary %q", summary)
		}
		details := str(sec + `.querySelector('.report-tests').textContent`)
		for _, want := range []string{"test_add_matches_the_reference", "raised NotImplementedError", "add(0, 0)", "add.py"} {
			if !strings.Contains(details, want) {
				t.Errorf("the report does not show %q:\n%s", want, details)
			}
		}
		if browsertest.Eval[bool](tab, sec+`.querySelector('[data-action=solution]').hidden`) {
			t.Error("no Solution button after an attempt")
		}
	})

	t.Run("hints_come_one_at_a_time", func(t *testing.T) {
		tab.Click(`section.exercise [data-action=hint]`)
		if got := str(sec + `.querySelector('.exercise-hints-shown').textContent`); got != "first-hint: use +" {
			t.Errorf("hints shown %q", got)
		}
		if got := str(sec + `.querySelector('[data-action=hint]').textContent`); got != "Hint (1/2)" {
			t.Errorf("hint button says %q", got)
		}
	})

	t.Run("solution_shows_the_reference", func(t *testing.T) {
		tab.Click(`section.exercise [data-action=solution]`)
		tab.WaitFor(sec + `.querySelector('.exercise-solution').hidden === false`)
		if got := str(sec + `.querySelector('.exercise-solution pre').textContent`); got != strings.TrimRight(addSolution, "\n") {
			t.Errorf("solution shows %q", got)
		}
	})

	t.Run("the_editor_runs_with_ctrl_enter", func(t *testing.T) {
		tab.Click(`section.exercise .exercise-editor`)
		tab.WaitFor(sec + `.querySelector('.cm-editor .cm-content') === document.activeElement`)
		browsertest.Eval[bool](tab, sec+`.courseRunner.setText(`+jsString(addSolution)+`) || true`)
		browsertest.Eval[bool](tab, sec+`.querySelector('.exercise-results').removeAttribute('data-status') || true`)
		tab.Press(kb.End) // keep the focus in the editor
		browsertest.Eval[bool](tab, `document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter", keyCode: 13, ctrlKey: true, bubbles: true, cancelable: true})) || true`)
		tab.WaitFor(sec + `.querySelector('.exercise-results').dataset.status !== undefined`)
		if got := str(sec + `.querySelector('.exercise-results').dataset.status`); got != "pass" {
			t.Fatalf("status %q after Ctrl-Enter with the solution, want pass", got)
		}
		if got := str(sec + `.querySelector('.report-summary').textContent`); !strings.Contains(got, "2 of 2 tests pass") {
			t.Errorf("summary %q", got)
		}
	})

	t.Run("a_reload_keeps_code_report_and_hints", func(t *testing.T) {
		tab.Reload()
		tab.WaitFor(sec + `.courseRunner !== undefined`)
		tab.WaitFor(sec + `.querySelector('.cm-editor') !== null`)
		if got := str(sec + `.courseRunner.getText()`); got != addSolution {
			t.Errorf("after a reload the code is %q", got)
		}
		if got := str(sec + `.querySelector('.exercise-results').dataset.status || ""`); got != "pass" {
			t.Errorf("after a reload the last report's status is %q", got)
		}
		if got := str(sec + `.querySelector('.exercise-hints-shown').textContent`); got != "first-hint: use +" {
			t.Errorf("after a reload the hints shown are %q", got)
		}
	})

	t.Run("an_endless_loop_times_out_and_python_restarts", func(t *testing.T) {
		// The exercise allows 60 s, so that no run that must pass can time
		// out on a loaded machine; this run alone gets 2 s.
		browsertest.Eval[int](tab, `courseRunner.timeoutS = 2`)
		browsertest.Eval[bool](tab, sec+`.courseRunner.setText("def add(a, b):\n    while True:\n        pass\n") || true`)
		if got := runAndWait(); got != "fail" {
			t.Fatalf("status %q, want fail", got)
		}
		browsertest.Eval[bool](tab, `(courseRunner.timeoutS = null) === null`)
		msg := str(sec + `.querySelector('.report-tests').textContent`)
		if !strings.Contains(msg, "timed out: the check took longer than 2 s") || !strings.Contains(msg, "not run: the check was stopped") {
			t.Errorf("the timeout report says:\n%s", msg)
		}
		browsertest.Eval[bool](tab, sec+`.courseRunner.setText(`+jsString(addSolution)+`) || true`)
		if got := runAndWait(); got != "pass" {
			t.Fatalf("after the timeout the solution's status is %q, want pass", got)
		}
	})

	t.Run("a_changed_exercise_asks_before_loading_old_code", func(t *testing.T) {
		browsertest.Eval[bool](tab, `(() => { const k = "course.code:`+basePath+`m/add"; const r = JSON.parse(localStorage.getItem(k)); r.hash = "older"; localStorage.setItem(k, JSON.stringify(r)); return true; })()`)
		tab.Reload()
		tab.WaitFor(sec + `.courseRunner !== undefined`)
		if browsertest.Eval[bool](tab, sec+`.querySelector('.exercise-notice').hidden`) {
			t.Fatal("no notice for a changed exercise")
		}
		if got := str(sec + `.courseRunner.getText()`); got != addStarter {
			t.Errorf("before the choice the code is %q, want the starter", got)
		}
		tab.Click(`section.exercise [data-choice=keep]`)
		if got := str(sec + `.courseRunner.getText()`); got != addSolution {
			t.Errorf("after keep the code is %q", got)
		}
	})

	t.Run("the_page_renders_the_sample_reports_as_the_terminal_does", func(t *testing.T) {
		files, _ := filepath.Glob("../exercise/testdata/reports/*.json")
		if len(files) == 0 {
			t.Fatal("no sample reports in internal/exercise/testdata/reports")
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := exercise.DecodeReport(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			js := browsertest.Eval[[]string](tab, `(() => { const r = `+string(data)+`; const el = courseRunner.renderReport(r);
				return [courseRunner.summaryLine(r), el.textContent]; })()`)
			name := filepath.Base(f)
			if js[0] != rep.SummaryLine() {
				t.Errorf("%s: the page's summary line is %q, the terminal's %q", name, js[0], rep.SummaryLine())
			}
			// Every field the terminal shows, in the terminal's order.
			text, at := js[1], 0
			for _, want := range terminalFields(rep) {
				i := strings.Index(text[at:], want)
				if i < 0 {
					t.Errorf("%s: the page does not show %q after offset %d of:\n%s", name, want, at, text)
					break
				}
				at += i + len(want)
			}
		}
	})

	t.Run("the_home_page_shows_progress_that_exports_and_imports", func(t *testing.T) {
		tab.Navigate(base)
		tab.WaitFor(`document.querySelector("#progress tbody tr") !== null`)
		if got := str(`document.querySelector("#progress tbody tr").textContent`); !strings.Contains(got, "M1 / 1") {
			t.Errorf("progress row %q, want module M with 1 / 1", got)
		}
		saved := str(`courseProgress.exportJSON()`)
		if !strings.Contains(saved, `"m/add"`) || !strings.Contains(saved, `"status": "pass"`) {
			t.Fatalf("export:\n%s", saved)
		}
		browsertest.Eval[bool](tab, `localStorage.clear() || true`)
		tab.Reload()
		tab.WaitFor(`document.querySelector("#progress tbody tr") !== null`)
		if got := str(`document.querySelector("#progress tbody tr").textContent`); !strings.Contains(got, "M0 / 1") {
			t.Errorf("after clearing, progress row %q", got)
		}
		if n := browsertest.Eval[int](tab, `courseProgress.importJSON(`+jsString(saved)+`)`); n < 1 {
			t.Errorf("import took %d entries", n)
		}
		tab.WaitFor(`document.querySelector("#progress tbody tr").textContent.includes("1 / 1")`)
	})

	tab.AssertClean()
}

// TestRebuildSeesExerciseChanges edits each file an exercise block's page
// depends on and checks that an in-memory rebuild gives the page a fresh
// build gives: the hints are in the page, and the bundle's URL changes with
// the checker, the solution and the checker library.
func TestRebuildSeesExerciseChanges(t *testing.T) {
	src := writeRunnerCourse(t)
	edits := []struct{ file, old, new string }{
		{"exercises/m/add/check.py", "(1, 2)", "(1, 5)"},
		{"exercises/m/add/solution.py", "return a + b", "return b + a"},
		{"exercises/m/add/exercise.toml", "first-hint: use +", "first-hint: use plus"},
		{"exercises/_lib/coursecheck.py", "SCHEMA = 1", "SCHEMA = 1  # edited"},
	}
	b, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	prev := b.Build()
	if !prev.OK() {
		t.Fatal(prev.Diags)
	}
	const page = "m/add/index.html"
	for _, e := range edits {
		p := filepath.Join(src, filepath.FromSlash(e.file))
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), e.old) {
			t.Fatalf("%s: cannot edit %q (%v)", e.file, e.old, err)
		}
		os.WriteFile(p, []byte(strings.Replace(string(data), e.old, e.new, 1)), 0o644)
		next := b.Rebuild(prev, build.Changes{Paths: []string{e.file}})
		if !next.OK() {
			t.Fatal(next.Diags)
		}
		fresh, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		want := fresh.Build()
		fresh.Close()
		if string(next.Site.Files[page]) != string(want.Site.Files[page]) {
			t.Errorf("after editing %s the rebuilt page differs from a fresh build's", e.file)
		}
		if string(next.Site.Files[page]) == string(prev.Site.Files[page]) {
			t.Errorf("editing %s left the page unchanged", e.file)
		}
		prev = next
	}
}

// writeRunnerCourse writes the runnerFiles course, with the repository's
// checker library, to a temporary folder and returns it.
func writeRunnerCourse(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	for name, data := range runnerFiles {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := os.ReadFile("../../exercises/_lib/coursecheck.py")
	if err != nil {
		t.Fatal(err)
	}
	_ = os.MkdirAll(filepath.Join(src, "exercises/_lib"), 0o755)
	if err := os.WriteFile(filepath.Join(src, "exercises/_lib/coursecheck.py"), lib, 0o644); err != nil {
		t.Fatal(err)
	}
	return src
}

// buildRunnerSite builds the runnerFiles course with the repository's
// checker library under basePath and returns the output folder.
func buildRunnerSite(t *testing.T) string {
	t.Helper()
	src := writeRunnerCourse(t)
	b, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	out := filepath.Join(t.TempDir(), "public")
	res, err := b.Write(out)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v\n%v", err, res.Diags)
	}
	return out
}

// TestBrowserRunnerInterruptsWhenIsolated serves the site cross-origin
// isolated (COOP and COEP headers, as a host that allows them would), so
// the runner shares an interrupt buffer with Pyodide: an endless loop is
// stopped by a KeyboardInterrupt inside the same Python, which then runs
// the next check without a restart.
func TestBrowserRunnerInterruptsWhenIsolated(t *testing.T) {
	out := buildRunnerSite(t)
	files := browsertest.StaticHandler(out, basePath)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	br := browsertest.StartWith(t, browsertest.Options{Timeout: 15 * time.Minute})
	tab := br.NewTab(t)
	tab.WaitTimeout = 5 * time.Minute // hang guards, as in TestBrowserRunner
	tab.Navigate(srv.URL + basePath + "m/add/")
	const sec = `document.querySelector('section.exercise[data-exercise="m/add"]')`
	tab.WaitFor(sec + `.courseRunner !== undefined`)
	if !browsertest.Eval[bool](tab, `self.crossOriginIsolated`) {
		t.Fatal("the page is not cross-origin isolated; the test cannot reach the interrupt path")
	}
	// On a loaded machine the interrupt can take longer to unwind than the
	// page's 1.5 s grace, and the page rightly restarts Python instead
	// (TestBrowserRunner covers that path). Here the grace is long enough
	// that only the interrupt can end the loop, however busy the machine.
	browsertest.Eval[int](tab, `courseRunner.stopGraceMs = 60000`)
	check := func(code string) map[string]any {
		t.Helper()
		return browsertest.Eval[map[string]any](tab, sec+`.courseRunner.run({source: `+jsString(code)+`})`)
	}
	if r := check(addSolution); r["status"] != "pass" {
		t.Fatalf("the solution: %v", r)
	}
	browsertest.Eval[int](tab, `courseRunner.timeoutS = 2`) // this run alone; the exercise allows 60 s
	r := check("def add(a, b):\n    while True:\n        pass\n")
	browsertest.Eval[bool](tab, `(courseRunner.timeoutS = null) === null`)
	text := browsertest.Eval[string](tab, sec+`.querySelector('.exercise-results').textContent`)
	if r["status"] != "fail" || !strings.Contains(text, "timed out: the check took longer than 2 s") || strings.Contains(text, "restarted") {
		t.Fatalf("the endless loop's report (status %v):\n%s", r["status"], text)
	}
	if r := check(addSolution); r["status"] != "pass" {
		t.Fatalf("the solution after the interrupt: %v", r)
	}
	if n := browsertest.Eval[int](tab, `courseRunner.workerStarts`); n != 1 {
		t.Errorf("the page started Python %d times, want once: the interrupt should not restart it", n)
	}
	tab.AssertClean()
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// terminalFields lists, in order, the texts (*exercise.Report).Render shows
// for r: the checker's error, or the load-time output, then each test's name
// and, for one that did not pass, its message, input, expected and actual
// values, output and traceback (a repeated traceback only once).
func terminalFields(r *exercise.Report) []string {
	trim := func(s string) string { return strings.TrimRight(s, "\n") }
	if r.Status == exercise.StatusError {
		return []string{r.SummaryLine(), trim(r.Error)}
	}
	out := []string{r.SummaryLine()}
	if r.Stdout != "" {
		out = append(out, trim(r.Stdout))
	}
	shown := map[string]bool{}
	for _, t := range r.Tests {
		out = append(out, t.Name)
		if t.Status == exercise.StatusPass || t.Status == exercise.StatusSkip {
			continue
		}
		for _, v := range []string{t.Message, t.Input, t.Expected, t.Actual, t.Stdout} {
			if v != "" {
				out = append(out, trim(v))
			}
		}
		if t.Traceback != "" {
			if shown[t.Traceback] {
				out = append(out, "(the same traceback as above)")
			} else {
				out = append(out, trim(t.Traceback))
				shown[t.Traceback] = true
			}
		}
	}
	return out
}

// TestPyodideHosting builds the runner course with each [runner] pyodide
// setting: "self" ships the vendored runtime and its memory snapshot and
// points pages at them, "cdn" leaves both out (jsDelivr does not have our
// snapshot; the site stays small) and points pages at jsDelivr's copy of
// the same version. A theme whose runner worker imports other modules
// before its snapshot than the shipped snapshot has gets a warning, and a
// site without the snapshot.
func TestPyodideHosting(t *testing.T) {
	worker, err := os.ReadFile("../../themes/default/static/js/runner-worker.js")
	if err != nil {
		t.Fatal(err)
	}
	otherWorker := strings.Replace(string(worker), `const PRELOAD = "import `, `const PRELOAD = "import abc, `, 1)
	for _, c := range []struct {
		name, setting, url string
		shipped, snapshot  bool
		worker             string // the theme's js/runner-worker.js, when not the default
	}{
		{"self", "self", "", true, true, ""}, // the hashed folder, found below
		{"cdn", "cdn", build.PyodideCDN, false, false, ""},
		{"self_with_another_preload", "self", "", true, false, otherWorker},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := writeRunnerCourse(t)
			toml := "title = \"Runner\"\n[runner]\npyodide = \"" + c.setting + "\"\n"
			if err := os.WriteFile(filepath.Join(src, "course.toml"), []byte(toml), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.worker != "" {
				p := filepath.Join(src, "themes/default/static/js/runner-worker.js")
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(c.worker), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			res := b.Build()
			if !res.OK() {
				t.Fatal(res.Diags)
			}
			warned := strings.Contains(res.Diags.String(), "themes/default/static/pyodide/memory.snapshot.json: warning: the site ships without Python's memory snapshot")
			if want := c.shipped && !c.snapshot; warned != want {
				t.Errorf("a warning that the snapshot is left out: %v, want %v\n%s", warned, want, res.Diags)
			}
			// Self-hosted, the runtime's files keep their names (they name
			// each other) in one folder named by their content hash, so a
			// host may let browsers cache them for ever.
			dir := ""
			for name := range res.Site.Files {
				if m := regexp.MustCompile(`^pyodide\.[0-9a-f]{8}/pyodide\.mjs$`).FindString(name); m != "" {
					dir = strings.TrimSuffix(m, "pyodide.mjs")
				}
				if strings.HasPrefix(name, "pyodide/") {
					t.Errorf("%s: the runtime is published under a folder without its hash", name)
				}
			}
			if (dir != "") != c.shipped {
				t.Fatalf("a hashed pyodide folder in the site: %v, want %v", dir != "", c.shipped)
			}
			for _, f := range []string{"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"} {
				if _, ok := res.Site.Files[dir+f]; c.shipped && !ok {
					t.Errorf("%s%s is not in the site", dir, f)
				}
			}
			url := c.url
			if c.shipped {
				url = basePath + dir
			}
			page := string(res.Site.Files["m/add/index.html"])
			if want := `&#34;pyodide&#34;:&#34;` + url + `&#34;`; !strings.Contains(page, want) {
				t.Errorf("the exercise does not point the runner at %s", url)
			}
			// The snapshot's sidecar is for the build, never in the site.
			_, hasSnap := res.Site.Files[dir+"memory.snapshot.gz"]
			_, hasInfo := res.Site.Files[dir+"memory.snapshot.json"]
			if hasSnap != c.snapshot || hasInfo {
				t.Errorf("the site has the snapshot: %v, its sidecar: %v; want %v, false", hasSnap, hasInfo, c.snapshot)
			}
			named := strings.Contains(page, `&#34;snapshot&#34;:&#34;`+basePath+dir+`memory.snapshot.gz&#34;`)
			if named != c.snapshot || !c.snapshot && strings.Contains(page, "snapshot&#34;") {
				t.Errorf("the exercise names the snapshot: %v, want %v", named, c.snapshot)
			}
		})
	}
	vendored, err := os.ReadFile("../../themes/default/static/pyodide/pyodide.mjs")
	if err != nil || !strings.Contains(string(vendored), `"`+build.PyodideVersion+`"`) {
		t.Errorf("themes/default/static/pyodide/pyodide.mjs is not Pyodide %s (%v); run scripts/vendor-runner.sh", build.PyodideVersion, err)
	}
	if !strings.Contains(build.PyodideCDN, "/v"+build.PyodideVersion+"/") {
		t.Errorf("the CDN URL %s is not for Pyodide %s", build.PyodideCDN, build.PyodideVersion)
	}
}

// TestBrowserRunnerWarmStartsPythonOnce: courseRunner.warm() starts Python
// before any Run (course test does it before its timed checks) and
// resolves once it is ready; a Run afterwards and a second warm() use the
// same Python.
func TestBrowserRunnerWarmStartsPythonOnce(t *testing.T) {
	out := buildRunnerSite(t)
	base := browsertest.ServeDir(t, out, basePath)
	br := browsertest.StartWith(t, browsertest.Options{Timeout: 15 * time.Minute})
	tab := br.NewTab(t)
	tab.WaitTimeout = 5 * time.Minute // hang guards: starting Python is slow on a loaded machine
	// The page's own warm-up (TestRunnerWarmsUpAheadOfNeed) is off in test
	// tabs, so only warm() and Run start Python here.
	tab.Navigate(base + "m/add/")
	const sec = `document.querySelector('section.exercise[data-exercise="m/add"]')`
	tab.WaitFor(sec + `.courseRunner !== undefined`)
	if n := browsertest.Eval[int](tab, `courseRunner.workerStarts`); n != 0 {
		t.Fatalf("Python started %d times before anything asked for it", n)
	}
	if !browsertest.Eval[bool](tab, `courseRunner.warm()`) {
		t.Fatal("warm() resolved false on a page with an exercise")
	}
	r := browsertest.Eval[map[string]any](tab, sec+`.courseRunner.run({source: `+jsString(addSolution)+`})`)
	if r["status"] != "pass" {
		t.Fatalf("the solution after warm(): %v", r)
	}
	if !browsertest.Eval[bool](tab, `courseRunner.warm()`) {
		t.Fatal("a second warm() resolved false")
	}
	if n := browsertest.Eval[int](tab, `courseRunner.workerStarts`); n != 1 {
		t.Errorf("Python started %d times, want once", n)
	}
	tab.AssertClean()
}
