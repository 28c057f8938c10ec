package build_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
)

// interactiveFiles is a small course with a quiz and a loss-curves figure.
var interactiveFiles = map[string]string{
	"course.toml":            "title = \"Interactive\"\n",
	"content/_index.md":      "---\ntitle: Home\n---\nWelcome.\n",
	"content/01-m/_index.md": "---\ntitle: M\n---\nThe module.\n",
	"content/01-m/01-quiz.md": `---
title: Quiz
---
::: quiz
Why does MAE react less to one huge outlier than MSE?

- [ ] MAE divides by a larger n.
  > No: both divide by n (wrong-explanation).
- [x] Its penalty grows linearly with the residual.
  > Right: ten times the residual, ten times the cost (right-explanation).
- [ ] MAE ignores large residuals.
  > No: MAE counts every residual (third-explanation).
:::
`,
	"content/01-m/02-figure.md": `---
title: Figure
---
::: figure loss-curves {delta=1 max=4}
MSE, MAE and Huber loss against the residual; the slider moves δ.

![MSE, MAE and Huber loss against the residual, δ = 1](loss-curves.svg)
:::

::: figure late-const
A component of the project's theme that declares a constant after it registers.

![a placeholder](loss-curves.svg)
:::
`,
	"content/01-m/04-defaults.md": `---
title: Defaults
---
::: figure loss-curves {delta=abc max=100}
Parameters out of range: the component uses its defaults.

![the static fallback](loss-curves.svg)
:::

::: figure loss-curves {delta=3 max=2.5}
δ above max: δ falls back to its default.

![the static fallback](loss-curves.svg)
:::
`,
	"content/01-m/03-broken.md": `---
title: Broken
---
::: figure throws {n=2}
A component that fails to mount.

![the static fallback](loss-curves.svg)
:::
`,
	"themes/default/static/js/figures/throws.js": `"use strict";
(window.courseFigures = window.courseFigures || {}).throws = function mount(root, params) {
  root.textContent = "half-built";
  throw new Error("cannot draw " + params.n);
};
`,
	// Mounted once its script has run: LABEL exists by then.
	"themes/default/static/js/figures/late-const.js": `"use strict";
(window.courseFigures = window.courseFigures || {})["late-const"] = function mount(root) {
  root.textContent = LABEL;
};
const LABEL = "late-const mounted";
`,
	"content/01-m/loss-curves.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#eee"/></svg>` + "\n",
}

// TestBrowserQuizAndFigure checks in headless Chromium what a reader does
// with a quiz and a figure: answer wrong then right (with the keyboard) and
// see each verdict with its explanation, find the answer again after a
// reload, watch the loss-curves figure replace its fallback and move its δ
// slider with the keyboard; all without a console error.
func TestBrowserQuizAndFigure(t *testing.T) {
	base := serveInteractive(t)
	br := browsertest.Start(t)

	t.Run("quiz_gives_feedback_and_remembers_the_answer", func(t *testing.T) {
		tab := br.NewTab(t)
		tab.Navigate(base + "m/quiz/")
		tab.WaitFor(`document.querySelector(".quiz.is-live") !== null`)
		id := browsertest.Eval[string](tab, `document.querySelector(".quiz-question").dataset.question`)
		if !strings.HasPrefix(id, "quiz-") {
			t.Fatalf("question id %q", id)
		}
		explanationsHidden := browsertest.Eval[bool](tab, `[...document.querySelectorAll(".quiz-explanation")].every((d) => getComputedStyle(d).display === "none")`)
		if !explanationsHidden {
			t.Error("with scripts, the explanations' details still show")
		}

		feedback := func() string {
			return browsertest.Eval[string](tab, `(() => { const f = document.querySelector(".quiz-feedback"); return f && !f.hidden ? f.className + " | " + f.textContent.trim() : ""; })()`)
		}
		// Wrong, with the mouse.
		tab.Click(`.quiz-option:nth-child(1) > label`)
		tab.WaitFor(`document.querySelector(".quiz-feedback.is-wrong") !== null`)
		if got := feedback(); !strings.Contains(got, "Not quite") || !strings.Contains(got, "wrong-explanation") || strings.Contains(got, "right-explanation") {
			t.Errorf("after the wrong option the feedback says %q", got)
		}
		// Right, with the keyboard: the focus is on the first radio; the
		// arrow key moves to the next one and checks it.
		if focused := browsertest.Eval[string](tab, `document.activeElement.value || ""`); focused != "0" {
			t.Fatalf("after the click the focus is on %q, want the first radio", focused)
		}
		tab.Press(kb.ArrowDown)
		tab.WaitFor(`document.querySelector(".quiz-feedback.is-right") !== null`)
		if got := feedback(); !strings.Contains(got, "Correct.") || !strings.Contains(got, "right-explanation") || strings.Contains(got, "wrong-explanation") {
			t.Errorf("after the right option the feedback says %q", got)
		}
		if live := browsertest.Eval[string](tab, `document.querySelector(".quiz-feedback").getAttribute("aria-live") || ""`); live != "polite" {
			t.Errorf("the feedback has aria-live=%q, want polite", live)
		}
		type saved struct {
			Choice  int  `json:"choice"`
			Correct bool `json:"correct"`
			At      int  `json:"at"`
		}
		key := "m/quiz/#" + id
		got := browsertest.Eval[saved](tab, `window.courseProgress.get("quizzes", "`+key+`") || {}`)
		if got.Choice != 1 || !got.Correct || got.At == 0 {
			t.Errorf("courseProgress quizzes %s = %+v, want choice 1, correct", key, got)
		}

		tab.Reload()
		tab.WaitFor(`document.querySelector(".quiz.is-live") !== null`)
		if checked := browsertest.Eval[string](tab, `document.querySelector(".quiz-question input:checked")?.value || ""`); checked != "1" {
			t.Errorf("after a reload the checked option is %q, want 1", checked)
		}
		if got := feedback(); !strings.Contains(got, "Correct.") || !strings.Contains(got, "right-explanation") {
			t.Errorf("after a reload the feedback says %q", got)
		}
		if cls := layoutShift(tab); cls > 0.01 {
			t.Errorf("showing the remembered answer shifted the layout by %.4f, want < 0.01", cls)
		}
		tab.AssertClean()
	})

	t.Run("quiz_reads_without_scripts", func(t *testing.T) {
		html := get(t, base+"m/quiz/")
		for _, want := range []string{`<details class="quiz-explanation"><summary>Explanation</summary>`, `type="radio"`, "third-explanation"} {
			if !strings.Contains(html, want) {
				t.Errorf("the quiz page lacks %s", want)
			}
		}
		if strings.Contains(html, "js/figures") {
			t.Error("the quiz page loads figure scripts")
		}
	})

	t.Run("loss_curves_falls_back_to_its_defaults", func(t *testing.T) {
		tab := br.NewTab(t)
		tab.Navigate(base + "m/defaults/")
		tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
		got := browsertest.Eval[[]string](tab, `[...document.querySelectorAll(".figure-readout")].map((r) => r.textContent)`)
		want := []string{"δ = 1.0. At r = 4: MSE 16, MAE 4, Huber 3.5.", "δ = 1.0. At r = 2.5: MSE 6.25, MAE 2.5, Huber 2."}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("readouts %q, want %q", got, want)
		}
		tab.AssertClean()
	})

	t.Run("figure_mounts_and_its_slider_works_with_the_keyboard", func(t *testing.T) {
		html := get(t, base+"m/figure/")
		if !strings.Contains(html, `<div class="figure-live" hidden></div>`) || strings.Contains(html, `class="figure-fallback" hidden`) {
			t.Error("the page as served does not show the fallback and hide the live root")
		}
		if strings.Contains(html, "js/quiz.") {
			t.Error("the figure page loads the quiz script")
		}

		tab := br.NewTab(t)
		// Record the figure at the moment its component registers, just
		// before the loader mounts it: this script runs before any of the
		// page's, and the loader keeps the registry it finds.
		tab.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
				const registry = {};
				let component;
				Object.defineProperty(registry, "loss-curves", {
					configurable: true, enumerable: true,
					get() { return component; },
					set(fn) {
						const fig = document.querySelector("figure.live-figure");
						const fb = fig.querySelector(".figure-fallback");
						window.__beforeMount = {
							registered: typeof fn === "function",
							fallbackShown: getComputedStyle(fb).display !== "none" && fb.getBoundingClientRect().height > 0,
							liveHidden: fig.querySelector(".figure-live").hidden,
							mounted: fig.dataset.mounted || "",
						};
						component = fn;
					},
				});
				window.courseFigures = registry;`})
			return err
		}))
		tab.Navigate(base + "m/figure/")
		tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
		if got := browsertest.Eval[string](tab, `document.querySelector("#figure-late-const .figure-live").textContent`); got != "late-const mounted" {
			t.Errorf("the project's component shows %q", got)
		}
		// The scripts are render-blocking: the first paint shows the figure
		// mounted, and nothing shifts.
		if cls := layoutShift(tab); cls > 0.01 {
			t.Errorf("the figure page's layout shifted by %.4f while loading, want < 0.01", cls)
		}
		type before struct {
			Registered    bool   `json:"registered"`
			FallbackShown bool   `json:"fallbackShown"`
			LiveHidden    bool   `json:"liveHidden"`
			Mounted       string `json:"mounted"`
		}
		if got := browsertest.Eval[before](tab, `window.__beforeMount`); !got.Registered || !got.FallbackShown || !got.LiveHidden || got.Mounted != "" {
			t.Errorf("just before the mount (scripts on, component registered): %+v; want the fallback shown and the live root hidden", got)
		}
		type after struct {
			FallbackHidden bool   `json:"fallbackHidden"`
			SVG            bool   `json:"svg"`
			Sized          bool   `json:"sized"`
			DescribedBy    string `json:"describedBy"`
			Caption        string `json:"caption"`
			Label          string `json:"label"`
		}
		got := browsertest.Eval[after](tab, `(() => {
			const fig = document.querySelector("figure.live-figure");
			const live = fig.querySelector(".figure-live");
			const svg = live.querySelector("svg");
			const slider = live.querySelector("input[type=range]");
			return {
				fallbackHidden: getComputedStyle(fig.querySelector(".figure-fallback")).display === "none",
				svg: !!svg && svg.getBoundingClientRect().height > 100,
				sized: !!svg && svg.hasAttribute("width") && svg.hasAttribute("height") && svg.hasAttribute("viewBox"),
				describedBy: live.getAttribute("aria-describedby") || "",
				caption: fig.querySelector("figcaption")?.id || "",
				label: slider?.labels?.[0]?.textContent || "",
			};
		})()`)
		if !got.FallbackHidden || !got.SVG || !got.Sized {
			t.Errorf("after the mount: %+v; want the fallback hidden and a sized SVG shown", got)
		}
		if got.DescribedBy == "" || got.DescribedBy != got.Caption {
			t.Errorf("the live figure is described by %q, want the caption %q", got.DescribedBy, got.Caption)
		}
		if got.Label != "Huber δ" {
			t.Errorf("the slider's label is %q", got.Label)
		}

		shown := func() string {
			return browsertest.Eval[string](tab, `document.querySelector(".figure-live output").textContent + " | " + document.querySelector(".figure-readout").textContent`)
		}
		huber := func() string {
			return browsertest.Eval[string](tab, `document.querySelector(".figure-live path.fig-s3").getAttribute("d")`)
		}
		start, startPath := shown(), huber()
		if !strings.HasPrefix(start, "δ = 1.0 | δ = 1.0. At r = 4: MSE 16, MAE 4, Huber 3.5.") {
			t.Errorf("at δ = 1 the figure shows %q", start)
		}
		browsertest.Eval[bool](tab, `(document.querySelector(".figure-live input[type=range]").focus(), true)`)
		tab.Press(kb.ArrowRight + kb.ArrowRight)
		// δ = 1.2: Huber(4) = 1.2 · (4 − 0.6) = 4.08.
		if got := shown(); !strings.HasPrefix(got, "δ = 1.2 | δ = 1.2. At r = 4: MSE 16, MAE 4, Huber 4.08.") {
			t.Errorf("after two presses of → the figure shows %q (was %q)", got, start)
		}
		if huber() == startPath {
			t.Error("the Huber curve did not change with δ")
		}
		tab.Press(kb.Home)
		if got := shown(); !strings.HasPrefix(got, "δ = 0.1 |") {
			t.Errorf("after Home the figure shows %q", got)
		}

		// The curves take their colours from the palette.
		stroke := func() string {
			return browsertest.Eval[string](tab, `getComputedStyle(document.querySelector(".figure-live path.fig-s1")).stroke`)
		}
		browsertest.Eval[bool](tab, `(document.documentElement.setAttribute("data-theme", "light"), true)`)
		light := stroke()
		browsertest.Eval[bool](tab, `(document.documentElement.setAttribute("data-theme", "dark"), true)`)
		if dark := stroke(); dark == light {
			t.Errorf("the MSE curve is %s in both light and dark mode", dark)
		}
		tab.AssertClean()
	})
}

