package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/output"
)

func testSite(files map[string]string) *output.Site {
	s := output.NewSite()
	for p, b := range files {
		s.Files[p] = []byte(b)
	}
	return s
}

func page(body string) string {
	return "<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>\n"
}

var fixture = map[string]string{
	"index.html":         page("home"),
	"a/index.html":       page("page a"),
	"a/b/index.html":     page("page b"),
	"404.html":           page("not here"),
	"print.html":         page("print"),
	"css/s.css":          "body{}",
	"js/app.js":          "let x",
	"js/m.mjs":           "export {}",
	"py/runner.wasm":     "\x00asm",
	"search.json":        "{}",
	"img/a.svg":          "<svg/>",
	"fonts/f.woff2":      "wOF2",
	"empty/readme.txt":   "no index here",
	"sitemap.xml":        "<urlset/>",
	"odd/file.unknownxx": "?",
}

type want struct {
	status      int
	body        string // substring
	ctype       string // prefix
	cache       string // exact, when set
	location    string // exact, when set
	noLiveClint bool
}

func get(t *testing.T, h http.Handler, method, target string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func check(t *testing.T, h http.Handler, target string, w want) {
	t.Helper()
	resp := get(t, h, http.MethodGet, target)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != w.status {
		t.Errorf("GET %s: status %d, want %d (body %.80q)", target, resp.StatusCode, w.status, body)
	}
	if !strings.Contains(string(body), w.body) {
		t.Errorf("GET %s: body %.200q does not contain %q", target, body, w.body)
	}
	if ct := resp.Header.Get("Content-Type"); w.ctype != "" && !strings.HasPrefix(ct, w.ctype) {
		t.Errorf("GET %s: Content-Type %q, want %s", target, ct, w.ctype)
	}
	if cc := resp.Header.Get("Cache-Control"); w.cache != "" && cc != w.cache {
		t.Errorf("GET %s: Cache-Control %q, want %q", target, cc, w.cache)
	}
	if loc := resp.Header.Get("Location"); w.location != "" && loc != w.location {
		t.Errorf("GET %s: Location %q, want %q", target, loc, w.location)
	}
}

func TestServesPrettyURLsAndFiles(t *testing.T) {
	s := New(Options{})
	s.Publish(testSite(fixture))
	for _, c := range []struct {
		path string
		want want
	}{
		{"/", want{status: 200, body: "home", ctype: "text/html; charset=utf-8", cache: "no-store"}},
		{"/a/", want{status: 200, body: "page a", ctype: "text/html", cache: "no-store"}},
		{"/a/b/", want{status: 200, body: "page b", ctype: "text/html", cache: "no-store"}},
		{"/a/index.html", want{status: 200, body: "page a", ctype: "text/html", cache: "no-store"}},
		{"/print.html", want{status: 200, body: "print", ctype: "text/html", cache: "no-store"}},
		{"/a", want{status: 301, location: "/a/"}},
		{"/a/b?x=1", want{status: 301, location: "/a/b/?x=1"}},
		{"/css/s.css", want{status: 200, body: "body{}", ctype: "text/css", cache: "no-cache"}},
		{"/js/app.js", want{status: 200, ctype: "text/javascript"}},
		{"/js/m.mjs", want{status: 200, body: "export {}", ctype: "text/javascript"}},
		{"/py/runner.wasm", want{status: 200, body: "\x00asm", ctype: "application/wasm"}},
		{"/search.json", want{status: 200, ctype: "application/json"}},
		{"/img/a.svg", want{status: 200, ctype: "image/svg+xml"}},
		{"/fonts/f.woff2", want{status: 200, ctype: "font/woff2"}},
		{"/sitemap.xml", want{status: 200, ctype: "application/xml"}},
		{"/odd/file.unknownxx", want{status: 200, ctype: "application/octet-stream"}},
		{"/__course/live.js", want{status: 200, body: "EventSource", ctype: "text/javascript"}},
		{"/__course/nothing", want{status: 404}},
	} {
		check(t, s, c.path, c.want)
	}
}

func TestMissingPagesGetThe404PageAndNoListing(t *testing.T) {
	s := New(Options{})
	s.Publish(testSite(fixture))
	for _, p := range []string{
		"/no/such/page/", "/css/missing.css", "/empty/", "/empty", "/css/", "/a/b/c", "/A/", "/%252e%252e/etc/passwd",
	} {
		check(t, s, p, want{status: 404, body: "not here", ctype: "text/html", cache: "no-store"})
	}
	// The 404 page carries the client too, marked as not found.
	resp := get(t, s, "GET", "/gone/")
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), "data-not-found") {
		t.Errorf("the 404 page's client tag is not marked data-not-found:\n%s", body)
	}

	// Without a 404.html: a plain 404.
	bare := New(Options{})
	bare.Publish(testSite(map[string]string{"index.html": page("home")}))
	check(t, bare, "/nope", want{status: 404, body: "404 page not found"})
}

