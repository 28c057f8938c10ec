// Package server is the preview server of `course serve`: a static handler
// over a site held in memory, a Server-Sent Events stream that tells open
// tabs about each build, and the error page shown while the build is broken.
//
// # Serving
//
// A [Server] serves the files of the last good build, an *output.Site, under
// its base path (Options.BasePath, "/" unless the author asked for another):
//
//   - /x/ serves x/index.html; /x redirects to /x/ when x/index.html exists;
//   - anything else missing gets 404.html with status 404 (a plain 404 when
//     the site has none); a folder without index.html is missing: there are
//     no directory listings;
//   - a path with an empty, "." or ".." segment (decoded or
//     percent-encoded), a backslash, an encoded slash or a NUL byte is
//     refused with 400, so a request can never name anything but a file of
//     the site (nor redirect off it);
//   - the MIME type comes from the extension through a fixed table (see
//     [ContentType]): .wasm is application/wasm, .mjs text/javascript,
//     whatever the host's mime.types says;
//   - HTML is sent with Cache-Control: no-store and an ETag of its bytes;
//     other files with no-cache and an ETag, so a reload revalidates them.
//
// Every HTML response carries one extra tag just before </body>: the live
// client, <script src="/__course/live.js" ...>. Nothing else differs from
// the bytes `course build` writes. The server's own files live under the
// reserved root path /__course/, whatever the base path:
//
//	/__course/live.js   the client (shared event stream, reload, overlay)
//	/__course/events    the event stream
//
// # Builds
//
// [Server.Publish] swaps in the site of a good build atomically and tells
// every tab which pages changed; [Server.Fail] keeps the last good site and
// puts the server in the error state: every HTML request (a reload, a fresh
// tab, curl) gets the error page, status 500, listing each problem as
// file:line:col, message, hint and the source line with a caret, and every
// open tab shows the same list in an overlay. The next Publish ends the
// error state. The server holds its state in fields (no globals): the current
// site, the error, and the [Hub] of event streams.
//
// # Preview
//
// [Preview] is `course serve` without its command line: it watches the
// project (internal/watch), builds with build.Builder.Build, the pipeline
// `course build` uses, and calls Publish or Fail after every build,
// reporting each build once (to a writer, and to a callback for tests and
// scripts/serve-latency). It never writes public/.
//
// # Events
//
// /__course/events is a text/event-stream. On connecting, a client gets a
// "hello" event with the current state; then one event per build:
//
//	event: reload  data: {"id":…, "pages":[…], "assets":[…], "removed":{…}, "all":…}
//	event: error   data: {"id":…, "html":…, "problems":[…]}
//
// id names the server instance and build, pages lists the URLs whose HTML
// changed or appeared, removed maps each URL that disappeared to its nearest
// existing parent, assets lists the other files that changed (a tab that
// loaded one reloads), and all says the lists were too long to send (every
// page may have changed).
//
// The client (client/live.js) keeps one stream for all the tabs of a site:
// the tab holding a Web Lock named "course-live" opens it and relays each
// event to the others over a BroadcastChannel; without Web Locks or
// BroadcastChannel (a non-secure origin) every tab opens its own. A tab
// reloads when its page or a file it loaded changed, keeping its scroll
// position (sessionStorage), goes to the nearest parent when its page is
// gone, and shows the errors in an overlay (in a shadow root, so the
// theme's styles do not reach it) while the build is broken. Before a
// reload it dispatches "course:beforereload" on window, for components that
// keep unsaved state; every event is also dispatched as "course:live".
package server

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mlcourse/course/internal/output"
)

// Reserved is the root path of the server's own files.
const Reserved = "/__course/"

// Options configure a Server.
type Options struct {
	// BasePath is where the site is served: "/" or a path such as
	// "/ml-course/" (normalised to start and end with "/").
	BasePath string
	// Heartbeat is the interval of keep-alive comments on event streams
	// (15 s when zero).
	Heartbeat time.Duration
	// MaxPages caps the page list of a reload event (500 when zero);
	// longer lists are sent as "all".
	MaxPages int
}

// Server is the preview's http.Handler. Create it with New; it is safe for
// concurrent use.
type Server struct {
	base      string
	instance  string
	maxPages  int
	heartbeat time.Duration
	hub       *Hub

	mu    sync.Mutex // serialises Publish and Fail
	state atomic.Pointer[state]
}

// state is what requests read: replaced as a whole, never modified.
type state struct {
	build    uint64
	id       string
	site     *output.Site // last good site; nil before the first
	problems []Problem    // non-nil while the build is broken
	errPage  []byte       // the error page, while broken
	errEvent []byte       // the error event's JSON, while broken
}

