package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

// What the chat record routes' documentation says.
const (
	topicsDoc       = "The topics admins keep (R2.16), in their order. Admins create, rename, order and delete them; 409 for a taken name."
	setTopicDoc     = "topic_id names a listed topic; or topic_id 0 with other, words of one's own (at most 200 characters); both empty clear it. Owner, participant or supervisor; 409 while a closed-kind status locks the chat. Agents no longer allowed the new topic get chat.topic_changed and lose the chat."
	chatStatusesDoc = "Every room's custom statuses (R2.17), each open or closed in kind. Admins create them with room_id, name and kind; a closed-kind status locks owner, topic, transfer and participants."
	setStatusDoc    = "status_id names a status of the chat's room; 0 clears it. Owner, participant or supervisor."
	participantsDoc = "Agents taking part in the chat besides its owner (R2.14). The owner, supervisors and admins add and remove them; a participant may remove themselves (leave). Participants see the chat in My and may write in it."
	commentsDoc     = "Colleagues' comments on the chat's record (R2.23), plain text of at most 4000 characters, oldest first. Commenting makes the author follow the chat."
	followDoc       = "Whether I follow the chat: a follower gets chat.followed when it is commented on, or its topic, status or owner change, or it is transferred, completed, deleted or restored."
	deletionDoc     = "Deleted chats leave every list but Deleted (R2.18). Deleting needs the delete_chats right (an open chat is completed first), restoring restore_chats, and deleting for good (only a deleted chat) purge_chats; admins hold all three."
)

// chatRecordRoutes is the route table's rows for topics, custom statuses,
// participants and deletion.
func (a *API) chatRecordRoutes() []route {
	del := http.MethodDelete
	return []route{
		{method: get, path: "/api/v1/topics", summary: "List topics", auth: authAgent, op: ok(a.listTopics), doc: topicsDoc},
		{method: post, path: "/api/v1/topics", summary: "Create a topic", auth: authAgent, op: created(a.createTopic), doc: topicsDoc},
		{method: patch, path: "/api/v1/topics/{id}", summary: "Change a topic", auth: authAgent, op: ok(a.patchTopic), doc: topicsDoc},
		{method: del, path: "/api/v1/topics/{id}", summary: "Delete a topic", auth: authAgent, op: noContent(a.deleteTopic), doc: topicsDoc},
		{method: post, path: "/api/v1/chats/{id}/topic", summary: "Set a chat's topic", auth: authAgent, op: ok(a.setTopic), doc: setTopicDoc},
		{method: get, path: "/api/v1/chat-statuses", summary: "List custom statuses", auth: authAgent, op: ok(a.listChatStatuses), doc: chatStatusesDoc},
		{method: post, path: "/api/v1/chat-statuses", summary: "Create a custom status", auth: authAgent, op: created(a.createChatStatus), doc: chatStatusesDoc},
		{method: patch, path: "/api/v1/chat-statuses/{id}", summary: "Change a custom status", auth: authAgent, op: ok(a.patchChatStatus), doc: chatStatusesDoc},
		{method: del, path: "/api/v1/chat-statuses/{id}", summary: "Delete a custom status", auth: authAgent, op: noContent(a.deleteChatStatus), doc: chatStatusesDoc},
		{method: post, path: "/api/v1/chats/{id}/status", summary: "Set a chat's custom status", auth: authAgent, op: ok(a.setChatStatus), doc: setStatusDoc},
		{method: get, path: "/api/v1/chats/{id}/participants", summary: "List a chat's participants", auth: authAgent, op: ok(a.listParticipants), doc: participantsDoc},
		{method: post, path: "/api/v1/chats/{id}/participants", summary: "Add a participant", auth: authAgent, op: ok(a.addParticipant), doc: participantsDoc},
		{method: del, path: "/api/v1/chats/{id}/participants/{agent}", summary: "Remove a participant, or leave", auth: authAgent,
			op: ok(a.removeParticipant), doc: participantsDoc},
		{method: get, path: "/api/v1/chats/{id}/comments", summary: "A chat's comment feed", auth: authAgent, op: ok(a.listComments), doc: commentsDoc},
		{method: post, path: "/api/v1/chats/{id}/comments", summary: "Comment on a chat", auth: authAgent, op: created(a.addComment), doc: commentsDoc},
		{method: get, path: "/api/v1/chats/{id}/follow", summary: "Whether I follow a chat", auth: authAgent, op: ok(a.getFollow), doc: followDoc},
		{method: put, path: "/api/v1/chats/{id}/follow", summary: "Follow a chat", auth: authAgent, op: ok(a.follow(true)), doc: followDoc},
		{method: del, path: "/api/v1/chats/{id}/follow", summary: "Stop following a chat", auth: authAgent, op: ok(a.follow(false)), doc: followDoc},
		{method: post, path: "/api/v1/chats/{id}/delete", summary: "Move a chat to Deleted", auth: authAgent, op: ok(a.deleteChat), doc: deletionDoc},
		{method: post, path: "/api/v1/chats/{id}/restore", summary: "Restore a deleted chat", auth: authAgent, op: ok(a.restoreChat), doc: deletionDoc},
		{method: del, path: "/api/v1/chats/{id}", summary: "Delete a deleted chat for good", auth: authAgent, op: noContent(a.purgeChat), doc: deletionDoc},
	}
}

