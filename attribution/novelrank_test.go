package attribution

import (
	"testing"

	"github.com/verbatim/verbatim"
)

// TestConversationModelWeights checks how the conversation model revises
// the dialogue rules' speaker: a candidate replaces the rules' choice only
// when its features outweigh it by more than novelMargin, and a quotation
// whose cue names its speaker is never revised. The weights are set by
// hand, so the test reads the mechanism, not the learned model.
func TestConversationModelWeights(t *testing.T) {
	filler := novelFiller()
	// Tom Quill and Agnes Moor spoke; the uncued third turn is Tom's by
	// the rules (the turn two back), and Agnes spoke the turn before it
	text := filler + "\n\nTom Quill came into the kitchen. Agnes Moor was at the table.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\n\"Not yet,\" said Agnes Moor.\n\n\"Then I shall walk to the town before the rain comes on.\""
	const quote = "Then I shall walk to the town before the rain comes on."
	saved := novelModel
	defer func() { novelModel = saved }()
	cases := []struct {
		name    string
		weights map[string]float64
		want    string
	}{
		{"no weights: the rules' reading", map[string]float64{}, "Tom Quill"},
		{"a lead within the margin keeps the rules' reading", map[string]float64{"t1": novelMargin - 0.5}, "Tom Quill"},
		{"a lead beyond the margin revises it", map[string]float64{"t1": novelMargin + 0.5}, "Agnes Moor"},
		{"a weight on the rules' feature keeps it", map[string]float64{"t1": novelMargin + 0.5, "R": 1}, "Tom Quill"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			novelModel = tc.weights
			q := quoteByText(t, Extract(text), quote)
			if q.Speaker == nil || q.Speaker.Name != tc.want {
				t.Fatalf("speaker %v, want %q", q.Speaker, tc.want)
			}
		})
	}
	t.Run("an unresolved description stays unless outweighed, and keeps its mention", func(t *testing.T) {
		text := filler + "\n\nTom Quill came into the kitchen. Nancy Bell was at the table.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\n\"Not yet, and it will not come tonight,\" said the waiter."
		const quote = "Not yet, and it will not come tonight,"
		novelModel = map[string]float64{"t1": novelMargin - 0.5}
		if q := quoteByText(t, Extract(text), quote); q.Speaker == nil || q.Speaker.Name != "waiter" {
			t.Fatalf("speaker %v, want the waiter unresolved", q.Speaker)
		}
		novelModel = map[string]float64{"t1": novelMargin + 0.5}
		q := quoteByText(t, Extract(text), quote)
		if q.Speaker == nil || q.Speaker.Name != "Tom Quill" || q.Speaker.Mention != "the waiter" {
			t.Fatalf("speaker %v, want Tom Quill by the mention \"the waiter\"", q.Speaker)
		}
	})
	t.Run("a cue two turns ahead names a candidate", func(t *testing.T) {
		text := filler + "\n\nTom Quill came into the kitchen. Agnes Moor was at the table.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\n\"Not yet,\" said Agnes Moor.\n\n\"Then I shall walk to the town before the rain comes on.\"\n\n\"Do not go,\" cried Nancy Bell.\n\n\"I will go all the same,\" said Agnes Moor."
		for _, tc := range []struct {
			weights map[string]float64
			want    string
		}{
			{map[string]float64{}, "Tom Quill"},                          // the rules: the turn two back
			{map[string]float64{"tf2": novelMargin + 0.5}, "Agnes Moor"}, // named two turns ahead
			{map[string]float64{"tf1": novelMargin + 0.5}, "Nancy Bell"}, // named in the next turn
		} {
			novelModel = tc.weights
			if q := quoteByText(t, Extract(text), quote); q.Speaker == nil || q.Speaker.Name != tc.want {
				t.Errorf("weights %v: speaker %v, want %q", tc.weights, q.Speaker, tc.want)
			}
		}
	})
	t.Run("the next turn addresses a candidate, or its he/she gives a gender", func(t *testing.T) {
		text := filler + "\n\nTom Quill came into the kitchen. Agnes Moor was at the table.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\n\"Not yet,\" said Agnes Moor.\n\n\"Then I shall walk to the town before the rain comes on.\"\n\n\"Do not go, Agnes,\" he said."
		for _, tc := range []struct {
			weights map[string]float64
			want    string
		}{
			{map[string]float64{}, "Tom Quill"},
			{map[string]float64{"vn1": novelMargin + 0.5}, "Agnes Moor"},  // "Do not go, Agnes"
			{map[string]float64{"n1gx": novelMargin + 0.5}, "Agnes Moor"}, // "he said" next: not a man now
		} {
			novelModel = tc.weights
			if q := quoteByText(t, Extract(text), quote); q.Speaker == nil || q.Speaker.Name != tc.want {
				t.Errorf("weights %v: speaker %v, want %q", tc.weights, q.Speaker, tc.want)
			}
		}
	})
	t.Run("a named cue is never revised", func(t *testing.T) {
		novelModel = map[string]float64{"rk0": 100, "t1": 100, "v1": 100}
		q := quoteByText(t, Extract(text), "Not yet,")
		if q.Speaker == nil || q.Speaker.Name != "Agnes Moor" {
			t.Fatalf("speaker %v, want Agnes Moor", q.Speaker)
		}
	})
	t.Run("someone's voice is theirs, by the rules alone", func(t *testing.T) {
		text := filler + "\n\nTom Quill came into the kitchen. Agnes Moor was at the table.\n\n\"Is the coach in yet?\" asked Agnes Moor.\n\n\"Not yet, my dear,\" said Tom's voice."
		novelModel = map[string]float64{}
		q := quoteByText(t, Extract(text), "Not yet, my dear,")
		if q.Speaker == nil || q.Speaker.Name != "Tom Quill" || q.Speaker.Mention != "Tom's voice" {
			t.Fatalf("speaker %v, want Tom Quill by \"Tom's voice\"", q.Speaker)
		}
	})
	t.Run("an uncued quotation goes on its paragraph's speaker, by the rules alone", func(t *testing.T) {
		text := filler + "\n\nThen Agnes Moor came in. Tom Quill stood at the bar.\n\n\"Is he here?\" asked Agnes Moor.\n\n\"No,\" he replied; for he was not one to waste words. \"Nobody has come in to-night.\""
		novelModel = map[string]float64{}
		for _, quote := range []string{"No,", "Nobody has come in to-night."} {
			if q := quoteByText(t, Extract(text), quote); q.Speaker == nil || q.Speaker.Name != "Tom Quill" {
				t.Errorf("%q: speaker %v, want Tom Quill", quote, q.Speaker)
			}
		}
	})
	t.Run("a clause after a semicolon speaks with the subject before it, by the rules alone", func(t *testing.T) {
		savedSpk := speakerModel
		defer func() { speakerModel = savedSpk }()
		speakerModel, novelModel = map[string]float64{}, map[string]float64{}
		text := filler + "\n\nJohn Thorpe drove on.\n\n\"Shall not you be late at Devizes?\" said Catherine. He made no answer; but after a minute's silence burst out with, \"A famous good thing this marrying scheme.\""
		q := quoteByText(t, Extract(text), "A famous good thing this marrying scheme.")
		if q.Speaker == nil || q.Speaker.Name != "John Thorpe" || q.Speaker.Mention != "He" {
			t.Fatalf("speaker %v, want John Thorpe by \"He\"", q.Speaker)
		}
	})
	t.Run("nor is a sentence of speech before the quotation", func(t *testing.T) {
		text := filler + "\n\nTom Quill came into the kitchen. Then Agnes Moor sat at the table.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\nAgnes resumed in a lower voice. \"It will not come tonight.\""
		novelModel = map[string]float64{"t1": 100}
		q := quoteByText(t, Extract(text), "It will not come tonight.")
		if q.Speaker == nil || q.Speaker.Name != "Agnes Moor" {
			t.Fatalf("speaker %v, want Agnes Moor", q.Speaker)
		}
	})
}

