// Package config reads course.toml and merges command-line overrides into a
// Config.
//
// course.toml lives at the project root; a missing file means defaults.
// Keys (all optional):
//
//	title       = "Hands-on ML engineering"   # site title
//	description = "…"                         # default meta description
//	base_url    = "/ml-course/"               # a path, or a full URL
//	repository  = "https://github.com/u/r"   # enables "Edit this page"
//	branch      = "main"                     # branch for edit links
//	language    = "en"                       # <html lang>
//	theme       = "default"                  # themes/<theme>/ overrides the embedded theme
//	cname       = "ml.example.org"           # a custom domain: written to CNAME for GitHub Pages
//
//	[math]
//	enabled = true                           # render $…$ and $$…$$ with KaTeX
//
//	[runner]
//	pyodide = "self"                         # "self" or "cdn"
//	python  = ""                             # interpreter for local checks
//
// An unknown key is an error naming the key and its line, so a typo never
// passes silently. Flags (--base-url, --drafts, …) override the file.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/mlcourse/course/internal/diag"
)

// FileName is the configuration file at the project root.
const FileName = "course.toml"

// Config is the merged configuration of one build.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	BaseURLRaw  string `toml:"base_url"`
	Repository  string `toml:"repository"`
	Branch      string `toml:"branch"`
	Language    string `toml:"language"`
	Theme       string `toml:"theme"`
	CNAME       string `toml:"cname"`
	Math        Math   `toml:"math"`
	Runner      Runner `toml:"runner"`

	// Derived from BaseURLRaw by Resolve.
	BasePath string `toml:"-"` // always starts and ends with "/"
	BaseURL  string `toml:"-"` // full URL ending in "/", or "" when only a path is known

	// Set from flags only.
	Drafts bool `toml:"-"`
}

// Math configures build-time math rendering.
type Math struct {
	Enabled *bool `toml:"enabled"`
}

// Runner configures how exercises run.
type Runner struct {
	Pyodide string `toml:"pyodide"`
	Python  string `toml:"python"`
}

// MathEnabled reports whether math rendering is on (the default).
func (c *Config) MathEnabled() bool { return c.Math.Enabled == nil || *c.Math.Enabled }

// Default returns the configuration used when course.toml is missing.
func Default() *Config {
	return &Config{
		Title:    "Course",
		Branch:   "main",
		Language: "en",
		Theme:    "default",
		Runner:   Runner{Pyodide: "self"},
		BasePath: "/",
	}
}

// Overrides are the flags that take precedence over course.toml.
type Overrides struct {
	BaseURL string // "" = keep the file's
	Drafts  bool
}

