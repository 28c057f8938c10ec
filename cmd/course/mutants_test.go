package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTestMutants runs `course test --mutants` on the mse exercise: its
// checker kills every mutant; a stale mark in equivalent-mutants.txt, a
// share below --min-share (default 90) and a bad --min-share fail with their exit codes.
func TestTestMutants(t *testing.T) {
	dir := exerciseProject(t)
	mse := filepath.Join(dir, "exercises/loss-functions/mse")
	steps := []struct {
		name   string
		args   []string
		code   int
		out    []string
		before func()
	}{
		{"every mutant killed", []string{"loss-functions/mse"}, 0,
			[]string{"loss-functions/mse", "100.0%", "overall: ", "ok"}, nil},
		{"a stale mark", []string{"loss-functions/mse"}, 1,
			[]string{"equivalent-mutants.txt:1: mutant 99:1:Add->Sub no longer exists", "FAILED"}, func() {
				os.WriteFile(filepath.Join(mse, "equivalent-mutants.txt"), []byte("99:1:Add->Sub gone\n"), 0o644)
			}},
		{"a weaker checker", []string{"loss-functions/mse", "--min-share", "100"}, 1,
			[]string{"surviving mutant", "line 8: raise ValueError", "95.0%", "below 100%", "FAILED"}, func() {
				os.Remove(filepath.Join(mse, "equivalent-mutants.txt"))
				check, _ := os.ReadFile(filepath.Join(mse, "check.py"))
				weak := strings.Replace(string(check), "def test_mse_and_mae_reject_empty_lists", "def _unused", 1)
				os.WriteFile(filepath.Join(mse, "check.py"), []byte(weak), 0o644)
			}},
		{"the same, with the default bar of 90%", []string{"loss-functions/mse"}, 0, []string{"surviving mutant", "ok"}, nil},
		{"a bar that is no percentage", []string{"loss-functions/mse", "--min-share", "150"}, 2, nil, nil},
		{"no local exercise in the module", []string{"loss-functions", "--runtime", "local"}, 2, nil, nil},
		{"an unknown runtime", []string{"loss-functions", "--runtime", "gpu"}, 2, nil, nil},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		var out, errb bytes.Buffer
		code := run(append([]string{"test", "--mutants", "--source", dir}, s.args...), &out, &errb)
		if code != s.code {
			t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", s.name, code, s.code, out.String(), errb.String())
			continue
		}
		for _, want := range s.out {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: stdout lacks %q:\n%s", s.name, want, out.String())
			}
		}
	}
}
