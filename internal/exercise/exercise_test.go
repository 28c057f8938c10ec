package exercise

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mlcourse/course/internal/diag"
)

const goodToml = `title = "Double"
runtime = "browser"
functions = ["double"]
hints = ["Multiply by two."]
`

const goodCheck = `import coursecheck as cc

def test_double_matches_the_reference(learner, ref):
    for rng in cc.random_cases(20):
        cc.compare(learner.double, ref.double, rng.floats(3))
`

// validFS is a project with one valid exercise, demo/double.
func validFS() fstest.MapFS {
	return fstest.MapFS{
		"exercises/_lib/coursecheck.py":             {Data: []byte("# library\n")},
		"exercises/demo/double/exercise.toml":       {Data: []byte(goodToml)},
		"exercises/demo/double/starter.py":          {Data: []byte("def double(xs):\n    raise NotImplementedError\n")},
		"exercises/demo/double/solution.py":         {Data: []byte("def double(xs):\n    return [2 * x for x in xs]\n")},
		"exercises/demo/double/check.py":            {Data: []byte(goodCheck)},
		"exercises/demo/double/mistakes/add-one.py": {Data: []byte("# Adds one.\ndef double(xs):\n    return [x + 1 for x in xs]\n")},
	}
}

func load(t *testing.T, fsys fstest.MapFS) (*Set, *diag.List) {
	t.Helper()
	var dl diag.List
	return Load(fsys, &dl), &dl
}

func TestLoadReadsAValidExercise(t *testing.T) {
	fsys := validFS()
	fsys["exercises/demo/double/data/table.csv"] = &fstest.MapFile{Data: []byte("1,2\n")}
	fsys["exercises/README.md"] = &fstest.MapFile{Data: []byte("about\n")}
	s, dl := load(t, fsys)
	if dl.Len() != 0 {
		t.Fatalf("unexpected problems:\n%s", dl)
	}
	e := s.Get("demo/double")
	if e == nil {
		t.Fatal("demo/double not loaded")
	}
	if e.Title != "Double" || e.Runtime != Browser || e.Timeout != DefaultTimeout || e.Module != "demo" || e.Slug != "double" {
		t.Errorf("exercise = %+v", e)
	}
	if strings.Join(e.Functions, ",") != "double" || len(e.Hints) != 1 {
		t.Errorf("functions %v hints %v", e.Functions, e.Hints)
	}
	if strings.Join(e.Tests, ",") != "test_double_matches_the_reference" {
		t.Errorf("tests = %v", e.Tests)
	}
	if len(e.Mistakes) != 1 || e.Mistakes[0].Name != "add-one" || e.Mistakes[0].Label != "Adds one." {
		t.Errorf("mistakes = %+v", e.Mistakes)
	}
	if strings.Join(e.Data, ",") != "data/table.csv" {
		t.Errorf("data = %v", e.Data)
	}
}

func TestLoadWithoutExercisesIsEmpty(t *testing.T) {
	s, dl := load(t, fstest.MapFS{"content/_index.md": {Data: []byte("x")}})
	if dl.Len() != 0 || len(s.Exercises) != 0 {
		t.Fatalf("got %d exercises and problems %s", len(s.Exercises), dl)
	}
}

