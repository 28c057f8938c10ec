package exercise

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/diag"
)

var update = flag.Bool("update", false, "regenerate testdata/reports/ by running the repository's exercises (review the diff)")

// sampleReports are produced by checking these files against the
// repository's exercises; -update reruns them.
var sampleReports = []struct {
	name, exercise, file string
	source               string // instead of file
	timeout              time.Duration
}{
	{name: "pass", exercise: "loss-functions/mse", file: "solution.py"},
	{name: "wrong-values", exercise: "loss-functions/mse", file: "mistakes/signed-residuals.py"},
	{name: "not-implemented", exercise: "loss-functions/mse", file: "starter.py"},
	{name: "syntax-error", exercise: "loss-functions/mse", source: "def mse(y_true, y_pred):\n    return sum((p - t) ** 2 for t, p in zip(y_true, y_pred) / len(y_true)\n"},
	{name: "exception-and-output", exercise: "loss-functions/mse", source: "print('loading my file')\n\n\ndef mse(y_true, y_pred):\n    print('mse of', len(y_true), 'values')\n    return total(y_true, y_pred) / len(y_true)\n\n\ndef total(y_true, y_pred):\n    return sum((y_pred[i] - y_true[i]) ** 2 for i in range(len(y_true)))\n\n\ndef mae(y_true, y_pred):\n    if len(y_true) != len(y_pred) or not y_true:\n        raise ValueError('bad input')\n    return sum(abs(p - t) for t, p in zip(y_true, y_pred)) / len(y_true)\n"},
	{name: "timeout", exercise: "loss-functions/mse", source: "def mse(y_true, y_pred):\n    while True:\n        pass\n\n\ndef mae(y_true, y_pred):\n    return 0.0\n", timeout: 2 * time.Second},
	{name: "image-mismatch", exercise: "classical-vision/to-gray", file: "mistakes/truncates.py"},
	{name: "checker-error", exercise: "loss-functions/mse", file: "solution.py"}, // with a broken check.py
}

// TestSampleReportsRender renders every sample report and compares the
// text with its golden file; the page's JavaScript renders the same
// samples. Each sample must also follow report.schema.json.
func TestSampleReportsRender(t *testing.T) {
	if *update {
		regenerateSamples(t)
	}
	schema := loadSchema(t)
	files, _ := filepath.Glob("testdata/reports/*.json")
	if len(files) < len(sampleReports) {
		t.Fatalf("found %d sample reports, want %d (run with -update)", len(files), len(sampleReports))
	}
	statuses := map[string]bool{}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			if err := validate(doc, schema, schema, "$"); err != nil {
				t.Errorf("does not follow report.schema.json: %v", err)
			}
			rep, err := DecodeReport(data)
			if err != nil {
				t.Fatal(err)
			}
			statuses[rep.Status] = true
			for _, tr := range rep.Tests {
				statuses["test "+tr.Status] = true
			}
			var got bytes.Buffer
			rep.Render(&got)
			golden := strings.TrimSuffix(f, ".json") + ".txt"
			if *update {
				os.WriteFile(golden, got.Bytes(), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("rendering differs from %s (run with -update and review the diff)\n--- got\n%s", golden, got.String())
			}
			if !bytes.Equal(rep.JSON(), data) {
				t.Errorf("re-encoding the report changes it")
			}
		})
	}
	for _, s := range []string{StatusPass, StatusFail, StatusError, "test pass", "test fail", "test error", "test skip"} {
		if !statuses[s] {
			t.Errorf("no sample report has status %s", s)
		}
	}
}

func TestRenderShowsEveryFieldOfAFailedTest(t *testing.T) {
	rep := &Report{Schema: 1, Exercise: "m/e", Status: StatusFail, Tests: []TestResult{{
		Name: "test_x", Status: StatusFail, Message: "f([1]): expected 2, got 3", Input: "f([1])",
		Expected: "2", Actual: "3", Stdout: "debug\n", Traceback: "Traceback…\nValueError: v",
	}}}
	rep.Recount()
	var b bytes.Buffer
	rep.Render(&b)
	for _, want := range []string{"✗ test_x", "f([1]): expected 2, got 3", "input:    f([1])", "expected: 2", "got:      3", "| debug", "ValueError: v", "0 of 1 tests pass (1 failed)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("rendering lacks %q:\n%s", want, b.String())
		}
	}
}

