package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mlcourse/course/internal/exercise"
)

// Progress reflects the learner's workspace file: `check --file` with
// another file records nothing, a later failing check takes "done" away,
// and `course progress` names modules by title with aligned columns
// whatever the id length.
func TestProgressReflectsTheWorkspaceFile(t *testing.T) {
	dir := exerciseProject(t)
	long := filepath.Join(dir, "exercises/loss-functions/an-exercise-with-a-rather-long-slug-indeed")
	os.CopyFS(long, os.DirFS(filepath.Join(dir, "exercises/loss-functions/mse")))
	learner := filepath.Join(dir, "workspace/loss-functions/mse.py")
	solution := filepath.Join(dir, "exercises/loss-functions/mse/solution.py")
	mistake := filepath.Join(dir, "exercises/loss-functions/mse/mistakes/sum-not-mean.py")
	cmd := func(args ...string) (int, string) {
		t.Helper()
		var out, errb bytes.Buffer
		code := run(append(args, "--source", dir), &out, &errb)
		return code, out.String() + errb.String()
	}
	progress := func() string {
		t.Helper()
		code, out := cmd("progress")
		if code != 0 {
			t.Fatalf("progress: exit %d\n%s", code, out)
		}
		return out
	}
	cmd("start", "loss-functions/mse")
	if code, out := cmd("check", "loss-functions/mse", "--file", solution); code != 0 || !strings.Contains(out, "your progress is unchanged") {
		t.Errorf("check --file solution: exit %d\n%s", code, out)
	}
	if out := progress(); strings.Contains(out, "✓ done") || !strings.Contains(out, "0/3 done") {
		t.Errorf("checking the solution marked the exercise done:\n%s", out)
	}
	copyFile(t, solution, learner)
	if code, out := cmd("check"); code != 0 {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	out := progress()
	if !strings.Contains(out, "✓ done") || !strings.Contains(out, "1/3 done") {
		t.Errorf("a passing check is not done:\n%s", out)
	}
	copyFile(t, mistake, learner)
	if code, out := cmd("check"); code != 1 {
		t.Fatalf("check of a mistake: exit %d\n%s", code, out)
	}
	out = progress()
	if strings.Contains(out, "✓ done") || !strings.Contains(out, "passed earlier, failing now") || !strings.Contains(out, "0/3 done") {
		t.Errorf("a failing check after a pass kept it done:\n%s", out)
	}
	var p exercise.Progress
	json.Unmarshal(mustRead(t, filepath.Join(dir, exercise.ProgressFile)), &p)
	if ep := p.Exercises["loss-functions/mse"]; ep == nil || ep.Passed || ep.Attempts != 2 {
		t.Errorf("progress file: %+v", ep)
	}

	// Modules by title; columns aligned.
	if !strings.Contains(out, "\nLoss functions\n") || strings.Contains(out, "\nloss-functions\n") {
		t.Errorf("the module is not named by its title:\n%s", out)
	}
	col := -1
	for _, line := range strings.Split(out, "\n") {
		i := strings.Index(line, " browser ")
		if i < 0 {
			i = strings.Index(line, " runtime ")
		}
		if i < 0 {
			continue
		}
		i = utf8.RuneCountInString(line[:i])
		if col >= 0 && i != col {
			t.Errorf("columns not aligned (runtime at %d, then %d):\n%s", col, i, out)
			break
		}
		col = i
	}
	if col < 0 {
		t.Errorf("no rows:\n%s", out)
	}
}
