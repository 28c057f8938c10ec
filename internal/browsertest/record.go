package browsertest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
)

// Problem is one thing that went wrong in a tab.
type Problem struct {
	Kind string // "console.error", "exception", "log", "request failed", "HTTP 404", "foreign host", …
	Text string // what the browser said
	URL  string // the resource or script concerned, with :line when known
	Page string // the page the tab showed at the time
}

func (p Problem) String() string {
	var sb strings.Builder
	sb.WriteString(p.Kind)
	if p.Text != "" {
		sb.WriteString(": ")
		sb.WriteString(p.Text)
	}
	if p.URL != "" {
		sb.WriteString(" [")
		sb.WriteString(p.URL)
		sb.WriteString("]")
	}
	if p.Page != "" {
		sb.WriteString(" on ")
		sb.WriteString(p.Page)
	}
	return sb.String()
}

// Local hosts are the only ones a page may reach.
const localHost = "127.0.0.1"

// request is one request in flight.
type request struct {
	url    string
	loader cdp.LoaderID // the document it loads for; "" for workers
}

// expectation is a response a test asked for: status at url.
type expectation struct {
	url    string
	status int64
}

// recorder turns a tab's events into Problems and tracks the requests in
// flight. Its handle method runs in chromedp's event loop: it only records.
type recorder struct {
	mu       sync.Mutex
	page     string    // URL of the main frame
	problems []Problem // in order of arrival
	reported int       // problems[:reported] were reported
	inflight *Requests
	urls     map[network.RequestID]string // every request seen → URL
	expected []expectation
}

func newRecorder() *recorder {
	return &recorder{
		inflight: NewRequests(),
		urls:     map[network.RequestID]string{},
	}
}

func (r *recorder) add(p Problem) {
	p.Page = r.page
	r.problems = append(r.problems, p)
}

func (r *recorder) isExpected(u string, status int64) bool {
	for _, e := range r.expected {
		if e.url == u && e.status == status {
			return true
		}
	}
	return false
}

// isExpectedLog reports whether a log entry is the browser's own report of an
// expected response ("Failed to load resource: the server responded with a
// status of 404 (Not Found)").
func (r *recorder) isExpectedLog(e *log.Entry) bool {
	for _, x := range r.expected {
		if e.URL == x.url && strings.Contains(e.Text, fmt.Sprintf("status of %d", x.status)) {
			return true
		}
	}
	return false
}

// handle records one event of the tab.
func (r *recorder) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *page.EventFrameNavigated:
		if ev.Frame == nil || ev.Frame.ParentID != "" {
			break
		}
		r.page = ev.Frame.URL
		r.inflight.Navigated(ev.Frame.LoaderID)

	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
			r.add(Problem{Kind: "console." + string(ev.Type), Text: argsText(ev.Args), URL: stackPlace(ev.StackTrace)})
		}

	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			r.add(Problem{Kind: "exception"})
			break
		}
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		where := stackPlace(d.StackTrace)
		if where == "" && d.URL != "" {
			where = fmt.Sprintf("%s:%d:%d", d.URL, d.LineNumber+1, d.ColumnNumber+1)
		}
		r.add(Problem{Kind: "exception", Text: text, URL: where})

	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError || r.isExpectedLog(e) {
			break
		}
		if _, seen := r.urls[e.NetworkRequestID]; seen && e.NetworkRequestID != "" {
			break // the request's own events tell what went wrong
		}
		where := e.URL
		if where != "" && e.LineNumber > 0 {
			where = fmt.Sprintf("%s:%d", where, e.LineNumber+1)
		}
		r.add(Problem{Kind: "log." + string(e.Source), Text: e.Text, URL: where})

	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			break
		}
		u := ev.Request.URL
		if _, seen := r.urls[ev.RequestID]; !seen || ev.RedirectResponse != nil {
			// A redirect reuses the request ID: check each hop.
			if !IsLocalURL(u) {
				r.add(Problem{Kind: "foreign host", Text: ev.Request.Method + " " + u, URL: u})
			}
		}
		r.urls[ev.RequestID] = u
		// An event stream stays open for the life of the page: it is not
		// a load the page is waiting for.
		// A worker's main script is fetched for the page, but its
		// response and end are reported to the worker's own target: the
		// page never sees it finish, so it is not waited for.
		worker := ev.Type == network.ResourceTypeScript && ev.Initiator != nil && ev.Initiator.Type == network.InitiatorTypeOther
		if ev.Type != network.ResourceTypeEventSource && !worker {
			r.inflight.Start(ev.RequestID, u, ev.LoaderID)
		}

	case *network.EventWebSocketCreated:
		if !IsLocalURL(ev.URL) {
			r.add(Problem{Kind: "foreign host", Text: "WebSocket " + ev.URL, URL: ev.URL})
		}

	case *network.EventResponseReceived:
		resp := ev.Response
		if resp == nil || resp.Status < 400 || r.isExpected(resp.URL, resp.Status) {
			break
		}
		r.add(Problem{Kind: fmt.Sprintf("HTTP %d", resp.Status), Text: string(ev.Type) + " " + resp.StatusText, URL: resp.URL})

	case *network.EventLoadingFinished:
		r.inflight.End(ev.RequestID)

	case *network.EventLoadingFailed:
		u := r.urls[ev.RequestID]
		r.inflight.End(ev.RequestID)
		if ev.Canceled && ev.BlockedReason == "" {
			break // the browser gave up on it, e.g. on navigating away
		}
		text := string(ev.Type) + " " + ev.ErrorText
		if ev.BlockedReason != "" {
			text += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		r.add(Problem{Kind: "request failed", Text: text, URL: u})
	}
}

// unreported returns the problems not returned before, and marks them
// reported.
func (r *recorder) unreported() []Problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]Problem(nil), r.problems[r.reported:]...)
	r.reported = len(r.problems)
	return out
}

func (r *recorder) all() []Problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Problem(nil), r.problems...)
}

func (r *recorder) expect(u string, status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expected = append(r.expected, expectation{url: u, status: int64(status)})
}

// idle returns nil when no request is in flight, else the URLs in flight and
// a channel that closes at the next change.
func (r *recorder) idle() ([]string, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.inflight.Idle(nil)
}

// IsLocalURL reports whether u stays on this machine: any URL whose scheme
// does not go to the network (data:, blob:, about:, …), or an http(s) or
// ws(s) URL whose host is 127.0.0.1.
func IsLocalURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https", "ws", "wss", "ftp":
		return p.Hostname() == localHost
	case "":
		return false
	default:
		return true
	}
}

// argsText renders console arguments roughly as the DevTools console does.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		switch {
		case a.Type == runtime.RemoteObjectTypeString && len(a.Value) > 0:
			var s string
			if json.Unmarshal([]byte(a.Value), &s) == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// stackPlace is "url:line:col" of the top frame, or "".
func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 || st.CallFrames[0] == nil {
		return ""
	}
	f := st.CallFrames[0]
	if f.URL == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}
