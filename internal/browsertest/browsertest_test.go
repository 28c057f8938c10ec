package browsertest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	goruntime "runtime"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func lookIn(found ...string) func(string) (string, error) {
	return func(name string) (string, error) {
		if slices.Contains(found, name) {
			return "/found/" + strings.TrimPrefix(name, "/"), nil
		}
		return "", errors.New("not found")
	}
}

func TestFindChromium(t *testing.T) {
	t.Run("prefers_the_CHROMIUM_variable", func(t *testing.T) {
		got, err := FindChromium(env(map[string]string{"CHROMIUM": "my-chrome"}), lookIn("my-chrome", "chromium"))
		if err != nil || got != "/found/my-chrome" {
			t.Fatalf("got %q, %v", got, err)
		}
	})
	t.Run("fails_when_CHROMIUM_names_nothing", func(t *testing.T) {
		_, err := FindChromium(env(map[string]string{"CHROMIUM": "nope"}), lookIn("chromium"))
		if err == nil || !strings.Contains(err.Error(), "CHROMIUM=nope") || errors.Is(err, ErrNoChromium) {
			t.Fatalf("err = %v, want one naming CHROMIUM=nope, and not ErrNoChromium (a failure, never a skip)", err)
		}
	})
	t.Run("tries_the_candidates_in_order", func(t *testing.T) {
		got, err := FindChromium(env(nil), lookIn("google-chrome", "chromium-browser"))
		if err != nil || got != "/found/chromium-browser" {
			t.Fatalf("got %q, %v", got, err)
		}
		got, err = FindChromium(env(nil), lookIn("/usr/bin/chromium"))
		if err != nil || got != "/found/usr/bin/chromium" {
			t.Fatalf("got %q, %v", got, err)
		}
	})
	t.Run("names_what_it_tried_when_nothing_is_found", func(t *testing.T) {
		_, err := FindChromium(env(nil), lookIn())
		if !errors.Is(err, ErrNoChromium) {
			t.Fatalf("err = %v, want ErrNoChromium", err)
		}
		for _, c := range append([]string{"$CHROMIUM"}, candidates...) {
			if !strings.Contains(err.Error(), c) {
				t.Errorf("error %q does not name %s", err, c)
			}
		}
	})
}

func TestIsCI(t *testing.T) {
	for v, want := range map[string]bool{"true": true, "1": true, "TRUE": true, "": false, "false": false, "0": false, "yes": false} {
		if got := IsCI(env(map[string]string{"CI": v})); got != want {
			t.Errorf("CI=%q: IsCI = %v, want %v", v, got, want)
		}
	}
}