func TestRefusesPathsThatAreNotClean(t *testing.T) {
	s := New(Options{})
	s.Publish(testSite(fixture))
	srv := httptest.NewServer(s)
	defer srv.Close()
	// Sent as raw request lines, so neither Go's client nor its URL parser
	// cleans them first.
	for _, target := range []string{
		"/../../etc/passwd",
		"/a/../a/",
		"/a/./",
		"/./index.html",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E/index.html",
		"/a/%2e/",
		"/a%2f..%2fetc/passwd",
		"/..%2fetc",
		"/..%5c..%5cetc%5cpasswd",
		"/a\\..\\b",
		"/%5c",
		"/index.html%00.css",
		"/a/..",
		"//evil.example/a",
		"/a//b/",
	} {
		status, body := rawGet(t, srv.Listener.Addr().String(), target)
		if status != 400 {
			t.Errorf("GET %s: status %d, want 400; body:\n%s", target, status, body)
		}
		if strings.Contains(body, "page a") || strings.Contains(body, "home") {
			t.Errorf("GET %s served a page:\n%s", target, body)
		}
	}
}

func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestOnlyGetAndHead(t *testing.T) {
	s := New(Options{})
	s.Publish(testSite(fixture))
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		if resp := get(t, s, m, "/"); resp.StatusCode != 405 {
			t.Errorf("%s /: status %d, want 405", m, resp.StatusCode)
		}
	}
	resp := get(t, s, "HEAD", "/a/")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("ETag") == "" {
		t.Errorf("HEAD /a/: status %d, %d bytes, ETag %q; want 200, no body, an ETag", resp.StatusCode, len(body), resp.Header.Get("ETag"))
	}
}

func TestServesUnderTheBasePath(t *testing.T) {
	s := New(Options{BasePath: "ml-course"})
	if s.BasePath() != "/ml-course/" {
		t.Fatalf("BasePath %q", s.BasePath())
	}
	s.Publish(testSite(fixture))
	for _, c := range []struct {
		path string
		want want
	}{
		{"/ml-course/", want{status: 200, body: "home"}},
		{"/ml-course/a/", want{status: 200, body: "page a"}},
		{"/ml-course/css/s.css", want{status: 200, ctype: "text/css"}},
		{"/ml-course", want{status: 301, location: "/ml-course/"}},
		{"/ml-course/a", want{status: 301, location: "/ml-course/a/"}},
		{"/", want{status: 302, location: "/ml-course/"}},
		{"/a/", want{status: 404, body: "not here"}},
		{"/ml-coursex/", want{status: 404, body: "not here"}},
		{"/ml-course/nope/", want{status: 404, body: "not here"}},
		{"/__course/live.js", want{status: 200, ctype: "text/javascript"}},
	} {
		check(t, s, c.path, c.want)
	}
	resp := get(t, s, "GET", "/ml-course/a/")
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), `data-base="/ml-course/"`) {
		t.Errorf("the client tag does not carry the base path:\n%s", body)
	}
}

