package attribution

import (
	"strings"
	"testing"
	"time"
)

// TestAdversarialSpeed guards against quadratic paths: every input of 200 KB
// must be handled well within a second.
func TestAdversarialSpeed(t *testing.T) {
	inputs := map[string]string{
		"title case":   strings.Repeat("Big Red Dog Said Hello To Mr. Smith Jones ", 5000),
		"quotes":       strings.Repeat(`"a" 'b' “c” «d» `, 12000),
		"open quotes":  strings.Repeat(`“a `, 60000),
		"names":        strings.Repeat("Anna Bell said that Carl Dane told Eve Fox that ", 4000),
		"pronouns":     strings.Repeat("He said it. She said it. They said it. ", 5000),
		"no spaces":    strings.Repeat("x", 200000),
		"single marks": strings.Repeat("‘a ’b ", 30000),
		"paragraphs":   strings.Repeat("“He said\n\n", 20000),
		"commas":       strings.Repeat("Smith, a man, said, ", 10000),
	}
	for name, in := range inputs {
		start := time.Now()
		qs := Extract(in)
		checkSpans(t, in, qs)
		d := time.Since(start)
		t.Logf("%s: %v, %d quotations", name, d, len(qs))
		if d > 2*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(in))
		}
	}
}
