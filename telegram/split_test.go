package telegram

import (
	"strings"
	"testing"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"empty", "", 10, nil},
		{"blank", "  \n ", 10, nil},
		{"fits", "hello", 10, []string{"hello"}},
		{"exactly", "0123456789", 10, []string{"0123456789"}},
		{"at a space", "hello world again", 12, []string{"hello world ", "again"}},
		{"at a line break", "one two\nthree four", 12, []string{"one two\n", "three four"}},
		{"hard cut", "abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		// 😀 is two UTF-16 units: it must not be cut in half, nor counted once.
		{"surrogate pairs", "😀😀😀", 3, []string{"😀", "😀", "😀"}},
		{"cyrillic counts one unit", "яяяя", 2, []string{"яя", "яя"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitText(tt.in, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("splitText(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
		})
	}
}

func TestCaptionLimitCountsUTF16(t *testing.T) {
	if n := utf16Len("a😀я"); n != 4 {
		t.Errorf("utf16Len = %d, want 4", n)
	}
}