// TestConversationModelLoads checks that the committed weights load: an
// empty or unreadable file would silently leave the rules' reading.
func TestConversationModelLoads(t *testing.T) {
	if len(novelModel) < 50 {
		t.Fatalf("conversation model has %d weights; regenerate attribution/novel_model.json (see novelrank.go)", len(novelModel))
	}
}

// quoteByText returns the quotation of qs whose text is text.
func quoteByText(t *testing.T, qs []verbatim.Quotation, text string) verbatim.Quotation {
	t.Helper()
	for _, q := range qs {
		if q.Text == text {
			return q
		}
	}
	t.Fatalf("no quotation %q", text)
	return verbatim.Quotation{}
}

// FuzzExtractFiction runs Extract with the dialogue rules and the
// conversation model on however short an input (forceFiction): their
// offsets must hold and they must not panic.
func FuzzExtractFiction(f *testing.F) {
	forceFiction = true
	f.Cleanup(func() { forceFiction = false })
	f.Add("\"Is the coach in yet?\" asked Tom Quill.\n\n\"Not yet,\" said Agnes Moor.\n\n\"Then I shall walk,\" he said.")
	f.Add("Mr. Turton came in.\n\n\"Good morning,\" said Turton icily. \"Sit down, Fielding.\"\n\n\"Thank you, sir.\"\n\n\"And you?\"")
	f.Add("“Will you pour the tea, Mrs. Dunn?” said Miss Bertram.\n\n“I will,” said she; “the March Hare may wait.”")
	f.Add("\"\n\n\"\" said he. \"")
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, Extract(s))
	})
}
