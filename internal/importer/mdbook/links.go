package mdbook

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

var (
	inlineLinkRe = regexp.MustCompile(`\]\(\s*(<[^>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()]*)*)`)
	refDefRe     = regexp.MustCompile(`^(\s{0,3}(?:>\s*)*\[[^\]]+\]:\s*)(<[^>]*>|\S+)`)
	htmlAttrRe   = regexp.MustCompile(`(?i)\b(href|src)\s*=\s*("[^"]*"|'[^']*')`)
	schemeRe     = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// linkProblem is a link the importer could not rewrite.
type linkProblem struct {
	line, col int
	dest, why string
}

// rewriteLinks rewrites every link and image of a lesson's markdown
// outside code: markdown links and reference definitions to the new .md
// paths and copied files (the build turns those into URLs and checks them),
// and href/src attributes of raw HTML to URLs relative to the page.
func (imp *importer) rewriteLinks(text string, inCode []bool, les *lesson) (string, []linkProblem) {
	var problems []linkProblem
	ls := strings.Split(text, "\n")
	htmlBlock := false
	for i, line := range ls {
		if i < len(inCode) && inCode[i] {
			continue
		}
		fix := func(dest string, col int, html bool) string {
			out, why := imp.rewrite(dest, les, html)
			if why != "" {
				problems = append(problems, linkProblem{i + 1, col + 1, dest, why})
			}
			return out
		}
		if m := refDefRe.FindStringSubmatchIndex(line); m != nil {
			ls[i] = line[:m[4]] + fix(line[m[4]:m[5]], m[4], false) + line[m[5]:]
			continue
		}
		// An HTML block (a line that starts with a tag, to the next blank
		// line) is raw: no escape is read there.
		if t := strings.TrimSpace(line); t == "" {
			htmlBlock = false
		} else if len(t) > 1 && t[0] == '<' && (t[1] == '/' || t[1] == '!' || unicode.IsLetter(rune(t[1]))) && !schemeRe.MatchString(t[1:]) {
			htmlBlock = true
		}
		ls[i] = outsideCodeSpans(line, func(seg string, off int) string {
			seg = replaceSubmatch(inlineLinkRe, seg, 1, func(dest string, at int) string { return fix(dest, off+at, false) })
			seg = replaceSubmatch(htmlAttrRe, seg, 2, func(q string, at int) string {
				return q[:1] + fix(q[1:len(q)-1], off+at+1, true) + q[len(q)-1:]
			})
			if htmlBlock {
				return seg
			}
			return imp.prose(seg)
		})
	}
	return strings.Join(ls, "\n"), problems
}

// prose adapts text outside code to our markdown's math: mdBook reads no
// "$", so a dollar sign is escaped (outside HTML tags); a book with MathJax
// writes \\( \\) \\[ \\] for its delimiters, which become \( \) \[ \].
func (imp *importer) prose(seg string) string {
	if imp.mathjax {
		return mathjaxDelims.Replace(seg)
	}
	if !strings.Contains(seg, "$") {
		return seg
	}
	var b strings.Builder
	inTag := false
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		switch {
		case inTag:
			inTag = c != '>'
		case c == '<' && i+1 < len(seg) && (seg[i+1] == '/' || seg[i+1] >= 'a' && seg[i+1] <= 'z' || seg[i+1] >= 'A' && seg[i+1] <= 'Z'):
			inTag = true
		case c == '\\' && i+1 < len(seg):
			b.WriteByte(c)
			i++
			c = seg[i]
		case c == '$':
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

var mathjaxDelims = strings.NewReplacer(`\\(`, `\(`, `\\)`, `\)`, `\\[`, `\[`, `\\]`, `\]`)

// replaceSubmatch replaces group g of every match of re in s with
// f(group, its offset).
func replaceSubmatch(re *regexp.Regexp, s string, g int, f func(string, int) string) string {
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(s[last:m[2*g]])
		b.WriteString(f(s[m[2*g]:m[2*g+1]], m[2*g]))
		last = m[2*g+1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// outsideCodeSpans applies f to the parts of a line outside `code spans`.
func outsideCodeSpans(line string, f func(seg string, off int) string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		n := 1
		for i+n < len(line) && line[i+n] == '`' {
			n++
		}
		tick := strings.Repeat("`", n)
		end := strings.Index(line[i+n:], tick)
		if end < 0 {
			i += n
			continue
		}
		b.WriteString(f(line[start:i], start))
		stop := i + n + end + n
		b.WriteString(line[i:stop])
		start, i = stop, stop
	}
	b.WriteString(f(line[start:], start))
	return b.String()
}

// rewrite returns the new destination of a link in a lesson, or the reason
// it was left as it was.
func (imp *importer) rewrite(dest string, les *lesson, html bool) (string, string) {
	raw := strings.TrimSpace(dest)
	angle := strings.HasPrefix(raw, "<") && strings.HasSuffix(raw, ">")
	if angle {
		raw = raw[1 : len(raw)-1]
	}
	if raw == "" || strings.HasPrefix(raw, "#") || schemeRe.MatchString(raw) || strings.HasPrefix(raw, "//") {
		return dest, ""
	}
	target, frag := raw, ""
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target, frag = target[:i], target[i:]
		if j := strings.IndexByte(frag, '#'); j > 0 {
			frag = frag[j:] // a query means nothing to a static page
		} else if j < 0 {
			frag = ""
		}
	}
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	out := func(s string) (string, string) {
		if angle {
			return "<" + s + ">", ""
		}
		return strings.ReplaceAll(s, " ", "%20"), ""
	}
	chDir := path.Dir(les.ch.Path)
	resolved := path.Clean(path.Join(chDir, target))
	leaves := resolved == ".." || strings.HasPrefix(resolved, "../")
	if strings.HasPrefix(target, "/") {
		// From the site's root: the book's own page or file when it names
		// one (the book served at the root, or under --site-url's path).
		inBook := target
		if imp.siteURL != nil {
			inBook = strings.TrimPrefix(inBook, strings.TrimSuffix(imp.siteURL.Path, "/"))
		}
		resolved = path.Clean(strings.TrimPrefix(inBook, "/"))
		if strings.HasSuffix(inBook, "/") {
			resolved = path.Join(resolved, "index.html")
		}
		leaves = imp.chapterFor(resolved) == nil && !imp.isFile(resolved)
	}
	if leaves {
		if imp.siteURL == nil {
			return dest, "it leaves the book; pass --site-url URL (where the book is published) to make it absolute, or edit it"
		}
		base := imp.siteURL.ResolveReference(&url.URL{Path: htmlPath(les.ch.Path)})
		ref, err := url.Parse(raw)
		if err != nil {
			return dest, "it is not a valid URL: " + err.Error()
		}
		imp.absolute++
		return out(base.ResolveReference(ref).String())
	}
	if strings.HasSuffix(target, "/") || target == "" || target == "." {
		resolved = path.Join(resolved, "index.html")
	}
	if ext := path.Ext(resolved); ext == ".md" || ext == ".html" {
		if to := imp.chapterFor(resolved); to != nil {
			if html {
				return out(relURL(les.url(), to.url()) + frag)
			}
			return out(relPath(les.dir(), to.file()) + frag)
		}
		if ext == ".md" || !imp.isFile(resolved) {
			return dest, fmt.Sprintf("%s is not a chapter of SUMMARY.md", resolved)
		}
	}
	if !imp.isFile(resolved) {
		return dest, fmt.Sprintf("%s does not exist in the book's %s/ folder", resolved, imp.srcName)
	}
	imp.assets[les.mod][resolved] = true
	if html {
		return out(relURL(les.url(), les.mod.slug+"/"+assetURL(resolved)) + frag)
	}
	return out(resolved + frag)
}

// chapterFor finds the chapter that a link to p (.md or .html, relative
// to src) means: x.html is x.md; index.html is also README.md, and the
// book's own index.html is its first chapter when no file claims it.
func (imp *importer) chapterFor(p string) *lesson {
	stem := strings.TrimSuffix(p, path.Ext(p))
	if l := imp.byPath[stem+".md"]; l != nil {
		return l
	}
	if path.Base(stem) == "index" {
		if l := imp.byPath[path.Join(path.Dir(stem), "README.md")]; l != nil {
			return l
		}
		if stem == "index" {
			return imp.first
		}
	}
	return nil
}

func (imp *importer) isFile(rel string) bool {
	st, err := os.Stat(filepath.Join(imp.srcDir, filepath.FromSlash(rel)))
	return err == nil && st.Mode().IsRegular()
}

// htmlPath is the page mdBook makes of a chapter file: x.md → x.html,
// README.md → index.html.
func htmlPath(p string) string {
	stem := strings.TrimSuffix(p, ".md")
	if path.Base(stem) == "README" {
		stem = path.Join(path.Dir(stem), "index")
	}
	return stem + ".html"
}

// relPath is the relative path from folder dir to file, both under the
// same root.
func relPath(dir, file string) string {
	r, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(file))
	if err != nil {
		return file
	}
	return filepath.ToSlash(r)
}

// numberPrefix is the "NN-" or "NN_" that the build drops from folders.
var numberPrefix = regexp.MustCompile(`^\d+[-_]`)

// assetURL is where the build serves a file copied at rel under a module
// folder: the number prefixes of its folders dropped.
func assetURL(rel string) string {
	parts := strings.Split(rel, "/")
	for i := range parts[:len(parts)-1] {
		if p := numberPrefix.ReplaceAllString(parts[i], ""); p != "" {
			parts[i] = p
		}
	}
	return strings.Join(parts, "/")
}

// relURL is the URL of to (a site path without base) relative to the
// page at from ("module/lesson/").
func relURL(from, to string) string {
	up := strings.Count(strings.TrimSuffix(from, "/"), "/") + 1
	return strings.Repeat("../", up) + to
}
