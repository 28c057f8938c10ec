package sitecheck

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/browsertest"
)

// TestTabsDoNotShareTheTheme opens tabs as Run does and stores the dark
// theme in one of them: the others must still have the light one, or a
// page checked in light mode in one tab could load dark while another tab
// checks its dark mode.
func TestTabsDoNotShareTheTheme(t *testing.T) {
	exe, err := browsertest.FindChromium(os.Getenv, exec.LookPath)
	if errors.Is(err, browsertest.ErrNoChromium) && !browsertest.IsCI(os.Getenv) {
		t.Skipf("no Chromium: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: browsertest.StaticHandler("testdata/site", "/fx/"), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	c := &checker{opts: Options{BasePath: "/fx/", PageTimeout: time.Minute}, origin: "http://" + ln.Addr().String(),
		pages: map[string]*pageInfo{}, clock: newTimings()}
	bctx, stop, err := startBrowser(context.Background(), exe)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	tabs, closeTabs, err := c.openTabs(bctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer closeTabs()
	if err := c.setTheme(tabs[1], "dark"); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"light", "dark", "light"} {
		got, err := eval[string](tabs[i], time.Minute, `localStorage.getItem("course.theme")`)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("tab %d has the theme %q stored, want %q (tab 1 stored dark)", i, got, want)
		}
	}
}
