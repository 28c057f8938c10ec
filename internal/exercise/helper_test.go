package exercise

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"
)

// helperEnv makes this test binary a helper process (see TestHelperProcess).
const helperEnv = "COURSE_EXERCISE_TEST_HELPER"

// TestHelperProcess is not a test: run with $COURSE_EXERCISE_TEST_HELPER
// set, it plays a learner's program. "spawn" starts a grandchild (this
// binary as "sleep"), prints its pid and runs until killed; "orphan" does
// the same but exits at once, leaving the grandchild behind; "sleep" sleeps;
// the modes of fakePython play interpreters for Probe.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		return
	}
	switch mode {
	case "sleep":
		time.Sleep(time.Hour)
		os.Exit(0)
	case "python", "old-python", "broken-python", "store-stub":
		fakePython(mode)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	child.Env = append(os.Environ(), helperEnv+"=sleep")
	if err := child.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Printf("child %d\n", child.Process.Pid)
	if mode == "orphan" {
		os.Exit(0)
	}
	time.Sleep(time.Hour)
	os.Exit(0)
}
