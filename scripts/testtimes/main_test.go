package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .out files in testdata")

// TestOutputs runs each mode on the files in testdata and compares what it
// prints with the .out file beside them (go test -update rewrites them).
// gotest.json is a real `go test -json` stream with a passing, a failing
// (in a subtest) and a skipped test.
func TestOutputs(t *testing.T) {
	for _, c := range []struct {
		name string
		run  func(out *bytes.Buffer) error
	}{
		{"gotest", func(out *bytes.Buffer) error {
			in, err := os.Open("testdata/gotest.json")
			if err != nil {
				return err
			}
			defer in.Close()
			return cmdGotest([]string{"-save", filepath.Join(t.TempDir(), "go.json")}, in, out)
		}},
		// A test binary that timed out: the hanging test never ends, and
		// its output (the panic with every goroutine) must still show.
		{"gotest-timeout", func(out *bytes.Buffer) error {
			in, err := os.Open("testdata/gotest-timeout.json")
			if err != nil {
				return err
			}
			defer in.Close()
			return cmdGotest(nil, in, out)
		}},
		{"table", func(out *bytes.Buffer) error {
			return cmdTable([]string{"-go", "testdata/run1/go.json", "-course", "testdata/course.jsonl", "-stages", "testdata/stages.tsv"}, out)
		}},
		{"table-missing-files", func(out *bytes.Buffer) error {
			return cmdTable([]string{"-go", "testdata/none.json", "-course", "testdata/none.jsonl", "-stages", "testdata/stages.tsv"}, out)
		}},
		{"stress", func(out *bytes.Buffer) error {
			failed, err := cmdStress([]string{"testdata/run1", "testdata/run2"}, out)
			if err == nil && !failed {
				t.Error("stress: a test failed in run 1, but it reports no failure")
			}
			return err
		}},
		{"stress-clean", func(out *bytes.Buffer) error {
			failed, err := cmdStress([]string{"testdata/run2"}, out)
			if err == nil && failed {
				t.Error("stress: nothing failed in run 2, but it reports a failure")
			}
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := c.run(&out); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", c.name+".out")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", golden, out.Bytes(), want)
			}
		})
	}
}

// TestSavedResults: the saved file has every package and test with its
// result, subtests included.
func TestSavedResults(t *testing.T) {
	in, err := os.Open("testdata/gotest.json")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	res, err := readGoTest(in, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range append(res.Packages, res.Tests...) {
		got[r.Package+" "+r.Test] = r.Result
	}
	want := map[string]string{"gj ": "fail", "gj TestA": "pass", "gj TestB": "fail", "gj TestB/sub": "fail", "gj TestC": "skip"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("results %v, want %v", got, want)
	}
}