// The page is the built page byte for byte, plus one script tag just
// before </body>.
func TestInjectsTheClientBeforeTheBodyEnds(t *testing.T) {
	s := New(Options{})
	s.Publish(testSite(fixture))
	resp := get(t, s, "GET", "/a/")
	body, _ := io.ReadAll(resp.Body)
	got := string(body)
	i := strings.Index(got, `<script src="/__course/live.js"`)
	if i < 0 {
		t.Fatalf("no client script in:\n%s", got)
	}
	j := strings.Index(got[i:], "</script>\n") + len("</script>\n")
	if without := got[:i] + got[i+j:]; without != fixture["a/index.html"] {
		t.Errorf("without the script tag the page is\n%s\nwant the built page\n%s", without, fixture["a/index.html"])
	}
	if !strings.HasPrefix(got[i+j:], "</body>") {
		t.Errorf("the script is not just before </body>:\n%s", got)
	}
	if tag := strings.Trim(resp.Header.Get("ETag"), `"`); !strings.Contains(got, `data-etag="`+tag+`"`) {
		t.Errorf("the page's ETag %s is not in its client tag", tag)
	}
	// Pages without </body> get it at the end.
	if got := string(inject([]byte("<p>x"), "<s>")); got != "<p>x<s>\n" {
		t.Errorf("inject without </body>: %q", got)
	}
}

func TestBeforeTheFirstBuildPagesAnswer503(t *testing.T) {
	s := New(Options{})
	check(t, s, "/", want{status: 503, cache: "no-store"})
}

var problems = []Problem{{
	File: "content/01-a/02-b.md", Line: 3, Col: 1, Msg: `unknown front-matter key "sumary"`,
	Hint: "did you mean summary?", Source: "sumary: <b>x</b>", Position: "content/01-a/02-b.md:3:1",
}, {
	File: "content/01-a/02-b.md", Line: 9, Col: 7, Msg: "unknown directive",
	Source: "\tab ::: tabz", Position: "content/01-a/02-b.md:9:7",
}}

func TestABrokenBuildServesTheErrorPageForEveryPage(t *testing.T) {
	s := New(Options{BasePath: "/ml/"})
	s.Publish(testSite(fixture))
	s.Fail(problems)
	if !s.Broken() {
		t.Fatal("Broken() is false after Fail")
	}
	for _, p := range []string{"/ml/", "/ml/a/", "/ml/no/such/page/", "/elsewhere/", "/ml/print.html"} {
		check(t, s, p, want{status: 500, ctype: "text/html", cache: "no-store", body: "content/01-a/02-b.md:3:1"})
	}
	resp := get(t, s, "GET", "/ml/a/")
	body, _ := io.ReadAll(resp.Body)
	for _, w := range []string{
		"Build failed: 2 errors",
		`unknown front-matter key &#34;sumary&#34;`,
		"did you mean summary?",
		"sumary: &lt;b&gt;x&lt;/b&gt;", // escaped
		"\n<span class=\"cl-ln\">  | </span><span class=\"cl-caret\">^</span>",
		"content/01-a/02-b.md:9:7",
		"\n<span class=\"cl-ln\">  | </span>\t     <span class=\"cl-caret\">^</span>", // the tab kept
		`<script src="/__course/live.js"`,
		"data-error",
	} {
		if !strings.Contains(string(body), w) {
			t.Errorf("the error page lacks %q:\n%s", w, body)
		}
	}
	// Other files still come from the last good build.
	check(t, s, "/ml/css/s.css", want{status: 200, body: "body{}"})

	s.Publish(testSite(fixture))
	if s.Broken() {
		t.Fatal("Broken() is true after Publish")
	}
	check(t, s, "/ml/a/", want{status: 200, body: "page a"})
}

