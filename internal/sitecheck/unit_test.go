package sitecheck

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
)

func TestPagePath(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"index.html", ""},
		{"404.html", notFoundPath},
		{"loss-functions/index.html", "loss-functions/"},
		{"loss-functions/mse/index.html", "loss-functions/mse/"},
		{"print/index.html", "print/"},
		{"extra.html", "extra.html"},
	} {
		if got := pagePath(tc.file); got != tc.want {
			t.Errorf("pagePath(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}
}

func TestSiteFile(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"index.html", "a/index.html", "a/img.svg", "empty/.keep"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		rest, want string
		ok         bool
	}{
		{"", "index.html", true},
		{"a/", "a/index.html", true},
		{"a", "a/index.html", true},
		{"a/img.svg", "a/img.svg", true},
		{"a/../a/img.svg", "a/img.svg", true},
		{"../../etc/passwd", "", false},
		{"empty/", "", false}, // a folder without index.html
		{"missing/", "", false},
	} {
		got, ok := siteFile(dir, tc.rest)
		if got != tc.want || ok != tc.ok {
			t.Errorf("siteFile(%q) = %q, %v; want %q, %v", tc.rest, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseHTMLValidate(t *testing.T) {
	dir := "/site"
	report := `[{"filePath":"/site/a/index.html","messages":[
	  {"ruleId":"no-dup-id","severity":2,"message":"Duplicate ID \"x\"","line":3,"column":7},
	  {"ruleId":"long-title","severity":1,"message":"title text cannot be longer than 70 characters","line":1,"column":2}]},
	 {"filePath":"/site/404.html","messages":[{"ruleId":"void-style","severity":2,"message":"Expected omitted end tag","line":9,"column":1}]}]`
	got, err := parseHTMLValidate([]byte(report), dir, "/base/")
	if err != nil {
		t.Fatal(err)
	}
	want := []Finding{
		{"/base/a/", "html-validate", `a/index.html:3:7: error Duplicate ID "x" (no-dup-id)`},
		{"/base/a/", "html-validate", "a/index.html:1:2: warning title text cannot be longer than 70 characters (long-title)"},
		{"/base/" + notFoundPath, "html-validate", "404.html:9:1: error Expected omitted end tag (void-style)"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d:\n got %v\nwant %v", i, got[i], want[i])
		}
	}
	if _, err := parseHTMLValidate([]byte("[{"), dir, "/base/"); err == nil {
		t.Error("a truncated report: want an error")
	}
}

func TestGzipSizeIsSmallerForRepetitiveText(t *testing.T) {
	text := make([]byte, 10000)
	for i := range text {
		text[i] = "abc"[i%3]
	}
	if n := gzipSize(text); n <= 0 || n >= len(text)/10 {
		t.Errorf("gzipSize of 10,000 repeated bytes = %d, want a few dozen", n)
	}
}

// A new document forgets the old one's requests: Chrome does not always
// report their end. A fetch the home page had in flight when the check moved
// on (exercises/index.json) once made each of the next nine pages wait out
// its three minutes.
func TestRecorderForgetsTheLastDocumentsRequests(t *testing.T) {
	r := newRecorder("http://127.0.0.1:1", func(u string) string { return strings.TrimPrefix(u, "http://127.0.0.1:1") })
	for _, ev := range []any{
		&network.EventRequestWillBeSent{RequestID: "1", LoaderID: "A", Type: network.ResourceTypeFetch, Request: &network.Request{URL: "http://127.0.0.1:1/exercises/index.json"}},
		&network.EventRequestWillBeSent{RequestID: "2", Type: network.ResourceTypeFetch, Request: &network.Request{URL: "http://127.0.0.1:1/worker-fetch"}},
		&network.EventRequestWillBeSent{RequestID: "B", LoaderID: "B", Type: network.ResourceTypeDocument, Request: &network.Request{URL: "http://127.0.0.1:1/next/"}},
	} {
		r.handle(ev)
	}
	if got, _ := r.idle(); !slices.Equal(got, []string{"/exercises/index.json", "/next/", "/worker-fetch"}) {
		t.Fatalf("in flight before the navigation: %q", got)
	}
	r.handle(&page.EventFrameNavigated{Frame: &cdp.Frame{URL: "http://127.0.0.1:1/next/", LoaderID: "B"}})
	if got, _ := r.idle(); !slices.Equal(got, []string{"/next/", "/worker-fetch"}) {
		t.Errorf("in flight after the navigation: %q", got)
	}
	r.handle(&network.EventLoadingFinished{RequestID: "B"})
	r.handle(&network.EventLoadingFailed{RequestID: "2", Canceled: true})
	if got, _ := r.idle(); got != nil {
		t.Errorf("in flight after both ended: %q", got)
	}
	if p := r.take(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
}
