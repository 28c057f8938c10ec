package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
)

// The latency histogram of the inference lesson mounts on the real page,
// starts from the numbers the lesson's description quotes (warm-up left
// out), moves p95 and p99 when the keyboard ticks the warm-up box, follows
// the light and dark palettes and fits a 360-pixel-wide screen.
func TestBrowserInferenceLatencyHistogram(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	tab.Navigate(base + "pytorch/inference/")
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
	}
	got := browsertest.Eval[state](tab, `(() => {
		const fig = document.querySelector('figure.live-figure[data-component="latency-histogram"]');
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
		};
	})()`)
	if !got.Found {
		t.Fatal("pytorch/inference/ has no latency-histogram figure")
	}
	if !got.FallbackHidden || !got.Sized || got.DescribedBy == "" || got.Unlabelled != 0 || got.Live != 1 {
		t.Errorf("after the mount: %+v; want the fallback hidden, a sized SVG, a description, every control labelled and one live region", got)
	}

	sel := func(rest string) string { return `figure[data-component="latency-histogram"] .figure-live ` + rest }
	readout := func() string {
		return browsertest.Eval[string](tab, `document.querySelector('`+sel("[aria-live]")+`').textContent`)
	}
	labels := func() string {
		return browsertest.Eval[string](tab, `[...document.querySelectorAll('`+sel("svg text.fig-label")+`')].map((e) => e.textContent).join("; ")`)
	}

	want := "Warm-up left out (200 runs): p50 2.24 ms, p95 2.55 ms, p99 7.09 ms, mean 2.37 ms. " +
		"Counted (220 runs): p50 2.25 ms, p95 4.19 ms, p99 7.41 ms, mean 2.64 ms."
	if got := readout(); got != want {
		t.Errorf("the figure reads %q, want %q (the lesson and the fallback quote these numbers)", got, want)
	}
	if got, want := labels(), "p50 2.24 ms; p95 2.55 ms; p99 7.09 ms"; got != want {
		t.Errorf("the markers read %q, want %q", got, want)
	}

	// Tick the box with the keyboard: the percentiles now count the warm-up.
	browsertest.Eval[bool](tab, `(document.querySelector('`+sel(`input[type="checkbox"]`)+`').focus(), true)`)
	tab.Press(" ")
	if got := readout(); !strings.HasPrefix(got, "Warm-up counted (220 runs): p50 2.25 ms, p95 4.19 ms, p99 7.41 ms, mean 2.64 ms. Left out (200 runs): p50 2.24 ms,") {
		t.Errorf("with the warm-up counted the figure reads %q", got)
	}
	if got, want := labels(), "p50 2.25 ms; p95 4.19 ms; p99 7.41 ms"; got != want {
		t.Errorf("with the warm-up counted the markers read %q, want %q", got, want)
	}
	tab.Press(" ")
	if got := readout(); !strings.HasPrefix(got, "Warm-up left out (200 runs):") {
		t.Errorf("unticking the box again reads %q", got)
	}

	// The bars follow the theme.
	value := func(theme string) string {
		return browsertest.Eval[string](tab, `(document.documentElement.setAttribute("data-theme", "`+theme+`"), getComputedStyle(document.querySelector('`+sel("svg rect")+`')).fill)`)
	}
	if light, dark := value("light"), value("dark"); light == dark {
		t.Errorf("the bars have fill %s in both light and dark mode", light)
	}

	// Nothing sticks out on a 360-pixel screen.
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
		t.Errorf("at 360 px these elements of the figure stick out of it: %q (page wider than the screen: %v)", over, wide)
	}
	tab.AssertClean()
}

// The fallback of the latency histogram is what its script draws.
func TestInferenceFigureFallbackIsUpToDate(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if browsertest.IsCI(os.Getenv) {
			t.Fatal("python3 is missing; the figure scripts need it (CI=true: a missing dependency fails)")
		}
		t.Skip("SKIPPED: python3 is not on PATH; the figure fallback is not checked")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join("scripts", "figures", "latency-histogram.py"), "--check")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("scripts/figures/latency-histogram.py --check: %v\n%s", err, out)
	}
}
