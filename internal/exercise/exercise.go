// Package exercise loads a course's exercises, runs their checkers on the
// learner's machine and defines the report that both runtimes (the page and
// `course check`) produce.
//
// # Layout
//
// An exercise is a folder exercises/<module>/<slug>/, where <module> is the
// slug of a module without its number (content/01-loss-functions →
// loss-functions). Its id is the path below exercises/: "loss-functions/mse".
// Folders whose names start with "_" or "." are not exercises;
// exercises/_lib/ holds the checker library (coursecheck.py) and the report's
// JSON Schema (report.schema.json).
//
//	exercises/loss-functions/mse/
//	  exercise.toml            the metadata below
//	  starter.py               what the learner starts from and edits
//	  solution.py              the reference solution
//	  check.py                 the checker: test_ functions (see below)
//	  mistakes/sum-not-mean.py a wrong answer the checker must reject; its first
//	                           line is a comment naming the mistake:
//	                           "# Sums the penalties instead of averaging them."
//	  (any other file)         data the checker reads, copied next to check.py
//
// # exercise.toml
//
//	title     = "Mean squared error"  # required
//	runtime   = "browser"             # required: "browser" (standard library only; runs
//	                                  # in the page and locally) or "local" (runs only
//	                                  # with `course check`; may need requires)
//	requires  = ["numpy", "cv2"]      # modules the exercise imports; local only
//	timeout   = 10                    # seconds the whole check may take (default 10, 1-600)
//	functions = ["mse", "mae"]        # required: what the learner implements; each must
//	                                  # be defined at the top of starter.py and solution.py
//	hints     = ["…", "…"]            # required: a ladder, revealed one at a time
//	weight    = 0                     # order among the module's exercises (then the slug)
//
// An unknown key is an error at its line, like every other problem Load
// finds: missing files, a browser exercise with requires, no hints, a
// mistakes/ folder without mistakes, a mistake without its comment, a test
// defined twice in check.py.
//
// # Checkers
//
// check.py imports coursecheck (exercises/_lib/coursecheck.py, whose doc
// comment is the checker author's manual). A test is a top-level function
// whose name starts with "test_", named as the behaviour it checks
// (test_mse_rejects_lists_of_different_lengths); tests run in the order they
// are defined and take, by name, learner (the learner's module) and/or ref
// (solution.py). Every checker compares the learner's functions with the
// reference on edge cases and on at least 20 seeded random inputs
// (coursecheck.random_cases); `course test` verifies that count from the
// report's cases field.
//
// # Reports
//
// A check produces a Report: JSON with a versioned schema
// (exercises/_lib/report.schema.json, schema 1). Status "pass" means every
// test passed; "fail" that one did not — including when the learner's file
// does not load (a failing pseudo-test "import", then every test "skip"),
// runs past the timeout or prints more than the output cap; "error" that the
// checker itself could not run (a broken exercise, a missing module). Each
// test carries a message naming the input, the expected and actual values,
// what the learner's code printed and their traceback trimmed to their own
// file. testdata/reports/ holds sample reports; Go renders them with Render
// and the page's JavaScript renders the same files.
//
// # Local runs
//
// Runner.Run copies check.py, solution.py, the exercise's data files,
// _lib/coursecheck.py and the learner's file into a fresh temporary folder
// (the learner's file is never modified) and runs
//
//	python -B -c "…coursecheck.main()" --exercise ID --learner learner.py …
//
// in its own process group. The exercise's timeout starts when the learner's
// code does: Python's start-up and the import of what the exercise requires
// (seconds, for torch) have their own limit, DefaultSetupTimeout. The child prints one JSON event per line on
// stdout — {"event":"plan"}, {"event":"start","test":…} before learner code
// runs, {"event":"test","test":{…}} after each test, and finally
// {"event":"report","report":{…}} — while the learner's own output goes to
// stderr. On timeout the whole group is killed and the report is assembled
// from the events: the test that was running fails with "timed out", the rest
// are skipped. Output beyond the cap (1 MiB per stream) is treated the same
// way. When the child ends without a report outside the learner's code, Run
// returns a *HarnessError naming the program, its exit status and its stderr.
//
// The interpreter is the first of $COURSE_PYTHON, course.toml's
// [runner] python, python3 on PATH and /usr/bin/python3 that is Python 3.11+
// and finds every module the exercise requires (Candidates, Finder); the caller
// supplies the candidates, as nothing below cmd/ reads the environment.
//
// # The learner's side
//
// Workspace holds the learner's files, workspace/<id>.py (git-ignored), and
// their progress, workspace/.progress.json (see Progress for its format):
// attempts, hints revealed, whether each exercise passed. Loop drives
// `course watch`; Auditor drives `course test`, which runs every exercise's
// solution (it must pass every test), starter and mistakes (each must fail
// one) and checks the hints and the cases each function is compared on.
package exercise

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/diag"
)

