package exercise

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Schema is the version of the report format this package reads and writes
// (exercises/_lib/report.schema.json).
const Schema = 1

// Report statuses.
const (
	StatusPass  = "pass"
	StatusFail  = "fail"
	StatusError = "error"
	StatusSkip  = "skip" // tests only
)

// ImportTest is the name of the pseudo-test that loads the learner's file.
const ImportTest = "import"

// Report is the result of one check; see report.schema.json for the meaning
// of every field.
type Report struct {
	Schema   int              `json:"schema"`
	Exercise string           `json:"exercise"`
	Status   string           `json:"status"`
	Error    string           `json:"error"`
	Stdout   string           `json:"stdout"`
	Tests    []TestResult     `json:"tests"`
	Summary  Summary          `json:"summary"`
	Cases    map[string]Cases `json:"cases"`
}

// TestResult is one test's outcome.
type TestResult struct {
	Name       string  `json:"name"`
	Status     string  `json:"status"`
	Message    string  `json:"message"`
	Input      string  `json:"input"`
	Expected   string  `json:"expected"`
	Actual     string  `json:"actual"`
	Stdout     string  `json:"stdout"`
	Traceback  string  `json:"traceback"`
	DurationMS float64 `json:"duration_ms"`
}

// Summary counts the tests by status.
type Summary struct {
	Total      int     `json:"total"`
	Passed     int     `json:"passed"`
	Failed     int     `json:"failed"`
	Errors     int     `json:"errors"`
	Skipped    int     `json:"skipped"`
	DurationMS float64 `json:"duration_ms"`
}

// Cases counts the inputs a reference function was compared on.
type Cases struct {
	Edge   int `json:"edge"`
	Random int `json:"random"`
}

// DecodeReport parses a report, rejecting unknown fields, another schema
// version and statuses outside the schema.
func DecodeReport(data []byte) (*Report, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("report: schema %d, want %d", r.Schema, Schema)
	}
	if r.Status != StatusPass && r.Status != StatusFail && r.Status != StatusError {
		return nil, fmt.Errorf("report: status %q", r.Status)
	}
	for _, t := range r.Tests {
		switch t.Status {
		case StatusPass, StatusFail, StatusError, StatusSkip:
		default:
			return nil, fmt.Errorf("report: test %s has status %q", t.Name, t.Status)
		}
	}
	if r.Cases == nil {
		r.Cases = map[string]Cases{}
	}
	return &r, nil
}

// Passed reports whether every test passed.
func (r *Report) Passed() bool { return r.Status == StatusPass }

// Recount recomputes Summary's counts and Status (unless it is an error)
// from Tests.
func (r *Report) Recount() {
	s := Summary{Total: len(r.Tests), DurationMS: r.Summary.DurationMS}
	for _, t := range r.Tests {
		switch t.Status {
		case StatusPass:
			s.Passed++
		case StatusFail:
			s.Failed++
		case StatusError:
			s.Errors++
		case StatusSkip:
			s.Skipped++
		}
	}
	r.Summary = s
	if r.Status != StatusError {
		r.Status = StatusFail
		if s.Total > 0 && s.Passed == s.Total {
			r.Status = StatusPass
		}
	}
}

// JSON returns the report as indented JSON with a final newline.
func (r *Report) JSON() []byte {
	if r.Tests == nil {
		r.Tests = []TestResult{}
	}
	if r.Cases == nil {
		r.Cases = map[string]Cases{}
	}
	b, _ := json.MarshalIndent(r, "", "  ")
	return append(b, '\n')
}

// Render writes the report for a terminal: one line per test, the details
// of each test that did not pass, then a summary line. It shows every field
// the page shows, in the same order.
func (r *Report) Render(w io.Writer) {
	fmt.Fprintf(w, "%s\n", r.Exercise)
	if r.Status == StatusError {
		fmt.Fprintf(w, "  the checker could not run:\n%s\n", indent(r.Error, "    "))
		return
	}
	if r.Stdout != "" {
		fmt.Fprintf(w, "  your file printed while loading:\n%s\n", indent(r.Stdout, "    | "))
	}
	shown := map[string]bool{}
	for _, t := range r.Tests {
		fmt.Fprintf(w, "  %s %s\n", mark(t.Status), t.Name)
		if t.Status == StatusPass || t.Status == StatusSkip {
			continue
		}
		if t.Message != "" {
			fmt.Fprintf(w, "%s\n", indent(t.Message, "      "))
		}
		field := func(label, v string) {
			if v == "" {
				return
			}
			if strings.Contains(v, "\n") {
				fmt.Fprintf(w, "      %s\n%s\n", label, indent(v, "        "))
			} else {
				fmt.Fprintf(w, "      %-9s %s\n", label, v)
			}
		}
		field("input:", t.Input)
		field("expected:", t.Expected)
		field("got:", t.Actual)
		if t.Stdout != "" {
			fmt.Fprintf(w, "      printed:\n%s\n", indent(t.Stdout, "        | "))
		}
		if t.Traceback != "" && shown[t.Traceback] {
			fmt.Fprintf(w, "      (the same traceback as above)\n")
		} else if t.Traceback != "" {
			fmt.Fprintf(w, "%s\n", indent(t.Traceback, "      "))
			shown[t.Traceback] = true
		}
	}
	fmt.Fprintf(w, "  %s\n", r.SummaryLine())
}

// SummaryLine says how many tests passed, e.g. "5 of 7 tests pass (1 failed, 1 error)".
func (r *Report) SummaryLine() string {
	if r.Status == StatusError {
		return "the checker could not run"
	}
	s := r.Summary
	line := fmt.Sprintf("%d of %d tests pass", s.Passed, s.Total)
	var extra []string
	if s.Failed > 0 {
		extra = append(extra, fmt.Sprintf("%d failed", s.Failed))
	}
	if s.Errors > 0 {
		extra = append(extra, fmt.Sprintf("%d error", s.Errors)+plural(s.Errors))
	}
	if s.Skipped > 0 {
		extra = append(extra, fmt.Sprintf("%d skipped", s.Skipped))
	}
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	return line
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func mark(status string) string {
	switch status {
	case StatusPass:
		return "✓"
	case StatusSkip:
		return "-"
	}
	return "✗"
}

func indent(s, prefix string) string {
	s = strings.TrimRight(s, "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(prefix+l, " ")
	}
	return strings.Join(lines, "\n")
}
