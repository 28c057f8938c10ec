package site

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/content"
)

func TestPrefixIDs(t *testing.T) {
	in := `<h2 id="a">A <a class="anchor" href="#a">#</a></h2><p><a href="#b">b</a> <a href="/x/#c">c</a> <span data-id="d"></span></p>`
	want := `<h2 id="m--l--a">A <a class="anchor" href="#m--l--a">#</a></h2><p><a href="#m--l--b">b</a> <a href="/x/#c">c</a> <span data-id="d"></span></p>`
	if got := string(prefixIDs([]byte(in), "m--l")); got != want {
		t.Errorf("prefixIDs:\n got %s\nwant %s", got, want)
	}
}

func TestEstimateWordsSkipsCode(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"one two three", 3},
		{"don't re-run it", 3},
		{"a\n```python\nx = 1 + 2\n```\nb", 2},
		{"a\n~~~\ncode here\n~~~\nb c", 3},
		{"$x^2$ is a square", 5},
		{"a\n<!--embed:nb3-in-->\nb", 2},
		{"", 0},
	}
	for _, tt := range tests {
		if got := estimateWords([]byte(tt.in)); got != tt.want {
			t.Errorf("estimateWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if readingMinutes(0) != 1 || readingMinutes(220) != 1 || readingMinutes(221) != 2 {
		t.Error("reading minutes: 220 words a minute, at least one")
	}
}

func TestHashName(t *testing.T) {
	a, b := hashName("css/style.css", sha256.Sum256([]byte("a"))), hashName("css/style.css", sha256.Sum256([]byte("b")))
	if a == b || !strings.HasPrefix(a, "css/style.") || !strings.HasSuffix(a, ".css") || len(a) != len("css/style.12345678.css") {
		t.Errorf("hashName = %s, %s", a, b)
	}
}

// navCourse makes a course of modules × lessons for sidebar tests.
func navCourse(modules, lessons int) *builder {
	c := &content.Course{Config: config.Default()}
	c.Home = &content.Page{Kind: content.KindHome}
	c.Pages = []*content.Page{c.Home}
	for i := 0; i < modules; i++ {
		m := &content.Module{Slug: fmt.Sprintf("m%d", i)}
		m.Index = &content.Page{Kind: content.KindModule, URL: m.Slug + "/", Module: m, Meta: content.FrontMatter{Title: m.Slug}}
		c.Modules = append(c.Modules, m)
		c.Pages = append(c.Pages, m.Index)
		for j := 0; j < lessons; j++ {
			l := &content.Page{Kind: content.KindLesson, URL: fmt.Sprintf("%s/l%d/", m.Slug, j), Module: m}
			m.Lessons = append(m.Lessons, l)
			c.Pages = append(c.Pages, l)
		}
	}
	b := &builder{c: c, words: map[*content.Page]int{}}
	b.assets = map[string]string{"search-index.json": "search-index.json"}
	b.sd = b.siteData()
	b.compactNav = modules*lessons > compactNavAbove
	return b
}

func TestSidebarListsEverythingInSmallCourses(t *testing.T) {
	b := navCourse(3, 4)
	sd, cur := b.navFor(b.c.Modules[1].Lessons[2])
	if len(sd.Modules) != 3 || cur == nil || cur.Slug != "m1" || !sd.Modules[1].Current {
		t.Fatalf("modules = %d, current = %+v", len(sd.Modules), cur)
	}
	for _, m := range sd.Modules {
		if len(m.Lessons) != 4 {
			t.Errorf("module %s lists %d lessons, want 4", m.Slug, len(m.Lessons))
		}
	}
	if b.sd.Modules[1].Current {
		t.Error("navFor changed the shared sidebar")
	}
}

func TestSidebarOfLargeCoursesShowsNearbyModulesOnly(t *testing.T) {
	b := navCourse(40, 10)
	sd, cur := b.navFor(b.c.Modules[20].Lessons[0])
	if len(sd.Modules) != 2*navWindow+1 || sd.Modules[0].Slug != "m17" || cur.Slug != "m20" {
		t.Fatalf("window = %d modules from %s", len(sd.Modules), sd.Modules[0].Slug)
	}
	for _, m := range sd.Modules {
		if want := map[bool]int{true: 10, false: 0}[m.Slug == "m20"]; len(m.Lessons) != want {
			t.Errorf("module %s lists %d lessons, want %d", m.Slug, len(m.Lessons), want)
		}
	}
	home, _ := b.navFor(b.c.Home)
	if len(home.Modules) != 40 || len(home.Modules[39].Lessons) != 10 {
		t.Error("the home page does not list every module and lesson")
	}
	if first, _ := b.navFor(b.c.Modules[0].Index); len(first.Modules) != navWindow+1 {
		t.Errorf("first module's window = %d modules", len(first.Modules))
	}
}
