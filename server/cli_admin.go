package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/user"
	"strings"

	"gorm.io/gorm"

	"keyward/models"
)

// The `keyward admin` commands are the operator's way in when no admin can
// sign in (a lost password, a CI system that needs a key before any human
// has signed in). They run with the server's configuration, straight on the
// database, through the same models functions as the API: same rules, same
// audit, with the command line as the actor.

func createUserCommand() command {
	var email, name, role, org string
	var fromStdin bool
	return command{
		name: "admin create-user",
		summary: "Adds a user to an organisation. The password is asked for on the terminal, or read from stdin " +
			"with --password-stdin; it is never an argument. On a database without any organisation, it creates " +
			"the organisation (named by --org, else KEYWARD_ORG_NAME) with this user as its first Admin.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&email, "email", "", "the user's email (required)")
			fs.StringVar(&name, "name", "", "the user's name (required)")
			fs.StringVar(&role, "role", "", "ADMIN, EDITOR or VIEWER (required)")
			orgFlag(fs, &org)
			passwordStdinFlag(fs, &fromStdin)
		},
		run: func(ctx context.Context, cfg config, rest []string, io stdio) error {
			r, err := parseRole(role)
			if err == nil {
				err = required(rest, map[string]string{"email": email, "name": name})
			}
			if err != nil {
				return err
			}
			password, err := readPassword(io, fromStdin)
			if err != nil {
				return err
			}
			in := models.NewUserInput{Email: email, Name: name, Password: password, Role: r}
			return withMigratedDatabase(ctx, cfg, func(ctx context.Context, db *gorm.DB) error {
				o, err := models.FindOrganization(ctx, db, org)
				if errors.Is(err, models.ErrNoOrganization) {
					return createFirstOrganization(ctx, db, cfg, org, in, io)
				}
				if err != nil {
					return cliError(err)
				}
				u, err := models.CreateUser(ctx, db, o.ID, in, commandLineActor("admin create-user"))
				if err != nil {
					return cliError(err)
				}
				fmt.Fprintf(io.err, "Created %s %s in organisation %q.\n", u.Role.Label(), u.Email, o.Name)
				return nil
			})
		},
	}
}

// createFirstOrganization makes the database's first organisation with in as
// its Admin, under the start-up lock, so that a server bootstrapping at the
// same moment creates no second one.
func createFirstOrganization(ctx context.Context, db *gorm.DB, cfg config, org string, in models.NewUserInput, io stdio) error {
	if in.Role != models.RoleAdmin {
		return errors.New("--role: the database has no organisation yet; its first user must be an ADMIN")
	}
	if org == "" {
		org = cfg.OrgName
	}
	return models.MigrateAndThen(ctx, db, func(ctx context.Context) error {
		if _, err := models.FindOrganization(ctx, db, ""); !errors.Is(err, models.ErrNoOrganization) {
			return errors.New("an organisation was created meanwhile (by a starting server?); run the command again")
		}
		u, err := models.CreateOrganizationWithAdmin(ctx, db, models.NewOrganizationInput{
			OrgName: org, Email: in.Email, Name: in.Name, Password: in.Password})
		if err != nil {
			return cliError(err)
		}
		fmt.Fprintf(io.err, "Created organisation %q with its first Admin, %s.\n", models.TrimText(org), u.Email)
		return nil
	})
}

func resetPasswordCommand() command {
	var email, org string
	var fromStdin bool
	return command{
		name: "admin reset-password",
		summary: "Sets a user's password without the old one, and signs the user out everywhere: every session " +
			"ends, on every replica. The password is asked for on the terminal, or read from stdin with --password-stdin.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&email, "email", "", "the user's email (required)")
			fs.StringVar(&org, "org", "", "the organisation's name or id, when the email has accounts in several")
			passwordStdinFlag(fs, &fromStdin)
		},
		run: func(ctx context.Context, cfg config, rest []string, io stdio) error {
			if err := required(rest, map[string]string{"email": email}); err != nil {
				return err
			}
			password, err := readPassword(io, fromStdin)
			if err != nil {
				return err
			}
			return withMigratedDatabase(ctx, cfg, func(ctx context.Context, db *gorm.DB) error {
				orgID := ""
				if org != "" {
					o, err := models.FindOrganization(ctx, db, org)
					if err != nil {
						return cliError(err)
					}
					orgID = o.ID
				}
				u, err := models.FindUserByEmail(ctx, db, orgID, email)
				if err != nil {
					return cliError(err)
				}
				ended, err := models.ResetPassword(ctx, db, u, password, commandLineActor("admin reset-password"))
				if err != nil {
					return cliError(err)
				}
				fmt.Fprintf(io.err, "Set a new password for %s in organisation %q and ended %d session(s).\n", u.Email, u.Organization.Name, ended)
				return nil
			})
		},
	}
}

