package infobip

// The webhook's JSON. One endpoint receives inbound messages, delivery
// reports and seen reports; each result says which it is by its fields.

type delivery struct {
	Results []result `json:"results"`
}

type result struct {
	MessageID  string   `json:"messageId"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	ReceivedAt string   `json:"receivedAt"`
	Message    *message `json:"message"`
	Contact    *struct {
		Name string `json:"name"`
	} `json:"contact"`
	Status *reportStatus `json:"status"`
	Error  *reportError  `json:"error"`
	DoneAt string        `json:"doneAt"`
	SeenAt string        `json:"seenAt"`
}

type message struct {
	Type      string  `json:"type"`
	Text      string  `json:"text"`
	URL       string  `json:"url"`
	Caption   string  `json:"caption"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Name      string  `json:"name"`
	Address   string  `json:"address"`
	Title     string  `json:"title"`
	Payload   string  `json:"payload"`
	Contacts  []card  `json:"contacts"`
}

type card struct {
	Name struct {
		FormattedName string `json:"formattedName"`
		FirstName     string `json:"firstName"`
		LastName      string `json:"lastName"`
	} `json:"name"`
	Phones []struct {
		Phone string `json:"phone"`
	} `json:"phones"`
	Emails []struct {
		Email string `json:"email"`
	} `json:"emails"`
}

type reportStatus struct {
	GroupName   string `json:"groupName"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

type reportError struct {
	ID          int    `json:"id"`
	GroupName   string `json:"groupName"`
	Name        string `json:"name"`
	Description string `json:"description"`
}
