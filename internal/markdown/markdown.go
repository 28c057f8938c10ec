// Package markdown turns one page's markdown into HTML, with everything a
// course needs and nothing about sites or files.
//
// The one goldmark configuration lives in New. On top of CommonMark it
// enables: GFM tables, strikethrough, autolinks and task lists; footnotes;
// definition lists;
// heading IDs (GitHub-style, unique per page, `{#custom}` allowed) with a
// hover anchor; GitHub alerts (`> [!NOTE]`, TIP, IMPORTANT, WARNING,
// CAUTION); math between `$…$`, `\(…\)` (inline) and `$$…$$`, `\[…\]`
// (display), rendered by the caller's MathRenderer; fenced code with the
// info grammar below, highlighted by the caller's Highlighter; block
// directives (see Directive); images alone in a paragraph with a title
// become figures with the title as caption; relative links and images are
// rewritten by the caller's LinkResolver.
//
// # Fenced code
//
// The info string follows the grammar of ParseInfo: a language, then
// attributes in braces:
//
//	```python {title="loss.py" hl=2-3 linenos start=10 run requires=numpy,torch timeout=20}
//
// title: a caption (usually a file name); hl: lines to highlight; linenos:
// show line numbers; start: first line number; run: the block is executed
// by `course test` (python only); requires: modules the run needs;
// timeout: seconds for the run; hide: lines (of the block, e.g. hide=1-3,9)
// left out of the page but kept in the code a run executes, as rustdoc's
// hidden "# " lines are (hl and linenos count the lines shown). A block fenced as ```output right after a
// runnable block is its expected output. Any other attribute is an error.
//
// # Quizzes and figures
//
// Two built-in directives make pages interactive; both read as plain
// markdown on GitHub and work without scripts.
//
// `::: quiz` holds questions: a prompt (one or more blocks), then a task
// list of 2 to 6 options, exactly one marked [x], each with its explanation
// as a blockquote indented under it. Each question renders as a <fieldset>
// (prompt in the <legend>, a radio input per option, explanations in
// <details>) whose id is "quiz-" + 8 hex digits of a hash of the prompt's
// text (see quizDirective).
//
// `::: figure NAME {param=value …}` mounts the theme's component NAME (a
// file static/js/figures/NAME.js, listed in Options.Figures) with the
// attributes as its parameters; the blocks before the last are its text
// description (the caption), the last is the static fallback: an image
// alone in a paragraph, or a table (see figureDirective).
//
// A directive declares the theme scripts its page needs with
// Directive.UseScripts ("js/quiz.js"; a figure declares its component and
// the loader js/figures.js); Result.Scripts lists them, and the site loads
// exactly those on the page.
//
// Problems are never panics and never stop parsing: Convert returns them
// with byte offsets into the source, for the caller to turn into
// file:line:col.
package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Highlighter renders a code block to HTML (a complete <pre> element).
type Highlighter func(code, lang string, lineNumbers bool, hl [][2]int, start int) string

// MathRenderer renders a formula (without delimiters) to HTML. On a bad
// formula it returns an error, and the byte offset of the problem in src
// (or -1 when unknown).
type MathRenderer func(src string, display bool) (html string, errOffset int, err error)

// LinkResolver rewrites the destination of a link or image. It is called
// for destinations without a scheme that do not start with "#" or "/".
// A non-empty problem is reported at the link, with hint.
type LinkResolver func(dest string, image bool) (newDest, problem, hint string)

// Options are the hooks of a Converter. Nil hooks do the plain thing:
// code is escaped, math is shown as source.
type Options struct {
	Highlight Highlighter
	Math      MathRenderer
	// Directives adds directive handlers to the built-in ones (tabs, tab,
	// quiz, figure).
	Directives map[string]DirectiveHandler
	// Figures names the components the figure directive accepts: the
	// theme's static/js/figures/NAME.js files. FigureDir is that folder as
	// the author sees it (e.g. "themes/default/static/js/figures"), for hints.
	Figures   []string
	FigureDir string
}

// Problem is something wrong in the source, at a byte offset.
type Problem struct {
	Offset int
	Msg    string
	Hint   string
}

// Heading is a heading of the page.
type Heading struct {
	Level  int
	ID     string
	Text   string
	Offset int
}

// Section is the plain text under one heading (or before the first), for
// the search index.
type Section struct {
	Heading string // "" for the text before the first heading
	ID      string
	Text    string
}

