// Command testtimes reads what the test suite records and says where its
// time went and what failed.
//
//	go test -json ./... | testtimes gotest -save go.json
//	    prints what `go test` prints (package lines, and the output of
//	    every test that failed or was skipped) and saves each package's
//	    and test's result and time
//	testtimes table -go go.json -course course.jsonl -stages stages.tsv
//	    the table that ends scripts/test.sh: time per stage, the slowest
//	    packages, tests, exercises and lesson blocks, and the total
//	testtimes stress RUN_DIR...
//	    for scripts/stress.sh: each test that failed in any run, with the
//	    number of runs it failed in
//
// course.jsonl is what `course test --times FILE` writes; stages.tsv has a
// line "NAME<TAB>SECONDS<TAB>EXIT" per stage of scripts/test.sh.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "gotest":
		err = cmdGotest(os.Args[2:], os.Stdin, os.Stdout)
	case "table":
		err = cmdTable(os.Args[2:], os.Stdout)
	case "stress":
		var failed bool
		failed, err = cmdStress(os.Args[2:], os.Stdout)
		if err == nil && failed {
			os.Exit(1)
		}
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "testtimes: %v\n", err)
		os.Exit(2)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: testtimes gotest -save FILE < go-test.json\n       testtimes table -go FILE [-course FILE] [-stages FILE]\n       testtimes stress RUN_DIR...")
	os.Exit(2)
}

// Results is what `testtimes gotest -save` writes.
type Results struct {
	Packages []Result `json:"packages"`
	Tests    []Result `json:"tests"` // top-level tests and subtests
}

// Result is one package's or test's outcome: pass, fail or skip.
type Result struct {
	Package string  `json:"package"`
	Test    string  `json:"test,omitempty"`
	Result  string  `json:"result"`
	Seconds float64 `json:"seconds"`
}

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

// readGoTest turns a `go test -json` stream into results, writing to out
// what `go test` without -json would show, plus the output of skipped tests
// (a test that skips for a missing dependency says so loudly).
func readGoTest(in io.Reader, out io.Writer) (*Results, error) {
	res := &Results{}
	buf := map[string][]string{} // package + "\x00" + test → output lines
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var ev event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &ev) != nil {
			fmt.Fprintf(out, "%s\n", line) // not an event: pass it through
			continue
		}
		key := ev.Package + "\x00" + ev.Test
		switch ev.Action {
		case "output", "build-output":
			if ev.Test == "" {
				if ev.Output != "PASS\n" && !strings.HasPrefix(ev.Output, "=== ") {
					io.WriteString(out, ev.Output)
				}
				continue
			}
			buf[key] = append(buf[key], ev.Output)
		case "pass", "fail", "skip":
			r := Result{Package: ev.Package, Test: ev.Test, Result: ev.Action, Seconds: ev.Elapsed}
			if ev.Test == "" {
				res.Packages = append(res.Packages, r)
				// Tests that never ended (the binary timed out or crashed):
				// their output says why, often with the panic.
				var open []string
				for k := range buf {
					if pkg, test, _ := strings.Cut(k, "\x00"); pkg == ev.Package {
						open = append(open, test)
					}
				}
				sort.Strings(open)
				for _, test := range open {
					k := ev.Package + "\x00" + test
					if ev.Action == "fail" {
						fmt.Fprintf(out, "--- UNFINISHED: %s (the package failed while it ran)\n", test)
						for _, l := range buf[k] {
							if !strings.HasPrefix(strings.TrimSpace(l), "=== ") {
								io.WriteString(out, l)
							}
						}
						res.Tests = append(res.Tests, Result{Package: ev.Package, Test: test, Result: "fail"})
					}
					delete(buf, k)
				}
				continue
			}
			res.Tests = append(res.Tests, r)
			if ev.Action != "pass" {
				for _, l := range buf[key] {
					if !strings.HasPrefix(strings.TrimSpace(l), "=== ") {
						io.WriteString(out, l)
					}
				}
			}
			delete(buf, key)
		}
	}
	return res, sc.Err()
}

func cmdGotest(args []string, in io.Reader, out io.Writer) error {
	fs := flag.NewFlagSet("gotest", flag.ExitOnError)
	save := fs.String("save", "", "write the results here (JSON)")
	fs.Parse(args)
	res, err := readGoTest(in, out)
	if err != nil {
		return err
	}
	if *save == "" {
		return nil
	}
	data, err := json.MarshalIndent(res, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(*save, data, 0o644)
}

func loadResults(file string) (*Results, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var r Results
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return &r, nil
}

// courseRow is a line of `course test --times`.
type courseRow struct {
	Kind    string  `json:"kind"`
	ID      string  `json:"id"`
	What    string  `json:"what"`
	Seconds float64 `json:"seconds"`
}

func loadCourse(file string) ([]courseRow, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []courseRow
	dec := json.NewDecoder(f)
	for {
		var r courseRow
		if err := dec.Decode(&r); errors.Is(err, io.EOF) {
			return rows, nil
		} else if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		rows = append(rows, r)
	}
}

type stage struct {
	name    string
	seconds float64
	exit    string
}

func loadStages(file string) ([]stage, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []stage
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want NAME<TAB>SECONDS[<TAB>EXIT]", file, i+1)
		}
		s, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, i+1, err)
		}
		st := stage{name: f[0], seconds: s}
		if len(f) > 2 {
			st.exit = f[2]
		}
		out = append(out, st)
	}
	return out, nil
}

type item struct {
	name    string
	seconds float64
	note    string
}

func top(items []item, n int) []item {
	sort.SliceStable(items, func(i, j int) bool { return items[i].seconds > items[j].seconds })
	if len(items) > n {
		items = items[:n]
	}
	return items
}