// Load reads course.toml from fsys (the project root), applies overrides and
// validates the result. Problems are added to dl with file:line:col; the
// returned Config is usable (defaults filled in) even when dl has errors.
func Load(fsys fs.FS, ov Overrides, dl *diag.List) *Config {
	cfg := Default()
	data, err := fs.ReadFile(fsys, FileName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		dl.Errorf(FileName, 0, 0, "cannot read: %v", err)
	case diag.CheckUTF8(FileName, data, 0, dl):
		DecodeStrict(FileName, data, 0, cfg, dl)
	}
	if ov.BaseURL != "" {
		cfg.BaseURLRaw = ov.BaseURL
	}
	cfg.Drafts = ov.Drafts
	if cfg.Branch == "" {
		cfg.Branch = "main"
	}
	if cfg.Language == "" {
		cfg.Language = "en"
	}
	if cfg.Theme == "" {
		cfg.Theme = "default"
	}
	if cfg.Runner.Pyodide == "" {
		cfg.Runner.Pyodide = "self"
	}
	if cfg.Runner.Pyodide != "self" && cfg.Runner.Pyodide != "cdn" {
		dl.Add(diag.Diagnostic{File: FileName, Line: keyLine(data, "pyodide"),
			Msg:  fmt.Sprintf("runner.pyodide is %q", cfg.Runner.Pyodide),
			Hint: `use "self" (serve Pyodide from the site) or "cdn"`})
	}
	if cfg.Repository != "" {
		if u, err := url.Parse(cfg.Repository); err != nil || u.Scheme == "" || u.Host == "" {
			dl.Add(diag.Diagnostic{File: FileName, Line: keyLine(data, "repository"),
				Msg:  fmt.Sprintf("repository %q is not a full URL", cfg.Repository),
				Hint: "write it as https://github.com/user/repo"})
		}
		cfg.Repository = strings.TrimRight(cfg.Repository, "/")
	}
	if cfg.CNAME != "" && !validDomain(cfg.CNAME) {
		dl.Add(diag.Diagnostic{File: FileName, Line: keyLine(data, "cname"),
			Msg:  fmt.Sprintf("cname %q is not a domain name", cfg.CNAME),
			Hint: "write only the host, e.g. cname = \"ml.example.org\" (no scheme, no path)"})
	}
	path, full, err := ParseBaseURL(cfg.BaseURLRaw)
	if err != nil {
		file, line := FileName, keyLine(data, "base_url")
		if ov.BaseURL != "" {
			file, line = "--base-url", 0
		}
		dl.Add(diag.Diagnostic{File: file, Line: line, Msg: err.Error(),
			Hint: "give a path such as /ml-course/ or a URL such as https://user.github.io/ml-course/"})
	} else {
		cfg.BasePath, cfg.BaseURL = path, full
	}
	return cfg
}

// ParseBaseURL splits a base URL into the path used in links (always with
// leading and trailing slashes) and, when a scheme and host are given, the
// full URL (with a trailing slash).
func ParseBaseURL(raw string) (path, full string, err error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "/", "", nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", fmt.Errorf("base URL %q: %v", raw, err)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", "", fmt.Errorf("base URL %q has a query or fragment", raw)
	}
	if u.Scheme != "" || u.Host != "" {
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return "", "", fmt.Errorf("base URL %q must be http(s)://host/path or a path", raw)
		}
	} else if !strings.HasPrefix(u.Path, "/") {
		return "", "", fmt.Errorf("base URL path %q must start with /", raw)
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if strings.Contains(p, "//") || strings.Contains(p, "/../") || strings.Contains(p, "/./") {
		return "", "", fmt.Errorf("base URL path %q is not clean", p)
	}
	if u.Host != "" {
		full = u.Scheme + "://" + u.Host + p
	}
	return p, full, nil
}

// validDomain reports whether s looks like a host name: dot-separated
// labels of letters, digits and dashes.
func validDomain(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 || len(s) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// DecodeStrict decodes TOML into v, reporting syntax errors, type errors and
// unknown keys into dl. lineOffset is added to every line number (for TOML
// embedded in another file, such as front matter). It reports whether the
// document decoded without problems.
func DecodeStrict(file string, data []byte, lineOffset int, v any, dl *diag.List) bool {
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return true
	}
	var strict *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		for _, e := range strict.Errors {
			line, col := e.Position()
			key := strings.Join(e.Key(), ".")
			dl.Add(diag.Diagnostic{File: file, Line: line + lineOffset, Col: col,
				Msg:  fmt.Sprintf("unknown key %q", key),
				Hint: "check the spelling; the known keys are listed in the README"})
		}
	case errors.As(err, &de):
		line, col := de.Position()
		dl.Add(diag.Diagnostic{File: file, Line: line + lineOffset, Col: col,
			Msg: strings.TrimPrefix(de.Error(), "toml: ")})
	default:
		msg := strings.TrimPrefix(err.Error(), "toml: ")
		dl.Add(diag.Diagnostic{File: file, Line: lineOffset + 1, Msg: "invalid TOML: " + msg})
	}
	return false
}

// keyLine finds the first line that assigns key (best effort, for errors
// found after decoding).
func keyLine(data []byte, key string) int {
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, key) {
			rest := strings.TrimSpace(l[len(key):])
			if strings.HasPrefix(rest, "=") {
				return i + 1
			}
		}
	}
	return 0
}
