// Package pagerun is the browser half of `course test`: it serves a built
// site on 127.0.0.1, opens it in headless Chromium, and checks files with the
// page's own runner (runner.js, Pyodide in a Web Worker), the way a learner
// pressing Run does. The reports it returns are the page's, for comparison
// with the local ones.
package pagerun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/exercise"
)

// ErrNoBrowser means that no Chromium was found (see browsertest.FindChromium).
var ErrNoBrowser = browsertest.ErrNoChromium

// Session is one served site and one browser.
type Session struct {
	ctx     context.Context
	close   func()
	srv     *http.Server
	base    string
	pages   map[string]string // exercise id → page path below the site
	current string            // the page the tab shows
	Browser string            // the browser's executable
}

var exerciseAttr = regexp.MustCompile(`data-exercise="([^"]+)" data-runtime="browser"`)

// Start serves the built site in dir (built with base path "/") and starts
// the browser.
func Start(ctx context.Context, dir string) (*Session, error) {
	pages, err := findPages(dir)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: browsertest.StaticHandler(dir, "/"), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	bctx, closeBrowser, path, err := browsertest.Launch(ctx, 1280, 900)
	if err != nil {
		_ = srv.Close()
		return nil, err
	}
	return &Session{ctx: bctx, close: closeBrowser, srv: srv, base: "http://" + ln.Addr().String() + "/", pages: pages, Browser: path}, nil
}

// findPages maps each browser exercise to the first page that embeds it.
func findPages(dir string) (map[string]string, error) {
	pages := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		rel = filepath.ToSlash(rel)
		if rel == "." {
			rel = ""
		} else {
			rel += "/"
		}
		if strings.HasPrefix(rel, "print/") || strings.Contains(rel, "/print/") {
			return nil // print pages show exercises without the runner
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range exerciseAttr.FindAllSubmatch(data, -1) {
			id := string(m[1])
			if _, ok := pages[id]; !ok {
				pages[id] = rel
			}
		}
		return nil
	})
	return pages, err
}

// Close stops the browser and the server.
func (s *Session) Close() {
	s.close()
	_ = s.srv.Close()
}

// Has reports whether a page of the site embeds the exercise.
func (s *Session) Has(id string) bool {
	_, ok := s.pages[id]
	return ok
}

// StartTimeout bounds loading an exercise's page and starting Python in it,
// before any check: a hang guard, since on a loaded machine the start
// takes many times its 4 s alone, and that is not the check's time.
const StartTimeout = 5 * time.Minute

// open loads page and starts Python in it (courseRunner.warm).
func (s *Session) open(page string) error {
	ctx, cancel := context.WithTimeout(s.ctx, StartTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.base+page)); err != nil {
		return fmt.Errorf("loading %s: %w", page, err)
	}
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
		while (!(window.courseRunner && window.courseRunner.warm)) await new Promise((r) => setTimeout(r, 50));
		return await window.courseRunner.warm();
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%s: Python did not start in the page within %s", page, StartTimeout)
		}
		return fmt.Errorf("%s: starting Python: %w", page, err)
	}
	return nil
}

// Check runs source, named file, through the page's runner for exercise id
// and returns the page's report. The page is loaded and Python started
// first if need be (within StartTimeout); the run itself takes at most
// timeout.
func (s *Session) Check(id string, source []byte, file string, timeout time.Duration) (*exercise.Report, error) {
	page, ok := s.pages[id]
	if !ok {
		return nil, fmt.Errorf("no page of the site embeds exercise %s", id)
	}
	if s.current != page {
		if err := s.open(page); err != nil {
			return nil, err
		}
		s.current = page
	}
	ctx, cancel := context.WithTimeout(s.ctx, timeout)
	defer cancel()
	sel, _ := json.Marshal(`section.exercise[data-exercise="` + id + `"]`)
	src, _ := json.Marshal(string(source))
	name, _ := json.Marshal(file)
	expr := fmt.Sprintf(`(async () => {
		const sec = document.querySelector(%s);
		if (!sec) throw new Error("no exercise section");
		for (let i = 0; !sec.courseRunner; i++) {
			if (i > 600) throw new Error("runner.js did not set up the exercise");
			await new Promise((r) => setTimeout(r, 50));
		}
		const report = await sec.courseRunner.run({source: %s, file: %s});
		if (!report) throw new Error("a run was already in progress");
		return JSON.stringify(report);
	})()`, sel, src, name)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			s.current = "" // reload next time: the page may be stuck
			return nil, fmt.Errorf("the page gave no report within %s", timeout)
		}
		return nil, err
	}
	return exercise.DecodeReport([]byte(out))
}

// Verdicts of Compare.
const (
	Same       = "same report"
	Equivalent = "same report up to Python versions" // see Compare
	Differs    = "DIFFERS"
)

