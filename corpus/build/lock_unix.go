//go:build unix

package build

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockOutput takes the lock of the output out: an exclusive flock on the
// file out.lock beside it, which holds the pid of the build that has it.
// A second build of the same output is refused, naming the first; the
// lock goes with the process, however it ends. The file stays: removing
// it would let a build lock a file another has just unlinked.
func lockOutput(out string) (release func(), err error) {
	name := out + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid := make([]byte, 32)
		n, _ := f.ReadAt(pid, 0)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, refuse("another build (pid %s) is writing %s", strings.TrimSpace(string(pid[:n])), out)
		}
		return nil, fmt.Errorf("output: lock %s: %w", name, err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() { f.Close() }, nil
}
