package highlight

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/styles"
)

func TestCSSColoursHaveEnoughContrastInBothPalettes(t *testing.T) {
	for _, p := range palettes {
		rules := p.rules()
		bg := parseHex(declValue(rules[".chroma"], "background-color"))
		hl := parseHex(p.highlight)
		checked := 0
		for sel, decls := range rules {
			fg := declValue(decls, "color")
			if fg == "" {
				continue
			}
			backgrounds := []rgb{bg, hl}
			if own := declValue(decls, "background-color"); own != "" && sel != ".chroma" {
				backgrounds = []rgb{parseHex(own)}
			}
			for _, b := range backgrounds {
				if c := contrast(parseHex(fg), b); c < minContrast {
					t.Errorf("%s: %s %s on %s has contrast %.2f, want ≥ %.1f", p.style, sel, fg, b.hex(), c, minContrast)
				}
			}
			checked++
		}
		if checked < 20 {
			t.Errorf("%s: only %d coloured rules", p.style, checked)
		}
		comment := parseHex(declValue(rules[".chroma .c1"], "color"))
		t.Logf("%s: comments %s, contrast %.2f on the background, %.2f on highlighted lines", p.style, comment.hex(), contrast(comment, bg), contrast(comment, hl))
	}
}

func TestCSSPalettesExist(t *testing.T) {
	for _, p := range palettes {
		if styles.Registry[p.style] == nil {
			t.Errorf("chroma has no style %q", p.style)
		}
	}
}

func TestCSSScopesThePalettes(t *testing.T) {
	css := CSS()
	for _, want := range []string{
		".chroma .ln { white-space: pre; -webkit-user-select: none; user-select: none;",
		".chroma .line { display: flex; }",
		"\n.chroma .hl { background-color: #fff8c5; }",
		"\n.chroma .c1 { color: #57606a; }",
		"\n[data-theme=\"dark\"] .chroma .c1 { color: #8b949e; font-style: italic; }",
		"\n[data-theme=\"dark\"] .chroma .hl { background-color: ",
		"@media (prefers-color-scheme: dark) {\n:root:not([data-theme=\"light\"]) .chroma {",
		"\n:root:not([data-theme=\"light\"]) .chroma .hl { background-color: ",
		// A class styled only in the light palette is reset in the dark one.
		"\n[data-theme=\"dark\"] .chroma .bp { color: inherit; }",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Error("unbalanced braces")
	}
	if CSS() != css {
		t.Error("CSS is not deterministic")
	}
}

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#767676", "#ffffff", 4.54},
	}
	for _, tc := range tests {
		if got := contrast(parseHex(tc.a), parseHex(tc.b)); got < tc.want-0.01 || got > tc.want+0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

func declValue(ds []decl, prop string) string {
	for _, d := range ds {
		if d.prop == prop {
			return d.value
		}
	}
	return ""
}