// A fake browser records its command line and environment, then fails to
// start: what chromedp would run, without Chromium.
func TestBrowserCommandLine(t *testing.T) {
	if goruntime.GOOS == "windows" {
		t.Skip("the fake browser is a shell script")
	}
	dir := t.TempDir()
	record := filepath.Join(dir, "record")
	fake := filepath.Join(dir, "fake-chrome")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + record + "\nprintf 'HOME=%s\\n' \"$HOME\" >> " + record + "\nexit 3\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	profile, home := filepath.Join(dir, "profile"), filepath.Join(dir, "home")
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(fake, profile, home, 800, 600, &cappedBuffer{max: 1024})...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	defer cancel()
	if err := chromedp.Do(ctx); err == nil {
		t.Fatal("the fake browser started")
	}
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSpace(string(data)), "\n")

	var want []string
	want = append(want, Flags()...)
	want = append(want, "--user-data-dir="+profile, "--window-size=800,600")
	// chromedp's own plumbing: the pipe it talks over and the first page.
	want = append(want, "--remote-debugging-pipe", "about:blank", "HOME="+home)
	if !slices.Equal(got, want) {
		t.Errorf("command line:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestRecorder(t *testing.T) {
	str := func(s string) *runtime.RemoteObject {
		return &runtime.RemoteObject{Type: runtime.RemoteObjectTypeString, Value: []byte(`"` + s + `"`)}
	}
	frames := &runtime.StackTrace{CallFrames: []*runtime.CallFrame{{URL: "http://127.0.0.1:1/js/a.js", LineNumber: 9, ColumnNumber: 2}}}
	r := newRecorder()
	r.expect("http://127.0.0.1:1/gone/", 404)
	events := []any{
		&page.EventFrameNavigated{Frame: &cdp.Frame{URL: "http://127.0.0.1:1/"}},
		&page.EventFrameNavigated{Frame: &cdp.Frame{URL: "http://127.0.0.1:1/frame", ParentID: "x"}},
		&runtime.EventConsoleAPICalled{Type: runtime.ConsoleAPICalledTypeLog, Args: []*runtime.RemoteObject{str("fine")}},
		&runtime.EventConsoleAPICalled{Type: runtime.ConsoleAPICalledTypeError, Args: []*runtime.RemoteObject{str("boom"), {Type: "number", Value: []byte("42")}}, StackTrace: frames},
		&runtime.EventConsoleAPICalled{Type: runtime.ConsoleAPICalledTypeWarning, Args: []*runtime.RemoteObject{str("careful")}},
		&runtime.EventExceptionThrown{ExceptionDetails: &runtime.ExceptionDetails{Text: "Uncaught", Exception: &runtime.RemoteObject{Description: "TypeError: x is undefined"}, URL: "http://127.0.0.1:1/js/b.js", LineNumber: 4}},
		&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelWarning, Text: "meh"}},
		&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelError, Source: "network", Text: "Failed to load resource: the server responded with a status of 404 (Not Found)", URL: "http://127.0.0.1:1/gone/"}},
		&network.EventRequestWillBeSent{RequestID: "1", Request: &network.Request{Method: "GET", URL: "http://127.0.0.1:1/css/x.css"}},
		&network.EventResponseReceived{RequestID: "1", Type: "Stylesheet", Response: &network.Response{URL: "http://127.0.0.1:1/css/x.css", Status: 404, StatusText: "Not Found"}},
		&network.EventLoadingFinished{RequestID: "1"},
		// Said already by the response: not twice.
		&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelError, Source: "network", Text: "Failed to load resource: the server responded with a status of 404 (Not Found)", URL: "http://127.0.0.1:1/css/x.css", NetworkRequestID: "1"}},
		// A request this tab did not see.
		&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelError, Source: "network", Text: "Failed to load resource: net::ERR_FAILED", URL: "http://127.0.0.1:1/elsewhere", NetworkRequestID: "99"}},
		&network.EventRequestWillBeSent{RequestID: "2", Request: &network.Request{Method: "GET", URL: "http://127.0.0.1:1/gone/"}},
		&network.EventResponseReceived{RequestID: "2", Type: "Document", Response: &network.Response{URL: "http://127.0.0.1:1/gone/", Status: 404}},
		&network.EventLoadingFinished{RequestID: "2"},
		&network.EventRequestWillBeSent{RequestID: "3", Request: &network.Request{Method: "GET", URL: "https://cdn.example.com/lib.js"}},
		&network.EventLoadingFailed{RequestID: "3", Type: "Script", ErrorText: "net::ERR_NAME_NOT_RESOLVED"},
		&network.EventRequestWillBeSent{RequestID: "4", Request: &network.Request{Method: "GET", URL: "http://127.0.0.1:1/font.woff2"}},
		&network.EventLoadingFailed{RequestID: "4", Type: "Font", ErrorText: "net::ERR_ABORTED", Canceled: true},
		&network.EventRequestWillBeSent{RequestID: "5", Request: &network.Request{Method: "GET", URL: "data:image/png;base64,AAAA"}},
		&network.EventRequestWillBeSent{RequestID: "6", Request: &network.Request{Method: "GET", URL: "http://127.0.0.1:1/slow"}},
	}
	for _, ev := range events {
		r.handle(ev)
	}
	var got []string
	for _, p := range r.all() {
		got = append(got, p.String())
	}
	want := []string{
		"console.error: boom 42 [http://127.0.0.1:1/js/a.js:10:3] on http://127.0.0.1:1/",
		"console.warning: careful on http://127.0.0.1:1/",
		"exception: Uncaught TypeError: x is undefined [http://127.0.0.1:1/js/b.js:5:1] on http://127.0.0.1:1/",
		"HTTP 404: Stylesheet Not Found [http://127.0.0.1:1/css/x.css] on http://127.0.0.1:1/",
		"log.network: Failed to load resource: net::ERR_FAILED [http://127.0.0.1:1/elsewhere] on http://127.0.0.1:1/",
		"foreign host: GET https://cdn.example.com/lib.js [https://cdn.example.com/lib.js] on http://127.0.0.1:1/",
		"request failed: Script net::ERR_NAME_NOT_RESOLVED [https://cdn.example.com/lib.js] on http://127.0.0.1:1/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}

	if n := len(r.unreported()); n != len(want) {
		t.Errorf("unreported() = %d problems, want %d", n, len(want))
	}
	if n := len(r.unreported()); n != 0 {
		t.Errorf("second unreported() = %d problems, want 0", n)
	}

	inflight, changed := r.idle()
	if !slices.Equal(inflight, []string{"data:image/png;base64,AAAA", "http://127.0.0.1:1/slow"}) {
		t.Errorf("in flight: %q", inflight)
	}
	r.handle(&network.EventLoadingFinished{RequestID: "5"})
	select {
	case <-changed:
	default:
		t.Error("a finished request did not signal a change")
	}
	r.handle(&network.EventLoadingFinished{RequestID: "6"})
	if inflight, _ := r.idle(); inflight != nil {
		t.Errorf("in flight after all finished: %q", inflight)
	}
}

