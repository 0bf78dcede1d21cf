// Command zhengce turns Chinese government policy documents into clean,
// structured, verifiable data.
//
//	zhengce normalize [--json] FILE|-
//	zhengce segment [--json|--paths|--list] FILE[#SELECTOR]...
//	zhengce extract [--facts] [--format json|csv] FILE[#SELECTOR]...
//	zhengce diff [--format json|text|html] OLD[#SELECTOR] NEW[#SELECTOR]
//	zhengce corpus build [-j N] [--shard i/N] [--force] -o OUT DIR|FILE...
//	zhengce corpus stats [--json] [--missed] OUT
//	zhengce eval --gold DIR [--verbose] FILE...
//	zhengce schema
//	zhengce validate FILE|-
//
// Flags live on each command's own FlagSet, never on the standard flag
// package's default set.
package main

import (
	"fmt"
	"io"
	"os"
)

// exit statuses
const (
	exitOK      = 0
	exitPartial = 1 // some inputs failed; the rest was written
	exitTrouble = 2 // usage or I/O trouble
)

const usage = `usage: zhengce COMMAND [flags] ARGS

commands:
  normalize  print the canonical text of a document (--json: with maps and noise)
  segment    print the clause outline of each policy (--json, --paths, --list)
  extract    write the facts of each policy (--facts: JSON Lines stream; --format csv)
  corpus     corpus build -o OUT DIR|FILE...: a dataset (SQLite and JSON Lines) of every policy;
             corpus stats OUT: how well a dataset's policies were read
  diff       compare two versions of a policy: aligned clauses and changed facts (exit 1 when they differ)
  eval       score extracted facts against gold files (--gold DIR)
  schema     print the JSON Schema of everything zhengce writes
  validate   check JSON or JSON Lines against the schema, naming each violation's JSON pointer
  version    print the version

FILE is a path or - for standard input; FILE#SELECTOR names one policy of a
compilation by its document number or a unique part of its title.
zhengce help COMMAND, or zhengce COMMAND --help, describes a command.
`

// version is the tool's version.
const version = "0.1.0"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitTrouble
	}
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "normalize":
		return env.normalize(args[1:])
	case "segment":
		return env.segment(args[1:])
	case "extract":
		return env.extract(args[1:])
	case "eval":
		return env.eval(args[1:])
	case "diff":
		return env.diff(args[1:])
	case "corpus":
		return env.corpus(args[1:])
	case "schema":
		return env.schemaCmd(args[1:])
	case "validate":
		return env.validate(args[1:])
	case "version", "--version":
		fmt.Fprintln(stdout, "zhengce", version)
		return exitOK
	case "help", "-h", "--help":
		return env.helpCommand(args[1:])
	}
	fmt.Fprintf(stderr, "zhengce: unknown command %q\n%s", args[0], usage)
	return exitTrouble
}

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}
