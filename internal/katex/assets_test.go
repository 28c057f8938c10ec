package katex

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The stylesheet pages link, vendored by scripts/vendor-katex.sh.
const staticDir = "../../themes/default/static/katex"

func TestVendoredCSS_loads_only_woff2_fonts_that_exist_with_font_display(t *testing.T) {
	css, err := os.ReadFile(filepath.Join(staticDir, "katex.min.css"))
	if err != nil {
		t.Fatal(err)
	}
	faces := regexp.MustCompile(`@font-face\{[^}]*\}`).FindAllString(string(css), -1)
	if len(faces) == 0 {
		t.Fatal("no @font-face in katex.min.css")
	}
	url := regexp.MustCompile(`url\(([^)]*)\)`)
	for _, face := range faces {
		if !strings.Contains(face, "font-display:block") && !strings.Contains(face, "font-display:swap") {
			t.Errorf("no font-display block or swap in %s", face)
		}
		urls := url.FindAllStringSubmatch(face, -1)
		if len(urls) != 1 || !strings.HasSuffix(urls[0][1], ".woff2") || !strings.HasPrefix(urls[0][1], "fonts/") {
			t.Errorf("want exactly one url(fonts/*.woff2) in %s", face)
			continue
		}
		if _, err := os.Stat(filepath.Join(staticDir, urls[0][1])); err != nil {
			t.Errorf("katex.min.css references a missing font: %v", err)
		}
	}
}

func TestVendoredFiles_carry_version_and_licence(t *testing.T) {
	for _, f := range []string{"assets/LICENSE", filepath.Join(staticDir, "LICENSE")} {
		b, err := os.ReadFile(f)
		if err != nil || !strings.Contains(string(b), "MIT License") {
			t.Errorf("%s: want KaTeX's MIT licence (%v)", f, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(staticDir, "VENDOR.md"))
	if err != nil || !strings.Contains(string(b), "KaTeX "+Version) {
		t.Errorf("VENDOR.md does not name KaTeX %s (%v)", Version, err)
	}
}