func TestAFirstBuildThatFailsStillShowsTheErrors(t *testing.T) {
	s := New(Options{})
	s.Fail(problems)
	check(t, s, "/", want{status: 500, body: "sumary"})
	check(t, s, "/any/page/", want{status: 500, body: "sumary"})
	check(t, s, "/css/s.css", want{status: 500, body: "sumary"}) // there is no good build to take it from
}

func TestProblemsReadTheSourceLine(t *testing.T) {
	fsys := map[string]string{"content/a.md": "---\ntitle: x\nsumary: y\n---\n"}
	mfs := mapFS(fsys)
	got := Problems([]diag.Diagnostic{
		{File: "content/a.md", Line: 3, Col: 1, Msg: "unknown key", Hint: "summary?"},
		{File: "--base-url", Msg: "bad"},
		{File: "../outside.md", Line: 1, Msg: "never read"},
		{File: "content/a.md", Line: 2, Severity: diag.Warning, Msg: "w"},
	}, mfs)
	if got[0].Source != "sumary: y" || got[0].Position != "content/a.md:3:1" || got[0].Hint != "summary?" {
		t.Errorf("problem 0: %+v", got[0])
	}
	if got[1].Source != "" || got[1].Position != "--base-url" {
		t.Errorf("problem 1: %+v", got[1])
	}
	if got[2].Source != "" {
		t.Errorf("problem 2 read a file outside the project: %+v", got[2])
	}
	if !got[3].Warning || got[3].Source != "title: x" {
		t.Errorf("problem 3: %+v", got[3])
	}
}

// events reads Server-Sent Events from a stream.
type events struct {
	r *bufio.Reader
}

func (e *events) next(t *testing.T) (name string, data string) {
	t.Helper()
	for {
		line, err := e.r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the event stream: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" && data != "":
			return name, data
		case strings.HasPrefix(line, "event: "):
			name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			data += line[len("data: "):]
		}
	}
}

func subscribe(t *testing.T, url string) (*events, func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/__course/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	return &events{bufio.NewReader(resp.Body)}, func() { cancel(); resp.Body.Close() }
}

