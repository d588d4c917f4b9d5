package parley

import (
	"strings"
	"testing"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  []string
	}{
		{"", 5, nil},
		{"abc", 5, []string{"abc"}},
		{"ab cd ef", 5, []string{"ab", "cd ef"}},
		{"ééééééé", 3, []string{"ééé", "ééé", "é"}},
		{"first line\nsecond", 14, []string{"first line", "second"}},
		{"   \nabc", 4, []string{"abc"}},
		{"abc   ", 4, []string{"abc"}},
	}
	for _, tt := range tests {
		got := SplitText(tt.in, tt.limit)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("SplitText(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}
