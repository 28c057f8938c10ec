package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
)

// The figures of the PyTorch lessons on modules and the training loop mount
// on the real pages, start from the numbers the lessons quote, answer the
// keyboard, follow the light and dark palettes and fit a 360-pixel screen.
func TestBrowserPyTorchModuleAndTrainingFigures(t *testing.T) {
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
	focus := func(tab *browsertest.Tab, selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector('`+selector+`').focus(), true)`)
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
		wide := browsertest.Eval[bool](tab, `document.documentElement.scrollWidth > window.innerWidth + 1`)
		if wide {
			t.Logf("elements wider than the screen: %q", browsertest.Eval[[]string](tab, `[...document.querySelectorAll("body *")].filter((e) => !e.closest("pre, .katex-mathml, .math-display") && e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 15).map((e) => e.tagName + " " + (e.getAttribute("class") || "") + " " + Math.round(e.getBoundingClientRect().right) + " " + (e.textContent || "").slice(0, 40) + " IN " + (e.parentElement.closest("[class]") || {}).className + " / " + (e.parentElement.textContent || "").slice(0, 120))`))
		}
		if len(over) != 0 || wide {
			t.Errorf("at 360 px, these elements of the %s figure stick out of it: %q (page wider than the screen: %v)", name, over, wide)
		}
	}

	t.Run("module_tree_counts_parameters_and_buffers", func(t *testing.T) {
		tab := open(t, "pytorch/modules/", "module-tree")
		want := "Sizes 784, 128, 10: 3 modules (2 Linear, 1 ReLU). 101,770 parameters in 4 tensors: 101,632 in weights, 138 in biases. No buffers."
		if got := readout(tab, "module-tree"); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson quotes 101,770)", got, want)
		}
		// Batch norm on, with the keyboard: the counts the lesson's counting block prints.
		focus(tab, sel("module-tree", `input[type="checkbox"][id$="-bn"]`))
		tab.Press(" ")
		want = "Sizes 784, 128, 10: 4 modules (2 Linear, 1 BatchNorm1d, 1 ReLU). 102,026 parameters in 6 tensors: 101,632 in weights, 138 in biases, 256 in BatchNorm weights and biases. " +
			"Buffers: 3 tensors, 257 numbers, saved in the state_dict but not trained."
		if got := readout(tab, "module-tree"); got != want {
			t.Errorf("with batch norm the figure reads %q, want %q", got, want)
		}
		if got := browsertest.Eval[int](tab, `[...document.querySelectorAll('`+sel("module-tree", "svg text")+`')].filter((e) => e.textContent.startsWith("buffer 1.")).length`); got != 3 {
			t.Errorf("with batch norm the tree shows %d buffer lines of module 1, want 3", got)
		}
		tab.Press(" ")
		// Type the lesson's TinyNet sizes; an invalid entry keeps the last model.
		browsertest.Eval[bool](tab, `(() => { const i = document.querySelector('`+sel("module-tree", `input[type="text"]`)+`'); i.focus(); i.select(); return true; })()`)
		tab.Press("4, 8, 3")
		if got := readout(tab, "module-tree"); !strings.HasPrefix(got, "Sizes 4, 8, 3: 3 modules (2 Linear, 1 ReLU). 67 parameters in 4 tensors: 56 in weights, 11 in biases.") {
			t.Errorf("for sizes 4, 8, 3 the figure reads %q; the lesson's TinyNet has 67 parameters", got)
		}
		tab.Press(", x")
		if got := readout(tab, "module-tree"); !strings.HasPrefix(got, "Sizes 4, 8, 3:") {
			t.Errorf("after an invalid entry the figure reads %q; want the last valid model kept", got)
		}
		if got := browsertest.Eval[string](tab, `document.querySelector('`+sel("module-tree", `input[type="text"]`)+`').getAttribute("aria-invalid")`); got != "true" {
			t.Errorf("the sizes field is aria-invalid=%q after an invalid entry, want true", got)
		}
		focus(tab, sel("module-tree", `input[type="checkbox"][id$="-bias"]`))
		tab.Press(" ")
		if got := readout(tab, "module-tree"); !strings.Contains(got, "56 parameters in 2 tensors: 56 in weights, 0 in biases.") {
			t.Errorf("without biases the figure reads %q", got)
		}
		themed(t, tab, sel("module-tree", "svg text.fig-label"), "fill")
		focus(tab, sel("module-tree", `input[type="checkbox"][id$="-bn"]`))
		tab.Press(" ")
		fits(t, tab, "module-tree")
		tab.AssertClean()
	})

	t.Run("lr_curves_converge_oscillate_and_diverge_as_the_lesson_prints", func(t *testing.T) {
		tab := open(t, "pytorch/training-loop/", "lr-curves")
		want := "lr = 0.30: loss 2.488 at the start, 0.03991 after 50 steps (the least-squares minimum is 0.03991). " +
			"Each step multiplies the bias's error by 1 − 2·lr = 0.40 and the slope's by 1 − 0.733·lr = 0.78: both errors shrink: the loss converges."
		if got := readout(tab, "lr-curves"); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson's block prints 0.03991)", got, want)
		}
		slider := sel("lr-curves", `input[type="range"]`)
		focus(tab, slider)
		tab.Press(kb.Home) // 0.05: still falling
		if got := readout(tab, "lr-curves"); !strings.HasPrefix(got, "lr = 0.05: loss 2.488 at the start, 0.07493 after 50 steps") {
			t.Errorf("at lr 0.05 the figure reads %q; the lesson prints 0.07493", got)
		}
		tab.Press(strings.Repeat(kb.ArrowRight, 19)) // 1.00: the bias oscillates
		if got := readout(tab, "lr-curves"); !strings.HasPrefix(got, "lr = 1.00: loss 2.488 at the start, 1.021 after 50 steps") ||
			!strings.HasSuffix(got, "the bias jumps between two values for ever: no convergence.") {
			t.Errorf("at lr 1.0 the figure reads %q; the lesson prints 1.021", got)
		}
		tab.Press(kb.ArrowRight) // 1.05
		tab.Press(kb.ArrowRight) // 1.10
		if got := readout(tab, "lr-curves"); !strings.HasPrefix(got, "lr = 1.10: loss 2.488 at the start, 8.125e+07 after 50 steps") ||
			!strings.HasSuffix(got, "the error grows every step: the loss diverges.") {
			t.Errorf("at lr 1.1 the figure reads %q; the lesson prints 8.125e+07", got)
		}
		tab.Press(kb.End)
		if got := readout(tab, "lr-curves"); !strings.HasPrefix(got, "lr = 1.50: loss 2.488 at the start, 1.244e+30 after 50 steps") {
			t.Errorf("at lr 1.5 the figure reads %q; the lesson prints 1.244e+30", got)
		}
		themed(t, tab, sel("lr-curves", "path.fig-s1"), "stroke")
		fits(t, tab, "lr-curves")
		tab.AssertClean()
	})
}

// The static fallbacks of these figures are what their scripts draw: each
// script, run with --check, exits 1 when a committed SVG differs.
func TestPyTorchModuleAndTrainingFallbacksAreUpToDate(t *testing.T) {
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
	for _, script := range []string{"module-tree.py", "lr-curves.py"} {
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
