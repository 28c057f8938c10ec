package build

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// interactiveCourse has a plain lesson, a lesson with a quiz and one with
// figures (one component of the embedded theme, one the project adds).
const interactiveCourse = `-- content/01-m/_index.md --
---
title: M
---
-- content/01-m/01-plain.md --
---
title: Plain
---
Text, a task list and tabs need no script of their own.

- [x] done

:::: tabs
::: tab A
a
:::
::::
-- content/01-m/02-quiz.md --
---
title: Quiz
---
::: quiz
Why?

- [x] Because.
  > Right.
- [ ] No reason.
  > No.
:::
-- content/01-m/03-figures.md --
---
title: Figures
---
::: figure dots {n=3}
Three dots.

![dots](dots.svg)
:::

::: figure loss-curves {delta=1}
The losses.

![losses](dots.svg)
:::
-- content/01-m/dots.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>
-- themes/default/static/js/figures/dots.js --
"use strict";
(window.courseFigures = window.courseFigures || {}).dots = function mount(root) {};
`

var scriptRe = regexp.MustCompile(`<script src="([^"]+)" defer[^>]*></script>`)

// directiveScripts lists the scripts a page loads beyond the theme's own
// (those base.html loads on every page), with the hashes left out.
func directiveScripts(html string) []string {
	var out []string
	for _, m := range scriptRe.FindAllStringSubmatch(html, -1) {
		switch s := hashRe.ReplaceAllString(m[1], "."); s {
		case "/js/progress.js", "/js/theme.js", "/js/nav.js", "/js/search.js", "/js/code.js", "/js/content.js", "/js/tabs.js", "/js/offline.js":
		default:
			out = append(out, s)
		}
	}
	return out
}

func TestPagesLoadOnlyTheScriptsTheirBlocksNeed(t *testing.T) {
	dir := t.TempDir()
	archive := filepath.Join(t.TempDir(), "course.txt")
	os.WriteFile(archive, []byte(interactiveCourse), 0o644)
	writeArchive(t, archive, dir)
	res := newBuilder(t, Options{Source: dir}).Build()
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	tests := []struct {
		page string
		want []string
	}{
		{"m/plain/index.html", nil},
		{"index.html", nil},
		{"m/index.html", nil},
		{"m/print/index.html", nil}, // print pages show the blocks' no-script form
		{"m/quiz/index.html", []string{"/js/quiz.js"}},
		{"m/figures/index.html", []string{"/js/figures/dots.js", "/js/figures.js", "/js/figures/loss-curves.js"}},
	}
	for _, tt := range tests {
		html, ok := res.Site.Files[tt.page]
		if !ok {
			t.Errorf("no %s", tt.page)
			continue
		}
		if got := directiveScripts(string(html)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s loads %q, want %q", tt.page, got, tt.want)
		}
		for _, m := range scriptRe.FindAllStringSubmatch(string(html), -1) {
			if _, ok := res.Site.Files[strings.TrimPrefix(m[1], "/")]; !ok {
				t.Errorf("%s loads %s, which the site does not have", tt.page, m[1])
			}
		}
	}
	if !strings.Contains(string(res.Site.Files["m/print/index.html"]), `class="live-figure"`) {
		t.Error("the print page lacks the figures")
	}
}

// A page carried over from the previous build keeps loading the right
// scripts: a theme script that changes (and so its hashed name) makes the
// pages that load it render again.
func TestRebuildKeepsThePageScriptsRight(t *testing.T) {
	dir := t.TempDir()
	archive := filepath.Join(t.TempDir(), "course.txt")
	os.WriteFile(archive, []byte(interactiveCourse), 0o644)
	writeArchive(t, archive, dir)
	out := filepath.Join(t.TempDir(), "public")
	b, err := New(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	write := func() *Result {
		t.Helper()
		res, err := b.Write(out)
		if err != nil || !res.OK() {
			t.Fatalf("build: %v\n%v", err, res.Diags)
		}
		return res
	}
	quizScript := func() string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, "m/quiz/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range scriptRe.FindAllStringSubmatch(string(data), -1) {
			if strings.HasPrefix(m[1], "/js/quiz.") {
				if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
					t.Errorf("the quiz page loads %s, which is not in the site", m[1])
				}
				return m[1]
			}
		}
		t.Fatal("the quiz page loads no quiz script")
		return ""
	}
	write()
	if res := write(); res.Reused != 5 {
		t.Fatalf("an unchanged rebuild reused %d of 5 pages", res.Reused)
	}
	before := quizScript()
	override := filepath.Join(dir, "themes/default/static/js/quiz.js")
	os.WriteFile(override, []byte("\"use strict\";\n// A project's own quiz script.\n"), 0o644)
	if res := write(); res.Reused != 0 {
		t.Errorf("after a theme script changed, %d pages were carried over", res.Reused)
	}
	after := quizScript()
	if before == after {
		t.Errorf("the quiz page still loads %s after quiz.js changed", before)
	}
	fresh := newBuilder(t, Options{Source: dir}).Build()
	data, _ := os.ReadFile(filepath.Join(out, "m/quiz/index.html"))
	if string(fresh.Site.Files["m/quiz/index.html"]) != string(data) {
		t.Error("the rebuilt quiz page differs from a fresh build")
	}
}
