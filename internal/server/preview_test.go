package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/watch"
)

// buildTimeout bounds each wait for a rebuild.
const buildTimeout = 60 * time.Second

// fixtureCopy copies testdata/course to a temporary folder, so that edits
// and the build's cache stay out of the repository.
func fixtureCopy(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "course")
	if err := os.CopyFS(dir, os.DirFS("testdata/course")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// preview is a running Preview behind an httptest server.
type preview struct {
	t       testing.TB
	dir     string
	p       *Preview
	url     string // base URL of the site, ending in "/"
	reports chan Report
	log     *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func startPreview(t testing.TB, dir string, opts PreviewOptions) *preview {
	t.Helper()
	pv := &preview{t: t, dir: dir, reports: make(chan Report, 100), log: &syncBuffer{}}
	opts.Source, opts.Log = dir, pv.log
	opts.OnBuild = func(r Report) { pv.reports <- r }
	p, err := NewPreview(opts)
	if err != nil {
		t.Fatal(err)
	}
	pv.p = p
	srv := httptest.NewServer(p.Server())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		p.Run(ctx)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		srv.Close()
	})
	pv.url = srv.URL + p.Server().BasePath()
	if r := pv.next(); r.N != 1 {
		t.Fatalf("first report is build %d", r.N)
	}
	return pv
}

// next waits for the next build report.
func (pv *preview) next() Report {
	pv.t.Helper()
	select {
	case r := <-pv.reports:
		return r
	case <-time.After(buildTimeout):
		pv.t.Fatalf("no build after %s; log:\n%s", buildTimeout, pv.log)
		return Report{}
	}
}

// until waits for a build for which ok holds.
func (pv *preview) until(what string, ok func(Report) bool) Report {
	pv.t.Helper()
	deadline := time.After(buildTimeout)
	for {
		select {
		case r := <-pv.reports:
			if ok(r) {
				return r
			}
		case <-deadline:
			pv.t.Fatalf("no build where %s after %s; log:\n%s", what, buildTimeout, pv.log)
		}
	}
}

func (pv *preview) write(rel, data string) {
	pv.t.Helper()
	p := filepath.Join(pv.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		pv.t.Fatal(err)
	}
	// Write then rename, as editors do, so a build never reads half a file.
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		pv.t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		pv.t.Fatal(err)
	}
}

func (pv *preview) read(rel string) string {
	pv.t.Helper()
	data, err := os.ReadFile(filepath.Join(pv.dir, filepath.FromSlash(rel)))
	if err != nil {
		pv.t.Fatal(err)
	}
	return string(data)
}

// edit replaces old by new in a file, which must hold old.
func (pv *preview) edit(rel, old, new string) {
	pv.t.Helper()
	src := pv.read(rel)
	if !strings.Contains(src, old) {
		pv.t.Fatalf("%s does not contain %q", rel, old)
	}
	pv.write(rel, strings.Replace(src, old, new, 1))
}

