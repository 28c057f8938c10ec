//go:build !linux

package build

import "io/fs"

// sysKey is empty where the size, mode and modification time are all the
// stat says portably.
func sysKey(fs.FileInfo) string { return "" }
