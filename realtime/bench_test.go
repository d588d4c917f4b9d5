package realtime

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"parley"
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

// BenchmarkWebsocketDelivery pushes staff events through a hub to supervisor
// websockets on 127.0.0.1 and reads every frame on the client side; an op is
// one Deliver of a batch of events, each frame is one event on one connection.
// Both ends run in this process, so the figures include the clients' reading.
func BenchmarkWebsocketDelivery(b *testing.B) {
	for _, bc := range []struct{ conns, batch int }{{200, 1}, {200, 10}} {
		b.Run(fmt.Sprintf("conns=%d/batch=%d", bc.conns, bc.batch), func(b *testing.B) {
			benchDelivery(b, bc.conns, bc.batch)
		})
	}
}

func benchDelivery(b *testing.B, conns, batch int) {
	log := &realtimetest.Log{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	var writes atomic.Int64
	ws := startWS(b, log, HubOptions{MaxPending: 1 << 20}, ServeOptions{}, countWrites{ln, &writes})
	var frames atomic.Int64
	var readers sync.WaitGroup
	for i := range conns {
		c, _, err := websocket.DefaultDialer.Dial(ws.url+"/ws", nil)
		if err != nil {
			b.Fatalf("dial %d: %v", i, err)
		}
		b.Cleanup(func() { c.Close() })
		if _, _, err := c.ReadMessage(); err != nil { // ready
			b.Fatalf("ready %d: %v", i, err)
		}
		readers.Go(func() { countFrames(c, &frames) })
	}
	writes.Store(0)
	events := staffEvents(batch)
	// A window of batches in flight keeps every writer busy without letting the
	// queues grow with b.N.
	const window = 32
	b.ResetTimer()
	for i := range b.N {
		waitFrames(&frames, int64(max(i-window, 0)*batch*conns))
		ws.hub.Deliver(log.Append(events...))
	}
	waitFrames(&frames, int64(b.N*batch*conns))
	b.StopTimer()
	b.ReportMetric(float64(frames.Load())/b.Elapsed().Seconds(), "frames/s")
	b.ReportMetric(float64(writes.Load())/float64(frames.Load()), "writes/frame")
	ws.hub.Shutdown()
	readers.Wait()
}

// countFrames reads c until it ends, counting its frames.
func countFrames(c *websocket.Conn, frames *atomic.Int64) {
	for {
		_, r, err := c.NextReader()
		if err != nil {
			return
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			return
		}
		frames.Add(1)
	}
}

// waitFrames waits until the clients have read n frames.
func waitFrames(frames *atomic.Int64, n int64) {
	for frames.Load() < n {
		time.Sleep(50 * time.Microsecond)
	}
}

// countWrites counts the writes to the connections it accepts: each is a
// system call on a plain TCP connection.
type countWrites struct {
	net.Listener
	n *atomic.Int64
}

func (l countWrites) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countedConn{c, l.n}, nil
}

type countedConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countedConn) Write(p []byte) (int, error) {
	c.n.Add(1)
	return c.Conn.Write(p)
}

// BenchmarkFanOut measures the hub's fan-out of one queue's events to agents
// spread over 50 queues, one queue each, with a few supervisors who see all; an
// op is one event.
func BenchmarkFanOut(b *testing.B) {
	for _, agents := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("agents=%d", agents), func(b *testing.B) {
			benchFanOut(b, agents)
		})
	}
}

func benchFanOut(b *testing.B, agents int) {
	log := &realtimetest.Log{}
	h := startHub(b, log, HubOptions{MaxPending: 1 << 20})
	var subs []*Subscription
	for i := range agents {
		v := parley.Viewer{AgentID: int64(i + 1), Role: parley.RoleAgent, Queues: []int64{int64(i%50 + 1)}}
		if i%100 == 0 {
			v.Role = parley.RoleSupervisor
		}
		s, err := h.Subscribe(context.Background(), v, -1)
		if err != nil {
			b.Fatal(err)
		}
		subs = append(subs, s)
	}
	e := parley.Event{Kind: parley.EventChatOffered, Audience: parley.AudienceQueue | parley.AudienceAgent,
		QueueID: 7, AgentID: 7, ChatID: 1, Data: []byte(`{"id":1}`)}
	b.ResetTimer()
	for i := range b.N {
		if i%1024 == 1023 {
			b.StopTimer()
			for _, s := range subs {
				_, _ = s.take()
			}
			b.StartTimer()
		}
		e.ID = int64(i + 1)
		h.mu.Lock()
		h.fanOut(e)
		h.mu.Unlock()
	}
}
