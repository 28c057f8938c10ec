package exercise

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/diag"
)

// Exercise files and course.toml that are not UTF-8 are errors at the bad
// byte that name the encoding, not TOML syntax errors or garbled pages.
func TestExerciseFilesThatAreNotUTF8AreErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"course.toml":                     {Data: []byte("title = \"Caf\xe9\"\n")},
		"exercises/_lib/coursecheck.py":   {Data: []byte("# library\n")},
		"exercises/m/a/exercise.toml":     {Data: []byte("title = \"R\xe9sum\xe9\"\nruntime = \"browser\"\nfunctions = [\"f\"]\nhints = [\"h\"]\n")},
		"exercises/m/a/starter.py":        {Data: []byte("def f(x):\n    # \xe0 faire\n    raise NotImplementedError\n")},
		"exercises/m/a/solution.py":       {Data: []byte("def f(x):\n    return x\n")},
		"exercises/m/a/check.py":          {Data: []byte("def test_f(learner, ref):\n    pass\n")},
		"exercises/m/a/mistakes/wrong.py": {Data: []byte("# Renvoie z\xe9ro.\ndef f(x):\n    return 0\n")},
	}
	dl := &diag.List{}
	config.Load(fsys, config.Overrides{}, dl)
	Load(fsys, dl)
	got := dl.String()
	for _, want := range []string{
		"course.toml:1:13: not valid UTF-8: byte 0xE9",
		"exercises/m/a/exercise.toml:1:11: not valid UTF-8: byte 0xE9",
		"exercises/m/a/starter.py:2:7: not valid UTF-8: byte 0xE0",
		"exercises/m/a/mistakes/wrong.py:1:12: not valid UTF-8: byte 0xE9",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "TOML") || strings.Contains(got, "toml:") && strings.Contains(got, "syntax") {
		t.Errorf("a message blames TOML syntax:\n%s", got)
	}
}
