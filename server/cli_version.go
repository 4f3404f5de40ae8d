package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; without
// it, the version is the commit the binary was built from.
var version = ""

func versionString() string {
	v, commit, modified := version, "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if modified {
		commit += "-dirty"
	}
	switch {
	case v == "" && commit == "":
		v = "dev"
	case v == "":
		v = commit
	case commit != "":
		v += " (" + commit + ")"
	}
	return fmt.Sprintf("keyward %s %s %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func versionCommand() command {
	return command{
		name:    "version",
		summary: "Prints the version, the commit it was built from, and the Go version.",
		run: func(_ context.Context, _ config, rest []string, io stdio) error {
			if len(rest) > 0 {
				return fmt.Errorf("version: unexpected %q", rest[0])
			}
			_, err := fmt.Fprintln(io.out, versionString())
			return err
		},
	}
}
