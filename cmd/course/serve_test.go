package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an io.Writer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `course serve` with args in the background and returns
// its URL, and a function that stops it (as Ctrl-C does) and returns the
// exit code.
func startServe(t *testing.T, args []string) (url string, stop func() int, stdout, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &lockedBuffer{}, &lockedBuffer{}
	ready := make(chan string, 1)
	code := make(chan int, 1)
	go func() { code <- serve(ctx, args, stdout, stderr, func(u string) { ready <- u }) }()
	select {
	case url = <-ready:
	case c := <-code:
		cancel()
		t.Fatalf("serve exited with %d before listening:\n%s%s", c, stdout, stderr)
	case <-time.After(2 * time.Minute): // a hang guard: the first build takes seconds alone, longer under load
		cancel()
		t.Fatal("serve did not start in 2 minutes")
	}
	var once sync.Once
	var exit int
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case exit = <-code:
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop within 30 s of Ctrl-C")
			}
		})
		return exit
	}
	t.Cleanup(func() { stop() })
	return url, stop, stdout, stderr
}

func TestServeStartsServesAndStopsCleanly(t *testing.T) {
	dir := course(t, nil)
	url, stop, stdout, stderr := startServe(t, []string{"--source", dir, "--port", "0"})
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/") || strings.HasSuffix(url, ":1313/") {
		t.Errorf("url %q, want http://127.0.0.1:<free port>/", url)
	}
	if !strings.Contains(stdout.String(), "built 3 pages") || !strings.Contains(stdout.String(), url) {
		t.Errorf("stdout lacks the build report or the URL:\n%s", stdout)
	}
	resp, err := http.Get(url + "m/a/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "/__course/live.js") {
		t.Errorf("GET %sm/a/: %d\n%.300s", url, resp.StatusCode, body)
	}

	// An open event stream must not hold the shutdown up.
	events, err := http.Get(url + "__course/events")
	if err != nil {
		t.Fatal(err)
	}
	defer events.Body.Close()
	if code := stop(); code != 0 {
		t.Errorf("exit %d after Ctrl-C, want 0; stderr:\n%s", code, stderr)
	}
	if _, err := io.ReadAll(events.Body); err != nil {
		t.Errorf("the event stream did not end cleanly: %v", err)
	}
	if !strings.Contains(stdout.String(), "stopped") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("serve created public/: %v", err)
	}
}

func TestServeUnderABasePathAndWarnsOnAnOpenBind(t *testing.T) {
	dir := course(t, nil)
	url, _, _, stderr := startServe(t, []string{"--source", dir, "--port", "0", "--base-url", "/ml/", "--bind", "0.0.0.0"})
	if !strings.HasSuffix(url, "/ml/") {
		t.Errorf("url %q, want it to end in /ml/", url)
	}
	if !strings.Contains(stderr.String(), "warning: --bind 0.0.0.0") {
		t.Errorf("no warning about --bind 0.0.0.0:\n%s", stderr)
	}
}

func TestServeUsage(t *testing.T) {
	dir := course(t, nil)
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"--port", "70000"}, "is not a port"},
		{[]string{"--source", dir, "extra"}, `unexpected argument "extra"`},
		{[]string{"--source", filepath.Join(dir, "nope"), "--port", "0"}, noSuchFile},
		{[]string{"--source", dir, "--port", "0", "--base-url", "ml/"}, "--base-url"},
		{[]string{"--nope"}, "flag provided but not defined"},
	} {
		var out, errb strings.Builder
		if code := serve(context.Background(), c.args, &out, &errb, nil); code != exitUsage || !strings.Contains(errb.String(), c.err) {
			t.Errorf("serve %v: exit %d, stderr %q; want 2 and %q", c.args, code, errb.String(), c.err)
		}
	}
	var out strings.Builder
	if code := run([]string{"serve", "--help"}, &out, io.Discard); code != 0 || !strings.Contains(out.String(), "--poll") {
		t.Errorf("serve --help: %d\n%s", code, out.String())
	}
}
