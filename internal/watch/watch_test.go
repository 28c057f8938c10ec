package watch

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// waitTimeout bounds every wait for the OS: a change that never arrives
// fails its test instead of hanging.
const waitTimeout = 60 * time.Second

type project struct {
	t    *testing.T
	root string
	w    *Watcher
}

// modes runs f once with OS notifications and once polling.
func modes(t *testing.T, f func(t *testing.T, opts Options)) {
	t.Run("notify", func(t *testing.T) { f(t, Options{}) })
	t.Run("poll", func(t *testing.T) { f(t, Options{Poll: 5 * time.Millisecond}) })
}

// start writes a small course into a temporary folder and watches it.
func start(t *testing.T, opts Options) *project {
	t.Helper()
	p := &project{t: t, root: t.TempDir()}
	p.write("course.toml", `title = "T"`)
	p.write("content/_index.md", "---\ntitle: Home\n---\n")
	p.write("content/01-a/_index.md", "---\ntitle: A\n---\n")
	p.write("content/01-a/01-x.md", "---\ntitle: X\n---\nx\n")
	p.write("themes/default/static/css/extra.css", "p{}")
	opts.Root = p.root
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	p.w = w
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if _, open := <-w.Batches(); open {
			t.Error("Batches still open after Close")
		}
	})
	return p
}

func (p *project) abs(rel string) string { return filepath.Join(p.root, filepath.FromSlash(rel)) }

func (p *project) write(rel, data string) {
	p.t.Helper()
	if err := os.MkdirAll(filepath.Dir(p.abs(rel)), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(p.abs(rel), []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *project) rename(from, to string) {
	p.t.Helper()
	if err := os.Rename(p.abs(from), p.abs(to)); err != nil {
		p.t.Fatal(err)
	}
}

func (p *project) remove(rel string) {
	p.t.Helper()
	if err := os.RemoveAll(p.abs(rel)); err != nil {
		p.t.Fatal(err)
	}
}

// next waits for one batch.
func (p *project) next() Batch {
	p.t.Helper()
	select {
	case b := <-p.w.Batches():
		return b
	case <-time.After(waitTimeout):
		p.t.Fatalf("no batch after %s", waitTimeout)
		return Batch{}
	}
}

// until gathers batches until every path in want has been reported, and
// returns the union of the changes by path.
func (p *project) until(want ...string) map[string]Change {
	p.t.Helper()
	got := map[string]Change{}
	deadline := time.After(waitTimeout)
	for {
		missing := false
		for _, w := range want {
			if _, ok := got[w]; !ok {
				missing = true
			}
		}
		if !missing {
			return got
		}
		select {
		case b := <-p.w.Batches():
			for _, c := range b.Changes {
				if old, ok := got[c.Path]; ok {
					c.Op |= old.Op
				}
				got[c.Path] = c
			}
		case <-deadline:
			p.t.Fatalf("after %s, still waiting for %v; got %v", waitTimeout, want, keys(got))
		}
	}
}

func keys(m map[string]Change) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// only fails unless got holds exactly the paths in want.
func only(t *testing.T, got map[string]Change, want ...string) {
	t.Helper()
	sort.Strings(want)
	if k := keys(got); !slices.Equal(k, want) {
		t.Errorf("changed paths %v, want only %v", k, want)
	}
}

const lesson = "content/01-a/01-x.md"

// Editors save in several steps; each pattern must come out as a change to
// the lesson alone, with no temporary file in it.
func TestEditorSavePatterns(t *testing.T) {
	patterns := map[string]func(p *project){
		"vim_backup_and_rename": func(p *project) {
			p.write("content/01-a/.01-x.md.swp", "swap")
			p.write("content/01-a/4913", "")
			p.remove("content/01-a/4913")
			p.rename(lesson, lesson+"~")
			p.write(lesson, "---\ntitle: X\n---\nsaved by vim\n")
			p.remove(lesson + "~")
		},
		"atomic_temp_then_rename": func(p *project) {
			p.write(lesson+".tmp", "---\ntitle: X\n---\nsaved atomically\n")
			p.rename(lesson+".tmp", lesson)
		},
		"jetbrains_safe_write": func(p *project) {
			p.write(lesson+"___jb_tmp___", "---\ntitle: X\n---\nsaved by an IDE\n")
			p.rename(lesson, lesson+"___jb_old___")
			p.rename(lesson+"___jb_tmp___", lesson)
			p.remove(lesson + "___jb_old___")
		},
		"emacs_lock_backup_autosave": func(p *project) {
			if err := os.Symlink("user@host.123", p.abs("content/01-a/.#01-x.md")); err != nil {
				p.t.Fatal(err)
			}
			p.write("content/01-a/#01-x.md#", "autosave")
			p.rename(lesson, lesson+"~")
			p.write(lesson, "---\ntitle: X\n---\nsaved by emacs\n")
			p.remove("content/01-a/#01-x.md#")
			p.remove("content/01-a/.#01-x.md")
		},
		"in_place_write": func(p *project) {
			p.write(lesson, "---\ntitle: X\n---\nwritten in place, longer\n")
		},
	}
	modes(t, func(t *testing.T, opts Options) {
		for name, save := range patterns {
			t.Run(name, func(t *testing.T) {
				p := start(t, opts)
				save(p)
				got := p.until(lesson)
				only(t, got, lesson)
				if got[lesson].Kind != Content {
					t.Errorf("kind %v, want content", got[lesson].Kind)
				}
			})
		}
	})
}

func TestANewFolderWithANewLessonIsWatched(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		p := start(t, opts)
		// Written at once: the files exist before the folder's watch does.
		p.write("content/02-b/_index.md", "---\ntitle: B\n---\n")
		p.write("content/02-b/01-y.md", "---\ntitle: Y\n---\n")
		p.write("content/02-b/img/deep/fig.svg", "<svg/>")
		got := p.until("content/02-b", "content/02-b/_index.md", "content/02-b/01-y.md", "content/02-b/img/deep/fig.svg")
		if got["content/02-b/01-y.md"].Op&Create == 0 {
			t.Errorf("the new lesson is %v, want create", got["content/02-b/01-y.md"].Op)
		}
		// The new folders are watched: an edit inside shows up.
		p.write("content/02-b/01-y.md", "---\ntitle: Y\n---\nedited\n")
		p.write("content/02-b/img/deep/fig.svg", "<svg></svg>")
		p.until("content/02-b/01-y.md", "content/02-b/img/deep/fig.svg")
	})
}

