// Package browsertest runs tests in a real headless Chromium, for any package
// of the course: the site's smoke test, and later the interactive components
// (editor, runner, quizzes).
//
// # Starting the browser
//
// [Start] finds Chromium and starts it for one test; its subtests share it and
// open a fresh [Tab] each with [Browser.NewTab]. The browser is looked up as
// $CHROMIUM, then chromium, chromium-browser and google-chrome on PATH, then
// /usr/bin/chromium. When there is none the test is skipped with a loud
// message, except when the environment has CI=true: then a missing browser
// fails the test, so that CI never passes by skipping. A $CHROMIUM that
// names no program always fails.
//
// Chromium starts with exactly these flags (see [Flags]), a fresh
// --user-data-dir in t.TempDir(), and HOME (and the XDG folders) pointing at
// another temporary folder, so a test run reads and writes nothing of the
// user's:
//
//	--headless --no-sandbox --disable-gpu --disable-dev-shm-usage
//	--disable-quic --disable-background-networking --disable-component-update
//	--no-first-run --disable-sync
//	--host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
//
// chromedp's default options are not used, so nothing contradicts that
// list; chromedp only adds the pipe it talks over, about:blank and the window
// size. The host resolver rule makes every host name but 127.0.0.1
// unresolvable: a page that reaches for the internet fails loudly instead of
// depending on it.
//
// Every browser has an overall deadline ([DefaultTimeout], or
// [Options.Timeout], cut short by the deadline of go test -timeout): a hang
// fails the test instead of blocking CI. The browser, its tabs and its folders
// go away in t.Cleanup.
//
// # What a tab watches
//
// A Tab records, from its first event, everything that should not happen on
// a page of a static site (see [Problem]):
//
//   - console.error, console.warn and failed console.assert calls;
//   - uncaught exceptions and unhandled promise rejections;
//   - browser log entries of level error (blocked or failed loads, CSP, …);
//   - failed requests, and responses with a status of 400 or more;
//   - requests to any host other than 127.0.0.1.
//
// Requests the browser cancels itself (net::ERR_ABORTED when the page
// navigates away) are not problems. [Tab.Expect] declares a response that a
// test wants, such as the 404 page. [Tab.AssertClean] waits for the page to
// settle (loaded, fonts ready, no request in flight) and fails the test with
// the list of problems; the tab also reports, when it closes, any problem no
// assertion has reported yet.
//
// # Waiting
//
// Helpers wait for a condition: an element ([Tab.WaitVisible]), a JavaScript
// expression ([Tab.WaitFor], which polls on every animation frame), a load
// ([Tab.Navigate], [Tab.PressAndWaitLoad], [Tab.ClickAndWaitLoad]) or the
// network going quiet ([Tab.Settle]). Each gives up after [Tab.WaitTimeout]
// (60 s by default) and fails the test, saying what it waited for; the
// browser stays up for the next subtest. Nothing in this package sleeps for
// a fixed time, and tests that use it should not either.
//
// # Serving a site
//
// [ServeDir] serves a folder on 127.0.0.1 under a path prefix the way a plain
// static host such as GitHub Pages does: index.html for folders, 404.html with
// status 404 for anything missing, and the right MIME types for .wasm and
// .mjs.
package browsertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultTimeout bounds the life of one browser: the whole test that started
// it, subtests included. Like [DefaultWaitTimeout] it guards against a
// hang, generously, because a loaded machine is slow, not broken.
const DefaultTimeout = 5 * time.Minute

// Options tune [StartWith]. The zero value is what [Start] uses.
type Options struct {
	Timeout time.Duration // overall deadline; 0 means DefaultTimeout
	Width   int           // window size; 0 means 1280
	Height  int           // 0 means 900
}

// Flags returns the exact command line given to Chromium, before the
// profile folder and the window size. Each entry is one argument.
func Flags() []string {
	return []string{
		"--headless",
		"--no-sandbox",
		"--disable-gpu",
		"--disable-dev-shm-usage",
		"--disable-quic",
		"--disable-background-networking",
		"--disable-component-update",
		"--no-first-run",
		"--disable-sync",
		"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
	}
}

// Browser is one headless Chromium, shared by a test and its subtests.
type Browser struct {
	ctx  context.Context // the browser's first tab; new tabs derive from it
	path string
}

// Start starts Chromium for t with the default [Options].
func Start(t testing.TB) *Browser {
	t.Helper()
	return StartWith(t, Options{})
}

