package channelflow_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"parley"
	"parley/email/emailtest"
)

// TestEmailChat takes a chat over e-mail from a customer's first message to
// its completion: read over IMAP (twice, stored once), answered over SMTP in
// the customer's thread, the customer's reply found by its headers with the
// quoted history stripped, a server refusing for a while, then for good.
func TestEmailChat(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		imap, smtp := emailtest.StartIMAP(t, "support@shop.example", "mail-pass"), emailtest.StartSMTP(t)
		cfg := emailtest.Channel("support@shop.example", "mail-pass", imap, smtp)
		var ch parley.Channel
		e.call(t, "POST", "/api/v1/channels", map[string]any{"type": "email", "name": "Mail", "queue_id": e.queueID,
			"settings": cfg.Settings, "secrets": cfg.Secrets}, &ch)
		first := emailtest.Mail("Ivan Petrov <Ivan@Customer.example>", "support@shop.example", "Order 17 is late",
			"Hello,\nmy order 17 has not arrived.\n", nil)
		imap.Deliver(first)
		poll := func() {
			t.Helper()
			if err := e.svc.PollMailboxes(ctx); err != nil {
				t.Fatal(err)
			}
		}
		poll()
		imap.Deliver(first) // the same message again, as after a server's hiccup
		poll()
		chats := e.chats(t)
		if len(chats) != 1 || chats[0].Name != "Ivan Petrov" {
			t.Fatalf("chats after one e-mail read twice: %+v", chats)
		}
		chat := chats[0]
		if got := contactMessages(e.messages(t, chat.ID)); len(got) != 1 || got[0].Subject != "Order 17 is late" ||
			!strings.Contains(got[0].Text, "has not arrived") {
			t.Fatalf("contact messages: %+v", got)
		}
		waitFor(t, "the chat offered", func() bool { return e.chat(t, chat.ID).OfferedTo != 0 })
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/accept", nil, nil)

		reply := e.send(t, chat.ID, "c-1", "We are looking into it.")
		e.waitDelivery(t, chat.ID, reply, parley.DeliverySent)
		got := smtp.Received()
		if len(got) != 1 || got[0].Header.Get("Subject") != "Re: Order 17 is late" ||
			!strings.Contains(got[0].Header.Get("In-Reply-To"), emailtest.MessageID(first)) ||
			!strings.Contains(got[0].To[0], "ivan@customer.example") {
			t.Fatalf("the answer sent: %+v", got)
		}
		ours := got[0].Header.Get("Message-Id")
		answer := emailtest.Mail("Ivan Petrov <ivan@customer.example>", "support@shop.example", "Re: Order 17 is late",
			"Thank you!\n\nOn Mon, 30 Nov 2026 at 10:00, Support wrote:\n> We are looking into it.\n",
			map[string]string{"In-Reply-To": ours, "References": ours})
		imap.Deliver(answer)
		poll()
		msgs := contactMessages(e.messages(t, chat.ID))
		if len(msgs) != 2 || msgs[1].Text != "Thank you!" {
			t.Fatalf("the customer's answer, stripped of quotes: %+v", msgs)
		}

		smtp.FailNext(2, 451, "4.3.0 try again later")
		later := e.send(t, chat.ID, "c-2", "It ships today.")
		e.waitDelivery(t, chat.ID, later, parley.DeliverySent)
		if n := len(smtp.Received()); n != 2 {
			t.Fatalf("after a temporary refusal the server got %d messages, not 2", n)
		}
		smtp.FailNext(1, 550, "5.1.1 mailbox unavailable")
		doomed := e.send(t, chat.ID, "c-3", "Anything else?")
		if m := e.waitDelivery(t, chat.ID, doomed, parley.DeliveryFailed); !strings.Contains(m.DeliveryReason, "mailbox unavailable") {
			t.Fatalf("failure reason %q", m.DeliveryReason)
		}
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/complete", nil, nil)
		if status, _ := e.try(t, "POST", "/hooks/"+ch.PublicKey, map[string]string{}, nil); status != http.StatusNotFound {
			t.Fatalf("an e-mail channel answered a webhook with %d", status)
		}
	})
}
