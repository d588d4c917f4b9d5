package email

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
)

// Our Message-IDs name the chat and the message they carry:
// parley.{chatID}.{messageID}.{random}@{domain of the mailbox}. A reply's
// In-Reply-To or References then names the chat it answers.
const idPrefix = "parley."

// newMessageID makes the Message-ID (without brackets) of an outgoing message.
func newMessageID(chatID, messageID int64, domain string) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a Message-ID: %w", err)
	}
	return fmt.Sprintf("%s%d.%d.%s@%s", idPrefix, chatID, messageID, hex.EncodeToString(b[:]), domain), nil
}

// chatOfMessageID is the chat one of our Message-IDs names, 0 for any other id.
func chatOfMessageID(id, domain string) int64 {
	local, dom, ok := cutLast(id, "@")
	if !ok || !strings.EqualFold(dom, domain) {
		return 0
	}
	rest, ok := strings.CutPrefix(local, idPrefix)
	parts := strings.Split(rest, ".")
	if !ok || len(parts) != 3 {
		return 0
	}
	chat, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || chat <= 0 {
		return 0
	}
	return chat
}

// replyAddress is the plus address whose replies land in the chat even when
// the client drops the threading headers: local+c{chatID}@domain.
func replyAddress(local, domain string, chatID int64) string {
	return fmt.Sprintf("%s+c%d@%s", local, chatID, domain)
}

// chatOfAddress is the chat a plus address of our mailbox names, else 0.
func chatOfAddress(addr, local, domain string) int64 {
	l, d, ok := cutLast(strings.ToLower(addr), "@")
	if !ok || d != domain {
		return 0
	}
	tag, ok := strings.CutPrefix(l, local+"+c")
	if !ok {
		return 0
	}
	chat, err := strconv.ParseInt(tag, 10, 64)
	if err != nil || chat <= 0 {
		return 0
	}
	return chat
}

// threadChat is the chat an incoming message answers: by the Message-ID it
// replies to, then by the newest reference, then by the plus address it was
// sent to; 0 when nothing names one of ours.
func threadChat(h textproto.MIMEHeader, local, domain string) int64 {
	refs := msgIDs(h.Get("References"))
	ids := append(msgIDs(h.Get("In-Reply-To")), reversed(refs)...)
	for _, id := range ids {
		if chat := chatOfMessageID(id, domain); chat != 0 {
			return chat
		}
	}
	for _, key := range []string{"To", "Cc", "Delivered-To", "X-Original-To"} {
		for _, v := range h.Values(key) {
			for _, addr := range addresses(v) {
				if chat := chatOfAddress(addr, local, domain); chat != 0 {
					return chat
				}
			}
		}
	}
	return 0
}

var bracketed = regexp.MustCompile(`<([^<>\s]+)>`)

// msgIDs are the ids in a Message-ID, In-Reply-To or References header,
// without brackets; ids written without brackets are taken word by word.
func msgIDs(v string) []string {
	var ids []string
	for _, m := range bracketed.FindAllStringSubmatch(v, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) == 0 {
		for _, f := range strings.Fields(v) {
			if strings.Contains(f, "@") {
				ids = append(ids, strings.Trim(f, "<>,"))
			}
		}
	}
	return ids
}

// addresses are the e-mail addresses in an address-list header.
func addresses(v string) []string {
	if list, err := addressParser.ParseList(v); err == nil {
		out := make([]string, 0, len(list))
		for _, a := range list {
			out = append(out, a.Address)
		}
		return out
	}
	return looseAddress.FindAllString(v, -1)
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
