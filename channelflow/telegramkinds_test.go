package channelflow_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"testing"

	"parley"
	"parley/telegram/telegramtest"
)

// pngImage is a small real picture, which the file store takes as an image.
func pngImage(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestTelegramKinds covers what a chat's text flow does not: a photo fetched
// into the file store, the sender's avatar, an edit, a group message ignored,
// and a user who blocks the bot and comes back.
func TestTelegramKinds(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		f := newTelegramFake(t)
		ch := e.createChannel(t, f)
		deliver := func(payload []byte) {
			t.Helper()
			body, h := telegramtest.Delivery(telegramSecret, payload)
			if status, resp := e.hook(t, ch, "POST", body, h); status != http.StatusOK {
				t.Fatalf("webhook: %d %s", status, resp)
			}
		}
		pic := pngImage(t)
		f.srv.AddMedia("photo-1", "image/png", pic)
		f.srv.AddMedia("avatar-1", "image/png", pic)
		f.srv.SetAvatar("2002", "avatar-1")
		deliver(telegramtest.PhotoUpdate(1, 2002, "Olga Smirnova", "photo-1", "the broken part", 11))
		chat := e.chats(t)[0]
		var photo parley.Message
		waitFor(t, "the photo fetched", func() bool {
			photo = contactMessages(e.messages(t, chat.ID))[0]
			return len(photo.Files) == 1
		})
		if !photo.Files[0].Image || photo.Text != "the broken part" {
			t.Fatalf("photo message: %+v", photo)
		}
		waitFor(t, "the contact's photo", func() bool {
			c, err := e.store.Contact(context.Background(), chat.ContactID)
			return err == nil && c.Photo != ""
		})

		edited := map[string]any{"message_id": 11, "from": map[string]any{"id": 2002, "is_bot": false, "first_name": "Olga"},
			"chat": map[string]any{"id": 2002, "type": "private"}, "date": 1, "edit_date": 2, "caption": "the broken part, see photo"}
		deliver(telegramtest.Update(2, "edited_message", edited))
		msgs := contactMessages(e.messages(t, chat.ID))
		if len(msgs) != 1 || msgs[0].Text != "the broken part, see photo" || msgs[0].EditedAt.IsZero() {
			t.Fatalf("after an edit: %+v", msgs)
		}

		group := map[string]any{"message_id": 5, "from": map[string]any{"id": 2002, "first_name": "Olga"},
			"chat": map[string]any{"id": -1001234, "type": "supergroup", "title": "Fans"}, "date": 1, "text": "hi all"}
		deliver(telegramtest.Update(3, "message", group))
		if n := len(e.chats(t)); n != 1 {
			t.Fatalf("a group message made a chat: %d chats", n)
		}

		waitFor(t, "the chat offered", func() bool { return e.chat(t, chat.ID).OfferedTo != 0 })
		e.call(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/accept", nil, nil)
		f.srv.FailNext(1, http.StatusForbidden, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`)
		id := e.send(t, chat.ID, "c-1", "Are you there?")
		e.waitDelivery(t, chat.ID, id, parley.DeliveryFailed)
		var w struct{ Refused string }
		e.call(t, "GET", "/api/v1/chats/"+itoa(chat.ID)+"/window", nil, &w)
		if w.Refused == "" {
			t.Fatal("the window of a user who blocked the bot is not refused")
		}
		if status, body := e.try(t, "POST", "/api/v1/chats/"+itoa(chat.ID)+"/messages",
			map[string]any{"client_id": "c-2", "text": "Hello?"}, nil); status != http.StatusConflict {
			t.Fatalf("writing to a user who blocked the bot: %d %s", status, body)
		}
		deliver(telegramtest.MemberUpdate(4, 2002, "Olga", false))
		var again struct{ Refused string }
		e.call(t, "GET", "/api/v1/chats/"+itoa(chat.ID)+"/window", nil, &again)
		if again.Refused != "" {
			t.Fatalf("after the user started the bot again: %q", again.Refused)
		}
	})
}
