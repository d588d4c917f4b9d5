package core_test

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"parley"
	"parley/core"
)

func TestContactRecords(t *testing.T) {
	runCases(t, []envCase{
		{"custom fields, accounts and owners", testContactFields},
		{"each duplicate rule, and pairs that are not duplicates", testDuplicateRules},
		{"merge moves identities and chats; undo restores exactly", testMergeUndo},
		{"merges refused or serialized, never half done", testMergeRefusals},
		{"an agent starts a chat when the three conditions hold", testOutbound},
		{"blocks and merges: an identity's block goes with it, a blocked contact stays", testMergeBlocks},
		{"the widget's time zone stands for the visitor's location", testVisitorTimeZone},
		{"a contact's timeline across identities, by period and kind", testTimeline},
	})
}

// visitorContact starts a visitor with the given fields and returns their contact.
func (e *env) visitorContact(fields map[string]string) (core.VisitorAuth, parley.Contact) {
	e.t.Helper()
	s, err := e.svc.StartVisitor(e.ctx, core.VisitorStart{Key: e.channel.PublicKey, Fields: fields})
	e.must(err)
	v, err := e.svc.AuthenticateVisitor(s.Token)
	e.must(err)
	ident, err := e.store.Identity(e.ctx, v.IdentityID)
	e.must(err)
	c, err := e.store.Contact(e.ctx, ident.ContactID)
	e.must(err)
	return v, c
}

func (e *env) setRules(r parley.DuplicateRules) {
	e.t.Helper()
	_, err := e.svc.SetDuplicateRules(e.ctx, e.admin, r)
	e.must(err)
}

// similarIDs lists the ids of the contacts like id, with the rules each matched.
func (e *env) similarIDs(id int64) map[int64][]string {
	e.t.Helper()
	list, err := e.svc.SimilarContacts(e.ctx, id)
	e.must(err)
	if len(list) == 0 || list[0].Contact.ID != id || !list[0].Current {
		e.t.Fatalf("the list of contacts like %d does not start with it, marked current: %+v", id, list)
	}
	out := map[int64][]string{}
	for _, s := range list[1:] {
		out[s.Contact.ID] = s.Rules
	}
	return out
}

func testContactFields(t *testing.T, e *env) {
	ag := e.agents(1, 5, false)
	for _, f := range []parley.ContactField{
		{Key: "tier", Label: "Tier", Kind: parley.FieldChoice, Choices: []string{"gold", "silver"}},
		{Key: "orders", Label: "Orders", Kind: parley.FieldNumber},
		{Key: "birthday", Label: "Birthday", Kind: parley.FieldDate},
		{Key: "note", Label: "Note", Kind: parley.FieldText},
	} {
		_, err := e.svc.CreateContactField(e.ctx, e.admin, f)
		e.must(err)
	}
	_, err := e.svc.CreateContactField(e.ctx, ag[0], parley.ContactField{Key: "x", Label: "X", Kind: parley.FieldText})
	expectCode(t, err, parley.CodeForbidden)
	for _, bad := range []parley.ContactField{{Key: "Tier", Label: "x", Kind: parley.FieldText}, {Key: "y", Label: "y", Kind: "colour"},
		{Key: "z", Label: "z", Kind: parley.FieldChoice}, {Key: "tier", Label: "again", Kind: parley.FieldText}} {
		_, err := e.svc.CreateContactField(e.ctx, e.admin, bad)
		if code := parley.CodeOf(err); code != parley.CodeInvalid && code != parley.CodeConflict {
			t.Errorf("field %+v: got %v", bad, err)
		}
	}
	acme, err := e.svc.CreateAccount(e.ctx, ag[0], core.AccountInput{Name: "Acme"})
	e.must(err)
	c, err := e.svc.CreateContact(e.ctx, ag[0], core.ContactPatch{Name: new("Вера Орлова"), Phone: new("not a phone"), AccountID: &acme.ID,
		OwnerID: &ag[0].ID, Fields: map[string]string{"tier": "gold", "orders": "12", "birthday": "1990-04-01", "note": " likes tea "}})
	e.must(err)
	want := map[string]string{"tier": "gold", "orders": "12", "birthday": "1990-04-01", "note": "likes tea"}
	if !reflect.DeepEqual(c.Fields, want) || c.AccountID != acme.ID || c.OwnerID != ag[0].ID || c.Phone != "not a phone" || c.PhoneKey != "" {
		t.Fatalf("contact = %+v", c)
	}
	before := e.must1c(e.store.Contact(e.ctx, c.ID))
	for _, f := range []map[string]string{{"tier": "bronze"}, {"orders": "twelve"}, {"birthday": "01.04.1990"}, {"unknown": "x"}} {
		_, err := e.svc.UpdateContact(e.ctx, ag[0], c.ID, core.ContactPatch{Fields: f})
		expectCode(t, err, parley.CodeInvalid)
	}
	_, err = e.svc.UpdateContact(e.ctx, ag[0], c.ID, core.ContactPatch{AccountID: new(int64(999999))})
	expectCode(t, err, parley.CodeInvalid)
	if after := e.must1c(e.store.Contact(e.ctx, c.ID)); !reflect.DeepEqual(after, before) {
		t.Fatalf("a refused change changed the contact: %+v", after)
	}
	// Deleting a field drops its values, so a field made again with its key starts empty.
	defs, err := e.svc.ContactFields(e.ctx)
	e.must(err)
	e.must(e.svc.DeleteContactField(e.ctx, e.admin, defs[0].ID))
	if got := e.must1c(e.store.Contact(e.ctx, c.ID)).Fields; got[defs[0].Key] != "" || len(got) != 3 {
		t.Fatalf("after deleting field %s the contact holds %v", defs[0].Key, got)
	}
	page, err := e.svc.Contacts(e.ctx, e.viewer(ag[0]), "", parley.ContactFilter{AccountID: acme.ID})
	e.must(err)
	if len(page) != 1 || page[0].ID != c.ID {
		t.Fatalf("the account's contacts: %+v", page)
	}
}

