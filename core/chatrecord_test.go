package core_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

func TestChatRecord(t *testing.T) {
	runCases(t, []envCase{
		{"topics: admins keep the list, and a topic decides who sees a chat", testTopics},
		{"custom statuses: per room, and a closed kind locks the chat", testChatStatuses},
		{"participants: added, seen, writing, leaving, removed", testParticipants},
		{"delete, restore and delete for good, each its own right", testDeletion},
		{"room rights: an agent and a supervisor limited to rooms", testRoomRights},
		{"comments, and followers told of changes", testComments},
		{"quick replies and drafts tell consoles of their changes", testWorkspaceEvents},
	})
}

func (e *env) topic(name string) parley.Topic {
	e.t.Helper()
	tp, err := e.svc.CreateTopic(e.ctx, e.admin, core.TopicInput{Name: &name})
	e.must(err)
	return tp
}

// grant replaces the agent's rights and returns the agent as stored.
func (e *env) grant(a parley.Agent, r parley.AgentRights) parley.Agent {
	e.t.Helper()
	return e.must1(e.svc.UpdateAgent(e.ctx, e.admin, a.ID, core.AgentPatch{Rights: &r}))
}

// sees reports whether a may open the chat, and whether it is in a's list of every chat.
func (e *env) sees(a parley.Agent, chatID int64) (open, listed bool) {
	e.t.Helper()
	_, err := e.svc.Chat(e.ctx, e.viewer(a), chatID)
	if err != nil && !parley.IsCode(err, parley.CodeNotFound) {
		e.t.Fatal(err)
	}
	page, lerr := e.svc.Chats(e.ctx, e.viewer(a), core.ChatQuery{})
	e.must(lerr)
	return err == nil, slices.ContainsFunc(page.Chats, func(c parley.Chat) bool { return c.ID == chatID })
}

func (e *env) expectSees(a parley.Agent, chatID int64, want bool) {
	e.t.Helper()
	if open, listed := e.sees(a, chatID); open != want || listed != want {
		e.t.Fatalf("agent %d sees chat %d: open %v, listed %v; want %v", a.ID, chatID, open, listed, want)
	}
}

func testTopics(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	billing, delivery := e.topic("Billing"), e.topic("Delivery")
	name := "Billing"
	_, err := e.svc.CreateTopic(e.ctx, e.admin, core.TopicInput{Name: &name})
	expectCode(t, err, parley.CodeConflict)
	_, err = e.svc.CreateTopic(e.ctx, ag[0], core.TopicInput{Name: new("Returns")})
	expectCode(t, err, parley.CodeForbidden)
	_, err = e.svc.CreateTopic(e.ctx, e.admin, core.TopicInput{Name: new(" ")})
	expectCode(t, err, parley.CodeInvalid)

	limited := e.grant(ag[1], parley.AgentRights{Topics: []int64{billing.ID}})
	c := e.ownedChat(e.visitor(), ag[0])
	e.expectSees(limited, c.ID, true) // no topic yet: not limited
	set := func(in core.ChatTopicInput) parley.Chat {
		t.Helper()
		out, err := e.svc.SetTopic(e.ctx, ag[0], e.viewer(ag[0]), c.ID, in)
		e.must(err)
		return out
	}
	if got := set(core.ChatTopicInput{TopicID: billing.ID}); got.TopicID != billing.ID || got.Topic != "Billing" {
		t.Fatalf("topic set to %d %q", got.TopicID, got.Topic)
	}
	e.expectSees(limited, c.ID, true)
	set(core.ChatTopicInput{TopicID: delivery.ID})
	e.expectSees(limited, c.ID, false)
	// The agent no longer allowed is told under the old topic, and never sees the new.
	events := e.allEvents()
	changed, updated := lastOfKind(events, parley.EventChatTopicChanged), lastOfKind(events, parley.EventChatUpdated)
	v := e.viewer(limited)
	if changed == nil || changed.TopicID != billing.ID || !v.CanSee(*changed) {
		t.Fatalf("topic_changed %+v must reach the agent allowed the old topic", changed)
	}
	if updated == nil || updated.TopicID != delivery.ID || v.CanSee(*updated) {
		t.Fatalf("chat.updated %+v must not reach an agent not allowed the new topic", updated)
	}
	if got := set(core.ChatTopicInput{Other: " Refund of a gift "}); got.TopicID != 0 || got.Topic != "Refund of a gift" {
		t.Fatalf("other topic = %d %q", got.TopicID, got.Topic)
	}
	e.expectSees(limited, c.ID, true)

	bad := []core.ChatTopicInput{{TopicID: billing.ID, Other: "both"}, {TopicID: -1}, {TopicID: 999999}, {Other: strings.Repeat("я", 201)}}
	for _, in := range bad {
		_, err := e.svc.SetTopic(e.ctx, ag[0], e.viewer(ag[0]), c.ID, in)
		expectCode(t, err, parley.CodeInvalid)
	}
	_, err = e.svc.SetTopic(e.ctx, limited, e.viewer(limited), c.ID, core.ChatTopicInput{TopicID: billing.ID})
	expectCode(t, err, parley.CodeForbidden) // sees it, but neither owns it nor takes part
	if got := e.chat(c.ID); got.Topic != "Refund of a gift" {
		t.Fatalf("a refused change moved the topic to %q", got.Topic)
	}

	set(core.ChatTopicInput{TopicID: delivery.ID})
	e.must(e.svc.DeleteTopic(e.ctx, e.admin, delivery.ID))
	if got := e.chat(c.ID); got.TopicID != 0 || got.Topic != "Delivery" {
		t.Fatalf("after its topic was deleted the chat has %d %q; want the name kept as Other", got.TopicID, got.Topic)
	}
	e.expectSees(limited, c.ID, true)
}

