//go:build unix

package build

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time so far (user+system): on a shared
// machine it tells the work a benchmark did from the time it waited.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// faults returns the process's minor page faults, user and system time.
func faults() (int64, time.Duration, time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, 0
	}
	return ru.Minflt, time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
