// Package highlight turns fenced code into highlighted HTML at build time.
//
// The contract:
//
//   - [Highlighter.HTML] returns one complete block,
//     <pre class="chroma" data-lang="LANG"><code>…</code></pre>, where LANG is
//     the fence language as written but lower-cased, known or not ("text" when
//     empty). The markup is that of
//     chroma's HTML formatter with CSS classes (never inline styles): every line
//     is <span class="line"> (<span class="line hl"> when highlighted), holding
//     an optional <span class="ln">N</span> line number and the code in
//     <span class="cl">. Line numbers live only in .ln, so a copy button that
//     reads the .cl spans, and a selection (.ln is user-select:none), never
//     copies them.
//   - An empty or unknown language is plain text, escaped; it is never an error.
//   - The code is normalised first: CRLF and lone CR become LF, trailing blank
//     lines are dropped and the block ends with exactly one newline, so there is
//     never an empty last line.
//   - Options.Highlight counts lines of the block (1 is its first line) whatever
//     Options.Start says; ranges may overlap and come in any order, and lines
//     outside the block are ignored. A Start below 1 means 1.
//   - Output is deterministic: the same input gives the same bytes. One caveat
//     for blocks that chroma lexes (not the Python fast path): chroma gives its
//     regular expressions a 250 ms match timeout, after which a rule silently
//     fails to match, so a starved machine or a pathological input can change
//     its tokens.
//
// Speed: Python, the language of nearly every block in the course, is lexed by
// a hand-written single-pass scanner (python.go) that emits exactly the token
// stream of chroma's own Python lexer, and falls back to chroma whenever it
// meets something it cannot prove it handles the same way. Tokens are written
// by a formatter (format.go) that produces byte for byte what chroma's HTML
// formatter produces. Differential tests against chroma guard both. Results are
// cached in memory, keyed by the SHA-256 of the language, code and options.
package highlight

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Options control how one block is highlighted.
type Options struct {
	Lang        string   // fence language; "" or unknown → plain text (escaped), never an error
	LineNumbers bool     // show line numbers in a .ln span
	Highlight   [][2]int // 1-based inclusive line ranges to mark with .hl
	Start       int      // first line number (0, or anything below 1, means 1)
}

// Highlighter renders code blocks. It is safe for concurrent use; the zero
// value is not ready, use [New].
type Highlighter struct {
	mu           sync.RWMutex
	cache        map[[sha256.Size]byte]string
	cacheBytes   int
	hits, misses atomic.Int64
}

// maxCacheBytes bounds the in-memory cache (by the size of the HTML it
// holds): when it is full it is emptied and refilled. A one-shot build of
// 10,000 pages highlights about 40,000 blocks, 250 MB of HTML that a cache
// without a bound would keep to the end; a preview server keeps what its
// rebuilds use.
const maxCacheBytes = 64 << 20

// New returns a Highlighter with an empty cache.
func New() *Highlighter {
	return &Highlighter{cache: make(map[[sha256.Size]byte]string)}
}

// HTML returns code highlighted as a complete <pre class="chroma"> block.
func (h *Highlighter) HTML(code string, o Options) string {
	b := normalise(code, o)
	key := b.key()
	h.mu.RLock()
	out, ok := h.cache[key]
	h.mu.RUnlock()
	if ok {
		h.hits.Add(1)
		return out
	}
	h.misses.Add(1)
	out = b.render()
	h.mu.Lock()
	if h.cacheBytes+len(out) > maxCacheBytes {
		clear(h.cache)
		h.cacheBytes = 0
	}
	if _, dup := h.cache[key]; !dup {
		h.cacheBytes += len(out)
	}
	h.cache[key] = out
	h.mu.Unlock()
	return out
}

// Stats reports cache hits and misses since New.
func (h *Highlighter) Stats() (hits, misses int64) {
	return h.hits.Load(), h.misses.Load()
}

// KnownLanguage reports whether lang has a lexer, so that a caller can warn
// about a misspelt fence language. It is case-insensitive.
func KnownLanguage(lang string) bool {
	return lexerFor(normLang(lang)) != nil
}

// block is one request after normalisation: equal blocks render equally.
type block struct {
	lang        string // lower-cased, trimmed; "" for none
	code        string // LF only, ends in exactly one "\n" unless empty
	lineNumbers bool
	start       int      // ≥ 1
	ranges      [][2]int // sorted, disjoint, non-adjacent, within 1..lines
}

