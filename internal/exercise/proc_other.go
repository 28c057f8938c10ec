//go:build !unix && !windows

package exercise

import "os/exec"

// procGroup is a child; where there are neither process groups nor job
// objects its own children may outlive it.
type procGroup struct{ cmd *exec.Cmd }

func startGroup(cmd *exec.Cmd) (*procGroup, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &procGroup{cmd: cmd}, nil
}

// kill kills the child.
func (g *procGroup) kill() { g.cmd.Process.Kill() }

func (g *procGroup) release() {}
