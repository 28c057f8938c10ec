package exercise

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
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
	Path   string   // as given: a name looked up on PATH, or a path
	Args   []string // arguments that come before the interpreter's own: "-3" for the Windows launcher py
	Source string   // "$COURSE_PYTHON", "course.toml", "PATH", "py launcher", "default"
}

// String is the candidate as a command: its path and arguments.
func (c Candidate) String() string {
	if len(c.Args) == 0 {
		return c.Path
	}
	return c.Path + " " + strings.Join(c.Args, " ")
}

// Search is what Python discovery looks at; Candidates is a pure function
// of it, so that every operating system's list is testable anywhere.
type Search struct {
	GOOS       string // runtime.GOOS
	Env        string // $COURSE_PYTHON
	Configured string // course.toml's [runner] python
	// LookPath finds a program on PATH (exec.LookPath).
	LookPath func(string) (string, error)
	// Resolve, if set, returns the file a path names (filepath.EvalSymlinks),
	// so that two names of one interpreter are tried once.
	Resolve func(string) (string, error)
}

// Candidates lists the interpreters to try. $COURSE_PYTHON, when set, is
// the only one: an interpreter the learner named is never silently
// replaced by another (a check with an unusable one is an error that says
// what was tried). Otherwise, in order: course.toml's [runner] python,
// then per operating system
//
//	Linux and other Unix: python3 on PATH, /usr/bin/python3
//	macOS: python3 on PATH, /opt/homebrew/bin/python3, /usr/local/bin/python3, /usr/bin/python3
//	Windows: the launcher (py -3), python3 on PATH, python on PATH
//
// Duplicates (the same resolved file with the same arguments) are dropped.
// On Windows python3 and python on PATH may be the Microsoft Store's alias
// stub; Probe says so when it fails (see probeFailure).
func (s Search) Candidates() []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	add := func(p, src string, args ...string) {
		if p == "" {
			return
		}
		key := p
		if s.Resolve != nil {
			if r, err := s.Resolve(p); err == nil {
				key = r
			}
		}
		if s.GOOS == "windows" {
			key = strings.ToLower(key)
		}
		key += "\x00" + strings.Join(args, "\x00")
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, Candidate{Path: p, Args: args, Source: src})
	}
	onPath := func(name, src string, args ...string) {
		if s.LookPath == nil {
			return
		}
		if p, err := s.LookPath(name); err == nil {
			add(p, src, args...)
		}
	}
	if s.Env != "" {
		add(s.Env, "$COURSE_PYTHON")
		return out
	}
	add(s.Configured, "course.toml")
	switch s.GOOS {
	case "windows":
		onPath("py", "py launcher", "-3")
		onPath("python3", "PATH")
		onPath("python", "PATH")
	case "darwin":
		onPath("python3", "PATH")
		add("/opt/homebrew/bin/python3", "default") // Homebrew on Apple silicon
		add("/usr/local/bin/python3", "default")    // Homebrew on Intel, python.org's installer
		add("/usr/bin/python3", "default")          // Apple's, from the Command Line Tools
	default:
		onPath("python3", "PATH")
		add("/usr/bin/python3", "default")
	}
	return out
}

