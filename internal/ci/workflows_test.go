package ci

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// TestTestWorkflowRunsTheRunnerOnWindowsAndMacOS: besides the Linux job,
// test.yml runs the exercise runner's tests on Windows and macOS with Go
// from go.mod and a pinned Python that has what the exercises import.
func TestTestWorkflowRunsTheRunnerOnWindowsAndMacOS(t *testing.T) {
	w, _ := load(t, "test.yml")
	if u := uses(w.Jobs["test"]); len(u) != 1 || u[0] != "actions/checkout@v4" {
		t.Errorf("the Linux job uses %v, want only actions/checkout@v4 (then bash scripts/test.sh)", u)
	}
	job := w.Jobs["runner"]
	if job == nil {
		t.Fatal("test.yml has no runner job")
	}
	if job["runs-on"] != "${{ matrix.os }}" {
		t.Errorf("runs-on = %v, want ${{ matrix.os }}", job["runs-on"])
	}
	strategy, _ := job["strategy"].(map[string]any)
	matrix, _ := strategy["matrix"].(map[string]any)
	oses, _ := matrix["os"].([]any)
	if len(oses) != 2 || oses[0] != "windows-latest" || oses[1] != "macos-latest" {
		t.Errorf("matrix os = %v, want [windows-latest macos-latest]", oses)
	}
	if strategy["fail-fast"] != false {
		t.Error("fail-fast is not false: one system's failure would hide the other's result")
	}
	if env, _ := job["env"].(map[string]any); env["CI"] != "true" {
		t.Errorf("env = %v, want CI: \"true\" (a missing Python module fails)", env)
	}
	steps, _ := job["steps"].([]any)
	var runs []string
	with := map[string]map[string]any{}
	for _, st := range steps {
		m, _ := st.(map[string]any)
		if r, ok := m["run"].(string); ok {
			runs = append(runs, strings.TrimSpace(r))
		}
		if u, ok := m["uses"].(string); ok {
			with[u], _ = m["with"].(map[string]any)
		}
	}
	// Pinned as the other workflows pin them: to a major version.
	for _, a := range []string{"actions/checkout@v4", "actions/setup-go@v5", "actions/setup-python@v5"} {
		if _, ok := with[a]; !ok {
			t.Errorf("the runner job does not use %s (uses %v)", a, uses(job))
		}
	}
	if with["actions/setup-go@v5"]["go-version-file"] != "go.mod" {
		t.Errorf("setup-go with %v, want go-version-file: go.mod", with["actions/setup-go@v5"])
	}
	if v, _ := with["actions/setup-python@v5"]["python-version"].(string); !regexp.MustCompile(`^3\.1[1-9]$`).MatchString(v) {
		t.Errorf("setup-python python-version %q, want a pinned 3.11 or later such as \"3.12\"", v)
	}
	want := []string{
		"git config --global core.autocrlf false",
		"python -m pip install numpy torch opencv-python-headless scikit-learn",
		"go test ./internal/exercise/ ./cmd/course/",
	}
	if !slices.Equal(runs, want) {
		t.Errorf("the runner job runs %q, want %q", runs, want)
	}
	if first, _ := steps[0].(map[string]any); first["run"] != want[0] {
		t.Error("core.autocrlf is not turned off before the checkout: golden files would get CRLF on Windows")
	}
}
