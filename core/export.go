package core

import (
	"context"
	"iter"

	"parley"
)

// exportPage is how many chats an export reads at a time: the most a page of
// the chat list may hold, so that a large export takes few reads and holds
// never more than one page.
const exportPage = 500

// ExportRow is one chat of an export with the names its ids stand for.
type ExportRow struct {
	Chat    parley.Chat
	Queue   string
	Owner   string
	Channel string
}

// ExportChats yields every chat of q's filters that the viewer may see, newest
// first, one page read at a time as the caller consumes them (R2.23); q's
// cursor and limit are ignored. An error ends the sequence.
func (s *Service) ExportChats(ctx context.Context, v parley.Viewer, q ChatQuery) iter.Seq2[ExportRow, error] {
	return func(yield func(ExportRow, error) bool) {
		if err := q.check(v); err != nil {
			yield(ExportRow{}, err)
			return
		}
		names, err := s.exportNames(ctx)
		if err != nil {
			yield(ExportRow{}, err)
			return
		}
		q.Before, q.Limit = 0, exportPage
		f := q.filter(v)
		for {
			chats, err := s.store.Chats(ctx, f)
			if err != nil {
				yield(ExportRow{}, err)
				return
			}
			for _, c := range chats {
				if !yield(names.row(c), nil) {
					return
				}
			}
			if len(chats) < exportPage {
				return
			}
			f.BeforeID = chats[len(chats)-1].ID
		}
	}
}

// ExportSearch yields every hit of the search that the viewer may see, newest
// match first, a page at a time as the caller consumes them; q's cursor and
// limit are ignored. An error ends the sequence.
func (s *Service) ExportSearch(ctx context.Context, v parley.Viewer, q parley.SearchQuery) iter.Seq2[ExportRow, error] {
	return func(yield func(ExportRow, error) bool) {
		names, err := s.exportNames(ctx)
		if err != nil {
			yield(ExportRow{}, err)
			return
		}
		q.Before, q.Limit = 0, maxSearchLimit
		for {
			page, err := s.SearchChats(ctx, v, q)
			if err != nil {
				yield(ExportRow{}, err)
				return
			}
			for _, h := range page.Hits {
				if !yield(names.row(h.Chat), nil) {
					return
				}
			}
			if page.Next == 0 {
				return
			}
			q.Before = page.Next
		}
	}
}

// row is the export row of chat c.
func (m exportNamesMaps) row(c parley.Chat) ExportRow {
	return ExportRow{Chat: c, Queue: m.queues[c.QueueID], Owner: m.agents[c.OwnerID], Channel: m.channels[c.ChannelID]}
}

// exportNamesMaps are the names of agents, queues and channels by id: few
// enough to read whole once, where a read per chat would cost an export dearly.
type exportNamesMaps struct {
	agents, queues, channels map[int64]string
}

func (s *Service) exportNames(ctx context.Context) (exportNamesMaps, error) {
	m := exportNamesMaps{agents: map[int64]string{}, queues: map[int64]string{}, channels: map[int64]string{}}
	agents, err := s.store.Agents(ctx)
	if err != nil {
		return m, err
	}
	for _, a := range agents {
		m.agents[a.ID] = a.Name
	}
	queues, err := s.store.Queues(ctx)
	if err != nil {
		return m, err
	}
	for _, q := range queues {
		m.queues[q.ID] = q.Name
	}
	channels, err := s.store.Channels(ctx)
	if err != nil {
		return m, err
	}
	for _, c := range channels {
		m.channels[c.ID] = c.Name
	}
	return m, nil
}