// Dir is the folder, below the project root, that holds the exercises.
const Dir = "exercises"

// LibDir is the folder of the checker library, below the project root.
const LibDir = Dir + "/_lib"

// Runtimes.
const (
	Browser = "browser"
	Local   = "local"
)

// DefaultTimeout is the time a check may take when exercise.toml sets none.
const DefaultTimeout = 10 * time.Second

// MaxTimeout is the largest timeout exercise.toml may set.
const MaxTimeout = 600 * time.Second

// Exercise is one loaded exercise.
type Exercise struct {
	ID        string // "loss-functions/mse"
	Module    string // "loss-functions"
	Slug      string // "mse"
	Dir       string // "exercises/loss-functions/mse"
	Title     string
	Runtime   string // Browser or Local
	Requires  []string
	Timeout   time.Duration
	Hints     []string
	Functions []string
	Weight    int

	Starter  []byte
	Solution []byte
	Check    []byte
	Tests    []string  // test function names in check.py, in order
	Mistakes []Mistake // sorted by file name
	Data     []string  // other files (paths relative to Dir), copied next to check.py
}

// Mistake is one wrong answer the checker must reject.
type Mistake struct {
	File   string // "exercises/loss-functions/mse/mistakes/sum-not-mean.py"
	Name   string // "sum-not-mean"
	Label  string // the first line's comment, without "# "
	Source []byte
}

// Set is every exercise of a course, ordered by module (in content order),
// then weight, then slug.
type Set struct {
	Exercises []*Exercise
	FS        fs.FS // the project root the set was loaded from
	byID      map[string]*Exercise
}

// Get returns the exercise with the given id, or nil.
func (s *Set) Get(id string) *Exercise {
	if s == nil {
		return nil
	}
	return s.byID[id]
}