// TopicList is a list of topics.
type TopicList = Items[parley.Topic]

// ChatStatusList is a list of custom statuses.
type ChatStatusList = Items[parley.ChatStatus]

// ParticipantList is a chat's participants.
type ParticipantList = Items[parley.Participant]

func (a *API) listTopics(r *http.Request, _ none) (TopicList, error) {
	return items(a.svc.Topics(r.Context()))
}

func (a *API) createTopic(r *http.Request, in core.TopicInput) (parley.Topic, error) {
	return asAgent(r, func(by parley.Agent) (parley.Topic, error) { return a.svc.CreateTopic(r.Context(), by, in) })
}

func (a *API) patchTopic(r *http.Request, in core.TopicInput) (parley.Topic, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.Topic, error) {
		return a.svc.UpdateTopic(r.Context(), by, id, in)
	})
}

func (a *API) deleteTopic(r *http.Request, _ none) error {
	_, err := asAgentOn(r, func(by parley.Agent, id int64) (none, error) { return none{}, a.svc.DeleteTopic(r.Context(), by, id) })
	return err
}

func (a *API) setTopic(r *http.Request, in core.ChatTopicInput) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.SetTopic(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

func (a *API) listChatStatuses(r *http.Request, _ none) (ChatStatusList, error) {
	return items(a.svc.ChatStatuses(r.Context()))
}

func (a *API) createChatStatus(r *http.Request, in core.ChatStatusInput) (parley.ChatStatus, error) {
	return asAgent(r, func(by parley.Agent) (parley.ChatStatus, error) { return a.svc.CreateChatStatus(r.Context(), by, in) })
}

func (a *API) patchChatStatus(r *http.Request, in core.ChatStatusInput) (parley.ChatStatus, error) {
	return asAgentOn(r, func(by parley.Agent, id int64) (parley.ChatStatus, error) {
		return a.svc.UpdateChatStatus(r.Context(), by, id, in)
	})
}

func (a *API) deleteChatStatus(r *http.Request, _ none) error {
	_, err := asAgentOn(r, func(by parley.Agent, id int64) (none, error) {
		return none{}, a.svc.DeleteChatStatus(r.Context(), by, id)
	})
	return err
}

func (a *API) setChatStatus(r *http.Request, in core.SetChatStatusInput) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.SetChatStatus(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

func (a *API) listParticipants(r *http.Request, _ none) (ParticipantList, error) {
	return chatCall(r, func(who agentAuth, id int64) (ParticipantList, error) {
		return items(a.svc.Participants(r.Context(), who.Viewer, id))
	})
}

func (a *API) addParticipant(r *http.Request, in core.ParticipantInput) (ParticipantList, error) {
	return chatCall(r, func(who agentAuth, id int64) (ParticipantList, error) {
		return items(a.svc.AddParticipant(r.Context(), who.Agent, who.Viewer, id, in))
	})
}

func (a *API) removeParticipant(r *http.Request, _ none) (ParticipantList, error) {
	return chatCall(r, func(who agentAuth, id int64) (ParticipantList, error) {
		agent, err := pathID(r, "agent")
		if err != nil {
			return ParticipantList{}, err
		}
		return items(a.svc.RemoveParticipant(r.Context(), who.Agent, who.Viewer, id, agent))
	})
}

func (a *API) deleteChat(r *http.Request, _ none) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.DeleteChat(r.Context(), who.Agent, who.Viewer, id)
	})
}

func (a *API) restoreChat(r *http.Request, _ none) (parley.Chat, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Chat, error) {
		return a.svc.RestoreChat(r.Context(), who.Agent, who.Viewer, id)
	})
}

func (a *API) purgeChat(r *http.Request, _ none) error {
	_, err := chatCall(r, func(who agentAuth, id int64) (none, error) {
		return none{}, a.svc.PurgeChat(r.Context(), who.Agent, who.Viewer, id)
	})
	return err
}

// CommentList is a chat's comment feed.
type CommentList = Items[parley.Comment]

func (a *API) listComments(r *http.Request, _ none) (CommentList, error) {
	return chatCall(r, func(who agentAuth, id int64) (CommentList, error) {
		return items(a.svc.Comments(r.Context(), who.Viewer, id))
	})
}

func (a *API) addComment(r *http.Request, in core.CommentInput) (parley.Comment, error) {
	return chatCall(r, func(who agentAuth, id int64) (parley.Comment, error) {
		return a.svc.AddComment(r.Context(), who.Agent, who.Viewer, id, in)
	})
}

func (a *API) getFollow(r *http.Request, _ none) (core.Following, error) {
	return chatCall(r, func(who agentAuth, id int64) (core.Following, error) {
		return a.svc.IsFollowing(r.Context(), who.Agent, who.Viewer, id)
	})
}

func (a *API) follow(on bool) func(r *http.Request, _ none) (core.Following, error) {
	return func(r *http.Request, _ none) (core.Following, error) {
		return chatCall(r, func(who agentAuth, id int64) (core.Following, error) {
			return a.svc.SetFollowing(r.Context(), who.Agent, who.Viewer, id, on)
		})
	}
}
