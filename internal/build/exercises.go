package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
	"github.com/mlcourse/course/internal/highlight"
	"github.com/mlcourse/course/internal/markdown"
)

// exerciseDirective is the `::: exercise MODULE/SLUG` block directive: the
// block's markdown is the exercise's instructions, followed by what the
// build adds from exercises/: the title, the functions to write, the
// starter (highlighted, and as a download), the checker's tests and the
// commands that check it on the learner's machine. An unknown id is an
// error at the directive's line.
func (b *Builder) exerciseDirective(set *exercise.Set, rt *pageRunner) markdown.DirectiveHandler {
	ids := make([]string, 0, len(set.Exercises))
	for _, e := range set.Exercises {
		ids = append(ids, e.ID)
	}
	return markdown.DirectiveHandler{
		Usage:   "::: exercise MODULE/SLUG, e.g. ::: exercise loss-functions/mse",
		MinArgs: 1, MaxArgs: 1,
		Check: func(d *markdown.Directive, src []byte, report func(int, string, string)) {
			id := d.Args()[0]
			e := set.Get(id)
			if e == nil {
				hint := "exercise ids are folders under exercises/, e.g. loss-functions/mse"
				if near := diag.Nearest(id, ids, len(id)/2+2); near != "" {
					hint = fmt.Sprintf("did you mean %q?", near)
				}
				report(d.InfoOff+d.Info.Words[1].Offset, fmt.Sprintf("unknown exercise %q", id), hint)
				return
			}
			if e.Runtime == exercise.Browser {
				if _, err := rt.config(); err != nil {
					report(d.InfoOff+d.Info.Words[1].Offset, "cannot embed the in-page runner: "+err.Error(), "")
					return
				}
				d.UseScripts(runnerScript)
			}
			d.Data = e
		},
		Render: func(w util.BufWriter, d *markdown.Directive, entering bool) ast.WalkStatus {
			e, _ := d.Data.(*exercise.Exercise)
			if e == nil {
				return ast.WalkContinue // reported by Check
			}
			if entering {
				b.renderExerciseHead(w, e, rt)
				return ast.WalkContinue
			}
			b.renderExerciseBody(w, e, rt)
			return ast.WalkContinue
		},
	}
}

// renderExerciseHead opens the exercise's section; the directive's own
// markdown (the instructions) follows.
func (b *Builder) renderExerciseHead(w util.BufWriter, e *exercise.Exercise, rt *pageRunner) {
	runtime := "runs in Python's standard library, in this page or on your machine"
	if e.Runtime == exercise.Local {
		runtime = "runs on your machine; needs " + strings.Join(e.Requires, ", ")
	}
	fmt.Fprintf(w, `<section class="exercise" id="exercise-%s" data-exercise="%s" data-runtime="%s"`,
		html.EscapeString(strings.ReplaceAll(e.ID, "/", "-")), html.EscapeString(e.ID), html.EscapeString(e.Runtime))
	if e.Runtime == exercise.Browser {
		c, _ := rt.config() // checked by Check
		fmt.Fprintf(w, ` data-hash="%s" data-bundle="%s" data-runner="%s"`,
			exerciseHash(e), html.EscapeString(rt.base+rt.bundles[e.ID]), html.EscapeString(c.JSON()))
	}
	w.WriteString(">\n")
	fmt.Fprintf(w, `<p class="exercise-kicker">Exercise · %s</p>`+"\n", html.EscapeString(runtime))
	fmt.Fprintf(w, `<p class="exercise-title"><strong>%s</strong></p>`+"\n", html.EscapeString(e.Title))
}

