package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlcourse/course/internal/build"
)

// exercises/index.json, which the home page's progress table reads, names
// every module by its title and never lists an exercise under a bare slug:
// an exercise of a draft module is left out of a build without drafts.
func TestExerciseIndexNamesModulesByTitle(t *testing.T) {
	src := writeRunnerCourse(t)
	files := map[string]string{
		"content/01-m/_index.md":            "---\ntitle: Adding numbers\n---\nThe module.\n",
		"content/02-later/_index.md":        "---\ntitle: Coming later\ndraft: true\n---\n",
		"content/02-later/01-sub.md":        "---\ntitle: Sub\n---\n::: exercise later/sub\nWrite `add`.\n:::\n",
		"exercises/later/sub/exercise.toml": "title = \"Sub\"\nruntime = \"local\"\nrequires = [\"numpy\"]\nfunctions = [\"add\"]\nhints = [\"h\"]\n",
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"starter.py", "solution.py", "check.py", "mistakes/subtracts.py"} {
		data, _ := os.ReadFile(filepath.Join(src, "exercises/m/add", f))
		os.MkdirAll(filepath.Dir(filepath.Join(src, "exercises/later/sub", f)), 0o755)
		os.WriteFile(filepath.Join(src, "exercises/later/sub", f), data, 0o644)
	}
	for _, drafts := range []bool{false, true} {
		b, err := build.New(build.Options{Source: src, BaseURL: "/", NoCache: true, Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		res := b.Build()
		b.Close()
		if !res.OK() {
			t.Fatalf("drafts=%v: %s", drafts, res.Diags)
		}
		var index struct {
			Exercises []struct {
				ID          string `json:"id"`
				ModuleTitle string `json:"module_title"`
			} `json:"exercises"`
		}
		data := res.Site.Files["exercises/index.json"]
		if err := json.Unmarshal(data, &index); err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		got := map[string]string{}
		for _, e := range index.Exercises {
			got[e.ID] = e.ModuleTitle
		}
		want := map[string]string{"m/add": "Adding numbers"}
		if drafts {
			want["later/sub"] = "Coming later"
		}
		if len(got) != len(want) || got["m/add"] != want["m/add"] || got["later/sub"] != want["later/sub"] {
			t.Errorf("drafts=%v: index %s, want %v", drafts, data, want)
		}
	}
}
