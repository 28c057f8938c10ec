package site

import (
	"sort"
	"sync"
	"time"
)

// Timings records wall time per build stage.
type Timings struct {
	mu     sync.Mutex
	stages map[string]time.Duration
	order  []string
}

func (t *Timings) track(stage string, f func()) {
	start := time.Now()
	f()
	t.Add(stage, time.Since(start))
}

func (t *Timings) trackOK(stage string, f func() bool) bool {
	start := time.Now()
	ok := f()
	t.Add(stage, time.Since(start))
	return ok
}

// Add adds d to a stage.
func (t *Timings) Add(stage string, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stages == nil {
		t.stages = map[string]time.Duration{}
	}
	if _, ok := t.stages[stage]; !ok {
		t.order = append(t.order, stage)
	}
	t.stages[stage] += d
}

// Stage is one stage's time.
type Stage struct {
	Name string
	Time time.Duration
}

// Stages returns the stages in the order they first ran.
func (t *Timings) Stages() []Stage {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]Stage, 0, len(t.order))
	for _, n := range t.order {
		out = append(out, Stage{n, t.stages[n]})
	}
	return out
}

// Sorted returns the stages, longest first.
func (t *Timings) Sorted() []Stage {
	s := t.Stages()
	sort.SliceStable(s, func(i, j int) bool { return s[i].Time > s[j].Time })
	return s
}
