package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// A commandHelp is what zhengce COMMAND --help prints, with the flags of
// the command's FlagSet.
type commandHelp struct {
	usage   string // the synopsis, after "usage: zhengce "
	summary string // what the command does
	example string
}

// helps holds the help of every command, by the name its FlagSet has.
var helps = map[string]commandHelp{
	"normalize": {"normalize [--json] FILE|-",
		"Prints the canonical text of a document: widths folded, punctuation made canonical, traditional script converted to simplified, page noise removed, hard-wrapped lines rejoined. --json adds the encoding, format, script, removed noise and a map from each output line to its raw bytes.",
		"zhengce normalize --json page.html"},
	"segment": {"segment [--json | --paths | --list] FILE[#SELECTOR]...",
		"Prints each policy's clause outline (path and heading), its metadata and tree as JSON, or the policies of a compilation with their selectors.",
		"zhengce segment --paths 000.txt#武政规〔2022〕6号"},
	"extract": {"extract [--facts] [--format json|csv] [--aliases FILE] [--cues FILE] FILE[#SELECTOR]...\n       zhengce extract --input jsonl < records.jsonl",
		"Writes each policy as a JSON document (metadata, clause tree, facts, caps, warnings, quality), or with --facts the facts stream (JSON Lines), or with --format csv a table of facts. --input jsonl reads records {\"id\", \"text\"|\"path\"} from stdin and writes one result line per record.",
		"zhengce extract --facts policy.txt | jq 'select(.kind==\"money\")'"},
	"eval": {"eval --gold DIR [--verbose] [--json] [--aliases FILE] [--cues FILE] FILE[#SELECTOR]...",
		"Scores the facts of the inputs against the gold files of DIR (*.gold.json) whose documents are among the inputs: precision, recall and F1 per kind, metadata accuracy, and confusion tables of roles and qualifiers.",
		"zhengce eval --gold gold/ --verbose corpus/*.txt"},
	"corpus build": {"corpus build [-j N] [--shard i/N] [--formats LIST] [--force] [--aliases FILE] [--cues FILE] -o OUT DIR|FILE...",
		"Builds a dataset of every policy under the inputs in OUT (SQLite, Parquet tables, the gzip-compressed streams documents.jsonl.gz, facts.jsonl.gz and findings.jsonl.gz, and errors.jsonl; --formats picks), replacing OUT only when the build completes, and only when OUT is new, empty or a dataset zhengce wrote (--force for anything else; never an input). Exit 2 and nothing changed when no input could be read.",
		"zhengce corpus build -j 4 -o out policies/"},
	"corpus stats": {"corpus stats [--json] [--missed] OUT",
		"Shows how well the policies of a built dataset were read: clause trees, text left outside numbered clauses, numbered-looking lines that are not clauses, numbering warnings, metadata fields and facts per kind.",
		"zhengce corpus stats --missed out"},
	"diff": {"diff [--format json|text|html] OLD[#SELECTOR] NEW[#SELECTOR]",
		"Compares two versions of a policy: clauses aligned through renumbering and rewording (the text outside numbered clauses, path \"\", is paired too), changed amounts, caps, units and dates. Exit 1 when they differ.",
		"zhengce diff --format html draft.txt final.txt > diff.html"},
	"schema": {"schema",
		"Prints the JSON Schema (draft 2020-12) of everything zhengce writes.",
		"zhengce schema > zhengce.schema.json"},
	"validate": {"validate FILE|-",
		"Checks JSON or JSON Lines, plain or gzip-compressed (a dataset's streams), against the schema and prints each violation with its line and JSON pointer. Exit 1 when any.",
		"zhengce extract --facts policy.txt | zhengce validate -"},
}

// printHelp writes the help of command name: synopsis, what it does, its
// flags with their defaults and an example.
func printHelp(w io.Writer, name string, fs *flag.FlagSet) {
	h := helps[name]
	fmt.Fprintf(w, "usage: zhengce %s\n\n%s\n", h.usage, wrap(h.summary, 76))
	if fs != nil {
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nflags:")
			fs.SetOutput(w)
			fs.PrintDefaults()
		}
	}
	fmt.Fprintf(w, "\nexample:\n  %s\n", h.example)
}

