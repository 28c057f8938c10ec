package watch

import (
	"io/fs"
	"path/filepath"
	"time"
)

// stamp is what polling compares between scans.
type stamp struct {
	size  int64
	mtime time.Time
	dir   bool
}

// poller finds changes by scanning the watched files at an interval.
type poller struct {
	root string
	last map[string]stamp // by slash-separated path relative to root
}

func newPoller(root string) *poller {
	p := &poller{root: root}
	p.last = p.scan()
	return p
}

func (p *poller) scan() map[string]stamp {
	m := map[string]stamp{}
	for name := range Watched {
		walk(filepath.Join(p.root, name), func(abs string, d fs.DirEntry) {
			info, err := d.Info()
			if err != nil {
				return
			}
			if r, _, ok := rel(p.root, abs); ok {
				m[r] = stamp{size: info.Size(), mtime: info.ModTime(), dir: d.IsDir()}
			}
		})
	}
	return m
}

// diff compares the current scan with the last one.
func (p *poller) diff() []Change {
	cur := p.scan()
	var cs []Change
	for r, s := range cur {
		old, ok := p.last[r]
		switch {
		case !ok:
			cs = append(cs, Change{Path: r, Kind: Classify(r), Op: Create})
		case old.dir != s.dir:
			cs = append(cs, Change{Path: r, Kind: Classify(r), Op: Remove | Create})
		case !s.dir && (old.size != s.size || !old.mtime.Equal(s.mtime)):
			cs = append(cs, Change{Path: r, Kind: Classify(r), Op: Write})
		}
	}
	for r := range p.last {
		if _, ok := cur[r]; !ok {
			cs = append(cs, Change{Path: r, Kind: Classify(r), Op: Remove})
		}
	}
	p.last = cur
	return cs
}

func (p *poller) run(interval time.Duration, out chan<- []Change, done <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			if cs := p.diff(); len(cs) > 0 {
				select {
				case out <- cs:
				case <-done:
					return
				}
			}
		}
	}
}
