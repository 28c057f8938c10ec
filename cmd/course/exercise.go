package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
)

// exerciseEnv is what every exercise command loads: the exercises of the
// project under --source and the learner's workspace there.
type exerciseEnv struct {
	name string // the command, for messages
	set  *exercise.Set
	dl   *diag.List
	ws   *exercise.Workspace
}

func sourceFlag(fs *flag.FlagSet) *string {
	return fs.String("source", ".", "project root (holds course.toml, exercises/ and workspace/)")
}

// loadExercises loads the exercises under source and prepares the
// workspace. It prints every problem found in the exercises.
func loadExercises(name, source string, stderr io.Writer) (*exerciseEnv, bool) {
	root, err := filepath.Abs(source)
	if err == nil {
		_, err = os.Stat(filepath.Join(root, exercise.Dir))
	}
	if err != nil {
		fmt.Fprintf(stderr, "course %s: no %s/ folder under %s: %v\n", name, exercise.Dir, source, err)
		return nil, false
	}
	fsys := os.DirFS(root)
	var dl diag.List
	cfg := config.Load(fsys, config.Overrides{}, &dl)
	set := exercise.Load(fsys, &dl)
	if dl.Len() > 0 {
		fmt.Fprint(stderr, dl.String())
	}
	ws := &exercise.Workspace{
		Root: root,
		Set:  set,
		Finder: &exercise.Finder{Candidates: exercise.Candidates(
			os.Getenv("COURSE_PYTHON"), cfg.Runner.Python, exec.LookPath)},
	}
	return &exerciseEnv{name: name, set: set, dl: &dl, ws: ws}, true
}

// broken reports whether any of exs (or the checker library) has errors.
func (env *exerciseEnv) broken(exs []*exercise.Exercise) bool {
	for _, d := range env.dl.Items() {
		if d.Severity != diag.Error {
			continue
		}
		if strings.HasPrefix(d.File, exercise.LibDir+"/") || d.File == config.FileName {
			return true
		}
		for _, e := range exs {
			if d.File == e.Dir || strings.HasPrefix(d.File, e.Dir+"/") {
				return true
			}
		}
	}
	return false
}

// pick resolves the positional argument to exercises; an empty argument
// means the current exercise (or, with all, every exercise).
func (env *exerciseEnv) pick(pos []string, allowMany bool, stderr io.Writer) ([]*exercise.Exercise, bool) {
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "course %s: unexpected argument %q\n", env.name, pos[1])
		return nil, false
	}
	arg := ""
	if len(pos) == 1 {
		arg = pos[0]
	}
	if arg == "" {
		p, err := env.ws.LoadProgress()
		if err != nil {
			fmt.Fprintf(stderr, "course %s: %v\n", env.name, err)
			return nil, false
		}
		if p.Current == "" || env.set.Get(p.Current) == nil {
			fmt.Fprintf(stderr, "course %s: name an exercise (no exercise is current yet); `course progress` lists them\n", env.name)
			return nil, false
		}
		arg = p.Current
	}
	if !allowMany && env.set.Get(arg) == nil {
		if _, err := env.set.Select(arg); err != nil {
			fmt.Fprintf(stderr, "course %s: %v\n", env.name, err)
		} else {
			fmt.Fprintf(stderr, "course %s: %q is a module; name one exercise (module/slug)\n", env.name, arg)
		}
		return nil, false
	}
	exs, err := env.set.Select(arg)
	if err != nil {
		fmt.Fprintf(stderr, "course %s: %v\n", env.name, err)
		return nil, false
	}
	if env.broken(exs) {
		fmt.Fprintf(stderr, "course %s: the exercises have errors (listed above); fix them or update the course\n", env.name)
		return nil, false
	}
	return exs, true
}

func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

