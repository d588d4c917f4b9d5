package telegram

// The Bot API objects this adapter reads, reduced to the fields it uses
// (https://core.telegram.org/bots/api#available-types). Ids are int64: user
// and chat ids exceed 32 bits.

type update struct {
	UpdateID      int64              `json:"update_id"`
	Message       *message           `json:"message"`
	EditedMessage *message           `json:"edited_message"`
	CallbackQuery *callbackQuery     `json:"callback_query"`
	MyChatMember  *chatMemberUpdated `json:"my_chat_member"`
}

type user struct {
	ID        int64  `json:"id"`
	IsBot     bool   `json:"is_bot"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Username  string `json:"username"`
}

type chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Username  string `json:"username"`
}

type message struct {
	MessageID int64       `json:"message_id"`
	From      *user       `json:"from"`
	Chat      chat        `json:"chat"`
	Date      int64       `json:"date"`
	EditDate  int64       `json:"edit_date"`
	Text      string      `json:"text"`
	Caption   string      `json:"caption"`
	Photo     []photoSize `json:"photo"`
	Document  *fileInfo   `json:"document"`
	Audio     *fileInfo   `json:"audio"`
	Video     *fileInfo   `json:"video"`
	Voice     *fileInfo   `json:"voice"`
	VideoNote *fileInfo   `json:"video_note"`
	Sticker   *sticker    `json:"sticker"`
	Location  *location   `json:"location"`
	Venue     *venue      `json:"venue"`
	Contact   *contact    `json:"contact"`
}

type photoSize struct {
	FileID   string `json:"file_id"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	FileSize int64  `json:"file_size"`
}

// fileInfo covers Document, Audio, Video, Voice and VideoNote, which share
// these fields (VideoNote has no name or MIME type).
type fileInfo struct {
	FileID   string `json:"file_id"`
	FileName string `json:"file_name"`
	MimeType string `json:"mime_type"`
	FileSize int64  `json:"file_size"`
}

type sticker struct {
	FileID     string `json:"file_id"`
	Emoji      string `json:"emoji"`
	IsAnimated bool   `json:"is_animated"`
	IsVideo    bool   `json:"is_video"`
}

type location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type venue struct {
	Location location `json:"location"`
	Title    string   `json:"title"`
	Address  string   `json:"address"`
}

type contact struct {
	PhoneNumber string `json:"phone_number"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	UserID      int64  `json:"user_id"`
	VCard       string `json:"vcard"`
}

// callbackQuery's Message may be absent (the button was on an inline
// message) or an InaccessibleMessage, which still names its chat.
type callbackQuery struct {
	ID              string   `json:"id"`
	From            user     `json:"from"`
	Message         *message `json:"message"`
	InlineMessageID string   `json:"inline_message_id"`
	Data            string   `json:"data"`
}

type chatMemberUpdated struct {
	Chat          chat       `json:"chat"`
	From          user       `json:"from"`
	Date          int64      `json:"date"`
	NewChatMember chatMember `json:"new_chat_member"`
}

type chatMember struct {
	Status string `json:"status"`
	User   user   `json:"user"`
}

// file is getFile's answer.
type file struct {
	FileID   string `json:"file_id"`
	FileSize int64  `json:"file_size"`
	FilePath string `json:"file_path"`
}

// userProfilePhotos is getUserProfilePhotos' answer.
type userProfilePhotos struct {
	TotalCount int           `json:"total_count"`
	Photos     [][]photoSize `json:"photos"`
}
