package watch

import (
	"fmt"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func ms(n float64) time.Time { return t0.Add(time.Duration(n * float64(time.Millisecond))) }

func change(p string, op Op) Change { return Change{Path: p, Kind: Classify(p), Op: op} }

func TestBatcherSendsOnceQuietAfterTheLastChange(t *testing.T) {
	b := NewBatcher(10*time.Millisecond, 200*time.Millisecond)
	if _, ok := b.Due(); ok {
		t.Fatal("an empty batcher is due")
	}
	b.Add(change("content/a.md", Write), ms(0))
	if due, _ := b.Due(); !due.Equal(ms(10)) {
		t.Errorf("due %v after one change at 0, want 10 ms", due.Sub(t0))
	}
	b.Add(change("content/b.md", Write), ms(8))
	if due, _ := b.Due(); !due.Equal(ms(18)) {
		t.Errorf("due %v after a second change at 8 ms, want 18 ms (quiet from the last)", due.Sub(t0))
	}
	bt := b.Flush()
	if len(bt.Changes) != 2 || bt.Kinds != Content {
		t.Errorf("batch %+v", bt)
	}
	if _, ok := b.Due(); ok {
		t.Error("due after Flush")
	}
}

func TestBatcherMergesTheOperationsOnAPath(t *testing.T) {
	b := NewBatcher(10*time.Millisecond, time.Second)
	// vim: rename away, create, write.
	b.Add(change("content/a.md", Remove), ms(0))
	b.Add(change("content/a.md", Create), ms(0.1))
	b.Add(change("content/a.md", Write), ms(0.2))
	b.Add(change("themes/default/x.css", Write), ms(0.3))
	bt := b.Flush()
	want := []Change{{"content/a.md", Content, Remove | Create | Write}, {"themes/default/x.css", Theme, Write}}
	if fmt.Sprint(bt.Changes) != fmt.Sprint(want) || bt.Kinds != Content|Theme || !bt.Has(Theme) || bt.Has(Config) {
		t.Errorf("batch %+v, want %+v", bt, want)
	}
}

// simulate feeds changes at the given times (ms) and flushes whenever a
// batch is due before the next change, as the watcher's loop does.
func simulate(b *Batcher, times []float64) []Batch {
	var out []Batch
	for i, at := range times {
		if due, ok := b.Due(); ok && !due.After(ms(at)) {
			out = append(out, b.Flush())
		}
		b.Add(change(fmt.Sprintf("content/f%03d.md", i), Create), ms(at))
	}
	if _, ok := b.Due(); ok {
		out = append(out, b.Flush())
	}
	return out
}

func TestABurstOf200FilesIsOneBatch(t *testing.T) {
	times := make([]float64, 200)
	for i := range times {
		times[i] = float64(i) * 0.5 // a git checkout: a file every 0.5 ms
	}
	got := simulate(NewBatcher(DefaultQuiet, DefaultMaxWait), times)
	if len(got) != 1 || len(got[0].Changes) != 200 {
		t.Fatalf("%d batches (first has %d changes), want one of 200", len(got), len(got[0].Changes))
	}
}

func TestAConstantStreamStillSendsBatches(t *testing.T) {
	times := make([]float64, 200)
	for i := range times {
		times[i] = float64(i) * 5 // a change every 5 ms for a second: never quiet
	}
	got := simulate(NewBatcher(10*time.Millisecond, 200*time.Millisecond), times)
	if len(got) != 5 {
		t.Fatalf("%d batches over 1 s with a 200 ms limit, want 5", len(got))
	}
	n := 0
	for _, b := range got {
		n += len(b.Changes)
	}
	if n != 200 {
		t.Errorf("%d changes in all batches, want 200", n)
	}
}

func TestSeparateEditsAreSeparateBatches(t *testing.T) {
	got := simulate(NewBatcher(10*time.Millisecond, 200*time.Millisecond), []float64{0, 0.2, 50, 120, 120.5})
	if len(got) != 3 {
		t.Fatalf("%d batches, want 3", len(got))
	}
}

func TestATemporaryFileIsLeftOut(t *testing.T) {
	b := NewBatcher(10*time.Millisecond, time.Second)
	// sed -i: a temporary file, renamed over the lesson.
	b.Add(change("content/sedX1b2c3", Create), ms(0))
	b.Add(change("content/sedX1b2c3", Write), ms(0.1))
	b.Add(change("content/sedX1b2c3", Remove), ms(0.2))
	b.Add(change("content/a.md", Create), ms(0.2))
	// vim: the lesson renamed away, then written anew, stays.
	b.Add(change("content/b.md", Remove), ms(0.3))
	b.Add(change("content/b.md", Create), ms(0.4))
	// A lesson created then deleted is gone; one deleted then created stays.
	if got := b.Flush().Paths(); fmt.Sprint(got) != "[content/a.md content/b.md]" {
		t.Errorf("paths %v, want the two lessons only", got)
	}
}

func TestRescan(t *testing.T) {
	b := NewBatcher(10*time.Millisecond, time.Second)
	b.Rescan(ms(0))
	if due, ok := b.Due(); !ok || !due.Equal(ms(10)) {
		t.Fatalf("due %v %v", due, ok)
	}
	if bt := b.Flush(); !bt.Rescan || len(bt.Changes) != 0 {
		t.Errorf("%+v", bt)
	}
	if bt := b.Flush(); bt.Rescan {
		t.Error("rescan kept after a flush")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"01-intro.md": false, "_index.md": false, "style.css": false, "a.py": false, "img": false,
		"4913": true, ".01-intro.md.swp": true, ".01-intro.md.swo": true, ".01-intro.md.swx": true,
		"01-intro.md~": true, ".#01-intro.md": true, "#01-intro.md#": true,
		"01-intro.md___jb_tmp___": true, "01-intro.md___jb_old___": true,
		"01-intro.md.tmp": true, "x.TMP": true, ".DS_Store": true, ".goutputstream-ABC123": true,
		"content/01-a/.x.md.swp": true, "content/01-a/x.md": false,
		"49130": false, "tmp.md": false, "#heading.md": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for p, want := range map[string]Kind{
		"content/01-a/b.md": Content, "content": Content, "exercises/x/check.py": Exercise,
		"themes/default/templates/base.html": Theme, "course.toml": Config,
		"course.toml/x": 0, "public/index.html": 0, ".course-cache/math/x": 0, "README.md": 0, "contents/x": 0,
	} {
		if got := Classify(p); got != want {
			t.Errorf("Classify(%q) = %v, want %v", p, got, want)
		}
	}
	if s := (Content | Config).String(); s != "content+config" {
		t.Errorf("Kind.String() = %q", s)
	}
}

// A batch in which no path was last removed or renamed away closes after
// the quick window; one with such a path (the middle of a save in
// several steps), or with events lost, after the quiet window.
func TestBatcherClosesQuicklyOnceNoPathIsGone(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes []Change
		rescan  bool
		window  float64 // ms after the last change
	}{
		{"one write", []Change{change("content/a.md", Write)}, false, 2},
		{"two files written", []Change{change("content/a.md", Write), change("content/b.md", Write)}, false, 2},
		{"created, then written", []Change{change("content/a.md", Create), change("content/a.md", Write)}, false, 2},
		{"renamed away, created, written (vim)", []Change{change("content/a.md", Remove), change("content/a.md", Create), change("content/a.md", Write)}, false, 2},
		{"renamed away (the first step of a save)", []Change{change("content/a.md", Write), change("content/a.md", Remove)}, false, 10},
		{"renamed into place (an atomic save)", []Change{change("content/a.md", Create)}, false, 2},
		{"renamed away, then a temporary file renamed into place (an IDE)", []Change{change("content/a.md", Remove), change("content/a.md", Create)}, false, 2},
		{"a write and a removal", []Change{change("content/a.md", Write), change("content/b.md", Remove)}, false, 10},
		{"a write, with events lost", []Change{change("content/a.md", Write)}, true, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBatcher(10*time.Millisecond, 200*time.Millisecond).WithQuick(2 * time.Millisecond)
			if tc.rescan {
				b.Rescan(ms(0))
			}
			last := 0.0
			for i, c := range tc.changes {
				last = 0.5 + float64(i)*0.5
				b.Add(c, ms(last))
			}
			if due, _ := b.Due(); !due.Equal(ms(last + tc.window)) {
				t.Errorf("due %v, want %v ms", due.Sub(t0), last+tc.window)
			}
		})
	}
	if b := NewBatcher(10*time.Millisecond, time.Second).WithQuick(time.Second); b.quick != 10*time.Millisecond {
		t.Errorf("a quick window longer than the quiet one: %v", b.quick)
	}
}
