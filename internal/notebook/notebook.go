// Package notebook reads a Jupyter notebook (nbformat 4) as a lesson: the
// same page model a .md lesson becomes, a markdown body, with its code
// cells and their stored outputs as HTML the markdown converter embeds.
//
// # What a notebook becomes
//
// Parse turns the file into a Notebook. Its Body is markdown: every
// markdown cell's source as written (so math, links and their checks,
// alerts and headings work as in a .md lesson), and for every code cell an
// embed marker (markdown.EmbedMarker) that Render fills with the cell's
// HTML. Pos maps an offset in Body back to the file's line and column, so
// a broken link in a cell is reported where it is in the .ipynb.
//
// The title is metadata.course.title, else metadata.title, else the first
// heading of the first markdown cell (a first heading that is the title is
// left out of the body: the page shows the title). metadata.course holds
// the other front-matter keys, checked as front matter is (Course,
// CourseLine).
//
// # Cells and outputs
//
// Code cells are highlighted in the notebook's language
// (metadata.language_info.name, else metadata.kernelspec.language). Their
// outputs render as Jupyter shows them: stream text (stderr marked, runs of
// one stream merged, carriage returns applied), execute_result and
// display_data by MIME priority — image/svg+xml, image/png, image/jpeg,
// image/gif (written as content-hashed files beside the page, with width
// and height, never inlined), text/html (sanitised: tables and text kept,
// scripts, styles, ids, event handlers and foreign URLs dropped; inlined
// images written as files), text/markdown (through the page's markdown),
// text/latex (through the course's KaTeX; shown as source, with a warning,
// when KaTeX cannot render it), text/plain — and errors with their
// traceback's ANSI colours as classes. Long outputs scroll (the theme's
// css/notebook.css).
// Raw cells are left out, as Jupyter's HTML export leaves them out.
//
// Cell tags, as Jupyter Book names them (also with underscores):
// remove-cell, remove-input, remove-output leave that part out; hide-input,
// hide-output and hide-cell put it in a closed <details>.
//
// # Attachments
//
// An image a markdown cell attaches (![x](attachment:image.png)) is
// extracted to a file named by its content hash (Files) and the link is
// rewritten to that file, relative to the page.
//
// Every problem (invalid JSON, an nbformat other than 4, a cell or output
// of an unknown type, a missing attachment) is a diagnostic at the file's
// line and column; Parse never panics on bad input.
package notebook

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/markdown"
)

// Notebook is a parsed .ipynb file.
type Notebook struct {
	File string
	Src  []byte

	// Title is metadata.course.title, else metadata.title, else the first
	// heading of the first markdown cell.
	Title string
	// Course is metadata.course as YAML text (JSON is YAML), preceded by
	// spaces up to its column so that the positions a YAML parser reports
	// are the file's from CourseLine on; "" when absent.
	Course     string
	CourseLine int
	// Lang is the language of the code cells, lowercase ("" when unknown).
	Lang  string
	Cells []*Cell

	// Body is the lesson's markdown (see the package doc).
	Body []byte
	// Files are the extracted attachments, by file name (relative to the
	// page).
	Files map[string][]byte

	segs   []segment
	embeds []embedPart
}

// Cell is one cell.
type Cell struct {
	Index   int    // 0-based position in the notebook
	Type    string // "markdown", "code" or "raw"
	Source  string
	Tags    map[string]bool
	Count   int // execution count; 0 when not run
	Outputs []*Output

	at     *value   // the cell object
	source []*value // the strings its source is made of
	attach *value   // its attachments object, or nil
}

// Output is one output of a code cell.
type Output struct {
	Type string // "stream", "execute_result", "display_data" or "error"
	Name string // stream: "stdout" or "stderr"
	Text string // stream text
	// Data maps MIME types to their content (joined when stored as lines;
	// base64 for binary images).
	Data  map[string]string
	EName string
	EVal  string
	Trace []string

	at   *value
	data map[string][]*value // the strings of each MIME type
	meta *value              // the output's metadata
}

// segment maps a piece of Body to the file: bytes from body on were copied
// from the JSON string str, starting at its decoded offset dec; a piece
// made up by the parser (str nil) maps to the file offset at.
type segment struct {
	body int
	str  *value
	dec  int
	at   int
}

