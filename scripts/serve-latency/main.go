// Command serve-latency measures `course serve`: the time from writing a
// lesson to the reload event arriving in a real (headless) Chromium tab,
// the rebuild time alone, and the memory after many edits.
//
//	go run ./scripts/serve-latency                      # the bundled course
//	go run ./scripts/serve-latency -pages 1000          # a generated 1,000-page course
//	go run ./scripts/serve-latency -source DIR -lesson content/01-x/02-y.md
//
// The course is copied to a temporary folder (the repository is never
// edited) and served with internal/server.Preview, the code behind
// `course serve`, on 127.0.0.1 port 0. One tab shows the edited lesson.
// Each edit writes the lesson to a temporary file and renames it over the
// lesson, as editors do, then waits for the tab's live client to receive
// the "reload" event (reported through a CDP binding from the client's
// course:live event), and for the reloaded page to connect again, load
// and go idle before the next edit. The first -warmup edits are not counted; -timed edits are
// (median, p90, max); the run continues to -edits edits in all, then
// reports the Go heap (after a GC) and the process's RSS (as is, and once
// the runtime has returned free memory to the OS: after the timed edits
// and at the end, not before them) after the first build, after the timed
// edits and at the end. The harness runs in the same process as the
// preview, so these figures include its own small share; it sets the soft
// memory limit `course` sets (640 MiB, unless GOMEMLIMIT is set).
//
// Chromium is found and started as internal/browsertest does (its flags,
// a temporary profile and HOME).
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/server"
)

func main() {
	source := flag.String("source", ".", "course to measure (copied first)")
	pages := flag.Int("pages", 0, "generate a course of this many lessons with scripts/gencourse instead of -source")
	lesson := flag.String("lesson", "", "lesson to edit, relative to the course (default: the first lesson)")
	warmup := flag.Int("warmup", 3, "edits before timing")
	timed := flag.Int("timed", 20, "timed edits")
	edits := flag.Int("edits", 100, "edits in all (for the memory figures)")
	timeout := flag.Duration("timeout", 60*time.Second, "longest wait for one edit's reload")
	quiet := flag.Duration("quiet", 0, "the watcher's quiet window (0: its default, watch.DefaultQuiet)")
	verbose := flag.Bool("v", false, "print every edit")
	stages := flag.Bool("stages", false, "also report the median time of each stage of the timed rebuilds")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed edits to this file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("serve-latency: ")
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(640 << 20) // as cmd/course's main does
	}
	if *edits < *warmup+*timed {
		*edits = *warmup + *timed
	}

	tmp, err := os.MkdirTemp("", "serve-latency-")
	check(err)
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "course")
	name := *source
	if *pages > 0 {
		name = fmt.Sprintf("generated, %d lessons", *pages)
		cmd := exec.Command("go", "run", "./scripts/gencourse", "-pages", strconv.Itoa(*pages), "-out", dir)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		check(cmd.Run())
	} else {
		check(copyCourse(*source, dir))
	}
	if *lesson == "" {
		*lesson, err = firstLesson(dir)
		check(err)
	}

	m := &measure{dir: dir, lesson: *lesson, timeout: *timeout, verbose: *verbose,
		reports: make(chan server.Report, 16), events: make(chan liveEvent, 256)}
	start := time.Now()
	p, err := server.NewPreview(server.PreviewOptions{Source: dir, Generator: "course (serve-latency)", Quiet: *quiet,
		OnBuild: func(r server.Report) { m.reports <- r }})
	check(err)
	defer p.Close()
	first := <-m.reports
	if !first.OK {
		log.Fatalf("the course does not build: %+v", first.Problems)
	}
	firstBuild := time.Since(start)
	// Not memory(): returning the free memory to the OS before the timed
	// edits would make them fault it back in, page by page, which a
	// preview left alone does not (its free pages are reused).
	mem0 := stats{rss: rss()}
	runtime.GC()
	var mst runtime.MemStats
	runtime.ReadMemStats(&mst)
	mem0.heap = mst.HeapInuse

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	go http.Serve(ln, p.Server())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.Run(ctx)
	url := "http://" + ln.Addr().String() + p.Server().BasePath() + lessonURL(*lesson)

	tab, stop, err := startBrowser(tmp, m.listen)
	check(err)
	defer stop()
	m.tab = tab
	check(m.open(url))

	var lat, build, publish, rest, before, after, cpu []time.Duration
	var faults []int64
	var memTimed stats
	stageTimes := map[string][]time.Duration{}
	var stageOrder []string
	for i := 1; i <= *edits; i++ {
		if i == *warmup+1 && *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			check(err)
			check(pprof.StartCPUProfile(f))
		}
		l, r, err := m.edit(i)
		check(err)
		if i == *warmup+*timed && *cpuprofile != "" {
			pprof.StopCPUProfile()
		}
		if i > *warmup && i <= *warmup+*timed {
			for _, st := range r.Timings.Stages() {
				if _, ok := stageTimes[st.Name]; !ok {
					stageOrder = append(stageOrder, st.Name)
				}
				stageTimes[st.Name] = append(stageTimes[st.Name], st.Time)
			}
			lat, build, publish = append(lat, l), append(build, r.Duration), append(publish, r.Publish)
			cpu, faults = append(cpu, m.cpu), append(faults, m.faults)
			rest = append(rest, l-r.Duration-r.Publish)
			before = append(before, r.Start.Sub(m.written))
			after = append(after, l-r.Start.Sub(m.written)-r.Duration-r.Publish)
		}
		if i == *warmup+*timed {
			memTimed = memory()
		}
		if *verbose {
			fmt.Fprintf(os.Stderr, "edit %3d: reload event after %6.1f ms (build %6.1f ms, publish %5.2f ms, %d pages changed)\n",
				i, ms(l), ms(r.Duration), ms(r.Publish), len(r.Changed.Pages))
		}
	}
	memEnd := memory()

	fmt.Printf("course: %s (%d pages), lesson %s, GOMAXPROCS %d\n", name, first.Pages, *lesson, runtime.GOMAXPROCS(0))
	fmt.Printf("first build (cold start, includes the watcher): %s\n\n", firstBuild.Round(time.Millisecond))
	fmt.Println("| measure | median | p90 | max |")
	fmt.Println("|---|---|---|---|")
	row := func(what string, d []time.Duration) {
		fmt.Printf("| %s | %.1f ms | %.1f ms | %.1f ms |\n", what, ms(pct(d, 50)), ms(pct(d, 90)), ms(pct(d, 100)))
	}
	row(fmt.Sprintf("write → reload event in the tab (%d edits)", len(lat)), lat)
	row("rebuild alone (Builder.Build)", build)
	row("publish (diff, swap, send)", publish)
	row("the rest: OS event, quiet window, event stream, tab", rest)
	row("  of which write → build starts (OS event, quiet window)", before)
	row("  of which published → event in the tab", after)
	row("process CPU time, write → build reported (CPU ticks: coarse)", cpu)
	fmt.Printf("| minor page faults, write → build reported | %d | %d | %d |\n", pct(faults, 50), pct(faults, 90), pct(faults, 100))
	if *stages {
		for _, name := range stageOrder {
			row("  stage: "+name, stageTimes[name])
		}
	}
	fmt.Println()
	fmt.Println("| memory | Go heap in use (after GC) | RSS | RSS once free memory is returned |")
	fmt.Println("|---|---|---|---|")
	memRow := func(when string, m stats) {
		freed := "–"
		if m.rssFreed > 0 {
			freed = mib(m.rssFreed)
		}
		fmt.Printf("| %s | %s | %s | %s |\n", when, mib(m.heap), mib(m.rss), freed)
	}
	memRow("after the first build", mem0)
	memRow(fmt.Sprintf("after %d edits", *warmup+*timed), memTimed)
	memRow(fmt.Sprintf("after %d edits", *edits), memEnd)
}

