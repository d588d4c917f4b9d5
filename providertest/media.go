package providertest

import "sync"

// Media keeps the files a fake holds, by id; M is the fake's own description
// of a file. The zero value is ready to use; it is safe for concurrent use.
type Media[M any] struct {
	mu    sync.Mutex
	files map[string]M
}

// Add keeps m under id, replacing what was there.
func (s *Media[M]) Add(id string, m M) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = map[string]M{}
	}
	s.files[id] = m
}

// Get returns the file kept under id.
func (s *Media[M]) Get(id string) (M, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.files[id]
	return m, ok
}
