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

// The figures of the classical-vision lessons on images and convolution
// mount on the real pages, show the numbers their descriptions state, and
// answer the keyboard.
func TestBrowserClassicalVisionFigures(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)

	open := func(t *testing.T, page string) *browsertest.Tab {
		tab := br.NewTab(t)
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
		return tab
	}
	readout := func(tab *browsertest.Tab) string {
		return browsertest.Eval[string](tab, `document.querySelector(".figure-live [aria-live]").textContent`)
	}
	focus := func(tab *browsertest.Tab, selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector(`+"`"+selector+"`"+`).focus(), true)`)
	}

	t.Run("pixel_mixer_shows_the_gray_value_and_the_wrap_around", func(t *testing.T) {
		tab := open(t, "classical-vision/images-as-arrays/")
		want := "RGB (230, 120, 40). BT.601 luminance 0.299·230 + 0.587·120 + 0.114·40 = 143.770. " +
			"OpenCV's uint8 gray, (9798·R + 19235·G + 3735·B + 16384) >> 15: 144. " +
			"Float formula rounded with np.rint: 144 (the same). Read as BGR by mistake: 109. " +
			"R + G + B = 390: uint8 wraps it to 134 in numpy, cv2.add saturates it to 255."
		if got := readout(tab); got != want {
			t.Errorf("the pixel mixer reads %q, want %q (the lesson's description quotes these numbers)", got, want)
		}
		// The blue slider, from the keyboard: 40 → 39 → 29 (PageDown steps by 10).
		focus(tab, `.figure-live input[id$="-B"]`)
		tab.Press(kb.ArrowLeft)
		if got := readout(tab); !strings.HasPrefix(got, "RGB (230, 120, 39).") || !strings.Contains(got, "R + G + B = 389: uint8 wraps it to 133") {
			t.Errorf("after ArrowLeft on blue the mixer reads %q", got)
		}
		// The rounding case, chosen with the keyboard.
		focus(tab, `.figure-live [role=group] button:nth-of-type(2)`)
		tab.Press(kb.Enter)
		got := readout(tab)
		if !strings.Contains(got, "RGB (0, 1, 201).") || !strings.Contains(got, "= 23.501.") ||
			!strings.Contains(got, ">> 15: 23.") || !strings.Contains(got, "np.rint: 24 (differs from OpenCV by 1)") ||
			!strings.Contains(got, "R + G + B = 202: fits in uint8.") {
			t.Errorf("the rounding case reads %q", got)
		}
		if v := browsertest.Eval[string](tab, `document.querySelector('.figure-live input[id$="-B"]').value`); v != "201" {
			t.Errorf("after the preset the blue slider is at %s, want 201", v)
		}
		tab.AssertClean()
	})

	t.Run("kernel_explorer_sums_the_window_under_each_border_mode", func(t *testing.T) {
		tab := open(t, "classical-vision/convolution/")
		want := "Output at row 0, column 0 (box blur (÷ 9), reflect-101 (OpenCV default), correlation as in filter2D): " +
			"values 6, 8, 6, 7, 9, 7, 6, 8, 6; 1·6 + 1·8 + 1·6 + 1·7 + 1·9 + 1·7 + 1·6 + 1·8 + 1·6 = 63; 63 / 9 = 7."
		if got := readout(tab); got != want {
			t.Errorf("the kernel explorer reads %q, want %q (the lesson's description quotes these numbers)", got, want)
		}
		// Border: reflect-101 → reflect with the keyboard. The corner window
		// is then 9 9 7 / 9 9 7 / 8 8 6: sum 72, output 8.
		focus(tab, `.figure-live select[id$="-border"]`)
		tab.Press(kb.ArrowDown)
		if got := readout(tab); !strings.Contains(got, "reflect,") || !strings.Contains(got, "values 9, 9, 7, 9, 9, 7, 8, 8, 6;") ||
			!strings.HasSuffix(got, "= 72; 72 / 9 = 8.") {
			t.Errorf("with BORDER_REFLECT the explorer reads %q", got)
		}
		// Kernel: box → Gaussian → sharpen → Sobel x → shift, then flip it:
		// correlation picks the right neighbour (7), convolution the left (a
		// reflected 9 under BORDER_REFLECT).
		focus(tab, `.figure-live select[id$="-kernel"]`)
		tab.Press(kb.End)
		if got := readout(tab); !strings.HasSuffix(got, "= 7.") {
			t.Errorf("the shift kernel at the corner reads %q, want the right-hand neighbour 7", got)
		}
		focus(tab, `.figure-live input[type=checkbox]`)
		tab.Press(" ")
		if got := readout(tab); !strings.Contains(got, "kernel flipped: convolution") || !strings.HasSuffix(got, "= 9.") {
			t.Errorf("the flipped shift kernel at the corner reads %q, want the left-hand (padded) neighbour 9", got)
		}
		// Move the window: column slider, then Next wraps to the next row.
		focus(tab, `.figure-live input[id$="-col"]`)
		tab.Press(kb.End)
		focus(tab, `.figure-live button`)
		tab.Press(kb.Enter)
		if got := readout(tab); !strings.HasPrefix(got, "Output at row 1, column 0 ") {
			t.Errorf("after End on the column and Next the explorer reads %q", got)
		}
		if n := browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg text").length`); n != 3+64+9+36 {
			t.Errorf("the explorer draws %d labels, want %d (3 titles, 64 input cells, 9 weights, 36 outputs)", n, 3+64+9+36)
		}
		tab.AssertClean()
	})

	t.Run("hysteresis_explorer_keeps_candidates_joined_to_strong_pixels", func(t *testing.T) {
		tab := open(t, "classical-vision/gradients-and-edges/")
		want := "Low 3, high 7, 8-connectivity: 3 strong pixels (≥ 7), 12 candidates kept (≥ 3 and joined to a strong pixel), " +
			"5 candidates dropped; the edge map has 15 pixels."
		if got := readout(tab); got != want {
			t.Errorf("the hysteresis explorer reads %q, want %q (the lesson's description quotes these numbers)", got, want)
		}
		// 4-connectivity, from the keyboard: the corner-turning chains break.
		focus(tab, `.figure-live input[type=checkbox]`)
		tab.Press(" ")
		if got := readout(tab); !strings.HasPrefix(got, "Low 3, high 7, 4-connectivity: 3 strong pixels (≥ 7), 8 candidates kept") ||
			!strings.Contains(got, " 9 candidates dropped;") {
			t.Errorf("with 4-connectivity the explorer reads %q, want 8 kept and 9 dropped", got)
		}
		tab.Press(" ")
		// Low 3 → 4 with ArrowRight: 6 kept, 7 dropped.
		focus(tab, `.figure-live input[id$="-low"]`)
		tab.Press(kb.ArrowRight)
		if got := readout(tab); !strings.HasPrefix(got, "Low 4, high 7, 8-connectivity: 3 strong pixels (≥ 7), 6 candidates kept") ||
			!strings.Contains(got, " 7 candidates dropped;") {
			t.Errorf("after ArrowRight on low the explorer reads %q, want 6 kept and 7 dropped", got)
		}
		// High 7 → 0 with Home: high may not go below low, so low follows it
		// down, and every pixel is strong.
		focus(tab, `.figure-live input[id$="-high"]`)
		tab.Press(kb.Home)
		if got := readout(tab); !strings.HasPrefix(got, "Low 0, high 0, 8-connectivity: 84 strong pixels") {
			t.Errorf("after Home on high the explorer reads %q, want low 0, high 0 and all 84 pixels strong", got)
		}
		if v := browsertest.Eval[string](tab, `document.querySelector('.figure-live input[id$="-low"]').value`); v != "0" {
			t.Errorf("after Home on high the low slider is at %s, want 0", v)
		}
		if n := browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg rect").length`); n != 84+4 {
			t.Errorf("the explorer draws %d rects, want %d (84 cells and 4 legend keys)", n, 84+4)
		}
		tab.AssertClean()
	})

	t.Run("otsu_explorer_shows_the_between_class_variance", func(t *testing.T) {
		tab := open(t, "classical-vision/histograms-and-thresholds/")
		want := "t = 4: class 0 (values ≤ 4) has w0 = 0.460 and mean 2.69; class 1 has w1 = 0.540 and mean 10.48; " +
			"between-class variance 15.048. Otsu's threshold is 7 (variance 18.106)."
		if got := readout(tab); got != want {
			t.Errorf("the Otsu explorer reads %q, want %q (the lesson's description quotes these numbers)", got, want)
		}
		// The slider from the keyboard: 4 → 5.
		focus(tab, `.figure-live input[id$="-t"]`)
		tab.Press(kb.ArrowRight)
		if got := readout(tab); !strings.HasPrefix(got, "t = 5: class 0 (values ≤ 5) has w0 = 0.531") ||
			!strings.Contains(got, "between-class variance 17.164.") {
			t.Errorf("after ArrowRight the Otsu explorer reads %q, want t = 5 with variance 17.164", got)
		}
		// The button jumps to the maximum.
		focus(tab, `.figure-live button`)
		tab.Press(kb.Enter)
		if got := readout(tab); !strings.HasPrefix(got, "t = 7:") || !strings.HasSuffix(got, "(variance 18.106), this one.") {
			t.Errorf("after Go to Otsu's t the explorer reads %q, want t = 7, the maximum", got)
		}
		if v := browsertest.Eval[string](tab, `document.querySelector('.figure-live input[id$="-t"]').value`); v != "7" {
			t.Errorf("after Go to Otsu's t the slider is at %s, want 7", v)
		}
		// End: the last threshold that leaves class 1 non-empty is 14.
		focus(tab, `.figure-live input[id$="-t"]`)
		tab.Press(kb.End)
		if got := readout(tab); !strings.HasPrefix(got, "t = 14: class 0 (values ≤ 14) has w0 = 0.982") {
			t.Errorf("after End the explorer reads %q, want t = 14", got)
		}
		if n := browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg rect").length`); n != 16 {
			t.Errorf("the explorer draws %d bars, want 16", n)
		}
		tab.AssertClean()
	})
}

// The static fallbacks of these figures are what their scripts draw: each
// script, run with --check, exits 1 when a committed SVG differs.
func TestClassicalVisionFigureFallbacksAreUpToDate(t *testing.T) {
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
	for _, script := range []string{"pixel-mixer.py", "kernel-explorer.py", "hysteresis-explorer.py", "otsu-explorer.py"} {
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
