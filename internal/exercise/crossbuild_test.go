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

// TestCrossBuilds vets the whole module, tests included, for Windows
// (amd64) and macOS (arm64) and builds it for Windows on arm64 (the release
// workflow ships all three), so that code behind build tags (proc_windows.go,
// proc_unix.go on macOS) compiles and passes vet everywhere. -short skips
// it: uncached, each run compiles the module (minutes on two busy cores).
func TestCrossBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: compiles the module for three other systems")
	}
	goTool := goCommand(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		goos, goarch string
		args         []string
	}{
		{"windows", "amd64", []string{"vet", "./..."}},
		{"darwin", "arm64", []string{"vet", "./..."}},
		{"windows", "arm64", []string{"build", "./..."}},
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
