package markdown

import (
	"strings"
	"testing"
)

func TestEmbedsReplaceTheirMarkersOnly(t *testing.T) {
	embeds := Embeds{"a": `<div class="out" id="out-1">A</div>`, "b": "</div>"}
	cases := []struct {
		name, src, want, notWant string
		id                       string
	}{
		{"a marker on its own line becomes its HTML", "# T\n\n" + EmbedMarker("a") + "\n\ntext\n", `<div class="out" id="out-1">A</div>`, "embed:a", "out-1"},
		{"unbalanced HTML passes through as given", EmbedMarker("b") + "\n", "</div>", "embed:b", ""},
		{"an unknown key stays a comment", EmbedMarker("zzz") + "\n", "<!--embed:zzz-->", "", ""},
		{"a marker inside a paragraph is not replaced", "see " + EmbedMarker("a") + " here\n", "see <!--embed:a--> here", `class="out"`, ""},
		{"a marker in a code block is code", "```\n" + EmbedMarker("a") + "\n```\n", "&lt;!--embed:a--&gt;", `class="out"`, ""},
	}
	c := New(Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.ConvertEmbeds([]byte(tc.src), nil, embeds)
			got := string(res.HTML)
			if !strings.Contains(got, tc.want) {
				t.Errorf("HTML lacks %q:\n%s", tc.want, got)
			}
			if tc.notWant != "" && strings.Contains(got, tc.notWant) {
				t.Errorf("HTML has %q:\n%s", tc.notWant, got)
			}
			if tc.id != "" && !res.IDs[tc.id] {
				t.Errorf("id %q of the embedded HTML is not an anchor: %v", tc.id, res.IDs)
			}
		})
	}
	if got := string(c.Convert([]byte(EmbedMarker("a")+"\n"), nil).HTML); strings.Contains(got, `class="out"`) {
		t.Errorf("Convert without embeds replaced a marker: %s", got)
	}
}