// StartWith starts Chromium for t. It skips t when there is no browser,
// unless CI=true, and fails t when the browser does not start.
func StartWith(t testing.TB, o Options) *Browser {
	t.Helper()
	path, err := FindChromium(os.Getenv, exec.LookPath)
	switch {
	case err == nil:
	case !errors.Is(err, ErrNoChromium):
		t.Fatalf("browsertest: %v", err) // asked for a browser that is not there
	case IsCI(os.Getenv):
		t.Fatalf("browsertest: %v\nCI=true: a missing browser is a failure, not a skip.", err)
	default:
		t.Skip(skipBanner(err))
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Width <= 0 {
		o.Width = 1280
	}
	if o.Height <= 0 {
		o.Height = 900
	}
	timeout := o.Timeout
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		// Leave go test a few seconds to report, rather than panic.
		if dl, ok := d.Deadline(); ok {
			if left := time.Until(dl) - 5*time.Second; left < timeout {
				timeout = max(left, time.Second)
			}
		}
	}

	// The folders first: t.Cleanup runs last-in first-out, so the browser
	// is gone before they are removed.
	profile := t.TempDir()
	home := t.TempDir()

	output := &cappedBuffer{max: 64 << 10}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocatorOptions(path, profile, home, o.Width, o.Height, output)...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		// Close gracefully, then make sure the process is gone.
		_ = chromedp.Cancel(bctx)
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("browsertest: starting %s: %v\nbrowser output:\n%s", path, err, output)
	}
	t.Logf("browsertest: %s (deadline %s)", path, timeout.Round(time.Second))
	return &Browser{ctx: bctx, path: path}
}

// Path is the browser executable in use.
func (b *Browser) Path() string { return b.path }

// allocatorOptions is the whole chromedp configuration: Flags and nothing
// else from chromedp's defaults.
func allocatorOptions(path, profile, home string, width, height int, output *cappedBuffer) []chromedp.ExecAllocatorOption {
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path)}
	for _, f := range Flags() {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	return append(opts,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
		chromedp.Env(browserEnv(home)...),
		chromedp.CombinedOutput(output),
	)
}

// browserEnv keeps the browser out of the user's home folder.
func browserEnv(home string) []string {
	return []string{
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
	}
}

// candidates are the browser names tried, in order, after $CHROMIUM.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"}

// ErrNoChromium means that no browser was found, and none was asked for.
var ErrNoChromium = errors.New("no Chromium found")

// FindChromium returns the browser to run: $CHROMIUM when set (it must
// exist: an error that is not [ErrNoChromium] otherwise), else the first of
// chromium, chromium-browser, google-chrome and /usr/bin/chromium that
// lookPath finds.
func FindChromium(getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	if p := getenv("CHROMIUM"); p != "" {
		found, err := lookPath(p)
		if err != nil {
			return "", fmt.Errorf("CHROMIUM=%s: %w", p, err)
		}
		return found, nil
	}
	for _, name := range candidates {
		if found, err := lookPath(name); err == nil {
			return found, nil
		}
	}
	return "", fmt.Errorf("%w: tried $CHROMIUM, %s", ErrNoChromium, strings.Join(candidates, ", "))
}

// IsCI reports whether the environment says it is CI (CI=true, or any other
// value strconv.ParseBool reads as true).
func IsCI(getenv func(string) string) bool {
	v, err := strconv.ParseBool(strings.TrimSpace(getenv("CI")))
	return err == nil && v
}

func skipBanner(err error) string {
	line := strings.Repeat("!", 72)
	return fmt.Sprintf("\n%s\n!!! SKIPPED: THIS TEST NEEDS A HEADLESS CHROMIUM AND FOUND NONE.\n!!! %v\n!!! Install chromium, or set CHROMIUM=/path/to/chrome.\n!!! With CI=true this is a failure, not a skip.\n%s", line, err, line)
}

// cappedBuffer keeps the first max bytes of the browser's output, for the
// message of a failed start.
type cappedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *cappedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Launch starts Chromium outside a test (for `course test`): the same
// flags, a fresh profile and HOME in temporary folders, removed by close.
// It returns ErrNoChromium (wrapped) when there is no browser.
func Launch(parent context.Context, width, height int) (ctx context.Context, close func(), path string, err error) {
	path, err = FindChromium(os.Getenv, exec.LookPath)
	if err != nil {
		return nil, nil, "", err
	}
	tmp, err := os.MkdirTemp("", "course-chromium-")
	if err != nil {
		return nil, nil, "", err
	}
	profile, home := filepath.Join(tmp, "profile"), filepath.Join(tmp, "home")
	output := &cappedBuffer{max: 64 << 10}
	actx, cancelAlloc := chromedp.NewExecAllocator(parent, allocatorOptions(path, profile, home, width, height, output)...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	close = func() {
		_ = chromedp.Cancel(bctx)
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(tmp)
	}
	if err := chromedp.Do(bctx); err != nil {
		close()
		return nil, nil, "", fmt.Errorf("starting %s: %v\nbrowser output:\n%s", path, err, output)
	}
	return bctx, close, path, nil
}
