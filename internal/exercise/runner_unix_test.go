//go:build unix

package exercise

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRunKillsAnEndlessLoopAndItsChildrenOnTimeout(t *testing.T) {
	var asked []time.Duration
	r := &Runner{After: func(d time.Duration) <-chan time.Time {
		asked = append(asked, d)
		if d == DefaultSetupTimeout {
			return nil // never
		}
		return time.After(300 * time.Millisecond) // the exercise's timeout, made short
	}}
	learner := "import os, subprocess\n" +
		"def double(xs):\n" +
		"    p = subprocess.Popen(['sleep', '1000'])\n" +
		"    os.write(2, b'child %d\\n' % p.pid)\n" +
		"    while True:\n" +
		"        pass\n"
	start := time.Now()
	rep := runDemo(t, r, learner)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s", took)
	}
	if len(asked) != 2 || asked[1] != DefaultTimeout {
		t.Errorf("timers asked for %v, want the setup timeout then the exercise's (%s)", asked, DefaultTimeout)
	}
	got := rep.Tests[0]
	if rep.Status != StatusFail || got.Status != StatusError || !strings.Contains(got.Message, "timed out: the check took longer than 10 s") {
		t.Fatalf("report = %s", rep.JSON())
	}
	m := regexp.MustCompile(`child (\d+)`).FindStringSubmatch(got.Stdout)
	if m == nil {
		t.Fatalf("the child's pid is not in the test's output: %q", got.Stdout)
	}
	pid, _ := strconv.Atoi(m[1])
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("process %d started by the learner's code survived the timeout", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// alive reports whether pid runs (zombies count as dead).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}

func TestRunReportsAKilledInterpreterAsAFailedTest(t *testing.T) {
	rep := runDemo(t, &Runner{}, "import os, signal\ndef double(xs):\n    os.kill(os.getpid(), signal.SIGKILL)\n")
	if rep.Status != StatusFail || !strings.Contains(rep.Tests[0].Message, "ended (signal: killed)") {
		t.Errorf("report = %s", rep.JSON())
	}
}
