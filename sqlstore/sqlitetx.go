package sqlstore

// commitSQLite runs one write transaction on SQLite's writer connection, whose
// statements run in process: there is no round trip to save. They run on the
// driver's connection itself (see liteConn).
func (s *Store) commitSQLite(run func(*batch) error) (*batch, error) {
	var b *batch
	err := s.lite.transact(func(q querier) error {
		b = &batch{d: s.d, q: q}
		return run(b)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}
