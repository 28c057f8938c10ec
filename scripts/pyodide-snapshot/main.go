// Command pyodide-snapshot makes the Python memory snapshot that the site
// ships beside the vendored Pyodide, so that a learner's first visit
// restores an interpreter that has already started and imported the
// checker library's modules, instead of starting CPython (seconds on a
// slow machine). scripts/vendor-runner.sh runs it after vendoring Pyodide:
//
//	go run ./scripts/pyodide-snapshot            # writes the theme's files
//	go run ./scripts/pyodide-snapshot -check     # makes one and compares it with them
//
// It serves the theme's static/pyodide/ on 127.0.0.1, and in headless
// Chromium (internal/browsertest's flags) a module worker loads that
// Pyodide with _makeSnapshot, runs static/js/runner-worker.js's PRELOAD
// (the single source of truth for what the snapshot imports) and posts
// pyodide.makeMemorySnapshot() back. It writes
//
//	static/pyodide/memory.snapshot.gz    the snapshot, gzipped (no name, no time)
//	static/pyodide/memory.snapshot.json  what it was made from (build.SnapshotInfo)
//
// The snapshot is the same bytes every time: in the worker,
// crypto.getRandomValues (CPython's only source of entropy: the hash
// secret, random's seed) is a fixed pseudo-random sequence, and Chromium
// runs with TZ=UTC and LANG=C.UTF-8 (the time module reads the time zone when it
// is imported; the environment holds LANG). The page's worker seeds random anew
// after a restore; the hash secret stays the snapshot's.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mlcourse/course/internal/browsertest"
	"github.com/mlcourse/course/internal/build"
)

// makeWorker is the module worker that makes the snapshot. Its loadPyodide
// options are the runner worker's when it makes its own copy.
const makeWorker = `
// A fixed sequence instead of entropy (xorshift32): the same bytes every run.
let state = 0x2545f491;
crypto.getRandomValues = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return view;
};
// A clock that starts at a fixed time and moves 1 ms each time it is read
// (CPython keeps file times in its import caches, mimalloc seeds itself
// from the clock): the same readings every run.
let now = Date.UTC(2025, 0, 1);
const tick = () => (now += 1);
const RealDate = Date;
self.Date = class Date extends RealDate {
  constructor(...args) {
    if (args.length) super(...args);
    else super(tick());
  }
  static now() {
    return tick();
  }
};
let mono = 1000;
performance.now = () => (mono += 1);
self.onmessage = async (e) => {
  try {
    const { dir, preload } = e.data;
    const { loadPyodide } = await import(dir + "pyodide.mjs");
    const py = await loadPyodide({ indexURL: dir, stdout: () => {}, stderr: () => {}, _makeSnapshot: true });
    py.runPython(preload);
    const snap = py.makeMemorySnapshot();
    const res = await fetch("/snapshot", { method: "POST", body: snap });
    if (!res.ok) throw new Error("POST /snapshot: HTTP " + res.status);
    self.postMessage({ ok: true, size: snap.length });
  } catch (err) {
    self.postMessage({ ok: false, message: String((err && err.stack) || err) });
  }
};
`

