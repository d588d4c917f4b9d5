package sqlstore

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
)

// assign stores src, a value of the SQLite driver (int64, float64, string,
// []byte or nil), in dest as database/sql's Scan would, for the destinations
// the store scans into: int64, string and bool, the named types over them
// (parley.ChatState, parley.Audience…), pointers to them, []byte and
// sql.Scanner (sql.NullInt64…). Anything else fails rather than leaving a zero.
func assign(dest any, src driver.Value) error {
	switch d := dest.(type) {
	case *int64:
		if v, ok := src.(int64); ok {
			*d = v
			return nil
		}
	case *string:
		switch v := src.(type) {
		case string:
			*d = v
			return nil
		case []byte:
			*d = string(v)
			return nil
		}
	case *bool:
		v, err := driver.Bool.ConvertValue(src)
		if err != nil {
			return fmt.Errorf("cannot store %s in %T: %w", describe(src), dest, err)
		}
		*d = v.(bool)
		return nil
	case *[]byte:
		switch v := src.(type) {
		case nil:
			*d = nil
			return nil
		case []byte:
			*d = append([]byte(nil), v...)
			return nil
		case string:
			*d = []byte(v)
			return nil
		}
	case sql.Scanner:
		return d.Scan(src)
	default:
		return assignKind(dest, src)
	}
	return unsupported(dest, src)
}

// assignKind stores src in what dest points to by its kind: the named types
// and the pointers, which database/sql handles by reflection too.
func assignKind(dest any, src driver.Value) error {
	dv := reflect.ValueOf(dest)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("cannot store in %T: not a non-nil pointer", dest)
	}
	e := dv.Elem()
	switch e.Kind() {
	case reflect.String:
		switch v := src.(type) {
		case string:
			e.SetString(v)
			return nil
		case []byte:
			e.SetString(string(v))
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v, ok := src.(int64); ok && !e.OverflowInt(v) {
			e.SetInt(v)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v, ok := src.(int64); ok && v >= 0 && !e.OverflowUint(uint64(v)) {
			e.SetUint(uint64(v))
			return nil
		}
	case reflect.Bool:
		v, err := driver.Bool.ConvertValue(src)
		if err != nil {
			return fmt.Errorf("cannot store %s in %T: %w", describe(src), dest, err)
		}
		e.SetBool(v.(bool))
		return nil
	case reflect.Pointer:
		return assignPointer(e, src)
	}
	return unsupported(dest, src)
}

// assignPointer sets p, a pointer, to nil for NULL, else to a new value holding src.
func assignPointer(p reflect.Value, src driver.Value) error {
	if src == nil {
		p.SetZero()
		return nil
	}
	v := reflect.New(p.Type().Elem())
	if err := assign(v.Interface(), src); err != nil {
		return err
	}
	p.Set(v)
	return nil
}

func unsupported(dest any, src driver.Value) error {
	return fmt.Errorf("cannot store %s in %T", describe(src), dest)
}

// describe names src for an error without quoting it: it may be anything stored.
func describe(src driver.Value) string {
	if src == nil {
		return "NULL"
	}
	return fmt.Sprintf("a %T", src)
}