func runStart(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("start", "start <id> [--force] [--source DIR]")
	source := sourceFlag(fs)
	force := fs.Bool("force", false, "start over: copy the starter again (your file is kept as <file>.bak)")
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, "course start: name an exercise; `course progress` lists them")
		return exitUsage
	}
	env, ok := loadExercises("start", *source, stderr)
	if !ok {
		return exitUsage
	}
	exs, ok := env.pick(pos, false, stderr)
	if !ok {
		return exitUsage
	}
	e := exs[0]
	err := env.ws.Start(e, *force)
	switch {
	case errors.Is(err, exercise.ErrStarted):
		env.ws.Update(func(p *exercise.Progress) { p.Current = e.ID })
		fmt.Fprintf(stdout, "%s is already started: keep editing %s\n(`course start %s --force` starts over and keeps your file as %s.bak)\n",
			e.ID, env.ws.Rel(e), e.ID, filepath.Base(env.ws.Rel(e)))
		return exitOK
	case err != nil:
		fmt.Fprintf(stderr, "course start: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "Started %s: %s\n\n", e.ID, e.Title)
	fmt.Fprintf(stdout, "  Your file:  %s\n", env.ws.Rel(e))
	fmt.Fprintf(stdout, "  Implement:  %s\n", strings.Join(e.Functions, ", "))
	if len(e.Requires) > 0 {
		fmt.Fprintf(stdout, "  Needs:      %s (`course doctor` checks your Python)\n", strings.Join(e.Requires, ", "))
	}
	fmt.Fprintf(stdout, "\n  Check it:   course check %s\n", e.ID)
	fmt.Fprintf(stdout, "  Or run      course watch   to check on every save\n")
	fmt.Fprintf(stdout, "  Stuck?      course hint %s   (%d hint%s)\n", e.ID, len(e.Hints), plural(len(e.Hints)))
	return exitOK
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "check [<id>|<module>|all] [--file F] [--json] [--source DIR]")
	source := sourceFlag(fs)
	file := fs.String("file", "", "check this file instead of the workspace file (one exercise only)")
	asJSON := fs.Bool("json", false, "print the report as JSON (an array when checking several exercises)")
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	env, ok := loadExercises("check", *source, stderr)
	if !ok {
		return exitUsage
	}
	exs, ok := env.pick(pos, true, stderr)
	if !ok {
		return exitUsage
	}
	if *file != "" && len(exs) != 1 {
		fmt.Fprintf(stderr, "course check: --file needs one exercise, and %q names %d\n", pos[0], len(exs))
		return exitUsage
	}
	if *file != "" {
		if _, err := os.Stat(*file); err != nil {
			fmt.Fprintf(stderr, "course check: %v\n", err)
			return exitUsage
		}
	}
	ctx, cancel := interruptible()
	defer cancel()
	if len(exs) > 1 {
		env.ws.Finder.Prepare(ctx, exs)
	}
	var reports []*exercise.Report
	result := exitOK
	type row struct {
		e      *exercise.Exercise
		status string
	}
	var rows []row
	// one: the argument names one exercise (or none: the current one), not
	// a module or all, which list what could not run and go on.
	one := len(exs) == 1 && (len(pos) == 0 || env.set.Get(pos[0]) != nil)
	for _, e := range exs {
		rep, err := env.ws.Check(ctx, e, *file)
		var ns *exercise.NotStartedError
		switch {
		case errors.As(err, &ns) && !one:
			rows = append(rows, row{e, "not started"})
			result = max(result, exitContent)
			continue
		case errors.As(err, &ns):
			// Not started is the learner's state, not a set-up problem (exit 1).
			fmt.Fprintf(stderr, "course check: %v\n", err)
			return exitContent
		case ctx.Err() != nil:
			fmt.Fprintln(stderr, "course check: interrupted")
			return exitUsage
		case err != nil && one:
			fmt.Fprintf(stderr, "course check: %v\n", err)
			return exitUsage
		case err != nil:
			fmt.Fprintf(stderr, "course check: %s: %v\n", e.ID, err)
			rows = append(rows, row{e, "could not run"})
			result = exitUsage
			continue
		}
		reports = append(reports, rep)
		if !*asJSON {
			rep.Render(stdout)
			if len(exs) > 1 {
				fmt.Fprintln(stdout)
			}
		}
		rows = append(rows, row{e, rep.SummaryLine()})
		if !rep.Passed() {
			result = max(result, exitContent)
		}
	}
	if *asJSON {
		var out []byte
		if len(exs) == 1 && len(reports) == 1 {
			out = reports[0].JSON()
		} else {
			if reports == nil {
				reports = []*exercise.Report{}
			}
			out, _ = json.MarshalIndent(reports, "", "  ")
			out = append(out, '\n')
		}
		stdout.Write(out)
		return result
	}
	if len(exs) > 1 {
		width := 0
		for _, r := range rows {
			width = max(width, len(r.e.ID))
		}
		for _, r := range rows {
			fmt.Fprintf(stdout, "%-*s  %s\n", width, r.e.ID, r.status)
		}
		if p, err := env.ws.LoadProgress(); err == nil {
			fmt.Fprintf(stdout, "\nProgress %s\n", exercise.Bar(env.ws.Done(p, env.set.Exercises), len(env.set.Exercises), 30))
		}
	}
	if len(exs) == 1 && len(reports) == 1 && !env.ws.IsFile(exs[0], *file) {
		fmt.Fprintf(stdout, "\n(%s is not your workspace file: your progress is unchanged)\n", *file)
	}
	if len(exs) == 1 && result == exitContent && len(reports) == 1 {
		e := exs[0]
		fmt.Fprintf(stdout, "\nFix it and run `course check %s` again (`course hint %s` for a hint).\n", e.ID, e.ID)
	}
	return result
}

