package corpus

import (
	"regexp"
	"sync"
)

// A lazyRegexp is a regular expression compiled the first time it is
// used. A short input meets few of segmentation's expressions, and
// compiling them all at start-up would cost every run about a millisecond.
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// lazyExpressions lists every lazyRegexp, so a test can compile them all.
var lazyExpressions []*lazyRegexp

// lazy returns the expression src, to be compiled on first use; it
// panics then if src is not a valid expression.
func lazy(src string) *lazyRegexp {
	l := &lazyRegexp{src: src}
	lazyExpressions = append(lazyExpressions, l)
	return l
}

// get returns the compiled expression.
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

// String returns the expression's source.
func (l *lazyRegexp) String() string { return l.src }

// MatchString reports whether s holds a match.
func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }

// FindStringSubmatch returns the leftmost match of s and its submatches.
func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }

// FindStringSubmatchIndex returns the offsets of the leftmost match of s
// and its submatches.
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.get().FindStringSubmatchIndex(s)
}

// FindAllStringSubmatchIndex returns the offsets of every match of s and
// of their submatches.
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string) [][]int {
	return l.get().FindAllStringSubmatchIndex(s, -1)
}