func createKeyCommand() command {
	var org, name, scope string
	var days int
	return command{
		name: "admin create-key",
		summary: "Creates an API key and prints its secret on stdout, and nothing else there, so that " +
			"KEY=$(keyward admin create-key --org Acme --name ci) works. The secret is shown only this once. " +
			"Same name and limit rules as the admin; audited as made by the command line.",
		flags: func(fs *flag.FlagSet) {
			orgFlag(fs, &org)
			fs.StringVar(&name, "name", "", "the key's name, unique in the organisation (required)")
			fs.StringVar(&scope, "scope", string(models.ScopeReadWrite), "READ_WRITE or READ_ONLY")
			fs.IntVar(&days, "days", models.DefaultKeyDays, fmt.Sprintf("days until the key expires, 1 to %d", models.MaxKeyDays))
		},
		run: func(ctx context.Context, cfg config, rest []string, io stdio) error {
			s := models.APIKeyScope(strings.ToUpper(strings.TrimSpace(scope)))
			if !s.Valid() {
				return fmt.Errorf("--scope must be READ_WRITE or READ_ONLY, not %q", scope)
			}
			if err := required(rest, map[string]string{"name": name}); err != nil {
				return err
			}
			return withMigratedDatabase(ctx, cfg, func(ctx context.Context, db *gorm.DB) error {
				o, err := models.FindOrganization(ctx, db, org)
				if err != nil {
					return cliError(err)
				}
				key, secret, err := models.CreateAPIKey(ctx, db, o.ID, nil,
					models.CreateAPIKeyInput{Name: name, ExpiresInDays: &days, Scope: &s, Max: cfg.MaxAPIKeys},
					commandLineActor("admin create-key"))
				if err != nil {
					return cliError(err)
				}
				if _, err := fmt.Fprintln(io.out, secret); err != nil {
					return err
				}
				fmt.Fprintf(io.err, "Created API key %q (%s…, %s, expires %s) in organisation %q.\n",
					key.Name, key.Prefix, key.Scope, key.ExpiresAt.Format("2006-01-02"), o.Name)
				return nil
			})
		},
	}
}

// parseRole reads --role; case does not matter.
// orgFlag is --org of a command that acts in one organisation.
func orgFlag(fs *flag.FlagSet, org *string) {
	fs.StringVar(org, "org", "", "the organisation's name or id; may be left out when there is only one")
}

// passwordStdinFlag is --password-stdin (see readPassword).
func passwordStdinFlag(fs *flag.FlagSet, fromStdin *bool) {
	fs.BoolVar(fromStdin, "password-stdin", false, "read the password from stdin instead of asking")
}

func parseRole(s string) (models.Role, error) {
	r := models.Role(strings.ToUpper(strings.TrimSpace(s)))
	if s == "" {
		return "", errors.New("--role is required: ADMIN, EDITOR or VIEWER")
	}
	if !r.Valid() {
		return "", fmt.Errorf("--role must be ADMIN, EDITOR or VIEWER, not %q", s)
	}
	return r, nil
}

// required refuses leftover arguments and missing flags, in a stable order.
func required(rest []string, flags map[string]string) error {
	if len(rest) > 0 {
		return fmt.Errorf("unexpected %q (see --help)", rest[0])
	}
	for _, name := range []string{"email", "name"} {
		if v, ok := flags[name]; ok && strings.TrimSpace(v) == "" {
			return fmt.Errorf("--%s is required (see --help)", name)
		}
	}
	return nil
}

// cliFlags names the flag behind a models error's field.
var cliFlags = map[string]string{
	"email": "--email", "name": "--name", "role": "--role",
	"org": "--org", "orgName": "--org", "expiresInDays": "--days", "scope": "--scope",
}

// cliError words a models error as one line naming the flag at fault. Other
// errors (the database) keep their first line only.
func cliError(err error) error {
	var me *models.Error
	if !errors.As(err, &me) {
		msg := err.Error()
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if models.IsUnavailable(err) {
			return fmt.Errorf("the database is unavailable, retry in a moment: %s", msg)
		}
		return errors.New(msg)
	}
	if len(me.Path) > 0 {
		if f, ok := cliFlags[fmt.Sprint(me.Path[0])]; ok {
			return fmt.Errorf("%s: %s", f, me.Message)
		}
	}
	return errors.New(me.Message)
}

// commandLineActor is the audit actor: the command, and the operating-system
// user and host it ran as, since no account did it.
func commandLineActor(cmd string) models.Actor {
	who := "unknown user"
	if u, err := user.Current(); err == nil {
		who = u.Username
	}
	host, err := os.Hostname()
	if err != nil {
		host = "unknown host"
	}
	return models.CommandLineActor(fmt.Sprintf("keyward %s, %s@%s", cmd, who, host))
}