func testChatStatuses(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	create := func(room int64, name string, kind parley.StatusKind) (parley.ChatStatus, error) {
		return e.svc.CreateChatStatus(e.ctx, e.admin, core.ChatStatusInput{RoomID: &room, Name: &name, Kind: &kind})
	}
	hold, err := create(e.queue.RoomID, "On hold", parley.StatusClosedKind)
	e.must(err)
	waiting, err := create(e.queue.RoomID, "Waiting for the customer", parley.StatusOpenKind)
	e.must(err)
	_, err = create(e.queue.RoomID, "On hold", parley.StatusOpenKind)
	expectCode(t, err, parley.CodeConflict)
	_, err = create(e.queue.RoomID, "Odd", "half-open")
	expectCode(t, err, parley.CodeInvalid)
	other, err := e.svc.CreateRoom(e.ctx, e.admin, core.RoomInput{Name: "Sales"})
	e.must(err)
	elsewhere, err := create(other.ID, "Quoted", parley.StatusOpenKind)
	e.must(err)
	_, err = e.svc.CreateChatStatus(e.ctx, ag[0], core.ChatStatusInput{RoomID: &other.ID, Name: new("Mine"), Kind: new(parley.StatusOpenKind)})
	expectCode(t, err, parley.CodeForbidden)

	c := e.ownedChat(e.visitor(), ag[0])
	setStatus := func(id int64) error {
		_, err := e.svc.SetChatStatus(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.SetChatStatusInput{StatusID: id})
		return err
	}
	expectCode(t, setStatus(elsewhere.ID), parley.CodeInvalid)
	e.must(setStatus(hold.ID))
	if got := e.chat(c.ID).StatusID; got != hold.ID {
		t.Fatalf("status %d, want %d", got, hold.ID)
	}
	locked := []error{
		func() error {
			_, err := e.svc.ChangeOwner(e.ctx, e.admin, e.viewer(e.admin), c.ID, core.OwnerInput{AgentID: ag[1].ID})
			return err
		}(),
		func() error {
			_, err := e.svc.SetTopic(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.ChatTopicInput{Other: "x"})
			return err
		}(),
		func() error {
			_, err := e.svc.Transfer(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.TransferInput{ToAgentID: ag[1].ID})
			return err
		}(),
		func() error {
			_, err := e.svc.AddParticipant(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.ParticipantInput{AgentID: ag[1].ID})
			return err
		}(),
	}
	for i, err := range locked {
		if !parley.IsCode(err, parley.CodeConflict) || !strings.Contains(err.Error(), "On hold") {
			t.Errorf("locked action %d: want a conflict naming the status, got %v", i, err)
		}
	}
	agentSays(e, ag[0], c.ID, "still-writing") // messages are not locked
	e.must(setStatus(waiting.ID))
	e.must1p(e.svc.ChangeOwner(e.ctx, e.admin, e.viewer(e.admin), c.ID, core.OwnerInput{AgentID: ag[1].ID}))
	e.must(e.svc.DeleteChatStatus(e.ctx, e.admin, waiting.ID))
	if got := e.chat(c.ID).StatusID; got != 0 {
		t.Fatalf("a deleted status is still on the chat: %d", got)
	}
}

