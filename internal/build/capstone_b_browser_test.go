package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/mlcourse/course/internal/browsertest"
)

// The confusion-matrix figure of the capstone's fine-tuning lesson mounts on
// the real page, opens on the largest confusion with the precision and recall
// the lesson quotes, and answers the mouse and the keyboard.
func TestBrowserCapstoneConfusionExplorer(t *testing.T) {
	base := serveBundledCourse(t)
	br := browsertest.Shared(t)
	tab := br.NewTab(t)
	tab.Navigate(base + "capstone/fine-tune/")
	tab.WaitFor(`[...document.querySelectorAll("figure.live-figure")].every((f) => f.dataset.mounted === "true")`)
	if cls := layoutShift(tab); cls > 0.01 {
		t.Errorf("the layout shifted by %.4f while loading, want < 0.01", cls)
	}
	type state struct {
		FallbackHidden bool   `json:"fallbackHidden"`
		Sized          bool   `json:"sized"`
		Focusable      bool   `json:"focusable"`
		DescribedBy    string `json:"describedBy"`
		Unlabelled     int    `json:"unlabelled"`
		Rects          int    `json:"rects"`
	}
	got := browsertest.Eval[state](tab, `(() => {
		const fig = document.querySelector("figure.live-figure");
		const live = fig.querySelector(".figure-live");
		const svg = live.querySelector("svg");
		return {
			fallbackHidden: getComputedStyle(fig.querySelector(".figure-fallback")).display === "none",
			sized: !!svg && svg.hasAttribute("viewBox") && svg.hasAttribute("width") && svg.hasAttribute("height"),
			focusable: !!svg && svg.getAttribute("tabindex") === "0",
			describedBy: live.getAttribute("aria-describedby") || "",
			unlabelled: [...live.querySelectorAll("input, select")].filter((c) => !c.labels || c.labels.length === 0).length,
			rects: svg ? svg.querySelectorAll("rect").length : 0,
		};
	})()`)
	if !got.FallbackHidden || !got.Sized || !got.Focusable || got.DescribedBy == "" || got.Unlabelled != 0 || got.Rects != 37 {
		t.Errorf("after the mount: %+v; want the fallback hidden, a sized focusable SVG, a description, "+
			"every control labelled and 37 rects (36 cells and the selection)", got)
	}
	readout := func() string {
		return browsertest.Eval[string](tab, `document.querySelector(".figure-live [aria-live]").textContent`)
	}
	focus := func(selector string) {
		browsertest.Eval[bool](tab, `(document.querySelector(`+"`"+selector+"`"+`).focus(), true)`)
	}

	steps := []struct {
		name string
		do   func()
		want string
	}{
		{"opens on the largest confusion", func() {},
			"True plain rust, predicted plain red: 12 of 24 plain rust examples (50.0 %); never the reverse. " +
				"plain rust: precision 1.000, recall 0.500. plain red: precision 0.667, recall 1.000."},
		{"ArrowRight moves to the diagonal", func() { focus(".figure-live svg"); tab.Press(kb.ArrowRight) },
			"plain rust predicted as plain rust (correct): 12 of 24 plain rust examples (50.0 %). " +
				"plain rust: precision 1.000, recall 0.500."},
		{"ArrowUp moves to the reverse cell", func() { tab.Press(kb.ArrowUp) },
			"True plain red, predicted plain rust: 0 of 24 plain red examples (0.0 %); the reverse, plain rust taken for plain red, 12. " +
				"plain red: precision 0.667, recall 1.000. plain rust: precision 1.000, recall 0.500."},
		{"Home goes to the first column", func() { tab.Press(kb.Home) },
			"True plain red, predicted fine stripes: 0 of 24 plain red examples (0.0 %); never the reverse. " +
				"plain red: precision 0.667, recall 1.000. fine stripes: precision 1.000, recall 0.750."},
		{"Next confusion starts from the largest", func() { focus(".figure-live button"); tab.Press(kb.Enter) },
			"True plain rust, predicted plain red: 12 of 24 plain rust examples (50.0 %); never the reverse. " +
				"plain rust: precision 1.000, recall 0.500. plain red: precision 0.667, recall 1.000."},
		{"Next confusion steps to the second", func() { tab.Press(kb.Enter) },
			"True fine stripes, predicted coarse stripes: 6 of 24 fine stripes examples (25.0 %); never the reverse. " +
				"fine stripes: precision 1.000, recall 0.750. coarse stripes: precision 0.800, recall 1.000."},
		{"hovering a cell selects it", func() {
			browsertest.Eval[bool](tab, `(document.querySelector('.figure-live [data-cell="2,2"]').dispatchEvent(new MouseEvent("mouseenter")), true)`)
		}, "green spots predicted as green spots (correct): 24 of 24 green spots examples (100.0 %). " +
			"green spots: precision 1.000, recall 1.000."},
	}
	for _, s := range steps {
		s.do()
		if r := readout(); r != s.want {
			t.Errorf("%s: the figure reads %q, want %q", s.name, r, s.want)
		}
	}

	// The order menu, from the keyboard: the most confused classes first.
	rowLabels := func() string {
		return browsertest.Eval[string](tab, `[...document.querySelectorAll('.figure-live svg text[text-anchor="end"]')]
			.slice(0, 6).map((e) => e.textContent).join(", ")`)
	}
	if got := rowLabels(); got != "fine stripes, coarse stripes, green spots, plain red, plain rust, purple rings" {
		t.Errorf("the rows in data-set order are %q", got)
	}
	focus(".figure-live select")
	tab.Press(kb.ArrowDown)
	if got, want := rowLabels(), "plain red, plain rust, fine stripes, coarse stripes, green spots, purple rings"; got != want {
		t.Errorf("with the most confused first the rows are %q, want %q", got, want)
	}
	// Arrow keys follow the displayed order: the top-left cell is now red/red.
	focus(".figure-live svg")
	for i := 0; i < 6; i++ {
		tab.Press(kb.ArrowUp)
	}
	tab.Press(kb.Home)
	if got := readout(); !strings.HasPrefix(got, "plain red predicted as plain red (correct): 24 of 24") {
		t.Errorf("after ArrowUp and Home in the sorted matrix the figure reads %q, want the plain red diagonal", got)
	}
	tab.AssertClean()
}

