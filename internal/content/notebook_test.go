package content

import (
	"strings"
	"testing"
)

func nbJSON(meta, firstCell string) string {
	return `{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["` + firstCell + `"]}],
 "metadata": ` + meta + `, "nbformat": 4, "nbformat_minor": 5}`
}

func TestNotebookIsALessonInOrder(t *testing.T) {
	c, dl := load(t, map[string]string{
		"content/1-m/_index.md":    "---\ntitle: M\n---\n",
		"content/1-m/01-a.md":      "---\ntitle: A\n---\n",
		"content/1-m/02-nb.ipynb":  nbJSON(`{"course": {"summary": "S", "minutes": 7, "test": true, "prerequisites": ["01-a.md"]}}`, `# From the heading\n`),
		"content/1-m/03-c.md":      "---\ntitle: C\nprerequisites: [02-nb.ipynb]\n---\n",
		"content/1-m/04-t.ipynb":   nbJSON(`{"title": "From metadata", "course": {"title": "From course"}}`, `# Heading\n`),
		"content/1-m/data/x.ipynb": "{}", // not a lesson: a download
	}, false)
	if dl.Len() > 0 {
		t.Fatalf("unexpected problems:\n%s", dl)
	}
	var got []string
	for _, p := range c.Pages {
		got = append(got, p.URL+"="+p.Meta.Title)
	}
	if want := "=Course m/=M m/a/=A m/nb/=From the heading m/c/=C m/t/=From course"; strings.Join(got, " ") != want {
		t.Errorf("pages = %s\nwant    %s", strings.Join(got, " "), want)
	}
	nb := c.PageByRef("m/nb")
	if nb.Notebook == nil || nb.Meta.Summary != "S" || nb.Meta.Minutes != 7 || !nb.Meta.Test {
		t.Errorf("notebook meta = %+v", nb.Meta)
	}
	if c.ResolvePrereq(nb, "01-a.md") != c.PageByRef("m/a") || c.ResolvePrereq(c.PageByRef("m/c"), "02-nb.ipynb") != nb {
		t.Error("prerequisites between .md and .ipynb lessons do not resolve")
	}
	if !c.HasAsset("content/1-m/data/x.ipynb") {
		t.Error("a notebook in a sub-folder is not copied as a file")
	}
}

func TestNotebookMetadataIsCheckedAsFrontMatter(t *testing.T) {
	_, dl := load(t, map[string]string{
		"content/1-m/_index.md": "---\ntitle: M\n---\n",
		"content/1-m/01-nb.ipynb": "{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# T\"]}],\n" +
			" \"metadata\": {\"course\": {\n   \"sumary\": \"x\",\n   \"minutes\": \"ten\"}},\n \"nbformat\": 4}\n",
		"content/1-m/02-md.md": "---\ntitle: M\ntest: true\n---\n",
		"content/nb.ipynb":     nbJSON(`{}`, `# T`),
	}, false)
	want := []string{
		`content/1-m/01-nb.ipynb:3:4: unknown front-matter key "sumary" (did you mean "summary"?)`,
		`content/1-m/01-nb.ipynb:4:15: front-matter key "minutes": cannot unmarshal text ` + "`ten`" + ` into int`,
		`content/1-m/02-md.md:3: test applies to notebook lessons only`,
		`content/nb.ipynb: a lesson must be inside a module folder (move it to content/NN-module/NN-lesson.ipynb)`,
	}
	got := dl.String()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("diagnostics lack %q:\n%s", w, got)
		}
	}
}

// metadata.course is JSON read by the front matter's YAML parser: every
// JSON spelling must mean what it means in JSON.
func TestNotebookMetadataReadsAnyJSON(t *testing.T) {
	c, dl := load(t, map[string]string{
		"content/1-m/_index.md": "---\ntitle: M\n---\n",
		"content/1-m/01-nb.ipynb": "{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# T\"]}],\n" +
			"\t\"metadata\": {\"course\": {\n\t\t\"summary\": \"caf\\u00e9 a\\/b \\\"q\\\" \\\\ x\",\n\t\t\"objectives\": [\"a\", \"b\"], \"minutes\": 10}}, \"nbformat\": 4}\n",
	}, false)
	if dl.Len() > 0 {
		t.Fatal(dl)
	}
	m := c.PageByRef("m/nb").Meta
	if m.Summary != `café a/b "q" \ x` || strings.Join(m.Objectives, "|") != "a|b" || m.Minutes != 10 {
		t.Errorf("meta = %+v", m)
	}
}