// renderExerciseBody closes the section: the starter (an editor with Run,
// Reset, Hint and Solution for browser exercises, once runner.js takes
// over), the hints, the checker's tests and the local commands.
func (b *Builder) renderExerciseBody(w util.BufWriter, e *exercise.Exercise, rt *pageRunner) {
	var fns []string
	for _, f := range e.Functions {
		fns = append(fns, "<code>"+html.EscapeString(f)+"</code>")
	}
	file := e.Slug + ".py"
	if e.Runtime == exercise.Browser {
		fmt.Fprintf(w, "<p>Write %s below and press <strong>Run</strong> (or Ctrl-Enter) to check it here; your code stays in this browser.</p>\n", strings.Join(fns, ", "))
		w.WriteString(`<div class="exercise-toolbar" role="toolbar" aria-label="Exercise actions" hidden>`)
		w.WriteString(`<button type="button" class="button button-primary" data-action="run" aria-keyshortcuts="Control+Enter Meta+Enter">Run</button>`)
		w.WriteString(`<button type="button" class="button" data-action="stop" hidden>Stop</button>`)
		w.WriteString(`<button type="button" class="button" data-action="reset">Reset</button>`)
		fmt.Fprintf(w, `<button type="button" class="button" data-action="hint"%s>Hint</button>`, disabledIf(len(e.Hints) == 0))
		w.WriteString(`<button type="button" class="button" data-action="solution" hidden>Solution</button>`)
		w.WriteString(`<span class="exercise-state" role="status"></span></div>` + "\n")
		w.WriteString(`<div class="exercise-notice" role="alert" hidden></div>` + "\n")
		fmt.Fprintf(w, `<div class="exercise-editor" data-file="%s">`, html.EscapeString(file))
	} else {
		fmt.Fprintf(w, "<p>Write %s in the starter:</p>\n", strings.Join(fns, ", "))
	}
	fmt.Fprintf(w, `<figure class="code" data-lang="python"><figcaption class="code-title">%s</figcaption>`, html.EscapeString(file))
	w.WriteString(b.hl.HTML(string(e.Starter), highlight.Options{Lang: "python"}))
	w.WriteString("</figure>\n")
	if e.Runtime == exercise.Browser {
		w.WriteString("</div>\n")
		w.WriteString(`<ol class="exercise-hints-shown" hidden></ol>` + "\n")
		w.WriteString(`<div class="exercise-results" aria-live="polite"></div>` + "\n")
		w.WriteString(`<div class="exercise-solution" hidden></div>` + "\n")
	}
	if len(e.Hints) > 0 {
		fmt.Fprintf(w, `<details class="exercise-hints"><summary>%d hint%s</summary><ol>`, len(e.Hints), plural(len(e.Hints)))
		for _, h := range e.Hints {
			fmt.Fprintf(w, "<li>%s</li>", html.EscapeString(h))
		}
		w.WriteString("</ol></details>\n")
	}
	fmt.Fprintf(w, `<details class="exercise-tests"><summary>The checker's %d tests</summary><ul>`, len(e.Tests))
	for _, t := range e.Tests {
		fmt.Fprintf(w, "<li><code>%s</code></li>", html.EscapeString(t))
	}
	w.WriteString("</ul></details>\n")
	if e.Runtime == exercise.Browser {
		w.WriteString(`<details class="exercise-local"><summary>Work on your machine instead</summary>` + "\n")
	}
	fmt.Fprintf(w, `<p><a class="button" href="%s" download="%s">Download the starter</a></p>`+"\n",
		html.EscapeString(rt.base+starterPath(e)), html.EscapeString(file))
	w.WriteString("<p>Check your code on your machine: <code>course start</code> copies the starter into <code>workspace/</code>, <code>course check</code> runs the checker (or <code>course watch</code>, on every save).</p>\n")
	fmt.Fprintf(w, `<pre class="exercise-commands"><code>course start %s`+"\n"+`course check %s</code></pre>`+"\n", html.EscapeString(e.ID), html.EscapeString(e.ID))
	if e.Runtime == exercise.Browser {
		w.WriteString("</details>\n")
	}
	w.WriteString("</section>\n")
}

func disabledIf(b bool) string {
	if b {
		return " disabled"
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// starterPath is where the site serves an exercise's starter file.
func starterPath(e *exercise.Exercise) string {
	return "exercises/" + e.ID + "/starter.py"
}

// exercisesKey digests what pages show of the exercises, for the page cache
// (the bundles a page names are generated static files: the theme digest
// covers them).
func exercisesKey(set *exercise.Set) string {
	h := sha256.New()
	for _, e := range set.Exercises {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00%q\x00%q\x00%q\x00%d\x00", e.ID, e.Title, e.Runtime, e.Requires, e.Functions, e.Tests, e.Hints, len(e.Starter))
		h.Write(e.Starter)
	}
	return hex.EncodeToString(h.Sum(nil))
}
