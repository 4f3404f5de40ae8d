package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"gorm.io/gorm"

	"keyward/models"
)

// stdio is where a command reads input and writes results and messages.
// Results go to stdout and nothing else does, so `X=$(keyward …)` works.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is a subcommand of the binary, such as `keyward migrate status`.
type command struct {
	name    string // words after "keyward"
	args    string // what follows the name in the usage line
	summary string
	// flags adds the command's own flags; run gets the shared config after parsing.
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, cfg config, rest []string, io stdio) error
}

// commands are every subcommand, longest name first so "migrate status"
// wins over "migrate".
func commands() []command {
	list := []command{versionCommand(), migrateCommand(), migrateStatusCommand(), createUserCommand(), resetPasswordCommand(), createKeyCommand()}
	sort.SliceStable(list, func(i, j int) bool { return len(strings.Fields(list[i].name)) > len(strings.Fields(list[j].name)) })
	return list
}

// findCommand matches args against the command names. ok is false when
// args start with a flag (the server) or name no command.
func findCommand(args []string) (cmd command, rest []string, ok bool) {
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			return c, args[len(words):], true
		}
	}
	return command{}, nil, false
}

// runCommand runs the subcommand args name. --help prints its usage on
// stdout and succeeds; bad input is one line, returned as the error.
func runCommand(ctx context.Context, args []string, io stdio) error {
	cmd, rest, ok := findCommand(args)
	if !ok {
		return commandGroup(args, io)
	}
	own := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	if cmd.flags != nil {
		cmd.flags(own)
	}
	shared := flag.NewFlagSet("shared", flag.ContinueOnError)
	finish := configFlags(shared)
	fs := flag.NewFlagSet("keyward "+cmd.name, flag.ContinueOnError)
	fs.Usage = func() {}
	own.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	shared.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	fs.SetOutput(discard{})
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandUsage(io.out, cmd, own, shared)
			return nil
		}
		return fmt.Errorf("%s: %v (see 'keyward %s --help')", cmd.name, err, cmd.name)
	}
	cfg, err := finish()
	if err != nil {
		return err
	}
	return cmd.run(ctx, cfg, fs.Args(), io)
}

// commandGroup answers args that name no command: `keyward admin` and
// `keyward admin --help` list the admin commands; anything else is unknown.
func commandGroup(args []string, io stdio) error {
	var group []command
	for _, c := range commands() {
		if strings.HasPrefix(c.name, args[0]+" ") {
			group = append(group, c)
		}
	}
	if len(group) == 0 {
		return fmt.Errorf("unknown command %q: run 'keyward --help' for the list", args[0])
	}
	if len(args) > 1 && !isHelp(args[1]) {
		return fmt.Errorf("unknown command %q: run 'keyward %s --help' for the list", args[0]+" "+args[1], args[0])
	}
	sort.Slice(group, func(i, j int) bool { return group[i].name < group[j].name })
	if len(args) == 1 {
		names := make([]string, len(group))
		for i, c := range group {
			names[i] = strings.TrimPrefix(c.name, args[0]+" ")
		}
		return fmt.Errorf("%s needs a command: %s (see 'keyward %s --help')", args[0], strings.Join(names, ", "), args[0])
	}
	fmt.Fprintf(io.out, "Usage: keyward %s <command> [flags]\n\nCommands:\n", args[0])
	for _, c := range group {
		fmt.Fprintf(io.out, "  %-24s %s\n", c.name, firstSentence(c.summary))
	}
	fmt.Fprintf(io.out, "\nRun 'keyward %s <command> --help' for a command's flags.\n", args[0])
	return nil
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func printCommandUsage(w io.Writer, cmd command, own, shared *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: keyward %s%s\n\n%s\n", cmd.name, cmd.args, cmd.summary)
	if hasFlags(own) {
		fmt.Fprintln(w, "\nFlags:")
		own.SetOutput(w)
		own.PrintDefaults()
	}
	fmt.Fprintln(w, "\nSettings shared with the server (flag or environment variable):")
	fmt.Fprintln(w, "  -database-url  sqlite:PATH or postgres://… (KEYWARD_DATABASE_URL, then DATABASE_URL)")
	fmt.Fprintln(w, "  -log-format    text or json (KEYWARD_LOG_FORMAT)")
	fmt.Fprintln(w, "  and every other server setting: see 'keyward --help'")
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printServerUsage is `keyward --help`: the server's flags and the commands.
func printServerUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "Usage: keyward [flags]            serve the API, the playground and the admin")
	fmt.Fprintln(w, "       keyward <command> [flags]  run one command and exit")
	fmt.Fprintln(w, "\nCommands:")
	list := commands()
	sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
	for _, c := range list {
		fmt.Fprintf(w, "  %-24s %s\n", c.name, firstSentence(c.summary))
	}
	fmt.Fprintln(w, "\nRun 'keyward <command> --help' for a command's flags.\n\nFlags (each also an environment variable):")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// withMigratedDatabase connects with the shared settings and migrates, as
// the server would, so a command never writes to an old schema; then runs fn.
func withMigratedDatabase(ctx context.Context, cfg config, fn func(ctx context.Context, db *gorm.DB) error) error {
	db, _, err := models.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer models.Close(db)
	if err := models.MigrateAndThen(ctx, db, nil); err != nil {
		return err
	}
	return fn(ctx, db)
}
