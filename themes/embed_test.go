package themes

import (
	"bytes"
	"io/fs"
	"testing"
)

// TestDefaultHandsOutTheEmbeddedBytes checks that every file of the
// default theme reads as embedded, through the string copies for the big
// files, and as the same slice every time.
func TestDefaultHandsOutTheEmbeddedBytes(t *testing.T) {
	d := Default()
	big := 0
	err := fs.WalkDir(embedded, "default", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		name := p[len("default/"):]
		want, _ := fs.ReadFile(embedded, p)
		got, err := fs.ReadFile(d, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes read, not the %d embedded", name, len(got), len(want))
		}
		again, _ := fs.ReadFile(d, name)
		if len(got) > 0 && &again[0] != &got[0] {
			t.Errorf("%s: read twice, two copies", name)
		}
		if _, ok := bigFiles[name]; ok {
			big++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if big != len(bigFiles) {
		t.Errorf("%d of the %d big files are in the theme", big, len(bigFiles))
	}
}
