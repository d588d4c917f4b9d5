package loadgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"parley"
)

// idHook is the kind of a measured webhook's token; the warm-up's first
// messages are idWarmup.
const idHook = 'h'

// The Bot API objects the tool sends: a private chat's text message, the shape a
// bot's webhook receives (https://core.telegram.org/bots/api#update).
type (
	tgUpdate struct {
		UpdateID int64     `json:"update_id"`
		Message  tgMessage `json:"message"`
	}
	tgMessage struct {
		MessageID int64  `json:"message_id"`
		From      tgUser `json:"from"`
		Chat      tgChat `json:"chat"`
		Date      int64  `json:"date"`
		Text      string `json:"text"`
	}
	tgUser struct {
		ID        int64  `json:"id"`
		IsBot     bool   `json:"is_bot"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
	}
	tgChat struct {
		ID        int64  `json:"id"`
		Type      string `json:"type"`
		FirstName string `json:"first_name"`
	}
)

// hookPlan numbers a run's webhooks: the warm-up is every user's first message
// (message_id 1), then measured webhook n comes from user n mod users, whose
// message ids go on from 2. Update ids count every webhook of the run from 1.
type hookPlan struct {
	run      string
	users    int
	userBase int64  // user i is Telegram user userBase+i, apart from other runs'
	mark     []byte // how the run's tokens start, to skip other frames unread
}

func newHookPlan(run string, users int, userBase int64) hookPlan {
	return hookPlan{run: run, users: users, userBase: userBase, mark: []byte(run + "-")}
}

// ids gives the sender's index, the message id and the update id of webhook n of a kind.
func (p hookPlan) ids(kind byte, n int) (user int, messageID, updateID int64) {
	if kind == idWarmup {
		return n, 1, int64(n) + 1
	}
	return n % p.users, int64(n/p.users) + 2, int64(p.users+n) + 1
}

// body is webhook n of a kind as Telegram would POST it; its text starts with
// the token that finds its event again.
func (p hookPlan) body(kind byte, n int, at time.Time) ([]byte, error) {
	user, msgID, updateID := p.ids(kind, n)
	id := p.userBase + int64(user)
	u := tgUpdate{UpdateID: updateID, Message: tgMessage{
		MessageID: msgID,
		From:      tgUser{ID: id, FirstName: "Bench", LastName: "User " + strconv.Itoa(user)},
		Chat:      tgChat{ID: id, Type: "private", FirstName: "Bench"},
		Date:      at.Unix(),
		Text:      clientID(p.run, kind, n) + " hello from a bench user",
	}}
	b, err := json.Marshal(u)
	if err != nil {
		return nil, fmt.Errorf("encoding webhook %d: %w", n, err)
	}
	return b, nil
}

var createdKind = []byte(`"kind":"` + string(parley.EventMessageCreated) + `"`)

// hookMessage is the part of a message.created event's data a webhook is found by.
type hookMessage struct {
	Author parley.Actor `json:"author"`
	Text   string       `json:"text"`
}

// match finds which webhook of the run a websocket frame is the message.created
// event of. Frames of other kinds and runs are skipped as bytes, unread.
func (p hookPlan) match(frame []byte) (kind byte, n int, ok bool, err error) {
	if !bytes.Contains(frame, createdKind) || !bytes.Contains(frame, p.mark) {
		return 0, 0, false, nil
	}
	var f inFrame
	if err := json.Unmarshal(frame, &f); err != nil {
		return 0, 0, false, fmt.Errorf("%v in %.200s", err, frame)
	}
	var m hookMessage
	if f.Type != "event" || f.Event.Kind != parley.EventMessageCreated || json.Unmarshal(f.Event.Data, &m) != nil ||
		m.Author.Kind != parley.ActorContact {
		return 0, 0, false, nil
	}
	token, _, _ := strings.Cut(m.Text, " ")
	kind, n, ok = parseClientID(p.run, token)
	return kind, n, ok && (kind == idHook || kind == idWarmup), nil
}
