package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mlcourse/course/internal/content"
	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
	"github.com/mlcourse/course/internal/notebook"
)

// PyodideVersion is the Pyodide release the in-page runner loads; the files
// in themes/default/static/pyodide/ are this version (scripts/vendor-runner.sh
// checks that they agree).
const PyodideVersion = "314.0.7"

// PyodideCDN is where pages load Pyodide from with [runner] pyodide = "cdn".
const PyodideCDN = "https://cdn.jsdelivr.net/pyodide/v" + PyodideVersion + "/full/"

// Theme files the in-page runner needs, below the theme's static/.
const (
	runnerScript = "js/runner.js"
	runnerWorker = "js/runner-worker.js"
	editorBundle = "editor/editor.js"
	pyodideDir   = "pyodide/"
)

// BundleSchema is the version of the exercise bundles the page fetches.
const BundleSchema = 1

// Bundle is what the page's runner fetches for one browser exercise when the
// learner first presses Run: everything coursecheck.run needs. It is served
// as exercises/<id>/bundle.<hash>.json.
type Bundle struct {
	Schema      int               `json:"schema"`
	ID          string            `json:"id"`
	Hash        string            `json:"hash"`
	Title       string            `json:"title"`
	LearnerFile string            `json:"learner_file"`
	TimeoutS    float64           `json:"timeout_s"`
	Functions   []string          `json:"functions"`
	Starter     string            `json:"starter"`
	Check       string            `json:"check"`
	Solution    string            `json:"solution"`
	Data        map[string]string `json:"data"` // text files the checker reads, by path relative to the exercise
}

// exerciseHash identifies what a learner's saved code was written
// against: the starter, the checker and the functions to write. The page
// keys saved code with it, so a changed exercise asks before loading stale
// code.
func exerciseHash(e *exercise.Exercise) string {
	h := sha256.New()
	fmt.Fprintf(h, "exercise v1\x00%s\x00%q\x00%d\x00", e.ID, e.Functions, len(e.Starter))
	h.Write(e.Starter)
	fmt.Fprintf(h, "\x00%d\x00", len(e.Check))
	h.Write(e.Check)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// runnerFiles are the generated static files of the in-page runner:
// coursecheck.py and one bundle per browser exercise, all with content
// hashes in their names (the page names them, so a new version is a new
// URL). It returns the files and, per exercise id, its bundle's path.
func runnerFiles(set *exercise.Set) (files map[string][]byte, bundles map[string]string, lib string, err error) {
	files = map[string][]byte{}
	bundles = map[string]string{}
	if !slices.ContainsFunc(set.Exercises, func(e *exercise.Exercise) bool { return e.Runtime == exercise.Browser }) {
		return files, bundles, "", nil
	}
	src, err := fs.ReadFile(set.FS, exercise.LibDir+"/coursecheck.py")
	if err != nil {
		return nil, nil, "", err
	}
	lib = "runner/coursecheck." + shortHash(src) + ".py"
	files[lib] = src
	for _, e := range set.Exercises {
		if e.Runtime != exercise.Browser {
			continue
		}
		b := Bundle{
			Schema:      BundleSchema,
			ID:          e.ID,
			Hash:        exerciseHash(e),
			Title:       e.Title,
			LearnerFile: e.Slug + ".py",
			TimeoutS:    e.Timeout.Seconds(),
			Functions:   e.Functions,
			Starter:     string(e.Starter),
			Check:       string(e.Check),
			Solution:    string(e.Solution),
			Data:        map[string]string{},
		}
		if b.Functions == nil {
			b.Functions = []string{}
		}
		for _, d := range e.Data {
			data, err := fs.ReadFile(set.FS, path.Join(e.Dir, d))
			if err != nil {
				return nil, nil, "", err
			}
			if !utf8.Valid(data) {
				return nil, nil, "", fmt.Errorf("%s: a browser exercise's data files must be text (UTF-8)", path.Join(e.Dir, d))
			}
			b.Data[d] = string(data)
		}
		data, _ := json.Marshal(b)
		p := "exercises/" + e.ID + "/bundle." + shortHash(data) + ".json"
		files[p] = data
		bundles[e.ID] = p
	}
	return files, bundles, lib, nil
}

func shortHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:4])
}

// runnerConfig is what every browser exercise's section tells runner.js,
// as a JSON data attribute: where the worker, the editor, Pyodide and the
// checker library are.
type runnerConfig struct {
	Worker      string `json:"worker"`
	Editor      string `json:"editor"`
	Pyodide     string `json:"pyodide"`
	CourseCheck string `json:"coursecheck"`
	Snapshot    string `json:"snapshot,omitempty"` // the shipped memory snapshot, when the site has one
}

func (c runnerConfig) JSON() string {
	b, _ := json.Marshal(c)
	return string(b)
}

// skipStatic leaves out of the site the runner's theme files it does not
// need: all of them when no exercise runs in the page, Pyodide when pages
// load it from the CDN, the memory snapshot's sidecar (the build reads
// it, pages do not), and the snapshot when it is not shipped.
func (r *pageRunner) skipStatic(p string) bool {
	if len(r.bundles) == 0 {
		return strings.HasPrefix(p, pyodideDir) || p == editorBundle || p == runnerScript || p == runnerWorker ||
			strings.HasPrefix(p, "editor/")
	}
	if p == SnapshotInfoFile || p == SnapshotFile && !r.snapshot {
		return true
	}
	return r.cdn && strings.HasPrefix(p, pyodideDir)
}

