package build_test

import (
	"os"
	"testing"

	"github.com/mlcourse/course/internal/browsertest"
)

// TestMain removes what the tests share: the bundled course's build
// (serveBundledCourse) and the browser of browsertest.Shared.
func TestMain(m *testing.M) {
	code := m.Run()
	browsertest.CloseShared()
	if bundled.dir != "" {
		os.RemoveAll(bundled.dir)
	}
	os.Exit(code)
}
