package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
)

// The roc-overlap figure of "Finding leaks in real data" mounts on the real
// page, starts from the numbers the lesson's description quotes, moves the
// histograms and the AUC with the keyboard, follows the light and dark
// palettes and fits a 360-pixel-wide screen.
func TestBrowserFindingLeaksFigure(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	tab.Navigate(base + "data-splits/finding-leaks/")
	tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
	if cls := layoutShift(tab); cls > 0.01 {
		t.Errorf("the layout shifted by %.4f while loading, want < 0.01", cls)
	}
	const fig = `figure[data-component="roc-overlap"] .figure-live `
	type state struct {
		Found          bool   `json:"found"`
		FallbackHidden bool   `json:"fallbackHidden"`
		Sized          bool   `json:"sized"`
		DescribedBy    string `json:"describedBy"`
		Unlabelled     int    `json:"unlabelled"`
		Live           int    `json:"live"`
		Sliders        int    `json:"sliders"`
	}
	got := browsertest.Eval[state](tab, `(() => {
		const fig = document.querySelector('figure.live-figure[data-component="roc-overlap"]');
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
			sliders: live.querySelectorAll('input[type="range"]').length,
		};
	})()`)
	if !got.Found {
		t.Fatal("data-splits/finding-leaks/ has no roc-overlap figure")
	}
	if !got.FallbackHidden || !got.Sized || got.DescribedBy == "" || got.Unlabelled != 0 || got.Live != 1 || got.Sliders != 2 {
		t.Errorf("after the mount: %+v; want the fallback hidden, a sized SVG, a description, two labelled sliders and one live region", got)
	}
	readout := func() string {
		return browsertest.Eval[string](tab, `document.querySelector('`+fig+`[aria-live]').textContent`)
	}
	slider := func(i int) {
		browsertest.Eval[bool](tab, `(document.querySelectorAll('`+fig+`input[type="range"]')[`+strconv.Itoa(i)+`].focus(), true)`)
	}

	// The lesson's description quotes 0.739 and 0.760 at d = 1.
	steps := []struct {
		name   string
		slider int
		key    string
		want   string
	}{
		{"starts_where_the_description_says", -1, "",
			"Separation 1.0 sd: AUC 0.739 from the 300 + 300 scores (binormal Φ(d/√2) = 0.760). Threshold 0.5: true-positive rate 0.66, false-positive rate 0.33."},
		{"identical_histograms_give_an_auc_near_one_half", 0, kb.Home,
			"Separation 0.0 sd: AUC 0.494 from the 300 + 300 scores (binormal Φ(d/√2) = 0.500). Threshold 0.5: true-positive rate 0.30, false-positive rate 0.33."},
		{"one_step_right_moves_the_positives_by_a_tenth", 0, kb.ArrowRight,
			"Separation 0.1 sd:"},
		{"far_apart_histograms_give_an_auc_near_one", 0, kb.End,
			"Separation 4.0 sd: AUC 0.993 from the 300 + 300 scores (binormal Φ(d/√2) = 0.998). Threshold 0.5: true-positive rate 1.00, false-positive rate 0.33."},
		{"the_lowest_threshold_calls_everything_positive", 1, kb.Home,
			"Separation 4.0 sd: AUC 0.993 from the 300 + 300 scores (binormal Φ(d/√2) = 0.998). Threshold -3.0: true-positive rate 1.00, false-positive rate 0.99."},
	}
	for _, s := range steps {
		if s.slider >= 0 {
			slider(s.slider)
			tab.Press(s.key)
		}
		if got := readout(); !strings.HasPrefix(got, s.want) {
			t.Errorf("%s: the figure reads %q, want %q", s.name, got, s.want)
		}
	}

	// The ROC curve's colour follows the theme.
	stroke := func(theme string) string {
		return browsertest.Eval[string](tab, `(document.documentElement.setAttribute("data-theme", "`+theme+`"), getComputedStyle(document.querySelector('`+fig+`path.fig-s3')).stroke)`)
	}
	if light, dark := stroke("light"), stroke("dark"); light == dark {
		t.Errorf("the ROC curve has stroke %s in both light and dark mode", light)
	}

	// Nothing sticks out on a 360-pixel screen.
	tab.Do(chromedp.EmulateViewport(360, 740))
	tab.WaitFor(`window.innerWidth === 360`)
	over := browsertest.Eval[[]string](tab, `(() => {
		const live = document.querySelector('`+fig+`');
		const box = live.getBoundingClientRect();
		return [...live.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > box.right + 1)
			.map((e) => e.tagName + " " + (e.getAttribute("class") || "") + " " + (e.textContent || "").slice(0, 30));
	})()`)
	wide := browsertest.Eval[bool](tab, `document.documentElement.scrollWidth > window.innerWidth + 1`)
	if len(over) != 0 || wide {
		t.Errorf("at 360 px these elements stick out of the figure: %q (page wider than the screen: %v)", over, wide)
	}
	tab.AssertClean()
}

// The static fallback of roc-overlap is what its script draws: run with
// --check, the script exits 1 when the committed SVG differs.
func TestFindingLeaksFigureFallbackIsUpToDate(t *testing.T) {
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
	cmd := exec.Command(python, filepath.Join("scripts", "figures", "roc-overlap.py"), "--check")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("scripts/figures/roc-overlap.py --check: %v\n%s", err, out)
	}
}
