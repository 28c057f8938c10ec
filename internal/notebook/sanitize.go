package notebook

import (
	"fmt"
	"html"
	"net/url"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Sanitising text/html outputs: an output is what a notebook's code
// printed, not what its author wrote, so it keeps only elements that show
// text and tables (pandas' DataFrames among them) and drops the rest.

// keptElements may stay, with their content.
var keptElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Blockquote: true, atom.Br: true, atom.Caption: true,
	atom.Code: true, atom.Col: true, atom.Colgroup: true, atom.Dd: true, atom.Del: true, atom.Details: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Em: true, atom.Figcaption: true, atom.Figure: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Hr: true,
	atom.I: true, atom.Img: true, atom.Ins: true, atom.Kbd: true, atom.Li: true, atom.Mark: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true,
	atom.Strong: true, atom.Sub: true, atom.Summary: true, atom.Sup: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.U: true, atom.Ul: true,
	atom.Var: true,
}

// droppedElements go with everything inside them; any other element is
// dropped but its content kept.
var droppedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Noscript: true, atom.Template: true, atom.Form: true, atom.Input: true, atom.Button: true,
	atom.Textarea: true, atom.Select: true, atom.Link: true, atom.Meta: true, atom.Base: true,
	atom.Title: true, atom.Head: true, atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Audio: true,
	atom.Video: true, atom.Frame: true, atom.Frameset: true, atom.Applet: true,
}

// keptAttrs may stay on any kept element; href and src are checked apart.
// Ids are not among them: an output shown twice (a pandas Styler's table)
// would repeat its ids in the page, and they only served its styles.
var keptAttrs = map[string]bool{
	"class": true, "title": true, "colspan": true, "rowspan": true, "scope": true,
	"lang": true, "dir": true, "open": true, "alt": true, "width": true, "height": true,
}

// sanitize returns the safe part of an HTML fragment, balanced. Images
// inlined as data: URLs are written as files through file (when non-nil).
func sanitize(src string, file func(name string, data []byte) string) string {
	ctx := &nethtml.Node{Type: nethtml.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := nethtml.ParseFragment(strings.NewReader(src), ctx)
	if err != nil {
		return "<pre>" + html.EscapeString(src) + "</pre>"
	}
	var b strings.Builder
	for _, n := range nodes {
		writeSafe(&b, n, file)
	}
	return b.String()
}

func writeSafe(b *strings.Builder, n *nethtml.Node, file func(string, []byte) string) {
	switch n.Type {
	case nethtml.TextNode:
		b.WriteString(html.EscapeString(n.Data))
		return
	case nethtml.ElementNode:
	default: // comments, doctypes
		return
	}
	if droppedElements[n.DataAtom] || n.DataAtom == 0 && strings.Contains(n.Data, "-") {
		return // custom elements need their scripts
	}
	kept := keptElements[n.DataAtom]
	if n.DataAtom == atom.A && !hasSafeHref(n) {
		kept = false // a link to nowhere (its script URL dropped) is its text
	}
	if kept {
		b.WriteString("<" + n.Data)
		sized := false
		w, h := 0, 0
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			val := a.Val
			switch {
			case a.Namespace != "":
				continue
			case key == "href" && n.DataAtom == atom.A:
				if !safeURL(val) {
					continue
				}
			case key == "src" && n.DataAtom == atom.Img:
				v, iw, ih, ok := imageSrc(val, file)
				if !ok {
					continue
				}
				val, w, h = v, iw, ih
			case !keptAttrs[key]:
				continue
			}
			sized = sized || key == "width" || key == "height"
			b.WriteString(" " + key + `="` + html.EscapeString(val) + `"`)
		}
		if n.DataAtom == atom.Th && !hasAttr(n, "scope") {
			// Header cells say what they head (pandas writes none).
			scope := "col"
			for p := n.Parent; p != nil; p = p.Parent {
				if p.DataAtom == atom.Tbody || p.DataAtom == atom.Tfoot {
					scope = "row"
					break
				}
			}
			b.WriteString(` scope="` + scope + `"`)
		}
		if !sized && w > 0 && h > 0 {
			fmt.Fprintf(b, ` width="%d" height="%d"`, w, h)
		}
		b.WriteString(">")
		switch n.DataAtom {
		case atom.Br, atom.Hr, atom.Img, atom.Col:
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeSafe(b, c, file)
	}
	if kept {
		b.WriteString("</" + n.Data + ">")
	}
}

func hasSafeHref(n *nethtml.Node) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, "href") && safeURL(a.Val) {
			return true
		}
	}
	return false
}

func hasAttr(n *nethtml.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// safeURL accepts web links and in-page anchors.
func safeURL(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:") || strings.HasPrefix(l, "#")
}

// imageSrc keeps web images and writes data: images as files, returning
// their size.
func imageSrc(u string, file func(string, []byte) string) (string, int, int, bool) {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return u, 0, 0, true
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(u), "data:")
	if !ok {
		return "", 0, 0, false
	}
	meta, payload, ok := strings.Cut(rest, ",")
	mime, isBase64 := strings.CutSuffix(meta, ";base64")
	mime = strings.ToLower(mime)
	if !ok || !isBase64 && mime != "image/svg+xml" {
		return "", 0, 0, false
	}
	text := payload
	if !isBase64 {
		var err error
		if text, err = url.PathUnescape(payload); err != nil {
			return "", 0, 0, false
		}
	}
	data, ext, err := decodeFile(mime, text)
	if err != nil {
		return "", 0, 0, false
	}
	w, h := imageSize(mime, data)
	name := hashName(data, ext)
	if file != nil {
		name = file(name, data)
	}
	return name, w, h, true
}
