//go:build !unix

package exercise

import "os/exec"

// setProcessGroup does nothing where process groups are unavailable.
func setProcessGroup(cmd *exec.Cmd) {}

// killGroup kills the child (its own children may outlive it here).
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
