package build_test

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/browsertest"
)

// TestRunnerStartsFromItsMemorySnapshot checks the second and later starts
// of Python: the first start keeps a copy of the interpreter's memory in
// Cache Storage (after the page has its answer), a later start restores it
// and checks as the first did; a copy that cannot be restored is dropped
// and Python starts the ordinary way and keeps a good copy; keeping a copy
// drops the copies of the course's older builds, and leaves other courses'
// copies alone.
func TestRunnerStartsFromItsMemorySnapshot(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildWarmSite(t, runnerFiles, out)
	base := browsertest.ServeDir(t, out, basePath)
	br := browsertest.Shared(t)
	const sec = `document.querySelector('section.exercise[data-exercise="m/add"]')`

	// run opens the exercise in a new tab, runs the starter, waits until
	// Python's start is over (the copy kept, when one is made) and returns
	// the stages of the start and the report's text.
	run := func(t *testing.T) (stages []string, report string) {
		tab := br.NewTab(t)
		tab.WaitTimeout = 5 * time.Minute // hang guard: starting Python is slow on a loaded machine
		tab.Navigate(base + "m/add/")
		tab.WaitFor(`window.courseRunner && ` + sec + `.courseRunner`)
		// The report an earlier tab saved is shown at first: wait for this one's.
		browsertest.Eval[bool](tab, `(`+sec+`.querySelector('.exercise-results').removeAttribute("data-status"), `+sec+`.querySelector("[data-action=run]").click(), true)`)
		tab.WaitFor(sec + `.querySelector('.exercise-results').dataset.status === "fail"`)
		report = browsertest.Eval[string](tab, sec+`.querySelector('.exercise-results').textContent`)
		// A start that made a copy says "kept" once it is stored; one that
		// restored a copy makes none.
		until(tab, `courseRunner.timeline.some(([s]) => s === "kept" || s === "restored")`)
		for _, st := range browsertest.Eval[[][2]any](tab, `courseRunner.timeline`) {
			stages = append(stages, st[0].(string))
		}
		tab.AssertClean()
		return stages, report
	}
	type entry struct {
		URL  string `json:"url"`
		Size int    `json:"size"`
	}
	copies := func(t *testing.T) []entry {
		tab := br.NewTab(t)
		tab.Navigate(base)
		raw := browsertest.Eval[string](tab, `(async () => {
			const c = await caches.open("course-python-snapshots");
			const out = [];
			for (const r of await c.keys()) out.push({url: r.url, size: (await (await c.match(r)).arrayBuffer()).byteLength});
			return JSON.stringify(out);
		})()`)
		var es []entry
		if err := json.Unmarshal([]byte(raw), &es); err != nil {
			t.Fatal(err)
		}
		return es
	}
	has := func(stages []string, s string) bool {
		for _, x := range stages {
			if x == s {
				return true
			}
		}
		return false
	}

	stages1, report1 := run(t)
	if has(stages1, "restored") || !has(stages1, "kept") {
		t.Fatalf("the first start's stages are %v: want an ordinary start that keeps a copy", stages1)
	}
	if i, j := strings.Index(strings.Join(stages1, " "), "ready"), strings.Index(strings.Join(stages1, " "), "kept"); i < 0 || j < i {
		t.Errorf("the copy was stored before Python was ready (stages %v): storing it must not delay the first answer", stages1)
	}
	es := copies(t)
	if len(es) != 1 || !strings.Contains(es[0].URL, "/memory.snapshot?worker=") || es[0].Size < 1<<20 {
		t.Fatalf("after the first start the snapshot cache holds %v, want one copy of some megabytes", es)
	}
	key := es[0].URL

	t.Run("a_later_start_restores_the_copy", func(t *testing.T) {
		stages, report := run(t)
		if !has(stages, "restored") || has(stages, "kept") {
			t.Fatalf("stages %v: want Python restored from its copy", stages)
		}
		if report != report1 {
			t.Errorf("the restored Python reports\n%s\nthe first one reported\n%s", report, report1)
		}
	})

	t.Run("a_bad_copy_is_dropped_and_replaced_and_old_builds_copies_go", func(t *testing.T) {
		// The copy is spoiled, and three more are added: one of an older
		// build of this course (another runtime folder and worker script),
		// one of another course, and one of a course whose runtime folder
		// has the same parent as this one's (as when both load it from a
		// CDN) but whose worker script is elsewhere.
		origin := key[:strings.Index(key, basePath)]
		older := origin + basePath + "pyodide-0123456789/memory.snapshot?worker=" + url.QueryEscape(basePath+"js/runner-worker.0123.js")
		other := origin + "/other-course/pyodide-0123456789/memory.snapshot?worker=%2Fother-course%2Fjs%2Frunner-worker.0123.js"
		cdn := origin + basePath + "pyodide-0123456789/memory.snapshot?worker=%2Fthird%2Fjs%2Frunner-worker.0123.js"
		tab := br.NewTab(t)
		tab.Navigate(base)
		browsertest.Eval[bool](tab, `(async () => {
			const c = await caches.open("course-python-snapshots");
			await c.put(`+jsString(key)+`, new Response("not a snapshot"));
			await c.put(`+jsString(older)+`, new Response("old"));
			await c.put(`+jsString(other)+`, new Response("other"));
			await c.put(`+jsString(cdn)+`, new Response("cdn"));
			return true;
		})()`)
		stages, report := run(t)
		if has(stages, "restored") || !has(stages, "kept") {
			t.Fatalf("stages %v: want an ordinary start (the copy is bad) that keeps a new copy", stages)
		}
		if report != report1 {
			t.Errorf("after a bad copy Python reports\n%s\nwant\n%s", report, report1)
		}
		got := map[string]int{}
		for _, e := range copies(t) {
			got[e.URL] = e.Size
		}
		if got[key] < 1<<20 {
			t.Errorf("the bad copy was not replaced by a good one: %v", got)
		}
		if _, ok := got[older]; ok {
			t.Errorf("the older build's copy is still kept: %v", got)
		}
		for _, u := range []string{other, cdn} {
			if _, ok := got[u]; !ok {
				t.Errorf("another course's copy %s was dropped: %v", u, got)
			}
		}
	})
}
