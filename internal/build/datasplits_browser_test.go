package build_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
)

// serveBundledCourse serves the course of this repository, built under
// basePath once per test binary (the tests only read it), and removed by
// TestMain.
func serveBundledCourse(t *testing.T) string {
	t.Helper()
	bundled.once.Do(func() {
		src, err := filepath.Abs("../..")
		if err != nil {
			bundled.err = err
			return
		}
		if _, err := os.Stat(filepath.Join(src, "content", "02-data-splits")); err != nil {
			bundled.err = fmt.Errorf("the bundled course has no data-splits module: %v", err)
			return
		}
		if bundled.dir, bundled.err = os.MkdirTemp("", "course-bundled-"); bundled.err != nil {
			return
		}
		b, err := build.New(build.Options{Source: src, BaseURL: basePath, NoCache: true})
		if err != nil {
			bundled.err = err
			return
		}
		defer b.Close()
		res, err := b.Write(filepath.Join(bundled.dir, "public"))
		if err == nil && !res.OK() {
			err = fmt.Errorf("%v", res.Diags)
		}
		bundled.err = err
	})
	if bundled.err != nil {
		t.Fatalf("building the bundled course: %v", bundled.err)
	}
	return browsertest.ServeDir(t, filepath.Join(bundled.dir, "public"), basePath)
}

// bundled is the build serveBundledCourse shares.
var bundled struct {
	once sync.Once
	dir  string
	err  error
}

