package build_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
)

// The figures of the loss-functions lessons mount on the real pages, start
// from the numbers the lessons' descriptions quote, answer the keyboard,
// follow the light and dark palettes and fit a 360-pixel-wide screen.
func TestBrowserLossFunctionsFigures(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)

	// open loads page and checks the first figure whose component is name.
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
	sel := func(name, rest string) string { return `figure[data-component="` + name + `"] .figure-live ` + rest }
	readout := func(tab *browsertest.Tab, name string) string {
		return browsertest.Eval[string](tab, `document.querySelector('`+sel(name, "[aria-live]")+`').textContent`)
	}
	focus := func(tab *browsertest.Tab, selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector('`+selector+`').focus(), true)`)
	}
	// themed checks that an element's computed colour property changes with the theme.
	themed := func(t *testing.T, tab *browsertest.Tab, selector, prop string) {
		t.Helper()
		value := func(theme string) string {
			return browsertest.Eval[string](tab, `(document.documentElement.setAttribute("data-theme", "`+theme+`"), getComputedStyle(document.querySelector('`+selector+`')).`+prop+`)`)
		}
		if light, dark := value("light"), value("dark"); light == dark {
			t.Errorf("%s has %s %s in both light and dark mode", selector, prop, light)
		}
	}
	// fits checks that the figure needs no horizontal scrolling on a 360-pixel screen.
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

	t.Run("bce_curve_clips_p_of_zero", func(t *testing.T) {
		tab := open(t, "loss-functions/cross-entropy/", "bce-curve")
		if got, want := readout(tab, "bce-curve"), "p = 0.3: loss 1.2040. ε = 1e-7, so no loss exceeds −ln ε = 16.12."; got != want {
			t.Errorf("the figure reads %q, want %q", got, want)
		}
		focus(tab, sel("bce-curve", `input[type="range"]`))
		tab.Press(kb.Home)
		if got := readout(tab, "bce-curve"); !strings.HasPrefix(got, "p = 0: loss 16.1181. p is clipped to 1e-7; without clipping the loss would be infinite") {
			t.Errorf("at p = 0 the figure reads %q", got)
		}
		themed(t, tab, sel("bce-curve", "path.fig-s3"), "stroke")
		fits(t, tab, "bce-curve")
		tab.AssertClean()
	})

	t.Run("softmax_temperature_sharpens_and_follows_edited_logits", func(t *testing.T) {
		tab := open(t, "loss-functions/softmax/", "softmax-temperature")
		if got := readout(tab, "softmax-temperature"); !strings.HasPrefix(got, "Logits 2, 1, 0.1; T = 1.00: probabilities 0.66, 0.24, 0.10 ") {
			t.Errorf("the figure reads %q; the lesson quotes 0.66, 0.24 and 0.10", got)
		}
		focus(tab, sel("softmax-temperature", `input[type="range"]`))
		tab.Press(kb.Home)
		if got := readout(tab, "softmax-temperature"); !strings.Contains(got, "T = 0.05: probabilities 1.000,") {
			t.Errorf("at the lowest temperature the figure reads %q; want the top class near 1", got)
		}
		// Type a new third logit: it becomes the most likely class.
		browsertest.Eval[bool](tab, `(() => { const b = document.querySelector('`+sel("softmax-temperature", `span:last-child > input[type="number"]`)+`'); b.focus(); b.select(); return true; })()`)
		tab.Press("5")
		if got := readout(tab, "softmax-temperature"); !strings.HasPrefix(got, "Logits 2, 1, 5;") || !strings.Contains(got, "z3 stays the most likely") {
			t.Errorf("after typing 5 into z3 the figure reads %q", got)
		}
		themed(t, tab, sel("softmax-temperature", "svg rect"), "fill")
		fits(t, tab, "softmax-temperature")
		tab.AssertClean()
	})

	t.Run("focal_weights_keep_one_percent_of_an_easy_example", func(t *testing.T) {
		tab := open(t, "loss-functions/imbalanced-classes/", "focal-weights")
		want := "γ = 2.0, α = 1.00. At p_t = 0.90: cross-entropy 0.105, focal loss 0.00105, so the example keeps 1% of its cross-entropy. " +
			"A hard example (p_t = 0.1) keeps 81%, an easy one (p_t = 0.9) 1%."
		if got := readout(tab, "focal-weights"); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson quotes 1%% and 81%%)", got, want)
		}
		focus(tab, sel("focal-weights", `input[type="range"]`))
		tab.Press(kb.Home) // γ = 0: the focal loss is the cross-entropy
		if got := readout(tab, "focal-weights"); !strings.Contains(got, "focal loss 0.105, so the example keeps 100% of its cross-entropy") {
			t.Errorf("at γ = 0 the figure reads %q", got)
		}
		themed(t, tab, sel("focal-weights", "path.fig-s2"), "stroke")
		fits(t, tab, "focal-weights")
		tab.AssertClean()
	})

	t.Run("finite_difference_shows_both_slopes_and_switches_function", func(t *testing.T) {
		tab := open(t, "loss-functions/gradients-and-choosing-a-loss/", "finite-difference")
		want := "f = sin x, x = 1.0, h = 5.0e-1: true slope 0.540302; forward 0.312048 (error 2.3e-1); central 0.518069 (error 2.2e-2)."
		if got := readout(tab, "finite-difference"); got != want {
			t.Errorf("the figure reads %q, want %q (the lesson quotes these slopes)", got, want)
		}
		focus(tab, sel("finite-difference", `input[type="range"]`))
		tab.Press(kb.ArrowLeft + kb.ArrowLeft + kb.ArrowLeft + kb.ArrowLeft + kb.ArrowLeft)
		if got := readout(tab, "finite-difference"); !strings.Contains(got, "h = 1.6e-1") {
			t.Errorf("five steps left of h = 0.5 the figure reads %q; want h = 10^-0.8", got)
		}
		focus(tab, sel("finite-difference", "select"))
		tab.Press(kb.ArrowDown) // sin → x³
		if got := readout(tab, "finite-difference"); !strings.HasPrefix(got, "f = x³, x = 1.0,") || !strings.Contains(got, "true slope 3.00000") {
			t.Errorf("for x³ the figure reads %q", got)
		}
		themed(t, tab, sel("finite-difference", "path.fig-s4"), "stroke")
		fits(t, tab, "finite-difference")
		tab.AssertClean()
	})
}
