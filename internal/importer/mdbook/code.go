package mdbook

import (
	"fmt"
	"regexp"
	"strings"
)

var fenceRe = regexp.MustCompile("^( *)(`{3,}|~{3,})(.*)$")

// fence is an open fenced code block.
type fence struct {
	indent int
	marker string
	lang   string
	open   int // index of the opening line
	// hidelines maps languages to their hidden-line prefix: the book's,
	// or the block's own (hidelines=PREFIX in its info string).
	hidelines map[string]string
}

// convertCode rewrites every fenced code block of a chapter for our
// markdown: the info string becomes its language alone (mdBook's
// "rust,ignore" or "toml title" carry words our grammar refuses), and
// lines hidden in mdBook's way (rustdoc's "# " lines in Rust, the prefixes
// of output.html.code.hidelines for other languages, or the block's own
// hidelines=PREFIX) lose their marker and
// are listed in a hide= attribute, so that the page hides them too. It
// reports, for each line of the result, whether it is inside a code block.
func convertCode(text string, hidelines map[string]string) (string, []bool) {
	ls := strings.Split(text, "\n")
	inCode := make([]bool, len(ls))
	var f *fence
	var hidden []int
	for i := 0; i < len(ls); i++ {
		line := ls[i]
		if f == nil {
			m := fenceRe.FindStringSubmatch(strings.TrimLeft(line, "> "))
			if m == nil || m[2][0] == '`' && strings.Contains(m[3], "`") {
				continue
			}
			prefix := line[:len(line)-len(strings.TrimLeft(line, "> "))]
			f = &fence{indent: len(prefix) + len(m[1]), marker: m[2], open: i}
			var own string
			var hasOwn bool
			if f.lang, own, hasOwn = fenceInfo(m[3]); hasOwn {
				f.hidelines = map[string]string{f.lang: own}
			} else {
				f.hidelines = hidelines
			}
			inCode[i] = true
			hidden = hidden[:0]
			ls[i] = prefix + m[1] + m[2] + f.lang
			continue
		}
		inCode[i] = true
		body := strings.TrimLeft(line, " >")
		if strings.HasPrefix(body, f.marker[:1]) && strings.Trim(strings.TrimSpace(body), f.marker[:1]) == "" &&
			len(strings.TrimSpace(body)) >= len(f.marker) {
			if len(hidden) > 0 {
				ls[f.open] += " {hide=" + ranges(hidden) + "}"
			}
			f = nil
			continue
		}
		cut := min(f.indent, len(line)-len(strings.TrimLeft(line, " >")))
		head, code := line[:cut], line[cut:]
		if shown, hide := hideLine(code, f.lang, f.hidelines); hide {
			ls[i] = head + shown
			hidden = append(hidden, i-f.open)
		} else {
			ls[i] = head + shown
		}
	}
	return strings.Join(ls, "\n"), inCode
}

// fenceInfo reads an mdBook info string: the language is its first term
// ("rust,ignore" → "rust"; terms are separated by commas, spaces or
// tabs), and a term hidelines=PREFIX sets the block's own prefix for
// hidden lines.
func fenceInfo(info string) (lang, prefix string, hasPrefix bool) {
	terms := strings.FieldsFunc(info, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	for i, t := range terms {
		if p, ok := strings.CutPrefix(t, "hidelines="); ok {
			prefix, hasPrefix = p, true
		} else if i == 0 {
			lang = t
		}
	}
	if i := strings.IndexAny(lang, "{\"'}"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang), prefix, hasPrefix
}

// hideLine applies mdBook's hidden-line rules to one line of code in lang:
// it returns the line as shown (marker removed) and whether it is hidden.
func hideLine(line, lang string, hidelines map[string]string) (string, bool) {
	trimmed := strings.TrimLeft(line, " \t")
	ws := line[:len(line)-len(trimmed)]
	if prefix, ok := hidelines[lang]; ok {
		if prefix != "" && strings.HasPrefix(trimmed, prefix) {
			return ws + trimmed[len(prefix):], true
		}
		return line, false
	}
	if lang != "rust" || !strings.HasPrefix(trimmed, "#") {
		return line, false
	}
	rest := trimmed[1:]
	switch {
	case strings.HasPrefix(rest, "#"): // "##" shows one "#"
		return ws + rest, false
	case strings.HasPrefix(rest, "!"), strings.HasPrefix(rest, "["): // attributes
		return line, false
	}
	return ws + strings.TrimPrefix(rest, " "), true
}

// ranges writes 1-based line numbers (ascending) as "1-3,7".
func ranges(nums []int) string {
	var parts []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(nums[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", nums[i], nums[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