// oneExercise parses the flags of a command about one exercise (named, or
// the current one) and resolves it.
func oneExercise(name, synopsis string, args []string, stdout, stderr io.Writer) (*exerciseEnv, *exercise.Exercise, int, bool) {
	fs := newFlagSet(name, synopsis)
	source := sourceFlag(fs)
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return nil, nil, code, false
	}
	env, ok := loadExercises(name, *source, stderr)
	if !ok {
		return nil, nil, exitUsage, false
	}
	exs, ok := env.pick(pos, false, stderr)
	if !ok {
		return nil, nil, exitUsage, false
	}
	return env, exs[0], 0, true
}

func runHint(args []string, stdout, stderr io.Writer) int {
	env, e, code, ok := oneExercise("hint", "hint [<id>] [--source DIR]", args, stdout, stderr)
	if !ok {
		return code
	}
	hints, err := env.ws.NextHint(e)
	if err != nil {
		fmt.Fprintf(stderr, "course hint: %v\n", err)
		return exitUsage
	}
	for i, h := range hints {
		fmt.Fprintf(stdout, "Hint %d of %d: %s\n", i+1, len(e.Hints), h)
	}
	if len(hints) == len(e.Hints) {
		fmt.Fprintf(stdout, "\nThat is every hint. After a check, `course solution %s` shows the reference solution.\n", e.ID)
	} else {
		fmt.Fprintf(stdout, "\n`course hint %s` again reveals the next one.\n", e.ID)
	}
	return exitOK
}