// A new document forgets the requests of the old one, which Chrome does not
// always finish (a favicon, when the page navigates away).
func TestRecorderForgetsRequestsOfTheLastDocument(t *testing.T) {
	r := newRecorder()
	r.handle(&network.EventRequestWillBeSent{RequestID: "1", LoaderID: "A", Request: &network.Request{URL: "http://127.0.0.1:1/favicon.svg"}})
	r.handle(&network.EventRequestWillBeSent{RequestID: "2", Request: &network.Request{URL: "http://127.0.0.1:1/worker-fetch"}})
	r.handle(&network.EventRequestWillBeSent{RequestID: "B", LoaderID: "B", Request: &network.Request{URL: "http://127.0.0.1:1/next/"}})
	r.handle(&page.EventFrameNavigated{Frame: &cdp.Frame{URL: "http://127.0.0.1:1/next/", LoaderID: "B"}})
	inflight, _ := r.idle()
	if !slices.Equal(inflight, []string{"http://127.0.0.1:1/next/", "http://127.0.0.1:1/worker-fetch"}) {
		t.Errorf("in flight: %q", inflight)
	}
}

func TestIsLocalURL(t *testing.T) {
	for u, want := range map[string]bool{
		"http://127.0.0.1:8080/x":       true,
		"https://127.0.0.1/":            true,
		"ws://127.0.0.1:9/live":         true,
		"http://localhost:8080/":        false,
		"https://fonts.googleapis.com/": false,
		"http://[::1]:8080/":            false,
		"data:text/plain,hi":            true,
		"blob:http://127.0.0.1:1/uuid":  true,
		"about:blank":                   true,
		"//cdn.example.com/x.js":        false,
	} {
		if got := IsLocalURL(u); got != want {
			t.Errorf("IsLocalURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestStaticHandler(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":         "home",
		"404.html":           "not here",
		"a/index.html":       "page a",
		"css/s.css":          "body{}",
		"py/runner.wasm":     "\x00asm",
		"js/m.mjs":           "export {}",
		"empty/.keep":        "",
		"search-index.json":  "{}",
		"deep/er/index.html": "deep",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(StaticHandler(dir, "/ml-course"))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	for _, c := range []struct {
		path, body, ctype string
		status            int
	}{
		{"/ml-course/", "home", "text/html", 200},
		{"/ml-course/a/", "page a", "text/html", 200},
		{"/ml-course/deep/er/", "deep", "text/html", 200},
		{"/ml-course/css/s.css", "body{}", "text/css", 200},
		{"/ml-course/py/runner.wasm", "\x00asm", "application/wasm", 200},
		{"/ml-course/js/m.mjs", "export {}", "text/javascript", 200},
		{"/ml-course/no/such/page/", "not here", "text/html", 404},
		{"/ml-course/css/missing.css", "not here", "text/html", 404},
		{"/ml-course/empty/", "not here", "text/html", 404}, // no listing
		{"/elsewhere/", "not here", "text/html", 404},
		{"/ml-course", "", "", 301},
		{"/ml-course/a", "", "", 301},
	} {
		resp, err := client.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("GET %s: status %d, want %d", c.path, resp.StatusCode, c.status)
		}
		if c.status == 301 {
			if loc := resp.Header.Get("Location"); !strings.HasSuffix(loc, "/") {
				t.Errorf("GET %s: redirects to %q, want a folder URL", c.path, loc)
			}
			continue
		}
		if string(body) != c.body {
			t.Errorf("GET %s: body %q, want %q", c.path, body, c.body)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.ctype) {
			t.Errorf("GET %s: Content-Type %q, want %s", c.path, ct, c.ctype)
		}
	}
}

func TestServeDirReturnsTheBaseURL(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("home"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := ServeDir(t, dir, "site")
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/site/") {
		t.Fatalf("base URL %q, want http://127.0.0.1:<port>/site/", base)
	}
	resp, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", base, resp.Status)
	}
}

// The harness itself, in a real browser: it must see what it promises to
// see, and nothing on a clean page.
func TestBrowserHarness(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"index.html": `<!doctype html><title>clean</title><link rel="icon" href="data:,"><link rel="stylesheet" href="s.css"><p id="p">hello</p>`,
		"s.css":      `p { color: green }`,
		"404.html":   `<!doctype html><title>missing</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/site/s.css"><p>not here</p>`,
		"bad.html": `<!doctype html><title>bad</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="missing.css">
<script>
console.error("console says no");
console.warn("console warns");
fetch("http://example.com/tracker").catch(() => {});
</script>
<script>throw new Error("thrown");</script>`,
	}
	for name, body := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := ServeDir(t, dir, "/site/")
	b := Start(t)

	t.Run("a_clean_page_has_no_problems", func(t *testing.T) {
		tab := b.NewTab(t)
		if resp := tab.Navigate(base); resp.Status != 200 {
			t.Fatalf("status %d", resp.Status)
		}
		tab.WaitVisible("#p")
		tab.AssertClean()
	})

	t.Run("an_expected_404_is_not_a_problem", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Expect(base+"nowhere/", 404)
		if resp := tab.Navigate(base + "nowhere/"); resp.Status != 404 {
			t.Fatalf("status %d, want 404", resp.Status)
		}
		tab.AssertClean()
	})

	t.Run("problems_are_seen", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Navigate(base + "bad.html")
		tab.Settle()
		kinds := map[string]bool{}
		var all []string
		for _, p := range tab.rec.unreported() { // read, so the tab does not fail t
			kinds[p.Kind] = true
			all = append(all, p.String())
		}
		for _, k := range []string{"console.error", "console.warning", "exception", "HTTP 404", "foreign host", "request failed"} {
			if !kinds[k] {
				t.Errorf("no %q problem among:\n\t%s", k, strings.Join(all, "\n\t"))
			}
		}
	})
}

// TestSharedBrowserIsStartedOnce: Shared gives every caller the same
// running browser, with a fresh tab each; after CloseShared the next
// caller gets a new one.
func TestSharedBrowserIsStartedOnce(t *testing.T) {
	t.Cleanup(CloseShared)
	a, b := Shared(t), Shared(t)
	if a != b {
		t.Fatal("two calls to Shared started two browsers")
	}
	dir := t.TempDir()
	page := `<!doctype html><title>x</title><link rel="icon" href="data:,"><p id="p">shared</p>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	url := ServeDir(t, dir, "/")
	for _, br := range []*Browser{a, b} {
		tab := br.NewTab(t)
		tab.Navigate(url)
		tab.WaitFor(`document.getElementById("p")?.textContent === "shared"`)
	}
	CloseShared()
	if a.ctx.Err() == nil {
		t.Fatal("CloseShared left the browser running")
	}
	c := Shared(t)
	if c == a {
		t.Fatal("Shared returned the closed browser")
	}
	tab := c.NewTab(t)
	tab.Navigate(url)
	tab.WaitFor(`document.getElementById("p")?.textContent === "shared"`)
}
