package server

import (
	"bytes"
	"net/http"
	"time"
)

// serveEvents streams the hub's events to one client: first a hello with
// the current state, then every build, with a keep-alive comment on idle.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	events, cancel, ok := s.hub.Subscribe()
	if !ok {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "the server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	st := s.state.Load()
	var buf bytes.Buffer
	buf.WriteString("retry: 500\n")
	writeEvent(&buf, Event{Name: "hello", ID: st.id, Data: st.hello()})
	if _, err := w.Write(buf.Bytes()); err != nil {
		return
	}
	flusher.Flush()

	tick := time.NewTicker(s.heartbeat)
	defer tick.Stop()
	for {
		buf.Reset()
		select {
		case <-r.Context().Done():
			return
		case ev, open := <-events:
			if !open {
				return
			}
			writeEvent(&buf, ev)
		case <-tick.C:
			buf.WriteString(": keep-alive\n\n")
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return
		}
		flusher.Flush()
	}
}

// writeEvent formats ev; Data must not hold a newline (JSON does not).
func writeEvent(buf *bytes.Buffer, ev Event) {
	if ev.Name != "" {
		buf.WriteString("event: ")
		buf.WriteString(ev.Name)
		buf.WriteByte('\n')
	}
	if ev.ID != "" {
		buf.WriteString("id: ")
		buf.WriteString(ev.ID)
		buf.WriteByte('\n')
	}
	buf.WriteString("data: ")
	buf.Write(bytes.ReplaceAll(ev.Data, []byte("\n"), []byte("\ndata: ")))
	buf.WriteString("\n\n")
}