func testParticipants(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	guest := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "guest@example.com", Name: "Guest", Password: "password1"}))
	c := e.ownedChat(e.visitor(), ag[0])
	e.expectSees(guest, c.ID, false)
	add := func(by, who parley.Agent) error {
		_, err := e.svc.AddParticipant(e.ctx, by, e.viewer(by), c.ID, core.ParticipantInput{AgentID: who.ID})
		return err
	}
	expectCode(t, add(ag[1], guest), parley.CodeForbidden) // sees it by queue, but is not its owner
	e.must(add(ag[0], guest))
	expectCode(t, add(ag[0], guest), parley.CodeConflict)
	expectCode(t, add(ag[0], ag[0]), parley.CodeConflict)
	e.expectSees(guest, c.ID, true)
	expectLists(t, e, guest, parley.Lists{My: lc(1, 1), All: lc(1, 1)})
	page, err := e.svc.Chats(e.ctx, e.viewer(guest), core.ChatQuery{})
	e.must(err)
	if !slices.Equal(page.Participating, []int64{c.ID}) {
		t.Fatalf("the guest's page marks %v as taken part in, want [%d]", page.Participating, c.ID)
	}
	agentSays(e, guest, c.ID, "guest-1")
	msg := lastOfKind(e.allEvents(), parley.EventMessageCreated)
	if !e.viewer(guest).CanSee(*msg) {
		t.Fatalf("a participant must receive the chat's events")
	}
	if ev := lastOfKind(e.allEvents(), parley.EventChatParticipants); ev == nil || !strings.Contains(string(ev.Data), `"participants":[`) {
		t.Fatalf("participants event %+v", ev)
	}
	expectCode(t, add(guest, ag[1]), parley.CodeForbidden)

	_, err = e.svc.RemoveParticipant(e.ctx, guest, e.viewer(guest), c.ID, guest.ID) // leaves
	e.must(err)
	e.expectSees(guest, c.ID, false)
	_, err = e.svc.AgentSend(e.ctx, guest, e.viewer(guest), c.ID, core.SendInput{ClientID: "after", Text: "x"})
	expectCode(t, err, parley.CodeNotFound)

	e.must(add(ag[0], guest))
	_, err = e.svc.RemoveParticipant(e.ctx, ag[1], e.viewer(ag[1]), c.ID, guest.ID)
	expectCode(t, err, parley.CodeForbidden)
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), c.ID))
	e.expectSees(guest, c.ID, true) // a completed chat stays with those who took part
	_, err = e.svc.RemoveParticipant(e.ctx, ag[0], e.viewer(ag[0]), c.ID, guest.ID)
	e.must(err)
	e.expectSees(guest, c.ID, false)
}

