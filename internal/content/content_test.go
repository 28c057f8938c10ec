package content

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/diag"
)

func load(t *testing.T, files map[string]string, drafts bool) (*Course, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	dl := &diag.List{}
	cfg := config.Default()
	cfg.Drafts = drafts
	return Load(fsys, cfg, dl), dl
}

func TestLoad(t *testing.T) {
	c, dl := load(t, map[string]string{
		"content/_index.md":              "---\ntitle: Home\n---\nhi\n",
		"content/10-second/_index.md":    "---\ntitle: Second\n---\n",
		"content/2-first/_index.md":      "+++\ntitle = \"First\"\n+++\n",
		"content/2-first/03-c.md":        "---\ntitle: C\n---\n",
		"content/2-first/01-b.md":        "---\ntitle: B\nweight: 2\n---\n",
		"content/2-first/01-a.md":        "---\ntitle: A\nweight: 1\nprerequisites: [second/x, 03-c.md]\n---\n",
		"content/2-first/img/plot.svg":   "<svg/>",
		"content/10-second/04-x.md":      "---\ntitle: X\ndraft: true\n---\n",
		"content/10-second/.04-x.md.swp": "junk",
		"content/2-first/notes.txt":      "download me",
	}, false)
	if dl.Len() > 0 {
		t.Fatalf("unexpected problems:\n%s", dl)
	}
	var got []string
	for _, p := range c.Pages {
		got = append(got, p.URL+"="+p.Meta.Title)
	}
	want := "=Home first/=First first/a/=A first/b/=B first/c/=C second/=Second"
	if strings.Join(got, " ") != want {
		t.Errorf("pages = %s\nwant    %s", strings.Join(got, " "), want)
	}
	if p := c.PageByRef("first/a"); p == nil || p.File != "content/2-first/01-a.md" {
		t.Errorf("PageByRef(first/a) = %+v", p)
	}
	a := c.PageByRef("first/a")
	if c.ResolvePrereq(a, "03-c.md") != c.PageByRef("first/c") {
		t.Error("a relative .md prerequisite does not resolve")
	}
	if c.ResolvePrereq(a, "second/x") != nil {
		t.Error("a draft page resolved without --drafts")
	}
	if !c.HasAsset("content/2-first/img/plot.svg") || c.AssetURL("content/2-first/img/plot.svg") != "first/img/plot.svg" {
		t.Errorf("assets = %+v", c.Assets)
	}
	if len(a.Meta.PrereqLines) != 2 || a.Meta.PrereqLines[0] != 4 {
		t.Errorf("prerequisite lines = %v, want [4 4]", a.Meta.PrereqLines)
	}
	c, _ = load(t, map[string]string{
		"content/1-m/_index.md": "---\ntitle: M\n---\n",
		"content/1-m/1-d.md":    "---\ntitle: D\ndraft: true\n---\n",
	}, true)
	if c.PageByRef("m/d") == nil {
		t.Error("--drafts did not include the draft")
	}
}