func (e *env) must1c(c parley.Contact, err error) parley.Contact {
	e.t.Helper()
	e.must(err)
	return c
}

func testDuplicateRules(t *testing.T, e *env) {
	e.setRules(parley.DuplicateRules{Phone: true, Email: true, Name: true, PhoneRegion: "RU"})
	_, me := e.visitorContact(map[string]string{"name": "Иван Петров", "phone": "8 (912) 345-67-89", "email": "Ivan@Shop.example"})
	_, samePhone := e.visitorContact(map[string]string{"name": "I.", "phone": "+79123456789"})
	_, sameEmail := e.visitorContact(map[string]string{"name": "Vanya", "email": "ivan@shop.EXAMPLE"})
	_, sameName := e.visitorContact(map[string]string{"name": "Ivan Petrov"})
	_, badPhone := e.visitorContact(map[string]string{"name": "Zed", "phone": "8 912"})
	_, other := e.visitorContact(map[string]string{"name": "Иван Сидоров", "phone": "+79120000000"})
	want := map[int64][]string{samePhone.ID: {"phone"}, sameEmail.ID: {"email"}, sameName.ID: {"name"}}
	if got := e.similarIDs(me.ID); !reflect.DeepEqual(got, want) {
		t.Fatalf("similar to %d: %v, want %v", me.ID, got, want)
	}
	// Naming an unknown contact by hand names their chats too (R3.2).
	v, anon := e.visitorContact(nil)
	chatID := send(e, v, "n1", "hello").Message.ChatID
	_, err := e.svc.UpdateContact(e.ctx, e.admin, anon.ID, core.ContactPatch{Name: new("Нина Соколова")})
	e.must(err)
	if got := e.chat(chatID).Name; got != "Нина Соколова" {
		t.Fatalf("the chat is still named %q", got)
	}
	if got := e.similarIDs(badPhone.ID); len(got) != 0 {
		t.Fatalf("an invalid phone matched %v", got)
	}
	_ = other
	// Each rule off in turn drops its matches.
	for _, rules := range []struct {
		r    parley.DuplicateRules
		gone int64
	}{{parley.DuplicateRules{Email: true, Name: true, PhoneRegion: "RU"}, samePhone.ID},
		{parley.DuplicateRules{Phone: true, Name: true, PhoneRegion: "RU"}, sameEmail.ID},
		{parley.DuplicateRules{Phone: true, Email: true, PhoneRegion: "RU"}, sameName.ID}} {
		e.setRules(rules.r)
		if got := e.similarIDs(me.ID); got[rules.gone] != nil || len(got) != 2 {
			t.Fatalf("rules %+v: similar %v", rules.r, got)
		}
	}
	// Without a region, a number written without its country code matches nothing.
	e.setRules(parley.DuplicateRules{Phone: true})
	if got := e.similarIDs(me.ID); len(got) != 0 {
		t.Fatalf("without a phone region: similar %v", got)
	}
	e.setRules(parley.DuplicateRules{Phone: true, Email: true, Name: true, PhoneRegion: "RU"})
	e.must(e.svc.NotDuplicates(e.ctx, e.admin, me.ID, core.NotDuplicatesInput{ContactID: samePhone.ID}))
	if got := e.similarIDs(me.ID); got[samePhone.ID] != nil || len(got) != 2 {
		t.Fatalf("a pair marked not duplicates is still listed: %v", got)
	}
	if got := e.similarIDs(samePhone.ID); got[me.ID] != nil {
		t.Fatalf("not duplicates holds one way only: %v", got)
	}
	expectCode(t, e.svc.NotDuplicates(e.ctx, e.admin, me.ID, core.NotDuplicatesInput{ContactID: me.ID}), parley.CodeInvalid)
}

