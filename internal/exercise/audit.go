package exercise

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// MinRandomCases is how many seeded random inputs a checker must compare
// each function on.
const MinRandomCases = 20

// Audit is what `course test` found about one exercise: the reports of the
// solution, the starter and every mistake, and the problems they reveal.
type Audit struct {
	Exercise *Exercise
	Python   string
	Solution *Report
	Starter  *Report
	Mistakes []*Report // in the order of Exercise.Mistakes; nil when it could not run
	Problems []string
	SetupErr error         // why no run could start (no suitable Python), or nil
	Duration time.Duration // summed over the runs
}

// OK reports whether the exercise has no problem.
func (a *Audit) OK() bool { return len(a.Problems) == 0 }

// Rejected counts the mistakes the checker rejects.
func (a *Audit) Rejected() int {
	n := 0
	for _, r := range a.Mistakes {
		if r != nil && r.Status == StatusFail {
			n++
		}
	}
	return n
}

// AuditStep is one finished run, reported as the audit proceeds.
type AuditStep struct {
	Exercise *Exercise
	What     string // "solution", "starter" or "mistakes/<name>.py"
	Report   *Report
	Err      error
	Duration time.Duration
}

// Auditor runs `course test`: for every exercise, the solution must pass
// every test, the starter and every mistake must fail at least one, the
// hints must be non-empty, test names unique, and every function compared
// on edge cases and at least MinRandomCases random inputs.
type Auditor struct {
	Finder  *Finder
	Runner  Runner // template; Python and FS are set per exercise
	Workers int    // parallel runs; 0 means the number of CPUs
	// Step, if set, is called after each run (from one goroutine at a time).
	Step func(AuditStep)
}

// Run audits exs (from s) and returns one Audit per exercise, in order.
func (a *Auditor) Run(ctx context.Context, s *Set, exs []*Exercise) []*Audit {
	a.Finder.Prepare(ctx, exs)
	audits := make([]*Audit, len(exs))
	type job struct {
		audit *Audit
		what  string
		src   []byte
		slot  **Report
	}
	var jobs []job
	for i, e := range exs {
		au := &Audit{Exercise: e, Mistakes: make([]*Report, len(e.Mistakes))}
		audits[i] = au
		if len(e.Hints) == 0 {
			au.Problems = append(au.Problems, "exercise.toml has no hints")
		}
		for j, h := range e.Hints {
			if strings.TrimSpace(h) == "" {
				au.Problems = append(au.Problems, fmt.Sprintf("hint %d is empty", j+1))
			}
		}
		py, err := a.Finder.For(ctx, e.Requires)
		if err != nil {
			au.SetupErr = err
			au.Problems = append(au.Problems, err.Error())
			continue
		}
		au.Python = py.Exe()
		jobs = append(jobs, job{au, "solution", e.Solution, &au.Solution}, job{au, "starter", e.Starter, &au.Starter})
		for j, m := range e.Mistakes {
			jobs = append(jobs, job{au, "mistakes/" + m.Name + ".py", m.Source, &au.Mistakes[j]})
		}
	}
	workers := a.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var mu sync.Mutex
	errs := map[*Audit][]string{}
	ch := make(chan job)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				r := a.Runner
				r.Python, r.FS = j.audit.Python, s.FS
				start := time.Now()
				rep, err := r.Run(ctx, j.audit.Exercise, Submission{Source: j.src, Name: j.audit.Exercise.Dir + "/" + fileOf(j.what)})
				d := time.Since(start)
				mu.Lock()
				*j.slot = rep
				j.audit.Duration += d
				if err != nil {
					errs[j.audit] = append(errs[j.audit], fmt.Sprintf("%s: %v", j.what, err))
				}
				if a.Step != nil {
					a.Step(AuditStep{Exercise: j.audit.Exercise, What: j.what, Report: rep, Err: err, Duration: d})
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		ch <- j
	}
	close(ch)
	wg.Wait()
	for _, au := range audits {
		e := errs[au]
		sort.Strings(e)
		au.Problems = append(au.Problems, e...)
		au.judge()
	}
	return audits
}

func fileOf(what string) string {
	if strings.HasPrefix(what, "mistakes/") {
		return what
	}
	return what + ".py"
}

// judge adds the problems the reports reveal.
func (au *Audit) judge() {
	e := au.Exercise
	add := func(format string, args ...any) { au.Problems = append(au.Problems, fmt.Sprintf(format, args...)) }
	if r := au.Solution; r != nil {
		switch r.Status {
		case StatusError:
			add("solution.py: the checker could not run: %s", firstLine(r.Error))
		case StatusFail:
			for _, t := range r.Tests {
				if t.Status != StatusPass {
					add("solution.py fails %s: %s", t.Name, firstLine(t.Message))
				}
			}
		}
		seen := map[string]bool{}
		for _, t := range r.Tests {
			if seen[t.Name] {
				add("check.py: test name %s is not unique", t.Name)
			}
			seen[t.Name] = true
		}
		if r.Status == StatusPass {
			for _, fn := range e.Functions {
				c := r.Cases[fn]
				if c.Edge == 0 {
					add("check.py compares %s with the reference on no edge cases (use coursecheck.compare or expect_raises outside random_cases)", fn)
				}
				if c.Random < MinRandomCases {
					add("check.py compares %s with the reference on %d random inputs; at least %d are needed (coursecheck.random_cases)", fn, c.Random, MinRandomCases)
				}
			}
		}
	}
	judgeWrong := func(what string, r *Report) {
		if r == nil {
			return
		}
		switch r.Status {
		case StatusPass:
			add("%s passes every test; the checker must reject it", what)
		case StatusError:
			add("%s: the checker could not run: %s", what, firstLine(r.Error))
		}
	}
	judgeWrong("starter.py", au.Starter)
	for i, m := range e.Mistakes {
		judgeWrong(fmt.Sprintf("mistakes/%s.py (%s)", m.Name, m.Label), au.Mistakes[i])
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// WriteAuditTable writes one row per exercise and every problem below.
func WriteAuditTable(w io.Writer, audits []*Audit) {
	fmt.Fprintf(w, "%-32s %-8s %-9s %-9s %-9s %8s  %s\n", "exercise", "runtime", "solution", "starter", "mistakes", "time", "result")
	for _, a := range audits {
		sol, start := "-", "-"
		if a.Solution != nil {
			sol = fmt.Sprintf("%d/%d", a.Solution.Summary.Passed, a.Solution.Summary.Total)
		}
		if a.Starter != nil {
			start = fmt.Sprintf("%d/%d", a.Starter.Summary.Passed, a.Starter.Summary.Total)
		}
		result := "ok"
		if !a.OK() {
			result = fmt.Sprintf("%d problem%s", len(a.Problems), plural(len(a.Problems)))
		}
		fmt.Fprintf(w, "%-32s %-8s %-9s %-9s %-9s %8s  %s\n", a.Exercise.ID, a.Exercise.Runtime, sol, start,
			fmt.Sprintf("%d/%d", a.Rejected(), len(a.Exercise.Mistakes)), a.Duration.Round(time.Millisecond), result)
	}
	for _, a := range audits {
		for _, p := range a.Problems {
			fmt.Fprintf(w, "%s: %s\n", a.Exercise.Dir, p)
		}
	}
}
