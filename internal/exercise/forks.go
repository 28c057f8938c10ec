package exercise

import (
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// ErrNoFork is Forks.Run's answer when no fork server can run the code
// (not on Linux, closed, or the modules do not import): run it the usual way.
var ErrNoFork = errors.New("no fork server")

// lockedWriter lets two goroutines write to one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// preloadable are the modules a fork server imports ahead of a checker
// that imports them (besides the exercise's requires): the slow ones to
// import, and none that a check's own folder could shadow.
var preloadable = []string{"cv2", "matplotlib", "numpy", "pandas", "PIL", "scipy", "sklearn", "torch", "torchvision"}

var importRe = regexp.MustCompile(`(?m)^[ \t]*(?:import|from)[ \t]+([A-Za-z_][A-Za-z0-9_.]*)`)

// checkerImports returns the modules src imports that are preloadable or
// inside a preloadable package, in order of first appearance.
func checkerImports(src []byte) []string {
	var out []string
	for _, m := range importRe.FindAllSubmatch(src, -1) {
		name := strings.TrimRight(string(m[1]), ".")
		top, _, _ := strings.Cut(name, ".")
		if slices.Contains(preloadable, top) && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}
