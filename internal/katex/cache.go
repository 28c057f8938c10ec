package katex

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// A shard file is
//
//	magic        the bytes of cacheMagic
//	fingerprint  32 bytes: sha256 of the format, Version, katex.min.js, render.js
//	size         uvarint: the length of the entries, uncompressed
//	body         DEFLATE of the entries, sorted by key: key (32 bytes), uvarint length, HTML
//	checksum     32 bytes: sha256 of everything before it
//
// KaTeX's HTML is repetitive and compresses about tenfold, which keeps a
// course's cache in tens of megabytes rather than hundreds.
const (
	cacheMagic = "mlcourse katex cache\n"
	numShards  = 64
)

var fingerprint = sync.OnceValue(func() [sha256.Size]byte {
	h := sha256.New()
	for _, s := range []string{cacheMagic, "format 2", Version, katexJS, katexPatch[0], katexPatch[1], renderJS} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	var fp [sha256.Size]byte
	h.Sum(fp[:0])
	return fp
})

type cache struct {
	dir     string // "" = memory only
	compact bool   // keep entries compressed in memory (see compact.go)
	shards  [numShards]shard
}

type shard struct {
	load  sync.Once // reads the file, once, on first use
	mu    sync.Mutex
	m     map[key]string
	dirty bool // has entries the file lacks
}

func newCache(dir string, compactEntries bool) (*cache, error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("katex: cache directory: %w", err)
		}
	}
	return &cache{dir: dir, compact: compactEntries}, nil
}

func (c *cache) path(i int) string {
	return filepath.Join(c.dir, fmt.Sprintf("katex-%02x.cache", i))
}

func (c *cache) shard(k key) *shard {
	i := int(k[0]) % numShards
	s := &c.shards[i]
	s.load.Do(func() {
		m := map[key]string(nil)
		if c.dir != "" {
			m = readShard(c.path(i), i)
		}
		if c.compact {
			for k, html := range m {
				m[k] = compact(html) // and the shard's one string can go
			}
		}
		if m == nil {
			m = make(map[key]string)
		}
		s.mu.Lock()
		s.m = m
		s.mu.Unlock()
	})
	return s
}

func (c *cache) get(k key) (string, bool) {
	s := c.shard(k)
	s.mu.Lock()
	entry, ok := s.m[k]
	s.mu.Unlock()
	if !ok {
		return "", false
	}
	html := expand(entry)
	return html, html != "" // an entry that cannot be expanded is a miss: render again
}

func (c *cache) put(k key, html string) {
	s := c.shard(k)
	if c.compact {
		html = compact(html)
	}
	s.mu.Lock()
	if _, ok := s.m[k]; !ok {
		s.m[k] = html
		s.dirty = true
	}
	s.mu.Unlock()
}

// readShard returns the entries of shard file i, or nil if the file is
// missing, unreadable, corrupt, foreign or from another KaTeX or render.js.
func readShard(path string, i int) map[key]string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	m, err := decodeShard(data, i)
	if err != nil {
		return nil
	}
	return m
}

var errCorrupt = errors.New("corrupt cache shard")

func decodeShard(data []byte, i int) (map[key]string, error) {
	fp := fingerprint()
	head := len(cacheMagic) + len(fp)
	if len(data) < head+sha256.Size {
		return nil, errCorrupt
	}
	sumAt := len(data) - sha256.Size
	if string(data[:len(cacheMagic)]) != cacheMagic || !bytes.Equal(data[len(cacheMagic):head], fp[:]) {
		return nil, errCorrupt
	}
	if sum := sha256.Sum256(data[:sumAt]); !bytes.Equal(sum[:], data[sumAt:]) {
		return nil, errCorrupt
	}
	size, w := binary.Uvarint(data[head:sumAt])
	body := data[head+max(w, 0) : sumAt]
	// DEFLATE cannot expand more than 1032 times: a larger size is a lie.
	if w <= 0 || size > 1032*uint64(len(body)) {
		return nil, errCorrupt
	}
	// One string for the whole shard, written once; entries are substrings.
	var sb strings.Builder
	sb.Grow(int(size))
	n, err := io.Copy(&sb, io.LimitReader(flate.NewReader(bytes.NewReader(body)), int64(size)+1))
	if err != nil || n != int64(size) {
		return nil, errCorrupt
	}
	all := sb.String()
	m := make(map[key]string)
	for p := 0; p < len(all); {
		if len(all)-p < len(key{}) {
			return nil, errCorrupt
		}
		var k key
		copy(k[:], all[p:])
		p += len(k)
		n, w := binary.Uvarint([]byte(all[p:min(p+binary.MaxVarintLen64, len(all))]))
		if w <= 0 || n > uint64(len(all)-p-w) {
			return nil, errCorrupt
		}
		p += w
		if int(k[0])%numShards != i {
			return nil, errCorrupt
		}
		m[k] = all[p : p+int(n)]
		p += int(n)
	}
	return m, nil
}

func encodeShard(m map[key]string) []byte {
	keys := make([]key, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return bytes.Compare(a[:], b[:]) })

	fp := fingerprint()
	var buf bytes.Buffer
	buf.WriteString(cacheMagic)
	buf.Write(fp[:])
	var n [binary.MaxVarintLen64]byte
	size := 0
	plain := make(map[key]string, len(m))
	for k, html := range m {
		plain[k] = expand(html)
	}
	m = plain
	for _, k := range keys {
		size += len(k) + binary.PutUvarint(n[:], uint64(len(m[k]))) + len(m[k])
	}
	buf.Write(n[:binary.PutUvarint(n[:], uint64(size))])
	zw, _ := flate.NewWriter(&buf, flate.BestSpeed) // cannot fail for a valid level
	for _, k := range keys {
		html := m[k]
		zw.Write(k[:])
		zw.Write(n[:binary.PutUvarint(n[:], uint64(len(html)))])
		io.WriteString(zw, html)
	}
	zw.Close() // writes into a bytes.Buffer cannot fail
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	return buf.Bytes()
}

func (c *cache) flush() error {
	if c.dir == "" {
		return nil
	}
	var errs []error
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		if !s.dirty {
			s.mu.Unlock()
			continue
		}
		snapshot := maps.Clone(s.m)
		s.dirty = false
		s.mu.Unlock()

		if err := writeFileAtomic(c.path(i), encodeShard(snapshot)); err != nil {
			errs = append(errs, err)
			s.mu.Lock()
			s.dirty = true
			s.mu.Unlock()
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("katex: writing cache: %w", errors.Join(errs...))
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
