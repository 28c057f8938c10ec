package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders the nodes this package adds, and headings (for their
// anchor links). Everything it writes was computed before rendering.
type nodeRenderer struct {
	directives map[string]DirectiveHandler
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCodeBlock, r.code)
	reg.Register(KindMath, r.math)
	reg.Register(KindMathBlock, r.mathBlock)
	reg.Register(KindAlert, r.alert)
	reg.Register(KindFigure, r.figure)
	reg.Register(KindDirective, r.directive)
	reg.Register(kindWrapper, r.wrapper)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(KindEmbed, r.embed)
}

func (r *nodeRenderer) code(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	cb := n.(*CodeBlock)
	class := "code"
	if cb.Output {
		class = "code output"
	}
	w.WriteString(`<figure class="` + class + `"`)
	if cb.Lang != "" && !cb.Output {
		w.WriteString(` data-lang="`)
		w.Write(util.EscapeHTML([]byte(cb.Lang)))
		w.WriteString(`"`)
	}
	if cb.Run {
		w.WriteString(` data-run`)
	}
	w.WriteString(">")
	if cb.Title != "" {
		w.WriteString(`<figcaption class="code-title">`)
		w.Write(util.EscapeHTML([]byte(cb.Title)))
		w.WriteString("</figcaption>")
	}
	w.WriteString(cb.HTML)
	w.WriteString("</figure>\n")
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) math(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(n.(*Math).HTML)
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) mathBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="math-display">`)
		w.WriteString(n.(*MathBlock).HTML)
		w.WriteString("</div>\n")
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) alert(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	a := n.(*Alert)
	if entering {
		fmt.Fprintf(w, `<div class="alert alert-%s" role="note"><p class="alert-title">%s</p>`+"\n", a.AlertType, alertTypes[a.AlertType])
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) figure(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	f := n.(*Figure)
	if entering {
		w.WriteString("<figure>")
	} else {
		w.WriteString("<figcaption>")
		w.Write(util.EscapeHTML(f.Caption))
		w.WriteString("</figcaption></figure>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) directive(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := n.(*Directive)
	h, ok := r.directives[d.Name()]
	if !ok || h.Render == nil {
		// An unknown directive was reported; render its content plainly.
		return ast.WalkContinue, nil
	}
	return h.Render(w, d, entering), nil
}

func (r *nodeRenderer) wrapper(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(n.(*wrapper).Open)
	} else {
		w.WriteString(n.(*wrapper).Close)
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) heading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	if entering {
		fmt.Fprintf(w, "<h%d", h.Level)
		if h.Attributes() != nil {
			html.RenderAttributes(w, h, html.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if v, ok := h.AttributeString("id"); ok {
		if id, ok := v.([]byte); ok {
			w.WriteString(` <a class="anchor" href="#`)
			w.Write(util.EscapeHTML(id))
			w.WriteString(`" aria-label="Link to this section">#</a>`)
		}
	}
	fmt.Fprintf(w, "</h%d>\n", h.Level)
	return ast.WalkContinue, nil
}
