package markdown

import (
	"encoding/json"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/mlcourse/course/internal/diag"
)

// The figure directive: an interactive component of the theme, with a text
// description and a static fallback.
//
//	::: figure loss-curves {delta=1 max=4}
//	MSE, MAE and Huber loss plotted against the residual … (the description)
//
//	![MSE, MAE and Huber loss against the residual](loss-curves.svg)
//	:::
//
// NAME is a component of the theme: a file static/js/figures/NAME.js
// (Options.Figures). The attributes are the component's parameters, passed
// to it as strings (a flag as "true"); the component validates them. The
// blocks before the last are the description, the last block is the
// fallback: a paragraph holding only an image, or a table.
//
// It renders
//
//	<figure class="live-figure" id="figure-NAME" data-component="NAME" data-params='{"delta":"1","max":"4"}'>
//	<div class="figure-live" hidden></div>
//	<div class="figure-fallback">…the image or table…</div>
//	<figcaption class="figure-description" id="figure-NAME-desc">…</figcaption>
//	</figure>
//
// (the id gets -2, -3, … on a repeat in the page) and declares the scripts
// js/figures/NAME.js and js/figures.js, the loader that mounts the
// component into .figure-live, links it to the description with
// aria-describedby and hides the fallback once it has mounted. (The static
// HTML refers to no id, so that print pages, which prefix every id, stay
// valid.)
func figureDirective(components []string, dir string) DirectiveHandler {
	known := make(map[string]bool, len(components))
	for _, c := range components {
		known[c] = true
	}
	names := append([]string(nil), components...)
	sort.Strings(names)
	if dir == "" {
		dir = "the theme's static/js/figures"
	}
	return DirectiveHandler{
		Usage:   "::: figure NAME {param=value …}, e.g. ::: figure loss-curves {delta=1}",
		MinArgs: 1, MaxArgs: 1,
		AnyAttrs: true,
		Check: func(d *Directive, src []byte, report func(int, string, string)) {
			checkFigure(d, src, report, known, names, dir)
		},
		Render: func(w util.BufWriter, d *Directive, entering bool) ast.WalkStatus {
			f, _ := d.Data.(*figureData)
			if f == nil {
				return ast.WalkContinue // reported by Check; the content renders plainly
			}
			if entering {
				fmt.Fprintf(w, `<figure class="live-figure" id="%s" data-component="%s" data-params="%s">`+"\n",
					html.EscapeString(f.id), html.EscapeString(f.name), html.EscapeString(f.params))
				w.WriteString(`<div class="figure-live" hidden></div>` + "\n")
			} else {
				w.WriteString("</figure>\n")
			}
			return ast.WalkContinue
		},
	}
}

type figureData struct {
	id, name string
	params   string // JSON object of strings
}

func checkFigure(d *Directive, src []byte, report func(int, string, string), known map[string]bool, names []string, dir string) {
	if len(d.Info.Words) < 2 {
		return // the argument count was reported
	}
	bad := false
	name := d.Args()[0]
	if !known[name] {
		bad = true
		hint := fmt.Sprintf("a component is a file %s/NAME.js", dir)
		if near := diag.Nearest(name, names, len(name)/2+2); near != "" {
			hint = fmt.Sprintf("did you mean %q?", near)
		} else if len(names) > 0 {
			hint = "known components: " + strings.Join(names, ", ") + "; " + hint
		}
		report(d.InfoOff+d.Info.Words[1].Offset, fmt.Sprintf("unknown figure component %q", name), hint)
	}

	params := map[string]string{}
	for _, a := range d.Info.Attrs {
		if _, dup := params[a.Key]; dup {
			bad = true
			report(d.InfoOff+a.Offset, fmt.Sprintf("parameter %q given twice", a.Key), "keep one")
			continue
		}
		v := a.Value
		if !a.HasValue {
			v = "true"
		}
		params[a.Key] = v
	}

	var blocks []ast.Node
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		blocks = append(blocks, c)
	}
	fallback := -1
	for i, b := range blocks {
		if isFallback(b) {
			fallback = i
			break
		}
	}
	const fallbackHint = "end the figure with what shows when scripts are off: an image alone in a paragraph, ![what it shows](name.svg) next to the lesson, or a table"
	const descHint = "write, before the fallback, a paragraph that describes what the figure shows and how it responds to its controls"
	switch {
	case fallback < 0:
		bad = true
		report(d.Offset, "a figure without a static fallback", fallbackHint)
		if len(blocks) == 0 {
			report(d.Offset, "a figure without a description", descHint)
		}
	case fallback == 0:
		bad = true
		report(lineIndent(src, nodeOffset(blocks[0])), "a figure without a description", descHint)
	}
	if fallback >= 0 && fallback < len(blocks)-1 {
		bad = true
		report(lineIndent(src, nodeOffset(blocks[fallback+1])), "text after the figure's fallback",
			"the fallback (image or table) comes last: move this above it, into the description")
	}
	if bad {
		return
	}

	d.UseScripts("js/figures/"+name+".js", "js/figures.js")
	id := d.w.uniqueID("figure-" + name)
	d.SetAttributeString("id", []byte(id))
	var js strings.Builder // the parameters as a JSON object, in the order written
	js.WriteByte('{')
	for i, a := range d.Info.Attrs {
		if i > 0 {
			js.WriteByte(',')
		}
		k, _ := json.Marshal(a.Key) // strings: cannot fail
		v, _ := json.Marshal(params[a.Key])
		js.Write(k)
		js.WriteByte(':')
		js.Write(v)
	}
	js.WriteByte('}')
	d.Data = &figureData{id: id, name: name, params: js.String()}

	// Fallback first (it takes the component's place), then the caption.
	last := blocks[len(blocks)-1]
	d.RemoveChild(d, last)
	fb := &wrapper{Open: `<div class="figure-fallback">`, Close: "</div>\n"}
	if p, ok := last.(*ast.Paragraph); ok {
		moveChildren(fb, p) // the image, without a <p> (nor a caption from its title)
	} else {
		fb.Open += "\n"
		fb.AppendChild(fb, last) // a table
	}
	caption := &wrapper{Open: fmt.Sprintf(`<figcaption class="figure-description" id="%s-desc">`+"\n", html.EscapeString(id)), Close: "</figcaption>\n"}
	for _, b := range blocks[:len(blocks)-1] {
		caption.AppendChild(caption, b)
	}
	d.AppendChild(d, fb)
	d.AppendChild(d, caption)
}

// isFallback reports whether b can be a figure's static fallback: a
// paragraph holding only an image, or a table.
func isFallback(b ast.Node) bool {
	if b.Kind() == extast.KindTable {
		return true
	}
	p, ok := b.(*ast.Paragraph)
	if !ok || p.ChildCount() != 1 {
		return false
	}
	_, ok = p.FirstChild().(*ast.Image)
	return ok
}
