package sqlstore

// QueueLen tells tests how many writes wait for the writer goroutine, so that
// they can fill a batch on purpose instead of hoping for one.
func (s *Store) QueueLen() int { return len(s.ops) }
