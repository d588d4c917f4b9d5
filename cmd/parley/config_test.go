package main

import (
	"io"
	"testing"
	"time"
)

func TestConfigPrecedence(t *testing.T) {
	t.Setenv("PARLEY_ADDR", "127.0.0.1:9999")
	t.Setenv("PARLEY_SESSION_TTL", "2h")
	t.Setenv("PARLEY_SECURE_COOKIES", "true")
	c, err := parseServeConfig([]string{"--addr", "127.0.0.1:7777"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7777" {
		t.Errorf("a flag must win over its variable: addr %q", c.Addr)
	}
	if c.SessionTTL != 2*time.Hour || !c.SecureCookies {
		t.Errorf("variables must set what no flag sets: %+v", c)
	}
	if c.Database != "data/parley.db" || c.TimerInterval != 250*time.Millisecond || c.FilesDir != "data/files" || c.MaxFileSize != 10<<20 {
		t.Errorf("defaults: %+v", c)
	}
}

func TestConfigFileSizes(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "512KiB": 512 << 10, "25MiB": 25 << 20, "1GiB": 1 << 30, " 3 MiB": 3 << 20} {
		c, err := parseServeConfig([]string{"--max-file-size", in}, io.Discard)
		if err != nil || c.MaxFileSize != want {
			t.Errorf("--max-file-size %q = %d (%v), want %d", in, c.MaxFileSize, err, want)
		}
	}
	t.Setenv("PARLEY_MAX_FILE_SIZE", "2MiB")
	if c, err := parseServeConfig(nil, io.Discard); err != nil || c.MaxFileSize != 2<<20 {
		t.Errorf("PARLEY_MAX_FILE_SIZE=2MiB: %d (%v)", c.MaxFileSize, err)
	}
	for _, bad := range []string{"0", "-1", "10MB", "ten", "9999999999GiB"} {
		if _, err := parseServeConfig([]string{"--max-file-size", bad}, io.Discard); err == nil {
			t.Errorf("--max-file-size %q accepted", bad)
		}
	}
}

func TestConfigRejectsBadValues(t *testing.T) {
	for name, env := range map[string][2]string{
		"bad duration": {"PARLEY_SESSION_TTL", "soon"},
		"bad boolean":  {"PARLEY_SECURE_COOKIES", "perhaps"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(env[0], env[1])
			if _, err := parseServeConfig(nil, io.Discard); err == nil {
				t.Fatalf("%s=%s accepted", env[0], env[1])
			}
		})
	}
	if _, err := parseServeConfig([]string{"--no-such-flag"}, io.Discard); err == nil {
		t.Fatal("an unknown flag was accepted")
	}
}

func TestSecretsKey(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int // key length; -1 for an error
	}{
		{"", 0},
		{"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=", 32},
		{"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc", 32},
		{"c2hvcnQ=", -1},
		{"not base64 at all!", -1},
	} {
		key, err := config{SecretsKey: c.in}.secretsKey()
		if (err != nil) != (c.want < 0) || (err == nil && len(key) != c.want) {
			t.Errorf("%q: %d bytes, %v; want %d", c.in, len(key), err, c.want)
		}
	}
}
