package telegram

import "strings"

// splitText cuts s into parts of at most limit UTF-16 code units (the unit
// Telegram counts), preferring a line break, then a space, in the second half
// of each part, and never cutting a character in two. Blank parts are
// dropped: Telegram refuses an empty message.
func splitText(s string, limit int) []string {
	var parts []string
	for s != "" {
		cut := prefixLen(s, limit)
		if cut < len(s) {
			if i := strings.LastIndexByte(s[:cut], '\n'); i >= cut/2 {
				cut = i + 1
			} else if i := strings.LastIndexByte(s[:cut], ' '); i >= cut/2 {
				cut = i + 1
			}
		}
		if part := s[:cut]; strings.TrimSpace(part) != "" {
			parts = append(parts, part)
		}
		s = s[cut:]
	}
	return parts
}

// prefixLen is the byte length of the longest prefix of s that fits in limit
// UTF-16 code units.
func prefixLen(s string, limit int) int {
	units := 0
	for i, r := range s {
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > limit {
			return i
		}
		units += n
	}
	return len(s)
}

// utf16Len counts s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
