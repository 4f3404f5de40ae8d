package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// maxPasswordInput bounds what --password-stdin reads: passwords are at
// most 72 bytes, so anything much longer is a mistake (a file piped in).
const maxPasswordInput = 4096

// readPassword gets a password without it ever being an argument (argv is
// visible to every user of the host, and lands in shell history): from
// stdin with --password-stdin, else from a prompt without echo when stdin
// is a terminal. The rules (length and so on) are the models' to check.
func readPassword(io stdio, fromStdin bool) (string, error) {
	if fromStdin {
		return passwordFromReader(io.in)
	}
	f, ok := io.in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", errors.New("stdin is not a terminal: pipe the password in and pass --password-stdin")
	}
	fmt.Fprint(io.err, "Password: ")
	first, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(io.err)
	if err != nil {
		return "", fmt.Errorf("read the password: %v", err)
	}
	fmt.Fprint(io.err, "Repeat the password: ")
	again, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(io.err)
	if err != nil {
		return "", fmt.Errorf("read the password: %v", err)
	}
	if string(first) != string(again) {
		return "", errors.New("the two passwords differ; nothing was changed")
	}
	if len(first) == 0 {
		return "", errors.New("no password was entered")
	}
	return string(first), nil
}

// passwordFromReader reads the first line of r: `echo "$PW" | …` adds a line
// break that is not part of the password.
func passwordFromReader(r io.Reader) (string, error) {
	line, err := bufio.NewReaderSize(io.LimitReader(r, maxPasswordInput), maxPasswordInput).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from stdin: %v", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", errors.New("--password-stdin: stdin held no password")
	}
	return line, nil
}
