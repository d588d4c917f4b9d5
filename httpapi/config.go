package httpapi

import (
	"context"
	"net/http"

	"parley"
	"parley/core"
)

// Lists of the configuration kinds.
type (
	// RoomList is a list of rooms.
	RoomList = Items[parley.Room]
	// QueueList is a list of queues.
	QueueList = Items[parley.Queue]
	// ChannelList is a list of channels.
	ChannelList = Items[parley.Channel]
)

func (a *API) listRooms(r *http.Request, _ none) (RoomList, error) {
	who, err := agentOf(r)
	if err != nil {
		return RoomList{}, err
	}
	return items(a.svc.Rooms(r.Context(), who.Viewer))
}

func (a *API) getRoom(r *http.Request, _ none) (parley.Room, error) {
	who, err := agentOf(r)
	if err != nil {
		return parley.Room{}, err
	}
	return byID(r, func(ctx context.Context, id int64) (parley.Room, error) { return a.svc.Room(ctx, who.Viewer, id) })
}

func (a *API) createRoom(r *http.Request, in core.RoomInput) (parley.Room, error) {
	return asAgent(r, func(by parley.Agent) (parley.Room, error) { return a.svc.CreateRoom(r.Context(), by, in) })
}

func (a *API) patchRoom(r *http.Request, in core.RoomInput) (parley.Room, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Room, error) {
		return a.svc.UpdateRoom(r.Context(), by, id, in)
	})
}

func (a *API) listQueues(r *http.Request, _ none) (QueueList, error) {
	return items(a.svc.Queues(r.Context()))
}

func (a *API) getQueue(r *http.Request, _ none) (parley.Queue, error) {
	return byID(r, a.svc.Queue)
}

func (a *API) createQueue(r *http.Request, in core.QueuePatch) (parley.Queue, error) {
	return asAgent(r, func(by parley.Agent) (parley.Queue, error) { return a.svc.CreateQueue(r.Context(), by, in) })
}

func (a *API) patchQueue(r *http.Request, in core.QueuePatch) (parley.Queue, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Queue, error) {
		return a.svc.UpdateQueue(r.Context(), by, id, in)
	})
}

func (a *API) listChannels(r *http.Request, _ none) (ChannelList, error) {
	return items(a.svc.Channels(r.Context()))
}

func (a *API) getChannel(r *http.Request, _ none) (parley.Channel, error) {
	return byID(r, a.svc.Channel)
}

func (a *API) createChannel(r *http.Request, in core.ChannelPatch) (parley.Channel, error) {
	return asAgent(r, func(by parley.Agent) (parley.Channel, error) { return a.svc.CreateChannel(r.Context(), by, in) })
}

func (a *API) patchChannel(r *http.Request, in core.ChannelPatch) (parley.Channel, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Channel, error) {
		return a.svc.UpdateChannel(r.Context(), by, id, in)
	})
}

// byID calls get with the path's id.
func byID[T any](r *http.Request, get func(context.Context, int64) (T, error)) (T, error) {
	id, err := pathID(r, "id")
	if err != nil {
		var zero T
		return zero, err
	}
	return get(r.Context(), id)
}

// asAgent calls fn with the acting agent.
func asAgent[T any](r *http.Request, fn func(by parley.Agent) (T, error)) (T, error) {
	who, err := agentOf(r)
	if err != nil {
		var zero T
		return zero, err
	}
	return fn(who.Agent)
}

// asAgentOn calls fn with the acting agent and the path's id.
func asAgentOn[T any](r *http.Request, fn func(by parley.Agent, id int64) (T, error)) (T, error) {
	return asAgent(r, func(by parley.Agent) (T, error) {
		id, err := pathID(r, "id")
		if err != nil {
			var zero T
			return zero, err
		}
		return fn(by, id)
	})
}