// contactState is everything a merge may change about two contacts.
type contactState struct {
	Contacts   []parley.Contact
	Identities [][]parley.Identity
	Chats      [][]parley.Chat
	Cases      [][]parley.Case
}

func (e *env) contactState(ids ...int64) contactState {
	e.t.Helper()
	var st contactState
	for _, id := range ids {
		st.Contacts = append(st.Contacts, e.must1c(e.store.Contact(e.ctx, id)))
		idents, err := e.store.Identities(e.ctx, id)
		e.must(err)
		st.Identities = append(st.Identities, idents)
		chats, err := e.store.Chats(e.ctx, parley.ChatFilter{ContactID: id, Limit: 500})
		e.must(err)
		for i := range chats {
			chats[i].UpdatedAt, chats[i].Version = chats[i].CreatedAt, 0 // events touch these; the owner of the record is what counts
		}
		st.Chats = append(st.Chats, chats)
		cases, err := e.store.Cases(e.ctx, parley.CaseFilter{ContactID: id, Limit: 500})
		e.must(err)
		st.Cases = append(st.Cases, cases)
	}
	return st
}

func testMergeUndo(t *testing.T, e *env) {
	ag := e.agents(1, 5, true)
	acme, err := e.svc.CreateAccount(e.ctx, ag[0], core.AccountInput{Name: "Acme"})
	e.must(err)
	va, a := e.visitorContact(map[string]string{"name": "Anna Smirnova", "phone": "+79123456789"})
	vb, b := e.visitorContact(map[string]string{"name": "Anna", "email": "anna@example.com", "phone": "+79123456789"})
	_, err = e.svc.UpdateContact(e.ctx, ag[0], b.ID, core.ContactPatch{AccountID: &acme.ID})
	e.must(err)
	send(e, va, "a1", "hello from the site")
	bChat := send(e, vb, "b1", "hello again").Message.ChatID
	_, err = e.svc.CreateCaseFromChat(e.ctx, e.admin, e.viewer(e.admin), bChat)
	e.must(err)
	before := e.contactState(a.ID, b.ID)

	merges, err := e.svc.MergeContacts(e.ctx, ag[0], a.ID, core.MergeInput{From: []int64{b.ID}})
	e.must(err)
	m := merges[0]
	merged := e.contactState(a.ID)
	if len(merged.Identities[0]) != 2 || len(merged.Chats[0]) != 2 || len(merged.Cases[0]) != 1 {
		t.Fatalf("after the merge the contact has %d identities, %d chats and %d cases, want 2, 2 and 1",
			len(merged.Identities[0]), len(merged.Chats[0]), len(merged.Cases[0]))
	}
	if c := merged.Contacts[0]; c.Email != "anna@example.com" || c.AccountID != acme.ID || c.Name != "Anna Smirnova" {
		t.Fatalf("the merged record %+v: empty fields must take the other's values, set ones stay", c)
	}
	if !slices.Equal(m.Moved.Filled, []string{"account_id", "email"}) {
		t.Fatalf("filled %v", m.Moved.Filled)
	}
	if got := e.must1c(e.store.Contact(e.ctx, b.ID)); got.MergedInto != a.ID {
		t.Fatalf("the merged contact stands: %+v", got)
	}
	msgs, err := e.store.Messages(e.ctx, parley.MessageFilter{ChatID: merged.Chats[0][0].ID})
	e.must(err)
	for _, msg := range msgs {
		if msg.Author.Kind == parley.ActorContact && msg.Author.ID != a.ID {
			t.Fatalf("message %d still authored by contact %d", msg.ID, msg.Author.ID)
		}
	}

	_, err = e.svc.UndoMerge(e.ctx, ag[0], m.ID)
	e.must(err)
	after := e.contactState(a.ID, b.ID)
	after.Contacts[0].UpdatedAt, after.Contacts[1].UpdatedAt = before.Contacts[0].UpdatedAt, before.Contacts[1].UpdatedAt
	if !reflect.DeepEqual(after, before) {
		t.Fatalf("undo did not restore the state:\n before %+v\n after  %+v", before, after)
	}
	_, err = e.svc.UndoMerge(e.ctx, ag[0], m.ID)
	expectCode(t, err, parley.CodeConflict)
}