func TestBodyKeepsLineNumbers(t *testing.T) {
	c, _ := load(t, map[string]string{
		"content/1-m/_index.md": "---\ntitle: M\nsummary: s\n---\nline five\n",
	}, false)
	body := string(c.PageByRef("m").Body)
	if lines := strings.Split(body, "\n"); len(lines) < 5 || lines[4] != "line five" || strings.TrimSpace(lines[1]) != "" {
		t.Errorf("body = %q", body)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown key with suggestion", map[string]string{"content/1-m/_index.md": "---\ntitle: M\nsumary: x\n---\n"},
			`content/1-m/_index.md:3:1: unknown front-matter key "sumary" (did you mean "summary"?)`},
		{"unknown toml key", map[string]string{"content/1-m/_index.md": "+++\ntitle = \"M\"\nwieght = 2\n+++\n"},
			`content/1-m/_index.md:3:1: unknown key "wieght" (check the spelling; the known keys are listed in the README)`},
		{"wrong type", map[string]string{"content/1-m/_index.md": "---\ntitle: M\nminutes: soon\n---\n"},
			"content/1-m/_index.md:3:10: front-matter key \"minutes\": cannot unmarshal text `soon` into int"},
		{"unclosed front matter", map[string]string{"content/1-m/_index.md": "---\ntitle: M\n"},
			"content/1-m/_index.md:1:1: front matter is not closed (add a line with --- after the last key)"},
		{"missing title", map[string]string{"content/1-m/_index.md": "---\nsummary: x\n---\n"},
			"content/1-m/_index.md:1:1: front matter has no title (add title: ... between the --- lines)"},
		{"bad yaml", map[string]string{"content/1-m/_index.md": "---\ntitle: [unclosed\n---\n"},
			"content/1-m/_index.md:2: front matter: did not find expected ',' or ']' (front matter between --- lines must be YAML key: value pairs)"},
		{"module without number", map[string]string{"content/loss/_index.md": "---\ntitle: L\n---\n"},
			`content/loss: module folder "loss" has no number prefix (rename it to NN-loss, e.g. 01-loss)`},
		{"lesson without number", map[string]string{"content/1-m/_index.md": "---\ntitle: M\n---\n", "content/1-m/intro.md": "---\ntitle: I\n---\n"},
			`content/1-m/intro.md: warning: lesson file "intro.md" has no number prefix: it comes after the numbered lessons, by weight and then name (rename it to NN-intro.md, e.g. 01-intro.md, to choose its place)`},
		{"unnumbered lesson with a bad slug", map[string]string{"content/1-m/_index.md": "---\ntitle: M\n---\n", "content/1-m/Intro Part.md": "---\ntitle: I\n---\n"},
			`content/1-m/Intro Part.md: lesson slug "Intro Part" is not lowercase letters, digits and dashes (rename the file to intro-part.md)`},
		{"module without index", map[string]string{"content/1-m/01-a.md": "---\ntitle: A\n---\n"},
			"content/1-m: module folder has no _index.md (add content/1-m/_index.md with at least a title in its front matter)"},
		{"duplicate slugs", map[string]string{"content/1-m/_index.md": "---\ntitle: M\n---\n", "content/2-m/_index.md": "---\ntitle: M2\n---\n"},
			`content/2-m: module slug "m" is also used by content/1-m (rename one of the folders)`},
		{"a module slug the site uses", map[string]string{"content/1-search/_index.md": "---\ntitle: Search\n---\n"},
			`content/1-search: module slug "search" is a folder the site itself uses (its pages would overwrite the site's or be overwritten) (rename the folder, e.g. to content/1-search-notes)`},
		{"a module slug like the runtime's folder", map[string]string{"content/1-pyodide/_index.md": "---\ntitle: P\n---\n"},
			`content/1-pyodide: module slug "pyodide" is a folder the site itself uses (its pages would overwrite the site's or be overwritten) (rename the folder, e.g. to content/1-pyodide-notes)`},
		{"bad slug", map[string]string{"content/1-m/_index.md": "---\ntitle: M\n---\n", "content/1-m/01-Big_Name.md": "---\ntitle: B\n---\n"},
			`content/1-m/01-Big_Name.md: lesson slug "Big_Name" is not lowercase letters, digits and dashes (rename the file to 01-big-name.md)`},
		{"lesson at top level", map[string]string{"content/stray.md": "---\ntitle: S\n---\n"},
			"content/stray.md: a lesson must be inside a module folder (move it to content/NN-module/NN-lesson.md)"},
		{"no content folder", map[string]string{"README.md": "x"},
			"content: cannot read the content folder: open content: file does not exist (run course in the project root, or pass --source DIR)"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			_, dl := load(t, tt.files, false)
			if got := strings.TrimSpace(dl.String()); !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant a line:\n%s", got, tt.want)
			}
		})
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\n", "+++\ntitle = 'x'\n+++\n", "---\n: :\n---", "---\nprerequisites: [a, b]\nminutes: 3\n---\nbody", "+++\n[x]\n+++"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fsys := fstest.MapFS{"content/1-m/_index.md": &fstest.MapFile{Data: []byte(s)}}
		dl := &diag.List{}
		c := Load(fsys, config.Default(), dl)
		for _, p := range c.Pages {
			if len(p.Body) != len(s) && !p.Synthetic {
				t.Fatalf("body length %d, source %d: line numbers would shift", len(p.Body), len(s))
			}
		}
		for _, d := range dl.Items() {
			if d.Line < 0 || d.Line > strings.Count(s, "\n")+2 {
				t.Fatalf("diagnostic line %d outside the file: %s", d.Line, d)
			}
		}
	})
}

