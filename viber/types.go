package viber

import (
	"encoding/json"
	"fmt"
)

// callback is one webhook delivery; which fields are set depends on Event.
type callback struct {
	Event        string   `json:"event"`
	Timestamp    int64    `json:"timestamp"`
	MessageToken token    `json:"message_token"`
	Sender       *user    `json:"sender"`  // message
	User         *user    `json:"user"`    // subscribed, conversation_started
	UserID       string   `json:"user_id"` // unsubscribed, delivered, seen, failed
	Message      *message `json:"message"`
	Desc         string   `json:"desc"` // failed
}

// user is Viber's subscriber object.
type user struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Avatar   string `json:"avatar"`
	Language string `json:"language"`
	Country  string `json:"country"`
}

// message is what a user sent.
type message struct {
	Type      string      `json:"type"`
	Text      string      `json:"text"`
	Media     string      `json:"media"`
	Thumbnail string      `json:"thumbnail"`
	FileName  string      `json:"file_name"`
	Contact   *contact    `json:"contact"`
	Location  *coordinate `json:"location"`
}

type contact struct {
	Name        string `json:"name"`
	PhoneNumber string `json:"phone_number"`
}

// coordinate is a point. Callbacks carry numbers, Viber's own send examples
// strings: both are kept raw and parsed later, so an odd value loses the
// point, not the whole callback.
type coordinate struct {
	Lat json.RawMessage `json:"lat"`
	Lon json.RawMessage `json:"lon"`
}

// token is a message_token kept as the decimal digits Viber sent. The values
// exceed 2^53, so a float64 would round them and two messages would share an
// id; Viber has also been seen to quote them, which this accepts as well.
type token string

// UnmarshalJSON keeps a number's digits or a string's text as they are.
func (t *token) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		err := json.Unmarshal(b, &s)
		*t = token(s)
		return err
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("message_token is neither a number nor a string: %w", err)
	}
	*t = token(n)
	return nil
}

// apiAnswer is what every API call answers, with HTTP 200 even on failure.
type apiAnswer struct {
	Status        int    `json:"status"`
	StatusMessage string `json:"status_message"`
	MessageToken  token  `json:"message_token"`
}

// Viber's status codes that decide how a failed send is treated; the others
// (1 invalidUrl, 2 invalidAuthToken, 3 badData, 4 missingData, 7 and up …)
// no retry can fix.
const (
	statusOK                    = 0
	statusReceiverNotRegistered = 5
	statusReceiverNotSubscribed = 6
	statusTooManyRequests       = 12
)
