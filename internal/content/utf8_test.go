package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlcourse/course/internal/config"
	"github.com/mlcourse/course/internal/diag"
)

// A file that is not UTF-8 (here "é" saved as Latin-1, byte 0xE9) is one
// error at the line and column of the bad byte, naming the encoding
// problem, whether the byte is in the body or in the front matter (whose
// message used to blame YAML syntax).
func TestTextThatIsNotUTF8IsAnErrorAtItsPlace(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"body", "---\ntitle: A\n---\nUn caf\xe9 noir.\n", "content/01-m/01-a.md:4:7: not valid UTF-8: byte 0xE9 here starts no UTF-8 character (in Latin-1 it is \"é\")"},
		{"front matter", "---\ntitle: Caf\xe9\n---\nText.\n", "content/01-m/01-a.md:2:11: not valid UTF-8: byte 0xE9"},
		{"toml front matter", "+++\ntitle = \"Caf\xe9\"\n+++\nText.\n", "content/01-m/01-a.md:2:13: not valid UTF-8: byte 0xE9"},
	} {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/01-m/_index.md": {Data: []byte("---\ntitle: M\n---\n")},
				"content/01-m/01-a.md":   {Data: []byte(c.src)},
			}
			dl := &diag.List{}
			Load(fsys, config.Default(), dl)
			got := dl.String()
			if !strings.Contains(got, c.want) || dl.Len() != 1 {
				t.Errorf("problems:\n%s\nwant exactly one, containing %q", got, c.want)
			}
			if strings.Contains(got, "YAML") || strings.Contains(got, "TOML") {
				t.Errorf("the message blames the front matter's syntax:\n%s", got)
			}
		})
	}
}