// Compare compares the local report with the page's, timings aside. The
// page runs Pyodide's CPython (3.14) while the learner's machine may run
// 3.11, and a few results differ between those versions through no fault
// of the runner: float sums (3.12 made sum() of floats compensated, so the
// last digits of a wrong answer can differ) and the wording of some
// built-in errors ("float division by zero" became "division by zero").
// Reports that differ only there are Equivalent: every test has the same
// name, status, input and expected value, and its message, actual value
// and traceback agree once numbers are compared to 12 significant digits
// and those error wordings are made one. Anything else Differs, with where.
func Compare(local, page *exercise.Report) (verdict, diff string) {
	a, b := normalize(local), normalize(page)
	if d := firstDifference(a, b, exact); d == "" {
		return Same, ""
	}
	if d := firstDifference(a, b, versionFree); d != "" {
		return Differs, d
	}
	return Equivalent, ""
}

func exact(s string) string { return s }

var (
	numberRE   = regexp.MustCompile(`-?\d+\.\d+(?:[eE][-+]?\d+)?|-?\d+[eE][-+]?\d+`)
	divZeroRE  = regexp.MustCompile(`(?:float |integer )?(?:division|modulo|divmod\(\))(?: or modulo)? by zero`)
	trailingWS = regexp.MustCompile(`[ \t]+\n`)
	// A traceback frame of a comprehension: its File line and its source line.
	comprehensionRE = regexp.MustCompile(`(?m)^ *File "[^"]*", line \d+, in <(?:listcomp|dictcomp|setcomp)>\n.*\n`)
	caretRE         = regexp.MustCompile(`(?m)^ *[~^]+[~^ ]*\n`)
	// "ValueError: math domain error" at a line's start or after "raised ".
	excMessageRE = regexp.MustCompile(`(?m)((?:^|raised )[A-Za-z_][\w.]*(?:Error|Exception|Warning)): .*$`)
)

// versionFree rewrites what may differ between CPython 3.11 and 3.14:
// numbers past 12 significant digits, the wording of built-in errors (only
// the exception's type is kept: "math domain error" became "expected a
// positive input, got 0.0"), and in tracebacks the caret lines (3.13 draws
// ~~~^^^ where 3.11 drew ^^^, or nothing) and the frames of list, dict and
// set comprehensions (3.12 inlined them).
func versionFree(s string) string {
	s = comprehensionRE.ReplaceAllString(s, "")
	s = caretRE.ReplaceAllString(s, "")
	s = excMessageRE.ReplaceAllString(s, "$1")
	s = divZeroRE.ReplaceAllString(s, "division by zero")
	s = numberRE.ReplaceAllStringFunc(s, func(n string) string {
		f, err := strconv.ParseFloat(n, 64)
		if err != nil {
			return n
		}
		return strconv.FormatFloat(f, 'g', 12, 64)
	})
	return trailingWS.ReplaceAllString(s, "\n")
}

func firstDifference(a, b exercise.Report, norm func(string) string) string {
	if a.Status != b.Status {
		return fmt.Sprintf("status %s locally, %s in the page", a.Status, b.Status)
	}
	if norm(a.Error) != norm(b.Error) {
		return fmt.Sprintf("error %q locally, %q in the page", a.Error, b.Error)
	}
	if norm(a.Stdout) != norm(b.Stdout) {
		return fmt.Sprintf("stdout %q locally, %q in the page", a.Stdout, b.Stdout)
	}
	if len(a.Tests) != len(b.Tests) {
		return fmt.Sprintf("%d tests locally, %d in the page", len(a.Tests), len(b.Tests))
	}
	for i := range a.Tests {
		x, y := a.Tests[i], b.Tests[i]
		if x.Name != y.Name || x.Status != y.Status || x.Input != y.Input || x.Expected != y.Expected ||
			norm(x.Message) != norm(y.Message) || norm(x.Actual) != norm(y.Actual) ||
			norm(x.Stdout) != norm(y.Stdout) || norm(x.Traceback) != norm(y.Traceback) {
			jx, _ := json.Marshal(x)
			jy, _ := json.Marshal(y)
			return fmt.Sprintf("test %s differs:\n  local %s\n  page  %s", x.Name, jx, jy)
		}
	}
	if a.Summary != b.Summary {
		return fmt.Sprintf("summary %+v locally, %+v in the page", a.Summary, b.Summary)
	}
	x, _ := json.Marshal(a.Cases)
	y, _ := json.Marshal(b.Cases)
	if string(x) != string(y) {
		return fmt.Sprintf("cases %s locally, %s in the page", x, y)
	}
	return ""
}

func normalize(r *exercise.Report) exercise.Report {
	c := *r
	c.Tests = append([]exercise.TestResult(nil), r.Tests...)
	for i := range c.Tests {
		c.Tests[i].DurationMS = 0
	}
	c.Summary.DurationMS = 0
	return c
}