type measure struct {
	// cpu and faults: the process's CPU time and minor page faults from
	// the last edit's write until its build was reported.
	cpu         time.Duration
	faults      int64
	dir, lesson string
	timeout     time.Duration
	verbose     bool
	reports     chan server.Report // from the preview, one per build
	written     time.Time          // when the last edit was written
	tab         context.Context
	events      chan liveEvent
}

type liveEvent struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	at   time.Time
}

// open loads url in the tab and waits for its live client to connect.
func (m *measure) open(url string) error {
	if _, err := chromedp.Call(m.tab, cdpruntime.AddBinding, cdpruntime.AddBindingParams{Name: "__latency"}); err != nil {
		return err
	}
	src := `addEventListener("course:live", function (e) {
		__latency(JSON.stringify({type: e.detail.type, id: e.detail.data.id}));
	});`
	if _, err := chromedp.Call(m.tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		return err
	}
	if err := chromedp.Do(m.tab, chromedp.Navigate(url)); err != nil {
		return err
	}
	if _, err := m.wait("hello", ""); err != nil {
		return err
	}
	return m.idle()
}

// listen is the tab's event listener: it forwards the binding's calls.
func (m *measure) listen(ev any) {
	if b, ok := ev.(*cdpruntime.EventBindingCalled); ok && b.Name == "__latency" {
		var e liveEvent
		if json.Unmarshal([]byte(b.Payload), &e) == nil {
			e.at = time.Now()
			select {
			case m.events <- e:
			default: // never block the tab's event loop
			}
		}
	}
}

// wait waits for a live event of the given type (and id, when not empty).
func (m *measure) wait(typ, id string) (liveEvent, error) {
	deadline := time.After(m.timeout)
	for {
		select {
		case e := <-m.events:
			if e.Type == typ && (id == "" || e.ID == id) {
				return e, nil
			}
		case <-deadline:
			return liveEvent{}, fmt.Errorf("no %s event in the tab after %s", typ, m.timeout)
		}
	}
}

