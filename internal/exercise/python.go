package exercise

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// MinPython is the oldest Python the checker library supports.
var MinPython = [2]int{3, 11}

// KnownModules are the modules `course doctor` reports on.
var KnownModules = []string{"numpy", "torch", "cv2"}

// Candidate is an interpreter to try and where its name came from.
type Candidate struct {
	Path   string // as given: a name looked up on PATH, or a path
	Source string // "$COURSE_PYTHON", "course.toml", "PATH", "default"
}

// Candidates lists the interpreters to try, in order: env ($COURSE_PYTHON),
// configured (course.toml's [runner] python), python3 on PATH, then
// /usr/bin/python3. lookPath is exec.LookPath (injected for tests).
// Duplicates (the same resolved file) are dropped.
func Candidates(env, configured string, lookPath func(string) (string, error)) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	add := func(p, src string) {
		if p == "" {
			return
		}
		key := p
		if r, err := filepath.EvalSymlinks(p); err == nil {
			key = r
		}
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, Candidate{Path: p, Source: src})
	}
	add(env, "$COURSE_PYTHON")
	add(configured, "course.toml")
	if p, err := lookPath("python3"); err == nil {
		add(p, "PATH")
	}
	add("/usr/bin/python3", "default")
	return out
}

// Python is a probed interpreter.
type Python struct {
	Candidate
	Executable string            // sys.executable
	Version    string            // "3.11.2"
	Modules    map[string]string // module → version ("" when found but its version is unknown); absent when missing
	Err        error             // why the probe failed (then the other fields are empty)
	asked      []string          // the modules the probe looked for
}

// Exe is the interpreter to run: the resolved sys.executable when known
// (skipping wrappers such as pyenv's shims, which cost a process each), else Path.
func (p *Python) Exe() string {
	if p.Executable != "" {
		return p.Executable
	}
	return p.Path
}

// OK reports whether the interpreter ran and is recent enough.
func (p *Python) OK() bool { return p.Err == nil }

// Has reports whether the interpreter has every module in mods.
func (p *Python) Has(mods []string) bool {
	if !p.OK() {
		return false
	}
	for _, m := range mods {
		if _, ok := p.Modules[m]; !ok {
			return false
		}
	}
	return true
}

// Missing lists the modules of mods the interpreter lacks.
func (p *Python) Missing(mods []string) []string {
	var out []string
	for _, m := range mods {
		if _, ok := p.Modules[m]; !ok {
			out = append(out, m)
		}
	}
	return out
}

// probeScript prints the interpreter's version and, for each module named
// in argv, whether it can be found (by default) or imported (with --import,
// which also reads its version: slower, as torch takes seconds to import).
const probeScript = `
import sys, json, importlib, importlib.util
imp = sys.argv[1] == "--import"
mods = {}
for m in sys.argv[2:]:
    try:
        if imp:
            mod = importlib.import_module(m)
            mods[m] = str(getattr(mod, "__version__", ""))
        elif importlib.util.find_spec(m) is not None:
            mods[m] = ""
    except Exception:
        pass
print(json.dumps({"executable": sys.executable, "version": "%d.%d.%d" % sys.version_info[:3], "modules": mods}))
`