// Select returns the exercises a command-line argument names: an exercise id,
// a module slug, or "all" (also ""). The error lists what exists.
func (s *Set) Select(arg string) ([]*Exercise, error) {
	arg = strings.Trim(arg, "/")
	if arg == "" || arg == "all" {
		if len(s.Exercises) == 0 {
			return nil, fmt.Errorf("this course has no exercises (none under %s/)", Dir)
		}
		return s.Exercises, nil
	}
	if e := s.Get(arg); e != nil {
		return []*Exercise{e}, nil
	}
	var out []*Exercise
	for _, e := range s.Exercises {
		if e.Module == arg {
			out = append(out, e)
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	var ids []string
	for _, e := range s.Exercises {
		ids = append(ids, e.ID)
	}
	msg := fmt.Sprintf("no exercise or module %q", arg)
	if near := closest(arg, ids); near != "" {
		msg += fmt.Sprintf("; did you mean %s?", near)
	}
	if len(ids) > 0 {
		msg += "\nexercises: " + strings.Join(ids, ", ")
	}
	return nil, fmt.Errorf("%s", msg)
}

// Index returns the position of e in the set, or -1.
func (s *Set) Index(id string) int {
	for i, e := range s.Exercises {
		if e.ID == id {
			return i
		}
	}
	return -1
}

type meta struct {
	Title     string   `toml:"title"`
	Runtime   string   `toml:"runtime"`
	Requires  []string `toml:"requires"`
	Timeout   *int     `toml:"timeout"`
	Hints     []string `toml:"hints"`
	Functions []string `toml:"functions"`
	Weight    int      `toml:"weight"`
}

var (
	slugRe   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	identRe  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	moduleRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)
	testRe   = regexp.MustCompile(`(?m)^(?:async\s+)?def\s+(test_[A-Za-z0-9_]*)\s*\(`)
	numRe    = regexp.MustCompile(`^(\d+)-(.+)$`)
)

// Load reads every exercise under exercises/ in fsys (the project root).
// Problems are added to dl with file:line; exercises with errors are still
// returned when they can be, so that one broken exercise does not hide the
// others. A project without exercises/ has an empty set.
func Load(fsys fs.FS, dl *diag.List) *Set {
	s := &Set{FS: fsys, byID: map[string]*Exercise{}}
	modules, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return s
	}
	if _, err := fs.Stat(fsys, LibDir+"/coursecheck.py"); err != nil {
		dl.Add(diag.Diagnostic{File: LibDir + "/coursecheck.py", Msg: "the checker library is missing",
			Hint: "every exercise's check.py imports it; restore it from the course repository"})
	}
	for _, m := range modules {
		if !m.IsDir() || skipName(m.Name()) {
			continue
		}
		mdir := Dir + "/" + m.Name()
		if !slugRe.MatchString(m.Name()) {
			dl.Add(diag.Diagnostic{File: mdir, Msg: fmt.Sprintf("module folder %q is not a slug", m.Name()),
				Hint: "use the module's slug without its number: lowercase letters, digits and dashes (loss-functions)"})
			continue
		}
		entries, err := fs.ReadDir(fsys, mdir)
		if err != nil {
			dl.Errorf(mdir, 0, 0, "cannot read: %v", err)
			continue
		}
		for _, x := range entries {
			if skipName(x.Name()) {
				continue
			}
			if !x.IsDir() {
				dl.Add(diag.Diagnostic{File: mdir + "/" + x.Name(), Msg: "a file directly in a module's exercise folder",
					Hint: "each exercise is a folder exercises/<module>/<slug>/; move the file into one"})
				continue
			}
			if e := loadOne(fsys, m.Name(), x.Name(), dl); e != nil {
				s.Exercises = append(s.Exercises, e)
				s.byID[e.ID] = e
			}
		}
	}
	order := moduleOrder(fsys)
	sort.SliceStable(s.Exercises, func(i, j int) bool {
		a, b := s.Exercises[i], s.Exercises[j]
		oa, oka := order[a.Module]
		ob, okb := order[b.Module]
		switch {
		case oka != okb:
			return oka // modules known to content/ first
		case oa != ob:
			return oa < ob
		case a.Module != b.Module:
			return a.Module < b.Module
		case a.Weight != b.Weight:
			return a.Weight < b.Weight
		}
		return a.Slug < b.Slug
	})
	return s
}