// New returns a Server with no site yet: until the first Publish or Fail,
// pages answer 503.
func New(opts Options) *Server {
	base := "/" + strings.Trim(opts.BasePath, "/") + "/"
	if base == "//" {
		base = "/"
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	s := &Server{
		base:      base,
		instance:  hex.EncodeToString(rnd[:]),
		maxPages:  opts.MaxPages,
		heartbeat: opts.Heartbeat,
		hub:       NewHub(),
	}
	if s.maxPages <= 0 {
		s.maxPages = 500
	}
	if s.heartbeat <= 0 {
		s.heartbeat = 15 * time.Second
	}
	s.state.Store(&state{id: s.instance + "-0"})
	return s
}

// BasePath is the path the site is served under, starting and ending with "/".
func (s *Server) BasePath() string { return s.base }

// Hub is the server's hub of event streams.
func (s *Server) Hub() *Hub { return s.hub }

// Close ends every event stream and refuses new ones, so that an
// http.Server's Shutdown does not wait for them.
func (s *Server) Close() { s.hub.Close() }

// Reload is what a good build changed, as sent to the tabs.
type Reload struct {
	ID      string            `json:"id"`
	Pages   []string          `json:"pages"`             // URLs whose HTML changed or appeared
	Removed map[string]string `json:"removed,omitempty"` // URL gone → nearest existing parent
	All     bool              `json:"all,omitempty"`     // Pages or Assets was too long to send
	// Assets lists the URLs of the other files that changed, appeared or
	// disappeared; a tab reloads when it has loaded one of them.
	Assets []string `json:"assets,omitempty"`
	// Files counts every file that changed, appeared or disappeared.
	Files int `json:"files"`
}

// Publish makes site the one served, ends the error state, and tells every
// tab what changed since the previous good build. site must not be modified
// afterwards.
func (s *Server) Publish(site *output.Site) Reload {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.state.Load()
	st := &state{build: old.build + 1, site: site}
	st.id = s.instance + "-" + strconv.FormatUint(st.build, 10)
	ev := s.diff(old.site, site)
	ev.ID = st.id
	s.state.Store(st)
	data, _ := json.Marshal(ev)
	s.hub.Publish(Event{Name: "reload", ID: st.id, Data: data})
	return ev
}

// Fail puts the server in the error state with problems (which should
// hold at least one error), keeping the last good site for files other than
// HTML, and shows the problems in every tab.
func (s *Server) Fail(problems []Problem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.state.Load()
	if problems == nil {
		problems = []Problem{}
	}
	st := &state{build: old.build + 1, site: old.site, problems: problems}
	st.id = s.instance + "-" + strconv.FormatUint(st.build, 10)
	frag := overlayHTML(problems)
	st.errPage = errorPage(st.id, s.base, frag, problems)
	st.errEvent, _ = json.Marshal(struct {
		ID       string    `json:"id"`
		HTML     string    `json:"html"`
		Problems []Problem `json:"problems"`
	}{st.id, frag, problems})
	s.state.Store(st)
	s.hub.Publish(Event{Name: "error", ID: st.id, Data: st.errEvent})
}

// Broken reports whether the server is in the error state.
func (s *Server) Broken() bool { return s.state.Load().problems != nil }

// diff compares two sites. A nil old site changed everything.
func (s *Server) diff(old, cur *output.Site) Reload {
	ev := Reload{Pages: []string{}}
	var oldFiles map[string][]byte
	if old != nil {
		oldFiles = old.Files
	}
	// A lazy file (a print page) not shared with the old site changed:
	// it is made from other parts, and is not made to be compared.
	for _, p := range slices.Concat(changedFiles(oldFiles, cur.Files), cur.LazyChanged(old)) {
		ev.Files++
		if isHTML(p) {
			ev.Pages = append(ev.Pages, s.pageURL(p))
		} else {
			ev.Assets = append(ev.Assets, s.base+p)
		}
	}
	var oldPaths []string
	if old != nil {
		oldPaths = old.Paths()
	}
	for _, p := range oldPaths {
		if cur.Has(p) {
			continue
		}
		ev.Files++
		if !isHTML(p) {
			ev.Assets = append(ev.Assets, s.base+p)
			continue
		}
		if ev.Removed == nil {
			ev.Removed = map[string]string{}
		}
		u := s.pageURL(p)
		ev.Removed[u] = s.nearest(cur, u)
	}
	if len(ev.Pages) > s.maxPages || len(ev.Assets) > s.maxPages {
		ev.Pages, ev.Assets, ev.All = []string{}, nil, true
	}
	slices.Sort(ev.Pages)
	slices.Sort(ev.Assets)
	return ev
}

// changedFiles returns the paths of cur whose bytes differ from old's, or
// that old lacks. Large sites are compared on every core: on 1,000 pages
// the comparison is tens of megabytes.
func changedFiles(old, cur map[string][]byte) []string {
	paths := make([]string, 0, len(cur))
	for p := range cur {
		paths = append(paths, p)
	}
	differs := func(p string) bool {
		ob, ok := old[p]
		return !ok || !same(ob, cur[p])
	}
	workers := min(runtime.GOMAXPROCS(0), len(paths)/256)
	if workers < 2 {
		return slices.DeleteFunc(paths, func(p string) bool { return !differs(p) })
	}
	found := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths); i += workers {
				if differs(paths[i]) {
					found[w] = append(found[w], paths[i])
				}
			}
		})
	}
	wg.Wait()
	return slices.Concat(found...)
}

// same reports whether two files hold the same bytes; a file a build
// carried over from the previous one (the same slice) costs no comparison.
func same(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// pageURL is the URL of an HTML file of the site: x/index.html → /base/x/.
func (s *Server) pageURL(file string) string {
	if file == "index.html" {
		return s.base
	}
	if dir, ok := strings.CutSuffix(file, "/index.html"); ok {
		return s.base + dir + "/"
	}
	return s.base + file
}

// nearest returns the URL of the closest ancestor of the page at url that
// site has, ending at the base path.
func (s *Server) nearest(site *output.Site, url string) string {
	rest := strings.Trim(strings.TrimPrefix(url, s.base), "/")
	for rest != "" {
		i := strings.LastIndexByte(rest, '/')
		if i < 0 {
			rest = ""
		} else {
			rest = rest[:i]
		}
		if rest == "" {
			break
		}
		if site.Has(rest + "/index.html") {
			return s.base + rest + "/"
		}
	}
	return s.base
}

// hello is the state a client gets when it connects.
func (st *state) hello() []byte {
	var errEv json.RawMessage
	if st.errEvent != nil {
		errEv = st.errEvent
	}
	data, _ := json.Marshal(struct {
		ID    string          `json:"id"`
		Error json.RawMessage `json:"error"`
	}{st.id, errEv})
	return data
}
