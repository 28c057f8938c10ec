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

// The figures of the fine-tuning and scaling lessons mount on the real
// pages, start from the numbers the lessons quote, answer the keyboard,
// follow the light and dark palettes and fit a 360-pixel-wide screen.
func TestBrowserFineTuningAndScalingFigures(t *testing.T) {
	base := serveBundledCourse(t)

	sel := func(name, rest string) string { return `figure[data-component="` + name + `"] .figure-live ` + rest }
	open := func(t *testing.T, page, name string) *browsertest.Tab {
		t.Helper()
		tab := browsertest.Shared(t).NewTab(t)
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
		if len(over) != 0 || wide {
			t.Errorf("at 360 px, these elements of the %s figure stick out of it: %q (page wider than the screen: %v)", name, over, wide)
		}
	}

	t.Run("unfreeze_stages_counts_trainable_parameters", func(t *testing.T) {
		tab := open(t, "pytorch/fine-tuning/", "unfreeze-stages")
		want := "Trainable: the head + layer4, 8,412,709 of 11,195,493 parameters (75.14 %). Frozen: layer3, layer2, layer1, stem."
		if got := readout(tab, "unfreeze-stages"); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson quotes 75.14 %%)", got, want)
		}
		focus(tab, sel("unfreeze-stages", `input[type="range"]`))
		tab.Press(kb.Home)
		if got := readout(tab, "unfreeze-stages"); !strings.HasPrefix(got, "Trainable: the head, 18,981 of 11,195,493 parameters (0.17 %).") {
			t.Errorf("with the head alone the figure reads %q; the lesson quotes 18,981 and 0.17 %%", got)
		}
		tab.Press(kb.End)
		if got := readout(tab, "unfreeze-stages"); !strings.Contains(got, "(100.00 %). Nothing is frozen") {
			t.Errorf("with every stage unfrozen the figure reads %q", got)
		}
		tab.Press(kb.Home)
		browsertest.Eval[bool](tab, `(() => { const b = document.querySelector('`+sel("unfreeze-stages", `input[type="number"]`)+`'); b.focus(); b.select(); return true; })()`)
		tab.Press("10")
		if got := readout(tab, "unfreeze-stages"); !strings.HasPrefix(got, "Trainable: the head, 5,130 of 11,181,642 parameters (0.05 %).") {
			t.Errorf("after typing 10 classes the figure reads %q; want a head of 512 × 10 + 10 = 5,130", got)
		}
		themed(t, tab, sel("unfreeze-stages", "svg rect"), "fill")
		fits(t, tab, "unfreeze-stages")
		tab.AssertClean()
	})

	t.Run("allreduce_cost_follows_two_n_minus_one_over_n", func(t *testing.T) {
		tab := open(t, "pytorch/scaling/", "allreduce-cost")
		want := "ResNet-18, 11,689,512 parameters, float32 gradients: 46.8 MB per step. " +
			"N = 8: each GPU sends 2 × 7/8 = 1.750 × size = 81.8 MB and receives the same; 8.18 ms at 10 GB/s."
		if got := readout(tab, "allreduce-cost"); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson quotes these numbers)", got, want)
		}
		focus(tab, sel("allreduce-cost", `input[type="range"]`))
		tab.Press(kb.Home)
		if got := readout(tab, "allreduce-cost"); !strings.HasSuffix(got, "With one GPU there is nothing to all-reduce.") {
			t.Errorf("at N = 1 the figure reads %q", got)
		}
		tab.Press(kb.ArrowRight)
		if got := readout(tab, "allreduce-cost"); !strings.Contains(got, "N = 2: each GPU sends 2 × 1/2 = 1.000 × size = 46.8 MB") {
			t.Errorf("at N = 2 the figure reads %q", got)
		}
		focus(tab, sel("allreduce-cost", "select"))
		tab.Press(kb.ArrowDown) // ResNet-18 → ResNet-50
		if got := readout(tab, "allreduce-cost"); !strings.HasPrefix(got, "ResNet-50, 25,557,032 parameters, float32 gradients: 102.2 MB per step.") {
			t.Errorf("for ResNet-50 the figure reads %q", got)
		}
		themed(t, tab, sel("allreduce-cost", "path.fig-s2"), "stroke")
		fits(t, tab, "allreduce-cost")
		tab.AssertClean()
	})
}

// The static fallbacks of these figures, and the parameter counts their
// components embed, are what their scripts compute from the real
// torchvision models: each script, run with --check, exits 1 when either
// differs. The scripts need torch and torchvision (Debian's python3).
func TestFineTuningAndScalingFigureFallbacksAreUpToDate(t *testing.T) {
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import torch, torchvision").Run(); err != nil {
		if browsertest.IsCI(os.Getenv) {
			t.Fatalf("%s cannot import torch and torchvision (%v); the figure scripts need them (CI=true: a missing dependency fails)", python, err)
		}
		t.Skipf("SKIPPED: %s cannot import torch and torchvision; the figure fallbacks are not checked", python)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, script := range []string{"unfreeze-stages.py", "allreduce-cost.py"} {
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
