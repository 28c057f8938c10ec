package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
)

func TestSlugifyTransliteratesLatinLetters(t *testing.T) {
	for in, want := range map[string]string{
		"Régularisation élémentaire": "regularisation-elementaire",
		"Über die Größe":             "uber-die-grosse",
		"Æsir & Œuvres, naïve façon": "aesir-oeuvres-naive-facon",
		"Łódź: 3 cases":              "lodz-3-cases",
		"日本語 only":                   "only",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewLessonTakesASlug(t *testing.T) {
	root := project(t)
	file, err := Lesson(root, "loss-functions", "Entropie croisée, pas à pas", "cross-entropy")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(file) != "10-cross-entropy.md" {
		t.Errorf("--slug: wrote %s", filepath.Base(file))
	}
	file, err = Lesson(root, "loss-functions", "Entropie croisée", "")
	if err != nil || filepath.Base(file) != "11-entropie-croisee.md" {
		t.Errorf("no --slug: wrote %s (%v)", filepath.Base(file), err)
	}
	if _, err := Lesson(root, "loss-functions", "X", "Not A Slug"); err == nil || !strings.Contains(err.Error(), `"not-a-slug"`) {
		t.Errorf("a bad --slug: %v", err)
	}
	if _, err := Lesson(root, "loss-functions", "日本語", ""); err == nil || !strings.Contains(err.Error(), "--slug") {
		t.Errorf("a title without a Latin letter: %v", err)
	}
}

// A new exercise goes after the module's existing ones, whatever its slug.
func TestNewExerciseGoesAfterTheModulesExercises(t *testing.T) {
	root := project(t)
	lib, err := os.ReadFile("../../exercises/_lib/coursecheck.py")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "exercises/_lib"), 0o755)
	os.WriteFile(filepath.Join(root, "exercises/_lib/coursecheck.py"), lib, 0o644)
	for _, slug := range []string{"mse", "huber", "aaa-last"} {
		if _, err := Exercise(root, "loss-functions", slug); err != nil {
			t.Fatal(err)
		}
	}
	dl := &diag.List{}
	set := exercise.Load(os.DirFS(root), dl)
	var ids []string
	for _, e := range set.Exercises {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, " "); got != "loss-functions/mse loss-functions/huber loss-functions/aaa-last" {
		t.Errorf("order %s, want the order they were made in", got)
	}
}
