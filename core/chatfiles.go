package core

import (
	"context"

	"parley"
)

// ChatFileEntry is a file of a chat's list with its sender's name as it is now.
type ChatFileEntry struct {
	parley.ChatFile
	SenderName string `json:"sender_name"`
}

// ChatFiles lists every file sent in a chat's messages, in the order sent
// (R2.23); files of internal messages only for agents.
func (s *Service) ChatFiles(ctx context.Context, v parley.Viewer, chatID int64) ([]ChatFileEntry, error) {
	c, err := s.visibleChat(ctx, s.store, v, chatID)
	if err != nil {
		return nil, err
	}
	files, err := s.store.ChatFiles(ctx, c.ID, !v.IsVisitor())
	if err != nil {
		return nil, err
	}
	names := senderNames{s: s, chat: c, agents: map[int64]string{}, contacts: map[int64]string{}}
	out := make([]ChatFileEntry, len(files))
	for i, f := range files {
		name, err := names.of(ctx, f.SentBy)
		if err != nil {
			return nil, err
		}
		out[i] = ChatFileEntry{ChatFile: f, SenderName: name}
	}
	return out, nil
}

// senderNames finds the names of a list's senders, each read once.
type senderNames struct {
	s        *Service
	chat     parley.Chat
	agents   map[int64]string
	contacts map[int64]string
}

func (n senderNames) of(ctx context.Context, a parley.Actor) (string, error) {
	switch a.Kind {
	case parley.ActorAgent:
		if name, ok := n.agents[a.ID]; ok {
			return name, nil
		}
		ag, err := n.s.store.Agent(ctx, a.ID)
		if err != nil && !parley.IsCode(err, parley.CodeNotFound) {
			return "", err
		}
		n.agents[a.ID] = ag.Name
		return ag.Name, nil
	case parley.ActorContact:
		if name, ok := n.contacts[a.ID]; ok {
			return name, nil
		}
		ct, err := n.s.store.Contact(ctx, a.ID)
		switch {
		case parley.IsCode(err, parley.CodeNotFound):
			ct.Name = n.chat.Name
		case err != nil:
			return "", err
		}
		n.contacts[a.ID] = ct.Name
		return ct.Name, nil
	}
	return "", nil
}
