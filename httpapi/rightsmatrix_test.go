package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"parley"
	"parley/core"
)

// rightsColumn is one column of a rights table: the verdicts expected, one
// letter per actor, and how to read one actor's.
type rightsColumn[W any] struct {
	name  string
	want  string
	check func(t *testing.T, w W, a matrixActor) byte
}

// checkRights reads every column for every actor and reports the whole table
// when any verdict differs from the one expected.
func checkRights[W any](t *testing.T, title string, names []string, actors []matrixActor, w W, cols []rightsColumn[W]) {
	t.Helper()
	var got strings.Builder
	failed := false
	for _, col := range cols {
		line := make([]byte, len(actors))
		for i, a := range actors {
			line[i] = col.check(t, w, a)
		}
		fmt.Fprintf(&got, "%-28s %s want %s\n", col.name, line, col.want)
		failed = failed || string(line) != col.want
	}
	if failed {
		t.Errorf("%s (actors: %s):\n%s", title, strings.Join(names, ", "), got.String())
	}
}

// matrixActor is one row of the authorization matrix: an agent with a role and rights.
type matrixActor struct {
	name  string
	agent parley.Agent
	token string
}

// matrixWorld is what the matrix is checked against: a Support room whose queue
// holds chat C (topic Billing, owned by "owner", with "guest" taking part, and a
// file F), and a Sales room whose queue holds chat S.
type matrixWorld struct {
	e                 *env
	actors            []matrixActor
	support, sales    setup
	billing           parley.Topic
	c, s              parley.Chat
	file              parley.File
	owner, guest      parley.Agent
	deleted, deleted2 parley.Chat // moved to Deleted, for restore and purge
	topicSet          int64       // the last event before C's events under Billing
}

// Each column's verdicts, one letter per actor in matrixActors' order:
// y served (2xx; for the list-like columns, and the chat is in it), n refused
// with 403, h hidden (404, or served without the chat).
var matrixActors = []string{"admin", "supervisor", "sales supervisor", "owner", "peer", "topic-limited",
	"guest", "outsider", "deleter", "restorer", "purger"}

var matrixColumns = []rightsColumn[*matrixWorld]{
	{"GET chat C", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "GET", fmt.Sprintf("/api/v1/chats/%d", w.c.ID), nil)
	}},
	{"GET C's messages", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "GET", fmt.Sprintf("/api/v1/chats/%d/messages", w.c.ID), nil)
	}},
	{"GET file F", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "GET", "/api/v1/files/"+w.file.ID, nil)
	}},
	{"C in GET /chats", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.listed(t, a, "/api/v1/chats", w.c.ID)
	}},
	{"C in search", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.found(t, a, "/api/v1/search/chats?q=zebra", w.c.ID)
	}},
	// An event is seen by the chat's topic when it was emitted: those of C from
	// before its topic was set went to everyone who could see C then, and so
	// does the topic_changed that tells them it changed.
	{"C's events under Billing", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.eventsOf(t, a, w.c.ID, w.topicSet)
	}},
	{"GET chat S", "yyyhhhhhhhh", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "GET", fmt.Sprintf("/api/v1/chats/%d", w.s.ID), nil)
	}},
	{"S's events", "yyyhhhhhhhh", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.eventsOf(t, a, w.s.ID, 0)
	}},
	{"GET Support room", "yyhyyyyyyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "GET", fmt.Sprintf("/api/v1/rooms/%d", w.support.room.ID), nil)
	}},
	{"set C's topic", "yyhynhyhnnn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "POST", fmt.Sprintf("/api/v1/chats/%d/topic", w.c.ID), map[string]any{"topic_id": w.billing.ID})
	}},
	{"set C's status", "yyhynhyhnnn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "POST", fmt.Sprintf("/api/v1/chats/%d/status", w.c.ID), map[string]any{"status_id": 0})
	}},
	{"list C's participants", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "GET", fmt.Sprintf("/api/v1/chats/%d/participants", w.c.ID), nil)
	}},
	{"remove C's guest", "yyhynhyhnnn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		v := w.status(t, a, "DELETE", fmt.Sprintf("/api/v1/chats/%d/participants/%d", w.c.ID, w.guest.ID), nil)
		w.readd(t)
		return v
	}},
	{"comment on C", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "POST", fmt.Sprintf("/api/v1/chats/%d/comments", w.c.ID), map[string]any{"text": "from " + a.name})
	}},
	{"follow C", "yyhyyhyhyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "PUT", fmt.Sprintf("/api/v1/chats/%d/follow", w.c.ID), nil)
	}},
	{"create a topic", "ynnnnnnnnnn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "POST", "/api/v1/topics", map[string]any{"name": "Topic of " + a.name})
	}},
	{"create a status", "ynnnnnnnnnn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "POST", "/api/v1/chat-statuses", map[string]any{"room_id": w.support.room.ID, "name": "Status of " + a.name, "kind": "open"})
	}},
	{"grant rights", "ynnnnnnnnnn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "PATCH", fmt.Sprintf("/api/v1/agents/%d", w.owner.ID), map[string]any{"rights": map[string]any{"rooms": nil, "topics": nil}})
	}},
	{"list Deleted", "ynnnnnnnyyy", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.listed(t, a, "/api/v1/chats?deleted=true", w.deleted.ID)
	}},
	{"delete a chat", "ynnnnnnnynn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		return w.status(t, a, "POST", fmt.Sprintf("/api/v1/chats/%d/delete", w.freshChat(t).ID), nil)
	}},
	{"restore a chat", "ynnnnnnnnyn", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		v := w.status(t, a, "POST", fmt.Sprintf("/api/v1/chats/%d/restore", w.deleted.ID), nil)
		if v == 'y' {
			w.deleted = w.deleteChat(t, w.deleted)
		}
		return v
	}},
	{"delete a chat for good", "ynnnnnnnnny", func(t *testing.T, w *matrixWorld, a matrixActor) byte {
		v := w.status(t, a, "DELETE", fmt.Sprintf("/api/v1/chats/%d", w.deleted2.ID), nil)
		if v == 'y' {
			w.deleted2 = w.deleteChat(t, w.freshChat(t))
		}
		return v
	}},
}