// The figures of the orientation and data-splits lessons mount on the real
// pages, show the numbers their descriptions state, and answer the
// keyboard.
func TestBrowserDataSplitsFigures(t *testing.T) {
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
				sized: !svg || (svg.hasAttribute("viewBox") && svg.hasAttribute("width") && svg.hasAttribute("height")),
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

	t.Run("split_grid_shows_the_leak_and_the_group_split_removes_it", func(t *testing.T) {
		tab := open(t, "data-splits/leakage/")
		want := "train 28 (16 cats, 12 dogs); test 12 (10 cats, 2 dogs). Groups cut across sets: 9 of 18 (dashed red: the same pet is on both sides, a leak)."
		if got := readout(tab); got != want {
			t.Errorf("the leakage figure reads %q, want %q (the lesson's description quotes these numbers)", got, want)
		}
		focus(tab, ".figure-live select")
		tab.Press(kb.ArrowDown + kb.ArrowDown) // random → stratified → by group
		if got := readout(tab); !strings.Contains(got, "Groups cut across sets: 0 of 18.") {
			t.Errorf("split by group, the figure reads %q; want no group cut", got)
		}
		before := readout(tab)
		focus(tab, ".figure-live button")
		tab.Press(kb.Enter)
		if got := browsertest.Eval[string](tab, `document.querySelector(".figure-live button").nextElementSibling.textContent`); got != "seed 2" {
			t.Errorf("after Reshuffle the seed reads %q, want seed 2", got)
		}
		if got := readout(tab); got == before || !strings.Contains(got, "Groups cut across sets: 0 of 18.") {
			t.Errorf("after Reshuffle the figure reads %q (before: %q); want a new split with no group cut", got, before)
		}
		fill := func() string {
			return browsertest.Eval[string](tab, `getComputedStyle(document.querySelector(".figure-live svg circle, .figure-live svg rect:not([rx])")).fill`)
		}
		browsertest.Eval[bool](tab, `(document.documentElement.setAttribute("data-theme", "light"), true)`)
		light := fill()
		browsertest.Eval[bool](tab, `(document.documentElement.setAttribute("data-theme", "dark"), true)`)
		if dark := fill(); dark == light {
			t.Errorf("a sample is %s in both light and dark mode", dark)
		}
		tab.AssertClean()
	})

	t.Run("split_grid_stratifies_as_the_lesson_says", func(t *testing.T) {
		tab := open(t, "data-splits/stratification/")
		if got, want := readout(tab), "train 21 (10 cats, 7 dogs, 4 birds); test 9 (5 cats, 3 dogs, 1 bird)."; got != want {
			t.Errorf("the stratification figure reads %q, want %q", got, want)
		}
		tab.AssertClean()
	})

	t.Run("kfold_diagram_follows_the_slider", func(t *testing.T) {
		tab := open(t, "data-splits/cross-validation/")
		if got := readout(tab); !strings.HasPrefix(got, "Every sample is tested exactly once") || !strings.Contains(got, "Fold 5: test 16–19 (4), train 16.") {
			t.Errorf("5-fold of 20 reads %q", got)
		}
		rows := func() int {
			return browsertest.Eval[int](tab, `document.querySelectorAll(".figure-live svg rect").length`)
		}
		if got := rows(); got != 100 {
			t.Errorf("5 folds of 20 samples draw %d cells, want 100", got)
		}
		focus(tab, ".figure-live input[type=range]")
		tab.Press(kb.ArrowRight)
		// k = 6 on 20 samples: 20 % 6 = 2 folds of 4, then four of 3.
		if got := readout(tab); !strings.Contains(got, "Fold 2: test 4–7 (4)") || !strings.Contains(got, "Fold 6: test 17–19 (3), train 17.") {
			t.Errorf("6-fold of 20 reads %q", got)
		}
		if got := rows(); got != 120 {
			t.Errorf("6 folds of 20 samples draw %d cells, want 120", got)
		}
		tab.AssertClean()
	})

	t.Run("time_splits_follow_the_gap", func(t *testing.T) {
		tab := open(t, "data-splits/time-and-shift/")
		want := "Test windows of 4 samples; each trains only on earlier samples, 2 left out before the window. " +
			"Split 1: test 4–7 (4), train 2; Split 2: test 8–11 (4), train 6; Split 3: test 12–15 (4), train 10; Split 4: test 16–19 (4), train 14."
		if got := readout(tab); got != want {
			t.Errorf("the time figure reads %q, want %q", got, want)
		}
		gap := `[...document.querySelectorAll(".figure-live input[type=range]")].pop()`
		browsertest.Eval[bool](tab, `(`+gap+`.focus(), true)`)
		tab.Press(kb.ArrowRight)
		if got := readout(tab); !strings.Contains(got, "3 left out") || !strings.Contains(got, "Split 1: test 4–7 (4), train 1;") {
			t.Errorf("with gap 3 the figure reads %q", got)
		}
		tab.Press(kb.End)
		if got := readout(tab); got != "Not possible: 4 splits of 4 with gap 6 leave no training sample: lower the splits or the gap." {
			t.Errorf("with gap 6 the figure reads %q", got)
		}
		tab.AssertClean()
	})

	t.Run("workflow_steps_with_buttons_and_wraps_around", func(t *testing.T) {
		tab := open(t, "orientation/what-ml-engineers-do/")
		title := func() string {
			return browsertest.Eval[string](tab, `document.querySelector(".figure-live [aria-live] p").textContent`)
		}
		if got := title(); got != "Step 1 of 8: Frame" {
			t.Errorf("the workflow starts at %q", got)
		}
		next := `[...document.querySelectorAll(".figure-live button")].find((b) => b.textContent.startsWith("Next"))`
		browsertest.Eval[bool](tab, `(`+next+`.focus(), true)`)
		tab.Press(kb.Enter)
		if got := title(); got != "Step 2 of 8: Data" {
			t.Errorf("after Next the workflow shows %q", got)
		}
		if got := browsertest.Eval[string](tab, `document.querySelector('.figure-live button[aria-current="step"]').textContent`); got != "2. Data" {
			t.Errorf("the current step button is %q", got)
		}
		prev := `[...document.querySelectorAll(".figure-live button")].find((b) => b.textContent.startsWith("←"))`
		browsertest.Eval[bool](tab, `(`+prev+`.focus(), true)`)
		tab.Press(kb.Enter + kb.Enter)
		if got := title(); got != "Step 8 of 8: Monitor" {
			t.Errorf("Previous from the first step shows %q, want the last", got)
		}
		tab.AssertClean()
	})
}

// The static fallbacks of these figures are what their scripts draw: each
// script, run with --check, exits 1 when a committed SVG differs.
func TestDataSplitsFigureFallbacksAreUpToDate(t *testing.T) {
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
	for _, script := range []string{"split-grid.py", "kfold-diagram.py", "ml-workflow.py"} {
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