// TestLessonOrder: NN- and NN_ prefixes order lessons by number; lessons
// without a number come after them, by weight and then name, each with a
// note; a number too long for an int counts as none.
func TestLessonOrder(t *testing.T) {
	c, dl := load(t, map[string]string{
		"content/01_m/_index.md":                   "---\ntitle: M\n---\n",
		"content/01_m/zeta.md":                     "---\ntitle: Zeta\n---\n",
		"content/01_m/alpha.md":                    "---\ntitle: Alpha\n---\n",
		"content/01_m/heavy.md":                    "---\ntitle: Heavy\nweight: -1\n---\n",
		"content/01_m/10_ten.md":                   "---\ntitle: Ten\n---\n",
		"content/01_m/2-two.md":                    "---\ntitle: Two\n---\n",
		"content/01_m/01_one.md":                   "---\ntitle: One\n---\n",
		"content/01_m/99999999999999999999-big.md": "---\ntitle: Big\n---\n",
	}, false)
	if dl.HasErrors() {
		t.Fatalf("unexpected errors:\n%s", dl)
	}
	var got []string
	for _, p := range c.Pages {
		got = append(got, p.URL)
	}
	// The home page (none written: URL "") and the module come first; then
	// by number, then the unnumbered by weight and file name ("99…-big.md"
	// sorts before "alpha.md").
	want := " m/ m/one/ m/two/ m/ten/ m/heavy/ m/big/ m/alpha/ m/zeta/"
	if strings.Join(got, " ") != want {
		t.Errorf("pages = %s\nwant    %s", strings.Join(got, " "), want)
	}
	if n := strings.Count(dl.String(), "has no number prefix"); n != 3 {
		t.Errorf("%d notes about unnumbered lessons, want 3 (heavy, alpha, zeta):\n%s", n, dl)
	}
}

// TestSplitPrefixMatchesTheRegularExpression checks splitPrefix against
// the regular expression it replaces, on names that probe each of its
// parts.
func TestSplitPrefixMatchesTheRegularExpression(t *testing.T) {
	re := regexp.MustCompile(`^(\d+)[-_](.+)$`)
	for _, name := range []string{
		"01-intro", "1_x", "001-module-1", "01-02-x", "12-", "12_", "-x", "x-01", "01", "",
		"01x", "0-1", "01--x", "01-x\ny", "01-\n", "٣-arabic-digit", "01-é", "99999999999999999999-big",
		"01-a b", "01 -x", "01-_", "0_0_0",
	} {
		want := re.FindStringSubmatch(name)
		if got := splitPrefix(name); !slices.Equal(got, want) {
			t.Errorf("splitPrefix(%q) = %q; the regular expression gives %q", name, got, want)
		}
	}
}

// TestIsSlugMatchesTheRegularExpression checks IsSlug against the
// regular expression it replaces.
func TestIsSlugMatchesTheRegularExpression(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, s := range []string{
		"intro", "a", "0", "loss-functions", "a-b-c", "01-x", "", "-", "a-", "-a", "a--b", "A", "a_b", "a b",
		"é", "a\n", "a-\n", "ab-1-", "x-y-z-0", "--", "a-B",
	} {
		if got, want := IsSlug(s), re.MatchString(s); got != want {
			t.Errorf("IsSlug(%q) = %v; the regular expression says %v", s, got, want)
		}
	}
}
