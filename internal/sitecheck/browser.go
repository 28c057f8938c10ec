package sitecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
)

// startBrowser starts Chromium with browsertest's flags (every host but
// 127.0.0.1 unresolvable) and a throw-away profile and home folder. The
// returned context is the browser's; stop ends it and removes the folders.
func startBrowser(ctx context.Context, exe string) (bctx context.Context, stop func(), err error) {
	if exe == "" {
		exe, err = browsertest.FindChromium(os.Getenv, exec.LookPath)
		if err != nil {
			return nil, nil, err
		}
	}
	tmp, err := os.MkdirTemp("", "sitecheck-")
	if err != nil {
		return nil, nil, err
	}
	home := filepath.Join(tmp, "home")
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(exe)}
	for _, f := range browsertest.Flags() {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	out := &capped{max: 32 << 10}
	opts = append(opts,
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
		chromedp.WindowSize(1280, 900),
		chromedp.Env("HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
			"XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "XDG_DATA_HOME="+filepath.Join(home, ".local", "share")),
		chromedp.CombinedOutput(out),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop = func() {
		_ = chromedp.Cancel(bctx)
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(tmp)
	}
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("sitecheck: starting %s: %w\nbrowser output:\n%s", exe, err, out)
	}
	return bctx, stop, nil
}

// tab is one browser tab and what it records.
type tab struct {
	ctx     context.Context
	timeout time.Duration
	rec     *recorder
}

// newTab opens a tab; with own, in a browser context of its own (its own
// storage, as in a private window).
func (c *checker) newTab(bctx context.Context, own bool) (*tab, func(), error) {
	rec := newRecorder(c.origin, c.urlPath)
	opts := []chromedp.ContextOption{chromedp.WithListener(rec.handle)}
	if own {
		opts = append(opts, chromedp.WithNewBrowserContext())
	}
	ctx, cancel := chromedp.NewContext(bctx, opts...)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("sitecheck: opening a tab: %w", err)
	}
	t := &tab{ctx: ctx, timeout: c.opts.PageTimeout, rec: rec}
	// Every load fetches every file, as a first visit does: the weights and
	// the layout shift are those of a reader who comes for the first time.
	err := t.do("setting up the tab", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: layoutShiftScript})
		return chromedp.Void{}, err
	})
	if err != nil {
		cancel()
		return nil, nil, err
	}
	return t, cancel, nil
}

// layoutShiftScript runs before any script of each page and sums the layout
// shifts that no input caused.
const layoutShiftScript = `(() => {
  // The check reads pages; starting Python ahead of a Run (runner.js) is
  // the runner's to test, and would load 13 MB on every exercise page.
  window.courseNoWarm = true;
  window.__sitecheckShift = 0;
  window.__sitecheckShifts = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__sitecheckShift += e.value;
        const r = (x) => Math.round(x.x) + "," + Math.round(x.y) + " " + Math.round(x.width) + "x" + Math.round(x.height);
        window.__sitecheckShifts.push(e.value.toFixed(4) + " " + (e.sources || []).map((s) =>
          (s.node ? s.node.nodeName + (s.node.className ? "." + String(s.node.className).split(" ")[0] : "") : "?") +
          " from " + r(s.previousRect) + " to " + r(s.currentRect)).join(", "));
      }
    }).observe({type: "layout-shift", buffered: true});
  } catch (e) { /* no layout-shift entries in this browser */ }
})();`

// do runs an action with the tab's timeout.
func (t *tab) do(what string, a chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(t.ctx, t.timeout)
	defer cancel()
	if err := chromedp.Do(ctx, a); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// navigate loads u and returns the document's status.
func (t *tab) navigate(u string) (int64, error) {
	ctx, cancel := context.WithTimeout(t.ctx, t.timeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		return 0, fmt.Errorf("loading %s: %w", u, err)
	}
	if resp == nil {
		return 0, fmt.Errorf("loading %s: no response", u)
	}
	return resp.Status, nil
}

func (t *tab) reload() error {
	return t.do("reloading", chromedp.Reload())
}

// eval evaluates a JavaScript expression (awaiting a promise) into v.
func eval[T any](t *tab, timeout time.Duration, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		var zero T
		short := expr
		if len(short) > 60 {
			short = short[:60] + "…"
		}
		return zero, fmt.Errorf("evaluating %s: %w", short, err)
	}
	return v, nil
}

// waitFor polls expr on every animation frame until it is truthy.
func (t *tab) waitFor(expr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(0))); err != nil {
		return fmt.Errorf("waiting for %s: %w", expr, err)
	}
	return nil
}

// settle waits until the page has loaded, its fonts are ready and no request
// is in flight.
func (t *tab) settle() error {
	if err := t.waitFor(`document.readyState === "complete"`, t.timeout); err != nil {
		return err
	}
	if _, err := eval[bool](t, t.timeout, `document.fonts ? document.fonts.ready.then(() => true) : true`); err != nil {
		return err
	}
	deadline := time.NewTimer(t.timeout)
	defer deadline.Stop()
	for {
		urls, changed := t.rec.idle()
		if urls == nil {
			return nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return fmt.Errorf("requests still in flight after %s: %s", t.timeout, strings.Join(urls, ", "))
		case <-t.ctx.Done():
			return t.ctx.Err()
		}
	}
}

