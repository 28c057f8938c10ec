package sitecheck

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// timings adds up the wall time of each phase of a Run (per page and in
// all), so that -v shows where the time goes.
type timings struct {
	mu     sync.Mutex
	total  map[string]time.Duration
	order  []string
	counts map[string]int
}

func newTimings() *timings {
	return &timings{total: map[string]time.Duration{}, counts: map[string]int{}}
}

func (t *timings) add(phase string, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.total[phase]; !ok {
		t.order = append(t.order, phase)
	}
	t.total[phase] += d
	t.counts[phase]++
}

// String lists the phases, longest first.
func (t *timings) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	phases := append([]string(nil), t.order...)
	sort.SliceStable(phases, func(i, j int) bool { return t.total[phases[i]] > t.total[phases[j]] })
	var sb strings.Builder
	for _, p := range phases {
		fmt.Fprintf(&sb, "\n\t%-14s %9s in %d", p, t.total[p].Round(time.Millisecond), t.counts[p])
	}
	return sb.String()
}

// pageClock times the phases of one page visit.
type pageClock struct {
	all   *timings
	last  time.Time
	start time.Time
	parts []string
}

func (t *timings) page() *pageClock {
	now := time.Now()
	return &pageClock{all: t, last: now, start: now}
}

// lap ends the phase that began at the previous lap (or at the start).
func (p *pageClock) lap(phase string) {
	now := time.Now()
	d := now.Sub(p.last)
	p.last = now
	p.all.add(phase, d)
	p.parts = append(p.parts, fmt.Sprintf("%s %s", phase, d.Round(time.Millisecond)))
}

func (p *pageClock) String() string {
	return fmt.Sprintf("%s (%s)", time.Since(p.start).Round(time.Millisecond), strings.Join(p.parts, ", "))
}
