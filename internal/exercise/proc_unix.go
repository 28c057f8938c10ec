//go:build unix

package exercise

import (
	"os/exec"
	"syscall"
)

// setProcessGroup makes the child the leader of a new process group, so
// that killGroup also stops the processes the learner's code starts.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the child's whole process group (ignoring "no such process").
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
