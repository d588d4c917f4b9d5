package sqlstore

import "context"

func scanString(s scanner) (string, error) {
	var v string
	err := s.Scan(&v)
	return v, err
}

// Setting returns the value stored under key; NotFound when there is none.
func (r queries) Setting(ctx context.Context, key string) (string, error) {
	return one(ctx, r.q, "setting", scanString, "SELECT value FROM settings WHERE key = $1", key)
}

// SetSetting stores value under key, replacing any value there.
func (t *tx) SetSetting(ctx context.Context, key, value string) error {
	return t.exec(ctx, "set setting", `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
}
