package parley

import (
	"strings"
	"unicode"
)

// SplitText cuts s into parts of at most limit characters, for providers that
// cap a message's length, preferring a line break, then a space, in the second
// half of each part. The white space where a part ends is dropped, and so are
// blank parts, which providers refuse.
func SplitText(s string, limit int) []string {
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
		if part := strings.TrimRightFunc(s[:cut], unicode.IsSpace); part != "" {
			parts = append(parts, part)
		}
		s = strings.TrimLeftFunc(s[cut:], unicode.IsSpace)
	}
	return parts
}

// prefixLen is the byte length of the longest prefix of s with at most limit
// characters.
func prefixLen(s string, limit int) int {
	n := 0
	for i := range s {
		if n == limit {
			return i
		}
		n++
	}
	return len(s)
}