// embedPart is what one embed marker of Body stands for.
type embedPart struct {
	key  string
	cell *Cell
	// part: "in" (the cell's input and the outputs' opening), "out" (the
	// closing), or an output's index: "o" with out set, "md" and "mdend"
	// around a markdown output.
	part string
	out  int
}

// The cell tags that change how a cell shows, as Jupyter Book names them.
const (
	TagRemoveCell   = "remove-cell"
	TagRemoveInput  = "remove-input"
	TagRemoveOutput = "remove-output"
	TagHideInput    = "hide-input"
	TagHideOutput   = "hide-output"
	TagHideCell     = "hide-cell"
)

// Parse reads a notebook. It returns nil and the diagnostics when the file
// cannot be used; the notebook and warnings (or errors that leave it
// usable, reported once) otherwise. src must not be changed afterwards:
// the notebook's strings share its bytes.
func Parse(file string, src []byte) (*Notebook, []diag.Diagnostic) {
	nb := &Notebook{File: file, Src: src}
	var probs []diag.Diagnostic
	report := func(off int, sev diag.Severity, hint, format string, args ...any) {
		line, col := diag.LineCol(src, off)
		probs = append(probs, diag.Diagnostic{File: file, Line: line, Col: col, Severity: sev, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	root, err := parseJSON(src)
	if err != nil {
		se := err.(*syntaxError)
		report(se.off, diag.Error, "a notebook is JSON; open it in Jupyter and save it again, or fix the file at this place", "invalid JSON: %s", se.msg)
		return nil, probs
	}
	if root.kind != 'o' {
		report(root.start, diag.Error, "a notebook is a JSON object with nbformat, metadata and cells", "the notebook is %s, not an object", kindName(root.kind))
		return nil, probs
	}
	switch v := root.get("nbformat"); {
	case v == nil:
		report(root.start, diag.Error, `add "nbformat": 4, or save the notebook again from Jupyter`, "the notebook has no nbformat")
		return nil, probs
	case v.kind != 'n' || v.num != 4:
		report(v.start, diag.Error, "convert it with: jupyter nbconvert --to notebook --nbformat 4 --inplace "+file,
			"nbformat %s is not supported: only nbformat 4 notebooks are lessons", strings.TrimSpace(string(src[v.start:v.end])))
		return nil, probs
	}
	meta := root.get("metadata")
	if meta != nil && meta.kind != 'o' {
		report(meta.start, diag.Error, `write "metadata": {}`, "metadata is %s, not an object", kindName(meta.kind))
		meta = nil
	}
	if t := meta.get("title"); t != nil {
		if t.kind != 's' {
			report(t.start, diag.Error, `write "title": "…"`, "metadata.title is %s, not a string", kindName(t.kind))
		} else {
			nb.Title = strings.TrimSpace(t.str)
		}
	}
	if c := meta.get("course"); c != nil {
		if c.kind != 'o' {
			report(c.start, diag.Error, `write "course": {"summary": "…", "minutes": 20}`, "metadata.course is %s, not an object", kindName(c.kind))
		} else {
			line, col := diag.LineCol(src, c.start)
			// Tabs between JSON tokens would be YAML errors; as spaces they keep
			// every column (a JSON string holds no raw tab).
			nb.Course = strings.Repeat(" ", col-1) + jsonAsYAML(string(src[c.start:c.end]))
			nb.CourseLine = line
			if t := c.get("title"); t != nil && t.kind == 's' && strings.TrimSpace(t.str) != "" {
				nb.Title = strings.TrimSpace(t.str)
			}
		}
	}
	nb.Lang = language(meta)
	cells := root.get("cells")
	switch {
	case cells == nil:
		report(root.start, diag.Error, `add "cells": [], or save the notebook again from Jupyter`, "the notebook has no cells")
		return nil, probs
	case cells.kind != 'a':
		report(cells.start, diag.Error, "cells is a list of cell objects", "cells is %s, not a list", kindName(cells.kind))
		return nil, probs
	}
	ok := true
	for i, cv := range cells.vals {
		c, cellProbs := readCell(nb, i, cv)
		for _, p := range cellProbs {
			report(p.off, diag.Error, p.hint, "%s", p.msg)
			ok = false
		}
		if c != nil {
			nb.Cells = append(nb.Cells, c)
		}
	}
	if !ok {
		return nil, probs
	}
	b := &bodyBuilder{nb: nb, report: func(off int, hint, format string, args ...any) {
		report(off, diag.Error, hint, format, args...)
		ok = false
	}}
	b.build()
	if nb.Title == "" {
		report(0, diag.Error, `start the first markdown cell with a heading (# Title), or set "title" in the notebook's metadata`, "the notebook has no title")
		ok = false
	}
	if !ok {
		return nil, probs
	}
	return nb, probs
}

// jsonAsYAML returns JSON text as text YAML reads the same: tabs between
// tokens become spaces, which keeps every column (a JSON string holds no
// raw tab), and the escape \/, which YAML lacks, becomes \x2f.
func jsonAsYAML(s string) string {
	s = strings.ReplaceAll(s, "\t", " ")
	if !strings.Contains(s, `\/`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if s[i+1] == '/' {
				b.WriteString(`\x2f`)
			} else {
				b.WriteString(s[i : i+2])
			}
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func language(meta *value) string {
	if li := meta.get("language_info"); li != nil {
		if n := li.get("name"); n != nil && n.kind == 's' && n.str != "" {
			return strings.ToLower(n.str)
		}
	}
	if ks := meta.get("kernelspec"); ks != nil {
		if n := ks.get("language"); n != nil && n.kind == 's' && n.str != "" {
			return strings.ToLower(n.str)
		}
	}
	return ""
}

type problem struct {
	off       int
	msg, hint string
}

// lines returns the strings a multiline field is made of: one string, or a
// list of strings (nbformat stores lines either way).
func lines(v *value, what string, probs *[]problem) ([]*value, string) {
	switch v.kind {
	case 's':
		return []*value{v}, v.str
	case 'a':
		var b strings.Builder
		for _, item := range v.vals {
			if item.kind != 's' {
				*probs = append(*probs, problem{item.start, fmt.Sprintf("%s holds %s, not a string", what, kindName(item.kind)), "write each line as a string"})
				return nil, ""
			}
			b.WriteString(item.str)
		}
		return v.vals, b.String()
	}
	*probs = append(*probs, problem{v.start, fmt.Sprintf("%s is %s, not text", what, kindName(v.kind)), "write a string or a list of lines"})
	return nil, ""
}

func readCell(nb *Notebook, i int, cv *value) (*Cell, []problem) {
	var probs []problem
	if cv.kind != 'o' {
		return nil, []problem{{cv.start, fmt.Sprintf("cell %d is %s, not an object", i+1, kindName(cv.kind)), "each cell is an object with cell_type and source"}}
	}
	c := &Cell{Index: i, at: cv, Tags: map[string]bool{}}
	t := cv.get("cell_type")
	switch {
	case t == nil:
		return nil, []problem{{cv.start, fmt.Sprintf("cell %d has no cell_type", i+1), `add "cell_type": "markdown" or "code"`}}
	case t.kind != 's' || t.str != "markdown" && t.str != "code" && t.str != "raw":
		return nil, []problem{{t.start, fmt.Sprintf("cell %d has an unknown cell type %s", i+1, strings.TrimSpace(string(nb.Src[t.start:t.end]))),
			`a cell_type is "markdown", "code" or "raw"`}}
	}
	c.Type = t.str
	if s := cv.get("source"); s != nil {
		c.source, c.Source = lines(s, fmt.Sprintf("the source of cell %d", i+1), &probs)
	}
	if m := cv.get("metadata"); m != nil {
		if tags := m.get("tags"); tags != nil {
			if tags.kind != 'a' {
				probs = append(probs, problem{tags.start, fmt.Sprintf("the tags of cell %d are %s, not a list", i+1, kindName(tags.kind)), `write "tags": ["hide-input"]`})
			}
			for _, tag := range tags.vals {
				if tag.kind == 's' {
					// Early Jupyter Book spelled them remove_cell, hide_input, ….
					c.Tags[strings.ReplaceAll(tag.str, "_", "-")] = true
				}
			}
		}
	}
	c.attach = cv.get("attachments")
	if c.Type != "code" {
		return c, probs
	}
	if n := cv.get("execution_count"); n != nil && n.kind == 'n' {
		c.Count = int(n.num)
	}
	outs := cv.get("outputs")
	if outs == nil {
		return c, probs
	}
	if outs.kind != 'a' {
		return c, append(probs, problem{outs.start, fmt.Sprintf("the outputs of cell %d are %s, not a list", i+1, kindName(outs.kind)), "write a list of outputs"})
	}
	for j, ov := range outs.vals {
		o := readOutput(nb, i, j, ov, &probs)
		if o != nil {
			c.Outputs = append(c.Outputs, o)
		}
	}
	return c, probs
}

func readOutput(nb *Notebook, i, j int, ov *value, probs *[]problem) *Output {
	where := fmt.Sprintf("output %d of cell %d", j+1, i+1)
	if ov.kind != 'o' {
		*probs = append(*probs, problem{ov.start, where + " is " + kindName(ov.kind) + ", not an object", "each output is an object with output_type"})
		return nil
	}
	o := &Output{at: ov, meta: ov.get("metadata")}
	t := ov.get("output_type")
	if t == nil || t.kind != 's' {
		*probs = append(*probs, problem{ov.start, where + " has no output_type", `add "output_type": "stream", "display_data", "execute_result" or "error"`})
		return nil
	}
	o.Type = t.str
	switch o.Type {
	case "stream":
		if n := ov.get("name"); n != nil && n.kind == 's' {
			o.Name = n.str
		}
		if tx := ov.get("text"); tx != nil {
			_, o.Text = lines(tx, "the text of "+where, probs)
		}
	case "execute_result", "display_data":
		o.Data, o.data = map[string]string{}, map[string][]*value{}
		d := ov.get("data")
		if d == nil || d.kind != 'o' {
			return o
		}
		for k, mime := range d.keys {
			v := d.vals[k]
			if v.kind == 'o' || v.kind == 'n' || v.kind == 'b' || v.kind == 'z' {
				continue // JSON data (application/json, widgets): nothing to show statically
			}
			o.data[mime], o.Data[mime] = lines(v, mime+" of "+where, probs)
		}
	case "error":
		if v := ov.get("ename"); v != nil && v.kind == 's' {
			o.EName = v.str
		}
		if v := ov.get("evalue"); v != nil && v.kind == 's' {
			o.EVal = v.str
		}
		if tb := ov.get("traceback"); tb != nil && tb.kind == 'a' {
			for _, l := range tb.vals {
				if l.kind == 's' {
					o.Trace = append(o.Trace, l.str)
				}
			}
		}
	default:
		*probs = append(*probs, problem{t.start, fmt.Sprintf("%s has an unknown output type %q", where, o.Type),
			`an output_type is "stream", "display_data", "execute_result" or "error"`})
		return nil
	}
	return o
}

// Pos returns the file's line and column of offset off of Body.
func (nb *Notebook) Pos(off int) (line, col int) {
	i := sort.Search(len(nb.segs), func(i int) bool { return nb.segs[i].body > off }) - 1
	if i < 0 {
		return diag.LineCol(nb.Src, 0)
	}
	s := nb.segs[i]
	raw := s.at
	if s.str != nil {
		d := s.dec + off - s.body
		d = min(d, len(s.str.str))
		raw = decodedToRaw(nb.Src, s.str, d)
	}
	return diag.LineCol(nb.Src, raw)
}

// bodyBuilder writes Body and its segments.
type bodyBuilder struct {
	nb     *Notebook
	buf    bytes.Buffer
	report func(off int, hint, format string, args ...any)
	// fence is the open code fence of the markdown being copied ("" none).
	fence string
}

func (b *bodyBuilder) copy(v *value, from, to int) {
	if from >= to {
		return
	}
	b.nb.segs = append(b.nb.segs, segment{body: b.buf.Len(), str: v, dec: from})
	b.buf.WriteString(v.str[from:to])
}

func (b *bodyBuilder) synth(s string, at int) {
	b.nb.segs = append(b.nb.segs, segment{body: b.buf.Len(), at: at})
	b.buf.WriteString(s)
}

func (b *bodyBuilder) marker(key string, cell *Cell, part string, out int) {
	b.nb.embeds = append(b.nb.embeds, embedPart{key: key, cell: cell, part: part, out: out})
	b.synth("\n"+markdown.EmbedMarker(key)+"\n\n", cell.at.start)
}

var headingRe = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?\n?$`)

func (b *bodyBuilder) build() {
	nb := b.nb
	firstMarkdown := true
	for _, c := range nb.Cells {
		if c.Tags[TagRemoveCell] {
			continue
		}
		switch c.Type {
		case "markdown":
			skip := -1 // the heading that gives the title, left out
			if firstMarkdown {
				skip = b.findTitle(c)
			}
			firstMarkdown = false
			b.markdown(c, c.source, skip)
		case "code":
			b.code(c)
		}
	}
	nb.Body = b.buf.Bytes()
}

// findTitle takes the first heading of a markdown cell as the title when
// the metadata gives none, and returns its line number in the cell when it
// is the title (-1 otherwise): the page shows the title once.
func (b *bodyBuilder) findTitle(c *Cell) int {
	for n, l := range splitLines(c.source) {
		m := headingRe.FindStringSubmatch(l.v.str[l.from:l.to])
		if m == nil {
			continue
		}
		text := strings.TrimSpace(m[2])
		switch b.nb.Title {
		case "":
			b.nb.Title = text
		case text:
		default:
			return -1
		}
		return n
	}
	return -1
}

// line is one line of a cell's text, inside one of its JSON strings.
type line struct {
	v        *value
	from, to int // decoded offsets; to is after the "\n", if any
}

func splitLines(parts []*value) []line {
	var out []line
	for _, v := range parts {
		s := v.str
		for from := 0; from < len(s); {
			to := strings.IndexByte(s[from:], '\n')
			if to < 0 {
				to = len(s)
			} else {
				to += from + 1
			}
			out = append(out, line{v, from, to})
			from = to
		}
	}
	return out
}

var attachRe = regexp.MustCompile(`attachment:([^\s)"'>]+)`)

// markdown copies markdown text (a cell's source or a markdown output),
// leaving out line skip, rewriting attachment links and closing a code
// fence left open, so that one cell cannot swallow the next.
func (b *bodyBuilder) markdown(c *Cell, parts []*value, skip int) {
	b.fence = ""
	ls := splitLines(parts)
	for n, l := range ls {
		if n == skip {
			continue
		}
		s := l.v.str[l.from:l.to]
		b.trackFence(s)
		pos := l.from
		for _, m := range attachRe.FindAllStringSubmatchIndex(s, -1) {
			start, end := l.from+m[0], l.from+m[1]
			name := l.v.str[l.from+m[2] : l.from+m[3]]
			file, ok := b.attachment(c, name, l.v, start)
			if !ok {
				continue
			}
			b.copy(l.v, pos, start)
			b.synth(file, decodedToRaw(b.nb.Src, l.v, start))
			pos = end
		}
		b.copy(l.v, pos, l.to)
	}
	if b.buf.Len() > 0 && b.buf.Bytes()[b.buf.Len()-1] != '\n' {
		b.synth("\n", c.at.end)
	}
	if b.fence != "" {
		b.synth(b.fence+"\n", c.at.end)
	}
	b.synth("\n", c.at.end)
}

func (b *bodyBuilder) trackFence(s string) {
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 {
		return
	}
	t = strings.TrimRight(t, " \t\r\n")
	for _, ch := range []string{"`", "~"} {
		n := len(t) - len(strings.TrimLeft(t, ch))
		if n < 3 {
			continue
		}
		switch {
		case b.fence == "":
			b.fence = t[:n]
		case strings.HasPrefix(b.fence, ch) && n >= len(b.fence) && n == len(t):
			b.fence = ""
		}
	}
}

// attachment extracts the attachment name of cell c to a file and returns
// the file's name, reporting a missing or unreadable one at off.
func (b *bodyBuilder) attachment(c *Cell, name string, v *value, decOff int) (string, bool) {
	off := decodedToRaw(b.nb.Src, v, decOff)
	a := c.attach.get(name)
	if a == nil {
		if un, err := url.PathUnescape(name); err == nil {
			a = c.attach.get(un)
		}
	}
	if a == nil || a.kind != 'o' || len(a.keys) == 0 {
		var names []string
		if c.attach != nil {
			names = c.attach.keys
		}
		hint := "the cell has no attachments; paste or drag the image into the cell in Jupyter"
		if len(names) > 0 {
			hint = "the cell's attachments: " + strings.Join(names, ", ")
		}
		b.report(off, hint, "cell %d has no attachment %q", c.Index+1, name)
		return "", false
	}
	mime, data := a.keys[0], a.vals[0]
	var probs []problem
	_, text := lines(data, "attachment "+name, &probs)
	if len(probs) > 0 {
		b.report(probs[0].off, probs[0].hint, "%s", probs[0].msg)
		return "", false
	}
	bytes, ext, err := decodeFile(mime, text)
	if err != nil {
		b.report(data.start, "save the notebook again from Jupyter", "attachment %q: %v", name, err)
		return "", false
	}
	file := hashName(bytes, ext)
	if b.nb.Files == nil {
		b.nb.Files = map[string][]byte{}
	}
	b.nb.Files[file] = bytes
	return file, true
}

// imageExts are the image types written as files, with their extension.
var imageExts = map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg", "image/webp": ".webp"}

// decodeFile returns the bytes of an image stored as text: base64, or the
// SVG source itself.
func decodeFile(mime, text string) ([]byte, string, error) {
	ext, ok := imageExts[mime]
	if !ok {
		return nil, "", fmt.Errorf("%s is not an image type (png, jpeg, gif, svg or webp)", mime)
	}
	if mime == "image/svg+xml" {
		return []byte(text), ext, nil
	}
	// The decoder skips line breaks itself; spaces are rarer.
	data, err := base64.StdEncoding.DecodeString(text)
	if err != nil && strings.ContainsAny(text, " \t") {
		data, err = base64.StdEncoding.DecodeString(strings.NewReplacer(" ", "", "\t", "").Replace(text))
	}
	if err != nil {
		return nil, "", fmt.Errorf("%s data is not valid base64", mime)
	}
	return data, ext, nil
}

// hashName names a file by its content: "nb-" and 16 hex digits of its
// SHA-256, then ext.
func hashName(data []byte, ext string) string {
	sum := sha256.Sum256(data)
	return "nb-" + hex.EncodeToString(sum[:8]) + ext
}

// code writes the markers of a code cell, and the markdown of its
// text/markdown outputs.
func (b *bodyBuilder) code(c *Cell) {
	key := fmt.Sprintf("nb%d", c.Index)
	b.marker(key+"-in", c, "in", 0)
	if !c.Tags[TagRemoveOutput] {
		for j, o := range c.Outputs {
			okey := fmt.Sprintf("%s-%d", key, j)
			if pick(o) == "text/markdown" {
				b.marker(okey, c, "md", j)
				b.markdown(c, o.data["text/markdown"], -1)
				b.marker(okey+"-end", c, "mdend", j)
				continue
			}
			b.marker(okey, c, "o", j)
		}
	}
	b.marker(key+"-out", c, "out", 0)
}

// Line returns the line in the file where cell c's source starts (where
// the cell starts when it has no source).
func (nb *Notebook) Line(c *Cell) int {
	off := c.at.start
	if len(c.source) > 0 {
		off = c.source[0].start
	}
	line, _ := diag.LineCol(nb.Src, off)
	return line
}

// StoredText returns the text output a code cell stored: its stdout
// stream and the text/plain of its execute_result, in order, and the
// "Name: value" of its error (""when none). stderr (warnings, progress)
// and display_data are left out: they vary from run to run or are not text.
func (c *Cell) StoredText() (text, errText string) {
	var b strings.Builder
	for _, o := range c.Outputs {
		switch {
		case o.Type == "stream" && o.Name == "stdout":
			b.WriteString(o.Text)
		case o.Type == "execute_result":
			if t, ok := o.Data["text/plain"]; ok {
				b.WriteString(t)
				b.WriteString("\n")
			}
		case o.Type == "error":
			errText = o.EName + ": " + o.EVal
		}
	}
	return b.String(), errText
}
