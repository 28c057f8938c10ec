package browsertest

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
)

// shared is the browser of [Shared], one per test binary.
var shared struct {
	mu    sync.Mutex
	b     *Browser
	close func()
}

// Shared returns the test binary's shared browser, starting it on first use
// (the window is 1280×900). Tests that only open pages and read them, such
// as the figure tests, share it and save a browser start each; they get a
// fresh tab each ([Browser.NewTab]) but share the profile, so a test that
// needs empty storage or other window options starts its own with
// [StartWith]. Like StartWith, it skips t when there is no browser, unless
// CI=true. A package that uses it calls [CloseShared] from TestMain after
// m.Run; its life is bounded by go test's -timeout, not by one test.
func Shared(t testing.TB) *Browser {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.b != nil && shared.b.ctx.Err() == nil {
		return shared.b
	}
	if shared.close != nil { // the browser died: start another
		shared.close()
		shared.b, shared.close = nil, nil
	}
	ctx, closeFn, path, err := Launch(context.Background(), 1280, 900)
	switch {
	case err == nil:
	case !errors.Is(err, ErrNoChromium):
		t.Fatalf("browsertest: %v", err)
	case IsCI(os.Getenv):
		t.Fatalf("browsertest: %v\nCI=true: a missing browser is a failure, not a skip.", err)
	default:
		t.Skip(skipBanner(err))
	}
	shared.b, shared.close = &Browser{ctx: ctx, path: path}, closeFn
	t.Logf("browsertest: %s (shared by this test binary)", path)
	return shared.b
}

// CloseShared stops the shared browser, if [Shared] started one, and
// removes its folders.
func CloseShared() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.close != nil {
		shared.close()
	}
	shared.b, shared.close = nil, nil
}
