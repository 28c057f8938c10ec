package markdown

import (
	"strings"
	"testing"
)

func TestQuizHints(t *testing.T) {
	conv := New(Options{})
	q := func(body string) string { return "::: quiz\nQ?\n\n" + body + ":::\n" }
	tests := []struct {
		name, src, msg, hint string
	}{
		{"no correct option", q("- [ ] a\n  > A.\n- [ ] b\n  > B.\n"), "a question without a correct option", "mark exactly one option as correct with [x]"},
		{"two correct", q("- [x] a\n  > A.\n- [x] b\n  > B.\n"), "a question with 2 correct options", "mark exactly one option as correct with [x]"},
		{"no explanation", q("- [x] a\n  > A.\n- [ ] b\n"), "an option without an explanation", "indent a > line under the option"},
		{"plain item", q("- [x] a\n  > A.\n- b is wrong\n  > B.\n"), "an option that is not a task item", "start it with [ ] (wrong) or [x] (the correct option): - [ ] b is wrong"},
		{"seven options", q(strings.Repeat("- [ ] a\n  > A.\n", 6) + "- [x] b\n  > B.\n"), "a question with 7 option(s)", "give each question 2 to 6 options"},
		{"no options", "::: quiz\nQ?\n:::\n", "a question without options", "add its options under it as a task list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := conv.Convert([]byte(tt.src), nil)
			if len(res.Problems) != 1 {
				t.Fatalf("problems = %+v, want one", res.Problems)
			}
			if p := res.Problems[0]; p.Msg != tt.msg || !strings.HasPrefix(p.Hint, tt.hint) {
				t.Errorf("got %q (%s), want %q (%s…)", p.Msg, p.Hint, tt.msg, tt.hint)
			}
		})
	}
}

// A question keeps its id when questions are added around it, and gets a
// new one when its prompt changes: remembered answers follow the question.
func TestQuizQuestionIDsFollowThePrompt(t *testing.T) {
	conv := New(Options{})
	question := func(prompt string) string { return prompt + "\n\n- [x] a\n  > A.\n- [ ] b\n  > B.\n\n" }
	ids := func(src string) []string {
		res := conv.Convert([]byte("::: quiz\n"+src+":::\n"), nil)
		if len(res.Problems) > 0 {
			t.Fatalf("problems: %+v", res.Problems)
		}
		var out []string
		for _, part := range strings.Split(string(res.HTML), `data-question="`)[1:] {
			out = append(out, part[:strings.IndexByte(part, '"')])
		}
		return out
	}
	alone := ids(question("Why *MAE*?"))
	after := ids(question("A new first question?") + question("Why *MAE*?"))
	spaced := ids(question("Why\n*MAE*?"))
	changed := ids(question("Why MSE?"))
	if len(alone) != 1 || len(after) != 2 || after[1] != alone[0] || spaced[0] != alone[0] {
		t.Errorf("ids moved: alone %v, after another %v, rewrapped %v", alone, after, spaced)
	}
	if changed[0] == alone[0] {
		t.Errorf("a changed prompt kept its id %s", alone[0])
	}
}