func TestEventsTellWhatChanged(t *testing.T) {
	s := New(Options{BasePath: "/ml/"})
	s.Publish(testSite(fixture))
	srv := httptest.NewServer(s)
	defer srv.Close()
	ev, stop := subscribe(t, srv.URL)
	defer stop()

	name, data := ev.next(t)
	var hello struct {
		ID    string          `json:"id"`
		Error json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal([]byte(data), &hello); name != "hello" || err != nil || hello.ID == "" || string(hello.Error) != "null" {
		t.Fatalf("first event %s %s (%v), want a hello without error", name, data, err)
	}

	next := map[string]string{}
	for k, v := range fixture {
		next[k] = v
	}
	next["a/index.html"] = page("page a, edited")
	delete(next, "a/b/index.html")
	next["c/index.html"] = page("new")
	rel := s.Publish(testSite(next))

	name, data = ev.next(t)
	var got Reload
	if err := json.Unmarshal([]byte(data), &got); name != "reload" || err != nil {
		t.Fatalf("event %s %s (%v), want reload", name, data, err)
	}
	if strings.Join(got.Pages, " ") != "/ml/a/ /ml/c/" || got.Removed["/ml/a/b/"] != "/ml/a/" || got.Assets != nil || got.All || got.Files != 3 {
		t.Errorf("reload event %+v, want pages /ml/a/ /ml/c/, /ml/a/b/ removed to /ml/a/, no assets", got)
	}
	if got.ID == hello.ID || got.ID != rel.ID {
		t.Errorf("reload id %q, hello %q, Publish returned %q", got.ID, hello.ID, rel.ID)
	}

	s.Fail(problems)
	name, data = ev.next(t)
	var e struct {
		HTML     string    `json:"html"`
		Problems []Problem `json:"problems"`
	}
	if err := json.Unmarshal([]byte(data), &e); name != "error" || err != nil || len(e.Problems) != 2 || !strings.Contains(e.HTML, "02-b.md:3:1") {
		t.Fatalf("event %s %s, want the error with its problems", name, data)
	}

	// An asset change, and a removed page with no parent left.
	next2 := map[string]string{}
	for k, v := range next {
		next2[k] = v
	}
	next2["css/s.css"] = "body{color:red}"
	delete(next2, "c/index.html")
	s.Publish(testSite(next2))
	_, data = ev.next(t)
	got = Reload{}
	_ = json.Unmarshal([]byte(data), &got)
	if strings.Join(got.Assets, " ") != "/ml/css/s.css" || got.Removed["/ml/c/"] != "/ml/" || len(got.Pages) != 0 {
		t.Errorf("reload %+v, want assets changed and /ml/c/ removed to /ml/", got)
	}

	// A new stream while broken hears about the error in its hello.
	s.Fail(problems)
	_, _ = ev.next(t)
	ev2, stop2 := subscribe(t, srv.URL)
	defer stop2()
	_, data = ev2.next(t)
	if !strings.Contains(data, `"error":{`) {
		t.Errorf("hello while broken: %s", data)
	}
}

// Large sites are compared in parallel; the result is the same.
func TestChangesOfALargeSite(t *testing.T) {
	old, cur := map[string]string{}, map[string]string{}
	for i := range 3000 {
		p := fmt.Sprintf("m%d/l%d/index.html", i/20, i)
		old[p], cur[p] = page(fmt.Sprint(i)), page(fmt.Sprint(i))
		if i%300 == 7 {
			cur[p] = page("changed")
		}
	}
	s := New(Options{})
	s.Publish(testSite(old))
	ev := s.Publish(testSite(cur))
	if len(ev.Pages) != 10 || ev.Pages[0] != "/m0/l7/" || ev.Pages[9] != "/m90/l1807/" {
		t.Errorf("pages %v, want the 10 changed ones", ev.Pages)
	}
}

func TestLongChangeListsAreSentAsAll(t *testing.T) {
	s := New(Options{MaxPages: 2})
	s.Publish(testSite(map[string]string{"a/index.html": "1", "b/index.html": "1", "c/index.html": "1"}))
	ev := s.Publish(testSite(map[string]string{"a/index.html": "2", "b/index.html": "2", "c/index.html": "2"}))
	if !ev.All || len(ev.Pages) != 0 {
		t.Errorf("%+v, want all", ev)
	}
}

func TestCloseEndsTheStreams(t *testing.T) {
	s := New(Options{Heartbeat: time.Hour})
	s.Publish(testSite(fixture))
	srv := httptest.NewServer(s)
	defer srv.Close()
	ev, stop := subscribe(t, srv.URL)
	defer stop()
	ev.next(t) // hello
	s.Close()
	if _, err := io.ReadAll(ev.r); err != nil {
		t.Fatalf("the stream did not end cleanly: %v", err)
	}
	if n := s.Hub().Len(); n != 0 {
		t.Errorf("%d streams left open", n)
	}
	resp, err := http.Get(srv.URL + "/__course/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("a stream after Close: status %d, want 503", resp.StatusCode)
	}
}

func TestTheHubDropsAStreamThatFallsBehind(t *testing.T) {
	h := NewHub()
	slow, _, _ := h.Subscribe()
	fast, cancel, _ := h.Subscribe()
	defer cancel()
	for i := range clientBuffer + 1 {
		h.Publish(Event{Data: []byte(fmt.Sprint(i))})
		<-fast
	}
	n := 0
	for range slow {
		n++
	}
	if n != clientBuffer {
		t.Errorf("the slow stream got %d events before it was closed, want %d", n, clientBuffer)
	}
	if h.Len() != 1 {
		t.Errorf("%d streams, want the fast one only", h.Len())
	}
}
