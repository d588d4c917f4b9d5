package core

import (
	"context"
	"time"

	"parley"
)

// AccountInput names an account.
type AccountInput struct {
	Name string `json:"name"`
}

// Accounts lists the accounts whose name holds q, by name (R3.7).
func (s *Service) Accounts(ctx context.Context, q string, limit int) ([]parley.Account, error) {
	return s.store.Accounts(ctx, q, limit)
}

// Account returns one account.
func (s *Service) Account(ctx context.Context, id int64) (parley.Account, error) {
	return s.store.Account(ctx, id)
}

// CreateAccount adds a company that contacts may belong to.
func (s *Service) CreateAccount(ctx context.Context, by parley.Agent, in AccountInput) (parley.Account, error) {
	name, err := checkName(in.Name)
	if err != nil {
		return parley.Account{}, err
	}
	a := parley.Account{Name: name}
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		a.CreatedAt, a.UpdatedAt = now, now
		return tx.CreateAccount(ctx, &a)
	})
	return a, err
}

// UpdateAccount renames an account.
func (s *Service) UpdateAccount(ctx context.Context, by parley.Agent, id int64, in AccountInput) (parley.Account, error) {
	name, err := checkName(in.Name)
	if err != nil {
		return parley.Account{}, err
	}
	var out parley.Account
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
		a, err := tx.Account(ctx, id)
		if err != nil {
			return err
		}
		a.Name, a.UpdatedAt = name, now
		out = a
		return tx.UpdateAccount(ctx, a)
	})
	return out, err
}

// ContactFields lists the custom contact fields admins define (R3.6).
func (s *Service) ContactFields(ctx context.Context) ([]parley.ContactField, error) {
	return s.store.ContactFields(ctx)
}

// CreateContactField defines a custom contact field (admins only).
func (s *Service) CreateContactField(ctx context.Context, by parley.Agent, f parley.ContactField) (parley.ContactField, error) {
	if err := requireAdmin(by); err != nil {
		return f, err
	}
	f.ID = 0
	if err := f.Check(); err != nil {
		return f, err
	}
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error { return tx.CreateContactField(ctx, &f) })
	return f, err
}

// UpdateContactField changes a field's label, choices and position (admins
// only); its key and kind stay, as contacts hold values by them.
func (s *Service) UpdateContactField(ctx context.Context, by parley.Agent, id int64, in parley.ContactField) (parley.ContactField, error) {
	if err := requireAdmin(by); err != nil {
		return in, err
	}
	var out parley.ContactField
	err := s.write(ctx, func(tx parley.Tx, now time.Time) error {
		defs, err := tx.ContactFields(ctx)
		if err != nil {
			return err
		}
		for _, f := range defs {
			if f.ID == id {
				f.Label, f.Choices, f.Position = in.Label, in.Choices, in.Position
				if err := f.Check(); err != nil {
					return err
				}
				out = f
				return tx.UpdateContactField(ctx, f)
			}
		}
		return parley.NotFound("contact field")
	})
	return out, err
}

// DeleteContactField removes a custom field (admins only).
func (s *Service) DeleteContactField(ctx context.Context, by parley.Agent, id int64) error {
	if err := requireAdmin(by); err != nil {
		return err
	}
	return s.write(ctx, func(tx parley.Tx, now time.Time) error { return tx.DeleteContactField(ctx, id) })
}
