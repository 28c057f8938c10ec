package exercise

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/diag"
)

// TestRepositoryExercises runs `course test` over the repository's
// exercises: every solution passes, every starter and mistake fails, hints
// and test names are in order. Without a Python that has what an exercise
// requires the exercise is skipped loudly; under CI=true it fails, and so
// does a missing numpy, torch or cv2 (to-gray's checker uses cv2 as its
// reference when it can).
func TestRepositoryExercises(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every exercise's solution, starter and mistakes")
	}
	root := os.DirFS("../..")
	var dl diag.List
	set := Load(root, &dl)
	if dl.Len() > 0 {
		t.Errorf("the repository's exercises have problems:\n%s", dl.String())
	}
	if len(set.Exercises) < 3 {
		t.Fatalf("found %d exercises, want at least 3", len(set.Exercises))
	}
	if isCI() {
		testPython(t, KnownModules...) // fails unless one Python has numpy, torch and cv2
	}
	f := &Finder{Candidates: Candidates(os.Getenv("COURSE_PYTHON"), "", exec.LookPath)}
	a := &Auditor{Finder: f, Step: func(s AuditStep) {
		status := "no report"
		if s.Report != nil {
			status = s.Report.SummaryLine()
		}
		t.Logf("%-28s %-36s %-32s %s", s.Exercise.ID, s.What, status, s.Duration.Round(1e6))
	}}
	audits := a.Run(context.Background(), set, set.Exercises)
	var table strings.Builder
	WriteAuditTable(&table, audits)
	t.Logf("\n%s", table.String())
	for _, au := range audits {
		if au.SetupErr != nil {
			msg := "!!! " + au.Exercise.ID + " NOT TESTED: " + au.SetupErr.Error()
			if isCI() {
				t.Error(msg)
			} else {
				t.Log(msg)
			}
			continue
		}
		for _, p := range au.Problems {
			t.Errorf("%s: %s", au.Exercise.Dir, p)
		}
	}
}
