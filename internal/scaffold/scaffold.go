// Package scaffold writes new lessons and exercises for authors
// (`course new lesson` and `course new exercise`).
//
// A new lesson gets the next number in its module folder, a slug from its
// title and front matter that builds at once. A new exercise gets every
// file the exercise format needs, with TODOs: its solution raises
// NotImplementedError, so `course test` flags it until it is written.
// Nothing is ever overwritten.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

var prefixRe = regexp.MustCompile(`^(\d+)-(.+)$`)

// FindModule returns the folder under content/ of the module named by its
// folder ("01-loss-functions") or its slug ("loss-functions").
func FindModule(root, module string) (dir, slug string, err error) {
	entries, err := os.ReadDir(filepath.Join(root, "content"))
	if err != nil {
		return "", "", fmt.Errorf("cannot read the content folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		m := prefixRe.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		names = append(names, e.Name())
		if e.Name() == module || m[2] == module {
			return filepath.Join(root, "content", e.Name()), m[2], nil
		}
	}
	return "", "", fmt.Errorf("no module %q under content/ (modules: %s)", module, strings.Join(names, ", "))
}

// latin spells accented and other Latin letters in ASCII: é → e, ü → u
// (not ue: a slug is not a spelling), ß → ss, æ → ae.
var latin = func() map[rune]string {
	m := map[rune]string{}
	for ascii, letters := range map[string]string{
		"a": "àáâãäåāăą", "ae": "æ", "c": "çćĉċč", "d": "ďđð", "e": "èéêëēĕėęě",
		"g": "ĝğġģ", "h": "ĥħ", "i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł",
		"n": "ñńņňŉ", "o": "òóôõöøōŏő", "oe": "œ", "r": "ŕŗř", "s": "śŝşšș",
		"ss": "ß", "t": "ţťŧț", "th": "þ", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range letters {
			m[r] = ascii
		}
	}
	return m
}()

// Slugify turns a title into a slug: lowercase letters, digits and dashes;
// accented Latin letters lose their accents (Größe → grosse), and other
// characters become dashes.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case latin[r] != "":
			b.WriteString(latin[r])
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// Lesson writes a new lesson at the end of a module and returns its path.
// Its slug is slug, or when empty one made from the title.
func Lesson(root, module, title, slug string) (string, error) {
	title = strings.TrimSpace(title)
	if slug != "" && Slugify(slug) != slug {
		return "", fmt.Errorf("--slug %q must be lowercase letters, digits and dashes, e.g. %q", slug, Slugify(slug))
	}
	if slug == "" {
		slug = Slugify(title)
	}
	if slug == "" {
		return "", errors.New("the title needs at least one letter or digit (or give one with --slug)")
	}
	dir, _, err := FindModule(root, module)
	if err != nil {
		return "", err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	next, width := 1, 2
	for _, e := range entries {
		ext := filepath.Ext(e.Name()) // lessons are .md files and notebooks
		m := prefixRe.FindStringSubmatch(strings.TrimSuffix(e.Name(), ext))
		if e.IsDir() || ext != ".md" && ext != ".ipynb" || m == nil {
			continue
		}
		if m[2] == slug {
			return "", fmt.Errorf("%s already has a lesson %q: %s", filepath.Base(dir), slug, e.Name())
		}
		n, _ := strconv.Atoi(m[1])
		next = max(next, n+1)
		width = max(width, len(m[1]))
	}
	file := filepath.Join(dir, fmt.Sprintf("%0*d-%s.md", width, next, slug))
	body := fmt.Sprintf(`---
title: %s
summary: "TODO: one sentence on what the reader will be able to do."
objectives:
  - "TODO: an objective the exercises check."
minutes: 15
---

TODO: the idea, in a paragraph.

## A worked example

TODO: one example with real numbers.

## The math

TODO: the formula, with every symbol defined.

## Common mistakes

- TODO

## References

- TODO: a primary source, by chapter and section.
`, yamlString(title))
	return file, create(file, body)
}

// yamlString quotes s when plain YAML would misread it.
func yamlString(s string) string {
	if strings.ContainsAny(s, ":#'\"{}[],&*!|>%@`") || strings.TrimSpace(s) != s {
		return strconv.Quote(s)
	}
	return s
}

// Exercise writes a new exercise skeleton for module and returns its folder.
func Exercise(root, module, slug string) (string, error) {
	if Slugify(slug) != slug || slug == "" {
		return "", fmt.Errorf("exercise slug %q must be lowercase letters, digits and dashes, e.g. %q", slug, Slugify(slug))
	}
	_, modSlug, err := FindModule(root, module)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "exercises", modSlug, slug)
	if _, err := os.Stat(dir); err == nil {
		return "", fmt.Errorf("%s already exists", dir)
	}
	fn := strings.ReplaceAll(slug, "-", "_")
	weight := ""
	if w, ok := lastWeight(filepath.Join(root, "exercises", modSlug)); ok {
		weight = fmt.Sprintf("weight = %d  # after the module's other exercises\n", w+1)
	}
	files := map[string]string{
		"exercise.toml": fmt.Sprintf(`title = "TODO: %s"
runtime = "browser"  # or "local", with requires = ["numpy"]
timeout = 10
%sfunctions = [%q]
hints = [
  "TODO: the first hint: what to compute.",
  "TODO: the second hint: the edge case that trips learners up.",
]
`, slug, weight, fn),
		"starter.py": fmt.Sprintf(`def %s(x):
    """TODO: say what the learner implements, with an example."""
    raise NotImplementedError("write %s")
`, fn, fn),
		"solution.py": fmt.Sprintf(`def %s(x):
    """The reference solution."""
    raise NotImplementedError("TODO: write the reference solution")
`, fn),
		"check.py": fmt.Sprintf(`"""Checks %s against the reference."""

import coursecheck as cc


def test_%s_matches_the_reference_on_random_inputs(learner, ref):
    for rng in cc.random_cases(20, seed=1):
        x = rng.uniform(-10, 10)
        cc.compare(learner.%s, ref.%s, x)
`, fn, fn, fn, fn),
		"mistakes/todo.py": fmt.Sprintf(`# TODO: name a wrong answer learners really write; the checker must reject it.
def %s(x):
    return 0
`, fn),
	}
	for name, data := range files {
		if err := create(filepath.Join(dir, filepath.FromSlash(name)), data); err != nil {
			return "", err
		}
	}
	return dir, nil
}

var weightRe = regexp.MustCompile(`(?m)^\s*weight\s*=\s*(-?\d+)`)

// lastWeight returns the largest weight of the exercises in dir (0 for
// those without one), and whether there is any.
func lastWeight(dir string) (int, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, false
	}
	w, any := 0, false
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name(), "exercise.toml"))
		if !e.IsDir() || err != nil {
			continue
		}
		n := 0
		if m := weightRe.FindSubmatch(data); m != nil {
			n, _ = strconv.Atoi(string(m[1]))
		}
		if !any || n > w {
			w = n
		}
		any = true
	}
	return w, any
}

// create writes a new file, never replacing one.
func create(path, data string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
