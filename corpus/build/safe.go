package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/zhengce/zhengce/extract"
)

// MarkerFile is the file a dataset zhengce wrote holds, naming the tool and
// schema versions: a build replaces a folder only when it holds one (or is
// empty, or Options.Force is set).
const MarkerFile = ".zhengce-dataset"

// Errors of a build that wrote nothing.
var (
	// ErrRefused: the output may not be replaced (not a dataset, or one of
	// the inputs), or another build is writing it.
	ErrRefused = errors.New("refused")
	// ErrNothingRead: no input could be read; the previous dataset stays.
	ErrNothingRead = errors.New("nothing read")
)

// refuse returns an ErrRefused with the reason.
func refuse(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrRefused, fmt.Sprintf(format, args...))
}

// checkOutput refuses an output that is, holds or lies inside one of the
// inputs (whatever force says), and, unless force is set, an output that
// exists and is neither an empty folder nor a dataset zhengce wrote.
func checkOutput(out string, inputs []string, force bool) error {
	o, err := resolve(out)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	for _, in := range inputs {
		i, err := resolve(in)
		if err != nil {
			continue // an unreadable input is reported as an error record
		}
		switch {
		case o == i:
			return refuse("the output %s is the input %s", out, in)
		case within(o, i):
			return refuse("the output %s lies inside the input %s", out, in)
		case within(i, o):
			return refuse("the output %s holds the input %s", out, in)
		}
	}
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output: %w", err)
	case force:
		return nil
	case !fi.IsDir():
		return refuse("%s exists and is not a folder; use --force to replace it with a dataset", out)
	}
	if _, err := os.Stat(filepath.Join(out, MarkerFile)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) > 0 {
		return refuse("%s holds files that are not a zhengce dataset (no %s); use --force to replace them", out, MarkerFile)
	}
	return nil
}

// resolve returns the absolute path of p with the symbolic links of its
// longest existing prefix resolved.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path p lies inside folder dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// writeMarker writes the marker file of a dataset into dir.
func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, MarkerFile), []byte(extract.ToolVersion+"\nschema "+extract.SchemaVersion+"\n"), 0o644)
}
