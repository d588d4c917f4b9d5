package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SecretHeader is where Telegram puts the webhook's secret_token.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Header is the header of a webhook delivery for a channel whose secret
// token is secretToken.
func Header(secretToken string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(SecretHeader, secretToken)
	return h
}

// Delivery pairs an update with its header, ready to POST to the webhook.
func Delivery(secretToken string, payload []byte) ([]byte, http.Header) {
	return payload, Header(secretToken)
}

// Update wraps object as one Update of the given kind ("message",
// "edited_message", "callback_query", "my_chat_member").
func Update(updateID int, kind string, object any) []byte {
	b, err := json.Marshal(map[string]any{"update_id": updateID, kind: object})
	if err != nil {
		panic(err) // only a caller's unencodable object gets here: a bug in the test
	}
	return b
}

// TextUpdate is a text message from a user in their private chat with the bot.
func TextUpdate(updateID int, userID int64, name, text string, messageID int) []byte {
	m := privateMessage(userID, name, messageID)
	m["text"] = text
	return Update(updateID, "message", m)
}

// TextMessage is TextUpdate for callers that hold ids as strings: from and id
// are decimal numbers, and id serves as the update id too.
func TextMessage(from, name, text, id string) []byte {
	userID, _ := strconv.ParseInt(from, 10, 64)
	msgID, _ := strconv.Atoi(id)
	return TextUpdate(msgID, userID, name, text, msgID)
}

// PhotoUpdate is a photo (in two sizes, the larger one named fileID) with a
// caption; AddMedia(fileID, …) lets the adapter fetch it.
func PhotoUpdate(updateID int, userID int64, name, fileID, caption string, messageID int) []byte {
	m := privateMessage(userID, name, messageID)
	m["photo"] = []map[string]any{
		{"file_id": fileID + "-small", "file_unique_id": "s" + fileID, "width": 90, "height": 90, "file_size": 1000},
		{"file_id": fileID, "file_unique_id": "u" + fileID, "width": 800, "height": 800, "file_size": 50000},
	}
	if caption != "" {
		m["caption"] = caption
	}
	return Update(updateID, "message", m)
}

// CallbackUpdate is a press on an inline button carrying data, on a message
// the bot sent in the user's private chat.
func CallbackUpdate(updateID int, userID int64, name, callbackID, data string) []byte {
	return Update(updateID, "callback_query", map[string]any{
		"id":            callbackID,
		"from":          userOf(userID, name),
		"message":       privateMessage(userID, name, 1),
		"chat_instance": "1",
		"data":          data,
	})
}

// MemberUpdate says the user blocked the bot (blocked) or started it again.
func MemberUpdate(updateID int, userID int64, name string, blocked bool) []byte {
	bot := map[string]any{"id": 1, "is_bot": true, "first_name": "Bot"}
	oldStatus, newStatus := "kicked", "member"
	if blocked {
		oldStatus, newStatus = newStatus, oldStatus
	}
	return Update(updateID, "my_chat_member", map[string]any{
		"chat":            chatFor(userID, name),
		"from":            userOf(userID, name),
		"date":            time.Now().Unix(),
		"old_chat_member": map[string]any{"user": bot, "status": oldStatus},
		"new_chat_member": map[string]any{"user": bot, "status": newStatus},
	})
}

func privateMessage(userID int64, name string, messageID int) map[string]any {
	return map[string]any{
		"message_id": messageID,
		"from":       userOf(userID, name),
		"chat":       chatFor(userID, name),
		"date":       time.Now().Unix(),
	}
}

// userOf splits name into Telegram's first and last name at the first space.
func userOf(userID int64, name string) map[string]any {
	first, last, _ := strings.Cut(name, " ")
	u := map[string]any{"id": userID, "is_bot": false, "first_name": first}
	if last != "" {
		u["last_name"] = last
	}
	return u
}

func chatFor(userID int64, name string) map[string]any {
	c := userOf(userID, name)
	delete(c, "is_bot")
	c["type"] = "private"
	return c
}
