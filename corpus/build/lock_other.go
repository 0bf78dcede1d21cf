//go:build !unix

package build

// lockOutput does not lock where flock is not available.
func lockOutput(out string) (release func(), err error) { return func() {}, nil }
