package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"sync"

	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/markdown"
	"github.com/mlcourse/course/internal/output"
)

// PageCache lets a rebuild carry a page over from the previous build
// instead of converting and rendering it again. For each page it keeps the
// key of everything the page's output depends on, and what the rest of the
// build needs of the page (link targets, anchors, search text).
//
// A page is carried over only when its key is unchanged AND the sink can
// reuse the previous build's file (output.Reuser). The key of a page hashes
// the course-wide inputs (the program, the configuration, every theme file,
// the generated static files, and every page's place, title, summary and
// reading time, which the sidebar and pager show) and the page's own
// (front matter and body). Pages with problems are never cached, so a
// build with errors always reports them again.
type PageCache struct {
	// Stamp identifies the build the entries describe; the output folder's
	// marker carries the same stamp, so a cache is used only with the
	// output it was made with.
	Stamp   string
	Entries map[string]*PageEntry // by page file
	// shards are the search index's shards, by the file of their first
	// page (in memory only: gob skips them).
	shards map[string]*searchShard
	// memos are what depends on no page's own text (the search and 404
	// pages, print pages' skeletons, sidebars), by output path or
	// "sidebar KEY" (in memory only): a rebuild keeps them while their
	// memoKey is unchanged.
	memos map[string]extraMemo
	// heads are the search index's page entries, by page file (in
	// memory only; see searchHead).
	heads map[string]searchHeadMemo
}

// extraMemo is what a build keeps of a page made by extras or a print
// page's skeleton or a sidebar: the key it was made with, and what was
// made.
type extraMemo struct {
	key    string
	splice *printSplice // a print page's skeleton
	text   string       // a sidebar
}

// memoKey is the key of the extra page or print skeleton out: the inputs
// every page depends on (the global key), and which of the sections are
// empty (a print page's template leaves those out).
func (b *builder) memoKey(out string, sections [][]byte) string {
	var sb strings.Builder
	sb.Grow(len(b.global) + len(out) + 2 + len(sections))
	sb.WriteString(b.global)
	sb.WriteByte(0)
	sb.WriteString(out)
	sb.WriteByte(0)
	for _, s := range sections {
		if len(s) == 0 {
			sb.WriteByte('0')
		} else {
			sb.WriteByte('1')
		}
	}
	return sb.String()
}

// memo returns the last build's memo of out when it was made with key.
func (b *builder) memo(out, key string) extraMemo {
	if b.global == "" || b.opts.Cache == nil {
		return extraMemo{}
	}
	if m := b.opts.Cache.memos[out]; m.key == key {
		return m
	}
	return extraMemo{}
}

// keepMemos returns this build's memos for the next build: those it
// made or used, and the last build's others that are still valid (a
// page carried over keeps what it was made from).
func (b *builder) keepMemos() map[string]extraMemo {
	if b.opts.Cache != nil && b.global != "" {
		for out, m := range b.opts.Cache.memos {
			if _, ok := b.memos[out]; !ok && strings.HasPrefix(m.key, b.global+"\x00") {
				b.remember(out, m)
			}
		}
	}
	return b.memos
}

// remember keeps m for the next build.
func (b *builder) remember(out string, m extraMemo) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.memos == nil {
		b.memos = map[string]extraMemo{}
	}
	b.memos[out] = m
}

// PageEntry is what the cache keeps of one page.
type PageEntry struct {
	Key    string
	Links  []markdown.Link
	IDs    []string
	Search [][]byte // the page's search-index sections, encoded
	// Files are the files a notebook page wrote beside itself (its
	// images), carried over with it.
	Files []string
	// html is the page's converted markdown as print pages show it (its
	// ids prefixed), kept (in memory only: gob skips it) when
	// Options.KeepHTML is set, so that print pages can be rendered again
	// without converting or rewriting carried-over pages. It is part of
	// the module's print page, which the site keeps anyway.
	html []byte
	// body is rendered.body, kept with html (in memory only).
	body []byte
	// idSet holds IDs, for the link check (in memory only).
	idSet map[string]bool
}

// globalKey hashes the inputs every page depends on.
func (b *builder) globalKey() []byte {
	d := digest{h: sha256.New(), buf: make([]byte, 0, 8<<10+512)}
	d.str("course page cache v1\x00", b.opts.CodeVersion, "\x00", b.opts.InputsKey, "\x00")
	cfg, _ := json.Marshal(b.c.Config)
	d.buf = append(d.buf, cfg...)
	d.str("\x00", b.themeDigest, "\x00") // every theme file and generated static file
	for _, p := range b.c.Pages {
		d.str("\x00page ", p.File, "\x00", p.URL, "\x00", p.Meta.Title, "\x00", p.Meta.Summary, "\x00")
		d.int(b.minutes(p))
		d.str("\x00")
		d.int(int(p.Kind))
	}
	for _, a := range b.c.Assets {
		d.str("\x00asset ", a.Src, " ", a.URL)
	}
	return d.sum()
}

