package parley

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FieldKind is the type of a custom contact field.
type FieldKind string

// The kinds of custom field.
const (
	FieldText   FieldKind = "text"
	FieldNumber FieldKind = "number"
	FieldDate   FieldKind = "date" // YYYY-MM-DD
	FieldChoice FieldKind = "choice"
)

// ContactField is a custom field admins define for contacts (R3.6).
type ContactField struct {
	ID       int64     `json:"id"`
	Key      string    `json:"key"` // lower-case letters, digits and _; the key of Contact.Fields
	Label    string    `json:"label"`
	Kind     FieldKind `json:"kind"`
	Choices  []string  `json:"choices,omitempty"` // the values a choice field takes
	Position int       `json:"position"`
}

// maxFieldText bounds a text field's value, in characters.
const maxFieldText = 1000

var fieldKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Check says what is wrong with a field definition, if anything.
func (f ContactField) Check() error {
	switch {
	case !fieldKey.MatchString(f.Key):
		return Errorf(CodeInvalid, "key must be 1–40 lower-case letters, digits or _, starting with a letter")
	case strings.TrimSpace(f.Label) == "" || utf8.RuneCountInString(f.Label) > 100:
		return Errorf(CodeInvalid, "label is required, at most 100 characters")
	case f.Kind != FieldText && f.Kind != FieldNumber && f.Kind != FieldDate && f.Kind != FieldChoice:
		return Errorf(CodeInvalid, "kind must be text, number, date or choice")
	case f.Kind == FieldChoice && len(f.Choices) == 0:
		return Errorf(CodeInvalid, "a choice field needs choices")
	case f.Kind != FieldChoice && len(f.Choices) > 0:
		return Errorf(CodeInvalid, "only a choice field has choices")
	}
	return nil
}

// Value checks one value of the field and returns it as stored.
func (f ContactField) Value(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	switch f.Kind {
	case FieldNumber:
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return "", Errorf(CodeInvalid, "field %s takes a number, not %.40q", f.Key, v)
		}
	case FieldDate:
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return "", Errorf(CodeInvalid, "field %s takes a date as YYYY-MM-DD, not %.40q", f.Key, v)
		}
	case FieldChoice:
		if !slices.Contains(f.Choices, v) {
			return "", Errorf(CodeInvalid, "field %s takes one of %s, not %.40q", f.Key, strings.Join(f.Choices, ", "), v)
		}
	default:
		if utf8.RuneCountInString(v) > maxFieldText {
			return "", Errorf(CodeInvalid, "field %s takes at most %d characters", f.Key, maxFieldText)
		}
	}
	return v, nil
}

// CheckFields checks a contact's field values against the definitions and
// returns them as stored, without empty ones.
func CheckFields(values map[string]string, defs []ContactField) (map[string]string, error) {
	out := make(map[string]string, len(values))
	for key, v := range values {
		i := slices.IndexFunc(defs, func(f ContactField) bool { return f.Key == key })
		if i < 0 {
			return nil, Errorf(CodeInvalid, "no contact field has the key %.40q", key)
		}
		stored, err := defs[i].Value(v)
		if err != nil {
			return nil, err
		}
		if stored != "" {
			out[key] = stored
		}
	}
	return out, nil
}
