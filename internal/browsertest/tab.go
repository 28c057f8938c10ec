package browsertest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// DefaultWaitTimeout is how long a Tab's helpers wait for the browser by
// default: for a page to load, an element to show, a condition to hold. It
// guards against a hang, and asserts nothing about speed: waits end as soon
// as their condition holds, and on a loaded machine (the whole suite on two
// cores) a page can take many times longer than alone.
const DefaultWaitTimeout = 60 * time.Second

// Tab is one browser tab, owned by one test. Its methods fail the test (with
// t.Fatal) when the browser does not do what they ask within WaitTimeout,
// so call them from the test's goroutine.
type Tab struct {
	// WaitTimeout bounds each helper that waits (DefaultWaitTimeout unless
	// changed), so that one thing that never happens fails its own check
	// and leaves the browser to the next subtest.
	WaitTimeout time.Duration

	t   testing.TB
	ctx context.Context
	rec *recorder
}

// NewTab opens a fresh tab for t and closes it in t.Cleanup. Problems that
// no [Tab.AssertClean] reported by then fail t when the tab closes.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	rec := newRecorder()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(rec.handle))
	tab := &Tab{WaitTimeout: DefaultWaitTimeout, t: t, ctx: ctx, rec: rec}
	t.Cleanup(func() {
		tab.report("when the tab closed")
		cancel()
	})
	// Open the tab with the browser's deadline only: a deadline on the
	// first run of a context would close the tab when it passes.
	if err := chromedp.Do(ctx); err != nil {
		tab.fail("opening a tab", err)
	}
	// Pages do not start Python ahead of a Run in test tabs: a figure test
	// on a lesson with an exercise would load the 13 MB runtime for nothing.
	// The warm-up's own tests turn it on again (WarmUp).
	tab.OnNewDocument(`window.courseNoWarm = true;`)
	return tab
}

// OnNewDocument runs script in every document the tab loads from now on,
// before the page's own scripts, in the order the calls were made.
func (tab *Tab) OnNewDocument(script string) {
	tab.t.Helper()
	tab.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	}))
}

// WarmUp lets the tab's pages start Python ahead of a Run, as a learner's
// browser does (NewTab turns that off).
func (tab *Tab) WarmUp() { tab.OnNewDocument(`window.courseNoWarm = false;`) }

// Context is the tab's chromedp context, for chromedp calls this package has
// no helper for. It ends with the browser's deadline.
func (tab *Tab) Context() context.Context { return tab.ctx }

// run runs f with WaitTimeout and fails the test, saying what it was doing,
// when f fails.
func (tab *Tab) run(what string, f func(ctx context.Context) error) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, tab.WaitTimeout)
	defer cancel()
	if err := f(ctx); err != nil {
		tab.fail(what, err)
	}
}

// fail ends the test with what went wrong, naming a timeout as such.
func (tab *Tab) fail(what string, err error) {
	tab.t.Helper()
	switch {
	case errors.Is(tab.ctx.Err(), context.DeadlineExceeded):
		tab.t.Fatalf("browsertest: %s: the browser's own deadline passed (a hang?): %v", what, err)
	case errors.Is(err, context.DeadlineExceeded):
		tab.t.Fatalf("browsertest: %s: gave up after %s", what, tab.WaitTimeout)
	}
	tab.t.Fatalf("browsertest: %s: %v", what, err)
}

// Do runs chromedp actions in the tab.
func (tab *Tab) Do(steps ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	tab.run("running actions", func(ctx context.Context) error { return chromedp.Do(ctx, steps...) })
}

// Eval evaluates a JavaScript expression in tab and decodes its value into T
// (awaiting it when it is a promise).
func Eval[T any](tab *Tab, expr string) T {
	tab.t.Helper()
	var v T
	tab.run("evaluating "+expr, func(ctx context.Context) (err error) {
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
		return err
	})
	return v
}

// Navigate loads url, waits for its load event and returns the response of
// the document.
func (tab *Tab) Navigate(url string) *network.Response {
	tab.t.Helper()
	var resp *network.Response
	tab.run("loading "+url, func(ctx context.Context) (err error) {
		resp, err = chromedp.Run(ctx, chromedp.NavigateResponse(url))
		return err
	})
	return resp
}

// Reload reloads the page and waits for its load event.
func (tab *Tab) Reload() {
	tab.t.Helper()
	tab.run("reloading", func(ctx context.Context) error { return chromedp.Do(ctx, chromedp.Reload()) })
}

