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

// The figures of the PyTorch lessons on data loading and on evaluation and
// checkpoints mount on the real pages, start from the numbers the lessons'
// blocks print, answer the keyboard, follow the light and dark palettes and
// fit a 360-pixel-wide screen.
func TestBrowserPyTorchDataAndCheckpointFigures(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)

	sel := func(name, rest string) string { return `figure[data-component="` + name + `"] .figure-live ` + rest }
	open := func(t *testing.T, page, name string) *browsertest.Tab {
		t.Helper()
		tab := br.NewTab(t)
		tab.Navigate(base + page)
		tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
		if cls := layoutShift(tab); cls > 0.01 {
			t.Errorf("%s: the layout shifted by %.4f while loading, want < 0.01", page, cls)
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
			};
		})()`)
		if !got.Found {
			t.Fatalf("%s has no %s figure", page, name)
		}
		if !got.FallbackHidden || !got.Sized || got.DescribedBy == "" || got.Unlabelled != 0 || got.Live != 1 {
			t.Errorf("%s, %s after the mount: %+v; want the fallback hidden, a sized SVG, a description, every control labelled and one live region", page, name, got)
		}
		return tab
	}
	readout := func(tab *browsertest.Tab, name string) string {
		return browsertest.Eval[string](tab, `document.querySelector('`+sel(name, "[aria-live]")+`').textContent`)
	}
	// focusSlider focuses the figure's n-th range input (0-based).
	focusSlider := func(tab *browsertest.Tab, name string, n int) {
		browsertest.Eval[bool](tab, `(document.querySelectorAll('`+sel(name, `input[type="range"]`)+`')[`+strconv.Itoa(n)+`].focus(), true)`)
	}
	themed := func(t *testing.T, tab *browsertest.Tab, selector, prop string) {
		t.Helper()
		value := func(theme string) string {
			return browsertest.Eval[string](tab, `(document.documentElement.setAttribute("data-theme", "`+theme+`"), getComputedStyle(document.querySelector('`+selector+`')).`+prop+`)`)
		}
		if light, dark := value("light"), value("dark"); light == dark {
			t.Errorf("%s has %s %s in both light and dark mode", selector, prop, light)
		}
	}
	fits := func(t *testing.T, tab *browsertest.Tab, name string) {
		t.Helper()
		tab.Do(chromedp.EmulateViewport(360, 740))
		tab.WaitFor(`window.innerWidth === 360`)
		over := browsertest.Eval[[]string](tab, `(() => {
			const live = document.querySelector('`+sel(name, "")+`');
			const box = live.getBoundingClientRect();
			return [...live.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > box.right + 1)
				.map((e) => e.tagName + " " + (e.getAttribute("class") || "") + " " + (e.textContent || "").slice(0, 30));
		})()`)
		wide := browsertest.Eval[[]string](tab, `document.documentElement.scrollWidth > window.innerWidth + 1 ?
			[...document.querySelectorAll("main *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest("pre, .table-wrap"))
				.map((e) => e.tagName + " " + (e.getAttribute("class") || "") + " " + (e.textContent || "").slice(0, 40)).slice(0, 8) : []`)
		if len(over) != 0 || len(wide) != 0 {
			t.Errorf("at 360 px, these elements of the %s figure stick out of it: %q; the page is wider than the screen because of %q", name, over, wide)
		}
	}

	t.Run("loader_timeline_shows_the_wait_and_how_workers_remove_it", func(t *testing.T) {
		const name = "loader-timeline"
		tab := open(t, "pytorch/data/", name)
		want := "With no workers, 40 ms to load a batch and 30 ms per step: the 16 steps take 1120 ms; the step waits for data 640 ms (57%)."
		if got := readout(tab, name); !strings.HasPrefix(got, want) {
			t.Errorf("the figure reads %q, want it to start %q (the lesson's timeline.py prints these)", got, want)
		}
		if n := browsertest.Eval[int](tab, `document.querySelectorAll('`+sel(name, "rect.wait")+`').length`); n != 16 {
			t.Errorf("with no workers the step row shows %d waits, want 16 (one before every step)", n)
		}
		focusSlider(tab, name, 0)
		tab.Press(kb.ArrowRight + kb.ArrowRight) // 2 workers
		if got, want := readout(tab, name), "With 2 workers, 40 ms to load a batch and 30 ms per step: the 16 steps take 520 ms; the step waits for data 40 ms (8%)."; !strings.HasPrefix(got, want) {
			t.Errorf("with 2 workers the figure reads %q, want it to start %q", got, want)
		}
		if got := readout(tab, name); !strings.Contains(got, "More workers would not help") {
			t.Errorf("with 2 workers the figure reads %q; want it to say the step is now the bottleneck", got)
		}
		focusSlider(tab, name, 2)
		tab.Press(kb.Home) // step time 10 ms: two workers no longer keep up
		if got := readout(tab, name); !strings.Contains(got, "10 ms per step") || !strings.Contains(got, "Workers needed to stop waiting after the first batch: 4.") {
			t.Errorf("with a 10 ms step the figure reads %q; want 4 workers needed", got)
		}
		themed(t, tab, sel(name, "rect.wait"), "stroke")
		fits(t, tab, name)
		tab.AssertClean()
	})

	t.Run("early_stopping_curves_move_the_stop_and_the_kept_checkpoint", func(t *testing.T) {
		const name = "early-stopping-curves"
		tab := open(t, "pytorch/evaluation-and-checkpoints/", name)
		want := "Patience 3, min_delta 0: training stops after 14 epochs (the last is epoch 13) and keeps the checkpoint of epoch 10 (validation loss 0.4307)."
		if got := readout(tab, name); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson's early_stopping.py prints these)", got, want)
		}
		focusSlider(tab, name, 0)
		tab.Press(kb.Home) // patience 1
		if got, want := readout(tab, name), "Patience 1, min_delta 0: training stops after 10 epochs (the last is epoch 9) and keeps the checkpoint of epoch 8 (validation loss 0.439)."; got != want {
			t.Errorf("with patience 1 the figure reads %q, want %q", got, want)
		}
		tab.Press(kb.ArrowRight + kb.ArrowRight) // patience 3 again
		focusSlider(tab, name, 1)
		tab.Press(kb.ArrowRight + kb.ArrowRight) // min_delta 0.01
		if got, want := readout(tab, name), "Patience 3, min_delta 0.01: training stops after 12 epochs (the last is epoch 11) and keeps the checkpoint of epoch 8 (validation loss 0.439)."; got != want {
			t.Errorf("with min_delta 0.01 the figure reads %q, want %q", got, want)
		}
		themed(t, tab, sel(name, "path.fig-s1"), "stroke")
		fits(t, tab, name)
		tab.AssertClean()
	})
}

// The static fallbacks of these figures are what their scripts draw.
func TestPyTorchDataAndCheckpointFigureFallbacksAreUpToDate(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if browsertest.IsCI(os.Getenv) {
			t.Fatal("python3 is missing; the figure scripts need it (CI=true: a missing dependency fails)")
		}
		t.Skip("SKIPPED: python3 is not on PATH; the figure fallbacks are not checked")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, script := range []string{"loader-timeline.py", "early-stopping-curves.py"} {
		t.Run(script, func(t *testing.T) {
			cmd := exec.Command(python, filepath.Join("scripts", "figures", script), "--check")
			cmd.Dir = root
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("scripts/figures/%s --check: %v\n%s", script, err, out)
			}
		})
	}
}
