package sqlstore

import (
	"database/sql"
	"database/sql/driver"
	"reflect"
	"testing"
	"time"

	"parley"
)

// assign must store what the SQLite driver returns in every kind of
// destination the store scans into, as database/sql would, and refuse the rest.
func TestAssignStoresTheDriversValues(t *testing.T) {
	tests := []struct {
		name string
		src  driver.Value
		dest any // a pointer to a zero value
		want any // what dest points to afterwards
	}{
		{"int64", int64(-7), new(int64), int64(-7)},
		{"int", int64(42), new(int), 42},
		{"named int64", int64(30), new(parley.Seconds), parley.Seconds(30)},
		{"named uint8", int64(3), new(parley.Audience), parley.Audience(3)},
		{"string", "hello", new(string), "hello"},
		{"string from bytes", []byte("hi"), new(string), "hi"},
		{"named string", "in_progress", new(parley.ChatState), parley.ChatState("in_progress")},
		{"bool from 1", int64(1), new(bool), true},
		{"bool from 0", int64(0), new(bool), false},
		{"bool from bool", true, new(bool), true},
		{"bytes", []byte{1, 2}, new([]byte), []byte{1, 2}},
		{"bytes from string", "ab", new([]byte), []byte("ab")},
		{"bytes from NULL", nil, new([]byte), []byte(nil)},
		{"NullInt64", int64(5), new(sql.NullInt64), sql.NullInt64{Int64: 5, Valid: true}},
		{"NullInt64 from NULL", nil, new(sql.NullInt64), sql.NullInt64{}},
		{"NullString", "x", new(sql.NullString), sql.NullString{String: "x", Valid: true}},
		{"NullString from NULL", nil, new(sql.NullString), sql.NullString{}},
		{"pointer to string", "x", new(*string), ptrTo("x")},
		{"pointer from NULL", nil, new(*string), (*string)(nil)},
		{"pointer to int64", int64(9), new(*int64), ptrTo(int64(9))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := assign(tc.dest, tc.src); err != nil {
				t.Fatalf("assign(%T, %#v): %v", tc.dest, tc.src, err)
			}
			if got := reflect.ValueOf(tc.dest).Elem().Interface(); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("assign(%T, %#v) stored %#v, want %#v", tc.dest, tc.src, got, tc.want)
			}
		})
	}
}

func TestAssignRefusesWhatItCannotStore(t *testing.T) {
	var notPointer int64
	tests := []struct {
		name string
		src  driver.Value
		dest any
	}{
		{"NULL in int64", nil, new(int64)},
		{"NULL in string", nil, new(string)},
		{"NULL in bool", nil, new(bool)},
		{"NULL in named string", nil, new(parley.ChatState)},
		{"NULL in int", nil, new(int)},
		{"text in int64", "12", new(int64)},
		{"float in int64", 1.5, new(int64)},
		{"int64 in string", int64(1), new(string)},
		{"2 in bool", int64(2), new(bool)},
		{"overflow of uint8", int64(300), new(parley.Audience)},
		{"negative in uint8", int64(-1), new(parley.Audience)},
		{"overflow of int8", int64(200), new(int8)},
		{"text in NullInt64", "x", new(sql.NullInt64)},
		{"unsupported destination", int64(1), new(float64)},
		{"time", int64(1), new(time.Time)},
		{"not a pointer", int64(1), notPointer},
		{"nil pointer", int64(1), (*parley.Seconds)(nil)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := reflect.ValueOf(tc.dest)
			if err := assign(tc.dest, tc.src); err == nil {
				t.Fatalf("assign(%T, %#v) succeeded", tc.dest, tc.src)
			}
			_, scanner := tc.dest.(sql.Scanner) // database/sql's own: may set Valid before failing
			if !scanner && before.Kind() == reflect.Pointer && !before.IsNil() && !before.Elem().IsZero() {
				t.Fatalf("assign(%T, %#v) failed but changed the destination to %#v", tc.dest, tc.src, before.Elem().Interface())
			}
		})
	}
}

// A []byte destination gets its own copy, as from database/sql.
func TestAssignCopiesBytes(t *testing.T) {
	src := []byte("abc")
	var dest []byte
	if err := assign(&dest, src); err != nil {
		t.Fatal(err)
	}
	src[0] = 'x'
	if string(dest) != "abc" {
		t.Fatalf("dest changed with the driver's buffer: %q", dest)
	}
}

func ptrTo[T any](v T) *T { return &v }
