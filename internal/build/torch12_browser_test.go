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

// The figures of the tensors and autograd lessons mount on the real pages,
// start from the numbers the lessons quote, answer the keyboard, follow the
// light and dark palettes and fit a 360-pixel-wide screen.
func TestBrowserTensorsAndAutogradFigures(t *testing.T) {
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
		if len(over) != 0 || wide {
			t.Errorf("at 360 px, these elements of the %s figure stick out of it: %q (page wider than the screen: %v)", name, over, wide)
		}
	}

	t.Run("broadcast_shapes_follows_typed_shapes_and_quotes_the_error", func(t *testing.T) {
		tab := open(t, "pytorch/tensors/", "broadcast-shapes")
		want := "(4, 1, 3) and (5, 3) broadcast to (4, 5, 3). dim −1: equal sizes 3; dim −2: a's size 1 is stretched to 5; " +
			"dim −3: b has no dimension here: treated as 1, stretched to 4."
		if got := readout(tab, "broadcast-shapes"); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson's description quotes this result)", got, want)
		}
		// Type b = (4,): 3 meets 4 in the last dimension.
		browsertest.Eval[bool](tab, `(() => { const b = document.querySelectorAll('`+sel("broadcast-shapes", `input[type="text"]`)+`')[1]; b.focus(); b.select(); return true; })()`)
		tab.Press("4")
		want = "(4, 1, 3) and (4,) do not broadcast: at dim −1 the sizes 3 and 4 differ and neither is 1. PyTorch 1.13 raises " +
			"RuntimeError: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 2."
		if got := readout(tab, "broadcast-shapes"); got != want {
			t.Errorf("with b = (4,) the figure reads %q, want %q", got, want)
		}
		if n := browsertest.Eval[int](tab, `[...document.querySelectorAll('`+sel("broadcast-shapes", "svg text")+`')].filter((e) => e.textContent === "✗").length`); n != 1 {
			t.Errorf("with b = (4,) the figure marks %d columns ✗, want 1", n)
		}
		// An unreadable shape says how to write one and keeps the last drawing.
		tab.Press("a")
		if got := readout(tab, "broadcast-shapes"); !strings.HasPrefix(got, "Shape of b: write up to 6 sizes") {
			t.Errorf("with b = %q the figure reads %q", "4a", got)
		}
		focus(tab, sel("broadcast-shapes", "select"))
		tab.Press(kb.ArrowDown + kb.ArrowDown) // the second example: (n, 1) against (n,)
		if got := readout(tab, "broadcast-shapes"); !strings.HasPrefix(got, "(4, 1) and (4,) broadcast to (4, 4).") {
			t.Errorf("the (n, 1) against (n,) example reads %q", got)
		}
		themed(t, tab, sel("broadcast-shapes", "svg rect"), "fill")
		fits(t, tab, "broadcast-shapes")
		tab.AssertClean()
	})

	t.Run("autograd_graph_steps_forward_and_back_with_the_keyboard", func(t *testing.T) {
		tab := open(t, "pytorch/autograd/", "autograd-graph")
		if got := readout(tab, "autograd-graph"); !strings.HasPrefix(got, "The leaves x = 2, w = 3 and b = 1 were created with requires_grad=True.") {
			t.Errorf("the figure starts with %q", got)
		}
		focus(tab, sel("autograd-graph", "svg.fig-svg"))
		tab.Press(kb.ArrowRight + kb.ArrowRight + kb.ArrowRight)
		if got := readout(tab, "autograd-graph"); !strings.HasPrefix(got, "Forward: f = z · x = 14.") {
			t.Errorf("after three steps the figure reads %q", got)
		}
		tab.Press(kb.End)
		want := "Done: x.grad = 13, w.grad = 4, b.grad = 2. Check by hand: f = x²w + bx, so ∂f/∂x = 2xw + b = 13 and ∂f/∂w = x² = 4."
		if got := readout(tab, "autograd-graph"); got != want {
			t.Errorf("at the last step the figure reads %q, want %q (the lesson quotes 13, 4 and 2)", got, want)
		}
		tab.Press(kb.ArrowLeft)
		if got := readout(tab, "autograd-graph"); !strings.Contains(got, "is added to x.grad (7 + 6 = 13)") {
			t.Errorf("one step back the figure reads %q; want the second contribution to x", got)
		}
		focus(tab, sel("autograd-graph", "button"))
		tab.Press(kb.Enter) // ← Previous
		if got := browsertest.Eval[string](tab, `document.querySelector('`+sel("autograd-graph", "output")+`').textContent`); got != "Step 6 of 8" {
			t.Errorf("after Previous the counter reads %q, want Step 6 of 8", got)
		}
		tab.Press(kb.Home)
		themed(t, tab, sel("autograd-graph", "svg rect"), "stroke")
		fits(t, tab, "autograd-graph")
		tab.AssertClean()
	})
}

// The static fallbacks of these figures are what their scripts draw: each
// script, run with --check, exits 1 when a committed SVG differs.
func TestTensorsAndAutogradFigureFallbacksAreUpToDate(t *testing.T) {
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
	for _, script := range []string{"broadcast-shapes.py", "autograd-graph.py"} {
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