func TestADeletedLesson(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		p := start(t, opts)
		p.remove(lesson)
		got := p.until(lesson)
		only(t, got, lesson)
		if got[lesson].Op != Remove {
			t.Errorf("op %v, want remove", got[lesson].Op)
		}
	})
}

func TestDeletedAndRenamedFolders(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		p := start(t, opts)
		p.rename("content/01-a", "content/05-a")
		p.until("content/01-a", "content/05-a")
		p.write("content/05-a/01-x.md", "---\ntitle: X\n---\nafter the rename\n")
		p.until("content/05-a/01-x.md")

		p.remove("content/05-a")
		p.until("content/05-a")
		p.write("content/05-a/02-z.md", "---\ntitle: Z\n---\n")
		p.until("content/05-a/02-z.md")
	})
}

func TestClassifiesConfigThemeAndContent(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		p := start(t, opts)
		p.write("course.toml.tmp", `title = "U"`)
		p.rename("course.toml.tmp", "course.toml")
		got := p.until("course.toml")
		if got["course.toml"].Kind != Config {
			t.Errorf("course.toml: kind %v", got["course.toml"].Kind)
		}
		p.write("themes/default/static/css/extra.css", "p{color:red}")
		got = p.until("themes/default/static/css/extra.css")
		if got["themes/default/static/css/extra.css"].Kind != Theme {
			t.Errorf("theme file: kind %v", got["themes/default/static/css/extra.css"].Kind)
		}
		// exercises/ appears after the watcher started.
		p.write("exercises/01-mse/check.py", "pass")
		got = p.until("exercises/01-mse/check.py")
		if got["exercises/01-mse/check.py"].Kind != Exercise {
			t.Errorf("exercise: kind %v", got["exercises/01-mse/check.py"].Kind)
		}
	})
}

// The build's own output and cache, and files next to course.toml, are
// never reported.
func TestIgnoresTheOutputAndTheCache(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		p := start(t, opts)
		p.write("public/index.html", "x")
		p.write(".course-cache/math/ab", "x")
		p.write("README.md", "x")
		p.write("content/sentinel.md", "x")
		only(t, p.until("content/sentinel.md"), "content/sentinel.md")
	})
}

// A burst of 200 files written at once arrives as one batch. The quiet
// window is widened to a second, for every batch (Quick < 0), so that a
// loaded machine pausing between two writes (the whole suite on two cores
// stalls a process for a tenth of a second at times) cannot split it; the
// batcher's own tests check the 10 and 2 ms defaults with a simulated clock.
func TestABurstOf200FilesArrivesAsOneBatch(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		opts.Quiet, opts.Quick, opts.MaxWait = time.Second, -1, time.Minute
		p := start(t, opts)
		var want []string
		for i := range 200 {
			rel := "content/02-many/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "-" + strconv.Itoa(i) + ".md"
			p.write(rel, "---\ntitle: T\n---\n")
			want = append(want, rel)
		}
		b := p.next()
		got := map[string]Change{}
		for _, c := range b.Changes {
			got[c.Path] = c
		}
		for _, w := range want {
			if _, ok := got[w]; !ok {
				t.Fatalf("the first batch (%d changes) lacks %s", len(b.Changes), w)
			}
		}
		// Nothing of the burst is left for a second batch.
		p.write("content/sentinel.md", "x")
		only(t, p.until("content/sentinel.md"), "content/sentinel.md")
	})
}
