package realtime

import (
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/gorilla/websocket"

	"parley/realtime/realtimetest"
)

// BenchmarkIdleConnections measures what an idle websocket costs: heap, stacks and
// goroutines per connection once each has had its catch-up and ready frame. Both
// ends live in this process; the client end is small (no goroutine, tiny buffers),
// so the figure bounds the server's cost from above. It ignores b.N; run it as
//
//	go test -run '^$' -bench IdleConnections -benchtime 1x ./realtime
//
// with PARLEY_BENCH_CONNS to change the number of connections (default 2000).
func BenchmarkIdleConnections(b *testing.B) {
	n := 2000
	if s := os.Getenv("PARLEY_BENCH_CONNS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ws := startWS(b, &realtimetest.Log{}, HubOptions{}, ServeOptions{}, nil)
	d := &websocket.Dialer{ReadBufferSize: 128, WriteBufferSize: 128, WriteBufferPool: &sync.Pool{}}

	before := measure()
	conns := make([]*websocket.Conn, n)
	for i := range conns {
		c, _, err := d.Dial(ws.url+"/ws", nil)
		if err != nil {
			b.Fatalf("dial %d: %v", i, err)
		}
		if _, _, err := c.ReadMessage(); err != nil { // ready
			b.Fatalf("ready %d: %v", i, err)
		}
		conns[i] = c
	}
	after := measure()
	b.ReportMetric(float64(after.heap-before.heap)/float64(n), "heap-B/conn")
	b.ReportMetric(float64(after.stack-before.stack)/float64(n), "stack-B/conn")
	b.ReportMetric(float64(after.goroutines-before.goroutines)/float64(n), "goroutines/conn")
	for _, c := range conns {
		c.Close()
	}
}

type usage struct{ heap, stack, goroutines int }

func measure() usage {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return usage{heap: int(m.HeapInuse), stack: int(m.StackInuse), goroutines: runtime.NumGoroutine()}
}
