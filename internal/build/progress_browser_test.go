package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
)

// TestBrowserProgressIsTheLastReportOfTheEditorsCode checks, in headless
// Chromium, that the page's progress is the last report of the code in the
// editor: a run of other code (as tests and `course test` run the
// solution) records nothing, a failing run after a pass takes the pass
// away, an edit after a pass, Reset and "Start fresh" leave the exercise
// unchecked ("Keep my code" keeps the judged code's status), and the home
// page counts only what passes, under the module's title.
func TestBrowserProgressIsTheLastReportOfTheEditorsCode(t *testing.T) {
	src := writeRunnerCourse(t)
	if err := os.WriteFile(filepath.Join(src, "content/01-m/_index.md"), []byte("---\ntitle: Adding numbers\n---\nThe module.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	out := filepath.Join(t.TempDir(), "public")
	if res, err := b.Write(out); err != nil || !res.OK() {
		t.Fatalf("build: %v\n%v", err, res.Diags)
	}
	base := browsertest.ServeDir(t, out, basePath)
	br := browsertest.StartWith(t, browsertest.Options{Timeout: 4 * time.Minute})
	tab := br.NewTab(t)
	tab.WaitTimeout = 90 * time.Second // the first run starts Python in the page
	tab.Navigate(base + "m/add/")
	const sec = `document.querySelector('section.exercise[data-exercise="m/add"]')`
	tab.WaitFor(sec + `.courseRunner !== undefined`)
	str := func(expr string) string { t.Helper(); return browsertest.Eval[string](tab, expr) }
	status := func() string {
		t.Helper()
		return str(`(window.courseProgress.get("exercises", "m/add") || {}).status || "none"`)
	}
	clickRun := func() string {
		t.Helper()
		tab.WaitFor(sec + `.querySelector('[data-action=run]').disabled === false`)
		browsertest.Eval[bool](tab, sec+`.querySelector('.exercise-results').removeAttribute('data-status') || true`)
		tab.Click(`section.exercise [data-action=run]`)
		tab.WaitFor(sec + `.querySelector('.exercise-results').dataset.status !== undefined`)
		return str(sec + `.querySelector('.exercise-results').dataset.status`)
	}

	// The solution, run as `course test` runs it: a report, but no progress.
	if got := str(sec + `.courseRunner.run({source: ` + jsString(addSolution) + `}).then((r) => r.status)`); got != "pass" {
		t.Fatalf("run({source: solution}) = %q, want pass", got)
	}
	if got := status(); got != "none" {
		t.Errorf("running the solution set the progress to %q", got)
	}
	if browsertest.Eval[bool](tab, `JSON.parse(localStorage.getItem("course.code:`+basePath+`m/add") || "{}").report !== undefined`) {
		t.Error("running the solution saved its report as the learner's last run")
	}
	if got := browsertest.Eval[float64](tab, `(window.courseProgress.get("exercises", "m/add") || {}).attempts || 0`); got != 0 {
		t.Errorf("running the solution counted %v attempts", got)
	}

	// The learner's code passes, then fails: the pass is gone.
	browsertest.Eval[bool](tab, sec+`.courseRunner.setText(`+jsString(addSolution)+`) || true`)
	if got := clickRun(); got != "pass" || status() != "pass" {
		t.Fatalf("the learner's passing run: report %q, progress %q", got, status())
	}
	browsertest.Eval[bool](tab, sec+`.courseRunner.setText("def add(a, b):\n    return a - b\n") || true`)
	if got := status(); got != "edited" {
		t.Errorf("editing after a pass left the progress %q, want edited", got)
	}
	if got := clickRun(); got != "fail" || status() != "fail" {
		t.Errorf("a failing run after a pass: report %q, progress %q", got, status())
	}
	browsertest.Eval[bool](tab, sec+`.courseRunner.setText(`+jsString(addSolution)+`) || true`)
	if got := clickRun(); got != "pass" || status() != "pass" {
		t.Fatalf("passing again: report %q, progress %q", got, status())
	}

	// The home page: passed under the module's title.
	tab.Navigate(base)
	tab.WaitFor(`document.querySelector('#progress tbody tr') !== null`)
	if got := str(`document.querySelector('#progress tbody tr').textContent`); !strings.Contains(got, "Adding numbers") || !strings.Contains(got, "1 / 1") {
		t.Errorf("home page row %q, want the module's title and 1 / 1", got)
	}

	// A changed exercise: "Keep my code" keeps the code its last report
	// judged; "Start fresh" puts the starter in the editor, unjudged.
	older := `(() => { const k = "course.code:` + basePath + `m/add"; const r = JSON.parse(localStorage.getItem(k)); r.hash = "older"; localStorage.setItem(k, JSON.stringify(r)); return true; })()`
	for _, choice := range []string{"keep", "fresh"} {
		tab.Navigate(base + "m/add/")
		tab.WaitFor(sec + `.courseRunner !== undefined`)
		browsertest.Eval[bool](tab, older)
		tab.Reload()
		tab.WaitFor(sec + `.courseRunner !== undefined && !` + sec + `.querySelector('.exercise-notice').hidden`)
		tab.Click(`section.exercise [data-choice=` + choice + `]`)
		want := map[string]string{"keep": "pass", "fresh": "edited"}[choice]
		if got := status(); got != want {
			t.Errorf("after %q the progress is %q, want %q", choice, got, want)
		}
	}
	browsertest.Eval[bool](tab, sec+`.courseRunner.setText(`+jsString(addSolution)+`) || true`)
	if got := clickRun(); got != "pass" || status() != "pass" {
		t.Fatalf("passing after a fresh start: report %q, progress %q", got, status())
	}

	// Reset: the code in the editor is the starter, which no report judged.
	tab.Click(`section.exercise [data-action=reset]`)
	if got := status(); got != "edited" {
		t.Errorf("after Reset the progress is %q, want edited", got)
	}
	tab.Navigate(base)
	tab.WaitFor(`document.querySelector('#progress tbody tr') !== null`)
	if got := str(`document.querySelector('#progress tbody tr').textContent`); !strings.Contains(got, "0 / 1") {
		t.Errorf("home page row after Reset %q, want 0 / 1", got)
	}
}
