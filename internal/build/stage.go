package build

import (
	"bytes"
	"io/fs"
	"strings"

	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
)

// exerciseStage is what a build derives from exercises/: the exercises,
// the problems found loading them, the runner's files and bundles, and the
// key pages depend on. A Builder keeps it while no change names a path
// under exercises/ and content/ lists the same module folders (the loader
// orders exercises by them).
type exerciseStage struct {
	gen     uint64
	modules string
	set     *exercise.Set
	diags   []diag.Diagnostic

	files     map[string][]byte // runnerFiles
	bundles   map[string]string
	lib       string
	runnerErr error
	key       string // exercisesKey
}

// exercises returns the exercise stage, loading exercises/ again only
// when something in it changed.
func (b *Builder) exercises(dl *diag.List) *exerciseStage {
	gen := b.src.Gen(exercise.Dir)
	modules := b.moduleFolders()
	if ex := b.ex; ex == nil || ex.gen != gen || ex.modules != modules {
		own := &diag.List{}
		ex = &exerciseStage{gen: gen, modules: modules, set: exercise.Load(b.src, own)}
		ex.diags = own.Items()
		ex.files, ex.bundles, ex.lib, ex.runnerErr = runnerFiles(ex.set)
		ex.key = exercisesKey(ex.set)
		b.ex = ex
	}
	for _, d := range b.ex.diags {
		dl.Add(d)
	}
	b.checkEmbedded(b.ex.set, dl)
	return b.ex
}

// moduleFolders lists content/'s folders, as the exercise loader sees them.
func (b *Builder) moduleFolders() string {
	entries, _ := fs.ReadDir(b.src, content.Dir)
	var sb strings.Builder
	for _, e := range entries {
		if e.IsDir() {
			sb.WriteString(e.Name())
			sb.WriteByte('/')
		}
	}
	return sb.String()
}

// embedScan is the exercises a markdown file embeds, kept with the file's
// bytes it was found in.
type embedScan struct {
	src []byte
	ids []string
}

// embedded returns the exercise ids the file embeds, scanning src only
// when it is not the bytes of the previous scan.
func (b *Builder) embedded(file string, src []byte, next map[string]embedScan, body func() []byte) []string {
	if e, ok := b.embeds[file]; ok && sameBytes(e.src, src) {
		next[file] = e
		return e.ids
	}
	e := embedScan{src: src}
	for _, m := range exerciseLine.FindAllSubmatch(body(), -1) {
		e.ids = append(e.ids, string(m[1]))
	}
	next[file] = e
	return e.ids
}

// keepExtras gives each generated file that has the bytes it had in the
// previous build that build's slice, so that later stages see it
// unchanged (see sameBytes).
func (b *Builder) keepExtras(extra map[string][]byte) {
	for p, data := range extra {
		if prev, ok := b.extras[p]; ok && !sameBytes(prev, data) && bytes.Equal(prev, data) {
			extra[p] = prev
		}
	}
	b.extras = extra
}
