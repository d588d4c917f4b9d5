package messenger

import (
	"encoding/json"
	"strconv"
	"strings"
)

// notification is one webhook delivery: a batch of entries, one per Page.
type notification struct {
	Object string  `json:"object"`
	Entry  []entry `json:"entry"`
}

type entry struct {
	ID        string  `json:"id"` // the Page's id
	Messaging []event `json:"messaging"`
}

// event is one messaging event; exactly one of its kinds is set.
type event struct {
	Sender      party     `json:"sender"`
	Recipient   party     `json:"recipient"`
	Timestamp   stamp     `json:"timestamp"`
	Message     *message  `json:"message"`
	MessageEdit *edit     `json:"message_edit"`
	Delivery    *delivery `json:"delivery"`
	Read        *read     `json:"read"`
	Postback    *postback `json:"postback"`
}

type party struct {
	ID string `json:"id"`
}

type message struct {
	MID         string       `json:"mid"`
	Text        string       `json:"text"`
	IsEcho      bool         `json:"is_echo"`
	Attachments []attachment `json:"attachments"`
}

// attachment keeps its payload raw: its shape depends on the type (templates
// nest deeply), and an odd one must cost only itself, not the delivery.
type attachment struct {
	Type    string          `json:"type"`
	Title   string          `json:"title"`
	Payload json.RawMessage `json:"payload"`
}

// mediaPayload is the payload of image, video, audio, file, sticker,
// fallback and location attachments.
type mediaPayload struct {
	URL         string          `json:"url"`
	Title       string          `json:"title"`
	StickerID   json.RawMessage `json:"sticker_id"`
	Coordinates *struct {
		Lat  float64 `json:"lat"`
		Long float64 `json:"long"`
	} `json:"coordinates"`
}

type edit struct {
	MID  string `json:"mid"`
	Text string `json:"text"`
}

type delivery struct {
	MIDs      []string `json:"mids"`
	Watermark stamp    `json:"watermark"`
}

type read struct {
	Watermark stamp `json:"watermark"`
}

type postback struct {
	MID     string `json:"mid"`
	Title   string `json:"title"`
	Payload string `json:"payload"`
}

// stamp is a time in milliseconds. Meta writes numbers, but some of its
// samples quote them: both are read, and anything else becomes 0 (now)
// rather than failing the whole delivery.
type stamp int64

// UnmarshalJSON reads a number or a quoted number.
func (s *stamp) UnmarshalJSON(b []byte) error {
	n, err := strconv.ParseInt(strings.Trim(string(b), `"`), 10, 64)
	if err == nil {
		*s = stamp(n)
	}
	return nil
}

// graphError is the error object of a failed Graph API call.
type graphError struct {
	Message      string `json:"message"`
	Type         string `json:"type"`
	Code         int    `json:"code"`
	ErrorSubcode int    `json:"error_subcode"`
	FBTraceID    string `json:"fbtrace_id"`
}
