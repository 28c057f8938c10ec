package exercise

import (
	"os"
	"testing"

	"github.com/mlcourse/course/internal/diag"
)

// TestRepositoryExercises loads the repository's exercises: every one is
// well formed (files, exercise.toml, hints), and under CI=true one Python
// has numpy, torch and cv2. Running them (every solution passes, every
// starter and mistake fails) is `course test all`, which scripts/test.sh
// runs on a pool as wide as the machine; doing it here as well doubled the
// suite's slowest part.
func TestRepositoryExercises(t *testing.T) {
	root := os.DirFS("../..")
	var dl diag.List
	set := Load(root, &dl)
	if dl.Len() > 0 {
		t.Errorf("the repository's exercises have problems:\n%s", dl.String())
	}
	if len(set.Exercises) < 3 {
		t.Fatalf("found %d exercises, want at least 3", len(set.Exercises))
	}
	for _, e := range set.Exercises {
		if len(e.Hints) == 0 || len(e.Mistakes) < 4 {
			t.Errorf("%s: %d hints and %d mistakes; an exercise needs hints and at least four mistakes", e.ID, len(e.Hints), len(e.Mistakes))
		}
	}
	if isCI() {
		testPython(t, KnownModules...) // fails unless one Python has numpy, torch and cv2
	}
}