// Press types keys into whatever has the focus, one key at a time. Use the
// constants of github.com/chromedp/chromedp/kb for special keys.
func (tab *Tab) Press(keys string) {
	tab.t.Helper()
	tab.run(fmt.Sprintf("pressing %q", keys), func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.KeyEvent(keys))
	})
}

// PressAndWaitLoad presses keys, which must make the page navigate, waits for
// the new page to load and returns its response.
func (tab *Tab) PressAndWaitLoad(keys string) *network.Response {
	tab.t.Helper()
	var resp *network.Response
	tab.run(fmt.Sprintf("pressing %q and waiting for a new page", keys), func(ctx context.Context) (err error) {
		resp, err = chromedp.RunResponse(ctx, chromedp.KeyEvent(keys))
		return err
	})
	return resp
}

// Click clicks the first element matching the CSS selector, once it is
// visible.
func (tab *Tab) Click(selector string) {
	tab.t.Helper()
	tab.run("clicking "+selector, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(chromedp.CSS(selector)))
	})
}

// ClickAndWaitLoad clicks the first element matching the CSS selector, which
// must make the page navigate, waits for the new page to load and returns
// its response.
func (tab *Tab) ClickAndWaitLoad(selector string) *network.Response {
	tab.t.Helper()
	var resp *network.Response
	tab.run("clicking "+selector+" and waiting for a new page", func(ctx context.Context) (err error) {
		resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector)))
		return err
	})
	return resp
}

// WaitVisible waits until an element matching the CSS selector is visible.
func (tab *Tab) WaitVisible(selector string) {
	tab.t.Helper()
	tab.run("waiting for "+selector+" to be visible", func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(selector)))
	})
}

// WaitFor waits until the JavaScript expression is truthy, checking it on
// every animation frame. It does not survive a navigation.
func (tab *Tab) WaitFor(expr string) {
	tab.t.Helper()
	tab.run("waiting for "+expr, func(ctx context.Context) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(0)))
		return err
	})
}

// Location is the URL of the page shown.
func (tab *Tab) Location() string {
	tab.t.Helper()
	var loc string
	tab.run("reading the location", func(ctx context.Context) (err error) {
		loc, err = chromedp.Run(ctx, chromedp.Location())
		return err
	})
	return loc
}

// Expect declares that url answering status is wanted, so neither the
// response nor the browser's log line about it is a problem.
func (tab *Tab) Expect(url string, status int) { tab.rec.expect(url, status) }

// Discard returns the problems recorded since the last report and marks
// them reported, for a test that provokes failures on purpose (a server
// taken away) and checks them itself.
func (tab *Tab) Discard() []Problem { return tab.rec.unreported() }

// Problems returns every problem recorded so far.
func (tab *Tab) Problems() []Problem { return tab.rec.all() }

// Settle waits until the page has loaded, its fonts are ready and no request
// is in flight.
func (tab *Tab) Settle() {
	tab.t.Helper()
	tab.WaitFor(`document.readyState === "complete"`)
	Eval[chromedp.Void](tab, `document.fonts ? document.fonts.ready.then(() => true) : true`)
	ctx, cancel := context.WithTimeout(tab.ctx, tab.WaitTimeout)
	defer cancel()
	for {
		urls, changed := tab.rec.idle()
		if urls == nil {
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			tab.t.Fatalf("browsertest: requests still in flight after %s:\n\t%s", tab.WaitTimeout, strings.Join(urls, "\n\t"))
		}
	}
}

// AssertClean lets the page settle, then fails the test (without stopping
// it) if anything went wrong since the last AssertClean: console errors and
// warnings, exceptions, failed requests, error responses, requests to other
// hosts.
func (tab *Tab) AssertClean() {
	tab.t.Helper()
	tab.Settle()
	tab.report("")
}

func (tab *Tab) report(when string) {
	tab.t.Helper()
	ps := tab.rec.unreported()
	if len(ps) == 0 {
		return
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "browsertest: %d problem(s) in the browser", len(ps))
	if when != "" {
		sb.WriteString(" " + when)
	}
	sb.WriteString(":")
	for _, p := range ps {
		sb.WriteString("\n\t")
		sb.WriteString(p.String())
	}
	tab.t.Error(sb.String())
}
