package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"github.com/mlcourse/course/internal/diag"
)

var (
	//go:embed client/live.css
	clientCSS string
	//go:embed client/live.js
	clientSource string

	// clientJS is live.js with the overlay's stylesheet inlined.
	clientJS   = []byte(strings.Replace(clientSource, `"__CSS__"`, jsString(clientCSS), 1))
	clientETag = etag(clientJS)
)

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Problem is one diagnostic as the overlay shows it.
type Problem struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Warning  bool   `json:"warning,omitempty"`
	Msg      string `json:"msg"`
	Hint     string `json:"hint,omitempty"`
	Source   string `json:"source,omitempty"` // the source line, when known
	Position string `json:"pos"`              // file:line:col
}

// Problems converts diagnostics, reading each one's source line from fsys
// (the project root). Files that cannot be read simply have no source line.
func Problems(items []diag.Diagnostic, fsys fs.FS) []Problem {
	files := map[string][]byte{}
	out := make([]Problem, 0, len(items))
	for _, d := range items {
		p := Problem{File: d.File, Line: d.Line, Col: d.Col, Warning: d.Severity == diag.Warning,
			Msg: d.Msg, Hint: d.Hint, Position: d.Pos()}
		if d.Line > 0 && fsys != nil && fs.ValidPath(d.File) {
			src, ok := files[d.File]
			if !ok {
				src, _ = fs.ReadFile(fsys, d.File)
				files[d.File] = src
			}
			p.Source = diag.SourceLine(src, d.Line)
		}
		out = append(out, p)
	}
	return out
}

// caret returns the text under the source line up to the column: spaces,
// or tabs where the line has them, so the caret lines up.
func (p Problem) caret() string {
	if p.Col < 1 {
		return ""
	}
	var b strings.Builder
	n := 0
	for _, r := range p.Source {
		if n >= p.Col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	for ; n < p.Col-1; n++ {
		b.WriteByte(' ')
	}
	return b.String()
}

var overlayTmpl = template.Must(template.New("overlay").Parse(`<section class="course-live" role="alert" aria-labelledby="course-live-title">
<div class="cl-head"><h2 id="course-live-title">{{.Title}}</h2><button type="button" class="cl-close" data-close aria-label="Hide until the next build" title="Hide until the next build (Esc)">×</button></div>
<ol class="cl-list">
{{- range .Items}}
<li class="cl-problem{{if .Warning}} cl-warning{{end}}">
<p class="cl-pos">{{.Position}}</p>
<p class="cl-msg">{{if .Warning}}warning: {{end}}{{.Msg}}</p>
{{- with .Hint}}
<p class="cl-hint">{{.}}</p>
{{- end}}
{{- if .Source}}
<pre class="cl-src"><span class="cl-ln">{{.Num}} | </span>{{.Source}}{{if .HasCaret}}
<span class="cl-ln">{{.Pad}} | </span>{{.Caret}}<span class="cl-caret">^</span>{{end}}</pre>
{{- end}}
</li>
{{- end}}
</ol>
<p class="cl-foot">Save a fix: this page updates by itself.</p>
</section>`))

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en" data-course-error>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{.Title}} · course serve</title>
<link rel="icon" href="data:,">
<style>
body { margin: 0; }
{{.CSS}}
</style>
</head>
<body>
<div id="course-live-error" class="cl-wrap cl-page">{{.Overlay}}</div>
<script src="{{.Script}}" data-id="{{.ID}}" data-base="{{.Base}}" data-error></script>
</body>
</html>
`))

type overlayItem struct {
	Problem
	Num, Pad, Caret string
	HasCaret        bool
}

func title(problems []Problem) string {
	errs := 0
	for _, p := range problems {
		if !p.Warning {
			errs++
		}
	}
	switch errs {
	case 0:
		return "Build failed"
	case 1:
		return "Build failed: 1 error"
	}
	return fmt.Sprintf("Build failed: %d errors", errs)
}

// overlayHTML renders the problems as the overlay's HTML fragment.
func overlayHTML(problems []Problem) string {
	items := make([]overlayItem, len(problems))
	for i, p := range problems {
		num := fmt.Sprint(p.Line)
		items[i] = overlayItem{Problem: p, Num: num, Pad: strings.Repeat(" ", len(num)),
			HasCaret: p.Source != "" && p.Col >= 1, Caret: p.caret()}
	}
	var b bytes.Buffer
	if err := overlayTmpl.Execute(&b, struct {
		Title string
		Items []overlayItem
	}{title(problems), items}); err != nil {
		return template.HTMLEscapeString(err.Error())
	}
	return b.String()
}

// errorPage is the whole page served for every HTML request while the
// build is broken.
func errorPage(id, base, overlay string, problems []Problem) []byte {
	var b bytes.Buffer
	err := pageTmpl.Execute(&b, struct {
		Title, ID, Base, Script string
		CSS                     template.CSS
		Overlay                 template.HTML
	}{title(problems), id, base, Reserved + "live.js", template.CSS(clientCSS), template.HTML(overlay)})
	if err != nil {
		return []byte(template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}