func dur(s float64) string {
	return time.Duration(s * float64(time.Second)).Round(100 * time.Millisecond).String()
}

func section(w io.Writer, title string, items []item) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", title)
	width := 0
	for _, it := range items {
		width = max(width, len(it.name))
	}
	for _, it := range items {
		fmt.Fprintln(w, strings.TrimRight(fmt.Sprintf("  %-*s %8s  %s", width, it.name, dur(it.seconds), it.note), " "))
	}
}

// table writes the summary: stages, then the ten slowest of each kind.
func table(w io.Writer, res *Results, course []courseRow, stages []stage) {
	fmt.Fprintln(w, "== where the time went")
	var total float64
	if len(stages) > 0 {
		var items []item
		for _, s := range stages {
			note := ""
			if s.exit != "" && s.exit != "0" {
				note = "exit " + s.exit
			}
			items = append(items, item{s.name, s.seconds, note})
			total += s.seconds
		}
		section(w, "Stages, in order:", items)
	}
	if res != nil {
		var pkgs, tests []item
		for _, p := range res.Packages {
			pkgs = append(pkgs, item{p.Package, p.Seconds, p.Result})
		}
		for _, t := range res.Tests {
			if !strings.Contains(t.Test, "/") {
				tests = append(tests, item{shortPkg(t.Package) + "." + t.Test, t.Seconds, t.Result})
			}
		}
		section(w, "Slowest packages (go test; packages run in parallel):", top(pkgs, 10))
		section(w, "Slowest tests:", top(tests, 10))
	}
	if len(course) > 0 {
		per := map[string]*item{}
		var order []string
		var blocks []item
		for _, r := range course {
			if r.Kind == "block" {
				blocks = append(blocks, item{r.ID, r.Seconds, ""})
				continue
			}
			it := per[r.ID]
			if it == nil {
				it = &item{name: r.ID}
				per[r.ID] = it
				order = append(order, r.ID)
			}
			it.seconds += r.Seconds
		}
		var exs []item
		for _, id := range order {
			var local, page float64
			var runs int
			for _, r := range course {
				if r.ID != id {
					continue
				}
				runs++
				if r.Kind == "page" {
					page += r.Seconds
				} else {
					local += r.Seconds
				}
			}
			note := fmt.Sprintf("%d run%s: %s locally", runs, map[bool]string{true: "", false: "s"}[runs == 1], dur(local))
			if page > 0 {
				note += ", " + dur(page) + " in the page"
			}
			exs = append(exs, item{id, per[id].seconds, note})
		}
		section(w, "Slowest exercises (course test: solution, starter and mistakes, summed):", top(exs, 10))
		section(w, "Slowest lesson blocks:", top(blocks, 10))
	}
	if total > 0 {
		fmt.Fprintf(w, "\nTotal: %s\n", dur(total))
	}
}

func shortPkg(p string) string {
	if i := strings.Index(p, "/internal/"); i >= 0 {
		return p[i+1:]
	}
	if i := strings.Index(p, "/cmd/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

func cmdTable(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("table", flag.ExitOnError)
	goFile := fs.String("go", "", "what testtimes gotest -save wrote")
	courseFile := fs.String("course", "", "what course test --times wrote")
	stagesFile := fs.String("stages", "", "NAME<TAB>SECONDS<TAB>EXIT lines")
	fs.Parse(args)
	var res *Results
	var course []courseRow
	var stages []stage
	var err error
	// A stage that failed may have left no file: show what there is.
	if *goFile != "" {
		if res, err = loadResults(*goFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if *courseFile != "" {
		if course, err = loadCourse(*courseFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if *stagesFile != "" {
		if stages, err = loadStages(*stagesFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	table(out, res, course, stages)
	return nil
}

// stress reports, over the runs in dirs (each holding go.json and
// stages.tsv as scripts/stress.sh leaves them), every test or stage that
// failed in any run and how often. It returns whether anything failed.
func stress(w io.Writer, dirs []string) (bool, error) {
	type count struct{ failed, seen int }
	counts := map[string]*count{}
	var names []string
	note := func(name string, failed bool) {
		c := counts[name]
		if c == nil {
			c = &count{}
			counts[name] = c
			names = append(names, name)
		}
		c.seen++
		if failed {
			c.failed++
		}
	}
	var walls []float64
	for _, d := range dirs {
		stages, err := loadStages(filepath.Join(d, "stages.tsv"))
		if err != nil {
			return false, err
		}
		var wall float64
		for _, s := range stages {
			note("stage "+s.name, s.exit != "0")
			wall += s.seconds
		}
		walls = append(walls, wall)
		res, err := loadResults(filepath.Join(d, "go.json"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		} else if err != nil {
			return false, err
		}
		for _, t := range res.Tests {
			if t.Result != "skip" {
				note(shortPkg(t.Package)+"."+t.Test, t.Result == "fail")
			}
		}
	}
	fmt.Fprintf(w, "%d runs; wall time per run:", len(dirs))
	for _, s := range walls {
		fmt.Fprintf(w, " %s", dur(s))
	}
	fmt.Fprintln(w)
	var tests, failures int
	sort.Strings(names)
	for _, n := range names {
		c := counts[n]
		if !strings.HasPrefix(n, "stage ") {
			tests++
		}
		if c.failed > 0 {
			failures++
			fmt.Fprintf(w, "  FAILED %d of %d runs: %s\n", c.failed, c.seen, n)
		}
	}
	fmt.Fprintf(w, "%d tests and stages, %d failed in at least one run\n", tests, failures)
	return failures > 0, nil
}

func cmdStress(args []string, out io.Writer) (bool, error) {
	if len(args) == 0 {
		return false, errors.New("stress: name the run folders")
	}
	return stress(out, args)
}