// serveInteractive builds interactiveFiles under basePath and serves them.
func serveInteractive(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	for name, data := range interactiveFiles {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	out := filepath.Join(t.TempDir(), "public")
	res, err := b.Write(out)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v\n%v", err, res.Diags)
	}
	return browsertest.ServeDir(t, out, basePath)
}

// A component that throws leaves the fallback in place and says why, once.
func TestBrowserFigureThatFailsKeepsItsFallback(t *testing.T) {
	base := serveInteractive(t)
	br := browsertest.Start(t)
	tab := br.NewTab(t)
	// Count console.error calls instead of letting them through (the tab
	// would report them as problems).
	tab.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
			window.__errors = [];
			console.error = (...args) => window.__errors.push(args.map(String).join(" "));`})
		return err
	}))
	tab.Navigate(base + "m/broken/")
	tab.WaitFor(`document.querySelector("figure.live-figure")?.dataset.mounted === "failed"`)
	type state struct {
		Errors        []string `json:"errors"`
		FallbackShown bool     `json:"fallbackShown"`
		LiveHidden    bool     `json:"liveHidden"`
		LiveEmpty     bool     `json:"liveEmpty"`
	}
	got := browsertest.Eval[state](tab, `(() => {
		const fig = document.querySelector("figure.live-figure");
		const live = fig.querySelector(".figure-live"), fb = fig.querySelector(".figure-fallback");
		return {
			errors: window.__errors,
			fallbackShown: getComputedStyle(fb).display !== "none" && fb.getBoundingClientRect().height > 0,
			liveHidden: live.hidden,
			liveEmpty: live.childNodes.length === 0,
		};
	})()`)
	if !got.FallbackShown || !got.LiveHidden || !got.LiveEmpty {
		t.Errorf("after a failed mount: %+v; want the fallback shown and the live root hidden and empty", got)
	}
	if len(got.Errors) != 1 || !strings.Contains(got.Errors[0], "figure throws: mounting failed") || !strings.Contains(got.Errors[0], "cannot draw 2") {
		t.Errorf("console.error calls: %q; want one naming the component and the error", got.Errors)
	}
	tab.AssertClean()
}

// layoutShift is the cumulative layout shift of the page so far, not
// counting shifts right after the reader's input.
func layoutShift(tab *browsertest.Tab) float64 {
	return browsertest.Eval[float64](tab, `new Promise((resolve) => {
		let sum = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
		}).observe({ type: "layout-shift", buffered: true });
		requestAnimationFrame(() => requestAnimationFrame(() => resolve(sum)));
	})`)
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return string(data)
}
