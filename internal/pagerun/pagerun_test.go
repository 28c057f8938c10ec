package pagerun

import (
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/exercise"
)

func report(mod func(r *exercise.Report)) *exercise.Report {
	r := &exercise.Report{Schema: 1, Exercise: "m/x", Status: "fail", Tests: []exercise.TestResult{
		{Name: "import", Status: "pass", DurationMS: 3},
		{Name: "test_a", Status: "fail", Message: "f([1.5]): expected 2.25, got -53.47000000000001", Input: "f([1.5])",
			Expected: "2.25", Actual: "-53.47000000000001", DurationMS: 1.5},
		{Name: "test_b", Status: "error", Message: "f([0]) raised ZeroDivisionError: float division by zero",
			Traceback: "Traceback (most recent call last):\n  File \"x.py\", line 2, in f\n    return [1 / v for v in x]\n           ^^^^^^^^^^^^^^^^^^\n  File \"x.py\", line 2, in <listcomp>\n    return [1 / v for v in x]\n            ~~^~~\nZeroDivisionError: float division by zero\n"},
	}, Summary: exercise.Summary{Total: 3, Passed: 1, Failed: 1, Errors: 1, DurationMS: 9}}
	if mod != nil {
		mod(r)
	}
	return r
}

func TestCompare(t *testing.T) {
	cases := []struct {
		name    string
		page    func(r *exercise.Report)
		verdict string
		diff    string
	}{
		{"identical", nil, Same, ""},
		{"timings differ", func(r *exercise.Report) { r.Tests[1].DurationMS = 99; r.Summary.DurationMS = 1 }, Same, ""},
		{"compensated float sum", func(r *exercise.Report) {
			r.Tests[1].Actual = "-53.47"
			r.Tests[1].Message = "f([1.5]): expected 2.25, got -53.47"
		}, Equivalent, ""},
		{"division wording of 3.14", func(r *exercise.Report) {
			r.Tests[2].Message = "f([0]) raised ZeroDivisionError: division by zero"
			r.Tests[2].Traceback = strings.ReplaceAll(r.Tests[2].Traceback, "float division", "division")
		}, Equivalent, ""},
		{"3.14 error wording, carets and inlined comprehensions", func(r *exercise.Report) {
			r.Tests[2].Message = "f([0]) raised ZeroDivisionError: expected a nonzero divisor"
			r.Tests[2].Traceback = "Traceback (most recent call last):\n  File \"x.py\", line 2, in f\n    return [1 / v for v in x]\n            ~~^~~\nZeroDivisionError: expected a nonzero divisor\n"
		}, Equivalent, ""},
		{"another status", func(r *exercise.Report) { r.Tests[1].Status = "pass"; r.Status = "fail" }, Differs, "test test_a differs"},
		{"another actual value", func(r *exercise.Report) { r.Tests[1].Actual = "-53.5" }, Differs, "test test_a differs"},
		{"another input", func(r *exercise.Report) { r.Tests[1].Input = "f([1.6])" }, Differs, "test test_a differs"},
		{"another exception", func(r *exercise.Report) {
			r.Tests[2].Message = "f([0]) raised ValueError: float division by zero"
		}, Differs, "test test_b differs"},
		{"another learner frame", func(r *exercise.Report) {
			r.Tests[2].Traceback = strings.ReplaceAll(r.Tests[2].Traceback, "line 2", "line 3")
		}, Differs, "test test_b differs"},
		{"a missing test", func(r *exercise.Report) { r.Tests = r.Tests[:2] }, Differs, "3 tests locally, 2 in the page"},
		{"overall status", func(r *exercise.Report) { r.Status = "error" }, Differs, "status fail locally, error in the page"},
		{"cases", func(r *exercise.Report) { r.Cases = map[string]exercise.Cases{"f": {Edge: 1, Random: 20}} }, Differs, "cases"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			verdict, diff := Compare(report(nil), report(c.page))
			if verdict != c.verdict || !strings.Contains(diff, c.diff) || (c.diff == "") != (diff == "") {
				t.Fatalf("Compare = %q, %q; want %q, %q", verdict, diff, c.verdict, c.diff)
			}
		})
	}
}
