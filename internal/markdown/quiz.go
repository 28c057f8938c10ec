package markdown

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// The quiz directive: questions with one correct option each, readable as
// plain markdown on GitHub.
//
//	::: quiz
//	Why does MAE react less to one huge outlier than MSE?
//
//	- [ ] MAE divides by a larger n.
//	  > No: both divide by n.
//	- [x] Its penalty grows linearly with the residual.
//	  > Right: …
//	:::
//
// A question is one or more blocks (the prompt) followed by one task list:
// each item is an option `[ ]` or the correct option `[x]` (exactly one),
// with its explanation as a blockquote indented under it; 2 to 6 options.
//
// It renders a <div class="quiz"> holding one <fieldset class="quiz-question">
// per question: the prompt's first paragraph is the <legend> (further prompt
// blocks follow in a div), each option a <label> holding its radio input,
// then its explanation in a <details> (the correct option's <li> has
// data-correct). Without scripts the reader picks an option and opens its
// explanation; js/quiz.js (declared with UseScripts) turns that into instant
// feedback and remembers the answer.
//
// A question's id is "quiz-" and the first 8 hex digits of the SHA-256 of
// its prompt's text (whitespace collapsed), with -2, -3, … on a repeat in
// the page: it stays the same when questions are added, moved or reordered
// around it, so remembered answers stay with their question, and changes
// when the prompt's wording changes.
var quizDirective = DirectiveHandler{
	Usage:   "::: quiz, holding questions: a prompt, then a task list of options (- [ ] / - [x]) each with a > explanation",
	MaxArgs: 0,
	Check:   checkQuiz,
	Render: func(w util.BufWriter, d *Directive, entering bool) ast.WalkStatus {
		n, _ := d.Data.(int)
		if entering {
			w.WriteString(`<div class="quiz">` + "\n")
			if n > 0 {
				fmt.Fprintf(w, `<p class="quiz-kicker">Quiz · %d question%s</p>`+"\n", n, plural(n))
			}
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue
	},
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

const (
	quizMinOptions = 2
	quizMaxOptions = 6
	optionHint     = "write each option as a task item with its explanation indented under it: - [ ] a wrong option, then   > why it is wrong"
)

// quizQuestion is a question found by checkQuiz.
type quizQuestion struct {
	prompt  []ast.Node
	list    *ast.List
	options []quizOption
}

type quizOption struct {
	item    *ast.ListItem
	text    ast.Node // the TextBlock or Paragraph holding the checkbox and the option
	explain *ast.Blockquote
	correct bool
}

func checkQuiz(d *Directive, src []byte, report func(int, string, string)) {
	d.UseScripts("js/quiz.js")
	var questions []*quizQuestion
	var prompt []ast.Node
	bad := false
	problem := func(off int, msg, hint string) {
		bad = true
		report(off, msg, hint)
	}
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		list, ok := c.(*ast.List)
		if !ok {
			prompt = append(prompt, c)
			continue
		}
		if len(prompt) == 0 {
			problem(lineIndent(src, nodeOffset(list)), "a list of options without a question before it",
				"write the question as a paragraph above its options; a blank line or a different bullet between options starts a new list")
			continue
		}
		q := &quizQuestion{prompt: prompt, list: list}
		prompt = nil
		if !checkOptions(q, src, problem) {
			bad = true
			continue
		}
		questions = append(questions, q)
	}
	if len(prompt) > 0 {
		problem(lineIndent(src, nodeOffset(prompt[0])), "a question without options",
			"add its options under it as a task list: - [ ] wrong, - [x] right, each with a > explanation")
	}
	if len(questions) == 0 && !bad {
		problem(d.Offset, "a quiz without questions", "write a question, then its options as a task list (- [ ] / - [x]) with > explanations")
	}
	if bad {
		return
	}
	for _, q := range questions {
		buildQuestion(d, q, src)
	}
	d.Data = len(questions)
}

// checkOptions checks the options of q and fills q.options; it reports every
// problem and returns false if there was one.
func checkOptions(q *quizQuestion, src []byte, problem func(int, string, string)) bool {
	ok := true
	correct := 0
	for c := q.list.FirstChild(); c != nil; c = c.NextSibling() {
		item, isItem := c.(*ast.ListItem)
		if !isItem {
			continue
		}
		at := lineIndent(src, nodeOffset(item))
		opt := quizOption{item: item, text: item.FirstChild()}
		if opt.text == nil || (opt.text.Kind() != ast.KindTextBlock && opt.text.Kind() != ast.KindParagraph) {
			problem(at, "an option that is not a task item", optionHint)
			ok = false
			continue
		}
		box, isBox := opt.text.FirstChild().(*extast.TaskCheckBox)
		if !isBox {
			problem(at, "an option that is not a task item", "start it with [ ] (wrong) or [x] (the correct option): - [ ] "+firstWords(opt.text, src))
			ok = false
			continue
		}
		if opt.text.ChildCount() == 1 {
			problem(at, "an option without text", "write the option after its checkbox: - [ ] option")
			ok = false
		}
		opt.correct = box.IsChecked
		if opt.correct {
			correct++
		}
		for e := opt.text.NextSibling(); e != nil; e = e.NextSibling() {
			bq, isQuote := e.(*ast.Blockquote)
			if isQuote && opt.explain == nil {
				opt.explain = bq
				continue
			}
			problem(lineIndent(src, nodeOffset(e)), "only one > explanation may follow an option",
				"put everything the option explains in one blockquote: every line starting with > under the option")
			ok = false
			break
		}
		if opt.explain == nil {
			problem(at, "an option without an explanation",
				`indent a > line under the option saying why it is right or wrong, e.g. "  > No: because …"`)
			ok = false
		}
		q.options = append(q.options, opt)
	}
	at := lineIndent(src, nodeOffset(q.prompt[0]))
	if n := q.list.ChildCount(); n < quizMinOptions || n > quizMaxOptions {
		problem(at, fmt.Sprintf("a question with %d option(s)", n), fmt.Sprintf("give each question %d to %d options", quizMinOptions, quizMaxOptions))
		ok = false
	}
	if ok && correct != 1 {
		msg := "a question without a correct option"
		if correct > 1 {
			msg = fmt.Sprintf("a question with %d correct options", correct)
		}
		problem(at, msg, "mark exactly one option as correct with [x]; the others get [ ]")
		ok = false
	}
	return ok
}

// buildQuestion replaces q's blocks, inside d, with the quiz's HTML
// structure (wrapper nodes around the author's own blocks and inlines).
func buildQuestion(d *Directive, q *quizQuestion, src []byte) {
	var text strings.Builder
	for _, p := range q.prompt {
		text.WriteString(plainText(p, src))
		text.WriteByte(' ')
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text.String()), " ")))
	id := d.w.uniqueID("quiz-" + hex.EncodeToString(sum[:4]))
	eid := html.EscapeString(id)

	fs := &wrapper{Open: fmt.Sprintf(`<fieldset class="quiz-question" id="%s" data-question="%s">`+"\n", eid, eid), Close: "</fieldset>\n"}
	fs.SetAttributeString("id", []byte(id))
	d.InsertBefore(d, q.prompt[0], fs)

	rest := q.prompt
	legend := &wrapper{Open: `<legend class="quiz-prompt">`, Close: "</legend>\n"}
	if p, ok := q.prompt[0].(*ast.Paragraph); ok {
		moveChildren(legend, p)
		d.RemoveChild(d, p)
		rest = q.prompt[1:]
	} else {
		legend.Open += "Question"
	}
	fs.AppendChild(fs, legend)
	if len(rest) > 0 {
		more := &wrapper{Open: `<div class="quiz-prompt-more">` + "\n", Close: "</div>\n"}
		for _, b := range rest {
			more.AppendChild(more, b)
		}
		fs.AppendChild(fs, more)
	}

	list := &wrapper{Open: `<ul class="quiz-options">` + "\n", Close: "</ul>\n"}
	for i, o := range q.options {
		attr := ""
		if o.correct {
			attr = " data-correct"
		}
		li := &wrapper{Open: fmt.Sprintf(`<li class="quiz-option"%s>`, attr), Close: "</li>\n"}
		// The label holds its input: no id to refer to, so print pages,
		// which prefix every id, keep working.
		// The option's text is one element beside the input, so that a
		// label laid out as a flex row wraps it as one paragraph (inline
		// code and math included) instead of making each piece a column.
		label := &wrapper{Open: fmt.Sprintf(`<label><input type="radio" name="%s" value="%d"> <span class="quiz-option-text">`, eid, i), Close: "</span></label>\n"}
		o.text.RemoveChild(o.text, o.text.FirstChild()) // the checkbox
		moveChildren(label, o.text)
		li.AppendChild(li, label)
		ex := &wrapper{Open: `<details class="quiz-explanation"><summary>Explanation</summary>` + "\n", Close: "</details>\n"}
		moveChildren(ex, o.explain)
		li.AppendChild(li, ex)
		list.AppendChild(list, li)
	}
	fs.AppendChild(fs, list)
	d.RemoveChild(d, q.list)
}

// moveChildren moves every child of from to the end of to.
func moveChildren(to, from ast.Node) {
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
}

// firstWords is the start of n's text, for hints.
func firstWords(n ast.Node, src []byte) string {
	t := plainText(n, src)
	if len(t) > 30 {
		t = strings.TrimSpace(t[:30]) + "…"
	}
	return t
}

// lineIndent moves off to the first non-blank character of its line: the
// list marker of an item, the first character of a paragraph.
func lineIndent(src []byte, off int) int {
	i := lineStart(src, off)
	for i < off && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// wrapper is a block rendered as Open, its children, Close. The quiz and
// figure directives build their HTML structure from wrappers around the
// author's own blocks, which then render (and are checked) as usual.
type wrapper struct {
	ast.BaseBlock
	Open, Close string
}

// kindWrapper is the node kind of wrapper.
var kindWrapper = ast.NewNodeKind("CourseWrapper")

// Kind implements ast.Node.
func (n *wrapper) Kind() ast.NodeKind { return kindWrapper }

// Dump implements ast.Node.
func (n *wrapper) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Open": n.Open}, nil)
}