// pageRunner is what the exercise directive needs to render a browser
// exercise's runner: the bundles and checker library (known before the
// build renders pages) and the published names of the theme's files
// (known once the static files are placed: OnAssets).
type pageRunner struct {
	base     string
	cdn      bool
	snapshot bool              // the site ships the theme's memory snapshot (shipSnapshot)
	bundles  map[string]string // exercise id → bundle path
	lib      string            // coursecheck.py's path
	assets   map[string]string
}

// config returns the runner's paths for the page, or an error naming a
// missing theme file.
func (r *pageRunner) config() (runnerConfig, error) {
	var c runnerConfig
	for _, f := range []struct {
		name string
		dst  *string
	}{{runnerWorker, &c.Worker}, {editorBundle, &c.Editor}} {
		p, ok := r.assets[f.name]
		if !ok {
			return c, fmt.Errorf("the theme has no static/%s, which the in-page runner needs", f.name)
		}
		*f.dst = r.base + p
	}
	mjs, ok := r.assets[pyodideDir+"pyodide.mjs"]
	if !ok && !r.cdn {
		return c, fmt.Errorf("the theme has no static/%spyodide.mjs; run scripts/vendor-runner.sh, or set [runner] pyodide = \"cdn\" in course.toml", pyodideDir)
	}
	c.Pyodide = r.base + path.Dir(mjs) + "/"
	if r.cdn {
		c.Pyodide = PyodideCDN
	}
	c.CourseCheck = r.base + r.lib
	if p, ok := r.assets[SnapshotFile]; ok && r.snapshot {
		c.Snapshot = r.base + p
	}
	return c, nil
}

// indexEntry is one exercise in exercises/index.json, which the home page
// reads to show the learner's progress per module.
type indexEntry struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Module      string `json:"module"`
	ModuleTitle string `json:"module_title"`
	Runtime     string `json:"runtime"`
}

// exerciseIndex lists the exercises in course order, with their module's
// title. An exercise whose module is not in the course (a draft module in a
// build without drafts) is left out: no page shows it, and the home page
// must not list it under a bare slug. (checkEmbedded makes every other
// exercise's module a module of the course.)
func exerciseIndex(c *content.Course, set *exercise.Set) []byte {
	titles := map[string]string{}
	if c != nil {
		for _, m := range c.Modules {
			if m.Index != nil {
				titles[m.Slug] = m.Index.Meta.Title
			}
		}
	}
	list := []indexEntry{}
	for _, e := range set.Exercises {
		t := titles[e.Module]
		if t == "" {
			continue
		}
		list = append(list, indexEntry{ID: e.ID, Title: e.Title, Module: e.Module, ModuleTitle: t, Runtime: e.Runtime})
	}
	data, _ := json.Marshal(map[string]any{"schema": 1, "exercises": list})
	return data
}

// exerciseLine matches a line that opens an exercise directive.
var modulePrefix = regexp.MustCompile(`^\d+-(.+)$`)

var exerciseLine = regexp.MustCompile(`(?m)^ {0,3}:{3,}[ \t]*exercise[ \t]+([^\s{]+)`)

// checkEmbedded reports every exercise that no lesson embeds (a learner
// could never reach it, and the home page could not place it in a
// module), and every exercise whose module is not a module of the course.
// Every lesson counts, drafts included, so that a draft lesson's exercise
// is not an error in a build without drafts.
func (b *Builder) checkEmbedded(set *exercise.Set, dl *diag.List) {
	if len(set.Exercises) == 0 {
		return
	}
	fsys := b.src
	next := map[string]embedScan{}
	defer func() { b.embeds = next }()
	embedded := map[string]bool{}
	modules := map[string]bool{}
	var slugs []string
	_ = fs.WalkDir(fsys, content.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && path.Dir(p) == content.Dir {
			if m := modulePrefix.FindStringSubmatch(d.Name()); m != nil && !modules[m[1]] {
				modules[m[1]] = true
				slugs = append(slugs, m[1])
			}
		}
		isNotebook := strings.HasSuffix(p, ".ipynb")
		if d.IsDir() || !strings.HasSuffix(p, ".md") && !isNotebook {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		for _, id := range b.embedded(p, src, next, func() []byte {
			if !isNotebook {
				return src
			}
			nb, _ := notebook.Parse(p, src) // its markdown cells, as a lesson shows them
			if nb == nil {
				return nil // reported by the build
			}
			return nb.Body
		}) {
			embedded[id] = true
		}
		return nil
	})
	for _, e := range set.Exercises {
		file := e.Dir + "/exercise.toml"
		if !modules[e.Module] && len(slugs) > 0 {
			hint := "an exercise's folder is exercises/<module slug>/<slug>; the modules are " + strings.Join(slugs, ", ")
			if near := diag.Nearest(e.Module, slugs, len(e.Module)/2+2); near != "" {
				hint = fmt.Sprintf("did you mean exercises/%s/%s?", near, e.Slug)
			}
			dl.Add(diag.Diagnostic{File: file, Msg: fmt.Sprintf("exercise %s is in module %q, which content/ does not have", e.ID, e.Module), Hint: hint})
			continue
		}
		if !embedded[e.ID] {
			dl.Add(diag.Diagnostic{File: file, Msg: fmt.Sprintf("no lesson embeds exercise %s", e.ID),
				Hint: fmt.Sprintf("add a block \"::: exercise %s\" with its instructions to a lesson of module %s", e.ID, e.Module)})
		}
	}
}