// The figure shows the matrix the lesson's training script printed: the
// counts in the figure's attributes equal the confusion matrix in the output
// block of train_pets.py, which the tests compare with a real run.
func TestCapstoneConfusionFigureMatchesTheTrainingRun(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "content", "05-capstone", "02-fine-tune.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	attr := regexp.MustCompile(`(?m)^::: figure confusion-explorer \{classes="([^"]*)" counts="([^"]*)"\}$`).FindStringSubmatch(text)
	if attr == nil {
		t.Fatal("no ::: figure confusion-explorer line with classes and counts")
	}
	_, after, ok := strings.Cut(text, "confusion matrix (rows true, columns predicted):\n")
	if !ok {
		t.Fatal("the lesson's output block has no confusion matrix")
	}
	names := strings.Split(attr[1], ",")
	lines := strings.Split(after, "\n")
	if len(lines) < len(names) {
		t.Fatalf("the printed matrix has fewer than %d rows", len(names))
	}
	var rows []string
	for _, l := range lines[:len(names)] {
		rows = append(rows, strings.Join(strings.Fields(l), " "))
	}
	if got, want := attr[2], strings.Join(rows, "/"); got != want {
		t.Errorf("the figure's counts are %q, the training run printed %q", got, want)
	}
	for _, name := range names {
		if !strings.Contains(text, "  "+name+" ") || !strings.Contains(text, "\"fine stripes\", \"coarse stripes\"") {
			t.Errorf("class %q of the figure is not a class of the script's report", name)
		}
	}
}

// The static fallback is what scripts/figures/confusion-explorer.py draws
// from the lesson's attributes.
func TestCapstoneConfusionFallbackIsUpToDate(t *testing.T) {
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
	cmd := exec.Command(python, filepath.Join("scripts", "figures", "confusion-explorer.py"), "--check")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("scripts/figures/confusion-explorer.py --check: %v\n%s", err, out)
	}
}