func testDeletion(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	vis := e.visitor()
	c := e.ownedChat(vis, ag[0])
	doc, err := e.svc.VisitorUpload(e.ctx, vis, "receipt.txt", strings.NewReader("receipt 42"))
	e.must(err)
	_, err = e.svc.VisitorSend(e.ctx, vis, core.SendInput{ClientID: "file", FileIDs: []string{doc.ID}})
	e.must(err)

	_, err = e.svc.DeleteChat(e.ctx, ag[0], e.viewer(ag[0]), c.ID)
	expectCode(t, err, parley.CodeForbidden)
	deleter := e.grant(ag[0], parley.AgentRights{DeleteChats: true})
	deleted, err := e.svc.DeleteChat(e.ctx, deleter, e.viewer(deleter), c.ID)
	e.must(err)
	if deleted.DeletedAt == nil || deleted.State != parley.ChatCompleted || deleted.DeletedBy != deleter.ID {
		t.Fatalf("deleted chat = %+v; want completed and marked deleted", deleted)
	}
	if _, listed := e.sees(deleter, c.ID); listed {
		t.Fatalf("a deleted chat is still in the lists")
	}
	page, err := e.svc.Chats(e.ctx, e.viewer(deleter), core.ChatQuery{Deleted: true})
	e.must(err)
	if len(page.Chats) != 1 || page.Chats[0].ID != c.ID {
		t.Fatalf("Deleted lists %v", chatIDsOf(page.Chats))
	}
	expectLists(t, e, deleter, parley.Lists{Deleted: lc(1, 1)})
	_, err = e.svc.RestoreChat(e.ctx, deleter, e.viewer(deleter), c.ID)
	expectCode(t, err, parley.CodeForbidden)
	restorer := e.grant(ag[1], parley.AgentRights{RestoreChats: true})
	e.must1p(e.svc.RestoreChat(e.ctx, restorer, e.viewer(restorer), c.ID))
	e.expectSees(deleter, c.ID, true)
	_, err = e.svc.RestoreChat(e.ctx, restorer, e.viewer(restorer), c.ID)
	expectCode(t, err, parley.CodeConflict)

	expectCode(t, e.svc.PurgeChat(e.ctx, e.admin, e.viewer(e.admin), c.ID), parley.CodeConflict) // not deleted
	e.must1p(e.svc.DeleteChat(e.ctx, deleter, e.viewer(deleter), c.ID))
	expectCode(t, e.svc.PurgeChat(e.ctx, deleter, e.viewer(deleter), c.ID), parley.CodeForbidden)
	_, err = e.svc.AddComment(e.ctx, e.admin, e.viewer(e.admin), c.ID, core.CommentInput{Text: "receipt checked"})
	e.must(err)
	purger := e.grant(ag[1], parley.AgentRights{PurgeChats: true})
	e.must(e.svc.PurgeChat(e.ctx, purger, e.viewer(purger), c.ID))
	checkPurged(t, e, c.ID, doc)
}

// checkPurged checks that nothing of the chat is left but blanked events.
func checkPurged(t *testing.T, e *env, chatID int64, doc parley.File) {
	t.Helper()
	if _, err := e.store.Chat(e.ctx, chatID); !parley.IsCode(err, parley.CodeNotFound) {
		t.Fatalf("purged chat still read: %v", err)
	}
	msgs, err := e.store.Messages(e.ctx, parley.MessageFilter{ChatID: chatID})
	e.must(err)
	if len(msgs) != 0 {
		t.Fatalf("%d messages of the purged chat remain", len(msgs))
	}
	if comments, err := e.store.Comments(e.ctx, chatID); err != nil || len(comments) != 0 {
		t.Fatalf("the purged chat's comments remain: %v %v", comments, err)
	}
	if _, err := e.store.File(e.ctx, doc.ID); !parley.IsCode(err, parley.CodeNotFound) {
		t.Fatalf("the purged chat's file is still recorded: %v", err)
	}
	if _, err := e.files.Open(e.ctx, doc.SHA256, false); !parley.IsCode(err, parley.CodeNotFound) {
		t.Fatalf("the purged chat's file content is still stored: %v", err)
	}
	n := 0
	for _, ev := range e.allEvents() {
		if ev.ChatID != chatID {
			continue
		}
		n++
		if ev.Kind != parley.EventChatPurged || ev.Audience&parley.AudienceVisitor != 0 || strings.Contains(string(ev.Data), "receipt") {
			t.Fatalf("event %d of the purged chat not blanked: %s %s", ev.ID, ev.Kind, ev.Data)
		}
	}
	if n < 5 {
		t.Fatalf("only %d events of the purged chat found", n)
	}
}

