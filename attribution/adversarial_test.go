package attribution

import (
	"strings"
	"testing"
)

// adversarialInputs are texts built to find quadratic paths: long runs of
// one construction, in one sentence or one paragraph. Each is repeated to
// about n bytes.
func adversarialInputs(n int) map[string]string {
	rep := func(unit string) string { return strings.Repeat(unit, max(n/len(unit), 1)) }
	return map[string]string{
		"title case":   rep("Big Red Dog Said Hello To Mr. Smith Jones "),
		"quotes":       rep(`"a" 'b' “c” «d» `),
		"open quotes":  rep(`“a `),
		"names":        rep("Anna Bell said that Carl Dane told Eve Fox that "),
		"pronouns":     rep("He said it. She said it. They said it. "),
		"no spaces":    rep("x"),
		"single marks": rep("‘a ’b "),
		"paragraphs":   rep("“He said\n\n"),
		"commas":       rep("Smith, a man, said, "),
		// long enough and with enough quotations to read as a novel: one
		// paragraph of bare quotations, one of cued ones, alternating turns
		"bare quotations": rep(`"Yes, indeed, my good sir." `),
		"cued quotations": rep(`"Yes, indeed," said Tom Quill. `),
		"turns":           rep("\"Yes, indeed,\" said Tom Quill.\n\n\"No,\" she said. Agnes Moor looked up.\n\n"),
	}
}

// TestAdversarialInputs checks that every adversarial input of 200 KB gives
// quotations whose spans hold (checkSpans) and does not panic. How long
// they take is measured by BenchmarkAdversarial, not here.
func TestAdversarialInputs(t *testing.T) {
	for name, in := range adversarialInputs(200000) {
		t.Run(name, func(t *testing.T) {
			checkSpans(t, in, Extract(in))
		})
	}
}

// BenchmarkAdversarial runs Extract on each adversarial input at 50 KB and
// 200 KB: a linear path takes about four times as long on the larger one,
// a quadratic one sixteen (go test ./attribution -run XXX -bench Adversarial).
func BenchmarkAdversarial(b *testing.B) {
	for _, n := range []int{50000, 200000} {
		for name, in := range adversarialInputs(n) {
			b.Run(name+"/"+itoa(n/1000)+"KB", func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					Extract(in)
				}
			})
		}
	}
}
