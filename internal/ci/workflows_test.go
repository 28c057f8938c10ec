package ci

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"
)

const dir = "../../.github/workflows"

func TestWorkflowsPassActionlint(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.yml"))
	if len(files) < 3 {
		t.Fatalf("want the pages, test and release workflows, found %v", files)
	}
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]", e.Filepath, e.Line, e.Column, e.Message, e.Kind)
	}
}

type workflow struct {
	On          map[string]any            `yaml:"on"`
	Permissions map[string]string         `yaml:"permissions"`
	Jobs        map[string]map[string]any `yaml:"jobs"`
}

func load(t *testing.T, name string) (workflow, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return w, string(data)
}

// uses lists the actions a job's steps use.
func uses(job map[string]any) []string {
	var out []string
	steps, _ := job["steps"].([]any)
	for _, s := range steps {
		if m, ok := s.(map[string]any); ok {
			if u, ok := m["uses"].(string); ok {
				out = append(out, u)
			}
		}
	}
	return out
}

func perms(job map[string]any) map[string]string {
	out := map[string]string{}
	p, _ := job["permissions"].(map[string]any)
	for k, v := range p {
		out[k], _ = v.(string)
	}
	return out
}

func TestPagesWorkflow(t *testing.T) {
	w, text := load(t, "pages.yml")
	if _, ok := w.On["push"]; !ok {
		t.Error("pages.yml does not run on push")
	}
	if !strings.Contains(text, "branches: [main]") {
		t.Error("pages.yml does not publish from main")
	}
	if len(w.Permissions) != 0 {
		t.Errorf("workflow-wide permissions %v: grant them per job", w.Permissions)
	}
	build, deploy := w.Jobs["build"], w.Jobs["deploy"]
	if build == nil || deploy == nil {
		t.Fatal("pages.yml needs a build and a deploy job")
	}
	want := map[string]bool{"actions/configure-pages": false, "actions/upload-pages-artifact": false, "actions/cache": false}
	for _, u := range uses(build) {
		want[strings.Split(u, "@")[0]] = true
	}
	for a, found := range want {
		if !found {
			t.Errorf("the build job does not use %s", a)
		}
	}
	if u := uses(deploy); len(u) != 1 || !strings.HasPrefix(u[0], "actions/deploy-pages@") {
		t.Errorf("the deploy job uses %v, want actions/deploy-pages", u)
	}
	if p := perms(build); len(p) != 1 || p["contents"] != "read" {
		t.Errorf("build permissions %v, want contents: read only", p)
	}
	if p := perms(deploy); len(p) != 2 || p["pages"] != "write" || p["id-token"] != "write" {
		t.Errorf("deploy permissions %v, want pages: write and id-token: write only", p)
	}
	// The base URL comes from configure-pages (project site, user site or
	// custom domain), with the trailing slash course expects.
	if !strings.Contains(text, "BASE_URL: ${{ steps.pages.outputs.base_url }}") || !strings.Contains(text, `--base-url "$BASE_URL/"`) {
		t.Error("the build step does not pass configure-pages' base_url to --base-url")
	}
	if !strings.Contains(text, "path: .course-cache") {
		t.Error("the build does not keep .course-cache between runs")
	}
}

func TestTestAndReleaseWorkflows(t *testing.T) {
	w, text := load(t, "test.yml")
	if _, ok := w.On["pull_request"]; !ok {
		t.Error("test.yml does not run on pull requests")
	}
	if !strings.Contains(text, "bash scripts/test.sh") || !strings.Contains(text, `CI: "true"`) {
		t.Error("test.yml does not run the README's test command under CI=true")
	}
	w, text = load(t, "release.yml")
	if _, ok := w.On["push"]; !ok || !strings.Contains(text, `tags: ["v*"]`) {
		t.Error("release.yml does not run on version tags")
	}
	for _, want := range []string{"goos: [linux, darwin, windows]", "goarch: [amd64, arm64]", "-X main.version=$VERSION"} {
		if !strings.Contains(text, want) {
			t.Errorf("release.yml lacks %q", want)
		}
	}
}
