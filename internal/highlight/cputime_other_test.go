//go:build !unix

package highlight

import "time"

// cpuTime is not measured here (no getrusage): the cpu-ns/op metric reads 0.
func cpuTime() time.Duration { return 0 }
