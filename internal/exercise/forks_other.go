//go:build !linux

package exercise

import (
	"context"
	"io"
	"time"
)

// Forks would start checks by forking a Python that has already imported
// the exercise's modules. That is done on Linux only (see forks_linux.go);
// here every check starts a new interpreter.
type Forks struct {
	TempDir string
}

// errNoFork means: start a new interpreter instead.
var errNoFork = ErrNoFork

// Run returns ErrNoFork: run the code the usual way.
func (f *Forks) Run(ctx context.Context, python string, env, requires []string, dir, code string, out io.Writer) error {
	return ErrNoFork
}

// Close does nothing here.
func (f *Forks) Close() error { return nil }

func (f *Forks) startCheck(ctx context.Context, python string, env []string, requires, optional []string, setup time.Duration,
	dir string, args []string, code string, stdout, stderr io.Writer) (child, error) {
	return nil, errNoFork
}
