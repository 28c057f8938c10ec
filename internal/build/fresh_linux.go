package build

import (
	"fmt"
	"io/fs"
	"syscall"
)

// sysKey adds the inode and the change time, which no program can set
// back: a file replaced, or its time restored after an edit (cp -p,
// touch -d), still counts as changed.
func sysKey(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf(" %d %d.%d", st.Ino, st.Ctim.Sec, st.Ctim.Nsec)
}
