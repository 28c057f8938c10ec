package exercise

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestCrossBuilds vets, tests included, the packages with code behind
// build tags or system calls (internal/exercise: proc_windows.go,
// proc_unix.go on macOS; internal/highlight's CPU-time tests;
// internal/watch through fsnotify) for Windows (amd64 and arm64) and macOS
// (arm64), the systems the release workflow ships, so that they compile and
// pass vet everywhere. The rest of the module is portable Go that the
// release workflow builds for each system. Vetting the whole module here
// cost 12 minutes on a machine with an empty build cache. -short skips it.
func TestCrossBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: compiles the module for three other systems")
	}
	goTool := goCommand(t)
	portable := []string{"vet", "./internal/exercise", "./internal/highlight", "./internal/watch"}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		goos, goarch string
		args         []string
	}{
		{"windows", "amd64", portable},
		{"darwin", "arm64", portable},
		{"windows", "arm64", portable},
	} {
		t.Run(c.goos+"/"+c.goarch, func(t *testing.T) {
			cmd := exec.Command(goTool, c.args...)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "GOOS="+c.goos, "GOARCH="+c.goarch, "CGO_ENABLED=0")
			start := time.Now()
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("GOOS=%s GOARCH=%s go %s: %v\n%s", c.goos, c.goarch, strings.Join(c.args, " "), err, out)
			}
			t.Logf("GOOS=%s GOARCH=%s go %s: %s", c.goos, c.goarch, strings.Join(c.args, " "), time.Since(start).Round(time.Millisecond))
		})
	}
}

// goCommand finds the go tool: on PATH, else in the GOROOT this test was
// built with. Without one the test skips loudly, or fails under CI=true.
func goCommand(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if runtime.GOOS == "windows" {
		p += ".exe"
	}
	if _, err := os.Stat(p); err == nil {
		return p
	}
	msg := "!!! SKIPPED: no go tool on PATH or in " + runtime.GOROOT() + "; the cross-builds were not checked"
	if isCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}
