package build

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

var (
	benchPages  = flag.Int("bench.pages", 1000, "lessons of the generated course of BenchmarkRebuildOneParagraph/generated")
	benchStages = flag.Bool("bench.stages", false, "BenchmarkRebuildOneParagraph: report the time of each stage of the build")
	benchIdle   = flag.Duration("bench.idle", 0, "BenchmarkRebuildOneParagraph: wait this long (untimed) before each rebuild, as an author's edits are spaced")
	benchCPU    = flag.String("bench.cpuprofile", "", "BenchmarkRebuildOneParagraph: write a CPU profile of the rebuilds alone (not the first build) to this file")
	benchHeap   = flag.String("bench.heapprofile", "", "BenchmarkRebuildOneParagraph: write the heap profile after the last rebuild, with its result alive, to this file")
)

// BenchmarkRebuildOneParagraph times what the preview does after an author
// saves one paragraph of a lesson: Rebuild told that one file changed, in
// this repository's course and in a course of -bench.pages generated
// lessons (scripts/gencourse). It reports the CPU time per rebuild and the
// Go heap in use after the last one (after a GC, with the previous result
// dropped), which is what the preview keeps between edits.
func BenchmarkRebuildOneParagraph(b *testing.B) {
	b.Run("this-course", func(b *testing.B) {
		dir := b.TempDir()
		for _, name := range []string{"course.toml", "content", "exercises", "themes"} {
			if err := copyPath(filepath.Join("../..", name), filepath.Join(dir, name)); err != nil {
				b.Fatal(err)
			}
		}
		benchRebuild(b, dir)
	})
	b.Run(fmt.Sprintf("generated-%d", *benchPages), func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "course")
		cmd := exec.Command("go", "run", "../../scripts/gencourse", "-pages", fmt.Sprint(*benchPages), "-out", dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("gencourse: %v\n%s", err, out)
		}
		benchRebuild(b, dir)
	})
}

func copyPath(from, to string) error {
	st, err := os.Stat(from)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.IsDir():
		return os.CopyFS(to, os.DirFS(from))
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// benchRebuild edits the first lesson of the course in dir b.N times.
func benchRebuild(b *testing.B, dir string) {
	lesson := ""
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && lesson == "" && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			lesson = p
		}
		return nil
	})
	if lesson == "" {
		b.Fatal("no lesson")
	}
	rel, _ := filepath.Rel(dir, lesson)
	rel = filepath.ToSlash(rel)
	src, err := os.ReadFile(lesson)
	if err != nil {
		b.Fatal(err)
	}
	bl, prev := benchFirstBuild(b, dir)
	if *benchCPU != "" {
		f, err := os.Create(*benchCPU)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	b.ResetTimer()
	var cpu, ut, st time.Duration
	var flt int64
	stages := map[string]time.Duration{}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		text := fmt.Sprintf("%s\n\nBenchmark edit %d.\n", src, i)
		if err := os.WriteFile(lesson, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		if *benchIdle > 0 {
			time.Sleep(*benchIdle)
		}
		c := cpuTime()
		f0, u0, s0 := faults()
		b.StartTimer()
		res := bl.Rebuild(prev, Changes{Paths: []string{rel}})
		b.StopTimer()
		f1, u1, s1 := faults()
		flt += f1 - f0
		ut += u1 - u0
		st += s1 - s0
		cpu += cpuTime() - c
		b.StartTimer()
		if !res.OK() {
			b.Fatal(res.Diags)
		}
		for _, st := range res.Timings.Stages() {
			if !strings.Contains(st.Name, "sum over") {
				stages[st.Name] += st.Time
			}
		}
		prev = res
	}
	b.StopTimer()
	if *benchStages {
		for name, d := range stages {
			b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), name+"-ms")
		}
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(flt)/float64(b.N), "faults/op")
	b.ReportMetric(float64(ut.Microseconds())/1000/float64(b.N), "user-ms/op")
	b.ReportMetric(float64(st.Microseconds())/1000/float64(b.N), "sys-ms/op")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
	if *benchHeap != "" {
		f, err := os.Create(*benchHeap)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.WriteHeapProfile(f); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	runtime.KeepAlive(prev)
}

// benchFirstBuild makes a builder for the course in dir (no disk cache)
// and its first build, which a benchmark's rebuilds start from; the
// builder is closed when the benchmark ends.
func benchFirstBuild(b *testing.B, dir string) (*Builder, *Result) {
	b.Helper()
	bl, err := New(Options{Source: dir, NoCache: true, Preview: true}) // as the preview builds
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { bl.Close() })
	prev := bl.Build()
	if !prev.OK() {
		b.Fatal(prev.Diags)
	}
	return bl, prev
}
