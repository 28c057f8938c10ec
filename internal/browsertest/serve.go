package browsertest

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var addMIMETypes = sync.OnceFunc(func() {
	// Go's built-in table and /etc/mime.types do not agree everywhere;
	// a browser refuses to compile WebAssembly or run a module served
	// with the wrong type.
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".mjs", "text/javascript; charset=utf-8")
})

// ServeDir serves dir at http://127.0.0.1:<port><prefix> for the life of t
// and returns that base URL (ending in "/"). See [StaticHandler].
func ServeDir(t testing.TB, dir, prefix string) (baseURL string) {
	t.Helper()
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("browsertest: ServeDir: %s is not a folder (%v)", dir, err)
	}
	// httptest listens on 127.0.0.1, port 0.
	srv := httptest.NewServer(StaticHandler(dir, prefix))
	t.Cleanup(srv.Close)
	return srv.URL + normPrefix(prefix)
}

// StaticHandler serves dir under prefix as a plain static host does (GitHub
// Pages): http.StripPrefix(prefix, http.FileServer(http.Dir(dir))), except
// that anything missing — outside prefix, a file that does not exist, a
// folder without index.html — gets dir/404.html with status 404 (or a plain
// 404 when there is no such page), and the prefix without its final slash
// redirects to the prefix. .wasm and .mjs files get their proper MIME types.
func StaticHandler(dir, prefix string) http.Handler {
	addMIMETypes()
	prefix = normPrefix(prefix)
	root := http.Dir(dir)
	files := http.StripPrefix(prefix, http.FileServer(root))
	notFound := func(w http.ResponseWriter, r *http.Request) {
		page, err := os.ReadFile(filepath.Join(dir, "404.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			_, _ = w.Write(page)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if prefix != "/" && r.URL.Path == strings.TrimSuffix(prefix, "/") {
			http.Redirect(w, r, prefix, http.StatusMovedPermanently)
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok || !exists(root, rest) {
			notFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// exists reports whether name is a file of root, or a folder of root with an
// index.html.
func exists(root http.FileSystem, name string) bool {
	name = path.Clean("/" + name)
	f, err := root.Open(name)
	if err != nil {
		return false
	}
	st, err := f.Stat()
	f.Close()
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return true
	}
	idx, err := root.Open(path.Join(name, "index.html"))
	if err != nil {
		return false
	}
	idx.Close()
	return true
}

// normPrefix makes prefix start and end with "/".
func normPrefix(prefix string) string {
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	if prefix == "//" {
		return "/"
	}
	return prefix
}
