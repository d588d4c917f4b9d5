package telegramtest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentSends checks that parallel sends each get their own id and
// are all recorded.
func TestConcurrentSends(t *testing.T) {
	s := NewServer()
	defer s.Close()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			body := fmt.Sprintf(`{"chat_id":%d,"text":"m%d"}`, i, i)
			resp, err := http.Post(s.URL+"/botT/sendMessage", "application/json", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("status %d", resp.StatusCode)
			}
		})
	}
	wg.Wait()
	sent := s.Sent()
	ids := map[int]bool{}
	for _, m := range sent {
		ids[m.MessageID] = true
	}
	if len(sent) != 20 || len(ids) != 20 || s.Hits("sendMessage") != 20 {
		t.Errorf("%d sent, %d distinct ids, %d hits", len(sent), len(ids), s.Hits("sendMessage"))
	}
}

func TestUnknownFile(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, path := range []string{"/botT/getFile?file_id=nope", "/file/botT/media/nope", "/botT/noSuchMethod"} {
		resp, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Errorf("%s answered 200", path)
		}
	}
}
