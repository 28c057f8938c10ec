package build_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
)

// TestRunnerStartsFromItsMemorySnapshot checks the second and later starts
// of Python. Here the snapshot the site ships is corrupt (see
// TestRunnerFirstVisitRestoresTheShippedSnapshot for a good one): the
// first start is the ordinary one, and keeps a copy of the interpreter's
// memory in Cache Storage (after the page has its answer); a later start
// restores it and checks as the first did; a copy that cannot be restored
// is dropped and Python starts the ordinary way and keeps a good copy;
// keeping a copy drops the copies of the course's older builds, and leaves
// other courses' copies alone.
func TestRunnerStartsFromItsMemorySnapshot(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildWarmSite(t, runnerFiles, out)
	good, err := os.ReadFile(shippedSnapshotPath(t, out))
	if err != nil {
		t.Fatal(err)
	}
	corrupt := append(slices.Clone(good[:len(good)/2]), make([]byte, 4096)...)
	base, fetched := serveWithSnapshot(t, out, corrupt)
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
		// The report an earlier tab saved is shown at first: wait for this
		// one's, noting the start's stages when it shows.
		browsertest.Eval[bool](tab, `(() => {
			const res = `+sec+`.querySelector('.exercise-results');
			res.removeAttribute("data-status");
			new MutationObserver((_, o) => { if (res.dataset.status) { window.__atReport = courseRunner.timeline.map(([s]) => s); o.disconnect(); } }).observe(res, {attributes: true});
			`+sec+`.querySelector("[data-action=run]").click();
			return true; })()`)
		tab.WaitFor(sec + `.querySelector('.exercise-results').dataset.status === "fail"`)
		if at := browsertest.Eval[[]string](tab, `__atReport`); slices.Contains(at, "kept") {
			t.Errorf("the snapshot was stored before the first report showed (stages then: %v): storing it must not delay the answer", at)
		}
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
	if has(stages1, "restored") || has(stages1, "shipped") || !has(stages1, "kept") {
		t.Fatalf("the first start's stages are %v: want an ordinary start (the shipped snapshot is corrupt) that keeps a copy", stages1)
	}
	if n := fetched(); n != 1 {
		t.Errorf("the shipped snapshot was fetched %d times, want once", n)
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

// shippedSnapshotPath is the built site's shipped memory snapshot.
func shippedSnapshotPath(t *testing.T, out string) string {
	t.Helper()
	snaps, _ := filepath.Glob(filepath.Join(out, "pyodide.*", "memory.snapshot.gz"))
	if len(snaps) != 1 {
		t.Fatalf("the site has %d shipped snapshots, want one", len(snaps))
	}
	return snaps[0]
}

// serveWithSnapshot serves the built site out on a new origin (empty Cache
// Storage), with the shipped snapshot's bytes replaced by shipped (nil:
// the real one), and counts the times it sends the snapshot.
func serveWithSnapshot(t *testing.T, out string, shipped []byte) (base string, fetched func() int) {
	var mu sync.Mutex
	n := 0
	static := browsertest.StaticHandler(out, basePath)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path.Base(r.URL.Path) == "memory.snapshot.gz" {
			mu.Lock()
			n++
			mu.Unlock()
			if shipped != nil {
				w.Header().Set("Content-Type", "application/gzip")
				w.Write(shipped)
				return
			}
		}
		static.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + basePath, func() int { mu.Lock(); defer mu.Unlock(); return n }
}

// TestRunnerFirstVisitRestoresTheShippedSnapshot checks the memory snapshot
// the site ships (scripts/pyodide-snapshot): a first visit, with nothing in
// Cache Storage, restores it instead of starting CPython, checks as an
// ordinary start does, and keeps it for later starts; a foreign shipped
// snapshot means an ordinary start that still answers (a corrupt one:
// TestRunnerStartsFromItsMemorySnapshot); and the
// page does not fetch it when the browser asks to save data or its link
// is slow.
func TestRunnerFirstVisitRestoresTheShippedSnapshot(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildWarmSite(t, runnerFiles, out)
	good, err := os.ReadFile(shippedSnapshotPath(t, out))
	if err != nil {
		t.Fatal(err)
	}
	br := browsertest.Shared(t)
	const sec = `document.querySelector('section.exercise[data-exercise="m/add"]')`
	serve := func(t *testing.T, shipped []byte) (string, func() int) { return serveWithSnapshot(t, out, shipped) }
	// open runs the starter and the solution on the exercise's page, and
	// returns the stages of Python's start and the two reports' statuses.
	type visit struct {
		stages            []string
		starter, solution string
	}
	open := func(t *testing.T, base string) visit {
		tab := br.NewTab(t)
		tab.WaitTimeout = 5 * time.Minute // hang guard: starting Python is slow on a loaded machine
		tab.Navigate(base + "m/add/")
		tab.WaitFor(sec + `.courseRunner !== undefined`)
		var v visit
		v.starter = browsertest.Eval[map[string]any](tab, sec+`.courseRunner.run({source: `+jsString(addStarter)+`})`)["status"].(string)
		v.solution = browsertest.Eval[map[string]any](tab, sec+`.courseRunner.run({source: `+jsString(addSolution)+`})`)["status"].(string)
		until(tab, `courseRunner.timeline.some(([s]) => s === "kept" || s === "restored")`)
		for _, st := range browsertest.Eval[[][2]any](tab, `courseRunner.timeline`) {
			v.stages = append(v.stages, st[0].(string))
		}
		tab.AssertClean()
		return v
	}
	stagesAre := func(t *testing.T, v visit, want ...string) {
		t.Helper()
		var got []string
		for _, s := range v.stages {
			if slices.Contains([]string{"restored", "shipped", "kept"}, s) {
				got = append(got, s)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("the start's stages are %v: want the snapshot milestones %v", v.stages, want)
		}
		if v.starter != "fail" || v.solution != "pass" {
			t.Errorf("the starter %s and the solution %s, want fail and pass", v.starter, v.solution)
		}
	}

	t.Run("a_first_visit_restores_it_and_keeps_it", func(t *testing.T) {
		base, fetched := serve(t, nil)
		stagesAre(t, open(t, base), "shipped", "kept")
		if n := fetched(); n != 1 {
			t.Errorf("the snapshot was sent %d times, want once", n)
		}
		// The next start restores the kept copy.
		stagesAre(t, open(t, base), "restored")
		if n := fetched(); n != 1 {
			t.Errorf("the snapshot was sent %d times, want once", n)
		}
	})
	t.Run("the_restored_python_has_this_browsers_time_zone", func(t *testing.T) {
		// The snapshot was made in UTC; Sydney has summer time in January.
		base, _ := serve(t, nil)
		tab := br.NewTab(t)
		tab.WaitTimeout = 5 * time.Minute
		tab.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			_, err := cdp.Call(ctx, target, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Australia/Sydney"})
			return err
		}))
		tab.Navigate(base + "m/add/")
		tab.WaitFor(sec + `.courseRunner !== undefined`)
		src := "import time\ndef add(a, b):\n    raise ValueError(repr((time.tzname, time.timezone, time.altzone, time.daylight, time.localtime(0).tm_hour)))\n"
		got := browsertest.Eval[string](tab, `(async () => (await `+sec+`.courseRunner.run({source: `+jsString(src)+`})).tests[0].message)()`)
		if !browsertest.Eval[bool](tab, `courseRunner.timeline.some(([s]) => s === "shipped")`) {
			t.Fatalf("Python did not start from the shipped snapshot: %v", browsertest.Eval[[][2]any](tab, `courseRunner.timeline`))
		}
		// What an ordinary start says there (UTC+10, UTC+11 in summer).
		if want := `(('UTC+1000', 'UTC+1100'), -36000, -39600, 1, 10)`; !strings.HasSuffix(got, want) {
			t.Errorf("the restored Python's time zone: %s, want %s", got, want)
		}
		tab.AssertClean()
	})

	t.Run("another_builds_means_an_ordinary_start", func(t *testing.T) {
		var inflated bytes.Buffer
		zr, err := gzip.NewReader(bytes.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(&inflated, zr); err != nil {
			t.Fatal(err)
		}
		foreign := inflated.Bytes()
		foreign[16] ^= 0xff // the build id Pyodide checks
		base, fetched := serve(t, gzipBytes(t, foreign))
		stagesAre(t, open(t, base), "kept")
		if n := fetched(); n != 1 {
			t.Errorf("the snapshot was sent %d times, want once", n)
		}
	})
	// The page decides: it gives the worker no snapshot to fetch. (The
	// tab closes before Python has started.)
	for _, c := range []struct {
		name, conn string
		fetch      bool
	}{
		{"fetched_on_a_4g_link", `{saveData: false, effectiveType: "4g", downlink: 1.3}`, true},
		{"not_fetched_when_saving_data", `{saveData: true, effectiveType: "4g", downlink: 10}`, false},
		{"not_fetched_on_a_3g_link", `{saveData: false, effectiveType: "3g", downlink: 1.5}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab := br.NewTab(t)
			tab.OnNewDocument(`Object.defineProperty(Navigator.prototype, "connection", {configurable: true, get() { return ` + c.conn + `; }});
				window.__inits = [];
				const post = Worker.prototype.postMessage;
				Worker.prototype.postMessage = function (m, ...rest) { if (m && m.type === "init") __inits.push(m.snapshot); return post.call(this, m, ...rest); };`)
			tab.Navigate(browsertest.ServeDir(t, out, basePath) + "m/add/")
			tab.WaitFor(sec + `.courseRunner !== undefined`)
			browsertest.Eval[bool](tab, `(courseRunner.warm(), true)`)
			tab.WaitFor(`__inits.length > 0`)
			got := browsertest.Eval[string](tab, `__inits[0]`)
			if want := browsertest.Eval[string](tab, `JSON.parse(`+sec+`.dataset.runner).snapshot`); !strings.HasSuffix(want, "/memory.snapshot.gz") {
				t.Fatalf("the page's runner configuration names the snapshot %q", want)
			} else if c.fetch && got != want || !c.fetch && got != "" {
				t.Errorf("the worker is told to fetch the snapshot %q; want it to fetch it: %v", got, c.fetch)
			}
		})
	}
}

func gzipBytes(t *testing.T, data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