// Probe runs the interpreter once to learn its version and which of mods it
// finds. With importAll it imports each module (and reads its version)
// instead of only locating it.
func Probe(ctx context.Context, c Candidate, mods []string, importAll bool) *Python {
	p := &Python{Candidate: c, Modules: map[string]string{}, asked: slices.Clone(mods)}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	flag := "--find"
	if importAll {
		flag = "--import"
	}
	cmd := exec.CommandContext(ctx, c.Path, append([]string{"-c", probeScript, flag}, mods...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = fmt.Errorf("%s exited with status %d: %s", c.Path, ee.ExitCode(), strings.TrimSpace(lastLines(stderr.String(), 3)))
		}
		p.Err = err
		return p
	}
	var out struct {
		Executable string            `json:"executable"`
		Version    string            `json:"version"`
		Modules    map[string]string `json:"modules"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		p.Err = fmt.Errorf("%s: unexpected output %q", c.Path, strings.TrimSpace(stdout.String()))
		return p
	}
	p.Executable, p.Version, p.Modules = out.Executable, out.Version, out.Modules
	if p.Modules == nil {
		p.Modules = map[string]string{}
	}
	var major, minor int
	fmt.Sscanf(p.Version, "%d.%d", &major, &minor)
	if major < MinPython[0] || (major == MinPython[0] && minor < MinPython[1]) {
		p.Err = fmt.Errorf("%s is Python %s; the checkers need %d.%d or later", c.Path, p.Version, MinPython[0], MinPython[1])
	}
	return p
}

// Pythons probes each candidate for mods (in order, sequentially).
func Pythons(ctx context.Context, cands []Candidate, mods []string, importAll bool) []*Python {
	var out []*Python
	for _, c := range cands {
		out = append(out, Probe(ctx, c, mods, importAll))
	}
	return out
}

// Choose returns the first interpreter that is usable and has every module
// in requires, or an error that says what was tried and how to fix it.
func Choose(pys []*Python, requires []string) (*Python, error) {
	for _, p := range pys {
		if p.Has(requires) {
			return p, nil
		}
	}
	return nil, &NoPythonError{Requires: requires, Tried: pys}
}

// NoPythonError says that no candidate interpreter has what an exercise needs.
type NoPythonError struct {
	Requires []string
	Tried    []*Python
}

func (e *NoPythonError) Error() string {
	var b strings.Builder
	if len(e.Requires) == 0 {
		fmt.Fprintf(&b, "no Python %d.%d or later found", MinPython[0], MinPython[1])
	} else {
		fmt.Fprintf(&b, "no Python %d.%d+ with %s found", MinPython[0], MinPython[1], strings.Join(e.Requires, ", "))
	}
	for _, p := range e.Tried {
		switch {
		case !p.OK():
			fmt.Fprintf(&b, "\n  %s (%s): %v", p.Path, p.Source, p.Err)
		default:
			fmt.Fprintf(&b, "\n  %s (%s): Python %s, lacks %s", p.Path, p.Source, p.Version, strings.Join(p.Missing(e.Requires), ", "))
		}
	}
	b.WriteString("\n" + InstallHint(e.Requires))
	return b.String()
}

// debianPackages maps modules to the Debian packages that provide them for
// /usr/bin/python3, and pipPackages to the names pip installs them by.
var (
	debianPackages = map[string]string{"numpy": "python3-numpy", "torch": "python3-torch", "cv2": "python3-opencv"}
	pipPackages    = map[string]string{"numpy": "numpy", "torch": "torch", "cv2": "opencv-python-headless"}
)

// InstallHint says how to install mods: with apt-get for Debian's Python,
// or pip for any other, and how to point course at an interpreter.
func InstallHint(mods []string) string {
	if len(mods) == 0 {
		return fmt.Sprintf("install Python %d.%d or later, or set $COURSE_PYTHON to one", MinPython[0], MinPython[1])
	}
	var deb, pip []string
	for _, m := range mods {
		if d, ok := debianPackages[m]; ok {
			deb = append(deb, d)
		} else {
			deb = append(deb, "python3-"+strings.ToLower(m))
		}
		if p, ok := pipPackages[m]; ok {
			pip = append(pip, p)
		} else {
			pip = append(pip, m)
		}
	}
	return fmt.Sprintf("install them on Debian or Ubuntu with: sudo apt-get install %s\n"+
		"or into another Python with: python3 -m pip install %s\n"+
		"and set $COURSE_PYTHON to that Python if it is not the first python3 on PATH",
		strings.Join(deb, " "), strings.Join(pip, " "))
}

// union returns the modules of every list, without duplicates, known modules first.
func union(lists ...[]string) []string {
	out := slices.Clone(KnownModules)
	for _, l := range lists {
		for _, m := range l {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// Finder finds interpreters for exercises. It probes candidates in order
// and only as far as needed, each once for every module asked about so far.
type Finder struct {
	Candidates []Candidate
	mods       []string        // modules every probe asks about
	pys        map[int]*Python // by candidate index
}

// For returns the first candidate with every module in requires (see Choose).
func (f *Finder) For(ctx context.Context, requires []string) (*Python, error) {
	if f.pys == nil {
		f.pys = map[int]*Python{}
	}
	var tried []*Python
	for i, c := range f.Candidates {
		p := f.pys[i]
		if p == nil || (p.OK() && slices.ContainsFunc(requires, func(m string) bool { return !slices.Contains(p.asked, m) })) {
			f.mods = union(f.mods, requires)
			p = Probe(ctx, c, f.mods, false)
			f.pys[i] = p
		}
		if p.Has(requires) {
			return p, nil
		}
		tried = append(tried, p)
	}
	return nil, &NoPythonError{Requires: requires, Tried: tried}
}

// Prepare makes the next probes ask for the requirements of every exercise
// in exs at once.
func (f *Finder) Prepare(ctx context.Context, exs []*Exercise) {
	for _, e := range exs {
		f.mods = union(f.mods, e.Requires)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// InstallCommand returns the command that installs mods for the
// interpreter p: apt-get for Debian's /usr/bin/python3, pip for any other.
func InstallCommand(p *Python, mods []string) string {
	if len(mods) == 0 {
		return ""
	}
	var names []string
	debian := p.Executable == "/usr/bin/python3" || strings.HasPrefix(p.Executable, "/usr/bin/python3.")
	for _, m := range mods {
		if debian {
			if d, ok := debianPackages[m]; ok {
				names = append(names, d)
			} else {
				names = append(names, "python3-"+strings.ToLower(m))
			}
		} else if n, ok := pipPackages[m]; ok {
			names = append(names, n)
		} else {
			names = append(names, m)
		}
	}
	if debian {
		return "sudo apt-get install " + strings.Join(names, " ")
	}
	exe := p.Executable
	if exe == "" {
		exe = p.Path
	}
	return exe + " -m pip install " + strings.Join(names, " ")
}
