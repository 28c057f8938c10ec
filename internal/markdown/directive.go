package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Directive is a block directive: a fence of three or more colons, a name,
// words and attributes in the info grammar, markdown content, and a closing
// fence of at least as many colons:
//
//	:::: tabs
//	::: tab NumPy
//	…markdown…
//	:::
//	::::
//
// An outer directive needs more colons than the ones nested in it. On GitHub
// the fence lines show as plain text and the content renders as usual.
type Directive struct {
	ast.BaseBlock
	Colons  int
	Raw     string // the info after the colons
	Info    Info
	Offset  int // byte offset of the opening fence in the source
	InfoOff int // byte offset of Raw in the source
	Closed  bool
	// Set by the directive's handler when checked.
	Data any

	scripts []string // declared by UseScripts
	w       *walker  // the conversion checking this directive
}

// UseScripts declares theme scripts that the page holding this directive
// needs, as paths below the theme's static/ folder ("js/quiz.js"). A
// handler's Check calls it; the converter gathers the scripts of every
// directive of a page into Result.Scripts (first use first, no repeats),
// and the site loads exactly those on that page (base.html, deferred).
func (n *Directive) UseScripts(paths ...string) {
	n.scripts = append(n.scripts, paths...)
}

// KindDirective is the node kind of Directive.
var KindDirective = ast.NewNodeKind("Directive")

// Kind implements ast.Node.
func (n *Directive) Kind() ast.NodeKind { return KindDirective }

// Dump implements ast.Node.
func (n *Directive) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Raw": n.Raw}, nil)
}

// Name returns the directive's name (its first word).
func (n *Directive) Name() string {
	if len(n.Info.Words) == 0 {
		return ""
	}
	return n.Info.Words[0].Text
}

type directiveParser struct{}

func (directiveParser) Trigger() []byte { return []byte{':'} }

// fence returns the number of colons that start line (after up to three
// spaces of indent) and the rest of the line, trimmed.
func fence(line []byte, lineOffset int) (colons, restStart int, rest []byte) {
	w, pos := util.IndentWidth(line, lineOffset)
	if w > 3 {
		return 0, 0, nil
	}
	i := pos
	for i < len(line) && line[i] == ':' {
		i++
	}
	colons = i - pos
	if colons < 3 {
		return 0, 0, nil
	}
	restStart = i
	for restStart < len(line) && (line[restStart] == ' ' || line[restStart] == '\t') {
		restStart++
	}
	return colons, restStart, bytes.TrimRight(line[restStart:], " \t\r\n")
}

func (directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	colons, restStart, rest := fence(line, reader.LineOffset())
	if colons == 0 || len(rest) == 0 || rest[0] == ':' {
		return nil, parser.NoChildren
	}
	n := &Directive{Colons: colons, Raw: string(rest), Offset: seg.Start, InfoOff: seg.Start + restStart}
	n.Info, _ = ParseInfo(n.Raw) // syntax errors are reported by the checker
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (directiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Directive)
	line, _ := reader.PeekLine()
	colons, _, rest := fence(line, reader.LineOffset())
	if colons >= n.Colons && len(rest) == 0 && !insideOpenFence(node, pc) {
		reader.AdvanceToEOL()
		n.Closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// insideOpenFence reports whether a fenced code block nested in node is
// still open, in which case a colon line belongs to the code.
func insideOpenFence(node ast.Node, pc parser.Context) bool {
	for _, b := range pc.OpenedBlocks() {
		if b.Node.Kind() != ast.KindFencedCodeBlock {
			continue
		}
		for p := b.Node.Parent(); p != nil; p = p.Parent() {
			if p == node {
				return true
			}
		}
	}
	return false
}

func (directiveParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (directiveParser) CanInterruptParagraph() bool                                { return true }
func (directiveParser) CanAcceptIndentedLine() bool                                { return false }
