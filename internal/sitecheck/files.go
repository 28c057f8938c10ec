package sitecheck

import (
	"bytes"
	"compress/gzip"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// siteFile returns the file of dir a static host serves at the URL path
// rest (below the base path): the file itself, or a folder's index.html.
func siteFile(dir, rest string) (file string, ok bool) {
	name := strings.TrimPrefix(path.Clean("/"+rest), "/")
	full := filepath.Join(dir, filepath.FromSlash(name))
	st, err := os.Stat(full)
	if err != nil {
		return "", false
	}
	if !st.IsDir() {
		return name, true
	}
	if _, err := os.Stat(filepath.Join(full, "index.html")); err != nil {
		return "", false
	}
	if name == "" {
		return "index.html", true
	}
	return name + "/index.html", true
}

// weigher measures what a page loads: each file gzip-compressed, as a
// static host sends it.
type weigher struct {
	dir, base string // the site folder and its URL (origin and base path)

	mu    sync.Mutex
	sizes map[string][2]int // file → raw, gzip
}

func newWeigher(dir, base string) *weigher {
	return &weigher{dir: dir, base: base, sizes: map[string][2]int{}}
}

// weigh returns the gzip and raw sizes of the site's files among urls, and
// how many there are. URLs outside the site are not counted (any request
// to another host is a finding of its own).
func (w *weigher) weigh(urls []string) (gz, raw int, files []FileWeight) {
	seen := map[string]bool{}
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil {
			continue
		}
		p.RawQuery, p.Fragment = "", ""
		rest, ok := strings.CutPrefix(p.String(), w.base)
		if !ok {
			continue
		}
		rest, _ = url.PathUnescape(rest)
		file, ok := siteFile(w.dir, rest)
		if !ok || seen[file] {
			continue
		}
		seen[file] = true
		s := w.size(file)
		raw += s[0]
		gz += s[1]
		files = append(files, FileWeight{File: file, GzipBytes: s[1]})
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].GzipBytes > files[j].GzipBytes })
	return gz, raw, files
}

func (w *weigher) size(file string) [2]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if s, ok := w.sizes[file]; ok {
		return s
	}
	data, err := os.ReadFile(filepath.Join(w.dir, filepath.FromSlash(file)))
	if err != nil {
		return [2]int{}
	}
	s := [2]int{len(data), gzipSize(data)}
	w.sizes[file] = s
	return s
}

// gzipSize is the length of data gzip-compressed at the default level.
func gzipSize(data []byte) int {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return buf.Len()
}

// clickSelector clicks the first element matching the CSS selector.
func clickSelector(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(sel))
}
