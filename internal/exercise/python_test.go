package exercise

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// lookIn returns a LookPath that finds the programs of found.
func lookIn(found map[string]string) func(string) (string, error) {
	return func(name string) (string, error) {
		if p, ok := found[name]; ok {
			return p, nil
		}
		return "", exec.ErrNotFound
	}
}

func TestCandidatesPerOperatingSystem(t *testing.T) {
	const stub = `C:\Users\ada\AppData\Local\Microsoft\WindowsApps\python3.exe`
	for _, c := range []struct {
		name    string
		search  Search
		found   map[string]string
		resolve map[string]string // for Search.Resolve; nil: none
		want    []string          // "command (source)"
	}{
		{
			name:   "linux: $COURSE_PYTHON alone: never replaced by another",
			search: Search{GOOS: "linux", Env: "/opt/py/bin/python3", Configured: "py"},
			found:  map[string]string{"python3": "/usr/bin/python3", "py": "/usr/bin/py", "python": "/usr/bin/python"},
			want:   []string{"/opt/py/bin/python3 ($COURSE_PYTHON)"},
		},
		{
			name:   "linux: course.toml, then the default",
			search: Search{GOOS: "linux", Configured: "py"},
			want:   []string{"py (course.toml)", "/usr/bin/python3 (default)"},
		},
		{
			name:    "linux: two names of one file are tried once",
			search:  Search{GOOS: "linux"},
			found:   map[string]string{"python3": "/bin/python3"},
			resolve: map[string]string{"/bin/python3": "/usr/bin/python3.11", "/usr/bin/python3": "/usr/bin/python3.11"},
			want:    []string{"/bin/python3 (PATH)"},
		},
		{
			name:   "freebsd is Unix",
			search: Search{GOOS: "freebsd"},
			found:  map[string]string{"python3": "/usr/local/bin/python3"},
			want:   []string{"/usr/local/bin/python3 (PATH)", "/usr/bin/python3 (default)"},
		},
		{
			name:   "macOS: PATH, Homebrew on Apple silicon and Intel, then Apple's",
			search: Search{GOOS: "darwin"},
			found:  map[string]string{"python3": "/Library/Frameworks/Python.framework/Versions/3.12/bin/python3"},
			want: []string{"/Library/Frameworks/Python.framework/Versions/3.12/bin/python3 (PATH)",
				"/opt/homebrew/bin/python3 (default)", "/usr/local/bin/python3 (default)", "/usr/bin/python3 (default)"},
		},
		{
			name:   "macOS: Homebrew's python3 on PATH is not tried twice",
			search: Search{GOOS: "darwin"},
			found:  map[string]string{"python3": "/opt/homebrew/bin/python3"},
			want:   []string{"/opt/homebrew/bin/python3 (PATH)", "/usr/local/bin/python3 (default)", "/usr/bin/python3 (default)"},
		},
		{
			name:   "windows: the launcher with -3, python3, python; no /usr/bin/python3",
			search: Search{GOOS: "windows", Configured: `C:\Python311\python.exe`},
			found:  map[string]string{"py": `C:\Windows\py.exe`, "python3": stub, "python": `C:\Python312\python.exe`},
			want: []string{`C:\Python311\python.exe (course.toml)`, `C:\Windows\py.exe -3 (py launcher)`,
				stub + " (PATH)", `C:\Python312\python.exe (PATH)`},
		},
		{
			name:   "windows: file names differ only in case",
			search: Search{GOOS: "windows", Env: `C:\Python312\python.exe`},
			found:  map[string]string{"python": `c:\python312\PYTHON.EXE`},
			want:   []string{`C:\Python312\python.exe ($COURSE_PYTHON)`},
		},
		{
			name:   "windows: nothing installed",
			search: Search{GOOS: "windows"},
			want:   nil,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := c.search
			s.LookPath = lookIn(c.found)
			if c.resolve != nil {
				s.Resolve = func(p string) (string, error) {
					if r, ok := c.resolve[p]; ok {
						return r, nil
					}
					return "", os.ErrNotExist
				}
			}
			var got []string
			for _, cand := range s.Candidates() {
				got = append(got, fmt.Sprintf("%s (%s)", cand, cand.Source))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("candidates:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestInstallHint(t *testing.T) {
	mods := []string{"numpy", "cv2"}
	for _, c := range []struct {
		goos      string
		mods      []string
		want, not []string
	}{
		{"linux", mods, []string{"sudo apt-get install python3-numpy python3-opencv", "python3 -m pip install numpy opencv-python-headless", "$COURSE_PYTHON"}, nil},
		{"windows", mods, []string{"py -3 -m pip install numpy opencv-python-headless", "$COURSE_PYTHON"}, []string{"apt-get", "python3 -m"}},
		{"darwin", mods, []string{"python3 -m venv", "-m pip install numpy opencv-python-headless", "$COURSE_PYTHON"}, []string{"apt-get"}},
		{"linux", nil, []string{"install Python 3.11 or later", "$COURSE_PYTHON"}, nil},
		{"windows", nil, []string{"python.org", "py launcher", "$COURSE_PYTHON"}, nil},
		{"darwin", nil, []string{"brew install python", "$COURSE_PYTHON"}, nil},
	} {
		got := installHint(c.goos, c.mods)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %v: hint lacks %q:\n%s", c.goos, c.mods, w, got)
			}
		}
		for _, n := range c.not {
			if strings.Contains(got, n) {
				t.Errorf("%s %v: hint has %q:\n%s", c.goos, c.mods, n, got)
			}
		}
	}
}

func TestInstallCommand(t *testing.T) {
	py := func(exe string) *Python {
		return &Python{Candidate: Candidate{Path: "py", Args: []string{"-3"}}, Executable: exe}
	}
	for _, c := range []struct {
		goos string
		p    *Python
		want string
	}{
		{"linux", py("/usr/bin/python3"), "sudo apt-get install python3-torch python3-opencv"},
		{"linux", py("/usr/bin/python3.11"), "sudo apt-get install python3-torch python3-opencv"},
		{"linux", py("/home/ada/venv/bin/python"), "/home/ada/venv/bin/python -m pip install torch opencv-python-headless"},
		{"darwin", py("/usr/bin/python3"), "/usr/bin/python3 -m pip install torch opencv-python-headless"},
		{"windows", py(`C:\Program Files\Python312\python.exe`), `"C:\Program Files\Python312\python.exe" -m pip install torch opencv-python-headless`},
		{"windows", py(""), "py -3 -m pip install torch opencv-python-headless"},
	} {
		if got := installCommand(c.goos, c.p, []string{"torch", "cv2"}); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.goos, c.p.Executable, got, c.want)
		}
	}
}

