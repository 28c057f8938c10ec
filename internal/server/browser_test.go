package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
)

// TestBrowserLivePreview runs the preview of a temporary copy of the
// fixture course (testdata/course) and watches it in headless Chromium as an
// author would: edits show in the open tab, a broken front-matter key shows
// an overlay at its file:line, the fix removes it, the reader keeps their
// scroll position, a deleted page's tab goes to its module, and tabs share
// one event stream. The test never reloads a page itself: every reload is
// the live client's. See internal/browsertest for when it skips.
func TestBrowserLivePreview(t *testing.T) {
	pv := startPreview(t, fixtureCopy(t), PreviewOptions{})
	b := browsertest.Start(t)

	t.Run("an_edit_shows_in_the_open_tab", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Navigate(pv.url + "basics/short/")
		waitConnected(tab)
		mark(tab)
		pv.edit(shortLesson, "says hello.", "says hello, edited live.")
		waitAcrossReloads(t, tab, `document.querySelector("main").innerText.includes("says hello, edited live.")`)
		if marked(tab) {
			t.Error("the new text appeared without a reload: the test is not testing the reload")
		}
	})

	t.Run("a_broken_key_shows_an_overlay_at_its_line_until_fixed", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Navigate(pv.url + "basics/short/")
		waitConnected(tab)
		pv.edit(shortLesson, "summary:", "sumary:")
		overlay := `document.getElementById("course-live-overlay")?.shadowRoot?.textContent || ""`
		tab.WaitFor(overlay + `.includes("content/01-basics/02-short.md:3:1")`)
		text := browsertest.Eval[string](tab, overlay)
		for _, want := range []string{`unknown front-matter key "sumary"`, `did you mean "summary"?`, "3 | sumary: Short and sweet.", "^"} {
			if !contains(text, want) {
				t.Errorf("the overlay lacks %q:\n%s", want, text)
			}
		}
		if !browsertest.Eval[bool](tab, `(() => { const r = document.getElementById("course-live-overlay").shadowRoot.querySelector(".course-live").getBoundingClientRect(); return r.width > 300 && r.height > 100; })()`) {
			t.Error("the overlay is not visible")
		}

		// A fresh tab while broken gets the error page itself.
		fresh := b.NewTab(t)
		fresh.Expect(pv.url+"more/kept/", 500)
		if resp := fresh.Navigate(pv.url + "more/kept/"); resp.Status != 500 {
			t.Errorf("a fresh tab while broken: HTTP %d, want 500 with the error page", resp.Status)
		}
		fresh.WaitFor(`document.body.innerText.includes("content/01-basics/02-short.md:3:1")`)
		waitConnected(fresh)

		pv.edit(shortLesson, "sumary:", "summary:")
		waitAcrossReloads(t, tab, `!document.getElementById("course-live-overlay") && document.querySelector("main").innerText.includes("The short lesson says hello")`)
		// The error page turns into the page once the build is good.
		waitAcrossReloads(t, fresh, `!document.documentElement.hasAttribute("data-course-error") && document.querySelector("main")?.innerText.includes("This lesson stays.")`)
	})

	t.Run("the_scroll_position_survives_a_reload", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Navigate(pv.url + "basics/long/")
		waitConnected(tab)
		browsertest.Eval[bool](tab, `(window.scrollTo(0, 2400), true)`)
		tab.WaitFor(`window.scrollY === 2400`)
		mark(tab)
		pv.edit(longLesson, "The long lesson starts here.", "The long lesson starts here, edited.")
		waitAcrossReloads(t, tab, `document.readyState === "complete" && document.querySelector("main").innerText.includes("starts here, edited.")`)
		if marked(tab) {
			t.Fatal("the page was not reloaded")
		}
		if y := browsertest.Eval[float64](tab, `window.scrollY`); y < 2399 || y > 2401 {
			t.Errorf("after the reload scrollY = %v, want 2400", y)
		}
	})

	t.Run("a_deleted_page_sends_its_tab_to_the_parent", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Navigate(pv.url + "more/doomed/")
		waitConnected(tab)
		if err := os.Remove(filepath.Join(pv.dir, "content/02-more/01-doomed.md")); err != nil {
			t.Fatal(err)
		}
		waitAcrossReloads(t, tab, `location.pathname === "/more/" && document.readyState === "complete"`)
	})

	t.Run("tabs_share_one_event_stream", func(t *testing.T) {
		var tabs []*browsertest.Tab
		for _, p := range []string{"", "basics/", "more/kept/"} {
			tab := b.NewTab(t)
			tab.Navigate(pv.url + p)
			waitConnected(tab)
			tabs = append(tabs, tab)
		}
		leaders := 0
		for _, tab := range tabs {
			if browsertest.Eval[bool](tab, `window.__courseLiveState.leader`) {
				leaders++
			}
		}
		if leaders != 1 {
			t.Errorf("%d tabs hold an event stream, want 1", leaders)
		}
		// The server agrees, once it has seen the streams of the closed tabs
		// of earlier subtests end.
		if n := waitStreams(pv.p.Server().Hub(), 1); n != 1 {
			t.Errorf("the server has %d event streams for %d tabs, want 1", n, len(tabs))
		}
		// Every tab hears of an edit to its own page.
		pv.edit("content/02-more/02-kept.md", "This lesson stays.", "This lesson stays, shared.")
		waitAcrossReloads(t, tabs[2], `document.querySelector("main")?.innerText.includes("stays, shared.")`)

		// When the tab holding the stream closes, another takes over.
		leader := -1
		for i, tab := range tabs {
			// A reloaded page shows its text before its live-reload script
			// has run (at once when idle, seconds later under load).
			waitConnected(tab)
			if browsertest.Eval[bool](tab, `window.__courseLiveState.leader`) {
				leader = i
			}
		}
		if leader != 0 {
			t.Fatalf("tab %d holds the stream, want the first tab opened", leader)
		}
		if err := chromedp.Cancel(tabs[leader].Context()); err != nil {
			t.Fatalf("closing the leading tab: %v", err)
		}
		// Web Locks are granted in the order asked: the module page's tab
		// asked before the lesson's tab, which asked again when it reloaded.
		tabs[1].WaitFor(`window.__courseLiveState.leader`)
		if n := waitStreams(pv.p.Server().Hub(), 1); n != 1 {
			t.Errorf("after the leading tab closed the server has %d event streams, want 1", n)
		}
		pv.edit("content/02-more/02-kept.md", "stays, shared.", "stays, shared again.")
		waitAcrossReloads(t, tabs[2], `document.querySelector("main")?.innerText.includes("stays, shared again.")`)
	})
}

