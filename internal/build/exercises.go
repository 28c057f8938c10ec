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
func (b *Builder) exerciseDirective(set *exercise.Set, basePath string) markdown.DirectiveHandler {
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
			d.Data = e
		},
		Render: func(w util.BufWriter, d *markdown.Directive, entering bool) ast.WalkStatus {
			e, _ := d.Data.(*exercise.Exercise)
			if e == nil {
				return ast.WalkContinue // reported by Check
			}
			if entering {
				runtime := "runs in Python's standard library"
				if e.Runtime == exercise.Local {
					runtime = "needs " + strings.Join(e.Requires, ", ")
				}
				fmt.Fprintf(w, `<section class="exercise" id="exercise-%s" data-exercise="%s" data-runtime="%s">`+"\n",
					html.EscapeString(strings.ReplaceAll(e.ID, "/", "-")), html.EscapeString(e.ID), html.EscapeString(e.Runtime))
				fmt.Fprintf(w, `<p class="exercise-kicker">Exercise · %s</p>`+"\n", html.EscapeString(runtime))
				fmt.Fprintf(w, `<p class="exercise-title"><strong>%s</strong></p>`+"\n", html.EscapeString(e.Title))
				return ast.WalkContinue
			}
			var fns []string
			for _, f := range e.Functions {
				fns = append(fns, "<code>"+html.EscapeString(f)+"</code>")
			}
			fmt.Fprintf(w, "<p>Write %s in the starter:</p>\n", strings.Join(fns, ", "))
			w.WriteString(`<figure class="code" data-lang="python"><figcaption class="code-title">starter.py</figcaption>`)
			w.WriteString(b.hl.HTML(string(e.Starter), highlight.Options{Lang: "python"}))
			w.WriteString("</figure>\n")
			fmt.Fprintf(w, `<p><a class="button" href="%s" download="%s.py">Download the starter</a></p>`+"\n",
				html.EscapeString(basePath+starterPath(e)), html.EscapeString(e.Slug))
			fmt.Fprintf(w, `<details class="exercise-tests"><summary>The checker's %d tests</summary><ul>`, len(e.Tests))
			for _, t := range e.Tests {
				fmt.Fprintf(w, "<li><code>%s</code></li>", html.EscapeString(t))
			}
			w.WriteString("</ul></details>\n")
			w.WriteString("<p>Check your code on your machine: <code>course start</code> copies the starter into <code>workspace/</code>, <code>course check</code> runs the checker (or <code>course watch</code>, on every save).</p>\n")
			fmt.Fprintf(w, `<pre class="exercise-commands"><code>course start %s`+"\n"+`course check %s</code></pre>`+"\n", html.EscapeString(e.ID), html.EscapeString(e.ID))
			w.WriteString("</section>\n")
			return ast.WalkContinue
		},
	}
}

// starterPath is where the site serves an exercise's starter file.
func starterPath(e *exercise.Exercise) string {
	return "exercises/" + e.ID + "/starter.py"
}

// exercisesKey digests what pages show of the exercises, for the page cache.
func exercisesKey(set *exercise.Set) string {
	h := sha256.New()
	for _, e := range set.Exercises {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00%q\x00%q\x00%d\x00", e.ID, e.Title, e.Runtime, e.Requires, e.Functions, e.Tests, len(e.Starter))
		h.Write(e.Starter)
	}
	return hex.EncodeToString(h.Sum(nil))
}