func TestDecodeReportRejectsOtherSchemasAndUnknownFields(t *testing.T) {
	for _, bad := range []string{
		`{"schema": 2, "exercise": "a/b", "status": "pass", "error": "", "stdout": "", "tests": [], "summary": {}, "cases": {}}`,
		`{"schema": 1, "exercise": "a/b", "status": "ok", "error": "", "stdout": "", "tests": [], "summary": {}, "cases": {}}`,
		`{"schema": 1, "exercise": "a/b", "status": "pass", "colour": 1}`,
		`{"schema": 1, "exercise": "a/b", "status": "fail", "tests": [{"name": "test_a", "status": "maybe"}]}`,
	} {
		if _, err := DecodeReport([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

// regenerateSamples reruns the sample checks against the repository's
// exercises and writes testdata/reports/*.json with fixed durations.
func regenerateSamples(t *testing.T) {
	py := testPython(t, "numpy")
	root := os.DirFS("../..")
	var dl diag.List
	set := Load(root, &dl)
	if dl.HasErrors() {
		t.Fatal(dl.String())
	}
	os.MkdirAll("testdata/reports", 0o755)
	for _, s := range sampleReports {
		e := *set.Get(s.exercise)
		src := []byte(s.source)
		if s.file != "" {
			var err error
			if src, err = os.ReadFile(filepath.Join("../..", e.Dir, s.file)); err != nil {
				t.Fatal(err)
			}
		}
		r := &Runner{Python: py, FS: root, Timeout: s.timeout}
		if s.name == "checker-error" {
			broken := t.TempDir()
			os.CopyFS(broken, root)
			os.WriteFile(filepath.Join(broken, e.Dir, "check.py"), []byte("import coursecheck as cc\n\ndef test_mse_is_zero_for_equal_lists(learner, reference):\n    pass\n"), 0o644)
			r.FS = os.DirFS(broken)
		}
		rep, err := r.Run(context.Background(), &e, Submission{Source: src, Name: "workspace/" + s.exercise + ".py"})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for i := range rep.Tests {
			rep.Tests[i].DurationMS = 0.5 + float64(i)
			rep.Tests[i].Stdout = normalizeTimeout(rep.Tests[i].Stdout)
		}
		rep.Summary.DurationMS = 12.5
		if err := os.WriteFile(filepath.Join("testdata/reports", s.name+".json"), rep.JSON(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func normalizeTimeout(s string) string {
	return regexp.MustCompile(`/tmp/\S+`).ReplaceAllString(s, "/tmp/…")
}

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("../../exercises/_lib/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
}

// validate checks v against the subset of JSON Schema 2020-12 that
// report.schema.json uses (the same subset as the Python tests' validator);
// an unsupported keyword is an error so that the subset stays honest.
func validate(v any, schema, root map[string]any, path string) error {
	known := []string{"$schema", "$id", "$defs", "title", "description", "type", "const", "enum",
		"required", "properties", "additionalProperties", "items", "$ref", "minimum", "pattern"}
	for k := range schema {
		if !slices.Contains(known, k) {
			return fmt.Errorf("validator does not support %q", k)
		}
	}
	if ref, ok := schema["$ref"].(string); ok {
		def := root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if err := validate(v, def, root, path); err != nil {
			return err
		}
	}
	if typ, ok := schema["type"].(string); ok {
		okType := false
		switch x := v.(type) {
		case map[string]any:
			okType = typ == "object"
		case []any:
			okType = typ == "array"
		case string:
			okType = typ == "string"
		case float64:
			okType = typ == "number" || (typ == "integer" && x == math.Trunc(x))
		}
		if !okType {
			return fmt.Errorf("%s: want %s, got %T", path, typ, v)
		}
	}
	if c, ok := schema["const"]; ok && v != c {
		return fmt.Errorf("%s: want %v, got %v", path, c, v)
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v is not one of %v", path, v, enum)
	}
	if m, ok := schema["minimum"].(float64); ok && v.(float64) < m {
		return fmt.Errorf("%s: %v < %v", path, v, m)
	}
	if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(v.(string)) {
		return fmt.Errorf("%s: %q does not match %s", path, v, p)
	}
	if obj, ok := v.(map[string]any); ok {
		for _, r := range asSlice(schema["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				return fmt.Errorf("%s: missing %s", path, r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, x := range obj {
			if p, ok := props[k]; ok {
				if err := validate(x, p.(map[string]any), root, path+"."+k); err != nil {
					return err
				}
				continue
			}
			switch extra := schema["additionalProperties"].(type) {
			case bool:
				if !extra {
					return fmt.Errorf("%s: unexpected key %s", path, k)
				}
			case map[string]any:
				if err := validate(x, extra, root, path+"."+k); err != nil {
					return err
				}
			}
		}
	}
	if arr, ok := v.([]any); ok {
		if items, ok := schema["items"].(map[string]any); ok {
			for i, x := range arr {
				if err := validate(x, items, root, fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}
