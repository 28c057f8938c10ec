package server

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// contentTypes fixes the MIME type of the extensions a course uses, so that
// the host's mime.types cannot change them.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".map":   "application/json",
	".wasm":  "application/wasm",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".xml":   "application/xml",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".py":    "text/x-python; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".pdf":   "application/pdf",
	".zip":   "application/zip",
	".whl":   "application/zip",
	".gz":    "application/gzip",
	".tar":   "application/x-tar",
	".mp4":   "video/mp4",
	".webm":  "video/webm",
}

// ContentType returns the MIME type served for a file name: the fixed
// table first, then the host's, then application/octet-stream.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func isHTML(name string) bool { return strings.HasSuffix(name, ".html") }

// ServeHTTP serves the site, the error page, and the server's own files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !cleanRequest(r) {
		http.Error(w, "bad request: the path must be clean (no . or .. segments, backslashes, encoded slashes or NUL)", http.StatusBadRequest)
		return
	}
	p := r.URL.Path
	if own, ok := strings.CutPrefix(p, Reserved); ok {
		s.serveOwn(w, r, own)
		return
	}
	st := s.state.Load()
	if s.base != "/" {
		switch {
		case p == "/":
			http.Redirect(w, r, s.base, http.StatusFound)
			return
		case p == strings.TrimSuffix(s.base, "/"):
			redirect(w, r, s.base)
			return
		case !strings.HasPrefix(p, s.base):
			s.notFound(w, r, st)
			return
		}
	}
	rest := strings.TrimPrefix(p, s.base)
	if st.site == nil && st.problems == nil {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Retry-After", "1")
		http.Error(w, "the first build is still running", http.StatusServiceUnavailable)
		return
	}
	name, ok := s.lookup(st, rest)
	if !ok {
		if st.site != nil {
			if st.site.Has(path.Join(rest, "index.html")) && rest != "" {
				redirect(w, r, p+"/")
				return
			}
		}
		s.notFound(w, r, st)
		return
	}
	data, _ := st.site.File(name)
	if isHTML(name) {
		s.serveHTML(w, r, st, data, http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", ContentType(name))
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", etag(data))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// lookup maps the path below the base to a file of the current site:
// "" and "x/" to their index.html.
func (s *Server) lookup(st *state, rest string) (string, bool) {
	if st.site == nil {
		return "", false // notFound serves the error page
	}
	name := rest
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, st.site.Has(name)
}

// notFound answers 404.html with status 404 (the error page while broken).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	if st.site != nil {
		if page, ok := st.site.File("404.html"); ok {
			s.serveHTML(w, r, st, page, http.StatusNotFound)
			return
		}
	}
	if st.problems != nil {
		s.serveHTML(w, r, st, nil, http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.NotFound(w, r)
}

// serveHTML sends a page with the live client injected, or the error page
// while the build is broken.
func (s *Server) serveHTML(w http.ResponseWriter, r *http.Request, st *state, page []byte, status int) {
	h := w.Header()
	h.Set("Content-Type", contentTypes[".html"])
	h.Set("Cache-Control", "no-store")
	var body []byte
	if st.problems != nil {
		status = http.StatusInternalServerError
		body = st.errPage
		h.Set("ETag", etag(body))
	} else {
		tag := etag(page)
		h.Set("ETag", tag)
		body = inject(page, s.clientTag(st, tag, status))
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// clientTag is the script tag injected into every page.
func (s *Server) clientTag(st *state, etag string, status int) string {
	extra := ""
	if status == http.StatusNotFound {
		extra = " data-not-found"
	}
	return fmt.Sprintf(`<script src="%slive.js" data-id="%s" data-etag="%s" data-base="%s"%s></script>`,
		Reserved, st.id, strings.Trim(etag, `"`), s.base, extra)
}

// inject inserts tag just before the last </body>, or at the end.
func inject(page []byte, tag string) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = bytes.LastIndex(page, []byte("</BODY>"))
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// etag is a strong validator of data, quoted.
func etag(data []byte) string {
	return fmt.Sprintf(`"%08x-%x"`, crc32.Checksum(data, castagnoli), len(data))
}

// redirect sends a permanent redirect to target, keeping the query.
func redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, target, http.StatusMovedPermanently)
}

// cleanRequest reports whether the request path can only name a file of the
// site: absolute, no empty, "." or ".." segment, no backslash, NUL or
// encoded slash.
func cleanRequest(r *http.Request) bool {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	if strings.Contains(p, "//") {
		return false // an empty segment; "//host/x" could also redirect off-site
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	raw := strings.ToLower(r.URL.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return false
	}
	return true
}

// own files: the client script and the event stream.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "live.js":
		w.Header().Set("Content-Type", contentTypes[".js"])
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", clientETag)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(clientJS))
	case "events":
		s.serveEvents(w, r)
	default:
		w.Header().Set("Cache-Control", "no-store")
		http.NotFound(w, r)
	}
}
