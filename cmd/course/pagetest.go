package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
	"github.com/mlcourse/course/internal/pagerun"
)

// pageRunTimeout bounds one in-page check; the first starts Python.
const pageRunTimeout = 90 * time.Second

// pageHalf runs every browser exercise of audits again in headless Chromium,
// through the built site's own runner, and compares each report with the
// local one. It returns false on any difference or failure. Without a
// browser it says so loudly and passes, except under CI=true.
func pageHalf(ctx context.Context, env *exerciseEnv, audits []*exercise.Audit, stdout, stderr io.Writer, times *timeLog) bool {
	var todo []*exercise.Audit
	for _, a := range audits {
		if a.Exercise.Runtime == exercise.Browser && a.SetupErr == nil {
			todo = append(todo, a)
		}
	}
	if len(todo) == 0 {
		return true
	}
	start := time.Now()
	fmt.Fprintf(stdout, "\nIn the page: %d browser exercise%s in headless Chromium, each report compared with the local one\n", len(todo), plural(len(todo)))
	dir, err := os.MkdirTemp("", "course-test-site-")
	if err != nil {
		fmt.Fprintf(stderr, "course test: %v\n", err)
		return false
	}
	defer os.RemoveAll(dir)
	if err := buildSite(env.ws.Root, dir); err != nil {
		fmt.Fprintf(stderr, "course test: building the site for the in-page runs: %v\n", err)
		return false
	}
	s, err := pagerun.Start(ctx, dir)
	if errors.Is(err, pagerun.ErrNoBrowser) {
		if browsertest.IsCI(os.Getenv) {
			fmt.Fprintf(stderr, "course test: %v\nCI=true: a missing browser is a failure, not a skip (Debian: apt-get install chromium)\n", err)
			return false
		}
		fmt.Fprintf(stdout, "!!! SKIPPED: %v; the in-page half of course test did not run (Debian: apt-get install chromium)\n", err)
		return true
	}
	if err != nil {
		fmt.Fprintf(stderr, "course test: %v\n", err)
		return false
	}
	defer s.Close()
	ok := true
	for _, a := range todo {
		e := a.Exercise
		if !s.Has(e.ID) {
			fmt.Fprintf(stdout, "  %-32s %-34s no lesson embeds it (add ::: exercise %s to a lesson)\n", e.ID, "", e.ID)
			ok = false
			continue
		}
		type run struct {
			what string
			src  []byte
			rep  *exercise.Report // the local report
		}
		runs := []run{{"solution", e.Solution, a.Solution}, {"starter", e.Starter, a.Starter}}
		for i, m := range e.Mistakes {
			runs = append(runs, run{"mistakes/" + m.Name + ".py", m.Source, a.Mistakes[i]})
		}
		for _, r := range runs {
			if r.rep == nil {
				continue // the local run failed; reported above
			}
			t0 := time.Now()
			name := e.Dir + "/" + r.what // as the local audit names it
			if !strings.HasSuffix(name, ".py") {
				name += ".py"
			}
			page, err := s.Check(e.ID, r.src, name, pageRunTimeout)
			status := ""
			switch {
			case err != nil:
				status = "ERROR: " + err.Error()
				ok = false
			default:
				verdict, diff := pagerun.Compare(r.rep, page)
				status = fmt.Sprintf("%s (%s %d/%d)", verdict, page.Status, page.Summary.Passed, page.Summary.Total)
				if verdict == pagerun.Differs {
					status = "DIFFERS: " + diff
					ok = false
				}
			}
			fmt.Fprintf(stdout, "  %-32s %-34s %s %6s\n", e.ID, r.what, status, time.Since(t0).Round(time.Millisecond))
			times.add("page", e.ID, r.what, time.Since(t0))
		}
	}
	fmt.Fprintf(stdout, "in the page: %s in %s\n", map[bool]string{true: "every report matches", false: "FAILED"}[ok], time.Since(start).Round(time.Millisecond))
	return ok
}

// buildSite builds the course at root into dir (base path "/").
func buildSite(root, dir string) error {
	b, err := build.New(build.Options{Source: root, BaseURL: "/", Generator: "course test"})
	if err != nil {
		return err
	}
	defer b.Close()
	res := b.Build()
	if !res.OK() {
		return fmt.Errorf("the course does not build:\n%s", res.Diags)
	}
	for p, data := range res.Site.Files {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// lessonBlocks runs every lesson code block marked run (of one module's
// lessons when module is not "all"), with the first Python that has what the
// block requires, and compares its output with the ```output block after it.
func lessonBlocks(ctx context.Context, env *exerciseEnv, module string, stdout io.Writer, workers int, forks *exercise.Forks, times *timeLog) bool {
	fsys := os.DirFS(env.ws.Root)
	var dl diag.List
	course := content.Load(fsys, config.Load(fsys, config.Overrides{}, &dl), &dl)
	if dl.HasErrors() {
		fmt.Fprintf(stdout, "lesson code: the course did not load:\n%s", dl.String())
		return false
	}
	blocks := build.Blocks(course)
	if module != "all" {
		var dir string
		for _, m := range course.Modules {
			if m.Slug == module {
				dir = m.Dir + "/"
			}
		}
		blocks = slices.DeleteFunc(blocks, func(b build.Block) bool { return dir == "" || !strings.HasPrefix(b.File, dir) })
	}
	if len(blocks) == 0 {
		return true
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	start := time.Now()
	fmt.Fprintf(stdout, "\nLesson code: %d runnable block%s, %d at a time\n", len(blocks), plural(len(blocks)), workers)
	// Each block is its own process with one math thread (build.Block.Run),
	// so a pool as wide as the machine keeps every core busy. Lines come in
	// the order the blocks finish.
	var mu sync.Mutex
	ok := true
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, blk := range blocks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			t0 := time.Now()
			status := "ok"
			py, err := env.ws.Finder.For(ctx, blk.Requires)
			if err != nil {
				status = "NO PYTHON: " + err.Error()
			} else if _, err := blk.RunForked(ctx, []string{py.Exe()}, forks); err != nil {
				status = "FAILED\n" + indentText(strings.TrimPrefix(err.Error(), blk.Name()+": "), "      ")
			}
			mu.Lock()
			defer mu.Unlock()
			if status != "ok" {
				ok = false
			}
			fmt.Fprintf(stdout, "  %-50s %s %s\n", blk.Name(), status, time.Since(t0).Round(time.Millisecond))
			times.add("block", blk.Name(), "", time.Since(t0))
		}()
	}
	wg.Wait()
	fmt.Fprintf(stdout, "lesson code: %s in %s\n", map[bool]string{true: "every block ran as its output says", false: "FAILED"}[ok], time.Since(start).Round(time.Millisecond))
	return ok
}

func indentText(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}
