//go:build unix || windows

package exercise

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer a child's output goroutine and a test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestKillStopsTheGroup starts a helper in a process group (a job object on
// Windows) and checks that kill stops the grandchild it started, whether the
// helper still runs (a timeout) or has exited (what the runner does after
// every check, for children the learner's code left behind).
func TestKillStopsTheGroup(t *testing.T) {
	for _, c := range []struct {
		mode      string
		waitFirst bool // the helper exits by itself before kill
	}{
		{"spawn", false},
		{"orphan", true},
	} {
		t.Run(c.mode, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
			cmd.Env = append(os.Environ(), helperEnv+"="+c.mode)
			out := &lockedBuffer{}
			cmd.Stdout, cmd.Stderr = out, out
			g, err := startGroup(cmd)
			if err != nil {
				t.Fatal(err)
			}
			defer g.release()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			pid := 0
			for deadline := time.Now().Add(60 * time.Second); pid == 0; time.Sleep(10 * time.Millisecond) {
				if m := regexp.MustCompile(`child (\d+)\n`).FindStringSubmatch(out.String()); m != nil {
					pid, _ = strconv.Atoi(m[1])
				} else if time.Now().After(deadline) {
					g.kill()
					t.Fatalf("the helper did not start its child; it wrote %q", out.String())
				}
			}
			if c.waitFirst {
				select {
				case <-done:
				case <-time.After(60 * time.Second):
					t.Fatal("the helper did not exit")
				}
			}
			if !processAlive(pid) {
				t.Fatalf("the grandchild %d is not running before kill", pid)
			}
			g.kill()
			if !c.waitFirst {
				select {
				case <-done:
				case <-time.After(10 * time.Second):
					t.Fatal("the helper survived kill")
				}
			}
			for deadline := time.Now().Add(10 * time.Second); processAlive(pid); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the grandchild %d survived kill", pid)
				}
			}
		})
	}
}
