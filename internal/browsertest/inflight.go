package browsertest

import (
	"sort"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
)

// Requests tracks the requests a tab has in flight, so that a page can be
// said to have settled. Its methods are not safe for concurrent use: the
// caller holds its own lock around them.
type Requests struct {
	inflight map[network.RequestID]request
	changed  chan struct{} // closed and replaced when inflight changes
}

// NewRequests returns an empty tracker.
func NewRequests() *Requests {
	return &Requests{inflight: map[network.RequestID]request{}, changed: make(chan struct{})}
}

func (q *Requests) signal() {
	close(q.changed)
	q.changed = make(chan struct{})
}

// Start records a request sent for the document loader ("" for a
// worker's).
func (q *Requests) Start(id network.RequestID, url string, loader cdp.LoaderID) {
	q.inflight[id] = request{url: url, loader: loader}
	q.signal()
}

// End records that a request finished or failed.
func (q *Requests) End(id network.RequestID) {
	if _, ok := q.inflight[id]; ok {
		delete(q.inflight, id)
		q.signal()
	}
}

// Navigated records that the main frame now shows the document of loader.
// The old document is gone, and Chrome does not always report the end of
// its requests (a favicon; a fetch the page had in flight, answered by a
// service worker): they are forgotten. Workers' requests are kept.
func (q *Requests) Navigated(loader cdp.LoaderID) {
	for id, req := range q.inflight {
		if req.loader != "" && req.loader != loader {
			delete(q.inflight, id)
		}
	}
	q.signal()
}

// Idle returns nil when no request is in flight, else the URLs in flight
// (each through show, when not nil), sorted, and a channel that closes at
// the next change.
func (q *Requests) Idle(show func(string) string) ([]string, <-chan struct{}) {
	if len(q.inflight) == 0 {
		return nil, nil
	}
	urls := make([]string, 0, len(q.inflight))
	for _, req := range q.inflight {
		u := req.url
		if show != nil {
			u = show(u)
		}
		urls = append(urls, u)
	}
	sort.Strings(urls)
	return urls, q.changed
}