func (pv *preview) get(path string) (int, string) {
	pv.t.Helper()
	resp, err := http.Get(pv.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		pv.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

const (
	longLesson  = "content/01-basics/01-long.md"
	shortLesson = "content/01-basics/02-short.md"
)

func TestPreviewRebuildsPublishesAndShowsErrors(t *testing.T) {
	pv := startPreview(t, fixtureCopy(t), PreviewOptions{})
	if status, body := pv.get("basics/short/"); status != 200 || !strings.Contains(body, "The short lesson says hello.") {
		t.Fatalf("GET basics/short/: %d\n%s", status, body)
	}

	pv.edit(shortLesson, "says hello", "says hello again")
	r := pv.until("the short lesson changed", func(r Report) bool { return r.OK && len(r.Changed.Pages) > 0 })
	if !slices.Contains(r.Changed.Pages, "/basics/short/") || slices.Contains(r.Changed.Pages, "/more/kept/") {
		t.Errorf("changed pages %v: want the short lesson and not the others", r.Changed.Pages)
	}
	if _, body := pv.get("basics/short/"); !strings.Contains(body, "says hello again") {
		t.Errorf("the edit is not served:\n%s", body)
	}
	// Print pages are joined only when asked for, and are asked for again
	// after an edit of a page they hold; those of other modules are not.
	if !slices.Contains(r.Changed.Pages, "/basics/print/") || !slices.Contains(r.Changed.Pages, "/print/") || slices.Contains(r.Changed.Pages, "/more/print/") {
		t.Errorf("changed pages %v: want the basics and course print pages, not the other module's", r.Changed.Pages)
	}
	for _, p := range []string{"basics/print/", "print/"} {
		if status, body := pv.get(p); status != 200 || !strings.Contains(body, "says hello again") || !strings.Contains(body, "</html>") {
			t.Errorf("GET /%s after the edit: %d\n%.300s", p, status, body)
		}
	}

	// A broken front-matter key: every page shows it, the log once.
	pv.edit(shortLesson, "summary:", "sumary:")
	r = pv.until("the build failed", func(r Report) bool { return !r.OK })
	if len(r.Problems) == 0 || r.Problems[0].Position != shortLesson+":3:1" {
		t.Errorf("problems %+v, want one at %s:3:1", r.Problems, shortLesson)
	}
	for _, p := range []string{"", "basics/short/", "more/kept/", "no/such/page/"} {
		status, body := pv.get(p)
		if status != 500 || !strings.Contains(body, shortLesson+":3:1") || !strings.Contains(body, "sumary: Short and sweet.") {
			t.Errorf("GET /%s while broken: %d, want the error page with the problem and its source line:\n%.400s", p, status, body)
		}
	}
	if n := strings.Count(pv.log.String(), `unknown front-matter key "sumary"`); n != 1 {
		t.Errorf("the terminal shows the error %d times, want once:\n%s", n, pv.log)
	}

	pv.edit(shortLesson, "sumary:", "summary:")
	pv.until("the build is good again", func(r Report) bool { return r.OK })
	if status, body := pv.get("basics/short/"); status != 200 || strings.Contains(body, "data-course-error") {
		t.Errorf("after the fix: %d\n%.300s", status, body)
	}

	// A deleted lesson goes to its module.
	if err := os.Remove(filepath.Join(pv.dir, "content/02-more/01-doomed.md")); err != nil {
		t.Fatal(err)
	}
	r = pv.until("the doomed lesson is gone", func(r Report) bool { return r.OK && len(r.Changed.Removed) > 0 })
	if got := r.Changed.Removed["/more/doomed/"]; got != "/more/" {
		t.Errorf("removed %v, want /more/doomed/ → /more/", r.Changed.Removed)
	}

	if _, err := os.Stat(filepath.Join(pv.dir, "public")); !os.IsNotExist(err) {
		t.Errorf("the preview touched public/: %v", err)
	}
}

func TestPreviewServesUnderTheBaseURL(t *testing.T) {
	pv := startPreview(t, fixtureCopy(t), PreviewOptions{BaseURL: "https://example.org/ml/"})
	if !strings.HasSuffix(pv.url, "/ml/") {
		t.Fatalf("url %s", pv.url)
	}
	status, body := pv.get("basics/short/")
	if status != 200 || !strings.Contains(body, `href="/ml/basics/`) {
		t.Errorf("GET /ml/basics/short/: %d, links not under /ml/:\n%.500s", status, body)
	}
}

func TestPreviewWhoseFirstBuildFails(t *testing.T) {
	dir := fixtureCopy(t)
	if err := os.WriteFile(filepath.Join(dir, "course.toml"), []byte("titel = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pv := startPreview(t, dir, PreviewOptions{})
	if status, body := pv.get(""); status != 500 || !strings.Contains(body, "course.toml:1") {
		t.Errorf("GET /: %d\n%.400s", status, body)
	}
	pv.write("course.toml", "title = \"x\"\n")
	pv.until("the config is fixed", func(r Report) bool { return r.OK })
	if status, _ := pv.get(""); status != 200 {
		t.Errorf("GET / after the fix: %d", status)
	}
}

func TestPreviewPolls(t *testing.T) {
	pv := startPreview(t, fixtureCopy(t), PreviewOptions{Poll: 10 * time.Millisecond})
	pv.edit(shortLesson, "says hello", "says hello by polling")
	pv.until("the edit was seen", func(r Report) bool { return r.OK && slices.Contains(r.Changed.Pages, "/basics/short/") })
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// TestPreviewRereadsEverythingWhenEventsWereLost: a rebuild reads only the
// files its batch names (one told nothing serves the file it read before),
// and a batch whose events were lost reads the whole project again and
// says so in the log. The test runs the rebuilds itself, without Run.
func TestPreviewRereadsEverythingWhenEventsWereLost(t *testing.T) {
	dir := fixtureCopy(t)
	log := &syncBuffer{}
	p, err := NewPreview(PreviewOptions{Source: dir, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	page := func() string {
		rec := httptest.NewRecorder()
		p.Server().ServeHTTP(rec, httptest.NewRequest("GET", "/basics/short/", nil))
		return rec.Body.String()
	}
	file := filepath.Join(dir, filepath.FromSlash(shortLesson))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, bytes.Replace(data, []byte("says hello"), []byte("says hello unseen"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		batch watch.Batch
		seen  bool
		log   string
	}{
		{watch.Batch{Changes: []watch.Change{{Path: "content/02-more/02-kept.md", Kind: watch.Content, Op: watch.Write}}}, false, ""},
		{watch.Batch{Rescan: true}, true, "events were lost: reading the whole project again"},
	} {
		p.rebuild(c.batch)
		if got := strings.Contains(page(), "says hello unseen"); got != c.seen {
			t.Errorf("after a rebuild for %s: the edit served = %v, want %v", describe(c.batch), got, c.seen)
		}
		if c.log != "" && !strings.Contains(log.String(), c.log) {
			t.Errorf("the log does not say %q:\n%s", c.log, log)
		}
	}
}