// digest writes strings and numbers into a hash without fmt's cost (a
// key digests every page's place on every build), through a buffer: the
// hash has no WriteString, and converting each string would copy it.
type digest struct {
	h   hash.Hash
	buf []byte
}

func (d *digest) str(parts ...string) {
	for _, s := range parts {
		d.buf = append(d.buf, s...)
	}
	if len(d.buf) >= 8<<10 {
		d.flush()
	}
}

func (d *digest) int(n int) {
	d.buf = strconv.AppendInt(d.buf, int64(n), 10)
}

func (d *digest) flush() {
	d.h.Write(d.buf)
	d.buf = d.buf[:0]
}

// sum flushes the buffer and returns the hash.
func (d *digest) sum() []byte {
	d.flush()
	return d.h.Sum(nil)
}

// pageKey hashes a page's own inputs (own: see pageDigest) on top of the
// global key. The global key and the page's own digest are everything a
// page's output depends on: this is the one place that says so.
func pageKey(global []byte, own [32]byte) string {
	h := sha256.New()
	h.Write(global)
	h.Write(own[:])
	return hex.EncodeToString(h.Sum(nil))
}

// pageDigest hashes a page's front matter and body.
func pageDigest(p *content.Page) [32]byte {
	h := sha256.New()
	meta, _ := json.Marshal(p.Meta)
	h.Write(meta)
	fmt.Fprintf(h, "\x00%d\x00", len(p.Body))
	h.Write(p.Body)
	if p.Notebook != nil {
		// Its body holds markers where the cells go: the cells and
		// outputs are in the file.
		fmt.Fprintf(h, "\x00notebook %d\x00", len(p.Notebook.Src))
		h.Write(p.Notebook.Src)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// pageSums returns, for every page, its word count (estimated from the
// source) and its own digest: from the ThemeCache for pages whose file did
// not change (the same Src slice, and the same title: a home page without
// one takes the course's), computed for the others.
func (b *builder) pageSums() {
	tc := b.opts.ThemeCache
	var prev map[string]pageSum
	if tc != nil {
		tc.mu.Lock()
		prev = tc.pages
		tc.mu.Unlock()
	}
	b.words = make(map[*content.Page]int, len(b.c.Pages))
	b.own = make(map[*content.Page][32]byte, len(b.c.Pages))
	next := make(map[string]pageSum, len(b.c.Pages))
	var mu sync.Mutex
	parallel(len(b.c.Pages), b.opts.Workers, func(i int) {
		p := b.c.Pages[i]
		e, ok := prev[p.File]
		if !ok || len(p.Src) == 0 || !sameBytes(e.src, p.Src) || e.title != p.Meta.Title {
			e = pageSum{src: p.Src, title: p.Meta.Title, words: estimateWords(p.Body), own: pageDigest(p)}
		}
		mu.Lock()
		b.words[p], b.own[p] = e.words, e.own
		if len(p.Src) > 0 {
			next[p.File] = e
		}
		mu.Unlock()
	})
	if tc != nil {
		tc.mu.Lock()
		tc.pages = next
		tc.mu.Unlock()
	}
}

// cached returns the previous entry of p when its key is unchanged.
func (b *builder) cached(p *content.Page, key string) *PageEntry {
	if b.opts.Cache == nil || b.opts.Cache.Entries == nil {
		return nil
	}
	e := b.opts.Cache.Entries[p.File]
	if e == nil || e.Key != key {
		return nil
	}
	return e
}

// reuse asks the sink to carry path over from the previous build.
func (b *builder) reuse(path string) bool {
	r, ok := b.sink.(output.Reuser)
	if !ok || b.opts.Cache == nil {
		return false
	}
	if !r.Reuse(path) {
		return false
	}
	b.mu.Lock()
	b.written[path] = true
	b.mu.Unlock()
	return true
}

// stamp digests every page key: identical inputs give identical stamps.
func stamp(entries []string) string {
	d := digest{h: sha256.New(), buf: make([]byte, 0, 8<<10+512)}
	for _, k := range entries {
		d.int(len(k))
		d.str(":", k)
	}
	return hex.EncodeToString(d.sum())
}
