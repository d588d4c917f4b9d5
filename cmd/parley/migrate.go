package main

import (
	"context"
	"fmt"
	"io"

	"parley/sqlstore"
)

// migrate applies the database migrations and exits.
func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var database string
	fs := newFlagSet("migrate", stderr)
	databaseFlag(fs, &database)
	if err := fs.parse(args); err != nil {
		return err
	}
	if err := sqlstore.Migrate(ctx, database); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "database is up to date:", redactURL(database))
	return nil
}
