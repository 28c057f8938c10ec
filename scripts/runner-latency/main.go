// Command runner-latency measures how soon an in-page exercise answers its
// first Run, in a real (headless) Chromium, on the built bundled course
// served on 127.0.0.1 as a static host serves it:
//
//	go run ./scripts/runner-latency                 # 3 runs of each case
//	go run ./scripts/runner-latency -runs 5 -exercise data-splits/stratified-split
//	go run ./scripts/runner-latency -runs 1 -v      # and when each stage of the start was reached
//	go run ./scripts/runner-latency -shipped=false  # first visits start CPython, not the site's snapshot
//
// For each mode (the page's warm-up off, as before it existed, and on) and
// each run, a fresh browser (empty cache: "cold") loads the exercise's page
// and then a second tab of the same browser loads it again ("warm": the HTTP
// cache and the course's service worker have it). In each, two learners:
//
//   - "at once": Run is pressed as soon as the page has loaded;
//   - "after 10 s": the exercise is scrolled into view as the page loads,
//     and Run is pressed 10 s later (the time a learner spends reading it).
//
// It reports the time from the press to the report on the page (median and
// max over the runs), and the page's Largest Contentful Paint and total
// blocking time (long tasks' time over 50 ms, from first paint until Run
// is pressed).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
)

// perfScript records LCP and long tasks from the document's start.
const perfScript = `
window.__perf = { lcp: 0, fcp: 0, long: [] };
new PerformanceObserver((l) => { for (const e of l.getEntries()) __perf.lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") __perf.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
new PerformanceObserver((l) => { for (const e of l.getEntries()) __perf.long.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
`

type sample struct {
	run, lcp, tbt float64
	stages        string // when Python's start reached each stage
}

func main() {
	runs := flag.Int("runs", 3, "runs of each case")
	id := flag.String("exercise", "data-splits/stratified-split", "the browser exercise whose page is measured")
	wait := flag.Duration("wait", 10*time.Second, `how long the "after" learner reads before pressing Run`)
	verbose := flag.Bool("v", false, "print when Python's start reached each stage")
	offline := flag.Bool("offline", true, "let the page register the course's service worker (false: window.courseNoOffline, to see what its install costs a first visit)")
	snapshot := flag.Bool("snapshot", true, "let Python start from its memory snapshot in Cache Storage when the cache is warm (false: the ordinary start every time)")
	shipped := flag.Bool("shipped", true, "let a start with no snapshot in Cache Storage restore the one the site ships (false: window.courseNoShippedSnapshot)")
	flag.Parse()
	log.SetFlags(0)

	out, err := os.MkdirTemp("", "runner-latency-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(out)
	b, err := build.New(build.Options{Source: ".", NoCache: true})
	if err != nil {
		log.Fatal(err)
	}
	res, err := b.Write(filepath.Join(out, "public"))
	b.Close()
	if err != nil || !res.OK() {
		log.Fatalf("build: %v %v", err, res.Diags)
	}
	pageURL := ""
	_ = filepath.WalkDir(filepath.Join(out, "public"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, "index.html") && pageURL == "" && !strings.Contains(filepath.ToSlash(p), "/print/") {
			if data, _ := os.ReadFile(p); strings.Contains(string(data), `data-exercise="`+*id+`"`) {
				rel, _ := filepath.Rel(filepath.Join(out, "public"), filepath.Dir(p))
				pageURL = filepath.ToSlash(rel) + "/"
			}
		}
		return nil
	})
	if pageURL == "" {
		log.Fatalf("no page embeds %s", *id)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, browsertest.StaticHandler(filepath.Join(out, "public"), "/"))
	url := "http://" + ln.Addr().String() + "/" + pageURL
	fmt.Printf("page %s (exercise %s), %d runs per case\n\n", pageURL, *id, *runs)

	results := map[string][]sample{}
	order := []string{}
	for _, warmup := range []bool{false, true} {
		for r := 0; r < *runs; r++ {
			for _, after := range []bool{false, true} {
				ctx, closeBrowser, _, err := browsertest.Launch(context.Background(), 1280, 800)
				if err != nil {
					log.Fatal(err)
				}
				for _, cache := range []string{"cold", "warm"} {
					key := fmt.Sprintf("%-4s | %-4s | %s", map[bool]string{false: "off", true: "on"}[warmup], cache, map[bool]string{false: "at once", true: "after " + wait.String()}[after])
					if !slices.Contains(order, key) {
						order = append(order, key)
					}
					s, err := measure(ctx, url, *id, warmup, after, *snapshot, *shipped, *offline, *wait)
					if err != nil {
						log.Fatalf("%s: %v", key, err)
					}
					results[key] = append(results[key], s)
					log.Printf("  %s: first result %.0f ms, LCP %.0f ms, TBT %.0f ms", key, s.run, s.lcp, s.tbt)
					if *verbose {
						log.Printf("    %s", s.stages)
					}
				}
				closeBrowser()
			}
		}
	}
	fmt.Printf("\n| warm-up | cache | Run pressed | first result, median (max) | LCP, median | TBT, median |\n|---|---|---|---|---|---|\n")
	for _, k := range order {
		ss := results[k]
		col := func(f func(sample) float64) []float64 {
			var v []float64
			for _, s := range ss {
				v = append(v, f(s))
			}
			slices.Sort(v)
			return v
		}
		run, lcp, tbt := col(func(s sample) float64 { return s.run }), col(func(s sample) float64 { return s.lcp }), col(func(s sample) float64 { return s.tbt })
		parts := strings.Split(k, " | ")
		fmt.Printf("| %s | %s | %s | %.0f ms (%.0f) | %.0f ms | %.0f ms |\n", strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), parts[2], median(run), run[len(run)-1], median(lcp), median(tbt))
	}
}

