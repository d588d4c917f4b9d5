package main

import (
	"parley"
	"parley/email"
	"parley/infobip"
	"parley/messenger"
	"parley/telegram"
	"parley/viber"
	"parley/whatsapp"
)

// providers are the messenger adapters this server connects (R8.1).
func providers() map[parley.ChannelType]parley.Provider {
	list := []parley.Provider{telegram.New(nil), whatsapp.New(nil), infobip.New(nil), viber.New(nil),
		messenger.New(nil), email.New(nil)}
	out := map[parley.ChannelType]parley.Provider{}
	for _, p := range list {
		out[p.Spec().Type] = p
	}
	return out
}