// waitStreams waits until the hub has n streams, or 60 s have passed, and
// returns how many it has.
func waitStreams(h *Hub, n int) int {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(60 * time.Second)
	for h.Len() != n {
		select {
		case <-tick.C:
		case <-deadline:
			return h.Len()
		}
	}
	return n
}

// waitConnected waits until the page's live client has heard from the
// server (directly or through the tab that holds the stream).
func waitConnected(tab *browsertest.Tab) {
	tab.WaitFor(`window.__courseLiveState && window.__courseLiveState.events > 0`)
}

// mark sets a flag in the page that a reload clears.
func mark(tab *browsertest.Tab) { browsertest.Eval[bool](tab, `(window.__testMark = true)`) }

func marked(tab *browsertest.Tab) bool {
	return browsertest.Eval[bool](tab, `window.__testMark === true`)
}

// waitAcrossReloads waits until expr holds in the tab, polling on every
// animation frame, and polls again in the new page when the page reloads
// or navigates meanwhile (Tab.WaitFor does not survive a navigation).
func waitAcrossReloads(t *testing.T, tab *browsertest.Tab, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Context(), tab.WaitTimeout)
	defer cancel()
	var last error
	for range 1000 {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(0)))
		if err == nil {
			return
		}
		last = err
		if ctx.Err() != nil {
			break
		}
	}
	if errors.Is(last, context.DeadlineExceeded) {
		last = fmt.Errorf("gave up after %s", tab.WaitTimeout)
	}
	t.Fatalf("waiting for %s across reloads: %v", expr, last)
}
