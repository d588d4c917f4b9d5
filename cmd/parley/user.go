package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"parley"
	"parley/core"
	"parley/sqlstore"
)

// user runs "user add": it creates an agent; the first agent of a database is an admin.
func user(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf(`usage: parley user add --email E --name N [--role agent|supervisor|admin] [--password P]`)
	}
	var database, role string
	var in core.AgentInput
	fs := newFlagSet("user add", stderr)
	databaseFlag(fs, &database)
	fs.StringVar(&in.Email, "email", "", "the agent's e-mail, used to log in")
	fs.StringVar(&in.Name, "name", "", "the agent's name as colleagues and customers see it")
	fs.StringVar(&role, "role", "agent", "agent, supervisor or admin (the first agent is always admin)")
	fs.StringVar(&in.Language, "language", "en", "console language: en or ru")
	fs.str(&in.Password, "password", "", "password; when empty it is read from standard input")
	if err := fs.parse(args[1:]); err != nil {
		return err
	}
	in.Role = parley.Role(role)
	if in.Password == "" {
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		in.Password = pw
	}
	if err := sqlstore.Migrate(ctx, database); err != nil {
		return err
	}
	store, err := sqlstore.Open(ctx, sqlstore.Options{URL: database})
	if err != nil {
		return err
	}
	defer store.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	svc, err := core.New(ctx, store, discardBus{}, parley.SystemClock{}, log, core.Config{})
	if err != nil {
		return err
	}
	a, err := svc.Bootstrap(ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "agent %d created: %s <%s>, role %s\n", a.ID, a.Name, a.Email, a.Role)
	return nil
}

// readPassword reads a password without echo from a terminal, else one line of stdin.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password given: use --password, PARLEY_PASSWORD or standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// discardBus drops ephemeral events; the command-line tools have no one to tell.
type discardBus struct{}

func (discardBus) Publish(context.Context, []parley.Event) error { return nil }
