package build

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/mlcourse/course/internal/content"
)

// NotebookTimeout bounds the run of one notebook's cells, all together.
const NotebookTimeout = 5 * time.Minute

//go:embed nbrun.py
var nbDriver string

// nbMark precedes the driver's results on its stdout (see nbrun.py).
const nbMark = "\x00course-notebook-results\x00"

type nbCell struct {
	N     int     `json:"n"` // 1-based, as messages name cells
	Code  string  `json:"code"`
	Error *string `json:"error"` // the stored error, if any
	line  int
	want  string
}

type nbResult struct {
	N     int     `json:"n"`
	Out   string  `json:"out"`
	Error *string `json:"error"`
	TB    string  `json:"tb"`
}

// notebookBlock is the block that runs a notebook lesson whose metadata
// asks for it (metadata.course.test): its code cells in order in one
// Python process, each cell's printed text then compared with the text it
// stored (notebook.Cell.StoredText). Cells tagged skip-execution are left
// out.
func notebookBlock(p *content.Page) Block {
	nb := p.Notebook
	var cells []nbCell
	for _, c := range nb.Cells {
		if c.Type != "code" || c.Tags["skip-execution"] || strings.TrimSpace(c.Source) == "" {
			continue
		}
		want, errText := c.StoredText()
		cell := nbCell{N: c.Index + 1, Code: c.Source, line: nb.Line(c), want: want}
		if errText != "" {
			cell.Error = &errText
		}
		cells = append(cells, cell)
	}
	// The interpreter must have what the cells import (e.g. numpy): the
	// course's Python finder picks the first that does.
	requires := map[string]bool{}
	for _, c := range cells {
		for _, m := range importRe.FindAllStringSubmatch(c.Code, -1) {
			requires[m[1]] = true
		}
	}
	data, _ := json.Marshal(cells)           // strings and numbers: cannot fail
	literal, _ := json.Marshal(string(data)) // a JSON string is a Python string literal
	b := Block{File: p.File, Line: 1, Code: nbDriver + "\nmain(" + string(literal) + ")\n", Timeout: NotebookTimeout,
		Requires: slices.Sorted(maps.Keys(requires))}
	b.check = func(out string) error { return compareNotebook(p.File, cells, out) }
	return b
}

// importRe finds the top-level modules a cell imports.
var importRe = regexp.MustCompile(`(?m)^[ \t]*(?:import|from)[ \t]+([A-Za-z_][A-Za-z0-9_]*)`)

// addressRe matches the memory addresses in reprs (<Line2D at 0x7f…>),
// which differ from run to run.
var addressRe = regexp.MustCompile(`0x[0-9a-fA-F]{6,}`)

func normalise(s string) string {
	return strings.TrimRight(addressRe.ReplaceAllString(strings.ReplaceAll(s, "\r\n", "\n"), "0x…"), " \n")
}

// compareNotebook checks the driver's results against the stored outputs.
func compareNotebook(file string, cells []nbCell, out string) error {
	i := strings.LastIndex(out, nbMark)
	if i < 0 {
		return fmt.Errorf("the notebook's run ended before reporting:\n%s", lastLines(out, 20))
	}
	var results []nbResult
	if err := json.Unmarshal([]byte(strings.TrimSpace(out[i+len(nbMark):])), &results); err != nil {
		return fmt.Errorf("cannot read the notebook run's results: %v", err)
	}
	var probs []string
	for k, r := range results {
		c := cells[k]
		where := fmt.Sprintf("%s:%d: cell %d", file, c.line, c.N)
		switch {
		case r.Error != nil && c.Error == nil:
			probs = append(probs, fmt.Sprintf("%s raised an error it did not store:\n%s", where, indentLines(lastLines(r.TB, 12), "    ")))
			continue // what it printed before is beside the point
		case c.Error != nil && r.Error == nil:
			probs = append(probs, fmt.Sprintf("%s stored the error %q but ran without one", where, *c.Error))
		case c.Error != nil && normalise(*c.Error) != normalise(*r.Error):
			probs = append(probs, fmt.Sprintf("%s raised %q instead of the stored %q", where, *r.Error, *c.Error))
		}
		if got, want := normalise(r.Out), normalise(c.want); got != want {
			probs = append(probs, fmt.Sprintf("%s printed other than its stored output (- stored, + now):\n%s", where, indentLines(lineDiff(want, got), "    ")))
		}
	}
	if len(probs) > 0 {
		return fmt.Errorf("%s\n(run the notebook again and save it, or fix the code)", strings.Join(probs, "\n"))
	}
	return nil
}

func indentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

// lineDiff shows how b differs from a, line by line: "- " for a line only
// in a, "+ " for one only in b, "  " for one in both (a longest common
// subsequence; outputs are short). At most 40 lines.
func lineDiff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(x)*len(y) > 4_000_000 {
		return "- " + lastLines(a, 10) + "\n+ " + lastLines(b, 10)
	}
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			out = append(out, "  "+x[i])
			i++
			j++
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "- "+x[i])
			i++
		default:
			out = append(out, "+ "+y[j])
			j++
		}
	}
	if len(out) > 40 {
		out = append(out[:40], fmt.Sprintf("… %d more lines", len(out)-40))
	}
	return strings.Join(out, "\n")
}