// Link is an internal link or image found in the page, after rewriting.
type Link struct {
	Dest   string
	Offset int
	Image  bool
}

// Code is a fenced code block.
type Code struct {
	Lang     string
	Code     string
	Offset   int // the opening fence
	Run      bool
	Requires []string
	Timeout  int
	// Output is the expected output (a ```output block right after), or nil.
	Output *string
}

// Result is one converted page.
type Result struct {
	HTML     []byte
	Headings []Heading
	Sections []Section
	Words    int
	Links    []Link
	Code     []Code
	IDs      map[string]bool // every id the page defines (headings, footnotes, {#id}, quiz questions, figures)
	// Scripts are the theme scripts the page's directives declared (see
	// Directive.UseScripts), as paths below the theme's static/ folder, in
	// the order first declared.
	Scripts  []string
	Problems []Problem
}

// Converter converts markdown. It is safe for concurrent use.
type Converter struct {
	md         goldmark.Markdown
	opts       Options
	directives map[string]DirectiveHandler
}

// New returns a Converter. This is the one place goldmark is configured.
func New(opts Options) *Converter {
	c := &Converter{opts: opts, directives: map[string]DirectiveHandler{}}
	for k, v := range builtinDirectives {
		c.directives[k] = v
	}
	c.directives["quiz"] = quizDirective
	c.directives["figure"] = figureDirective(opts.Figures, opts.FigureDir)
	for k, v := range opts.Directives {
		c.directives[k] = v
	}
	c.md = goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.DefinitionList,
			passthrough.New(passthrough.Config{
				InlineDelimiters: []passthrough.Delimiters{{Open: "$", Close: "$"}, {Open: `\(`, Close: `\)`}},
				BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: `\[`, Close: `\]`}},
			}),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(),
			parser.WithBlockParsers(util.Prioritized(directiveParser{}, 50)),
		),
		goldmark.WithRendererOptions(
			html.WithUnsafe(), // authors are trusted; learners' code never goes through here
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{directives: c.directives}, 10)),
		),
	)
	return c
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Convert converts one page. src must not be modified while Convert runs.
// resolve rewrites relative links (nil leaves them as written).
func (c *Converter) Convert(src []byte, resolve LinkResolver) *Result {
	return c.ConvertEmbeds(src, resolve, nil)
}

// ConvertEmbeds converts one page whose source holds embed markers (see
// Embeds).
func (c *Converter) ConvertEmbeds(src []byte, resolve LinkResolver, embeds Embeds) *Result {
	res := &Result{IDs: map[string]bool{}}
	ids := newIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	w := &walker{c: c, src: src, res: res, resolve: resolve, doc: doc, embeds: embeds}
	w.transform(doc)
	w.collect(doc)
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if err := c.md.Renderer().Render(buf, src, doc); err != nil {
		res.Problems = append(res.Problems, Problem{Msg: "cannot render: " + err.Error()})
	}
	res.HTML = append([]byte(nil), buf.Bytes()...)
	bufPool.Put(buf)
	sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].Offset < res.Problems[j].Offset })
	return res
}

// walker carries the state of one conversion.
type walker struct {
	c       *Converter
	src     []byte
	res     *Result
	resolve LinkResolver
	doc     ast.Node
	embeds  Embeds
	// ids holds the ids taken so far, for uniqueID (nil until first used).
	ids map[string]bool
}

// uniqueID returns base, or base-2, base-3, … if the page already has that
// id (a heading's, or one given out before).
func (w *walker) uniqueID(base string) string {
	if w.ids == nil {
		w.ids = map[string]bool{}
		_ = ast.Walk(w.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if v, ok := n.AttributeString("id"); ok && entering {
				if b, ok := v.([]byte); ok {
					w.ids[string(b)] = true
				}
			}
			return ast.WalkContinue, nil
		})
	}
	id := base
	for i := 2; w.ids[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	w.ids[id] = true
	return id
}

