package notebook

import (
	"bytes"
	"fmt"
	"html"
	"image"
	_ "image/gif" // DecodeConfig of outputs' GIFs
	_ "image/jpeg"
	_ "image/png"
	"regexp"
	"strconv"
	"strings"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/markdown"
)

// Hooks are what rendering needs from the site.
type Hooks struct {
	// Highlight renders code in a language to a complete <pre> element.
	Highlight func(code, lang string) string
	// Math renders a LaTeX formula (see markdown.MathRenderer); nil shows
	// the source.
	Math markdown.MathRenderer
	// File publishes data as the file name beside the page and returns
	// its URL.
	File func(name string, data []byte) string
}

// mimeOrder is the priority of the MIME types an output may hold: the
// first one present is shown.
var mimeOrder = []string{"image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp",
	"text/html", "text/markdown", "text/latex", "text/plain"}

// pick returns the MIME type an execute_result or display_data output is
// shown as ("" when it holds none this package shows).
func pick(o *Output) string {
	if o.Type != "execute_result" && o.Type != "display_data" {
		return ""
	}
	for _, m := range mimeOrder {
		if _, ok := o.Data[m]; ok {
			return m
		}
	}
	return ""
}

// Render renders the code cells and outputs for the embed markers of Body.
// Problems (a formula KaTeX cannot render, an image that does not decode)
// are diagnostics at their place in the file.
func (nb *Notebook) Render(h Hooks) (markdown.Embeds, []diag.Diagnostic) {
	r := &renderer{nb: nb, h: h}
	embeds := make(markdown.Embeds, len(nb.embeds))
	for _, e := range nb.embeds {
		var b strings.Builder
		switch e.part {
		case "in":
			r.input(&b, e.cell)
		case "out":
			if r.showOutputs(e.cell) {
				if e.cell.Tags[TagHideOutput] {
					b.WriteString("</details>")
				} else {
					b.WriteString("</div>")
				}
			}
			if e.cell.Tags[TagHideCell] {
				b.WriteString("</details>")
			}
			b.WriteString("</div>")
		case "md":
			b.WriteString(`<div class="nb-output nb-markdown">`)
		case "mdend":
			b.WriteString("</div>")
		case "o":
			r.output(&b, e.cell, e.out)
		}
		embeds[e.key] = b.String()
	}
	return embeds, r.probs
}

type renderer struct {
	nb    *Notebook
	h     Hooks
	probs []diag.Diagnostic
}

