//go:build !unix

package build

import "time"

// cpuTime is unknown here: benchmarks report 0.
func cpuTime() time.Duration { return 0 }

// faults is unknown here: benchmarks report 0.
func faults() (int64, time.Duration, time.Duration) { return 0, 0, 0 }
