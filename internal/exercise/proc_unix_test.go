//go:build unix

package exercise

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

// processAlive reports whether pid runs; a zombie (dead, not yet reaped by
// its new parent) counts as dead.
func processAlive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true // no /proc (macOS): launchd reaps orphans at once
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(fields) == 0 || fields[0] != "Z"
}
