package server

import (
	"slices"
	"strings"
	"testing"
)

const previewNotebook = `{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# A notebook\n", "\n", "Some prose.\n"]},
  {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["print('first run')"],
   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["first run\n"]}]}
 ],
 "metadata": {"language_info": {"name": "python"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
`

func TestPreviewPicksUpASavedNotebook(t *testing.T) {
	pv := startPreview(t, fixtureCopy(t), PreviewOptions{})
	const nb = "content/01-basics/03-nb.ipynb"
	pv.write(nb, previewNotebook)
	pv.until("the notebook is a page", func(r Report) bool { return r.OK && slices.Contains(r.Changed.Pages, "/basics/nb/") })
	if status, body := pv.get("basics/nb/"); status != 200 || !strings.Contains(body, "first run") || !strings.Contains(body, "<h1>A notebook</h1>") {
		t.Fatalf("GET basics/nb/: %d\n%.600s", status, body)
	}

	pv.edit(nb, `"first run\n"`, `"second run\n"`)
	pv.until("the saved output is shown", func(r Report) bool { return r.OK && slices.Contains(r.Changed.Pages, "/basics/nb/") })
	if _, body := pv.get("basics/nb/"); !strings.Contains(body, "second run\n</pre>") {
		t.Errorf("the saved notebook is not served:\n%.600s", body)
	}

	pv.edit(nb, `"nbformat": 4,`, `"nbformat": 3,`)
	r := pv.until("the build failed", func(r Report) bool { return !r.OK })
	if len(r.Problems) == 0 || r.Problems[0].Position != nb+":8:14" {
		t.Errorf("problems %+v, want one at %s:8:14", r.Problems, nb)
	}
	pv.edit(nb, `"nbformat": 3,`, `"nbformat": 4,`)
	pv.until("the notebook is fixed", func(r Report) bool { return r.OK })
}
