package katex

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// cachedRenderer returns a Renderer on dir that borrows the shared VMs.
func cachedRenderer(t *testing.T, dir string) *Renderer {
	t.Helper()
	r, err := New(Options{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	r.pool = sharedRenderer(t).pool
	return r
}

// readDir returns the name and content of each file in dir.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string][]byte)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func TestCache_persists_formulas_across_renderers(t *testing.T) {
	cases := fewFormulas(t)
	dir := filepath.Join(t.TempDir(), "math") // New creates it

	r1 := cachedRenderer(t, dir)
	for _, c := range cases {
		if _, err := r1.Render(c.Src, c.Display); err != nil {
			t.Fatal(err)
		}
	}
	if hits, misses := r1.Stats(); hits != 0 || misses != int64(len(cases)) {
		t.Fatalf("first renderer: Stats() = %d, %d; want 0 hits, %d misses", hits, misses, len(cases))
	}
	if err := r1.Flush(); err != nil {
		t.Fatal(err)
	}
	files := readDir(t, dir)
	if len(files) == 0 || len(files) > numShards {
		t.Fatalf("Flush wrote %d files, want 1 to %d", len(files), numShards)
	}
	for name := range files {
		if !strings.HasPrefix(name, "katex-") || !strings.HasSuffix(name, ".cache") {
			t.Errorf("unexpected file %s in the cache directory", name)
		}
	}

	// A second renderer gets every formula from disk, without a VM.
	r2, err := New(Options{CacheDir: dir, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		html, err := r2.Render(c.Src, c.Display)
		if err != nil || html != c.HTML {
			t.Fatalf("cached Render(%q) = %.40q, %v; want node's output", c.Src, html, err)
		}
	}
	if hits, misses := r2.Stats(); hits != int64(len(cases)) || misses != 0 {
		t.Errorf("second renderer: Stats() = %d, %d; want %d hits, 0 misses", hits, misses, len(cases))
	}
	if n := r2.pool.started.Load(); n != 0 {
		t.Errorf("second renderer started %d VMs, want none", n)
	}

	// Nothing new: Flush leaves the files alone.
	before := make(map[string]os.FileInfo)
	for name := range files {
		fi, _ := os.Stat(filepath.Join(dir, name))
		before[name] = fi
	}
	if err := r2.Flush(); err != nil {
		t.Fatal(err)
	}
	for name, fi := range before {
		now, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !now.ModTime().Equal(fi.ModTime()) || !os.SameFile(now, fi) {
			t.Errorf("Flush with nothing new rewrote %s", name)
		}
	}

	// The same formulas, rendered in another order, give the same bytes.
	dir3 := t.TempDir()
	r3 := cachedRenderer(t, dir3)
	for _, c := range slices.Backward(cases) {
		if _, err := r3.Render(c.Src, c.Display); err != nil {
			t.Fatal(err)
		}
	}
	if err := r3.Flush(); err != nil {
		t.Fatal(err)
	}
	files3 := readDir(t, dir3)
	if len(files3) != len(files) {
		t.Fatalf("same formulas in another order: %d files, want %d", len(files3), len(files))
	}
	for name, b := range files {
		if !bytes.Equal(files3[name], b) {
			t.Errorf("%s differs when the formulas are rendered in another order", name)
		}
	}
}

func TestCache_flush_without_CacheDir_or_news_writes_nothing(t *testing.T) {
	r := sharedRenderer(t) // memory only
	if err := r.Flush(); err != nil {
		t.Errorf("Flush without CacheDir: %v", err)
	}
	dir := t.TempDir()
	r2 := cachedRenderer(t, dir)
	if err := r2.Flush(); err != nil {
		t.Fatal(err)
	}
	if files := readDir(t, dir); len(files) != 0 {
		t.Errorf("Flush with nothing rendered wrote %d files", len(files))
	}
}

// shardWith returns the bytes of a shard file: magic, fingerprint fp, the
// size and DEFLATE of body, and a correct checksum.
func shardWith(fp []byte, body []byte) []byte {
	return shardSized(fp, len(body), body)
}

// shardSized is shardWith with size as the uncompressed size it claims.
func shardSized(fp []byte, size int, body []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString(cacheMagic)
	buf.Write(fp)
	buf.Write(binary.AppendUvarint(nil, uint64(size)))
	zw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	zw.Write(body)
	zw.Close()
	sum := sha256.Sum256(buf.Bytes())
	return append(buf.Bytes(), sum[:]...)
}

func TestCache_ignores_corrupt_or_foreign_files(t *testing.T) {
	const src = `\sum_{i=1}^n x_i`
	k := keyOf(src, false)
	shardIdx := int(k[0]) % numShards
	fp := fingerprint()

	// A valid shard holding src, with HTML no render would give.
	valid := encodeShard(map[key]string{k: "<span>cached</span>"})
	if m, err := decodeShard(valid, shardIdx); err != nil || m[k] != "<span>cached</span>" {
		t.Fatalf("decodeShard(encodeShard(...)) = %v, %v", m, err)
	}
	flipped := bytes.Clone(valid)
	flipped[len(flipped)/2] ^= 0x40
	otherFP := bytes.Clone(fp[:])
	otherFP[0] ^= 1
	entry := append(k[:], 200) // claims 200 bytes of HTML, has none

	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"garbage", []byte("this is not a cache file at all, but it is long enough to look like one")},
		{"truncated", valid[:len(valid)-10]},
		{"one_bit_flipped", flipped},
		{"another_version", shardWith(otherFP, append(k[:], 5, 'h', 't', 'm', 'l', '!'))},
		{"entry_overruns_body", shardWith(fp[:], entry)},
		{"key_of_another_shard", shardWith(fp[:], slices.Concat(k[:], []byte{1, 'x'}, bytes.Repeat([]byte{byte(shardIdx + 1)}, 32), []byte{1, 'x'}))},
		{"half_a_key", shardWith(fp[:], k[:10])},
		{"size_too_small", shardSized(fp[:], 34, slices.Concat(k[:], []byte{2, 'x', 'y'}))},
		{"size_too_large", shardSized(fp[:], 36, slices.Concat(k[:], []byte{2, 'x', 'y'}))},
		{"size_absurd", shardSized(fp[:], 1<<40, slices.Concat(k[:], []byte{2, 'x', 'y'}))},
		{"not_deflate", func() []byte {
			b := []byte(cacheMagic)
			b = append(b, fp[:]...)
			b = append(b, 16)
			b = append(b, "raw, not deflate"...)
			sum := sha256.Sum256(b)
			return append(b, sum[:]...)
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			name := filepath.Join(dir, filepathBase(shardIdx))
			if err := os.WriteFile(name, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := cachedRenderer(t, dir)
			html, err := r.Render(src, false)
			if err != nil || !strings.HasPrefix(html, `<span class="katex">`) {
				t.Fatalf("Render over a %s cache file = %.40q, %v", tt.name, html, err)
			}
			if hits, misses := r.Stats(); hits != 0 || misses != 1 {
				t.Errorf("Stats() = %d, %d; want the file ignored: 0 hits, 1 miss", hits, misses)
			}
			if err := r.Flush(); err != nil {
				t.Fatal(err)
			}
			// The file is replaced with a good one.
			r2 := cachedRenderer(t, dir)
			if got, err := r2.Render(src, false); err != nil || got != html {
				t.Errorf("after Flush: Render = %.40q, %v", got, err)
			}
			if hits, _ := r2.Stats(); hits != 1 {
				t.Errorf("after Flush: %d hits, want 1", hits)
			}
		})
	}

	// The same files, made right, are used: the cases above fail for the
	// reason their names give.
	for name, data := range map[string][]byte{
		"encodeShard": valid,
		"shardWith":   shardWith(fp[:], slices.Concat(k[:], []byte{19}, []byte("<span>cached</span>"))),
	} {
		t.Run("valid_file_from_"+name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, filepathBase(shardIdx)), data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := cachedRenderer(t, dir)
			if got, err := r.Render(src, false); err != nil || got != "<span>cached</span>" {
				t.Errorf("Render = %q, %v; want the cached HTML", got, err)
			}
		})
	}
}