func median(v []float64) float64 {
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// measure opens url in a new tab of the browser, presses Run as the case
// says, and returns the times.
func measure(parent context.Context, url, id string, warmup, after, snapshot, shipped, offline bool, wait time.Duration) (sample, error) {
	ctx, cancel := chromedp.NewContext(parent)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelT()
	init := perfScript
	if !warmup {
		init += "window.courseNoWarm = true;\n"
	}
	if !snapshot {
		init += "window.courseNoSnapshot = true;\n"
	}
	if !shipped {
		init += "window.courseNoShippedSnapshot = true;\n"
	}
	if !offline {
		init += "window.courseNoOffline = true;\n"
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: init})
		return err
	}), chromedp.Navigate(url))
	if err != nil {
		return sample{}, err
	}
	sec := `document.querySelector('section.exercise[data-exercise="` + id + `"]')`
	if after {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(`+sec+`.scrollIntoView(), true)`)); err != nil {
			return sample{}, err
		}
		time.Sleep(wait) // the learner reads: this is the case measured, not a wait for a condition
	}
	type result struct {
		Times    []float64 `json:"times"`
		Timeline [][2]any  `json:"timeline"`
		Press    float64   `json:"press"`
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[result](`(async () => {
		const sec = `+sec+`;
		while (!sec.courseRunner) await new Promise((r) => setTimeout(r, 10));
		sec.scrollIntoView();
		const res = sec.querySelector(".exercise-results");
		res.removeAttribute("data-status");
		const tbt = __perf.long.filter(([s]) => s >= __perf.fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
		const t0 = performance.now();
		sec.querySelector("[data-action=run]").click();
		while (!res.dataset.status) await new Promise((r) => setTimeout(r, 5));
		if (res.dataset.status === "error") throw new Error(res.textContent);
		const w = courseRunner.warmState;
		const done = performance.now();
		// A learner stays on the page for a while: let the memory snapshot
		// be stored, as it would be before a second visit (at most 30 s; a
		// start that restored a copy stores none).
		while (!window.courseNoSnapshot && !courseRunner.timeline.some(([s]) => s === "kept" || s === "restored") && performance.now() - done < 30000) await new Promise((r) => setTimeout(r, 20));
		return { times: [done - t0, __perf.lcp, tbt], timeline: courseRunner.timeline, press: Math.round(t0 - w.startedAt) };
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return sample{}, err
	}
	var stages []string
	for _, st := range v.Timeline {
		stages = append(stages, fmt.Sprintf("%v %v", st[0], st[1]))
	}
	return sample{run: v.Times[0], lcp: v.Times[1], tbt: v.Times[2],
		stages: fmt.Sprintf("Run pressed at %.0f ms; stages (ms after the worker started): %s", v.Press, strings.Join(stages, ", "))}, nil
}
