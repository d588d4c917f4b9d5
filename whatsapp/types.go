package whatsapp

// The webhook's JSON, as far as Parley reads it. Every field is optional in
// practice: Meta adds and drops fields between versions, so nothing here is
// trusted to be present.

type notification struct {
	Object string  `json:"object"`
	Entry  []entry `json:"entry"`
}

type entry struct {
	ID      string   `json:"id"`
	Changes []change `json:"changes"`
}

type change struct {
	Field string `json:"field"`
	Value value  `json:"value"`
}

type value struct {
	Metadata struct {
		PhoneNumberID string `json:"phone_number_id"`
	} `json:"metadata"`
	Contacts []contact `json:"contacts"`
	Messages []message `json:"messages"`
	Statuses []status  `json:"statuses"`
}

type contact struct {
	Profile struct {
		Name string `json:"name"`
	} `json:"profile"`
	WaID string `json:"wa_id"`
}

// message is one entry of value.messages; content names the fields that an
// edit's inner message shares with it.
type message struct {
	From      string `json:"from"`
	ID        string `json:"id"`
	Timestamp string `json:"timestamp"` // Unix seconds, as a string
	content
	Edit *struct {
		OriginalMessageID string  `json:"original_message_id"`
		Message           content `json:"message"`
	} `json:"edit"`
}

type content struct {
	Type string `json:"type"`
	Text *struct {
		Body string `json:"body"`
	} `json:"text"`
	Image    *media `json:"image"`
	Document *media `json:"document"`
	Audio    *media `json:"audio"`
	Video    *media `json:"video"`
	Sticker  *media `json:"sticker"`
	Location *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		Name      string  `json:"name"`
		Address   string  `json:"address"`
	} `json:"location"`
	Contacts    []card `json:"contacts"`
	Interactive *struct {
		Type        string  `json:"type"`
		ButtonReply *choice `json:"button_reply"`
		ListReply   *choice `json:"list_reply"`
	} `json:"interactive"`
	Button *struct {
		Text    string `json:"text"`
		Payload string `json:"payload"`
	} `json:"button"`
}

type media struct {
	ID       string `json:"id"`
	MimeType string `json:"mime_type"`
	Caption  string `json:"caption"`
	Filename string `json:"filename"`
	Voice    bool   `json:"voice"`
}

type choice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type card struct {
	Name struct {
		FormattedName string `json:"formatted_name"`
		FirstName     string `json:"first_name"`
		LastName      string `json:"last_name"`
	} `json:"name"`
	Phones []struct {
		Phone string `json:"phone"`
		WaID  string `json:"wa_id"`
	} `json:"phones"`
	Emails []struct {
		Email string `json:"email"`
	} `json:"emails"`
}

type status struct {
	ID          string       `json:"id"`
	Status      string       `json:"status"`
	Timestamp   string       `json:"timestamp"`
	RecipientID string       `json:"recipient_id"`
	Errors      []cloudError `json:"errors"`
}

// cloudError is Meta's error object, in statuses[].errors and, with message
// and type, in the "error" of a failed API call.
type cloudError struct {
	Code      int    `json:"code"`
	Title     string `json:"title"`
	Message   string `json:"message"`
	Type      string `json:"type"`
	Subcode   int    `json:"error_subcode"`
	ErrorData struct {
		Details string `json:"details"`
	} `json:"error_data"`
}
