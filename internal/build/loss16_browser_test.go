package build_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
)

// The reliability diagram of the lesson "From scores to decisions" mounts on
// the real page, starts from the numbers the lesson quotes (ECE 0.122 at
// T = 1, 0.016 at the fitted T = 2.46), answers the keyboard (the Fit button
// and the slider), follows the light and dark palettes and fits a 360-pixel
// screen.
func TestBrowserReliabilityDiagramFollowsTheTemperature(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	const name = "reliability-diagram"
	sel := func(rest string) string { return `figure[data-component="` + name + `"] .figure-live ` + rest }

	tab := br.NewTab(t)
	tab.Navigate(base + "loss-functions/scores-to-decisions/")
	tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
	if cls := layoutShift(tab); cls > 0.01 {
		t.Errorf("the layout shifted by %.4f while loading, want < 0.01", cls)
	}
	type state struct {
		Found          bool   `json:"found"`
		FallbackHidden bool   `json:"fallbackHidden"`
		Sized          bool   `json:"sized"`
		DescribedBy    string `json:"describedBy"`
		Unlabelled     int    `json:"unlabelled"`
		Live           int    `json:"live"`
		Buttons        int    `json:"buttons"`
	}
	got := browsertest.Eval[state](tab, `(() => {
		const fig = document.querySelector('figure.live-figure[data-component="`+name+`"]');
		if (!fig) return { found: false };
		const live = fig.querySelector(".figure-live");
		const svg = live.querySelector("svg.fig-svg");
		return {
			found: true,
			fallbackHidden: getComputedStyle(fig.querySelector(".figure-fallback")).display === "none",
			sized: !!svg && svg.hasAttribute("viewBox") && svg.hasAttribute("width") && svg.hasAttribute("height"),
			describedBy: live.getAttribute("aria-describedby") || "",
			unlabelled: [...live.querySelectorAll("input, select")].filter((c) => !c.labels || c.labels.length === 0).length,
			live: live.querySelectorAll("[aria-live]").length,
			buttons: [...live.querySelectorAll("button")].filter((b) => b.textContent.trim() !== "").length,
		};
	})()`)
	if !got.Found {
		t.Fatalf("the lesson has no %s figure", name)
	}
	if !got.FallbackHidden || !got.Sized || got.DescribedBy == "" || got.Unlabelled != 0 || got.Live != 1 || got.Buttons != 1 {
		t.Errorf("after the mount: %+v; want the fallback hidden, a sized SVG, a description, every control labelled, one live region and one named button", got)
	}
	readout := func() string {
		return browsertest.Eval[string](tab, `document.querySelector('`+sel("[aria-live]")+`').textContent`)
	}
	focus := func(selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector('`+selector+`').focus(), true)`)
	}

	steps := []struct {
		name, focus, keys string
		prefix, contains  string
	}{
		{"starts_overconfident_at_t_1", "", "",
			"T = 1.00: ECE 0.122, log loss 0.622, Brier 0.168 on 500 validation examples (still overconfident; the fitted T is 2.46).",
			"Accuracy 0.788 at every T."},
		{"fit_button_jumps_to_the_fitted_temperature", "button", kb.Enter,
			"T = 2.46: ECE 0.016, log loss 0.463, Brier 0.150 on 500 validation examples (the fitted temperature;",
			"Accuracy 0.788 at every T."},
		{"slider_end_makes_it_underconfident", `input[type="range"]`, kb.End,
			"T = 5.00: ECE ", "(now underconfident;"},
		{"slider_home_makes_it_more_overconfident", `input[type="range"]`, kb.Home,
			"T = 0.25: ECE ", "(still overconfident;"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.focus != "" {
				focus(sel(s.focus))
				tab.Press(s.keys)
			}
			if r := readout(); !strings.HasPrefix(r, s.prefix) || !strings.Contains(r, s.contains) {
				t.Errorf("the figure reads %q; want it to start with %q and contain %q", r, s.prefix, s.contains)
			}
		})
	}

	value := func(theme string) string {
		return browsertest.Eval[string](tab, `(document.documentElement.setAttribute("data-theme", "`+theme+`"), getComputedStyle(document.querySelector('`+sel("rect.fig-band")+`')).fill)`)
	}
	if light, dark := value("light"), value("dark"); light == dark {
		t.Errorf("the count bars have fill %s in both light and dark mode", light)
	}

	tab.Do(chromedp.EmulateViewport(360, 740))
	tab.WaitFor(`window.innerWidth === 360`)
	over := browsertest.Eval[[]string](tab, `(() => {
		const live = document.querySelector('`+sel("")+`');
		const box = live.getBoundingClientRect();
		return [...live.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > box.right + 1)
			.map((e) => e.tagName + " " + (e.getAttribute("class") || "") + " " + (e.textContent || "").slice(0, 30));
	})()`)
	wide := browsertest.Eval[bool](tab, `document.documentElement.scrollWidth > window.innerWidth + 1`)
	if len(over) != 0 || wide {
		t.Errorf("at 360 px, these elements of the figure stick out of it: %q (page wider than the screen: %v)", over, wide)
	}
	tab.AssertClean()
}