// wrap breaks s into lines of at most width bytes at spaces.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// errHelpShown says that parse printed the help asked for.
var errHelpShown = errors.New("help shown")

// parse parses the flags of a command, which may stand before, between
// or after its arguments, and returns the arguments. With -h or --help it
// prints the command's help and returns errHelpShown; on a bad flag, a
// --max-bytes that is not positive, or a count of arguments outside
// [minArgs, maxArgs] (maxArgs < 0 for any), it prints the reason and the
// synopsis to stderr and returns an error. exitFor turns the error into
// the exit status.
func (e *env) parse(fs *flag.FlagSet, args []string, minArgs, maxArgs int) ([]string, error) {
	name := strings.TrimPrefix(fs.Name(), "zhengce ")
	fs.Usage = func() {}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printHelp(e.stdout, name, fs)
		return nil, errHelpShown
	}
	if err == nil {
		if f := fs.Lookup("max-bytes"); f != nil {
			if v, _ := f.Value.(flag.Getter).Get().(int64); v <= 0 {
				err = fmt.Errorf("--max-bytes %d: want a positive number of bytes", v)
			}
		}
	}
	if err == nil && (len(pos) < minArgs || maxArgs >= 0 && len(pos) > maxArgs) {
		err = fmt.Errorf("%s takes %s", name, argCount(minArgs, maxArgs))
	}
	if err != nil {
		if !strings.HasPrefix(err.Error(), "flag provided") && !strings.Contains(err.Error(), "invalid value") {
			fmt.Fprintf(e.stderr, "zhengce: %v\n", err)
		}
		fmt.Fprintf(e.stderr, "usage: zhengce %s\n(zhengce %s --help for more)\n", helps[name].usage, name)
		return nil, err
	}
	return pos, nil
}

// usageError prints a command line's trouble with the command's synopsis
// and returns the exit status for it.
func (e *env) usageError(name, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "zhengce: "+format+"\nusage: zhengce %s\n", append(args, helps[name].usage)...)
	return exitTrouble
}

// argCount says how many arguments a command takes.
func argCount(minArgs, maxArgs int) string {
	switch {
	case maxArgs < 0 && minArgs == 1:
		return "one or more arguments"
	case maxArgs < 0:
		return fmt.Sprintf("at least %d arguments", minArgs)
	case minArgs == maxArgs && minArgs == 0:
		return "no arguments"
	case minArgs == maxArgs && minArgs == 1:
		return "one argument"
	case minArgs == maxArgs:
		return fmt.Sprintf("%d arguments", minArgs)
	}
	return fmt.Sprintf("%d to %d arguments", minArgs, maxArgs)
}

// exitFor returns the exit status for an error of parse.
func exitFor(err error) int {
	if errors.Is(err, errHelpShown) {
		return exitOK
	}
	return exitTrouble
}

// conflict reports, when more than one of the named boolean flags of fs is
// set, an error naming them.
func (e *env) conflict(fs *flag.FlagSet, names ...string) bool {
	var set []string
	for _, n := range names {
		if f := fs.Lookup(n); f != nil && f.Value.String() == "true" {
			set = append(set, "--"+n)
		}
	}
	if len(set) > 1 {
		fmt.Fprintf(e.stderr, "zhengce: %s cannot be used together\n", strings.Join(set, " and "))
		return true
	}
	return false
}

// oneOf reports, when value is not one of allowed, an error naming them.
func (e *env) oneOf(flagName, value string, allowed ...string) bool {
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	fmt.Fprintf(e.stderr, "zhengce: --%s %q: want one of %s\n", flagName, value, strings.Join(allowed, ", "))
	return false
}

// helpCommand prints the help of a command (zhengce help COMMAND), or the
// list of commands.
func (e *env) helpCommand(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	name := strings.Join(args, " ")
	if _, ok := helps[name]; !ok {
		var names []string
		for n := range helps {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(e.stderr, "zhengce: no command %q; commands: %s\n", name, strings.Join(names, ", "))
		return exitTrouble
	}
	// the command prints its help with its own flags
	return run(append(args, "--help"), nil, e.stdout, e.stderr)
}