func runSolution(args []string, stdout, stderr io.Writer) int {
	env, e, code, ok := oneExercise("solution", "solution [<id>] [--source DIR]", args, stdout, stderr)
	if !ok {
		return code
	}
	src, err := env.ws.Solution(e)
	if errors.Is(err, exercise.ErrNoAttempt) {
		fmt.Fprintf(stderr, "course solution: try it first: the solution opens after one check (`course check %s`)\n", e.ID)
		return exitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "course solution: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "# the reference solution of %s (your file is unchanged)\n", e.ID)
	stdout.Write(src)
	return exitOK
}

func runProgress(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("progress", "progress [--source DIR]")
	source := sourceFlag(fs)
	if code, ok := parseNoArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	env, ok := loadExercises("progress", *source, stderr)
	if !ok {
		return exitUsage
	}
	p, err := env.ws.LoadProgress()
	if err != nil {
		fmt.Fprintf(stderr, "course progress: %v\n", err)
		return exitUsage
	}
	type row struct{ mark, id, runtime, status, attempts, hints string }
	rows := []row{{" ", "exercise", "runtime", "status", "attempts", "hints"}}
	var heads []string // heads[i]: a module title printed before rows[i+1], or ""
	titles := moduleTitles(env.ws.Root)
	module := ""
	for _, e := range env.set.Exercises {
		head := ""
		if e.Module != module {
			module = e.Module
			head = titles[e.Module]
			if head == "" {
				head = e.Module
			}
		}
		heads = append(heads, head)
		ep := p.Of(e.ID)
		counts := fmt.Sprintf("%d/%d tests pass", ep.LastPassed, ep.LastTotal)
		status := map[exercise.State]string{
			exercise.NotStarted: "not started",
			exercise.Unchecked:  "started",
			exercise.Failing:    counts,
			exercise.FailingNow: "passed earlier, failing now (" + counts + ")",
			exercise.Edited:     "passed, edited since (check again)",
			exercise.Done:       "✓ done",
		}[env.ws.State(p, e)]
		mark := " "
		if e.ID == p.Current {
			mark = ">"
		}
		rows = append(rows, row{mark, e.ID, e.Runtime, status, fmt.Sprint(ep.Attempts), fmt.Sprintf("%d/%d", ep.Hints, len(e.Hints))})
	}
	var w [6]int
	for _, r := range rows {
		for i, c := range []string{r.mark, r.id, r.runtime, r.status, r.attempts, r.hints} {
			w[i] = max(w[i], utf8.RuneCountInString(c))
		}
	}
	for i, r := range rows {
		if i > 0 && heads[i-1] != "" {
			fmt.Fprintf(stdout, "\n%s\n", heads[i-1])
		}
		fmt.Fprintf(stdout, "%s %-*s  %-*s  %-*s  %*s  %*s\n", r.mark, w[1], r.id, w[2], r.runtime, w[3], r.status, w[4], r.attempts, w[5], r.hints)
	}
	fmt.Fprintf(stdout, "\n%s done\n", exercise.Bar(env.ws.Done(p, env.set.Exercises), len(env.set.Exercises), 30))
	return exitOK
}

// moduleTitles maps module slugs to their titles, from content/ under root
// (empty when there is none: the exercises name modules by slug then).
func moduleTitles(root string) map[string]string {
	fsys := os.DirFS(root)
	var dl diag.List
	c := content.Load(fsys, config.Load(fsys, config.Overrides{Drafts: true}, &dl), &dl)
	titles := map[string]string{}
	for _, m := range c.Modules {
		if m.Index != nil && m.Index.Meta.Title != "" {
			titles[m.Slug] = m.Index.Meta.Title
		}
	}
	return titles
}

func runWatch(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("watch", "watch [<id>|<module>|all] [--source DIR]")
	source := sourceFlag(fs)
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	env, ok := loadExercises("watch", *source, stderr)
	if !ok {
		return exitUsage
	}
	if len(pos) == 0 {
		pos = []string{"all"}
	}
	exs, ok := env.pick(pos, true, stderr)
	if !ok {
		return exitUsage
	}
	n, err := exercise.NewNotifier()
	if err != nil {
		fmt.Fprintf(stderr, "course watch: %v\n", err)
		return exitUsage
	}
	defer n.Close()
	input := make(chan string)
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			input <- sc.Text()
		}
		close(input)
	}()
	ctx, cancel := interruptible()
	defer cancel()
	loop := &exercise.Loop{W: env.ws, Queue: exs, Out: stdout, Watch: n.Add, Changes: n.Changes, Input: input}
	fmt.Fprintf(stdout, "Watching %d exercise%s; Ctrl-C or q to stop.\n", len(exs), plural(len(exs)))
	if err := loop.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "course watch: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func runTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("test", "test [<id>|<module>|all] [--workers N] [--no-fork] [--no-browser] [--no-blocks] [--times FILE] [--mutants] [--min-share P] [--runtime R] [--source DIR]")
	source := sourceFlag(fs)
	workers := fs.Int("workers", 0, "checks to run at once (default: the number of CPUs)")
	noFork := fs.Bool("no-fork", false, "start a new Python for every check (on Linux they are forked from one that has imported the exercise's modules)")
	noBrowser := fs.Bool("no-browser", false, "skip the in-page runs in headless Chromium (not allowed with CI=true)")
	noBlocks := fs.Bool("no-blocks", false, "skip the lessons' runnable code blocks")
	timesFile := fs.String("times", "", "write each run's duration to this file, one JSON object a line (scripts/testtimes reads it)")
	mutants := fs.Bool("mutants", false, "instead: run mutants of each solution through its checker and report the share rejected")
	minShare := fs.Float64("min-share", exercise.DefaultMinShare*100, "with --mutants: the percentage of mutants each checker must reject")
	onlyRuntime := fs.String("runtime", "", "with --mutants: only the exercises of this runtime (browser or local)")
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	env, ok := loadExercises("test", *source, stderr)
	if !ok {
		return exitUsage
	}
	if len(pos) == 0 {
		pos = []string{"all"}
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "course test: unexpected argument %q\n", pos[1])
		return exitUsage
	}
	ctx, cancel := interruptible()
	defer cancel()
	exs, err := env.set.Select(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "course test: %v\n", err)
		if pos[0] == "all" && len(env.set.Exercises) == 0 && !env.dl.HasErrors() {
			// A course of lessons only (notebooks, an imported book) may
			// still have code to run.
			if !*noBlocks && !lessonBlocks(ctx, env, "all", stdout, *workers, nil, &timeLog{}) {
				return exitContent
			}
			return exitOK
		}
		return exitUsage
	}
	if *mutants {
		return runMutants(ctx, env, exs, *onlyRuntime, *workers, *minShare, stdout, stderr)
	}
	start := time.Now()
	times := &timeLog{}
	if *timesFile != "" {
		defer func() {
			if err := times.write(*timesFile); err != nil {
				fmt.Fprintf(stderr, "course test: %v\n", err)
			}
		}()
	}
	var forks *exercise.Forks
	if !*noFork {
		forks = &exercise.Forks{}
		defer forks.Close()
	}
	a := &exercise.Auditor{Finder: env.ws.Finder, Workers: *workers, Runner: exercise.Runner{Threads: 1, Forks: forks}, Step: func(s exercise.AuditStep) {
		status := "error"
		switch {
		case s.Err != nil:
		case s.Report != nil:
			status = fmt.Sprintf("%s %d/%d", s.Report.Status, s.Report.Summary.Passed, s.Report.Summary.Total)
		}
		fmt.Fprintf(stdout, "  %-32s %-34s %-12s %6s\n", s.Exercise.ID, s.What, status, s.Duration.Round(time.Millisecond))
		times.add("check", s.Exercise.ID, s.What, s.Duration)
	}}
	fmt.Fprintf(stdout, "Testing %d exercise%s (solution, starter and every mistake of each)\n", len(exs), plural(len(exs)))
	audits := a.Run(ctx, env.set, exs)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "course test: interrupted")
		return exitUsage
	}
	fmt.Fprintln(stdout)
	exercise.WriteAuditTable(stdout, audits)
	bad := slices.ContainsFunc(audits, func(a *exercise.Audit) bool { return !a.OK() })
	if *noBrowser && browsertest.IsCI(os.Getenv) {
		fmt.Fprintln(stderr, "course test: --no-browser is refused under CI=true: CI runs every exercise in the page too")
		return exitUsage
	}
	if !*noBrowser {
		if !pageHalf(ctx, env, audits, stdout, stderr, times) {
			bad = true
		}
	}
	if !*noBlocks && !strings.Contains(pos[0], "/") {
		if !lessonBlocks(ctx, env, pos[0], stdout, *workers, forks, times) {
			bad = true
		}
	}
	if env.dl.HasErrors() {
		fmt.Fprintln(stdout, "the exercises have errors (listed above)")
		bad = true
	}
	fmt.Fprintf(stdout, "\n%d exercise%s in %s: ", len(audits), plural(len(audits)), time.Since(start).Round(time.Millisecond))
	if bad {
		fmt.Fprintln(stdout, "FAILED")
		for _, a := range audits {
			var np *exercise.NoPythonError
			if errors.As(a.SetupErr, &np) {
				return exitUsage
			}
		}
		return exitContent
	}
	fmt.Fprintln(stdout, "ok")
	return exitOK
}

