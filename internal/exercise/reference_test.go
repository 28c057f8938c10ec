package exercise

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// referenceDir holds unittest files that compare exercises' reference
// solutions with the libraries they teach (torch.nn.functional, sklearn).
const referenceDir = "../../exercises/_lib/reference"

// TestReferenceSolutionsAgreeWithTheLibraries runs every
// exercises/_lib/reference/test_*.py with a Python that has torch and
// sklearn. Without one the test skips loudly; under CI=true it fails.
func TestReferenceSolutionsAgreeWithTheLibraries(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(referenceDir, "test_*.py"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no test_*.py in %s", referenceDir)
	}
	py := testPython(t, "torch", "sklearn")
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, py, "-B", "-m", "unittest", "-v", name)
			cmd.Dir = referenceDir
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s -m unittest %s: %v\n%s", py, name, err, out.String())
			}
			t.Logf("%s: %s", name, lastLines(out.String(), 1))
		})
	}
}
