// Package realtime delivers the event log to live connections: a hub that puts the
// events it hears from the bus back in log order, subscriptions that resume exactly
// after a client's last id, and the websocket that carries them to consoles and widgets.
package realtime
