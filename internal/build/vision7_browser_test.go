package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
)

// The homography figure of the geometry lesson mounts on the real page,
// shows the H its description states, and moves its corners from the
// keyboard and with the mouse.
func TestBrowserHomographyWarpFigure(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	tab.Navigate(base + "classical-vision/geometry/")
	tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
	if cls := layoutShift(tab); cls > 0.01 {
		t.Errorf("the layout shifted by %.4f while loading, want < 0.01", cls)
	}
	type state struct {
		FallbackHidden bool `json:"fallbackHidden"`
		Sized          bool `json:"sized"`
		DescribedBy    bool `json:"describedBy"`
		Unlabelled     int  `json:"unlabelled"`
		Corners        int  `json:"corners"`
		Squares        int  `json:"squares"`
	}
	got := browsertest.Eval[state](tab, `(() => {
		const fig = document.querySelector("figure.live-figure");
		const live = fig.querySelector(".figure-live");
		const svg = live.querySelector("svg");
		return {
			fallbackHidden: getComputedStyle(fig.querySelector(".figure-fallback")).display === "none",
			sized: !!svg && svg.hasAttribute("viewBox") && svg.hasAttribute("width") && svg.hasAttribute("height"),
			describedBy: (live.getAttribute("aria-describedby") || "") !== "",
			unlabelled: [...live.querySelectorAll("input, select, [tabindex]")].filter((c) =>
				(!c.labels || c.labels.length === 0) && !c.getAttribute("aria-label")).length,
			corners: live.querySelectorAll(".homography-corner[tabindex='0'][role=button]").length,
			squares: svg.querySelectorAll("polygon").length,
		};
	})()`)
	want := state{FallbackHidden: true, Sized: true, DescribedBy: true, Unlabelled: 0, Corners: 4, Squares: 64 + 1}
	if got != want {
		t.Errorf("after the mount: %+v, want %+v (fallback hidden, a sized SVG, a description, 4 labelled corners, 64 squares and the outline)", got, want)
	}
	readout := func() string {
		return browsertest.Eval[string](tab, `document.querySelector(".figure-live [aria-live]").textContent`)
	}
	focus := func(selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector(`+"`"+selector+"`"+`).focus(), true)`)
	}
	start := "Corners 1 (120, 40), 2 (300, 60), 3 (370, 300), 4 (30, 280). " +
		"H = [[0.800, -0.435, 120.000], [0.093, 0.441, 40.000], [0.000166, -0.001995, 1]]. " +
		"The board's centre (120, 120) has W = 0.781 and lands at (209.9, 133.5)."
	if r := readout(); r != start {
		t.Errorf("the figure reads %q, want %q (the lesson's description quotes these numbers)", r, start)
	}

	// Corner 1 five pixels right with the keyboard.
	focus(`.homography-corner[data-corner="1"]`)
	tab.Press(kb.ArrowRight)
	moved := "Corners 1 (125, 40), 2 (300, 60), 3 (370, 300), 4 (30, 280). " +
		"H = [[0.781, -0.458, 125.000], [0.094, 0.424, 40.000], [0.000171, -0.002057, 1]]. " +
		"The board's centre (120, 120) has W = 0.774 and lands at (211.7, 132.0)."
	if r := readout(); r != moved {
		t.Errorf("after ArrowRight on corner 1 the figure reads %q, want %q", r, moved)
	}
	if l := browsertest.Eval[string](tab, `document.querySelector('.homography-corner[data-corner="1"]').getAttribute("aria-label")`); !strings.Contains(l, "at (125, 40)") {
		t.Errorf("corner 1's label is %q, want its new position (125, 40)", l)
	}

	// Corner 3 one pixel up with Shift.
	focus(`.homography-corner[data-corner="3"]`)
	tab.Do(chromedp.KeyEvent(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierShift)))
	if r := readout(); !strings.HasPrefix(r, "Corners 1 (125, 40), 2 (300, 60), 3 (370, 299), 4 (30, 280).") {
		t.Errorf("after Shift+ArrowUp on corner 3 the figure reads %q, want corner 3 at (370, 299)", r)
	}

	// Reset, from the keyboard.
	focus(`.figure-live button`)
	tab.Press(kb.Enter)
	if r := readout(); r != start {
		t.Errorf("after Reset the figure reads %q, want %q", r, start)
	}

	// Drag corner 4 into the triangle of the other three: the quadrilateral is no longer convex.
	type point struct {
		X, Y, ToX, ToY float64
		Hit            string
	}
	// Scroll the drawing to the top of the viewport without the theme's
	// smooth scrolling, then measure after a frame.
	// A smooth scroll still under way (from an earlier focus) can carry the
	// page on after one jump, so jump again on each frame until the drawing
	// has stayed at the top for two frames.
	browsertest.Eval[bool](tab, `new Promise((done) => {
		document.documentElement.style.scrollBehavior = "auto";
		const svg = document.querySelector("figure.live-figure .figure-live svg");
		let still = 0;
		const step = () => {
			const top = svg.getBoundingClientRect().top;
			if (Math.abs(top) < 1) still++; else { still = 0; svg.scrollIntoView({block: "start", behavior: "instant"}); }
			if (still >= 2) done(true); else requestAnimationFrame(step);
		};
		step();
	})`)
	p := browsertest.Eval[point](tab, `new Promise((done) => requestAnimationFrame(() => {
		const svg = document.querySelector("figure.live-figure .figure-live svg");
		const r = svg.querySelector('.homography-corner[data-corner="4"] circle').getBoundingClientRect();
		const to = new DOMPoint(280, 120).matrixTransform(svg.getScreenCTM());
		const x = r.x + r.width / 2, y = r.y + r.height / 2;
		const hit = document.elementFromPoint(x, y);
		const k = hit && hit.closest(".homography-corner");
		done({X: x, Y: y, ToX: to.x, ToY: to.y, Hit: k ? k.dataset.corner : String(hit && hit.tagName)});
	}))`)
	if p.Hit != "4" || p.ToY < 0 {
		t.Fatalf("at corner 4's centre (%.1f, %.1f) the page has %q on top, not the handle, or the target (%.1f, %.1f) is off screen", p.X, p.Y, p.Hit, p.ToX, p.ToY)
	}
	held := func(e *input.DispatchMouseEventParams) { e.Button, e.Buttons = input.MouseButtonLeft, 1 }
	tab.Do(
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X, p.Y),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, p.X, p.Y, held, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (p.X+p.ToX)/2, (p.Y+p.ToY)/2, held),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.ToX, p.ToY, held),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, p.ToX, p.ToY, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
	if r := readout(); !strings.HasPrefix(r, "Corners 1 (120, 40), 2 (300, 60), 3 (370, 300), 4 (280, 120).") ||
		!strings.Contains(r, "is not convex") {
		t.Errorf("after dragging corner 4 to (280, 120) the figure reads %q, want corner 4 there and the fold explained", r)
	}
	tab.AssertClean()
}

// The static fallback of the figure is what its script draws.
func TestHomographyWarpFallbackIsUpToDate(t *testing.T) {
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
	cmd := exec.Command(python, filepath.Join("scripts", "figures", "homography-warp.py"), "--check")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("scripts/figures/homography-warp.py --check: %v\n%s", err, out)
	}
}