func testMergeRefusals(t *testing.T, e *env) {
	ag := e.agents(1, 5, false)
	_, a := e.visitorContact(map[string]string{"name": "A One"})
	_, b := e.visitorContact(map[string]string{"name": "B Two"})
	_, c := e.visitorContact(map[string]string{"name": "C Three"})
	_, err := e.svc.MergeContacts(e.ctx, ag[0], a.ID, core.MergeInput{From: []int64{a.ID}})
	expectCode(t, err, parley.CodeInvalid)
	_, err = e.svc.MergeContacts(e.ctx, ag[0], a.ID, core.MergeInput{})
	expectCode(t, err, parley.CodeInvalid)
	_, err = e.svc.MergeContacts(e.ctx, ag[0], a.ID, core.MergeInput{From: []int64{999999}})
	expectCode(t, err, parley.CodeNotFound)

	// Two merges racing over the same contacts: one wins whole, the other fails whole.
	before := e.contactState(a.ID, b.ID, c.ID)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Go(func() {
		_, errs[0] = e.svc.MergeContacts(e.ctx, ag[0], a.ID, core.MergeInput{From: []int64{b.ID, c.ID}})
	})
	wg.Go(func() {
		_, errs[1] = e.svc.MergeContacts(e.ctx, ag[0], b.ID, core.MergeInput{From: []int64{c.ID, a.ID}})
	})
	wg.Wait()
	won := slices.IndexFunc(errs, func(err error) bool { return err == nil })
	if won < 0 || !parley.IsCode(errs[1-won], parley.CodeConflict) {
		t.Fatalf("racing merges: %v", errs)
	}
	standing := 0
	for _, id := range []int64{a.ID, b.ID, c.ID} {
		if e.must1c(e.store.Contact(e.ctx, id)).MergedInto == 0 {
			standing++
		}
	}
	if standing != 1 {
		t.Fatalf("%d contacts stand after one merge of three into one (state before %+v)", standing, before.Contacts)
	}
	// Into a contact merged away, or from one: refused, nothing changed.
	gone := []int64{a.ID, b.ID}[1-won] // the loser's target was merged away
	_, err = e.svc.MergeContacts(e.ctx, ag[0], gone, core.MergeInput{From: []int64{c.ID}})
	expectCode(t, err, parley.CodeConflict)
	_, err = e.svc.UpdateContact(e.ctx, ag[0], gone, core.ContactPatch{Name: new("x")})
	expectCode(t, err, parley.CodeConflict)
}

func testOutbound(t *testing.T, e *env) {
	ag := e.agents(1, 5, false)
	v, contact := e.visitorContact(map[string]string{"name": "Olga Ivanova"})
	res := send(e, v, "o1", "my parcel?")
	e.must1p(e.svc.Complete(e.ctx, e.admin, e.viewer(e.admin), res.Message.ChatID))
	start := func(ident int64) (core.OutboundResult, error) {
		return e.svc.StartChat(e.ctx, ag[0], contact.ID, core.OutboundInput{IdentityID: ident, ClientID: "out-" + time.Now().String(), Text: "Your parcel left today"})
	}
	out, err := start(v.IdentityID)
	e.must(err)
	if c := e.chat(out.Chat.ID); c.State != parley.ChatInProgress || c.OwnerID != ag[0].ID || c.IdentityID != v.IdentityID || out.Message.Text == "" {
		t.Fatalf("started chat %+v, message %+v", c, out.Message)
	}
	_, err = start(v.IdentityID)
	expectRefusal(t, err, parley.CodeConflict, "open")

	silent, quiet := e.visitorContact(map[string]string{"name": "Quiet One"})
	_, err = e.svc.StartChat(e.ctx, ag[0], quiet.ID, core.OutboundInput{IdentityID: silent.IdentityID, ClientID: "q", Text: "hi"})
	expectRefusal(t, err, parley.CodeConflict, "never written")
	_, err = e.svc.StartChat(e.ctx, ag[0], quiet.ID, core.OutboundInput{IdentityID: v.IdentityID, ClientID: "q", Text: "hi"})
	expectRefusal(t, err, parley.CodeInvalid, "identity")

	wa := e.windowedIdentity(contact.ID, 25*time.Hour)
	_, err = start(wa)
	expectRefusal(t, err, parley.CodeConflict, "24 hours")
	fresh := e.windowedIdentity(contact.ID, time.Hour)
	_, err = start(fresh)
	e.must(err)

	_, err = e.svc.UpdateChannel(e.ctx, e.admin, e.channel.ID, core.ChannelPatch{Active: new(false)})
	e.must(err)
	e.must1p(e.svc.Complete(e.ctx, ag[0], e.viewer(ag[0]), out.Chat.ID))
	_, err = start(v.IdentityID)
	expectRefusal(t, err, parley.CodeConflict, "not active")
}