// TestAuthorizationMatrix checks, for each role and right, that each endpoint
// and event serves or refuses as the table says, and that the events the store
// selects for each viewer are exactly those parley.Viewer.CanSee lets through,
// so that the live path and the catch-up agree.
func TestAuthorizationMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newMatrixWorld(t, e)
		checkRights(t, "authorization matrix", matrixActors, w.actors, w, matrixColumns)
		for _, a := range w.actors {
			w.checkEventFilter(t, a)
		}
	})
}

func newMatrixWorld(t *testing.T, e *env) *matrixWorld {
	w := &matrixWorld{e: e}
	ctx := context.Background()
	mk := func(name string, role parley.Role) matrixActor {
		a, tok := e.agent(t, strings.ReplaceAll(name, " ", "-")+"@example.com", role)
		return matrixActor{name: name, agent: a, token: tok}
	}
	w.actors = []matrixActor{{name: "admin", agent: e.admin, token: e.adminToken}}
	for _, name := range matrixActors[1:] {
		role := parley.RoleAgent
		if strings.Contains(name, "supervisor") {
			role = parley.RoleSupervisor
		}
		w.actors = append(w.actors, mk(name, role))
	}
	by := func(name string) parley.Agent { return w.actors[slices.Index(matrixActors, name)].agent }
	w.owner, w.guest = by("owner"), by("guest")
	members := []int64{w.owner.ID, by("peer").ID, by("topic-limited").ID, by("deleter").ID, by("restorer").ID, by("purger").ID}
	w.support = e.configure(t, members...)
	w.sales = w.secondRoom(t, "Sales")
	w.billing = w.topic(t, "Billing")
	delivery := w.topic(t, "Delivery")
	w.grant(t, "sales supervisor", parley.AgentRights{Rooms: []int64{w.sales.room.ID}})
	w.grant(t, "topic-limited", parley.AgentRights{Topics: []int64{delivery.ID}})
	w.grant(t, "deleter", parley.AgentRights{DeleteChats: true})
	w.grant(t, "restorer", parley.AgentRights{RestoreChats: true})
	w.grant(t, "purger", parley.AgentRights{PurgeChats: true})
	for i := range w.actors {
		if w.actors[i].agent.ID != e.admin.ID { // read back with their rights
			a, err := e.store.Agent(ctx, w.actors[i].agent.ID)
			if err != nil {
				t.Fatal(err)
			}
			w.actors[i].agent = a
		}
	}
	// The owner alone is active, so every chat is offered to them.
	ownerToken := w.actors[slices.Index(matrixActors, "owner")].token
	e.setStatus(t, ownerToken, parley.StatusActive)
	e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", w.owner.ID), token: e.adminToken,
		body: map[string]any{"chat_limit": 100}}, http.StatusOK, nil)
	w.c = w.freshChat(t)
	w.file = w.visitorFile(t, w.c)
	sv := e.visitor(t, w.sales.channel.PublicKey)
	w.s, _ = e.store.Chat(ctx, e.visitorSays(t, sv.Token, "s1", "zebra on sale").ChatID)
	w.deleted = w.deleteChat(t, w.freshChat(t))
	w.deleted2 = w.deleteChat(t, w.freshChat(t))
	return w
}