func normalise(code string, o Options) block {
	b := block{
		lang:        normLang(o.Lang),
		code:        normCode(code),
		lineNumbers: o.LineNumbers,
		start:       max(o.Start, 1),
	}
	b.ranges = normRanges(o.Highlight, strings.Count(b.code, "\n"))
	return b
}

func normLang(lang string) string { return strings.ToLower(strings.TrimSpace(lang)) }

// normCode makes line endings LF (as chroma's EnsureLF does), drops trailing
// blank lines and ends the code with one newline.
func normCode(code string) string {
	code = ensureLF(code)
	trimmed := strings.TrimRight(code, " \t\n\v\f")
	if trimmed == "" {
		return ""
	}
	if i := strings.IndexByte(code[len(trimmed):], '\n'); i >= 0 {
		return code[:len(trimmed)+i+1]
	}
	return code + "\n"
}

// ensureLF replaces "\r\n" and lone "\r" with "\n", like chroma.
func ensureLF(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// normRanges clips ranges to 1..lines and merges them into sorted,
// disjoint ranges.
func normRanges(in [][2]int, lines int) [][2]int {
	var rs [][2]int
	for _, r := range in {
		lo, hi := max(r[0], 1), min(r[1], lines)
		if lo <= hi {
			rs = append(rs, [2]int{lo, hi})
		}
	}
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range rs {
		if n := len(out); n > 0 && r[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// renderVersion changes whenever the bytes HTML produces for some input
// change; it is part of the cache key.
const renderVersion = "highlight/1 chroma/v2.27.0"

func (b block) key() [sha256.Size]byte {
	d := sha256.New()
	var n [8]byte
	field := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		d.Write(n[:])
		d.Write([]byte(s))
	}
	num := func(v int) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		d.Write(n[:])
	}
	field(renderVersion)
	field(b.lang)
	field(b.code)
	if b.lineNumbers {
		num(1)
	} else {
		num(0)
	}
	num(b.start)
	num(len(b.ranges))
	for _, r := range b.ranges {
		num(r[0])
		num(r[1])
	}
	var sum [sha256.Size]byte
	d.Sum(sum[:0])
	return sum
}

// render highlights the block on the fast path: our Python scanner where it
// applies, chroma otherwise, and our formatter.
func (b block) render() string {
	sp := spanPool.Get().(*[]span)
	text, spans := b.lexInto(true, (*sp)[:0])
	out := formatHTML(b, text, spans)
	if cap(spans) <= maxPooled {
		*sp = spans
		spanPool.Put(sp)
	}
	return out
}

// lex lexes the block into spans of a text (b.code, unless a chroma lexer
// changed it). With fast set, Python goes through lexPython.
func (b block) lex(fast bool) (string, []span) { return b.lexInto(fast, nil) }

// lexInto is lex appending to spans.
func (b block) lexInto(fast bool, spans []span) (string, []span) {
	if b.code == "" {
		return "", spans
	}
	lexer := lexerFor(b.lang)
	if lexer == nil {
		return b.code, append(spans, span{chroma.Text, len(b.code)})
	}
	if fast && isPython(lexer) {
		if out, ok := lexPythonInto(b.code, spans); ok {
			return b.code, out
		}
	}
	toks, err := chromaTokens(lexer, b.code)
	if err != nil {
		return b.code, append(spans, span{chroma.Text, len(b.code)})
	}
	return tokensToSpans(toks, spans)
}

// chromaTokens runs a chroma lexer, coalescing tokens as chroma's own
// highlighting does. A lexer that panics (chroma's iterators may) yields an
// error, so the block degrades to plain text instead of failing the build.
func chromaTokens(lexer chroma.Lexer, code string) (toks []chroma.Token, err error) {
	defer func() {
		if r := recover(); r != nil {
			toks, err = nil, errLexerPanic
		}
	}()
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, err
	}
	return it.Tokens(), nil
}

type lexerError string

func (e lexerError) Error() string { return string(e) }

const errLexerPanic = lexerError("highlight: lexer panicked")

var lexerCache sync.Map // normalised lang → chroma.Lexer, or nil

// lexerFor finds chroma's lexer for lang, or nil. chroma's lookup can scan
// every lexer's filename patterns, so the answer is remembered.
func lexerFor(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	if l, ok := lexerCache.Load(lang); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexerCache.Store(lang, nil)
		return nil
	}
	lexerCache.Store(lang, lexer)
	return lexer
}

func isPython(l chroma.Lexer) bool { return l.Config().Name == "Python" }
