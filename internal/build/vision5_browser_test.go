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

// The morphology explorer of the lesson on morphology and connected
// components mounts on the real page, shows the counts its description
// states, and answers the keyboard: the operation buttons, the connectivity
// checkbox and the minimum-area slider.
func TestBrowserMorphologyExplorerCountsComponents(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	page := "classical-vision/morphology-and-components/"
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
		Buttons        string `json:"buttons"`
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
			buttons: [...live.querySelectorAll("button")].map((b) => b.textContent).join(","),
		};
	})()`)
	if !got.FallbackHidden || !got.Sized || got.DescribedBy == "" || got.Unlabelled != 0 ||
		got.Buttons != "Erode,Dilate,Open,Close,Reset" {
		t.Errorf("after the mount: %+v; want the fallback hidden, a sized SVG, a description, every control "+
			"labelled and the buttons Erode, Dilate, Open, Close, Reset", got)
	}

	readout := func() string {
		return browsertest.Eval[string](tab, `document.querySelector(".figure-live [aria-live]").textContent`)
	}
	focus := func(selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector(`+"`"+selector+"`"+`).focus(), true)`)
	}
	press := func(op string) {
		focus(`.figure-live button[data-op="` + op + `"]`)
		tab.Press(kb.Enter)
	}
	labels := func() int {
		return browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg text").length`)
	}

	// The numbers the lesson's description quotes.
	steps := []struct {
		name string
		act  func()
		want string
	}{
		{"at the start", func() {},
			"Image: original (3 × 3 square). 8-connectivity: 9 components with areas 12, 1, 29, 3, 1, 20, 9, 9, 1; " +
				"9 of at least 1 pixel counted."},
		{"with 4-connectivity", func() { focus(`.figure-live input[type=checkbox]`); tab.Press(" ") },
			"Image: original (3 × 3 square). 4-connectivity: 11 components with areas 12, 1, 29, 1, 1, 1, 1, 20, 9, 9, 1; " +
				"11 of at least 1 pixel counted."},
		{"back to 8 and opened", func() { tab.Press(" "); press("open") },
			"Image: original → open (3 × 3 square). 8-connectivity: 6 components with areas 12, 26, 9, 9, 9, 9; " +
				"6 of at least 1 pixel counted."},
		{"opened twice", func() { press("open") },
			"Image: original → open → open (3 × 3 square). 8-connectivity: 6 components with areas 12, 26, 9, 9, 9, 9; " +
				"6 of at least 1 pixel counted."},
		{"reset and closed", func() { press("reset"); press("close") },
			"Image: original → close (3 × 3 square). 8-connectivity: 8 components with areas 12, 1, 30, 3, 1, 24, 21, 1; " +
				"8 of at least 1 pixel counted."},
		{"minimum area 2", func() { focus(`.figure-live input[id$="-min"]`); tab.Press(kb.ArrowRight) },
			"Image: original → close (3 × 3 square). 8-connectivity: 8 components with areas 12, 1, 30, 3, 1, 24, 21, 1; " +
				"5 of at least 2 pixels counted."},
		{"minimum area 30", func() { tab.Press(kb.End) },
			"Image: original → close (3 × 3 square). 8-connectivity: 8 components with areas 12, 1, 30, 3, 1, 24, 21, 1; " +
				"1 of at least 30 pixels counted."},
		{"eroded after reset", func() { tab.Press(kb.Home); press("reset"); press("erode") },
			"Image: original → erode (3 × 3 square). 8-connectivity: 6 components with areas 2, 8, 1, 1, 1, 1; " +
				"6 of at least 1 pixel counted."},
	}
	for _, s := range steps {
		s.act()
		if got := readout(); got != s.want {
			t.Errorf("%s the explorer reads %q, want %q", s.name, got, s.want)
		}
	}
	// One label per foreground cell: 14 pixels after the erosion; 85 in the original.
	if n := labels(); n != 14 {
		t.Errorf("after the erosion the explorer draws %d labels, want 14 (one per foreground pixel)", n)
	}
	press("reset")
	if n := labels(); n != 85 {
		t.Errorf("after Reset the explorer draws %d labels, want 85 (one per foreground pixel)", n)
	}
	if n := browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg rect").length`); n != 16*27 {
		t.Errorf("the explorer draws %d cells, want %d", n, 16*27)
	}
	tab.AssertClean()
}

// The static fallback is what its script draws: run with --check, the
// script exits 1 when the committed SVG differs.
func TestMorphologyExplorerFallbackIsUpToDate(t *testing.T) {
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
	cmd := exec.Command(python, filepath.Join("scripts", "figures", "morphology-explorer.py"), "--check")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("scripts/figures/morphology-explorer.py --check: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "original 8-connected: 9 components") {
		t.Errorf("scripts/figures/morphology-explorer.py --check printed %q, want the counts it checked", out)
	}
}
