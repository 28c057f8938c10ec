package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
)

// The figure of the classical-vs-deep lesson mounts on the real page, reads
// the accuracies the lesson's shift.py printed, and answers the keyboard.
func TestBrowserClassicalVsDeepFigure(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	page := "classical-vision/classical-vs-deep/"
	tab.Navigate(base + page)
	tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
	if cls := layoutShift(tab); cls > 0.01 {
		t.Errorf("%s: the layout shifted by %.4f while loading, want < 0.01", page, cls)
	}
	type state struct {
		FallbackHidden bool   `json:"fallbackHidden"`
		Sized          bool   `json:"sized"`
		DescribedBy    string `json:"describedBy"`
		Unlabelled     int    `json:"unlabelled"`
	}
	got := browsertest.Eval[state](tab, `(() => {
		const fig = document.querySelector("figure.live-figure");
		const live = fig.querySelector(".figure-live");
		const svg = live.querySelector("svg");
		return {
			fallbackHidden: getComputedStyle(fig.querySelector(".figure-fallback")).display === "none",
			sized: !!svg && svg.hasAttribute("viewBox") && svg.hasAttribute("width") && svg.hasAttribute("height"),
			describedBy: live.getAttribute("aria-describedby") || "",
			unlabelled: [...live.querySelectorAll("input, select")].filter((c) => !c.labels || c.labels.length === 0).length,
		};
	})()`)
	if !got.FallbackHidden || !got.Sized || got.DescribedBy == "" || got.Unlabelled != 0 {
		t.Errorf("%s after the mount: %+v; want the fallback hidden, a sized SVG, a description and every control labelled", page, got)
	}
	readout := func() string {
		return browsertest.Eval[string](tab, `document.querySelector(".figure-live [aria-live]").textContent`)
	}
	focus := func(selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector(`+"`"+selector+"`"+`).focus(), true)`)
	}

	cases := []struct {
		name, selector, key, want string
	}{
		{"starts_at_lighting_0.6", "", "",
			"Lighting gradient at severity 0.6 (the far edge gets 46 % of the light): pipeline 0.91, top-hat pipeline 0.98, " +
				"CNN trained on clean frames 0.43, CNN retrained with shifts 0.97."},
		{"arrow_right_moves_to_0.8", `.figure-live input[type=range]`, kb.ArrowRight,
			"Lighting gradient at severity 0.8 (the far edge gets 28 % of the light): pipeline 0.56, top-hat pipeline 0.84, " +
				"CNN trained on clean frames 0.32, CNN retrained with shifts 0.94."},
		{"end_moves_to_1.0", `.figure-live input[type=range]`, kb.End,
			"Lighting gradient at severity 1.0 (the far edge gets 10 % of the light): pipeline 0.32, top-hat pipeline 0.36, " +
				"CNN trained on clean frames 0.21, CNN retrained with shifts 0.68."},
		{"arrow_down_in_the_menu_shows_clutter", `.figure-live select`, kb.ArrowDown,
			"Clutter at severity 1.0 (up to 4 strips of tape per frame): pipeline 0.42, top-hat pipeline 0.42, " +
				"CNN trained on clean frames 0.33, CNN retrained with shifts 0.87."},
		{"home_moves_to_clean_frames", `.figure-live input[type=range]`, kb.Home,
			"Clutter at severity 0.0 (no strips of tape): pipeline 1.00, top-hat pipeline 1.00, " +
				"CNN trained on clean frames 0.92, CNN retrained with shifts 0.96."},
	}
	for _, c := range cases {
		if c.selector != "" {
			focus(c.selector)
			tab.Press(c.key)
		}
		if got := readout(); got != c.want {
			t.Errorf("%s: the figure reads %q, want %q (the lesson quotes shift.py's output)", c.name, got, c.want)
		}
	}
	if n := browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg polyline").length`); n != 4 {
		t.Errorf("the figure draws %d curves, want 4", n)
	}
	if v := browsertest.Eval[string](tab, `document.querySelector(".figure-live output").textContent`); v != "0.0" {
		t.Errorf("the severity output reads %q, want 0.0", v)
	}
	tab.AssertClean()
}

// The static fallback is what scripts/figures/classical-vs-deep.py draws from
// the numbers the lesson passes to the figure.
func TestClassicalVsDeepFallbackIsUpToDate(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if browsertest.IsCI(os.Getenv) {
			t.Fatal("python3 is missing; the figure script needs it (CI=true: a missing dependency fails)")
		}
		t.Skip("SKIPPED: python3 is not on PATH; the figure fallback is not checked")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join("scripts", "figures", "classical-vs-deep.py"), "--check")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("scripts/figures/classical-vs-deep.py --check: %v\n%s", err, strings.TrimSpace(string(out)))
	}
}
