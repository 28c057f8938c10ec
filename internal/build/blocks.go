package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/exercise"
	"github.com/mlcourse/course/internal/markdown"
)

// DefaultBlockTimeout bounds a runnable block without its own timeout.
const DefaultBlockTimeout = 60 * time.Second

// Block is a lesson code block marked run (```python {run}): `course test`
// and the test suite execute it and compare its output with the ```output
// block that follows it, if any.
type Block struct {
	File     string // the lesson, relative to the project root
	Line     int    // the opening fence
	Code     string
	Requires []string
	Timeout  time.Duration
	Output   *string // the expected output, or nil
	// check, when set, judges the output instead of Output (a notebook's
	// run reports every cell at once; see notebookBlock).
	check func(out string) error
}

// Name is "file:line".
func (b Block) Name() string { return fmt.Sprintf("%s:%d", b.File, b.Line) }

// Blocks returns every runnable block of the course's pages, in page order,
// and a block for each notebook lesson whose metadata.course sets test.
func Blocks(c *content.Course) []Block {
	conv := markdown.New(markdown.Options{})
	var out []Block
	for _, p := range c.Pages {
		if p.Notebook != nil {
			if p.Meta.Test {
				out = append(out, notebookBlock(p))
			}
			continue
		}
		r := conv.Convert(p.Body, nil)
		for _, code := range r.Code {
			if !code.Run {
				continue
			}
			b := Block{
				File:     p.File,
				Line:     1 + bytes.Count(p.Body[:code.Offset], []byte("\n")),
				Code:     code.Code,
				Requires: code.Requires,
				Timeout:  DefaultBlockTimeout,
				Output:   code.Output,
			}
			if code.Timeout > 0 {
				b.Timeout = time.Duration(code.Timeout) * time.Second
			}
			out = append(out, b)
		}
	}
	return out
}

// Run executes the block with python (the program and its leading
// arguments, e.g. ["py", "-3"]) in a fresh temporary folder and returns what
// it printed (stdout and stderr together). It fails when the block exits
// with an error, runs past its timeout, or prints something other than its
// expected output.
func (b Block) Run(ctx context.Context, python []string) (string, error) {
	return b.RunForked(ctx, python, nil)
}

// RunForked is Run, with the block forked from one of forks' servers (a
// Python that has imported the block's requires already) when python is
// a program alone and forks can; otherwise it starts a new interpreter.
func (b Block) RunForked(ctx context.Context, python []string, forks *exercise.Forks) (string, error) {
	dir, err := os.MkdirTemp("", "course-block-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(ctx, b.Timeout)
	defer cancel()
	// One thread for numpy's and torch's math libraries, unless the
	// environment says otherwise: printed numbers then do not depend on the
	// machine's core count, and blocks run side by side share the cores.
	env := exercise.ThreadEnv(os.Environ(), 1)
	var out bytes.Buffer
	err = exercise.ErrNoFork
	if forks != nil && len(python) == 1 {
		err = forks.Run(ctx, python[0], env, b.Requires, dir, b.Code, &out)
	}
	if errors.Is(err, exercise.ErrNoFork) {
		out.Reset()
		args := append(append([]string{}, python[1:]...), "-X", "utf8", "-c", b.Code)
		cmd := exec.CommandContext(ctx, python[0], args...)
		cmd.Dir = dir
		cmd.Env = env
		cmd.WaitDelay = 2 * time.Second
		cmd.Stdout, cmd.Stderr = &out, &out
		err = cmd.Run()
	}
	text := out.String()
	if ctx.Err() == context.DeadlineExceeded {
		if b.check != nil {
			return text, fmt.Errorf("%s: the notebook's cells ran past %s; tag slow cells skip-execution, or make them faster", b.Name(), b.Timeout)
		}
		return text, fmt.Errorf("%s: timed out after %s; raise it with timeout=N in the info string, or make the code faster", b.Name(), b.Timeout)
	}
	if err != nil {
		var ee interface{ ExitCode() int }
		if errors.As(err, &ee) {
			return text, fmt.Errorf("%s: the block failed (%v):\n%s", b.Name(), err, lastLines(text, 20))
		}
		return text, fmt.Errorf("%s: %v", b.Name(), err)
	}
	if b.check != nil {
		if err := b.check(text); err != nil {
			return text, fmt.Errorf("%s: %v", b.Name(), err)
		}
		return text, nil
	}
	if b.Output != nil && strings.TrimRight(text, "\n") != strings.TrimRight(*b.Output, "\n") {
		return text, fmt.Errorf("%s: the output differs from the ```output block after it\n--- printed\n%s\n--- expected\n%s\n(update the output block, or fix the code)",
			b.Name(), strings.TrimRight(text, "\n"), strings.TrimRight(*b.Output, "\n"))
	}
	return text, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
