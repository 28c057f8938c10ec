package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/exercise"
)

// exerciseProject copies the repository's checker library and the mse
// exercise into a temporary project, plus demo/needs, an exercise that
// requires a module no Python has.
func exerciseProject(t *testing.T) string {
	t.Helper()
	f := &exercise.Finder{Candidates: exercise.Candidates(os.Getenv("COURSE_PYTHON"), "", exec.LookPath)}
	if _, err := f.For(context.Background(), nil); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true: no Python: %v", err)
		}
		t.Skipf("!!! SKIPPED: no Python 3.11+: %v", err)
	}
	dir := t.TempDir()
	repo := os.DirFS("../..")
	for _, sub := range []string{"exercises/_lib", "exercises/loss-functions/mse"} {
		sfs, _ := fs.Sub(repo, sub)
		if err := os.CopyFS(filepath.Join(dir, sub), sfs); err != nil {
			t.Fatal(err)
		}
	}
	// A lesson embeds the browser exercise: course test runs it in the page too.
	for name, text := range map[string]string{
		"content/_index.md":                       "---\ntitle: Demo\n---\nHome.\n",
		"content/01-loss-functions/_index.md":     "---\ntitle: Loss functions\n---\nThe module.\n",
		"content/01-loss-functions/01-the-mse.md": "---\ntitle: The MSE\n---\n::: exercise loss-functions/mse\nWrite mse and mae.\n:::\n",
		"content/02-demo/_index.md":               "---\ntitle: Demo\n---\nThe module.\n",
		"content/02-demo/01-needs.md":             "---\ntitle: Needs\n---\n::: exercise demo/needs\nWrite mse and mae.\n:::\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	needs := filepath.Join(dir, "exercises/demo/needs")
	os.CopyFS(needs, os.DirFS(filepath.Join(dir, "exercises/loss-functions/mse")))
	toml := "title = \"Needs a module\"\nruntime = \"local\"\nrequires = [\"no_such_module_anywhere\"]\nfunctions = [\"mse\", \"mae\"]\nhints = [\"h\"]\n"
	os.WriteFile(filepath.Join(needs, "exercise.toml"), []byte(toml), 0o644)
	return dir
}

func TestExerciseCommands(t *testing.T) {
	dir := exerciseProject(t)
	learner := filepath.Join(dir, "workspace/loss-functions/mse.py")
	solution := filepath.Join(dir, "exercises/loss-functions/mse/solution.py")
	syntax := filepath.Join(t.TempDir(), "broken.py")
	os.WriteFile(syntax, []byte("def mse(:\n"), 0o644)
	steps := []struct {
		name     string
		args     []string
		code     int
		out, err string
		before   func()
	}{
		{"check before any start names an exercise", []string{"check", "--source", dir}, 2, "", "name an exercise", nil},
		{"start copies the starter", []string{"start", "loss-functions/mse", "--source", dir}, 0, "workspace/loss-functions/mse.py", "", nil},
		{"start again keeps the file", []string{"start", "--source", dir, "loss-functions/mse"}, 0, "already started", "", nil},
		{"start a module is refused", []string{"start", "loss-functions", "--source", dir}, 2, "", "is a module", nil},
		{"solution before a check is refused", []string{"solution", "--source", dir}, 1, "", "try it first", nil},
		{"check the starter fails", []string{"check", "--source", dir}, 1, "0 of 7 tests pass", "", nil},
		{"solution after a check", []string{"solution", "loss-functions/mse", "--source", dir}, 0, "def mse(", "reference solution", nil},
		{"first hint", []string{"hint", "--source", dir}, 0, "Hint 1 of 3", "", nil},
		{"second hint remembers the first", []string{"hint", "loss-functions/mse", "--source", dir}, 0, "Hint 2 of 3", "", nil},
		{"a syntax error is a failed test", []string{"check", "loss-functions/mse", "--file", syntax, "--source", dir}, 1, "syntax error at line 1", "", nil},
		{"unknown exercise", []string{"check", "loss-functions/mes", "--source", dir}, 2, "", "did you mean loss-functions/mse?", nil},
		{"missing --file", []string{"check", "loss-functions/mse", "--file", filepath.Join(dir, "nope.py"), "--source", dir}, 2, "", "no such file", nil},
		{"--file with many exercises", []string{"check", "all", "--file", solution, "--source", dir}, 2, "", "--file needs one exercise", nil},
		{"no suitable Python", []string{"check", "demo/needs", "--file", solution, "--source", dir}, 2, "", "no Python 3.11+ with no_such_module_anywhere found", nil},
		{"a fixed file passes", []string{"check", "loss-functions/mse", "--source", dir}, 0, "7 of 7 tests pass", "", func() { copyFile(t, solution, learner) }},
		{"check all counts exercises not started", []string{"check", "all", "--source", dir}, 1, "demo/needs          not started", "", nil},
		{"progress", []string{"progress", "--source", dir}, 0, "✓ done", "", nil},
		{"test one module", []string{"test", "loss-functions", "--source", dir}, 0, "loss-functions/mse               browser  7/7       0/7       5/5", "", nil},
		{"test without a Python for an exercise", []string{"test", "demo", "--source", dir}, 2, "no Python 3.11+ with no_such_module_anywhere", "", nil},
		{"doctor", []string{"doctor", "--source", dir}, 1, "no suitable Python: demo/needs cannot run", "", nil},
		{"no exercises folder", []string{"check", "--source", t.TempDir()}, 2, "", "no exercises/ folder", nil},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		var out, errb bytes.Buffer
		code := run(s.args, &out, &errb)
		if code != s.code || !strings.Contains(out.String(), s.out) || !strings.Contains(errb.String(), s.err) {
			t.Errorf("%s: course %s\nexit %d (want %d)\nstdout (want %q):\n%s\nstderr (want %q):\n%s",
				s.name, strings.Join(s.args, " "), code, s.code, s.out, out.String(), s.err, errb.String())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "workspace/loss-functions/mse.py")); !bytes.Equal(b, mustRead(t, solution)) {
		t.Error("checking changed the learner's file")
	}
	var p exercise.Progress
	if err := json.Unmarshal(mustRead(t, filepath.Join(dir, exercise.ProgressFile)), &p); err != nil {
		t.Fatal(err)
	}
	ep := p.Exercises["loss-functions/mse"]
	if ep == nil || !ep.Passed || ep.Attempts != 3 || ep.Hints != 2 || !ep.SolutionSeen {
		t.Errorf("progress = %+v", ep)
	}
}

func TestCheckJSONPrintsTheReport(t *testing.T) {
	dir := exerciseProject(t)
	var out, errb bytes.Buffer
	code := run([]string{"check", "loss-functions/mse", "--json", "--source", dir,
		"--file", filepath.Join(dir, "exercises/loss-functions/mse/mistakes/sum-not-mean.py")}, &out, &errb)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	rep, err := exercise.DecodeReport(out.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if rep.Status != exercise.StatusFail || rep.Exercise != "loss-functions/mse" || rep.Summary.Total != 7 {
		t.Errorf("report = %+v", rep.Summary)
	}
	out.Reset()
	run([]string{"check", "loss-functions", "--json", "--source", dir}, &out, &errb)
	var many []json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &many); err != nil {
		t.Errorf("a module's --json is not an array: %v\n%s", err, out.String())
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(to), 0o755)
	if err := os.WriteFile(to, mustRead(t, from), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
