package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/fsnotify/fsnotify"
)

// notifier turns fsnotify events into changes, adding watches for new
// folders.
type notifier struct {
	root string
	fw   *fsnotify.Watcher
	dirs map[string]bool // absolute paths of watched folders
	errs chan<- error
}

func newNotifier(root string, errs chan<- error) (*notifier, error) {
	fw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, err
	}
	n := &notifier{root: root, fw: fw, dirs: map[string]bool{}, errs: errs}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for name, k := range Watched {
		if k == Config {
			continue
		}
		n.addTree(filepath.Join(root, name), nil)
	}
	return n, nil
}

// addTree watches dir and every folder below it. When found is not nil,
// every file and folder found is reported to it (a folder that appeared
// with content already in it).
func (n *notifier) addTree(dir string, found func(abs string)) {
	st, err := os.Lstat(dir)
	if err != nil || !st.IsDir() {
		return
	}
	walk(dir, func(p string, d fs.DirEntry) {
		if d.IsDir() {
			if !n.dirs[p] {
				if err := n.fw.Add(p); err != nil {
					n.report(err)
					return
				}
				n.dirs[p] = true
			}
		}
		if found != nil && p != dir {
			found(p)
		}
	})
}

// forget drops the folder dir and every watched folder below it.
func (n *notifier) forget(dir string) {
	for d := range n.dirs {
		if d == dir || len(d) > len(dir) && d[:len(dir)] == dir && d[len(dir)] == filepath.Separator {
			_ = n.fw.Remove(d) // usually gone with the folder already
			delete(n.dirs, d)
		}
	}
}

func (n *notifier) report(err error) {
	select {
	case n.errs <- err:
	default:
	}
}

func (n *notifier) run(out chan<- []Change, lost chan<- struct{}, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case err, ok := <-n.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch any folder we missed, and ask
				// for a full rebuild.
				for name, k := range Watched {
					if k != Config {
						n.addTree(filepath.Join(n.root, name), nil)
					}
				}
				select {
				case lost <- struct{}{}:
				default:
				}
				continue
			}
			n.report(err)
		case ev, ok := <-n.fw.Events:
			if !ok {
				return
			}
			if cs := n.translate(ev); len(cs) > 0 {
				select {
				case out <- cs:
				case <-done:
					return
				}
			}
		}
	}
}

// translate turns one fsnotify event into changes.
func (n *notifier) translate(ev fsnotify.Event) []Change {
	if Ignored(filepath.Base(ev.Name)) {
		return nil
	}
	r, kind, ok := rel(n.root, ev.Name)
	if !ok {
		return nil
	}
	var cs []Change
	switch {
	case ev.Has(fsnotify.Create):
		cs = append(cs, Change{Path: r, Kind: kind, Op: Create})
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			n.addTree(ev.Name, func(abs string) {
				if fr, fk, ok := rel(n.root, abs); ok {
					cs = append(cs, Change{Path: fr, Kind: fk, Op: Create})
				}
			})
		}
	case ev.Has(fsnotify.Write):
		cs = append(cs, Change{Path: r, Kind: kind, Op: Write})
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		cs = append(cs, Change{Path: r, Kind: kind, Op: Remove})
		n.forget(ev.Name)
	}
	return cs
}
