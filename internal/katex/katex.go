// Package katex renders TeX formulas to HTML at build time, so that pages show
// math without running any script. It runs KaTeX's own JavaScript (the npm
// release named by Version, embedded from assets/katex.min.js) in goja, a
// JavaScript interpreter in pure Go; the output is byte-identical to KaTeX's in
// node (testdata/golden.json pins that).
//
// # Output
//
// Render returns one <span class="katex">…</span> (inline) or
// <span class="katex-display">…</span> (display=true, for $$…$$ blocks) holding
// both KaTeX's HTML and a MathML copy for screen readers (KaTeX's
// "htmlAndMathml" output). Pages must link the stylesheet vendored at
// themes/default/static/katex/katex.min.css; its fonts sit beside it in fonts/.
//
// KaTeX options, fixed for every formula (render.js is the one place that sets
// them): throwOnError true, strict "ignore", trust false (no \href, \url,
// \includegraphics, \htmlClass and the like), default maxExpand. Every formula
// starts from the same macros: \def stays inside its formula, and so does
// \gdef.
//
// # Macros
//
// Besides KaTeX's own (which already include \R, \N, \Z, \argmin and \argmax),
// these macros are defined for ML notation:
//
//	\E         \mathbb{E}            expectation: \E_{x \sim p}[f(x)]
//	\Var       \operatorname{Var}
//	\Cov       \operatorname{Cov}
//	\tr        \operatorname{tr}     trace
//	\diag      \operatorname{diag}
//	\sign      \operatorname{sign}
//	\softmax   \operatorname{softmax}
//	\KL        \mathrm{KL}           D_{\KL}(p \,\|\, q)
//	\norm{x}   \left\lVert x \right\rVert
//	\abs{x}    \left\lvert x \right\rvert
//
// # Errors
//
// A formula KaTeX rejects gives an *Error holding KaTeX's message (without the
// context KaTeX appends: callers point at the place themselves) and the byte
// offset in the source where KaTeX located the problem, or -1 when it did not
// say or located it inside a macro's body.
//
// # Cache
//
// Rendered formulas are kept in memory, keyed by sha256(Version, display,
// src). With Options.CacheDir set they also persist across runs in 64 shard
// files named katex-00.cache … katex-3f.cache: a shard is read the first time
// a formula hashing into it is looked up, and Flush rewrites, atomically, only
// the shards that gained entries. Each file starts with a fingerprint of the
// KaTeX version, render.js and the file format, and ends with a checksum; a
// file that does not match (another version, other options, corrupt, foreign)
// is treated as empty and replaced at the next Flush. Entries are never
// evicted; delete the directory to reclaim space.
//
// # Cost
//
// A VM (goja runtime with KaTeX evaluated) is expensive to start, so a
// Renderer keeps up to Options.Workers of them, started on demand. A formula
// is rendered by one VM at a time; identical formulas requested concurrently
// are rendered once.
package katex

import (
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Version is the KaTeX release embedded in assets/katex.min.js; it is part of
// every cache key. scripts/vendor-katex.sh refuses to vendor another release
// until this constant is changed to match.
const Version = "0.19.1"

// Options configures a Renderer.
type Options struct {
	CacheDir string // "" = memory only; else a directory (created if missing) where rendered formulas persist across runs
	Workers  int    // max concurrent VMs; <=0 means runtime.GOMAXPROCS(0)
	// Compact keeps the cached HTML compressed in memory (a tenth of the
	// memory, a few microseconds per hit): for long-lived renderers.
	Compact bool
}

// Error is a formula KaTeX rejects.
type Error struct {
	Msg    string // KaTeX's message, e.g. "Undefined control sequence: \foo"
	Offset int    // 0-based byte offset in src where KaTeX located the problem, or -1
}

func (e *Error) Error() string {
	if e.Offset < 0 {
		return "KaTeX: " + e.Msg
	}
	return fmt.Sprintf("KaTeX: %s (at byte %d of the formula)", e.Msg, e.Offset)
}

// Renderer renders formulas; it is safe for concurrent use.
type Renderer struct {
	pool  *pool
	cache *cache

	hits, misses atomic.Int64

	mu       sync.Mutex
	inflight map[key]*call
}

type key [sha256.Size]byte

// call is one render that concurrent callers of the same formula wait for.
type call struct {
	done chan struct{}
	html string
	err  error
}

// New returns a Renderer. It starts no VM: the first Render that needs one
// does. With a CacheDir, New creates the directory; shard files are read later,
// on first use.
func New(opts Options) (*Renderer, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	c, err := newCache(opts.CacheDir, opts.Compact)
	if err != nil {
		return nil, err
	}
	return &Renderer{
		pool:     newPool(workers),
		cache:    c,
		inflight: make(map[key]*call),
	}, nil
}

func keyOf(src string, display bool) key {
	h := sha256.New()
	h.Write([]byte(Version))
	if display {
		h.Write([]byte{0, 1})
	} else {
		h.Write([]byte{0, 0})
	}
	h.Write([]byte(src))
	var k key
	h.Sum(k[:0])
	return k
}

// Render returns the HTML for the TeX formula src, without the $ or $$
// delimiters; display=true renders a $$…$$ block. On a formula KaTeX rejects
// it returns an *Error; other errors mean the renderer itself is broken.
// Rejected formulas are not cached.
func (r *Renderer) Render(src string, display bool) (string, error) {
	k := keyOf(src, display)
	if html, ok := r.cache.get(k); ok {
		r.hits.Add(1)
		return html, nil
	}

	r.mu.Lock()
	if c, ok := r.inflight[k]; ok {
		r.mu.Unlock()
		<-c.done
		r.hits.Add(1)
		return c.html, copyErr(c.err)
	}
	c := &call{done: make(chan struct{})}
	r.inflight[k] = c
	r.mu.Unlock()

	// A render of the same formula may have finished between the lookup and
	// taking the lock; it stores into the cache before leaving inflight.
	html, ok := r.cache.get(k)
	if ok {
		r.hits.Add(1)
	} else {
		r.misses.Add(1)
		html, c.err = r.pool.render(src, display)
		if c.err == nil {
			r.cache.put(k, html)
		}
	}
	c.html = html

	r.mu.Lock()
	delete(r.inflight, k)
	r.mu.Unlock()
	close(c.done)
	return c.html, copyErr(c.err)
}

// copyErr gives each caller its own *Error, so that one caller changing it
// cannot surprise another waiting on the same render.
func copyErr(err error) error {
	if e, ok := err.(*Error); ok {
		e2 := *e
		return &e2
	}
	return err
}

// Flush writes the cache shards that gained entries since they were read to
// CacheDir, each atomically (temporary file, then rename). It does nothing
// without a CacheDir or when nothing is new. Call it once at the end of a
// build; calling it while Render runs is safe.
func (r *Renderer) Flush() error {
	return r.cache.flush()
}

// Stats returns how many Render calls were served without running KaTeX
// (from the cache, or by waiting on an identical concurrent render) and how
// many ran KaTeX.
func (r *Renderer) Stats() (hits, misses int64) {
	return r.hits.Load(), r.misses.Load()
}
