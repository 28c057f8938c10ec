package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/build"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
)

func project(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range map[string]string{
		"content/01-loss-functions/_index.md":            "---\ntitle: Losses\n---\n",
		"content/01-loss-functions/01-what-is-a-loss.md": "---\ntitle: What a loss is\n---\nHi.\n",
		"content/01-loss-functions/09-huber.md":          "---\ntitle: Huber\n---\nHi.\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	return root
}

func TestNewLessonBuildsAtOnce(t *testing.T) {
	root := project(t)
	for _, module := range []string{"01-loss-functions", "loss-functions"} {
		title := "Cross-entropy: why log? (" + module + ")"
		file, err := Lesson(root, module, title, "")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(filepath.Base(file), "1") || !strings.Contains(file, "cross-entropy-why-log") {
			t.Errorf("new lesson at %s", file)
		}
	}
	b, err := build.New(build.Options{Source: root, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res := b.Build()
	if !res.OK() {
		t.Fatalf("a scaffolded lesson does not build:\n%s", res.Diags)
	}
	if _, ok := res.Site.Files["loss-functions/cross-entropy-why-log-01-loss-functions/index.html"]; !ok {
		t.Errorf("pages: %v", res.Site.Paths())
	}
	if _, err := Lesson(root, "loss-functions", "Cross-entropy: why log? (loss-functions)", ""); err == nil {
		t.Error("a second lesson with the same slug was written")
	}
	if _, err := Lesson(root, "nope", "X", ""); err == nil || !strings.Contains(err.Error(), "01-loss-functions") {
		t.Errorf("unknown module: %v", err)
	}
}

func TestNewLessonNumbers(t *testing.T) {
	root := project(t)
	file, err := Lesson(root, "loss-functions", "Focal loss", "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(file) != "10-focal-loss.md" {
		t.Errorf("got %s, want the number after the highest (09): 10-focal-loss.md", filepath.Base(file))
	}
}

func TestNewExerciseLoadsAndIsFlaggedUntilWritten(t *testing.T) {
	root := project(t)
	lib, err := os.ReadFile("../../exercises/_lib/coursecheck.py")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "exercises/_lib"), 0o755)
	os.WriteFile(filepath.Join(root, "exercises/_lib/coursecheck.py"), lib, 0o644)
	dir, err := Exercise(root, "01-loss-functions", "huber-loss")
	if err != nil {
		t.Fatal(err)
	}
	if dir != filepath.Join(root, "exercises", "loss-functions", "huber-loss") {
		t.Errorf("exercise folder %s", dir)
	}
	dl := &diag.List{}
	set := exercise.Load(os.DirFS(root), dl)
	if dl.Len() > 0 {
		t.Fatalf("a scaffolded exercise has format problems:\n%s", dl)
	}
	if set.Get("loss-functions/huber-loss") == nil {
		t.Fatal("the scaffolded exercise is not loaded")
	}
	sol, _ := os.ReadFile(filepath.Join(dir, "solution.py"))
	if !strings.Contains(string(sol), "NotImplementedError") {
		t.Error("the solution skeleton would pass course test")
	}
	if _, err := Exercise(root, "loss-functions", "huber-loss"); err == nil {
		t.Error("an existing exercise was overwritten")
	}
	if _, err := Exercise(root, "loss-functions", "Bad Slug"); err == nil {
		t.Error("a bad slug was accepted")
	}
}

func TestNewLessonComesAfterNotebooks(t *testing.T) {
	root := project(t)
	nb := filepath.Join(root, "content/01-loss-functions/12-plots.ipynb")
	if err := os.WriteFile(nb, []byte(`{"cells": [], "metadata": {"title": "Plots"}, "nbformat": 4, "nbformat_minor": 5}`), 0o644); err != nil {
		t.Fatal(err)
	}
	file, err := Lesson(root, "loss-functions", "Focal loss", "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(file) != "13-focal-loss.md" {
		t.Errorf("got %s, want the number after the notebook's (12): 13-focal-loss.md", filepath.Base(file))
	}
	if _, err := Lesson(root, "loss-functions", "Plots", ""); err == nil {
		t.Error("a lesson with a notebook's slug was written")
	}
}
