package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestFigureHints(t *testing.T) {
	conv := New(Options{Figures: []string{"loss-curves", "split-grid"}, FigureDir: "themes/default/static/js/figures"})
	tests := []struct {
		name, src, msg, hint string
	}{
		{"near name", "::: figure loss-curvs\nD.\n\n![f](f.svg)\n:::\n", `unknown figure component "loss-curvs"`,
			`did you mean "loss-curves"?`},
		{"far name", "::: figure spinner\nD.\n\n![f](f.svg)\n:::\n", `unknown figure component "spinner"`,
			"known components: loss-curves, split-grid; a component is a file themes/default/static/js/figures/NAME.js"},
		{"no fallback", "::: figure loss-curves\nD.\n:::\n", "a figure without a static fallback", "end the figure with"},
		{"no description", "::: figure loss-curves\n![f](f.svg)\n:::\n", "a figure without a description", "write, before the fallback,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := conv.Convert([]byte(tt.src), nil)
			if len(res.Problems) != 1 {
				t.Fatalf("problems = %+v, want one", res.Problems)
			}
			p := res.Problems[0]
			if p.Msg != tt.msg || !strings.HasPrefix(p.Hint, tt.hint) {
				t.Errorf("got %q (%s), want %q (%s…)", p.Msg, p.Hint, tt.msg, tt.hint)
			}
			if len(res.Scripts) != 0 {
				t.Errorf("a figure with problems declared scripts %v", res.Scripts)
			}
		})
	}
}

func TestDirectivesDeclareTheirScriptsOncePerPage(t *testing.T) {
	quiz := "::: quiz\nQ?\n\n- [x] a\n  > A.\n- [ ] b\n  > B.\n:::\n\n"
	fig := func(name string) string { return "::: figure " + name + "\nD.\n\n![f](f.svg)\n:::\n\n" }
	conv := New(Options{Figures: []string{"loss-curves", "split-grid"}})
	tests := []struct {
		name, src string
		want      []string
	}{
		{"plain page", "# Title\n\nText.\n", nil},
		{"one quiz", quiz, []string{"js/quiz.js"}},
		{"two quizzes", quiz + quiz, []string{"js/quiz.js"}},
		{"figures and a quiz", fig("split-grid") + quiz + fig("loss-curves") + fig("split-grid"),
			[]string{"js/figures/split-grid.js", "js/figures.js", "js/quiz.js", "js/figures/loss-curves.js"}},
		{"tabs need nothing", ":::: tabs\n::: tab A\nx\n:::\n::::\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := conv.Convert([]byte(tt.src), nil)
			if len(res.Problems) > 0 {
				t.Fatalf("problems: %+v", res.Problems)
			}
			if !reflect.DeepEqual(res.Scripts, tt.want) {
				t.Errorf("scripts = %q, want %q", res.Scripts, tt.want)
			}
		})
	}
}

func TestHandlersCanDeclareScripts(t *testing.T) {
	conv := New(Options{Directives: map[string]DirectiveHandler{
		"runner": {Usage: "::: runner", Check: func(d *Directive, src []byte, report func(int, string, string)) {
			d.UseScripts("js/runner.js", "js/quiz.js")
		}},
	}})
	res := conv.Convert([]byte("::: quiz\nQ?\n\n- [x] a\n  > A.\n- [ ] b\n  > B.\n:::\n\n::: runner\nx\n:::\n"), nil)
	if want := []string{"js/quiz.js", "js/runner.js"}; !reflect.DeepEqual(res.Scripts, want) {
		t.Errorf("scripts = %q, want %q", res.Scripts, want)
	}
}

func TestQuizAndFigureIDsAreLinkable(t *testing.T) {
	conv := New(Options{Figures: []string{"loss-curves"}})
	src := "## Figure loss-curves {#figure-loss-curves}\n\n::: figure loss-curves\nD.\n\n![f](f.svg)\n:::\n\n::: quiz\nQ?\n\n- [x] a\n  > A.\n- [ ] b\n  > B.\n:::\n"
	res := conv.Convert([]byte(src), nil)
	for _, id := range []string{"figure-loss-curves", "figure-loss-curves-2", "quiz-c1ce7ac6"} {
		if !res.IDs[id] {
			t.Errorf("IDs lack %q: %v", id, res.IDs)
		}
	}
	if !strings.Contains(string(res.HTML), `id="figure-loss-curves-2-desc"`) {
		t.Errorf("the figure does not avoid the heading's id:\n%s", res.HTML)
	}
}
