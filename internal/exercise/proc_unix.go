//go:build unix

package exercise

import (
	"os/exec"
	"syscall"
)

// procGroup is a child and every process it starts. On Linux, macOS and
// the BSDs the child leads a new process group, which its children join.
type procGroup struct{ cmd *exec.Cmd }

// startGroup starts cmd as the leader of a new process group, so that kill
// also stops the processes the learner's code starts. A terminal's Ctrl-C
// reaches course only, which then kills the group.
func startGroup(cmd *exec.Cmd) (*procGroup, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &procGroup{cmd: cmd}, nil
}

// kill kills the whole process group (ignoring "no such process": the
// group ends with its last member). Children that left the group with
// setsid() escape it.
func (g *procGroup) kill() {
	syscall.Kill(-g.cmd.Process.Pid, syscall.SIGKILL)
}

// release frees what the group holds; nothing here.
func (g *procGroup) release() {}