// edit changes the lesson, and returns the time until the reload event
// reached the tab, and the build's report. It returns once the reloaded
// page is connected again.
func (m *measure) edit(n int) (time.Duration, server.Report, error) {
	path := filepath.Join(m.dir, filepath.FromSlash(m.lesson))
	src, err := os.ReadFile(path)
	if err != nil {
		return 0, server.Report{}, err
	}
	text := string(src)
	if i := strings.Index(text, "\n\nLatency edit "); i >= 0 {
		text = text[:i]
	}
	text = strings.TrimRight(text, "\n") + fmt.Sprintf("\n\nLatency edit %d.\n", n)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return 0, server.Report{}, err
	}
	ru0 := usage()
	start := time.Now()
	m.written = start
	if err := os.Rename(tmp, path); err != nil {
		return 0, server.Report{}, err
	}
	var r server.Report
	select {
	case r = <-m.reports:
	case <-time.After(m.timeout):
		return 0, r, errors.New("no rebuild after the edit")
	}
	ru1 := usage()
	m.cpu = time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	m.faults = ru1.Minflt - ru0.Minflt
	if !r.OK {
		return 0, r, fmt.Errorf("the edit broke the build: %+v", r.Problems)
	}
	e, err := m.wait("reload", r.Changed.ID)
	if err != nil {
		return 0, r, err
	}
	if _, err := m.wait("hello", ""); err != nil { // the reloaded page
		return 0, r, err
	}
	return e.at.Sub(start), r, m.idle()
}

// idle waits until the page has loaded, its fonts are in and the browser
// has had an idle moment, as it has between an author's saves.
func (m *measure) idle() error {
	ctx, cancel := context.WithTimeout(m.tab, m.timeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise((done) => {
		const idle = () => document.fonts.ready.then(() => requestIdleCallback(() => done(true)));
		if (document.readyState === "complete") idle();
		else addEventListener("load", idle, { once: true });
	})`, chromedp.EvalAwaitPromise))
	return err
}

func startBrowser(tmp string, listen func(ev any)) (context.Context, func(), error) {
	path, err := browsertest.FindChromium(os.Getenv, exec.LookPath)
	if err != nil {
		return nil, nil, err
	}
	profile, home := filepath.Join(tmp, "profile"), filepath.Join(tmp, "home")
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path)}
	for _, f := range browsertest.Flags() {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	opts = append(opts, chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900),
		chromedp.Env("HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache")))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(listen))
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		return nil, nil, err
	}
	return ctx, func() { cancel(); cancelAlloc() }, nil
}

// stats are the Go heap in use after a GC, the resident set size as top
// shows it, and the resident set size once the runtime has returned the
// memory it holds but does not use (debug.FreeOSMemory).
type stats struct{ heap, rss, rssFreed uint64 }

func memory() stats {
	s := stats{rss: rss()}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s.heap = ms.HeapInuse
	debug.FreeOSMemory()
	s.rssFreed = rss()
	return s
}

// usage is the process's resource usage so far (zero if unknown).
func usage() syscall.Rusage {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru
}

// rss is the process's resident set size (Linux), or 0.
func rss() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func mib(n uint64) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// pct is the p-th percentile (nearest rank) of d.
func pct[T cmp.Ordered](d []T, p int) T {
	if len(d) == 0 {
		var zero T
		return zero
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(0, min(i, len(s)-1))]
}

// copyCourse copies what a build reads (and the math cache, so that the
// first build is as warm as the author's).
func copyCourse(src, dst string) error {
	for _, name := range []string{"course.toml", "content", "exercises", "themes", ".course-cache/math"} {
		from := filepath.Join(src, name)
		st, err := os.Stat(from)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return err
		case st.IsDir():
			err = os.CopyFS(filepath.Join(dst, name), os.DirFS(from))
		default:
			var data []byte
			if data, err = os.ReadFile(from); err == nil {
				if err = os.MkdirAll(dst, 0o755); err == nil {
					err = os.WriteFile(filepath.Join(dst, name), data, 0o644)
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// firstLesson is the first lesson file of the course, in path order.
func firstLesson(dir string) (string, error) {
	var found string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || found != "" {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" && strings.Count(filepath.ToSlash(strings.TrimPrefix(p, dir)), "/") == 3 {
			found = p
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if found == "" {
		return "", errors.New("no lesson found under content/")
	}
	rel, _ := filepath.Rel(dir, found)
	return filepath.ToSlash(rel), nil
}

// lessonURL maps content/01-mod/02-lesson.md to mod/lesson/.
func lessonURL(rel string) string {
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md"), "/")
	for i, p := range parts {
		if j := strings.IndexByte(p, '-'); j > 0 && strings.Trim(p[:j], "0123456789") == "" {
			parts[i] = p[j+1:]
		}
	}
	return strings.Join(parts, "/") + "/"
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
