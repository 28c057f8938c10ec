package main

import (
	"encoding/json"
	"os"
	"sync"
	"time"
)

// timeLog collects how long each run of `course test` took, for
// `course test --times FILE` (one JSON object a line; scripts/testtimes
// turns it into the table that ends scripts/test.sh).
type timeLog struct {
	mu   sync.Mutex
	rows []timeRow
}

type timeRow struct {
	Kind    string  `json:"kind"` // check (local), page (in Chromium) or block (lesson code)
	ID      string  `json:"id"`   // the exercise, or the block's file:line
	What    string  `json:"what,omitempty"`
	Seconds float64 `json:"seconds"`
}

func (l *timeLog) add(kind, id, what string, d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rows = append(l.rows, timeRow{kind, id, what, d.Seconds()})
}

func (l *timeLog) write(file string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, r := range l.rows {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
