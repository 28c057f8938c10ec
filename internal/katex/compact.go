package katex

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"io"
	"strings"
	"sync"
	"unsafe"
)

// A compact cache (Options.Compact) keeps each formula's HTML DEFLATE-
// compressed in memory, behind a NUL byte (KaTeX's HTML starts with '<'),
// against a dictionary of the markup KaTeX writes around every formula:
// about a tenth of the memory, for a few microseconds per cache hit. The
// preview keeps its cache for hours; at 1,000 lessons it held 35 MiB of
// formulas as plain strings.
const compactMark = "\x00"

// compactDict is KaTeX's usual markup, most common last (DEFLATE reaches
// back 32 KB; nearer matches cost fewer bits).
const compactDict = `<span class="vlist-s">` + "\u200b" + `</span></span><span class="vlist-r"><span class="vlist" style="height:0.15em;"><span></span></span></span></span></span>` +
	`<span class="mfrac"><span class="vlist-t vlist-t2"><span class="vlist-r"><span class="vlist" style="height:1.3214em;"><span style="top:-2.314em;"><span class="pstrut" style="height:3em;"></span><span class="mord">` +
	`<span class="frac-line" style="border-bottom-width:0.04em;"></span></span><span style="top:-3.677em;"><span class="pstrut" style="height:3em;"></span>` +
	`<span class="mopen nulldelimiter"></span><span class="mclose nulldelimiter"></span>` +
	`<span class="msupsub"><span class="vlist-t vlist-t2"><span class="vlist-r"><span class="vlist" style="height:0.3117em;"><span style="top:-2.55em;margin-left:0em;margin-right:0.05em;"><span class="pstrut" style="height:2.7em;"></span><span class="sizing reset-size6 size3 mtight"><span class="mord mathnormal mtight">` +
	`<span class="mspace" style="margin-right:0.2222em;"></span><span class="mbin">+</span><span class="mspace" style="margin-right:0.2778em;"></span><span class="mrel">=</span>` +
	`<span class="mopen">(</span><span class="mclose">)</span><span class="mpunct">,</span><span class="mop">` +
	`<mo stretchy="false">(</mo><mo stretchy="false">)</mo><mo>=</mo><mo>+</mo><mo>−</mo><mn>1</mn><mn>2</mn><mi>x</mi><mi>y</mi><mi>i</mi><mi>n</mi>` +
	`<msub><mi></mi></msub><msup><mi></mi><mn>2</mn></msup><mfrac><mrow></mrow></mfrac>` +
	`</mrow><annotation encoding="application/x-tex"></annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="strut" style="height:1em;vertical-align:-0.25em;"></span><span class="mord mathnormal">` +
	`<span class="katex-display"><span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow>` +
	`<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>`

var (
	compactWriters = sync.Pool{New: func() any {
		w, _ := flate.NewWriterDict(nil, 2, []byte(compactDict)) // level 2: BestSpeed ignores a dictionary; cannot fail
		return w
	}}
	compactReaders = sync.Pool{New: func() any {
		return flate.NewReaderDict(bytes.NewReader(nil), []byte(compactDict))
	}}
)

// compact returns html as a compact cache keeps it: the mark, the HTML's
// length (uvarint), and the HTML compressed.
func compact(html string) string {
	var buf bytes.Buffer
	buf.Grow(len(html)/6 + 16)
	buf.WriteString(compactMark)
	var n [binary.MaxVarintLen64]byte
	buf.Write(n[:binary.PutUvarint(n[:], uint64(len(html)))])
	w := compactWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	io.WriteString(w, html) // writes into a bytes.Buffer cannot fail
	w.Close()
	compactWriters.Put(w)
	return buf.String()
}

// expand returns the HTML of a cache entry, compact or plain.
func expand(entry string) string {
	z, ok := strings.CutPrefix(entry, compactMark)
	if !ok {
		return entry
	}
	size, w := binary.Uvarint([]byte(z[:min(len(z), binary.MaxVarintLen64)]))
	if w <= 0 {
		return "" // the cache wrote it: cannot happen
	}
	r := compactReaders.Get().(io.ReadCloser)
	defer compactReaders.Put(r)
	if err := r.(flate.Resetter).Reset(strings.NewReader(z[w:]), []byte(compactDict)); err != nil {
		return ""
	}
	html := make([]byte, size)
	if _, err := io.ReadFull(r, html); err != nil || size == 0 {
		return ""
	}
	return unsafe.String(&html[0], len(html)) // html is not written again
}