// TestLoadCollectsEveryProblem pins the message of each problem Load reports.
func TestLoadCollectsEveryProblem(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(fstest.MapFS)
		wants []string
	}{
		{"unknown key names its line", func(f fstest.MapFS) {
			f["exercises/demo/double/exercise.toml"].Data = []byte(goodToml + "hint = [\"x\"]\n")
		}, []string{`exercises/demo/double/exercise.toml:5:1: unknown key "hint"`}},
		{"missing files", func(f fstest.MapFS) {
			delete(f, "exercises/demo/double/starter.py")
			delete(f, "exercises/demo/double/check.py")
		}, []string{"exercises/demo/double/starter.py: missing starter.py", "exercises/demo/double/check.py: missing check.py"}},
		{"missing exercise.toml", func(f fstest.MapFS) {
			delete(f, "exercises/demo/double/exercise.toml")
		}, []string{"exercises/demo/double/exercise.toml: missing exercise.toml"}},
		{"browser runtime with requires", func(f fstest.MapFS) {
			f["exercises/demo/double/exercise.toml"].Data = []byte(goodToml + "requires = [\"numpy\"]\n")
		}, []string{"exercise.toml:5: a browser exercise lists requires (browser exercises use the standard library only"}},
		{"no hints", func(f fstest.MapFS) {
			f["exercises/demo/double/exercise.toml"].Data = []byte(strings.Replace(goodToml, `hints = ["Multiply by two."]`, "hints = []", 1))
		}, []string{"exercise.toml:4: no hints"}},
		{"empty hint", func(f fstest.MapFS) {
			f["exercises/demo/double/exercise.toml"].Data = []byte(strings.Replace(goodToml, `"Multiply by two."`, `"ok", " "`, 1))
		}, []string{"exercise.toml:4: hint 2 is empty"}},
		{"bad runtime, missing title and timeout out of range", func(f fstest.MapFS) {
			f["exercises/demo/double/exercise.toml"].Data = []byte("runtime = \"gpu\"\nfunctions = [\"double\"]\nhints = [\"h\"]\ntimeout = 0\n")
		}, []string{`exercise.toml:1: runtime is "gpu"`, "exercise.toml:1: missing title", "exercise.toml:4: timeout is 0"}},
		{"wrong type", func(f fstest.MapFS) {
			f["exercises/demo/double/exercise.toml"].Data = []byte(goodToml + "timeout = \"ten\"\n")
		}, []string{"exercise.toml:5"}},
		{"function not defined in the starter", func(f fstest.MapFS) {
			f["exercises/demo/double/exercise.toml"].Data = []byte(strings.Replace(goodToml, `["double"]`, `["double", "triple"]`, 1))
		}, []string{"starter.py: does not define triple, listed in functions", "solution.py: does not define triple"}},
		{"empty mistakes folder", func(f fstest.MapFS) {
			delete(f, "exercises/demo/double/mistakes/add-one.py")
			f["exercises/demo/double/mistakes/.keep"] = &fstest.MapFile{}
		}, []string{"exercises/demo/double/mistakes: mistakes/ holds no mistakes"}},
		{"no mistakes folder", func(f fstest.MapFS) {
			delete(f, "exercises/demo/double/mistakes/add-one.py")
		}, []string{"exercises/demo/double/mistakes: no mistakes/ folder"}},
		{"mistake without its comment", func(f fstest.MapFS) {
			f["exercises/demo/double/mistakes/add-one.py"].Data = []byte("def double(xs):\n    return xs\n")
		}, []string{"mistakes/add-one.py:1: a mistake must start with a comment naming the mistake"}},
		{"a non-Python file in mistakes", func(f fstest.MapFS) {
			f["exercises/demo/double/mistakes/notes.txt"] = &fstest.MapFile{Data: []byte("x")}
		}, []string{"mistakes/notes.txt: mistakes/ holds only .py files"}},
		{"duplicate and missing tests", func(f fstest.MapFS) {
			f["exercises/demo/double/check.py"].Data = []byte(goodCheck + "\ndef test_double_matches_the_reference(learner):\n    pass\n")
		}, []string{"check.py:7: test test_double_matches_the_reference is defined twice (first at line 3)"}},
		{"check without tests", func(f fstest.MapFS) {
			f["exercises/demo/double/check.py"].Data = []byte("x = 1\n")
		}, []string{"check.py: check.py defines no tests"}},
		{"bad folder names", func(f fstest.MapFS) {
			f["exercises/Demo/x/exercise.toml"] = &fstest.MapFile{Data: []byte(goodToml)}
			f["exercises/demo/Double_2/exercise.toml"] = &fstest.MapFile{Data: []byte(goodToml)}
			f["exercises/demo/stray.py"] = &fstest.MapFile{Data: []byte("")}
		}, []string{`exercises/Demo: module folder "Demo" is not a slug`, `exercises/demo/Double_2: exercise folder "Double_2" is not a slug`,
			"exercises/demo/stray.py: a file directly in a module's exercise folder"}},
		{"library missing", func(f fstest.MapFS) {
			delete(f, "exercises/_lib/coursecheck.py")
		}, []string{"exercises/_lib/coursecheck.py: the checker library is missing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := validFS()
			c.edit(fsys)
			_, dl := load(t, fsys)
			got := dl.String()
			for _, w := range c.wants {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q; got:\n%s", w, got)
				}
			}
			if !dl.HasErrors() {
				t.Error("no error reported")
			}
		})
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	fsys := validFS()
	delete(fsys, "exercises/demo/double/starter.py")
	fsys["exercises/demo/double/exercise.toml"].Data = []byte(goodToml + "colour = 1\n")
	fsys["exercises/demo/other/exercise.toml"] = &fstest.MapFile{Data: []byte("title = \"x\"\n")}
	_, dl := load(t, fsys)
	if n := len(dl.Items()); n < 6 {
		t.Errorf("want problems from both exercises, got %d:\n%s", n, dl)
	}
}

func TestSetOrdersByContentModulesThenWeightThenSlug(t *testing.T) {
	fsys := validFS()
	add := func(id, extra string) {
		for name, f := range validFS() {
			if strings.HasPrefix(name, "exercises/demo/double/") {
				fsys["exercises/"+id+"/"+strings.TrimPrefix(name, "exercises/demo/double/")] = &fstest.MapFile{Data: f.Data}
			}
		}
		fsys["exercises/"+id+"/exercise.toml"].Data = []byte(goodToml + extra)
	}
	add("alpha/b", "")
	add("alpha/a", "weight = 5\n")
	add("zeta/z", "")
	add("omega/o", "")
	fsys["content/01-zeta/_index.md"] = &fstest.MapFile{Data: []byte("x")}
	fsys["content/02-alpha/_index.md"] = &fstest.MapFile{Data: []byte("x")}
	s, dl := load(t, fsys)
	if dl.HasErrors() {
		t.Fatal(dl)
	}
	var ids []string
	for _, e := range s.Exercises {
		ids = append(ids, e.ID)
	}
	want := "zeta/z alpha/b alpha/a demo/double omega/o"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
}

func TestSelectTakesAnIDAModuleOrAll(t *testing.T) {
	fsys := validFS()
	fsys["exercises/demo/double/exercise.toml"].Data = []byte(goodToml + "timeout = 3\n")
	s, _ := load(t, fsys)
	if s.Get("demo/double").Timeout != 3*time.Second {
		t.Error("timeout not read")
	}
	for _, arg := range []string{"demo/double", "demo", "all", "", "demo/double/"} {
		got, err := s.Select(arg)
		if err != nil || len(got) != 1 {
			t.Errorf("Select(%q) = %v, %v", arg, got, err)
		}
	}
	_, err := s.Select("demo/dubble")
	if err == nil || !strings.Contains(err.Error(), "did you mean demo/double?") {
		t.Errorf("Select(typo) error = %v", err)
	}
}