func runDoctor(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("doctor", "doctor [--source DIR]")
	source := sourceFlag(fs)
	if code, ok := parseNoArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	env, ok := loadExercises("doctor", *source, stderr)
	if !ok {
		return exitUsage
	}
	mods := slices.Clone(exercise.KnownModules)
	for _, e := range env.set.Exercises {
		for _, r := range e.Requires {
			if !slices.Contains(mods, r) {
				mods = append(mods, r)
			}
		}
	}
	ctx, cancel := interruptible()
	defer cancel()
	fmt.Fprintln(stdout, "Pythons, in the order course tries them (the first with what an exercise needs runs it):")
	if os.Getenv("COURSE_PYTHON") == "" {
		fmt.Fprintf(stdout, "  %-15s (not set)\n", "$COURSE_PYTHON")
	}
	pys := exercise.Pythons(ctx, env.ws.Finder.Candidates, mods, true)
	for _, p := range pys {
		fmt.Fprintf(stdout, "  %-15s %s\n", p.Source, p.Candidate)
		if !p.OK() {
			fmt.Fprintf(stdout, "  %-15s   unusable: %v\n", "", p.Err)
			continue
		}
		var have []string
		for _, m := range mods {
			if v, ok := p.Modules[m]; ok {
				have = append(have, strings.TrimSpace(m+" "+v))
			} else {
				have = append(have, m+": missing")
			}
		}
		fmt.Fprintf(stdout, "  %-15s   Python %s (%s); %s\n", "", p.Version, p.Executable, strings.Join(have, ", "))
		if missing := p.Missing(mods); len(missing) > 0 {
			fmt.Fprintf(stdout, "  %-15s   to add what is missing: %s\n", "", exercise.InstallCommand(p, missing))
		}
	}
	fmt.Fprintln(stdout, "\nExercises:")
	result := exitOK
	groups := map[string][]string{}
	var keys []string
	for _, e := range env.set.Exercises {
		k := strings.Join(e.Requires, ", ")
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e.ID)
	}
	for _, k := range keys {
		reqs := []string{}
		if k != "" {
			reqs = strings.Split(k, ", ")
		}
		label := "standard library"
		if k != "" {
			label = k
		}
		p, err := exercise.Choose(pys, reqs)
		if err != nil {
			fmt.Fprintf(stdout, "  %-20s no suitable Python: %s cannot run\n", label, strings.Join(groups[k], ", "))
			fmt.Fprintf(stdout, "  %-20s %s\n", "", strings.ReplaceAll(exercise.InstallHint(reqs), "\n", "\n  "+strings.Repeat(" ", 21)))
			result = exitContent
			continue
		}
		fmt.Fprintf(stdout, "  %-20s %s runs %s\n", label, p.Candidate, strings.Join(groups[k], ", "))
	}
	return result
}
