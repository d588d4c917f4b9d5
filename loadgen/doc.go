// Package loadgen drives a running Parley server over its real HTTP and websocket
// surfaces, the way the console and the widget do, and reports what it sustained:
// the "messages" scenario (visitors writing at a set rate, agents accepting and
// answering) and the "conns" scenario (idle websockets and their memory).
//
// It talks to loopback addresses only: it is a benchmark of this machine, not a
// tool to aim at someone else's server.
package loadgen
