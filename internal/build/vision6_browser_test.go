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

// The Harris explorer of the corners-and-features lesson mounts on the real
// page, shows the numbers its description states, and answers the keyboard.
func TestBrowserHarrisExplorerFigure(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	page := "classical-vision/corners-and-features/"
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
	rings := func() int {
		return browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg circle").length`)
	}

	want := "k = 0.04, window 3 × 3: 8 keypoints (R above 1% of its largest value and no neighbour larger); " +
		"R runs from −0.0035 to 0.0192, and 240 pixels are edges (R below −1% of the largest |R|). " +
		"R at a corner of the rectangle (row 5, column 4): 0.0192; its left edge (row 10, column 4): −0.0035; " +
		"the diamond's top tip (row 18, column 24): 0.0033; the flat background (row 30, column 5): 0.0000."
	if got := readout(); got != want {
		t.Errorf("the Harris explorer reads %q, want %q (the lesson's description quotes these numbers)", got, want)
	}
	if n := rings(); n != 8 {
		t.Errorf("the explorer rings %d keypoints, want 8", n)
	}
	if n := browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg rect").length`); n != 2*36*36 {
		t.Errorf("the explorer draws %d cells, want %d (the image and the response, 36 x 36 each)", n, 2*36*36)
	}

	// k from the keyboard: 0.04 → 0.05 (ArrowRight), then End → 0.25, where
	// R = -(λ1 - λ2)² / 4 is never positive.
	focus(`.figure-live input[id$="-k"]`)
	tab.Press(kb.ArrowRight)
	if got := readout(); !strings.HasPrefix(got, "k = 0.05, window 3 × 3: 8 keypoints") ||
		!strings.Contains(got, "R runs from −0.0044 to 0.0182") {
		t.Errorf("after ArrowRight on k the explorer reads %q, want k = 0.05 with R from −0.0044 to 0.0182", got)
	}
	tab.Press(kb.End)
	if got := readout(); !strings.HasPrefix(got, "k = 0.25, window 3 × 3: 0 keypoints") ||
		!strings.Contains(got, "R runs from −0.0219 to 0.0000") {
		t.Errorf("after End on k the explorer reads %q, want k = 0.25 with no keypoints", got)
	}
	if n := rings(); n != 0 {
		t.Errorf("at k = 0.25 the explorer rings %d keypoints, want 0", n)
	}
	tab.Press(kb.Home)
	if got := readout(); !strings.HasPrefix(got, "k = 0.00, window 3 × 3:") {
		t.Errorf("after Home on k the explorer reads %q, want k = 0.00", got)
	}

	// Back to k = 0.04 (four ArrowRight), then the window: 3 → 4 finds 11
	// keypoints; Home (1 × 1) leaves a rank-one M and no corner at all.
	for i := 0; i < 4; i++ {
		tab.Press(kb.ArrowRight)
	}
	focus(`.figure-live input[id$="-window"]`)
	tab.Press(kb.ArrowRight)
	if got := readout(); !strings.HasPrefix(got, "k = 0.04, window 4 × 4: 11 keypoints") {
		t.Errorf("after ArrowRight on the window the explorer reads %q, want a 4 × 4 window and 11 keypoints", got)
	}
	tab.Press(kb.Home)
	if got := readout(); !strings.HasPrefix(got, "k = 0.04, window 1 × 1: 0 keypoints") {
		t.Errorf("after Home on the window the explorer reads %q, want a 1 × 1 window and no keypoints", got)
	}
	if v := browsertest.Eval[string](tab, `document.querySelector('.figure-live input[id$="-window"]').value`); v != "1" {
		t.Errorf("after Home the window slider is at %s, want 1", v)
	}
	tab.AssertClean()
}

// The static fallback is what scripts/figures/harris-explorer.py draws; run
// with --check it exits 1 when the committed SVG differs (and, with OpenCV
// installed, when its response differs from cv2.cornerHarris).
func TestHarrisExplorerFallbackIsUpToDate(t *testing.T) {
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
	cmd := exec.Command(python, filepath.Join("scripts", "figures", "harris-explorer.py"), "--check")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("scripts/figures/harris-explorer.py --check: %v\n%s", err, out)
	}
}