func skipName(name string) bool { return strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") }

// moduleOrder maps module slugs to their number in content/ (01-loss-functions → 1).
func moduleOrder(fsys fs.FS) map[string]int {
	out := map[string]int{}
	entries, _ := fs.ReadDir(fsys, "content")
	for _, e := range entries {
		if m := numRe.FindStringSubmatch(e.Name()); m != nil && e.IsDir() {
			n, _ := strconv.Atoi(m[1])
			out[m[2]] = n
		}
	}
	return out
}

func loadOne(fsys fs.FS, module, slug string, dl *diag.List) *Exercise {
	dir := path.Join(Dir, module, slug)
	if !slugRe.MatchString(slug) {
		dl.Add(diag.Diagnostic{File: dir, Msg: fmt.Sprintf("exercise folder %q is not a slug", slug),
			Hint: "use lowercase letters, digits and dashes (to-gray)"})
		return nil
	}
	e := &Exercise{ID: module + "/" + slug, Module: module, Slug: slug, Dir: dir, Timeout: DefaultTimeout}
	tomlFile := dir + "/exercise.toml"
	data, err := fs.ReadFile(fsys, tomlFile)
	if err != nil {
		dl.Add(diag.Diagnostic{File: tomlFile, Msg: "missing exercise.toml",
			Hint: `every exercise needs one with title, runtime, functions and hints; see the README's "Exercises" section`})
		data = nil
	}
	var m meta
	if data != nil && diag.CheckUTF8(tomlFile, data, 0, dl) && config.DecodeStrict(tomlFile, data, 0, &m, dl) {
		e.validateMeta(tomlFile, data, &m, dl)
	}

	read := func(name, what string) []byte {
		b, err := fs.ReadFile(fsys, dir+"/"+name)
		if err != nil {
			dl.Add(diag.Diagnostic{File: dir + "/" + name, Msg: "missing " + name, Hint: what})
			return nil
		}
		diag.CheckUTF8(dir+"/"+name, b, 0, dl)
		return b
	}
	e.Starter = read("starter.py", "the file the learner starts from: the functions to implement, raising NotImplementedError")
	e.Solution = read("solution.py", "the reference solution the checker compares with")
	e.Check = read("check.py", "the checker: test_ functions using coursecheck")
	for _, fn := range e.Functions {
		for _, f := range []struct {
			name string
			src  []byte
		}{{"starter.py", e.Starter}, {"solution.py", e.Solution}} {
			if f.src != nil && !definesFunction(f.src, fn) {
				dl.Add(diag.Diagnostic{File: dir + "/" + f.name, Msg: fmt.Sprintf("does not define %s, listed in functions", fn),
					Hint: fmt.Sprintf("add a top-level def %s(…) or remove it from exercise.toml's functions", fn)})
			}
		}
	}
	if e.Check != nil {
		e.Tests = checkTests(dir+"/check.py", e.Check, dl)
	}
	e.Mistakes = loadMistakes(fsys, dir, dl)
	e.Data = dataFiles(fsys, dir)
	return e
}

func (e *Exercise) validateMeta(file string, data []byte, m *meta, dl *diag.List) {
	errAt := func(key, msg, hint string) {
		dl.Add(diag.Diagnostic{File: file, Line: keyLine(data, key), Msg: msg, Hint: hint})
	}
	e.Title = strings.TrimSpace(m.Title)
	if e.Title == "" {
		errAt("title", "missing title", `add title = "…", the exercise's name as learners see it`)
	}
	e.Runtime = m.Runtime
	switch m.Runtime {
	case Browser, Local:
	case "":
		errAt("runtime", "missing runtime", `add runtime = "browser" (standard library only) or runtime = "local" (numpy, torch, cv2…)`)
	default:
		errAt("runtime", fmt.Sprintf("runtime is %q", m.Runtime), `use "browser" or "local"`)
	}
	e.Requires = m.Requires
	if m.Runtime == Browser && len(m.Requires) > 0 {
		errAt("requires", "a browser exercise lists requires",
			`browser exercises use the standard library only; remove requires, or set runtime = "local"`)
	}
	for _, r := range m.Requires {
		if !moduleRe.MatchString(r) {
			errAt("requires", fmt.Sprintf("requires lists %q, which is not a Python module name", r),
				"list modules as they are imported: numpy, torch, cv2")
		}
	}
	if m.Timeout != nil {
		t := time.Duration(*m.Timeout) * time.Second
		if t < time.Second || t > MaxTimeout {
			errAt("timeout", fmt.Sprintf("timeout is %d", *m.Timeout), "give seconds between 1 and 600")
		} else {
			e.Timeout = t
		}
	}
	e.Hints = m.Hints
	if len(m.Hints) == 0 {
		errAt("hints", "no hints", `add hints = ["…", "…"], from a gentle nudge to nearly the answer`)
	}
	for i, h := range m.Hints {
		if strings.TrimSpace(h) == "" {
			errAt("hints", fmt.Sprintf("hint %d is empty", i+1), "write the hint or remove it")
		}
	}
	e.Functions = m.Functions
	if len(m.Functions) == 0 {
		errAt("functions", "no functions", `add functions = ["…"], the names the learner implements`)
	}
	seen := map[string]bool{}
	for _, f := range m.Functions {
		if !identRe.MatchString(f) {
			errAt("functions", fmt.Sprintf("functions lists %q, which is not a Python name", f), "")
		}
		if seen[f] {
			errAt("functions", fmt.Sprintf("functions lists %q twice", f), "")
		}
		seen[f] = true
	}
	e.Weight = m.Weight
}

// keyLine finds the line that assigns key at the top level of a TOML file.
func keyLine(data []byte, key string) int {
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 1
}

func definesFunction(src []byte, name string) bool {
	re := regexp.MustCompile(`(?m)^(?:async\s+)?def\s+` + regexp.QuoteMeta(name) + `\s*\(`)
	return re.Match(src)
}

// checkTests lists check.py's test functions, reporting duplicates (Python
// would silently keep only the last).
func checkTests(file string, src []byte, dl *diag.List) []string {
	var names []string
	first := map[string]int{}
	for _, m := range testRe.FindAllSubmatchIndex(src, -1) {
		name := string(src[m[2]:m[3]])
		line, _ := diag.LineCol(src, m[0])
		if l, dup := first[name]; dup {
			dl.Add(diag.Diagnostic{File: file, Line: line, Msg: fmt.Sprintf("test %s is defined twice (first at line %d)", name, l),
				Hint: "Python keeps only the last one; rename one of them"})
			continue
		}
		first[name] = line
		names = append(names, name)
	}
	if len(names) == 0 {
		dl.Add(diag.Diagnostic{File: file, Msg: "check.py defines no tests",
			Hint: "a test is a top-level function whose name starts with test_"})
	}
	return names
}

func loadMistakes(fsys fs.FS, dir string, dl *diag.List) []Mistake {
	mdir := dir + "/mistakes"
	entries, err := fs.ReadDir(fsys, mdir)
	if err != nil {
		dl.Add(diag.Diagnostic{File: mdir, Msg: "no mistakes/ folder",
			Hint: "add mistakes/<name>.py files: common wrong answers the checker must reject"})
		return nil
	}
	var out []Mistake
	for _, x := range entries {
		file := mdir + "/" + x.Name()
		if skipName(x.Name()) {
			continue
		}
		if x.IsDir() || !strings.HasSuffix(x.Name(), ".py") {
			dl.Add(diag.Diagnostic{File: file, Msg: "mistakes/ holds only .py files", Hint: "move or remove it"})
			continue
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			dl.Errorf(file, 0, 0, "cannot read: %v", err)
			continue
		}
		diag.CheckUTF8(file, src, 0, dl)
		first, _, _ := bytes.Cut(src, []byte("\n"))
		label := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(first)), "#"))
		if !bytes.HasPrefix(bytes.TrimSpace(first), []byte("#")) || label == "" {
			dl.Add(diag.Diagnostic{File: file, Line: 1, Msg: "a mistake must start with a comment naming the mistake",
				Hint: `make line 1 read like "# Divides by n - 1 instead of n."`})
		}
		out = append(out, Mistake{File: file, Name: strings.TrimSuffix(x.Name(), ".py"), Label: label, Source: src})
	}
	if len(out) == 0 && err == nil {
		dl.Add(diag.Diagnostic{File: mdir, Msg: "mistakes/ holds no mistakes",
			Hint: "add at least one wrong answer (mistakes/<name>.py) that the checker must reject"})
	}
	return out
}

var reserved = map[string]bool{
	"exercise.toml": true, "starter.py": true, "solution.py": true, "check.py": true,
	"learner.py": true, "coursecheck.py": true, EquivalentFile: true,
}

// dataFiles lists the exercise's other files, which the runner copies next
// to check.py.
func dataFiles(fsys fs.FS, dir string) []string {
	var out []string
	fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		if d.IsDir() {
			if rel == "mistakes" || rel == "__pycache__" || (rel != "" && skipName(d.Name())) {
				return fs.SkipDir
			}
			return nil
		}
		if rel != "" && !reserved[rel] && !skipName(d.Name()) {
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// closest returns the candidate nearest to s in edit distance, if close.
func closest(s string, cands []string) string {
	best, bestD := "", 4
	for _, c := range cands {
		for _, form := range []string{c, path.Base(c), path.Dir(c)} {
			if d := diag.Levenshtein(s, form); d < bestD {
				best, bestD = c, d
				if form == path.Dir(c) {
					best = form
				}
			}
		}
	}
	return best
}