func filepathBase(shard int) string {
	return filepath.Base((&cache{dir: "."}).path(shard))
}

// A compact cache answers with the same HTML from a tenth of the memory,
// writes the same files as a plain one, and reads a plain one's files.
func TestCache_compact_keeps_formulas_compressed(t *testing.T) {
	cases := fewFormulas(t)
	plainDir, compactDir := t.TempDir(), t.TempDir()
	plain := cachedRenderer(t, plainDir)
	comp, err := New(Options{CacheDir: compactDir, Compact: true})
	if err != nil {
		t.Fatal(err)
	}
	comp.pool = sharedRenderer(t).pool
	for _, c := range cases {
		for _, r := range []*Renderer{plain, comp, comp} { // the second: a hit
			if html, err := r.Render(c.Src, c.Display); err != nil || html != c.HTML {
				t.Fatalf("Render(%q) = %.40q, %v; want node's output", c.Src, html, err)
			}
		}
	}
	var raw, kept int
	for i := range comp.cache.shards {
		for k, entry := range comp.cache.shards[i].m {
			if !strings.HasPrefix(entry, compactMark) {
				t.Fatalf("entry %x is kept plain", k[:4])
			}
			raw += len(expand(entry))
			kept += len(entry)
		}
	}
	t.Logf("%d bytes of HTML kept in %d", raw, kept)
	if kept*6 > raw {
		t.Errorf("compact entries hold %d bytes for %d of HTML: less than 6 times smaller", kept, raw)
	}
	for _, r := range []*Renderer{plain, comp} {
		if err := r.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	pf, cf := readDir(t, plainDir), readDir(t, compactDir)
	if len(pf) != len(cf) {
		t.Fatalf("%d files from the compact cache, %d from the plain one", len(cf), len(pf))
	}
	for name, b := range pf {
		if !bytes.Equal(cf[name], b) {
			t.Errorf("%s differs between the compact and the plain cache", name)
		}
	}
	// A compact renderer on a plain cache's files answers from them.
	again, err := New(Options{CacheDir: plainDir, Compact: true, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if html, err := again.Render(c.Src, c.Display); err != nil || html != c.HTML {
			t.Fatalf("compact Render(%q) from disk = %.40q, %v", c.Src, html, err)
		}
	}
	if hits, misses := again.Stats(); misses != 0 || hits != int64(len(cases)) {
		t.Errorf("from disk: %d hits, %d misses", hits, misses)
	}
}