func testRoomRights(t *testing.T, e *env) {
	ag := e.agents(2, 5, false) // inactive: no chat is offered, so none is seen by invitation
	sales, err := e.svc.CreateRoom(e.ctx, e.admin, core.RoomInput{Name: "Sales"})
	e.must(err)
	members := []int64{ag[0].ID, ag[1].ID}
	q2, err := e.svc.CreateQueue(e.ctx, e.admin, core.QueuePatch{Name: new("Sales line"), RoomID: &sales.ID, Members: &members})
	e.must(err)
	ch, err := e.svc.CreateChannel(e.ctx, e.admin, core.ChannelPatch{Name: new("Sales site"), QueueID: &q2.ID})
	e.must(err)
	support := e.chat(send(e, e.visitor(), "s", "support question").Message.ChatID)
	sale := e.chat(send(e, e.visitorOn(ch), "q", "sales question").Message.ChatID)

	onlySupport := e.grant(ag[0], parley.AgentRights{Rooms: []int64{e.queue.RoomID}})
	e.expectSees(onlySupport, support.ID, true)
	e.expectSees(onlySupport, sale.ID, false)
	v := e.viewer(onlySupport)
	if v.InQueue(q2.ID) {
		t.Fatalf("a queue of a room not allowed is in the viewer: %+v", v)
	}
	none := e.grant(ag[0], parley.AgentRights{Rooms: []int64{}})
	e.expectSees(none, support.ID, false)

	sup := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "sup@example.com", Name: "Sup", Password: "password1", Role: parley.RoleSupervisor}))
	e.expectSees(sup, sale.ID, true)
	sup = e.grant(sup, parley.AgentRights{Rooms: []int64{sales.ID}})
	e.expectSees(sup, sale.ID, true) // every queue of the room, member or not
	e.expectSees(sup, support.ID, false)
	e.expectSees(e.admin, support.ID, true)
	bad := parley.AgentRights{Rooms: []int64{999999}}
	_, err = e.svc.UpdateAgent(e.ctx, e.admin, sup.ID, core.AgentPatch{Rights: &bad})
	expectCode(t, err, parley.CodeInvalid)
	_, err = e.svc.UpdateAgent(e.ctx, sup, sup.ID, core.AgentPatch{Rights: &parley.AgentRights{}})
	expectCode(t, err, parley.CodeForbidden) // nobody widens their own rights
}

// followed returns the kinds of change the agent was told of in the chat, in order.
func (e *env) followed(agentID, chatID int64) []string {
	e.t.Helper()
	var out []string
	for _, ev := range e.allEvents() {
		if ev.Kind == parley.EventChatFollowed && ev.AgentID == agentID && ev.ChatID == chatID {
			var ch parley.FollowedChange
			e.must(json.Unmarshal(ev.Data, &ch))
			out = append(out, ch.Change)
		}
	}
	return out
}

