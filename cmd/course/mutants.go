package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/mlcourse/course/internal/exercise"
)

// runMutants is `course test --mutants`: every exercise's solution, mutated
// one small change at a time, must be rejected by its checker in at least
// minShare percent of the mutants not marked equivalent.
func runMutants(ctx context.Context, env *exerciseEnv, exs []*exercise.Exercise, runtimeName string, workers int,
	minShare float64, stdout, stderr io.Writer) int {
	if minShare < 0 || minShare > 100 {
		fmt.Fprintf(stderr, "course test: --min-share is a percentage between 0 and 100, got %g\n", minShare)
		return exitUsage
	}
	switch runtimeName {
	case "":
	case exercise.Browser, exercise.Local:
		exs = slices.DeleteFunc(slices.Clone(exs), func(e *exercise.Exercise) bool { return e.Runtime != runtimeName })
		if len(exs) == 0 {
			fmt.Fprintf(stderr, "course test: no %s exercise to test\n", runtimeName)
			return exitUsage
		}
	default:
		fmt.Fprintf(stderr, "course test: --runtime is browser or local, got %q\n", runtimeName)
		return exitUsage
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if env.broken(exs) {
		fmt.Fprintln(stderr, "course test: the exercises have errors (listed above); fix them first")
		return exitContent
	}
	start := time.Now()
	env.ws.Finder.Prepare(ctx, exs)
	fmt.Fprintf(stdout, "Mutation testing %d exercise%s: each mutant of solution.py must fail its checker (%d at a time)\n",
		len(exs), plural(len(exs)), workers)
	width := 0
	for _, e := range exs {
		width = max(width, len(e.ID))
	}
	var results []*exercise.MutationResult
	for _, e := range exs {
		py, err := env.ws.Finder.For(ctx, e.Requires)
		var res *exercise.MutationResult
		if err != nil {
			var np *exercise.NoPythonError
			if errors.As(err, &np) {
				fmt.Fprintf(stderr, "course test: %v\n", err)
				return exitUsage
			}
			res = &exercise.MutationResult{Exercise: e, Err: err}
		} else {
			r := exercise.Runner{Python: py.Exe(), FS: env.set.FS}
			res = r.Mutants(ctx, e, workers)
		}
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "course test: interrupted")
			return exitUsage
		}
		status := "error"
		if res.Err == nil {
			status = fmt.Sprintf("%d/%d killed", res.Killed, res.Total()-res.Equivalent)
		}
		fmt.Fprintf(stdout, "  %-*s  %-16s %8s\n", width, e.ID, status, res.Duration.Round(10*time.Millisecond))
		results = append(results, res)
	}
	fmt.Fprintln(stdout)
	exercise.WriteMutationTable(stdout, results, minShare/100)
	bad := false
	for _, r := range results {
		bad = bad || !r.OK(minShare/100)
	}
	fmt.Fprintf(stdout, "%d exercise%s in %s: ", len(results), plural(len(results)), time.Since(start).Round(time.Millisecond))
	if bad {
		fmt.Fprintf(stdout, "FAILED (each checker must reject at least %g%% of its mutants)\n", minShare)
		return exitContent
	}
	fmt.Fprintln(stdout, "ok")
	return exitOK
}
