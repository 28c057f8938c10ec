package markdown

import (
	"fmt"
	"html"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/mlcourse/course/internal/diag"
	"github.com/yuin/goldmark/util"
)

// DirectiveHandler defines one block directive: what it accepts, how it is
// checked and how it renders. Handlers hold no per-page state; whatever a
// check derives goes into Directive.Data.
type DirectiveHandler struct {
	// Usage is shown in hints, e.g. "::: tab LABEL".
	Usage string
	// MinArgs and MaxArgs bound the words after the name (MaxArgs < 0: any).
	MinArgs, MaxArgs int
	// Attrs lists the allowed attributes and what each means.
	Attrs map[string]string
	// AnyAttrs accepts every attribute (the handler checks them itself).
	AnyAttrs bool
	// Check validates d (its children are already parsed) and reports
	// problems at byte offsets of the source. It may declare the theme
	// scripts the page needs with d.UseScripts. May be nil.
	Check func(d *Directive, src []byte, report func(off int, msg, hint string))
	// Render writes the opening HTML when entering and the closing HTML
	// when leaving; the children render in between unless it returns
	// ast.WalkSkipChildren.
	Render func(w util.BufWriter, d *Directive, entering bool) ast.WalkStatus
}

// Args returns the words after the directive's name.
func (n *Directive) Args() []string {
	var out []string
	for _, w := range n.Info.Words[min(1, len(n.Info.Words)):] {
		out = append(out, w.Text)
	}
	return out
}

var builtinDirectives = map[string]DirectiveHandler{
	"tabs": {
		Usage: ":::: tabs, holding ::: tab LABEL blocks", MaxArgs: 0,
		Check: func(d *Directive, src []byte, report func(int, string, string)) {
			count := 0
			for c := d.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*Directive); ok && t.Name() == "tab" {
					count++
					continue
				}
				report(nodeOffset(c), "only ::: tab blocks may stand inside tabs",
					"wrap the content in ::: tab LABEL … :::, and give tabs more colons than its tabs (:::: tabs)")
			}
			if count == 0 {
				report(d.Offset, "tabs without a tab", "add ::: tab LABEL … ::: blocks inside")
			}
		},
		Render: func(w util.BufWriter, d *Directive, entering bool) ast.WalkStatus {
			if entering {
				w.WriteString(`<div class="tabs">` + "\n")
			} else {
				w.WriteString("</div>\n")
			}
			return ast.WalkContinue
		},
	},
	"tab": {
		Usage: "::: tab LABEL", MinArgs: 1, MaxArgs: -1,
		Check: func(d *Directive, src []byte, report func(int, string, string)) {
			if p, ok := d.Parent().(*Directive); !ok || p.Name() != "tabs" {
				report(d.Offset, "a tab outside tabs", "put the tab blocks inside :::: tabs … ::::")
			}
		},
		Render: func(w util.BufWriter, d *Directive, entering bool) ast.WalkStatus {
			if entering {
				label := html.EscapeString(strings.Join(d.Args(), " "))
				fmt.Fprintf(w, `<div class="tab-panel" data-label="%s"><p class="tab-label">%s</p>`+"\n", label, label)
			} else {
				w.WriteString("</div>\n")
			}
			return ast.WalkContinue
		},
	},
}

func (w *walker) directive(n *Directive) {
	if _, err := ParseInfo(n.Raw); err != nil {
		ie := err.(*InfoError)
		w.problem(n.InfoOff+ie.Offset, `write ::: name words {key=value}`, "directive: %s", ie.Msg)
		return
	}
	name := n.Name()
	h, ok := w.c.directives[name]
	if !ok {
		w.problem(n.InfoOff, w.suggestDirective(name), "unknown directive %q", name)
		return
	}
	if !n.Closed {
		w.problem(n.Offset, fmt.Sprintf("add a line %s where it ends", strings.Repeat(":", n.Colons)), "directive %q is not closed", name)
	}
	args := len(n.Info.Words) - 1
	if args < h.MinArgs || h.MaxArgs >= 0 && args > h.MaxArgs {
		w.problem(n.InfoOff, "write "+h.Usage, "directive %q takes %s, got %d", name, argCount(h.MinArgs, h.MaxArgs), args)
	}
	for _, a := range n.Info.Attrs {
		if _, ok := h.Attrs[a.Key]; !ok && !h.AnyAttrs {
			hint := "it takes no attributes"
			if len(h.Attrs) > 0 {
				keys := make([]string, 0, len(h.Attrs))
				for k := range h.Attrs {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				hint = "known attributes: " + strings.Join(keys, ", ")
			}
			w.problem(n.InfoOff+a.Offset, hint, "unknown attribute %q for directive %q", a.Key, name)
		}
	}
	if h.Check != nil {
		n.w = w
		h.Check(n, w.src, func(off int, msg, hint string) { w.problem(off, hint, "%s", msg) })
		n.w = nil
	}
	for _, s := range n.scripts {
		if !slices.Contains(w.res.Scripts, s) {
			w.res.Scripts = append(w.res.Scripts, s)
		}
	}
}

func argCount(lo, hi int) string {
	switch {
	case hi == 0:
		return "no words after its name"
	case hi < 0:
		return fmt.Sprintf("at least %d word(s) after its name", lo)
	case lo == hi:
		return fmt.Sprintf("%d word(s) after its name", lo)
	}
	return fmt.Sprintf("%d to %d words after its name", lo, hi)
}

func (w *walker) suggestDirective(name string) string {
	names := make([]string, 0, len(w.c.directives))
	for k := range w.c.directives {
		names = append(names, k)
	}
	sort.Strings(names)
	if best := diag.Nearest(name, names, 3); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "known directives: " + strings.Join(names, ", ")
}