func expectRefusal(t *testing.T, err error, code parley.ErrorCode, says string) {
	t.Helper()
	if parley.CodeOf(err) != code || !strings.Contains(err.Error(), says) {
		t.Fatalf("want %s saying %q, got %v", code, says, err)
	}
}

// windowedIdentity gives the contact an identity on a WhatsApp channel whose
// last message from them is age old, and returns its id.
func (e *env) windowedIdentity(contactID int64, age time.Duration) int64 {
	e.t.Helper()
	now := e.clock.Now()
	var ident parley.Identity
	e.must(e.store.Write(e.ctx, func(tx parley.Tx) error {
		ch := parley.Channel{Type: "whatsapp", Name: "WhatsApp " + age.String(), PublicKey: "wa_" + age.String(), QueueID: e.queue.ID, Active: true, CreatedAt: now}
		if err := tx.CreateChannel(e.ctx, &ch); err != nil {
			return err
		}
		ident = parley.Identity{ContactID: contactID, ChannelID: ch.ID, ExternalID: "+7912" + age.String(), CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateIdentity(e.ctx, &ident); err != nil {
			return err
		}
		at := now.Add(-age)
		c := parley.Chat{ChannelID: ch.ID, ChannelType: ch.Type, IdentityID: ident.ID, ContactID: contactID, QueueID: e.queue.ID,
			State: parley.ChatCompleted, Name: "wa", CreatedAt: at, CompletedAt: &at, StateChangedAt: at, UpdatedAt: at, LastSeq: 1, LastContactSeq: 1}
		if err := tx.CreateChat(e.ctx, &c); err != nil {
			return err
		}
		m := parley.Message{ChatID: c.ID, Seq: 1, Author: parley.Actor{Kind: parley.ActorContact, ID: contactID}, Kind: parley.MessageText, Text: "hi", CreatedAt: at}
		return tx.AddMessage(e.ctx, &m)
	}))
	return ident.ID
}

func testTimeline(t *testing.T, e *env) {
	e.agents(1, 5, false)
	va, a := e.visitorContact(map[string]string{"name": "Tim One"})
	vb, b := e.visitorContact(map[string]string{"name": "Tim Two"})
	first := send(e, va, "a1", "first").Message.ChatID
	e.must1p(e.svc.Complete(e.ctx, e.admin, e.viewer(e.admin), first))
	e.clock.Advance(48 * time.Hour)
	second := send(e, vb, "b1", "second").Message.ChatID
	e.clock.Advance(time.Minute)
	_, err := e.svc.MergeContacts(e.ctx, e.admin, a.ID, core.MergeInput{From: []int64{b.ID}})
	e.must(err)
	e.clock.Advance(time.Minute)
	_, err = e.svc.CreateCaseFromChat(e.ctx, e.admin, e.viewer(e.admin), second)
	e.must(err)
	e.clock.Advance(time.Minute)
	until := e.clock.Now().Add(time.Hour)
	_, err = e.svc.BlockContact(e.ctx, e.admin, a.ID, core.BlockInput{Until: &until, Reason: "spam"})
	e.must(err)
	v := e.viewer(e.admin)
	kinds := func(items []core.TimelineItem) string {
		var out []string
		for _, it := range items {
			if it.Chat != nil {
				out = append(out, it.Kind+":"+strconv.FormatInt(it.Chat.ID, 10))
			} else {
				out = append(out, it.Kind)
			}
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		name string
		q    core.TimelineQuery
		want string
	}{
		{"everything, newest first", core.TimelineQuery{}, "block,case,merge,chat:" + strconv.FormatInt(second, 10) + ",chat:" + strconv.FormatInt(first, 10)},
		{"one identity, with the contact's own blocks", core.TimelineQuery{IdentityID: va.IdentityID}, "block,chat:" + strconv.FormatInt(first, 10)},
		{"blocks and cases", core.TimelineQuery{Kinds: []string{"block", "case"}}, "block,case"},
		{"chats only", core.TimelineQuery{Kinds: []string{"chat"}}, "chat:" + strconv.FormatInt(second, 10) + ",chat:" + strconv.FormatInt(first, 10)},
		{"merges only", core.TimelineQuery{Kinds: []string{"merge"}}, "merge"},
		{"a period", core.TimelineQuery{To: e.clock.Now().Add(-24 * time.Hour)}, "chat:" + strconv.FormatInt(first, 10)},
	}
	for _, c := range cases {
		items, err := e.svc.Timeline(e.ctx, v, a.ID, c.q)
		e.must(err)
		if got := kinds(items); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	_, err = e.svc.Timeline(e.ctx, v, a.ID, core.TimelineQuery{Kinds: []string{"gossip"}})
	expectCode(t, err, parley.CodeInvalid)
	outsider := e.must1(e.svc.CreateAgent(e.ctx, e.admin, core.AgentInput{Email: "o@example.com", Name: "O", Password: "password1"}))
	items, err := e.svc.Timeline(e.ctx, e.viewer(outsider), a.ID, core.TimelineQuery{Kinds: []string{"chat"}})
	e.must(err)
	if len(items) != 0 {
		t.Fatalf("an agent outside the queue sees the contact's chats: %s", kinds(items))
	}
}

func testMergeBlocks(t *testing.T, e *env) {
	e.agents(1, 5, false)
	va, a := e.visitorContact(map[string]string{"name": "Bo One"})
	vb, b := e.visitorContact(map[string]string{"name": "Bo Two"})
	_, c := e.visitorContact(map[string]string{"name": "Bo Three"})
	until := e.clock.Now().Add(time.Hour)
	_, err := e.svc.BlockContact(e.ctx, e.admin, b.ID, core.BlockInput{Until: &until, Reason: "spam", IdentityID: vb.IdentityID})
	e.must(err)
	_, err = e.svc.BlockContact(e.ctx, e.admin, c.ID, core.BlockInput{Until: &until, Reason: "abuse"})
	e.must(err)
	_, err = e.svc.MergeContacts(e.ctx, e.admin, a.ID, core.MergeInput{From: []int64{c.ID}})
	expectRefusal(t, err, parley.CodeConflict, "blocked")
	_, err = e.svc.MergeContacts(e.ctx, e.admin, a.ID, core.MergeInput{From: []int64{b.ID}})
	e.must(err)
	blocks, err := e.svc.Blocks(e.ctx, a.ID)
	e.must(err)
	if len(blocks) != 1 || blocks[0].IdentityID != vb.IdentityID {
		t.Fatalf("the merged identity's block did not follow it: %+v", blocks)
	}
	res := send(e, vb, "b1", "still spamming")
	if res.Message.ChatID != 0 {
		t.Fatalf("the blocked identity started chat %d after the merge", res.Message.ChatID)
	}
	if res := send(e, va, "a1", "hello"); res.Message.ChatID == 0 {
		t.Fatal("the contact's own identity was held by the other's block")
	}
}

func testVisitorTimeZone(t *testing.T, e *env) {
	for in, want := range map[string]string{"Europe/Moscow": "Europe/Moscow", strings.Repeat("z", 100): strings.Repeat("z", 64)} {
		s, err := e.svc.StartVisitor(e.ctx, core.VisitorStart{Key: e.channel.PublicKey, Visitor: parley.Visitor{TimeZone: in}})
		e.must(err)
		v, err := e.svc.AuthenticateVisitor(s.Token)
		e.must(err)
		ident, err := e.store.Identity(e.ctx, v.IdentityID)
		e.must(err)
		if ident.Visitor.TimeZone != want {
			t.Fatalf("time zone %q stored as %q, want %q", in, ident.Visitor.TimeZone, want)
		}
	}
}
