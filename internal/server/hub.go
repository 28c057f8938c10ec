package server

import (
	"sync"
)

// Event is one Server-Sent Event.
type Event struct {
	Name string // the event field; "" for a plain message
	ID   string
	Data []byte // one line (JSON)
}

// clientBuffer is how many events a stream may fall behind before the hub
// drops it; the browser reconnects and gets the current state.
const clientBuffer = 16

// Hub fans events out to the open event streams. The zero value is not
// usable; call NewHub.
type Hub struct {
	mu      sync.Mutex
	clients map[chan Event]struct{}
	closed  bool
}

// NewHub returns a hub with no streams.
func NewHub() *Hub { return &Hub{clients: map[chan Event]struct{}{}} }

// Subscribe registers a stream. The channel is closed when the hub drops
// the stream (it fell behind, or the hub closed); ok is false once the hub
// is closed. Call the returned function when the stream ends.
func (h *Hub) Subscribe() (events <-chan Event, cancel func(), ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, func() {}, false
	}
	ch := make(chan Event, clientBuffer)
	h.clients[ch] = struct{}{}
	return ch, func() { h.drop(ch) }, true
}

func (h *Hub) drop(ch chan Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[ch]; ok {
		delete(h.clients, ch)
		close(ch)
	}
}

// Publish sends ev to every stream without blocking: a stream whose buffer
// is full is dropped.
func (h *Hub) Publish(ev Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- ev:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// Len is the number of open streams.
func (h *Hub) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Close ends every stream and refuses new ones.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}
