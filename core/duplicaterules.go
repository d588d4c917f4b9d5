package core

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"parley"
)

// duplicateRulesKey is the setting that holds the duplicate rules.
const duplicateRulesKey = "duplicate_rules"

// duplicateRules reads the rules admins set, or the defaults.
func duplicateRules(ctx context.Context, r parley.ConfigReader) (parley.DuplicateRules, error) {
	raw, err := r.Setting(ctx, duplicateRulesKey)
	if parley.IsCode(err, parley.CodeNotFound) || err == nil && raw == "" {
		return parley.DefaultDuplicateRules(), nil
	}
	if err != nil {
		return parley.DuplicateRules{}, err
	}
	var rules parley.DuplicateRules
	if err := json.Unmarshal([]byte(raw), &rules); err != nil {
		return parley.DefaultDuplicateRules(), nil // a setting from no known version: the defaults stand
	}
	return rules, nil
}

// DuplicateRules returns the rules that find similar contacts (R3.3).
func (s *Service) DuplicateRules(ctx context.Context) (parley.DuplicateRules, error) {
	return duplicateRules(ctx, s.store)
}

// SetDuplicateRules switches the rules on and off (admins only). Keys do not
// depend on which rules are on, only phone keys on the region: a new region
// keys every contact again, a batch per transaction, before the answer.
func (s *Service) SetDuplicateRules(ctx context.Context, by parley.Agent, in parley.DuplicateRules) (parley.DuplicateRules, error) {
	if err := requireAdmin(by); err != nil {
		return in, err
	}
	in.PhoneRegion = strings.ToUpper(strings.TrimSpace(in.PhoneRegion))
	if in.PhoneRegion != "" && phonenumbers.GetCountryCodeForRegion(in.PhoneRegion) == 0 {
		return in, parley.Errorf(parley.CodeInvalid, "phone_region %.10q is not a country code such as RU or GB", in.PhoneRegion)
	}
	old, err := s.DuplicateRules(ctx)
	if err != nil {
		return in, err
	}
	raw, _ := json.Marshal(in) // booleans and a string always marshal
	err = s.write(ctx, func(tx parley.Tx, now time.Time) error { return tx.SetSetting(ctx, duplicateRulesKey, string(raw)) })
	if err != nil || old.PhoneRegion == in.PhoneRegion {
		return in, err
	}
	return in, s.RekeyContacts(ctx, true)
}

// RekeyContacts sets the match keys of contacts keyed by an older version of
// the key rules, or of every contact when all is set, a batch per transaction.
func (s *Service) RekeyContacts(ctx context.Context, all bool) error {
	rules, err := s.DuplicateRules(ctx)
	if err != nil {
		return err
	}
	const batch = 500
	for after := int64(0); ; {
		var contacts []parley.Contact
		if all {
			contacts, err = s.store.ContactsAfter(ctx, after, batch)
		} else {
			contacts, err = s.store.StaleContactKeys(ctx, batch)
		}
		if err != nil || len(contacts) == 0 {
			return err
		}
		err = s.write(ctx, func(tx parley.Tx, now time.Time) error {
			for _, c := range contacts {
				c.MatchKeys(rules.PhoneRegion)
				if err := tx.UpdateContact(ctx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		after = contacts[len(contacts)-1].ID
	}
}