func (w *walker) problem(off int, hint, format string, args ...any) {
	w.res.Problems = append(w.res.Problems, Problem{Offset: off, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// transform replaces and checks nodes: code blocks, math, alerts,
// directives, links, figures. It collects the nodes to replace first and
// replaces them afterwards, since goldmark's walk does not support
// replacing the node being visited.
func (w *walker) transform(doc ast.Node) {
	var fenced []*ast.FencedCodeBlock
	var indented []*ast.CodeBlock
	var inlineMath []*passthrough.PassthroughInline
	var blockMath []*passthrough.PassthroughBlock
	var quotes []*ast.Blockquote
	var directives []*Directive
	var links []ast.Node
	var paras []*ast.Paragraph
	var htmlBlocks []*ast.HTMLBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			fenced = append(fenced, n)
		case *ast.CodeBlock:
			indented = append(indented, n)
		case *passthrough.PassthroughInline:
			inlineMath = append(inlineMath, n)
		case *passthrough.PassthroughBlock:
			blockMath = append(blockMath, n)
		case *ast.Blockquote:
			quotes = append(quotes, n)
		case *Directive:
			directives = append(directives, n)
		case *ast.Link, *ast.Image:
			links = append(links, n)
		case *ast.Paragraph:
			paras = append(paras, n)
		case *ast.HTMLBlock:
			if len(w.embeds) > 0 {
				htmlBlocks = append(htmlBlocks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range fenced {
		w.fencedCode(n)
	}
	for _, n := range indented {
		code := string(linesValue(n, w.src))
		cb := &CodeBlock{HTML: w.highlight(code, "", false, nil, 0)}
		replace(n, cb)
	}
	for _, n := range inlineMath {
		seg := n.Segment
		body := w.src[seg.Start+len(n.Delimiters.Open) : seg.Stop-len(n.Delimiters.Close)]
		replace(n, w.math(string(body), false, seg.Start+len(n.Delimiters.Open)))
	}
	for _, n := range blockMath {
		if n.Lines().Len() == 0 {
			continue
		}
		seg := n.Lines().At(0)
		start, stop := seg.Start+len(n.Delimiters.Open), seg.Stop-len(n.Delimiters.Close)
		if stop < start {
			stop = start
		}
		replace(n, w.math(string(w.src[start:stop]), true, start))
	}
	for _, n := range quotes {
		w.alert(n)
	}
	for _, n := range directives {
		w.directive(n)
	}
	for _, n := range links {
		w.link(n)
	}
	for _, p := range paras {
		w.figure(p)
	}
	for _, n := range htmlBlocks {
		w.embed(n)
	}
}

func replace(old, repl ast.Node) {
	parent := old.Parent()
	if parent == nil {
		return
	}
	parent.ReplaceChild(parent, old, repl)
}

func linesValue(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.Bytes()
}

func (w *walker) highlight(code, lang string, linenos bool, hl [][2]int, start int) string {
	if w.c.opts.Highlight != nil {
		return w.c.opts.Highlight(code, lang, linenos, hl, start)
	}
	var b strings.Builder
	b.WriteString(`<pre class="chroma"><code>`)
	b.WriteString(string(util.EscapeHTML([]byte(code))))
	b.WriteString("</code></pre>")
	return b.String()
}

// CodeBlock is a code block, highlighted.
type CodeBlock struct {
	ast.BaseBlock
	HTML   string
	Lang   string
	Title  string
	Run    bool
	Output bool
}

// KindCodeBlock is the node kind of CodeBlock.
var KindCodeBlock = ast.NewNodeKind("CourseCodeBlock")

// Kind implements ast.Node.
func (n *CodeBlock) Kind() ast.NodeKind { return KindCodeBlock }

// Dump implements ast.Node.
func (n *CodeBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

var codeAttrs = map[string]string{
	"title": "a caption, e.g. title=\"loss.py\"", "hl": "lines to highlight, e.g. hl=2-3,5",
	"linenos": "show line numbers", "start": "first line number", "run": "run the block in `course test`",
	"requires": "modules the run needs, e.g. requires=numpy,torch", "timeout": "seconds the run may take",
	"hide": "lines kept in the code but not shown, e.g. hide=1-3",
}

func codeAttrList() string {
	keys := make([]string, 0, len(codeAttrs))
	for k := range codeAttrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func (w *walker) fencedCode(n *ast.FencedCodeBlock) {
	code := string(linesValue(n, w.src))
	cb := &CodeBlock{}
	infoOff := 0
	var info Info
	if n.Info != nil {
		infoOff = n.Info.Segment.Start
		raw := string(n.Info.Segment.Value(w.src))
		var err error
		info, err = ParseInfo(raw)
		if err != nil {
			ie := err.(*InfoError)
			w.problem(infoOff+ie.Offset, `write attributes in braces: python {title="x.py" hl=2}`, "code fence info: %s", ie.Msg)
		}
	} else if n.Lines().Len() > 0 {
		infoOff = n.Lines().At(0).Start
	}
	offset := lineStart(w.src, infoOff)
	if len(info.Words) > 0 {
		cb.Lang = strings.ToLower(info.Words[0].Text)
	}
	for _, extra := range info.Words[min(1, len(info.Words)):] {
		w.problem(infoOff+extra.Offset, `attributes go in braces after the language, e.g. python {title="loss.py"}`,
			"unexpected word %q in code fence info", extra.Text)
	}
	var linenos bool
	var hl, hide [][2]int
	start := 0
	c := Code{Lang: cb.Lang, Code: code, Offset: offset}
	seen := map[string]bool{}
	for _, a := range info.Attrs {
		off := infoOff + a.Offset
		if seen[a.Key] {
			w.problem(off, "", "attribute %q given twice", a.Key)
		}
		seen[a.Key] = true
		switch a.Key {
		case "title":
			if !a.HasValue || a.Value == "" {
				w.problem(off, `write title="name.py"`, "title needs a value")
			}
			cb.Title = a.Value
		case "hl":
			r, err := ParseRanges(a.Value)
			if err != nil || !a.HasValue {
				w.problem(off, "write hl=2 or hl=2-4,7", "hl: %v", errOr(err, "needs line numbers"))
			}
			hl = r
		case "hide":
			r, err := ParseRanges(a.Value)
			if err == nil && a.HasValue {
				n := strings.Count(code, "\n")
				for _, x := range r {
					if x[1] > n {
						err = fmt.Errorf("line %d is past the block's last line (%d)", x[1], n)
					}
				}
			}
			if err != nil || !a.HasValue {
				w.problem(off, "write hide=2 or hide=1-3,7 (lines of the block)", "hide: %v", errOr(err, "needs line numbers"))
			}
			hide = r
		case "linenos":
			linenos = true
		case "start":
			v, err := strconv.Atoi(a.Value)
			if err != nil || v < 0 {
				w.problem(off, "write start=10", "start must be a line number, got %q", a.Value)
			}
			start, linenos = v, true
		case "run":
			c.Run = true
			if cb.Lang != "python" && cb.Lang != "py" {
				w.problem(off, "only python blocks can be run", "run on a %q block", cb.Lang)
			}
		case "requires":
			for _, r := range strings.Split(a.Value, ",") {
				if r = strings.TrimSpace(r); r != "" {
					c.Requires = append(c.Requires, r)
				}
			}
			if len(c.Requires) == 0 {
				w.problem(off, "write requires=numpy,torch", "requires needs module names")
			}
		case "timeout":
			v, err := strconv.Atoi(a.Value)
			if err != nil || v <= 0 {
				w.problem(off, "write timeout=30 (seconds)", "timeout must be a positive number of seconds, got %q", a.Value)
			}
			c.Timeout = v
		default:
			w.problem(off, "known attributes: "+codeAttrList(), "unknown code block attribute %q", a.Key)
		}
	}
	if (len(c.Requires) > 0 || c.Timeout > 0) && !c.Run {
		w.problem(infoOff, "add run, or remove requires and timeout", "requires and timeout only apply to blocks marked run")
	}
	cb.Run = c.Run
	if cb.Lang == "output" {
		cb.Output = true
		if prev, ok := n.PreviousSibling().(*CodeBlock); ok && prev.Run && len(w.res.Code) > 0 {
			last := &w.res.Code[len(w.res.Code)-1]
			if last.Output == nil {
				out := code
				last.Output = &out
			}
		}
	}
	lang := cb.Lang
	if cb.Output {
		lang = ""
	}
	cb.HTML = w.highlight(hideLines(code, hide), lang, linenos, hl, start)
	if !cb.Output {
		w.res.Code = append(w.res.Code, c)
	}
	replace(n, cb)
}

// hideLines returns code without the lines (1-based) in ranges.
func hideLines(code string, ranges [][2]int) string {
	if len(ranges) == 0 {
		return code
	}
	var b strings.Builder
	for i, line := range strings.SplitAfter(code, "\n") {
		hidden := false
		for _, r := range ranges {
			if i+1 >= r[0] && i+1 <= r[1] {
				hidden = true
				break
			}
		}
		if !hidden {
			b.WriteString(line)
		}
	}
	return b.String()
}

func errOr(err error, s string) string {
	if err != nil {
		return err.Error()
	}
	return s
}

func lineStart(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	i := bytes.LastIndexByte(src[:off], '\n')
	return i + 1
}

// Math is a rendered formula.
type Math struct {
	ast.BaseInline
	HTML    string
	Display bool
}

// KindMath is the node kind of Math.
var KindMath = ast.NewNodeKind("CourseMath")

// Kind implements ast.Node.
func (n *Math) Kind() ast.NodeKind { return KindMath }

// Dump implements ast.Node.
func (n *Math) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// MathBlock is a rendered display formula that stands as a block.
type MathBlock struct {
	ast.BaseBlock
	HTML string
}

// KindMathBlock is the node kind of MathBlock.
var KindMathBlock = ast.NewNodeKind("CourseMathBlock")

// Kind implements ast.Node.
func (n *MathBlock) Kind() ast.NodeKind { return KindMathBlock }

// Dump implements ast.Node.
func (n *MathBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (w *walker) math(src string, display bool, off int) ast.Node {
	html := ""
	if w.c.opts.Math != nil {
		h, errOff, err := w.c.opts.Math(src, display)
		if err != nil {
			if errOff < 0 {
				errOff = 0
			}
			w.problem(off+errOff, "fix the formula; KaTeX's supported functions are listed at katex.org/docs/supported", "math: %s", err.Error())
		}
		html = h
	}
	if html == "" {
		html = `<code class="math-source">` + string(util.EscapeHTML([]byte(src))) + `</code>`
	}
	if display {
		return &MathBlock{HTML: html}
	}
	return &Math{HTML: html}
}

// Alert is a GitHub-style alert: a blockquote starting with [!TYPE].
type Alert struct {
	ast.BaseBlock
	AlertType string // "note", "tip", "important", "warning", "caution"
}

// KindAlert is the node kind of Alert.
var KindAlert = ast.NewNodeKind("CourseAlert")

// Kind implements ast.Node.
func (n *Alert) Kind() ast.NodeKind { return KindAlert }

// Dump implements ast.Node.
func (n *Alert) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Type": n.AlertType}, nil)
}

var (
	alertRe    = regexp.MustCompile(`^\[!([A-Za-z]+)\]$`)
	alertTypes = map[string]string{"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"}
)

func (w *walker) alert(bq *ast.Blockquote) {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	m := alertRe.FindSubmatch(bytes.TrimSpace(first.Value(w.src)))
	if m == nil {
		return
	}
	typ := strings.ToLower(string(m[1]))
	if _, ok := alertTypes[typ]; !ok {
		w.problem(first.Start, "use NOTE, TIP, IMPORTANT, WARNING or CAUTION", "unknown alert type %q", m[1])
		return
	}
	// Drop the inline nodes of the marker line.
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		t, isText := c.(*ast.Text)
		if isText && t.Segment.Start < first.Stop || !isText && inlineStart(c) < first.Stop {
			para.RemoveChild(para, c)
			c = next
			continue
		}
		break
	}
	alert := &Alert{AlertType: typ}
	for c := bq.FirstChild(); c != nil; {
		next := c.NextSibling()
		if c == para && para.ChildCount() == 0 {
			c = next
			continue
		}
		alert.AppendChild(alert, c)
		c = next
	}
	replace(bq, alert)
}

// inlineStart returns the source offset of the first text inside n, or a
// large number when n holds no text.
func inlineStart(n ast.Node) int {
	start := 1 << 30
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return start
}

// nodeOffset is the best source offset for n: its first line, or its first
// text, or its parent's.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if s := inlineStart(n); s < 1<<30 {
			return s
		}
		if d, ok := n.(*Directive); ok {
			return d.Offset
		}
	}
	return 0
}

var schemeRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

func (w *walker) link(n ast.Node) {
	var dest *[]byte
	image := false
	switch n := n.(type) {
	case *ast.Link:
		dest = &n.Destination
	case *ast.Image:
		dest, image = &n.Destination, true
	}
	d := string(*dest)
	off := nodeOffset(n)
	switch {
	case d == "":
		w.problem(off, "write [text](target.md) or [text](#heading)", "link with an empty target")
		return
	case schemeRe.MatchString(d) || strings.HasPrefix(d, "//"):
		return // external: not fetched
	case strings.HasPrefix(d, "#") || strings.HasPrefix(d, "/"):
		w.res.Links = append(w.res.Links, Link{Dest: d, Offset: off, Image: image})
		return
	}
	if w.resolve == nil {
		return
	}
	nd, problem, hint := w.resolve(d, image)
	if problem != "" {
		w.problem(off, hint, "%s", problem)
		return
	}
	*dest = []byte(nd)
	w.res.Links = append(w.res.Links, Link{Dest: nd, Offset: off, Image: image})
}

// Figure is an image with a caption.
type Figure struct {
	ast.BaseBlock
	Caption []byte
}

// KindFigure is the node kind of Figure.
var KindFigure = ast.NewNodeKind("CourseFigure")

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// figure turns a paragraph holding only an image with a title into a figure.
func (w *walker) figure(p *ast.Paragraph) {
	if p.ChildCount() != 1 {
		return
	}
	img, ok := p.FirstChild().(*ast.Image)
	if !ok || len(img.Title) == 0 {
		return
	}
	fig := &Figure{Caption: img.Title}
	img.Title = nil
	fig.AppendChild(fig, img)
	replace(p, fig)
}

// collect gathers headings, sections, word counts and ids.
func (w *walker) collect(doc ast.Node) {
	var cur strings.Builder
	section := Section{}
	flush := func() {
		section.Text = strings.Join(strings.Fields(cur.String()), " ")
		if section.Text != "" || section.Heading != "" {
			w.res.Sections = append(w.res.Sections, section)
		}
		cur.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			id := ""
			if v, ok := h.AttributeString("id"); ok {
				id = string(v.([]byte))
			}
			txt := plainText(h, w.src)
			w.res.Headings = append(w.res.Headings, Heading{Level: h.Level, ID: id, Text: txt, Offset: nodeOffset(h)})
			if h.Level <= 3 {
				flush()
				section = Section{Heading: txt, ID: id}
				continue
			}
		}
		if _, isCode := n.(*CodeBlock); isCode {
			continue
		}
		t := plainText(n, w.src)
		w.res.Words += countWords(t)
		cur.WriteString(t)
		cur.WriteByte(' ')
	}
	flush()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if v, ok := n.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				w.res.IDs[string(b)] = true
			}
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			var raw bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				raw.Write(seg.Value(w.src))
			}
			if n.HasClosure() {
				raw.Write(n.ClosureLine.Value(w.src))
			}
			htmlIDs(raw.Bytes(), w.res.IDs)
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				htmlIDs(seg.Value(w.src), w.res.IDs)
			}
		case *Embed:
			if strings.Contains(n.HTML, "id=") || strings.Contains(n.HTML, "name=") {
				htmlIDs([]byte(n.HTML), w.res.IDs)
			}
		case *extast.FootnoteLink:
			w.res.IDs[fmt.Sprintf("fnref:%d", n.Index)] = true
		case *extast.Footnote:
			w.res.IDs[fmt.Sprintf("fn:%d", n.Index)] = true
		}
		return ast.WalkContinue, nil
	})
}

// plainText returns the text of n and its descendants, with math as its
// source and code blocks left out.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *CodeBlock, *Math, *MathBlock, *Embed:
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.URL(src))
		}
		if c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				n++
			}
			in = true
		} else if r != '\'' && r != '-' {
			in = false
		}
	}
	return n
}

var (
	htmlTag  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s>]+)*)\s*/?>`)
	htmlAttr = regexp.MustCompile(`(?i)(?:^|\s)(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
)

// htmlIDs adds to ids the anchors that raw HTML defines: every element's
// id, and an <a>'s name (as books do to keep an old heading's link working:
// <a id="old-heading"></a> before a renamed heading).
func htmlIDs(raw []byte, ids map[string]bool) {
	for _, tag := range htmlTag.FindAllSubmatch(raw, -1) {
		isA := strings.EqualFold(string(tag[1]), "a")
		for _, a := range htmlAttr.FindAllSubmatch(tag[2], -1) {
			if strings.EqualFold(string(a[1]), "name") && !isA {
				continue
			}
			v := string(a[2]) + string(a[3]) + string(a[4])
			if v != "" {
				ids[v] = true
			}
		}
	}
}
