package main

import (
	bt "parley/browsertest"
)

// chooseStatus picks a status from the header's status menu: "active",
// "inactive" or "pause-<reason id>", and waits for the header to show it.
func chooseStatus(b *bt.Browser, option, status string) {
	b.Click("the status menu", bt.TestID("status-switch"))
	b.Wait("the status menu", bt.Visible(bt.TestID("status-menu")))
	b.Click("status "+option, bt.TestID("status-option-"+option))
	b.Wait("the status "+status, bt.TestID("status-switch")+`?.dataset.status === `+bt.JS(status)+
		` && !`+bt.TestID("status-menu"))
}
