package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// Every command's --help shows a usage line that names every flag, and
// lists the flags as the README writes them: --out DIR, never -out string.
func TestHelpShowsEveryFlagAsTheREADMEWritesIt(t *testing.T) {
	for _, c := range commands() {
		if c.name == "version" {
			continue
		}
		code, out, _ := runCLI(c.name, "--help")
		if code != 0 {
			t.Errorf("%s --help: exit %d", c.name, code)
			continue
		}
		usage, _, _ := strings.Cut(out, "\n")
		var flags []string
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "  -") && !strings.HasPrefix(line, "  --") {
				t.Errorf("%s --help lists a flag with one dash: %q", c.name, line)
			}
			if strings.HasPrefix(line, "  --") {
				flags = append(flags, strings.Fields(line)[0])
			}
		}
		if len(flags) == 0 {
			t.Errorf("%s --help lists no flags:\n%s", c.name, out)
		}
		for _, f := range flags {
			if !strings.Contains(usage, "["+f) {
				t.Errorf("%s: the usage line does not show %s: %q", c.name, f, usage)
			}
		}
	}
}

// Bad output folders and a build outside a project are refused with exit
// 2 (usage or set-up), as the README says, and nothing is written.
func TestBuildRefusesBadFoldersWithExit2(t *testing.T) {
	good := course(t, nil)
	cwd := t.TempDir()
	t.Chdir(cwd)
	for _, out := range []string{"--out=~", "--out=~/site"} {
		code, _, errb := runCLI("build", "--source", good, out)
		if code != 2 || !strings.Contains(errb, `"~" is not expanded here`) {
			t.Errorf("build %s: exit %d\n%s", out, code, errb)
		}
	}
	if entries, _ := os.ReadDir(cwd); len(entries) > 0 {
		t.Errorf("--out=~ wrote %s", entries[0].Name())
	}
	code, _, errb := runCLI("build", "--source", t.TempDir())
	if code != 2 || !strings.Contains(errb, "is not a course project: it has no content/ folder") || strings.Count(errb, "\n") != 1 {
		t.Errorf("build outside a project: exit %d\n%s", code, errb)
	}
	if runtime.GOOS == "linux" {
		// /proc takes no new folders, even from root.
		code, _, errb = runCLI("build", "--source", good, "--out", "/proc/course-test-out")
		if code != 2 || !strings.Contains(errb, "course build: ") {
			t.Errorf("an unwritable --out: exit %d\n%s", code, errb)
		}
	}
}

// A not-started exercise is exit 1 with one message naming the id once;
// $COURSE_PYTHON naming a missing interpreter is exit 2, saying what was
// tried, and no other Python replaces it.
func TestCheckExitCodesAndCoursePython(t *testing.T) {
	dir := exerciseProject(t)
	code, out, errb := runCLI("check", "loss-functions/mse", "--source", dir)
	if code != 1 || strings.Count(errb, "\n") != 1 || strings.Count(errb, "loss-functions/mse is not started") != 1 ||
		strings.Count(errb, "loss-functions/mse:") != 0 {
		t.Errorf("check before start: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
	runCLI("start", "loss-functions/mse", "--source", dir)
	missing := filepath.Join(t.TempDir(), "no-python-here")
	t.Setenv("COURSE_PYTHON", missing)
	code, out, errb = runCLI("check", "loss-functions/mse", "--source", dir)
	if code != 2 || !strings.Contains(errb, missing+" ($COURSE_PYTHON)") || !strings.Contains(errb, "no other Python is tried") ||
		strings.Contains(out, "tests pass") {
		t.Errorf("COURSE_PYTHON missing: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
}

func TestNewLessonSlugs(t *testing.T) {
	good := course(t, nil)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "lesson", "m", "Théorie des pertes", "--slug", "loss-theory"}, "02-loss-theory.md"},
		{[]string{"new", "lesson", "m", "Über die Größe"}, "03-uber-die-grosse.md"},
	} {
		code, out, errb := runCLI(append(c.args, "--source", good)...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d\n%s%s", c.args, code, out, errb)
		}
	}
	if code, _, errb := runCLI("new", "exercise", "m", "x", "--slug", "y", "--source", good); code != 2 || !strings.Contains(errb, "--slug is for lessons") {
		t.Errorf("--slug for an exercise: exit %d\n%s", code, errb)
	}
}