// Candidates lists the interpreters to try on this machine (see
// Search.Candidates): env is $COURSE_PYTHON, configured is course.toml's
// [runner] python and lookPath is exec.LookPath (injected for tests).
func Candidates(env, configured string, lookPath func(string) (string, error)) []Candidate {
	return Search{GOOS: runtime.GOOS, Env: env, Configured: configured, LookPath: lookPath, Resolve: filepath.EvalSymlinks}.Candidates()
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
	args := append(slices.Clone(c.Args), "-c", probeScript, flag)
	cmd := exec.CommandContext(ctx, c.Path, append(args, mods...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		status := -1
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			status = ee.ExitCode()
			err = fmt.Errorf("%s exited with status %d: %s", c, status, strings.TrimSpace(lastLines(stderr.String(), 3)))
		}
		if why := probeFailure(c.Path, status, stderr.String()); why != "" {
			err = fmt.Errorf("%s (%v)", why, err)
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
		p.Err = fmt.Errorf("%s: unexpected output %q", c, strings.TrimSpace(stdout.String()))
		return p
	}
	p.Executable, p.Version, p.Modules = out.Executable, out.Version, out.Modules
	if p.Modules == nil {
		p.Modules = map[string]string{}
	}
	var major, minor int
	fmt.Sscanf(p.Version, "%d.%d", &major, &minor)
	if major < MinPython[0] || (major == MinPython[0] && minor < MinPython[1]) {
		p.Err = fmt.Errorf("%s is Python %s; the checkers need %d.%d or later", c, p.Version, MinPython[0], MinPython[1])
	}
	return p
}

// storeStubStatus is the exit status of the Microsoft Store's python.exe
// and python3.exe aliases when no Python is installed from the Store (the
// command interpreter's "not found", 9009).
const storeStubStatus = 9009

// probeFailure explains a probe that failed because path is not a Python
// but a placeholder that offers to install one: the Microsoft Store's alias
// under %LOCALAPPDATA%\Microsoft\WindowsApps, or Apple's /usr/bin/python3
// without the Command Line Tools. It returns "" for any other failure.
// status is the exit status (-1 when the program did not run or exit).
func probeFailure(path string, status int, stderr string) string {
	norm := strings.ToLower(strings.ReplaceAll(path, "/", `\`))
	switch {
	case status == storeStubStatus || strings.Contains(norm, `\microsoft\windowsapps\`) || strings.Contains(stderr, "Microsoft Store"):
		return path + " is the Microsoft Store's alias, not an installed Python: install Python 3.11+ " +
			"from python.org (which adds the py launcher) or from the Store, or turn this alias off in " +
			"Settings → Apps → Advanced app settings → App execution aliases"
	case path == "/usr/bin/python3" && (strings.Contains(stderr, "xcode-select") || strings.Contains(stderr, "developer tools")):
		return path + " is Apple's placeholder for the Command Line Tools' Python: install them with " +
			"xcode-select --install, or install Python 3.11+ from python.org or Homebrew (brew install python)"
	}
	return ""
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
			fmt.Fprintf(&b, "\n  %s (%s): %v", p.Candidate, p.Source, p.Err)
		default:
			fmt.Fprintf(&b, "\n  %s (%s): Python %s, lacks %s", p.Candidate, p.Source, p.Version, strings.Join(p.Missing(e.Requires), ", "))
		}
	}
	if len(e.Tried) == 1 && e.Tried[0].Source == "$COURSE_PYTHON" {
		fmt.Fprintf(&b, "\n$COURSE_PYTHON is set, so no other Python is tried: point it at a Python %d.%d+", MinPython[0], MinPython[1])
		if len(e.Requires) > 0 {
			fmt.Fprintf(&b, " that has %s", strings.Join(e.Requires, ", "))
		}
		b.WriteString(", or unset it to let course search")
		return b.String()
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

// InstallHint says how to install mods on this machine (see installHint).
func InstallHint(mods []string) string { return installHint(runtime.GOOS, mods) }

// installHint says how to install mods on goos: with apt-get for Debian's
// Python or pip for any other on Linux, with pip into the py launcher's
// Python on Windows, with pip into a virtual environment on macOS
// (Homebrew's Python refuses pip otherwise); and how to point course at an
// interpreter. Without mods it says how to get a Python at all.
func installHint(goos string, mods []string) string {
	if len(mods) == 0 {
		switch goos {
		case "windows":
			return fmt.Sprintf("install Python %d.%d or later from python.org (with the py launcher), or set $COURSE_PYTHON to one", MinPython[0], MinPython[1])
		case "darwin":
			return fmt.Sprintf("install Python %d.%d or later (brew install python, or from python.org), or set $COURSE_PYTHON to one", MinPython[0], MinPython[1])
		}
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
	switch goos {
	case "windows":
		return fmt.Sprintf("install them with: py -3 -m pip install %s\n"+
			"or into another Python with: <that python.exe> -m pip install %s,\n"+
			"and set $COURSE_PYTHON to that python.exe if py -3 does not start it",
			strings.Join(pip, " "), strings.Join(pip, " "))
	case "darwin":
		return fmt.Sprintf("install them into a virtual environment with: python3 -m venv ~/.venvs/course && ~/.venvs/course/bin/python -m pip install %s\n"+
			"and set $COURSE_PYTHON to ~/.venvs/course/bin/python (or to any Python %d.%d+ that has them)",
			strings.Join(pip, " "), MinPython[0], MinPython[1])
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
func InstallCommand(p *Python, mods []string) string { return installCommand(runtime.GOOS, p, mods) }

func installCommand(goos string, p *Python, mods []string) string {
	if len(mods) == 0 {
		return ""
	}
	var names []string
	debian := goos == "linux" && (p.Executable == "/usr/bin/python3" || strings.HasPrefix(p.Executable, "/usr/bin/python3."))
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
		exe = p.Candidate.String()
	} else if strings.ContainsAny(exe, " \t") {
		exe = `"` + exe + `"` // C:\Program Files\Python312\python.exe
	}
	return exe + " -m pip install " + strings.Join(names, " ")
}
