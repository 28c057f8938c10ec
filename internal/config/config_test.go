package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlcourse/course/internal/diag"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct{ in, path, full, err string }{
		{"", "/", "", ""},
		{"/ml-course/", "/ml-course/", "", ""},
		{"/ml-course", "/ml-course/", "", ""},
		{"https://user.github.io/ml-course/", "/ml-course/", "https://user.github.io/ml-course/", ""},
		{"https://example.org", "/", "https://example.org/", ""},
		{"ml-course/", "", "", "must start with /"},
		{"ftp://x/y/", "", "", "must be http(s)"},
		{"/a/../b/", "", "", "is not clean"},
		{"/a/?q=1", "", "", "query or fragment"},
	}
	for _, tt := range tests {
		p, f, err := ParseBaseURL(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseBaseURL(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || p != tt.path || f != tt.full {
			t.Errorf("ParseBaseURL(%q) = %q, %q, %v; want %q, %q", tt.in, p, f, err, tt.path, tt.full)
		}
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, file string
		ov         Overrides
		check      func(*Config) bool
		problems   string
	}{
		{"missing file means defaults", "", Overrides{}, func(c *Config) bool { return c.Title == "Course" && c.BasePath == "/" && c.MathEnabled() }, ""},
		{"values are read", "title = \"T\"\nbase_url = \"https://u.github.io/c/\"\n[math]\nenabled = false\n", Overrides{},
			func(c *Config) bool {
				return c.Title == "T" && c.BasePath == "/c/" && c.BaseURL == "https://u.github.io/c/" && !c.MathEnabled()
			}, ""},
		{"flags override the file", "base_url = \"/a/\"\n", Overrides{BaseURL: "/b/", Drafts: true},
			func(c *Config) bool { return c.BasePath == "/b/" && c.Drafts }, ""},
		{"unknown key names its line", "title = \"T\"\n\n[math]\nenabeld = true\n", Overrides{}, nil,
			`course.toml:4:1: unknown key "math.enabeld"`},
		{"syntax error has a position", "title = \n", Overrides{}, nil, "course.toml:1:"},
		{"bad pyodide setting", "[runner]\npyodide = \"mirror\"\n", Overrides{}, nil, `course.toml:2: runner.pyodide is "mirror"`},
		{"bad base url", "base_url = \"nope/\"\n", Overrides{}, nil, "course.toml:1: base URL path \"nope/\" must start with /"},
		{"custom domain", "cname = \"ml.example.org\"\n", Overrides{}, func(c *Config) bool { return c.CNAME == "ml.example.org" }, ""},
		{"bad custom domain", "cname = \"https://ml.example.org/\"\n", Overrides{}, nil, `course.toml:1: cname "https://ml.example.org/" is not a domain name`},
		{"bad repository", "repository = \"github.com/x\"\n", Overrides{}, nil, "course.toml:1: repository \"github.com/x\" is not a full URL"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.file != "" {
				fsys[FileName] = &fstest.MapFile{Data: []byte(tt.file)}
			}
			dl := &diag.List{}
			cfg := Load(fsys, tt.ov, dl)
			if tt.problems == "" {
				if dl.Len() > 0 {
					t.Fatalf("unexpected problems:\n%s", dl)
				}
				if !tt.check(cfg) {
					t.Errorf("config = %+v", cfg)
				}
				return
			}
			if !strings.Contains(dl.String(), tt.problems) {
				t.Errorf("problems:\n%swant one starting %q", dl, tt.problems)
			}
		})
	}
}
