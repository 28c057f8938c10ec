package content

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/diag"
)

// FrontMatter holds the keys a page may set. See the package doc.
type FrontMatter struct {
	Title         string   `yaml:"title" toml:"title"`
	Summary       string   `yaml:"summary" toml:"summary"`
	Objectives    []string `yaml:"objectives" toml:"objectives"`
	Prerequisites []string `yaml:"prerequisites" toml:"prerequisites"`
	Minutes       int      `yaml:"minutes" toml:"minutes"`
	Weight        int      `yaml:"weight" toml:"weight"`
	Draft         bool     `yaml:"draft" toml:"draft"`
	// Test, in a notebook's metadata.course only, has `course test` run
	// the notebook's code cells and compare their text outputs with the
	// stored ones.
	Test bool `yaml:"test" toml:"test"`

	// KeyLines maps each key present to its 1-based line in the file.
	KeyLines map[string]int `yaml:"-" toml:"-"`
	// PrereqLines[i] is the line of Prerequisites[i] (0 when unknown).
	PrereqLines []int `yaml:"-" toml:"-"`
}

var knownKeys = map[string]bool{
	"title": true, "summary": true, "objectives": true, "prerequisites": true,
	"minutes": true, "weight": true, "draft": true, "test": true,
}

func knownKeyList() string {
	keys := make([]string, 0, len(knownKeys))
	for k := range knownKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// splitFrontMatter separates the front matter from the body. It returns the
// front matter text, the 1-based line of its first line, its format ("yaml",
// "toml" or "" when absent), and the body: the whole file with the front
// matter (and its fences) replaced by blank lines, so that offsets and line
// numbers in the body are those of the file.
func splitFrontMatter(src []byte) (fm []byte, fmLine int, format string, body []byte, ok bool) {
	var fence string
	switch {
	case hasFenceLine(src, "---"):
		fence, format = "---", "yaml"
	case hasFenceLine(src, "+++"):
		fence, format = "+++", "toml"
	default:
		return nil, 0, "", src, true
	}
	// Find the closing fence: a line that is exactly the fence.
	start := bytes.IndexByte(src, '\n') + 1
	pos := start
	for pos < len(src) {
		end := bytes.IndexByte(src[pos:], '\n')
		var line []byte
		next := len(src)
		if end >= 0 {
			line = src[pos : pos+end]
			next = pos + end + 1
		} else {
			line = src[pos:]
		}
		if string(bytes.TrimRight(line, " \t\r")) == fence {
			fm = src[start:pos]
			body = make([]byte, len(src))
			copy(body, src)
			for i := 0; i < next; i++ {
				if body[i] != '\n' {
					body[i] = ' '
				}
			}
			return fm, 2, format, body, true
		}
		pos = next
	}
	return nil, 0, format, src, false
}

func hasFenceLine(src []byte, fence string) bool {
	if !bytes.HasPrefix(src, []byte(fence)) {
		return false
	}
	rest := src[len(fence):]
	rest = bytes.TrimLeft(rest, " \t\r")
	return len(rest) == 0 || rest[0] == '\n'
}

var yamlLineRe = regexp.MustCompile(`line (\d+): `)

// parseFrontMatter decodes fm (starting at file line fmLine) and reports
// problems into dl.
func parseFrontMatter(file string, fm []byte, fmLine int, format string, dl *diag.List) (FrontMatter, bool) {
	var meta FrontMatter
	meta.KeyLines = map[string]int{}
	off := fmLine - 1
	switch format {
	case "yaml":
		var root yaml.Node
		if err := yaml.Unmarshal(fm, &root); err != nil {
			line, msg := yamlErrLine(err.Error())
			dl.Add(diag.Diagnostic{File: file, Line: line + off, Msg: "front matter: " + msg,
				Hint: "front matter between --- lines must be YAML key: value pairs"})
			return meta, false
		}
		if len(root.Content) == 0 {
			return meta, true
		}
		doc := root.Content[0]
		if doc.Kind != yaml.MappingNode {
			dl.Add(diag.Diagnostic{File: file, Line: doc.Line + off, Col: doc.Column,
				Msg: "front matter is not a mapping", Hint: "write key: value pairs, e.g. title: Cross-entropy"})
			return meta, false
		}
		for i := 0; i+1 < len(doc.Content); i += 2 {
			k, v := doc.Content[i], doc.Content[i+1]
			if !knownKeys[k.Value] {
				dl.Add(diag.Diagnostic{File: file, Line: k.Line + off, Col: k.Column,
					Msg:  fmt.Sprintf("unknown front-matter key %q", k.Value),
					Hint: suggestKey(k.Value)})
				continue
			}
			meta.KeyLines[k.Value] = k.Line + off
			if k.Value == "prerequisites" && v.Kind == yaml.SequenceNode {
				for _, item := range v.Content {
					meta.PrereqLines = append(meta.PrereqLines, item.Line+off)
				}
			}
			one := yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}
			if err := one.Decode(&meta); err != nil {
				dl.Add(diag.Diagnostic{File: file, Line: v.Line + off, Col: v.Column,
					Msg: fmt.Sprintf("front-matter key %q: %s", k.Value, typeMsg(err.Error()))})
			}
		}
	case "toml":
		if !config.DecodeStrict(file, fm, off, &meta, dl) && meta.Title == "" {
			return meta, false
		}
		meta.KeyLines = map[string]int{}
		lines := strings.Split(string(fm), "\n")
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if eq := strings.IndexByte(l, '='); eq > 0 {
				meta.KeyLines[strings.TrimSpace(l[:eq])] = i + 1 + off
			}
		}
		if ln, ok := meta.KeyLines["prerequisites"]; ok {
			for range meta.Prerequisites {
				meta.PrereqLines = append(meta.PrereqLines, ln)
			}
		}
	}
	for len(meta.PrereqLines) < len(meta.Prerequisites) {
		meta.PrereqLines = append(meta.PrereqLines, meta.KeyLines["prerequisites"])
	}
	return meta, true
}

func yamlErrLine(msg string) (int, string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := yamlLineRe.FindStringSubmatchIndex(msg); m != nil {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		return n, msg[:m[0]] + msg[m[1]:]
	}
	return 1, msg
}

// typeMsg shortens yaml's type errors ("yaml: unmarshal errors:\n  line 3:
// cannot unmarshal !!str `x` into int") to their last clause.
func typeMsg(msg string) string {
	if i := strings.LastIndex(msg, "\n"); i >= 0 {
		msg = msg[i+1:]
	}
	msg = strings.TrimSpace(msg)
	if m := yamlLineRe.FindStringIndex(msg); m != nil {
		msg = msg[m[1]:]
	}
	msg = strings.Replace(msg, "!!str", "text", 1)
	msg = strings.Replace(msg, "!!seq", "a list", 1)
	msg = strings.Replace(msg, "!!map", "a mapping", 1)
	msg = strings.Replace(msg, "!!int", "a number", 1)
	return msg
}

func suggestKey(k string) string {
	if best := diag.Nearest(strings.ToLower(k), strings.Split(knownKeyList(), ", "), 3); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "known keys: " + knownKeyList()
}
