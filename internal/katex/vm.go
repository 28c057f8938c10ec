package katex

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
)

var (
	//go:embed assets/katex.min.js
	katexJS string
	//go:embed render.js
	renderJS string
)

// katexPatch works around a bug in the regexp engine under goja (regexp2
// v2.5.2): two character classes in a row that each hold one range of
// surrogates, like [\ud800-\udbff][\udc00-\udfff], never match. KaTeX's lexer
// reads a character outside the Basic Multilingual Plane (an emoji, 𝔸) with
// exactly that pattern, so without the patch such formulas fail with
// "Unexpected character". The replacement class is the same set of UTF-16 code
// units written as a negation, which the engine matches correctly. Both are in
// the text of a JavaScript string literal, hence the doubled backslashes.
var katexPatch = [2]string{
	`[\ud800-\udbff][\udc00-\udfff]`,
	`[\ud800-\udbff][^\u0000-\udbff\ue000-\uffff]`,
}

// patchedKaTeX returns katex.min.js with katexPatch applied, or an error if
// the pattern is not there exactly once (a new KaTeX: check the bug again).
func patchedKaTeX() (string, error) {
	if n := strings.Count(katexJS, katexPatch[0]); n != 1 {
		return "", fmt.Errorf("katex: katex.min.js holds %s %d times, want once; see katexPatch", katexPatch[0], n)
	}
	return strings.Replace(katexJS, katexPatch[0], katexPatch[1], 1), nil
}

// maxCallStack bounds the JavaScript call depth, so that a formula nested
// absurdly deep fails quickly with an error instead of eating memory and time.
// It allows about 900 nested groups, or 150 nested \frac; real formulas nest
// a few levels.
const maxCallStack = 4000

// programs holds KaTeX and render.js compiled once per process; a goja
// Program can run in any number of runtimes.
var programs = sync.OnceValues(func() ([2]*goja.Program, error) {
	src, err := patchedKaTeX()
	if err != nil {
		return [2]*goja.Program{}, err
	}
	k, err := goja.Compile("katex.min.js", src, false)
	if err != nil {
		return [2]*goja.Program{}, fmt.Errorf("katex: compiling katex.min.js: %w", err)
	}
	r, err := goja.Compile("render.js", renderJS, true)
	if err != nil {
		return [2]*goja.Program{}, fmt.Errorf("katex: compiling render.js: %w", err)
	}
	return [2]*goja.Program{k, r}, nil
})

// vm is one goja runtime with KaTeX loaded. It is not safe for concurrent use.
type vm struct {
	rt     *goja.Runtime
	render goja.Callable
	broken bool // threw something other than a ParseError; not reused
}

func newVM() (*vm, error) {
	progs, err := programs()
	if err != nil {
		return nil, err
	}
	rt := goja.New()
	rt.SetMaxCallStackSize(maxCallStack)
	// katex.min.js is a UMD bundle: with neither module nor define around, it
	// sets katex on self (if defined) or this, the global object.
	if _, err := rt.RunProgram(progs[0]); err != nil {
		return nil, fmt.Errorf("katex: evaluating katex.min.js: %w", err)
	}
	factory, err := rt.RunProgram(progs[1])
	if err != nil {
		return nil, fmt.Errorf("katex: evaluating render.js: %w", err)
	}
	mk, ok := goja.AssertFunction(factory)
	if !ok {
		return nil, errors.New("katex: render.js is not a function")
	}
	fn, err := mk(goja.Undefined(), rt.Get("katex"))
	if err != nil {
		return nil, fmt.Errorf("katex: calling render.js: %w", err)
	}
	render, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, errors.New("katex: render.js did not return a function")
	}
	return &vm{rt: rt, render: render}, nil
}

func (v *vm) renderTeX(src string, display bool) (string, error) {
	res, err := v.render(goja.Undefined(), v.rt.ToValue(src), v.rt.ToValue(display))
	if err != nil {
		// Not a ParseError, yet caused by this formula: report it against the
		// formula, and start afresh rather than trust this runtime's state.
		v.broken = true
		var (
			overflow *goja.StackOverflowError
			exc      *goja.Exception
		)
		switch {
		case errors.As(err, &overflow):
			return "", &Error{Msg: "formula nested too deeply", Offset: -1}
		case errors.As(err, &exc):
			return "", &Error{Msg: "KaTeX failed: " + exc.Value().String(), Offset: -1}
		}
		return "", fmt.Errorf("katex: %w", err)
	}
	if html, ok := res.Export().(string); ok {
		return html, nil
	}
	obj := res.ToObject(v.rt)
	return "", &Error{
		Msg:    obj.Get("msg").String(),
		Offset: byteOffset(src, int(obj.Get("pos").ToInteger())),
	}
}

// byteOffset turns a UTF-16 offset into src, as JavaScript counts, into a
// byte offset, or -1 if it is negative or past the end. goja reads each
// invalid UTF-8 byte as one U+FFFD, and so does this loop.
func byteOffset(src string, utf16Pos int) int {
	if utf16Pos < 0 {
		return -1
	}
	units := 0
	for i, c := range src {
		if units == utf16Pos {
			return i
		}
		if units > utf16Pos {
			return -1 // inside a surrogate pair
		}
		if c >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	if units == utf16Pos {
		return len(src)
	}
	return -1
}

// pool keeps up to size VMs, started lazily: a caller takes an idle VM, or
// starts one while fewer than size exist, or waits for one to come back.
type pool struct {
	idle    chan *vm
	slots   chan struct{} // one token per live VM
	started atomic.Int64  // VMs started, for tests
}

func newPool(size int) *pool {
	return &pool{idle: make(chan *vm, size), slots: make(chan struct{}, size)}
}

func (p *pool) get() (*vm, error) {
	select {
	case v := <-p.idle:
		return v, nil
	default:
	}
	select {
	case v := <-p.idle:
		return v, nil
	case p.slots <- struct{}{}:
		p.started.Add(1)
		v, err := newVM()
		if err != nil {
			<-p.slots
			return nil, err
		}
		return v, nil
	}
}

func (p *pool) put(v *vm) {
	if v.broken {
		<-p.slots
		return
	}
	p.idle <- v
}

func (p *pool) render(src string, display bool) (string, error) {
	v, err := p.get()
	if err != nil {
		return "", err
	}
	defer p.put(v)
	return v.renderTeX(src, display)
}