func (r *renderer) report(off int, sev diag.Severity, hint, format string, args ...any) {
	line, col := diag.LineCol(r.nb.Src, off)
	r.probs = append(r.probs, diag.Diagnostic{File: r.nb.File, Line: line, Col: col, Severity: sev, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (r *renderer) showOutputs(c *Cell) bool {
	return len(c.Outputs) > 0 && !c.Tags[TagRemoveOutput]
}

// prompt is the label of a code cell, as Jupyter numbers it.
func prompt(c *Cell) string {
	if c.Count > 0 {
		return "In [" + strconv.Itoa(c.Count) + "]:"
	}
	return "In [ ]:"
}

func (r *renderer) input(b *strings.Builder, c *Cell) {
	b.WriteString(`<div class="nb-cell">`)
	if c.Tags[TagHideCell] {
		b.WriteString(`<details class="nb-toggle"><summary>Show code cell</summary>`)
	}
	if !c.Tags[TagRemoveInput] {
		hide := c.Tags[TagHideInput]
		if hide {
			b.WriteString(`<details class="nb-toggle"><summary>Show code</summary>`)
		}
		b.WriteString(`<figure class="code nb-input"`)
		if r.nb.Lang != "" {
			b.WriteString(` data-lang="` + html.EscapeString(r.nb.Lang) + `"`)
		}
		b.WriteString(`><figcaption class="code-title nb-prompt">` + prompt(c) + `</figcaption>`)
		if r.h.Highlight != nil {
			b.WriteString(r.h.Highlight(strings.TrimRight(c.Source, "\n"), r.nb.Lang))
		} else {
			b.WriteString(`<pre class="chroma"><code>` + html.EscapeString(c.Source) + `</code></pre>`)
		}
		b.WriteString("</figure>")
		if hide {
			b.WriteString("</details>")
		}
	}
	if r.showOutputs(c) {
		if c.Tags[TagHideOutput] {
			b.WriteString(`<details class="nb-outputs nb-toggle"><summary>Show output</summary>`)
		} else {
			b.WriteString(`<div class="nb-outputs">`)
		}
	}
}

func (r *renderer) output(b *strings.Builder, c *Cell, j int) {
	o := c.Outputs[j]
	switch o.Type {
	case "stream":
		if j > 0 && c.Outputs[j-1].Type == "stream" && c.Outputs[j-1].Name == o.Name {
			return // merged into the first of the run
		}
		text := o.Text
		for k := j + 1; k < len(c.Outputs) && c.Outputs[k].Type == "stream" && c.Outputs[k].Name == o.Name; k++ {
			text += c.Outputs[k].Text
		}
		class := "nb-stdout"
		label := ""
		if o.Name == "stderr" {
			class = "nb-stderr"
			label = `<span class="nb-stream-name">stderr</span>`
		}
		b.WriteString(`<div class="nb-output nb-stream ` + class + `">` + label + `<pre tabindex="0">`)
		b.WriteString(ansiHTML(carriageReturns(text)))
		b.WriteString("</pre></div>")
	case "error":
		b.WriteString(`<div class="nb-output nb-error" role="note" aria-label="Error"><pre tabindex="0">`)
		if len(o.Trace) > 0 {
			b.WriteString(ansiHTML(strings.Join(o.Trace, "\n")))
		} else {
			b.WriteString(html.EscapeString(o.EName + ": " + o.EVal))
		}
		b.WriteString("</pre></div>")
	default:
		r.data(b, c, o)
	}
}

func (r *renderer) data(b *strings.Builder, c *Cell, o *Output) {
	mime := pick(o)
	if mime == "" {
		return
	}
	class := "nb-output"
	if o.Type == "execute_result" {
		class += " nb-result"
	}
	text := o.Data[mime]
	at := o.data[mime][0].start
	switch mime {
	case "image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp":
		data, ext, err := decodeFile(mime, text)
		if err != nil {
			r.report(at, diag.Error, "run the cell again and save the notebook", "cell %d: %v", c.Index+1, err)
			return
		}
		w, h := r.size(o, mime, data)
		alt := "output image"
		if p, ok := o.Data["text/plain"]; ok && !strings.HasPrefix(p, "<") {
			alt = strings.TrimSpace(p)
		}
		url := hashName(data, ext)
		if r.h.File != nil {
			url = r.h.File(url, data)
		}
		b.WriteString(`<div class="` + class + ` nb-image"><img src="` + html.EscapeString(url) + `" alt="` + html.EscapeString(alt) + `"`)
		if w > 0 && h > 0 {
			fmt.Fprintf(b, ` width="%d" height="%d"`, w, h)
		}
		b.WriteString(` loading="lazy"></div>`)
	case "text/html":
		b.WriteString(`<div class="` + class + ` nb-html" tabindex="0">`)
		b.WriteString(sanitize(text, r.h.File))
		b.WriteString("</div>")
	case "text/latex":
		tex, display := stripMath(text)
		out := ""
		if r.h.Math != nil {
			// What a cell printed is shown as its source when KaTeX cannot
			// render it (Jupyter's MathJax knows more): a note, not an error.
			h, _, err := r.h.Math(tex, display)
			if err != nil {
				r.report(at, diag.Warning, "the output shows as LaTeX source; change what the cell prints, or clear that output", "cell %d: text/latex output: %v", c.Index+1, err)
				h = ""
			}
			out = h
		}
		if out == "" {
			out = `<pre>` + html.EscapeString(text) + `</pre>`
		}
		b.WriteString(`<div class="` + class + ` nb-latex">` + out + `</div>`)
	default: // text/plain
		b.WriteString(`<div class="` + class + ` nb-text"><pre tabindex="0">` + ansiHTML(text) + `</pre></div>`)
	}
}

// stripMath removes the delimiters around a text/latex output and tells
// whether it is display math.
func stripMath(s string) (string, bool) {
	t := strings.TrimSpace(s)
	for _, d := range []struct {
		open, close string
		display     bool
	}{{"$$", "$$", true}, {`\[`, `\]`, true}, {"$", "$", false}, {`\(`, `\)`, false}} {
		if len(t) >= len(d.open)+len(d.close) && strings.HasPrefix(t, d.open) && strings.HasSuffix(t, d.close) {
			return strings.TrimSpace(t[len(d.open) : len(t)-len(d.close)]), d.display
		}
	}
	return t, true // \begin{align}…\end{align} and the like
}

var (
	svgTagRe  = regexp.MustCompile(`(?s)<svg\b[^>]*>`)
	svgAttrRe = regexp.MustCompile(`\s(width|height|viewBox)\s*=\s*["']([^"']*)["']`)
	lengthRe  = regexp.MustCompile(`^\s*([0-9.]+)\s*(px|pt)?\s*$`)
)

// size returns an image's width and height in CSS pixels: the output's
// metadata if it gives them (as Jupyter's retina figures do), else the
// image's own.
func (r *renderer) size(o *Output, mime string, data []byte) (int, int) {
	if m := o.meta.get(mime); m != nil {
		w, h := m.get("width"), m.get("height")
		if w != nil && h != nil && w.kind == 'n' && h.kind == 'n' && w.num > 0 && h.num > 0 {
			return int(w.num + 0.5), int(h.num + 0.5)
		}
	}
	return imageSize(mime, data)
}

// imageSize returns the size an image file gives itself (0, 0 if unknown).
func imageSize(mime string, data []byte) (int, int) {
	if mime == "image/svg+xml" {
		return svgSize(data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}

func svgSize(data []byte) (int, int) {
	tag := svgTagRe.Find(data)
	if tag == nil {
		return 0, 0
	}
	attrs := map[string]string{}
	for _, m := range svgAttrRe.FindAllSubmatch(tag, -1) {
		attrs[string(m[1])] = string(m[2])
	}
	length := func(s string) float64 {
		m := lengthRe.FindStringSubmatch(s)
		if m == nil {
			return 0
		}
		f, _ := strconv.ParseFloat(m[1], 64)
		if m[2] == "pt" {
			f *= 96.0 / 72
		}
		return f
	}
	w, h := length(attrs["width"]), length(attrs["height"])
	if w <= 0 || h <= 0 {
		f := strings.Fields(strings.ReplaceAll(attrs["viewBox"], ",", " "))
		if len(f) == 4 {
			w, _ = strconv.ParseFloat(f[2], 64)
			h, _ = strconv.ParseFloat(f[3], 64)
		}
	}
	if w <= 0 || h <= 0 {
		return 0, 0
	}
	return int(w + 0.5), int(h + 0.5)
}

// carriageReturns applies "\r" as a terminal does: a line's text after its
// last carriage return replaces what came before (progress bars).
func carriageReturns(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		if k := strings.LastIndexByte(strings.TrimRight(l, "\r"), '\r'); k >= 0 {
			ls[i] = l[k+1:]
		} else {
			ls[i] = strings.TrimRight(l, "\r")
		}
	}
	return strings.Join(ls, "\n")
}
