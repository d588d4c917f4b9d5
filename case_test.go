package parley

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestCaseOfChat(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	chat := Chat{ID: 9, ContactID: 3, OwnerID: 5}
	contact := Contact{ID: 3, Name: "Vera", AccountID: 7}
	contactSays := func(text string) Message {
		return Message{Author: Actor{Kind: ActorContact, ID: 3}, Kind: MessageText, Text: text}
	}
	welcome := Message{Author: SystemActor, Kind: MessageWelcome, Text: "Hello! How can we help?"}
	accepted := Message{Author: SystemActor, Kind: MessageSystem, Code: SystemChatAccepted, Text: "An agent joined"}
	internal := Message{Author: Actor{Kind: ActorAgent, ID: 6}, Kind: MessageText, Text: "transferred: VIP", Internal: true}
	reply := Message{Author: Actor{Kind: ActorAgent, ID: 5}, Kind: MessageText, Text: "Let me look"}
	cases := []struct {
		name                 string
		msgs                 []Message
		subject, description string
	}{
		{"the first message is the subject; the contact's words before the reply the description",
			[]Message{welcome, contactSays(" Where is it? "), contactSays("Order 42"), accepted, internal, contactSays("Hello?"), reply, contactSays("Thanks")},
			"Where is it?", "Where is it?\nOrder 42\nHello?"},
		{"no reply yet: every contact message",
			[]Message{contactSays("One"), contactSays("Two")}, "One", "One\nTwo"},
		{"a message of files alone has no words",
			[]Message{contactSays(""), contactSays("Here is the photo")}, "Here is the photo", "Here is the photo"},
		{"the agent wrote first: nothing of the contact's before the reply",
			[]Message{reply, contactSays("Hi")}, "", ""},
		{"no messages", nil, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := CaseOfChat(chat, contact, tc.msgs, 11, now)
			want := Case{Subject: tc.subject, Description: tc.description, Source: CaseFromChat, Status: CaseNew,
				ContactID: 3, ContactName: "Vera", AccountID: 7, AssigneeID: 5, RegisteredAt: now, CreatedAt: now, UpdatedAt: now, CreatedBy: 11}
			if k != want {
				t.Errorf("case = %+v\nwant %+v", k, want)
			}
		})
	}
}

func TestCutText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"Привет, как дела?", 8, "Привет,…"},
		{"word  and more", 7, "word…"},
	} {
		if got := cutText(tc.in, tc.n); got != tc.want || utf8.RuneCountInString(got) > tc.n {
			t.Errorf("cutText(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
	long := strings.Repeat("a", MaxCaseSubject*2)
	if got := CaseOfChat(Chat{}, Contact{}, []Message{{Author: Actor{Kind: ActorContact}, Text: long}}, 1, time.Time{}); utf8.RuneCountInString(got.Subject) != MaxCaseSubject || got.Description != long {
		t.Errorf("a long first message gave subject of %d characters and description of %d", utf8.RuneCountInString(got.Subject), len(got.Description))
	}
}
