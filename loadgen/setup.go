package loadgen

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"parley"
	"parley/core"
)

// Credentials are the admin account a run sets things up with.
type Credentials struct {
	Email    string `json:"email"`
	Password string `json:"-"`
}

// teamSpec says what a run needs on the server.
type teamSpec struct {
	agents    int
	queues    int // agents are spread over queues round-robin, one web-chat channel each
	chatLimit int
	// secondEvery puts every secondEvery-th agent in the next queue too (0: none).
	secondEvery int
}

// benchAgent is an agent account the run created and logged in.
type benchAgent struct {
	id    int64
	token string
	queue int // index in team.queues
}

// team is what a run created on the server, all named after the run's id.
type team struct {
	run      string
	admin    string // the admin's token
	agents   []benchAgent
	queues   []parley.Queue
	channels []parley.Channel // channels[i] routes into queues[i]
}

// newRunID names a run so that its accounts and client ids never meet another run's.
func newRunID() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return strconv.FormatInt(time.Now().Unix(), 36) + hex.EncodeToString(b)
}

// setupParallel is how many setup calls run at once: agent creation and login
// hash passwords, which on two cores gains nothing beyond a few at a time.
const setupParallel = 4

// setupTeam logs the admin in and creates the run's agents, room, queues and channels.
func setupTeam(ctx context.Context, api *apiClient, admin Credentials, spec teamSpec, log *slog.Logger) (*team, error) {
	var login core.LoginResult
	if err := api.call(ctx, "POST", "/api/v1/auth/login", "", map[string]string{"email": admin.Email, "password": admin.Password}, &login); err != nil {
		return nil, fmt.Errorf("logging in as the admin %s: %w", admin.Email, err)
	}
	t := &team{run: newRunID(), admin: login.Token}
	log.Info("setting up", "run", t.run, "agents", spec.agents, "queues", spec.queues)
	if err := t.createAgents(ctx, api, spec); err != nil {
		return nil, err
	}
	if err := t.createQueues(ctx, api, spec); err != nil {
		return nil, err
	}
	return t, nil
}

// createAgents creates and logs in the run's agents; they start inactive.
func (t *team) createAgents(ctx context.Context, api *apiClient, spec teamSpec) error {
	t.agents = make([]benchAgent, spec.agents)
	password := "bench-" + newRunID() + newRunID()
	return forEach(ctx, spec.agents, setupParallel, func(ctx context.Context, i int) error {
		in := core.AgentInput{Email: fmt.Sprintf("bench-%s-%d@bench.example", t.run, i), Name: fmt.Sprintf("Bench %s #%d", t.run, i),
			Password: password, Role: parley.RoleAgent, Language: "en"}
		var a parley.Agent
		if err := api.call(ctx, "POST", "/api/v1/agents", t.admin, in, &a); err != nil {
			return fmt.Errorf("creating agent %d: %w", i, err)
		}
		var login core.LoginResult
		if err := api.call(ctx, "POST", "/api/v1/auth/login", "", map[string]string{"email": in.Email, "password": password}, &login); err != nil {
			return fmt.Errorf("logging in agent %d: %w", i, err)
		}
		t.agents[i] = benchAgent{id: a.ID, token: login.Token, queue: i % spec.queues}
		return nil
	})
}

// createQueues creates a room, then a queue and a web-chat channel per group of agents.
func (t *team) createQueues(ctx context.Context, api *apiClient, spec teamSpec) error {
	var room parley.Room
	if err := api.call(ctx, "POST", "/api/v1/rooms", t.admin, core.RoomInput{Name: "Bench " + t.run}, &room); err != nil {
		return fmt.Errorf("creating the room: %w", err)
	}
	t.queues = make([]parley.Queue, spec.queues)
	t.channels = make([]parley.Channel, spec.queues)
	for q := range spec.queues {
		members := []int64{}
		for i, a := range t.agents {
			second := spec.secondEvery > 0 && i%spec.secondEvery == 0 && (a.queue+1)%spec.queues == q
			if a.queue == q || second {
				members = append(members, a.id)
			}
		}
		name := fmt.Sprintf("Bench %s queue %d", t.run, q)
		patch := core.QueuePatch{Name: &name, RoomID: &room.ID, ChatLimit: &spec.chatLimit, Members: &members}
		if err := api.call(ctx, "POST", "/api/v1/queues", t.admin, patch, &t.queues[q]); err != nil {
			return fmt.Errorf("creating queue %d: %w", q, err)
		}
		chName := fmt.Sprintf("Bench %s site %d", t.run, q)
		ch := core.ChannelPatch{Name: &chName, QueueID: &t.queues[q].ID}
		if err := api.call(ctx, "POST", "/api/v1/channels", t.admin, ch, &t.channels[q]); err != nil {
			return fmt.Errorf("creating channel %d: %w", q, err)
		}
	}
	return nil
}

// activate makes every agent of the run available for chats.
func (t *team) activate(ctx context.Context, api *apiClient) error {
	return forEach(ctx, len(t.agents), setupParallel, func(ctx context.Context, i int) error {
		body := map[string]parley.AgentStatus{"status": parley.StatusActive}
		if err := api.call(ctx, "PUT", "/api/v1/me/status", t.agents[i].token, body, nil); err != nil {
			return fmt.Errorf("activating agent %d: %w", i, err)
		}
		return nil
	})
}

// visitorSession starts a widget session on a channel and returns its token.
func visitorSession(ctx context.Context, api *apiClient, key string, i int) (string, error) {
	in := core.VisitorStart{Key: key, Visitor: parley.Visitor{PageURL: fmt.Sprintf("https://shop.example/bench/%d", i), Language: "en",
		UserAgent: "parley-bench"}}
	var s core.VisitorSession
	if err := api.call(ctx, "POST", "/api/v1/widget/sessions", "", in, &s); err != nil {
		return "", fmt.Errorf("starting visitor session %d: %w", i, err)
	}
	return s.Token, nil
}