func TestProbeFailureNamesPlaceholders(t *testing.T) {
	const storeMsg = "Python was not found; run without arguments to install from the Microsoft Store, or disable this shortcut from Settings > Manage App Execution Aliases."
	for _, c := range []struct {
		path   string
		status int
		stderr string
		want   string // "" for an ordinary failure
	}{
		{`C:\Users\ada\AppData\Local\Microsoft\WindowsApps\python3.exe`, storeStubStatus, storeMsg, "Microsoft Store's alias"},
		{`C:\Users\ada\AppData\Local\Microsoft\WindowsApps\python.exe`, -1, "", "Microsoft Store's alias"},
		{`C:\Tools\python.exe`, storeStubStatus, "", "Microsoft Store's alias"},
		{`C:\Tools\python.exe`, 1, storeMsg, "Microsoft Store's alias"},
		{"/usr/bin/python3", 1, "xcode-select: note: No developer tools were found, requesting install.", "xcode-select --install"},
		{"/usr/bin/python3", 1, "ModuleNotFoundError: No module named 'encodings'", ""},
		{`C:\Python312\python.exe`, 1, "Fatal Python error", ""},
		{"/opt/py/bin/python3", 127, "", ""},
	} {
		got := probeFailure(c.path, c.status, c.stderr)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("probeFailure(%q, %d, %q) = %q, want one with %q", c.path, c.status, c.stderr, got, c.want)
		}
	}
}

// fakePython plays an interpreter for Probe (see TestHelperProcess): it
// checks that the probe script comes after the candidate's arguments and
// answers as mode says.
func fakePython(mode string) {
	args := os.Args[slices.Index(os.Args, "--")+1:]
	switch mode {
	case "store-stub":
		fmt.Fprintln(os.Stderr, "Python was not found; run without arguments to install from the Microsoft Store, or disable this shortcut from Settings > Manage App Execution Aliases.")
		os.Exit(storeStubStatus)
	case "broken-python":
		fmt.Fprintln(os.Stderr, "nope")
		os.Exit(1)
	}
	if len(args) < 3 || args[0] != "-c" || args[1] != probeScript || args[2] != "--find" {
		fmt.Fprintf(os.Stderr, "unexpected arguments %q\n", args)
		os.Exit(3)
	}
	version := "3.12.1"
	if mode == "old-python" {
		version = "3.9.1"
	}
	mods := map[string]string{}
	for _, m := range args[3:] {
		if m == "numpy" {
			mods[m] = ""
		}
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"executable": "/fake/python", "version": version, "modules": mods})
	os.Exit(0)
}

// TestProbeExplainsFailures probes fake interpreters (this test binary,
// with arguments before the probe's own, as for py -3).
func TestProbeExplainsFailures(t *testing.T) {
	cand := Candidate{Path: os.Args[0], Args: []string{"-test.run=^TestHelperProcess$", "--"}, Source: "PATH"}
	for _, c := range []struct {
		mode string
		want []string // in the error; none when the probe succeeds
	}{
		{"python", nil},
		{"old-python", []string{"is Python 3.9.1; the checkers need 3.11 or later"}},
		{"broken-python", []string{"exited with status 1: nope"}},
		{"store-stub", []string{"is the Microsoft Store's alias, not an installed Python", "App execution aliases", "Manage App Execution Aliases"}},
	} {
		t.Run(c.mode, func(t *testing.T) {
			t.Setenv(helperEnv, c.mode)
			p := Probe(context.Background(), cand, []string{"numpy", "torch"}, false)
			if len(c.want) == 0 {
				if !p.OK() || p.Version != "3.12.1" || p.Exe() != "/fake/python" || !p.Has([]string{"numpy"}) || p.Has([]string{"torch"}) {
					t.Errorf("probe = %+v (err %v)", p, p.Err)
				}
				return
			}
			if p.OK() {
				t.Fatalf("probe succeeded: %+v", p)
			}
			for _, w := range c.want {
				if !strings.Contains(p.Err.Error(), w) {
					t.Errorf("error lacks %q: %v", w, p.Err)
				}
			}
			var np *NoPythonError
			if _, err := Choose([]*Python{p}, nil); !errors.As(err, &np) || !strings.Contains(err.Error(), cand.String()+" (PATH)") {
				t.Errorf("Choose: %v", err)
			}
		})
	}
}
