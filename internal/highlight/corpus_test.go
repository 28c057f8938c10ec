package highlight

import (
	"flag"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

var (
	pyCorpusFull = flag.Bool("pycorpus.full", false, "compare the fast Python path with chroma on every chunk of the corpus, not a sample")
	pyCorpusSize = flag.Int("pycorpus.n", 0, "number of corpus chunks to sample (default 3000, 300 under -race)")
	pyCorpusSeed = flag.Uint64("pycorpus.seed", 1, "seed choosing the sampled chunks")
	pyCorpusDirs = flag.String("pycorpus.dirs", "/usr/lib/python3.*", "comma-separated globs of directories of Python code (site-packages and dist-packages below them are skipped)")
)

// pythonCorpus splits the .py files of the Python standard libraries under
// /usr/lib (third-party packages left out) into chunks of 5 to 60 lines. Chunk boundaries depend only on a
// file's path and contents, so a given corpus always gives the same chunks.
func pythonCorpus(t *testing.T) []string {
	t.Helper()
	var dirs []string
	for _, glob := range strings.Split(*pyCorpusDirs, ",") {
		m, _ := filepath.Glob(glob)
		dirs = append(dirs, m...)
	}
	var roots []string
	seen := map[string]bool{}
	for _, d := range dirs {
		real, err := filepath.EvalSymlinks(d)
		if err != nil || seen[real] {
			continue
		}
		if fi, err := os.Stat(real); err == nil && fi.IsDir() {
			seen[real] = true
			roots = append(roots, real)
		}
	}
	var files []string
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && path != root && (d.Name() == "site-packages" || d.Name() == "dist-packages") {
				return filepath.SkipDir
			}
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".py") {
				files = append(files, path)
			}
			return nil
		})
	}
	slices.Sort(files)
	files = slices.Compact(files)
	if len(files) == 0 {
		msg := "NO PYTHON CORPUS: no .py files under " + *pyCorpusDirs +
			"; the fast Python lexer is NOT being checked against chroma on real code"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Log(strings.Repeat("!", 72))
		t.Log(msg)
		t.Log(strings.Repeat("!", 72))
		t.Skip("no Python corpus")
	}
	var chunks []string
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(path))
		rng := rand.New(rand.NewPCG(h.Sum64(), uint64(len(data))))
		lines := strings.SplitAfter(string(data), "\n")
		for i := 0; i < len(lines); {
			n := 5 + rng.IntN(56)
			j := min(i+n, len(lines))
			chunks = append(chunks, strings.Join(lines[i:j], ""))
			i = j
		}
	}
	return chunks
}

// TestFastPathMatchesChromaOnPythonCorpus is the differential test that
// licenses the fast path: on real Python code, split at arbitrary lines (so
// chunks start inside strings, brackets and docstrings), the HTML must be
// byte for byte chroma's, and where the fast lexer runs, so must its tokens.
// By default a sample runs; -pycorpus.full checks every chunk.
func TestFastPathMatchesChromaOnPythonCorpus(t *testing.T) {
	chunks := pythonCorpus(t)
	total := len(chunks)
	n := *pyCorpusSize
	if n == 0 {
		n = 3000
		if raceEnabled {
			n = 300
		}
	}
	if !*pyCorpusFull && len(chunks) > n {
		rng := rand.New(rand.NewPCG(*pyCorpusSeed, 0))
		perm := rng.Perm(len(chunks))[:n]
		slices.Sort(perm)
		sample := make([]string, len(perm))
		for i, p := range perm {
			sample[i] = chunks[p]
		}
		chunks = sample
	}
	var bails, failures, lines atomic.Int64
	var mu sync.Mutex
	var bailExamples []string
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				b := corpusBlock(i, chunks[i])
				lines.Add(int64(strings.Count(b.code, "\n")))
				bailed, problem := checkPythonBlock(b)
				if bailed && bails.Add(1) <= 5 {
					mu.Lock()
					bailExamples = append(bailExamples, b.code)
					mu.Unlock()
				}
				if problem != "" && failures.Add(1) <= 5 {
					t.Errorf("chunk %d: %s\ncode:\n%s", i, problem, b.code)
				}
			}
		}()
	}
	for i := range chunks {
		work <- i
	}
	close(work)
	wg.Wait()
	t.Logf("python corpus: compared %d of %d chunks (%d lines); fast lexer fell back to chroma on %d; %d differed",
		len(chunks), total, lines.Load(), bails.Load(), failures.Load())
	for _, ex := range bailExamples {
		t.Logf("fell back on:\n%s", ex)
	}
}

// corpusBlock varies the formatting options from chunk to chunk.
func corpusBlock(i int, code string) block {
	o := Options{Lang: "python", LineNumbers: i%3 != 0, Start: []int{0, 1, 7, 99}[i%4]}
	if i%5 == 0 {
		o.Highlight = [][2]int{{2, 3}, {i % 11, i%11 + i%4}}
	}
	return normalise(code, o)
}

// checkPythonBlock compares the fast path with chroma on one block: tokens
// (when the fast lexer does not bail out) and HTML.
func checkPythonBlock(b block) (bailed bool, problem string) {
	want, err := chromaPythonTokens(b.code)
	if err != nil {
		return false, "chroma: " + err.Error()
	}
	toks, ok := lexPythonTokens(b.code)
	if ok && diffTokens(toks, want) != "" {
		// A regexp2 match timeout under load makes chroma itself
		// nondeterministic; ask again before blaming the fast lexer.
		if again, _ := chromaPythonTokens(b.code); diffTokens(again, want) != "" {
			want = again
		}
		if diff := diffTokens(toks, want); diff != "" {
			return false, "tokens differ from chroma's:\n" + diff
		}
	}
	if got, want := b.render(), chromaFormat(b, want); got != want {
		return !ok, "HTML differs from chroma's:\n got: " + got + "\nwant: " + want
	}
	return !ok, ""
}