// problem is something a tab saw go wrong.
type problem struct {
	page, check, detail string
}

// recorder turns a tab's events into problems and tracks the requests in
// flight. handle runs in chromedp's event loop: it only records.
type recorder struct {
	origin string
	rel    func(string) string // URL → what findings show

	mu       sync.Mutex
	page     string
	problems []problem
	inflight *browsertest.Requests
	urls     map[network.RequestID]string
	expected map[string]int64 // URL → a status wanted there
}

func newRecorder(origin string, rel func(string) string) *recorder {
	return &recorder{origin: origin, rel: rel, inflight: browsertest.NewRequests(), urls: map[network.RequestID]string{}}
}

func (r *recorder) add(check, detail string) {
	r.problems = append(r.problems, problem{page: r.rel(r.page), check: check, detail: detail})
}

// expect says that u answering status is wanted (the 404 page).
func (r *recorder) expect(u string, status int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.expected == nil {
		r.expected = map[string]int64{}
	}
	r.expected[u] = status
}

// take returns the problems recorded since the last call.
func (r *recorder) take() []problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.problems
	r.problems = nil
	return out
}

func (r *recorder) idle() ([]string, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.inflight.Idle(r.rel)
}

func (r *recorder) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *page.EventFrameNavigated:
		if ev.Frame == nil || ev.Frame.ParentID != "" {
			break
		}
		r.page = ev.Frame.URL
		// A fetch the home page had in flight when the next page was
		// opened (exercises/index.json) once made each later page wait
		// out its timeout.
		r.inflight.Navigated(ev.Frame.LoaderID)

	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
			r.add("console", "console."+string(ev.Type)+": "+argsText(ev.Args)+stackPlace(ev.StackTrace, r.rel))
		}

	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			r.add("console", "uncaught exception")
			break
		}
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		r.add("console", "exception: "+text+stackPlace(d.StackTrace, r.rel))

	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError {
			break
		}
		if _, seen := r.urls[e.NetworkRequestID]; seen && e.NetworkRequestID != "" {
			break // the request's own events say what went wrong
		}
		if want, ok := r.expected[e.URL]; ok && strings.Contains(e.Text, fmt.Sprintf("status of %d", want)) {
			break
		}
		where := ""
		if e.URL != "" {
			where = " [" + r.rel(e.URL) + "]"
		}
		r.add("console", "browser log ("+string(e.Source)+"): "+e.Text+where)

	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			break
		}
		u := ev.Request.URL
		if _, seen := r.urls[ev.RequestID]; !seen || ev.RedirectResponse != nil {
			if !browsertest.IsLocalURL(u) {
				r.add("foreign-host", ev.Request.Method+" "+u)
			}
		}
		r.urls[ev.RequestID] = u
		// An event stream stays open for the life of the page, and the
		// browser's own requests (type Other: the favicon) do not always
		// report their end: the page waits for neither.
		if ev.Type != network.ResourceTypeEventSource && ev.Type != network.ResourceTypeOther {
			r.inflight.Start(ev.RequestID, u, ev.LoaderID)
		}

	case *network.EventWebSocketCreated:
		if !browsertest.IsLocalURL(ev.URL) {
			r.add("foreign-host", "WebSocket "+ev.URL)
		}

	case *network.EventResponseReceived:
		resp := ev.Response
		if resp == nil || resp.Status < 400 || r.expected[resp.URL] == resp.Status {
			break
		}
		r.add("request", fmt.Sprintf("HTTP %d for %s %s", resp.Status, ev.Type, r.rel(resp.URL)))

	case *network.EventLoadingFinished:
		r.inflight.End(ev.RequestID)

	case *network.EventLoadingFailed:
		u := r.urls[ev.RequestID]
		r.inflight.End(ev.RequestID)
		if ev.Canceled && ev.BlockedReason == "" {
			break // the browser gave up on it, as on navigating away
		}
		text := string(ev.Type) + " " + r.rel(u) + ": " + ev.ErrorText
		if ev.BlockedReason != "" {
			text += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		r.add("request", "failed: "+text)
	}
}

// argsText renders console arguments roughly as the DevTools console does.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		switch {
		case a.Type == runtime.RemoteObjectTypeString && len(a.Value) > 0:
			var s string
			if json.Unmarshal([]byte(a.Value), &s) == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// stackPlace is " [url:line:col]" of the top frame, or "".
func stackPlace(st *runtime.StackTrace, rel func(string) string) string {
	if st == nil || len(st.CallFrames) == 0 || st.CallFrames[0] == nil || st.CallFrames[0].URL == "" {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" [%s:%d:%d]", rel(f.URL), f.LineNumber+1, f.ColumnNumber+1)
}

// capped keeps the first max bytes written to it.
type capped struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *capped) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(len(p), room)]...)
	}
	return len(p), nil
}

func (b *capped) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
