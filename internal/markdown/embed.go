package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Embeds lets a caller put HTML it rendered itself into a page: a line
// holding only EmbedMarker(key), with blank lines around it, is replaced by
// embeds[key], unchanged. Other lesson formats use it for what markdown
// cannot say (a notebook's code cells and their outputs) while their prose
// goes through the same pipeline as a .md lesson's. The ids the embedded
// HTML defines count as the page's anchors. A marker whose key is not in
// embeds stays the HTML comment it is.
type Embeds map[string]string

// EmbedMarker returns the line that stands for embeds[key] in a page's
// source. Keys must not contain "--" or ">".
func EmbedMarker(key string) string { return "<!--embed:" + key + "-->" }

// Embed is HTML given by the caller (see Embeds).
type Embed struct {
	ast.BaseBlock
	HTML string
}

// KindEmbed is the node kind of Embed.
var KindEmbed = ast.NewNodeKind("CourseEmbed")

// Kind implements ast.Node.
func (n *Embed) Kind() ast.NodeKind { return KindEmbed }

// Dump implements ast.Node.
func (n *Embed) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// embed replaces an HTML block that is exactly a marker of a known key.
func (w *walker) embed(n *ast.HTMLBlock) {
	if n.Lines().Len() != 1 {
		return
	}
	seg := n.Lines().At(0)
	line := string(bytes.TrimSpace(seg.Value(w.src)))
	key, ok := strings.CutPrefix(line, "<!--embed:")
	if !ok {
		return
	}
	key, ok = strings.CutSuffix(key, "-->")
	html, known := w.embeds[key]
	if !ok || !known {
		return
	}
	replace(n, &Embed{HTML: html})
}

func (r *nodeRenderer) embed(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(n.(*Embed).HTML)
	}
	return ast.WalkSkipChildren, nil
}