func testComments(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "out@example.com", Name: "Out", Password: "password1"}))
	c := e.ownedChat(e.visitor(), ag[0])
	watcher := ag[1]
	f, err := e.svc.SetFollowing(e.ctx, watcher, e.viewer(watcher), c.ID, true)
	e.must(err)
	if !f.Following {
		t.Fatalf("follow = %+v", f)
	}
	comment, err := e.svc.AddComment(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.CommentInput{Text: "  Customer is a VIP  "})
	e.must(err)
	if comment.Text != "Customer is a VIP" || comment.AuthorID != ag[0].ID {
		t.Fatalf("comment = %+v", comment)
	}
	if f, _ := e.svc.IsFollowing(e.ctx, ag[0], e.viewer(ag[0]), c.ID); !f.Following {
		t.Fatalf("the author does not follow the chat they commented on")
	}
	list, err := e.svc.Comments(e.ctx, e.viewer(watcher), c.ID)
	e.must(err)
	if len(list) != 1 || list[0].ID != comment.ID {
		t.Fatalf("feed = %+v", list)
	}
	if ev := lastOfKind(e.allEvents(), parley.EventChatComment); ev == nil || !e.viewer(watcher).CanSee(*ev) || e.viewer(outsider).CanSee(*ev) {
		t.Fatalf("chat.comment %+v must reach those who see the chat alone", ev)
	}
	e.must1p(e.svc.SetTopic(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.ChatTopicInput{Other: "VIP"}))
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), c.ID))
	if got := e.followed(watcher.ID, c.ID); !slices.Equal(got, []string{"comment", "topic", "completed"}) {
		t.Fatalf("the follower was told of %v", got)
	}
	if got := e.followed(ag[0].ID, c.ID); len(got) != 0 {
		t.Fatalf("the one who made the changes was told of them: %v", got)
	}
	_, err = e.svc.SetFollowing(e.ctx, watcher, e.viewer(watcher), c.ID, false)
	e.must(err)
	_, err = e.svc.AddComment(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.CommentInput{Text: "closed"})
	e.must(err)
	if got := e.followed(watcher.ID, c.ID); len(got) != 3 {
		t.Fatalf("one who stopped following was told again: %v", got)
	}

	_, err = e.svc.AddComment(e.ctx, outsider, e.viewer(outsider), c.ID, core.CommentInput{Text: "hi"})
	expectCode(t, err, parley.CodeNotFound)
	_, err = e.svc.SetFollowing(e.ctx, outsider, e.viewer(outsider), c.ID, true)
	expectCode(t, err, parley.CodeNotFound)
	_, err = e.svc.AddComment(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.CommentInput{Text: " \n "})
	expectCode(t, err, parley.CodeInvalid)
	_, err = e.svc.AddComment(e.ctx, ag[0], e.viewer(ag[0]), c.ID, core.CommentInput{Text: strings.Repeat("ж", parley.MaxCommentText+1)})
	expectCode(t, err, parley.CodeTooLarge)
}

func testWorkspaceEvents(t *testing.T, e *env) {
	ag := e.agents(2, 5, true)
	e.quickReply(ag[0], "Mine", "my text", parley.ScopeAgent, 0)
	ev := lastOfKind(e.allEvents(), parley.EventQuickReplyUpdated)
	if ev == nil || !e.viewer(ag[0]).CanSee(*ev) || e.viewer(ag[1]).CanSee(*ev) {
		t.Fatalf("an agent's own template's event %+v must reach that agent alone", ev)
	}
	shared := e.quickReply(e.admin, "Hello", "Hello!", parley.ScopeAll, 0)
	if ev := lastOfKind(e.allEvents(), parley.EventQuickReplyUpdated); ev == nil || !e.viewer(ag[1]).CanSee(*ev) {
		t.Fatalf("a template for all must reach every agent: %+v", ev)
	}
	e.must(e.svc.DeleteQuickReply(e.ctx, e.admin, shared.ID))
	if ev := lastOfKind(e.allEvents(), parley.EventQuickReplyDeleted); ev == nil || !strings.Contains(string(ev.Data), strconv.FormatInt(shared.ID, 10)) {
		t.Fatalf("quick_reply.deleted %+v", ev)
	}
	c := e.ownedChat(e.visitor(), ag[0])
	e.saveDraft(ag[0], c.ID, "half a thought")
	ev = lastOfKind(e.allEvents(), parley.EventDraftUpdated)
	if ev == nil || !e.viewer(ag[0]).CanSee(*ev) || e.viewer(ag[1]).CanSee(*ev) || !strings.Contains(string(ev.Data), "half a thought") {
		t.Fatalf("draft.updated %+v must carry the text to its agent alone", ev)
	}
	e.saveDraft(ag[0], c.ID, "")
	if ev := lastOfKind(e.allEvents(), parley.EventDraftUpdated); ev == nil || !strings.Contains(string(ev.Data), `"text":""`) {
		t.Fatalf("a deleted draft's event %+v", ev)
	}
}