// freshChat is a visitor's chat in Support, accepted by the owner, on topic
// Billing, with the guest taking part.
func (w *matrixWorld) freshChat(t *testing.T) parley.Chat {
	t.Helper()
	e, ctx := w.e, context.Background()
	vs := e.visitor(t, w.support.channel.PublicKey)
	m := e.visitorSays(t, vs.Token, "z", "a zebra ate my parcel")
	v, err := e.svc.ViewerOf(ctx, w.owner)
	must(t, err)
	_, err = e.svc.Accept(ctx, w.owner, v, m.ChatID) // the owner is the only active agent
	must(t, err)
	last, err := e.store.LastEventID(ctx)
	must(t, err)
	if w.topicSet == 0 { // chat C, the first
		w.topicSet = last
	}
	_, err = e.svc.SetTopic(ctx, e.admin, adminViewer(t, e), m.ChatID, core.ChatTopicInput{TopicID: w.billing.ID})
	must(t, err)
	_, err = e.svc.AddParticipant(ctx, e.admin, adminViewer(t, e), m.ChatID, core.ParticipantInput{AgentID: w.guest.ID})
	must(t, err)
	c, err := e.store.Chat(ctx, m.ChatID)
	must(t, err)
	return c
}

func (w *matrixWorld) visitorFile(t *testing.T, c parley.Chat) parley.File {
	t.Helper()
	ctx := context.Background()
	id, err := w.e.store.Identity(ctx, c.IdentityID)
	must(t, err)
	va := core.VisitorAuth{IdentityID: id.ID, ChannelID: c.ChannelID}
	f, err := w.e.svc.VisitorUpload(ctx, va, "zebra.txt", strings.NewReader("zebra stripes"))
	must(t, err)
	_, err = w.e.svc.VisitorSend(ctx, va, core.SendInput{ClientID: "file", FileIDs: []string{f.ID}})
	must(t, err)
	return f
}

func (w *matrixWorld) deleteChat(t *testing.T, c parley.Chat) parley.Chat {
	t.Helper()
	out, err := w.e.svc.DeleteChat(context.Background(), w.e.admin, adminViewer(t, w.e), c.ID)
	must(t, err)
	return out
}

func (w *matrixWorld) readd(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	parts, err := w.e.store.Participants(ctx, w.c.ID)
	must(t, err)
	if len(parts) == 0 {
		_, err = w.e.svc.AddParticipant(ctx, w.e.admin, adminViewer(t, w.e), w.c.ID, core.ParticipantInput{AgentID: w.guest.ID})
		must(t, err)
	}
}

func (w *matrixWorld) secondRoom(t *testing.T, name string) setup {
	t.Helper()
	var s setup
	e := w.e
	e.must(t, req{method: "POST", path: "/api/v1/rooms", token: e.adminToken, body: map[string]any{"name": name}}, http.StatusCreated, &s.room)
	e.must(t, req{method: "POST", path: "/api/v1/queues", token: e.adminToken,
		body: map[string]any{"name": name + " line", "room_id": s.room.ID, "members": []int64{}}}, http.StatusCreated, &s.queue)
	e.must(t, req{method: "POST", path: "/api/v1/channels", token: e.adminToken,
		body: map[string]any{"name": name + " site", "queue_id": s.queue.ID}}, http.StatusCreated, &s.channel)
	return s
}