func main() {
	theme := flag.String("theme", "themes/default", "the theme whose static/pyodide/ gets the snapshot")
	check := flag.Bool("check", false, "make a snapshot and compare it with the theme's, writing nothing")
	raw := flag.String("raw", "", "also write the snapshot, not compressed, to this file (to compare two)")
	timeout := flag.Duration("timeout", 5*time.Minute, "give up after this long")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("pyodide-snapshot: ")

	static := filepath.Join(*theme, "static")
	worker, err := os.ReadFile(filepath.Join(static, "js", "runner-worker.js"))
	if err != nil {
		log.Fatal(err)
	}
	wasm, err := os.ReadFile(filepath.Join(static, "pyodide", "pyodide.asm.wasm"))
	if err != nil {
		log.Fatalf("%v (run scripts/vendor-runner.sh)", err)
	}
	preload, err := build.Preload(worker)
	if err != nil {
		log.Fatal(err)
	}

	start := time.Now()
	snap, err := makeSnapshot(static, preload, *timeout)
	if err != nil {
		log.Fatal(err)
	}
	if *raw != "" {
		if err := os.WriteFile(*raw, snap, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	info, err := build.NewSnapshotInfo(worker, wasm, snap)
	if err != nil {
		log.Fatal(err)
	}
	gz, err := compress(snap)
	if err != nil {
		log.Fatal(err)
	}
	meta, _ := json.MarshalIndent(info, "", "  ")
	meta = append(meta, '\n')
	gzPath := filepath.Join(static, filepath.FromSlash(build.SnapshotFile))
	infoPath := filepath.Join(static, filepath.FromSlash(build.SnapshotInfoFile))
	took := time.Since(start).Round(100 * time.Millisecond)

	if *check {
		old, err := os.ReadFile(infoPath)
		if err != nil {
			log.Fatal(err)
		}
		oldGz, err := os.ReadFile(gzPath)
		if err != nil {
			log.Fatal(err)
		}
		if !bytes.Equal(old, meta) || !bytes.Equal(oldGz, gz) {
			log.Fatalf("the snapshot made now differs from %s (%d bytes gzipped, now %d):\nwas %s\nnow %s", gzPath, len(oldGz), len(gz), old, meta)
		}
		fmt.Printf("pyodide-snapshot: %s is reproduced byte for byte (%d bytes, %d gzipped; %s)\n", gzPath, len(snap), len(gz), took)
		return
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{gzPath, gz}, {infoPath, meta}} {
		tmp := f.path + ".tmp"
		if err := os.WriteFile(tmp, f.data, 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Rename(tmp, f.path); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("pyodide-snapshot: %s: %d bytes, %d gzipped (%s)\n", gzPath, len(snap), len(gz), took)
}

// makeSnapshot starts Pyodide from static/pyodide/ in headless Chromium, runs
// preload and returns the interpreter's memory snapshot.
func makeSnapshot(static, preload string, timeout time.Duration) ([]byte, error) {
	got := make(chan []byte, 1)
	files := browsertest.StaticHandler(static, "/")
	mux := http.NewServeMux()
	mux.HandleFunc("/make.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>snapshot</title>")
	})
	mux.HandleFunc("/make.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, makeWorker)
	})
	mux.HandleFunc("POST /snapshot", func(w http.ResponseWriter, r *http.Request) {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		select {
		case got <- data:
		default:
		}
	})
	mux.Handle("/", files)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// Chromium's time zone and language become the snapshot's.
	os.Setenv("TZ", "UTC")
	os.Setenv("LANG", "C.UTF-8")
	os.Setenv("LANGUAGE", "")
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	bctx, closeBrowser, _, err := browsertest.Launch(ctx, 800, 600)
	if err != nil {
		return nil, err
	}
	defer closeBrowser()
	type result struct {
		OK      bool   `json:"ok"`
		Size    int    `json:"size"`
		Message string `json:"message"`
	}
	js := fmt.Sprintf(`new Promise((resolve) => {
		const w = new Worker("/make.js", { type: "module" });
		w.onmessage = (e) => resolve(e.data);
		w.onerror = (e) => resolve({ ok: false, message: e.message || "the worker failed" });
		w.postMessage({ dir: %q, preload: %q });
	})`, srv.URL+"/pyodide/", preload)
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/make.html")); err != nil {
		return nil, err
	}
	res, err := chromedp.Run(bctx, chromedp.Evaluate[result](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	if !res.OK {
		return nil, fmt.Errorf("in Chromium: %s", res.Message)
	}
	data := <-got
	if len(data) != res.Size {
		return nil, fmt.Errorf("received %d bytes of a %d-byte snapshot", len(data), res.Size)
	}
	return data, nil
}

// compress gzips data the same way every time: best compression, no file
// name, no modification time.
func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
