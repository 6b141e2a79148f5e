package verbatim

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDefaultTitle(t *testing.T) {
	long := strings.Repeat("é", 200) // 400 bytes
	tests := []struct{ text, want string }{
		{"Headline\nBody.", "Headline"},
		{"\n\n  Headline  \r\nBody", "Headline"},
		{"", ""},
		{" \n\t\n", ""},
		{"only line", "only line"},
		{long + "\nx", strings.Repeat("é", 150) + "…"},
	}
	for _, tt := range tests {
		got := DefaultTitle(tt.text)
		if got != tt.want {
			t.Errorf("DefaultTitle(%.20q) = %q, want %q", tt.text, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("DefaultTitle(%.20q) cut inside a rune", tt.text)
		}
	}
}