func (w *matrixWorld) topic(t *testing.T, name string) parley.Topic {
	t.Helper()
	var tp parley.Topic
	w.e.must(t, req{method: "POST", path: "/api/v1/topics", token: w.e.adminToken, body: map[string]any{"name": name}}, http.StatusCreated, &tp)
	return tp
}

func (w *matrixWorld) grant(t *testing.T, name string, r parley.AgentRights) {
	t.Helper()
	a := w.actors[slices.Index(matrixActors, name)]
	w.e.must(t, req{method: "PATCH", path: fmt.Sprintf("/api/v1/agents/%d", a.agent.ID), token: w.e.adminToken,
		body: map[string]any{"rights": r}}, http.StatusOK, nil)
}

// status sends the request as a and reads its verdict from the status.
func (w *matrixWorld) status(t *testing.T, a matrixActor, method, path string, body any) byte {
	t.Helper()
	rep := w.e.do(t, req{method: method, path: path, token: a.token, body: body})
	switch {
	case rep.status < 300:
		return 'y'
	case rep.status == http.StatusForbidden:
		return 'n'
	case rep.status == http.StatusNotFound:
		return 'h'
	}
	t.Errorf("%s %s as %s: status %d: %s", method, path, a.name, rep.status, rep.body)
	return '?'
}

// listed reads a chat page as a: y when chat id is in it, h when not, n when refused.
func (w *matrixWorld) listed(t *testing.T, a matrixActor, path string, id int64) byte {
	t.Helper()
	var page core.ChatPage
	if v := w.decode(t, a, path, &page); v != 'y' {
		return v
	}
	return yesIf(slices.ContainsFunc(page.Chats, func(c parley.Chat) bool { return c.ID == id }))
}

func (w *matrixWorld) found(t *testing.T, a matrixActor, path string, id int64) byte {
	t.Helper()
	var page core.SearchPage
	if v := w.decode(t, a, path, &page); v != 'y' {
		return v
	}
	return yesIf(slices.ContainsFunc(page.Hits, func(h parley.ChatHit) bool { return h.Chat.ID == id }))
}

// eventsOf is y when a's event log holds events of the chat after an id.
func (w *matrixWorld) eventsOf(t *testing.T, a matrixActor, chatID, after int64) byte {
	t.Helper()
	var page EventPage
	if v := w.decode(t, a, "/api/v1/events?limit=10000", &page); v != 'y' {
		return v
	}
	return yesIf(slices.ContainsFunc(page.Events, func(e parley.Event) bool {
		return e.ChatID == chatID && e.ID > after && e.Kind != parley.EventChatTopicChanged
	}))
}

func (w *matrixWorld) decode(t *testing.T, a matrixActor, path string, out any) byte {
	t.Helper()
	rep := w.e.do(t, req{method: "GET", path: path, token: a.token})
	if rep.status != http.StatusOK {
		return map[bool]byte{true: 'n', false: 'h'}[rep.status == http.StatusForbidden]
	}
	if err := json.Unmarshal(rep.body, out); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return 'y'
}

// checkEventFilter compares the store's event filter for a with Viewer.CanSee
// over the whole log.
func (w *matrixWorld) checkEventFilter(t *testing.T, a matrixActor) {
	t.Helper()
	ctx := context.Background()
	v, err := w.e.svc.ViewerOf(ctx, a.agent)
	must(t, err)
	all, err := w.e.store.Events(ctx, parley.EventFilter{Limit: 10000, All: true})
	must(t, err)
	mine, err := w.e.store.Events(ctx, parley.EventFilter{Limit: 10000, Viewer: v})
	must(t, err)
	var want []int64
	for _, ev := range all {
		if v.CanSee(ev) {
			want = append(want, ev.ID)
		}
	}
	got := make([]int64, len(mine))
	for i, ev := range mine {
		got[i] = ev.ID
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: the store selects events %v, CanSee %v", a.name, got, want)
	}
}

func yesIf(b bool) byte {
	if b {
		return 'y'
	}
	return 'h'
}

func adminViewer(t *testing.T, e *env) parley.Viewer {
	t.Helper()
	v, err := e.svc.ViewerOf(context.Background(), e.admin)
	must(t, err)
	return v
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
