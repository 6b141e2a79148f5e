package attribution

import (
	"testing"

	verbatim "github.com/verbatim/verbatim"
)

// want describes one expected quotation; empty fields are not checked,
// "-" means the field must be absent.
type want struct {
	kind, text, speaker, mention, relayer, cue string
}

func TestConstructions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"post-posed cue", `"We are ready," Putin said.`,
			[]want{{kind: "direct", text: "We are ready,", speaker: "Putin", cue: "said"}}},
		{"inverted cue", `"We are ready," said Vladimir Putin.`,
			[]want{{kind: "direct", text: "We are ready,", speaker: "Vladimir Putin", mention: "Vladimir Putin"}}},
		{"colon", `Putin said: "We are ready to talk."`,
			[]want{{kind: "direct", text: "We are ready to talk.", speaker: "Putin", cue: "said"}}},
		{"curly marks", `Putin said: “We are ready to talk.”`,
			[]want{{kind: "direct", text: "We are ready to talk.", speaker: "Putin"}}},
		{"single marks", `Putin wrote: ‘We are ready to talk when you are.’`,
			[]want{{kind: "direct", text: "We are ready to talk when you are.", speaker: "Putin"}}},
		{"guillemets", `Putin said: «We are ready to talk.»`,
			[]want{{kind: "direct", text: "We are ready to talk.", speaker: "Putin"}}},
		{"german marks", `Merkel said: „We are ready to talk.“`,
			[]want{{kind: "direct", text: "We are ready to talk.", speaker: "Merkel"}}},
		{"apostrophes are not marks", `Putin said: “Russia’s door isn’t closed, it’s open.”`,
			[]want{{kind: "direct", text: "Russia’s door isn’t closed, it’s open.", speaker: "Putin"}}},
		{"nested quote", `Smith said: "He told me 'never again' and left."`,
			[]want{{kind: "direct", text: "He told me 'never again' and left.", speaker: "Smith"}}},
		{"mismatched marks", `Putin told Trump that Moscow was ready for dialogue on "the most extensive agenda”, the Kremlin said.`,
			[]want{
				{kind: "indirect", text: `that Moscow was ready for dialogue on "the most extensive agenda”`, speaker: "Putin", relayer: "Kremlin"},
				{kind: "direct", text: "the most extensive agenda", speaker: "Putin", relayer: "Kremlin"},
			}},
		{"interrupted quotation", `"We are ready," Putin said, "and we will wait."`,
			[]want{{kind: "direct", text: `We are ready," Putin said, "and we will wait.`, speaker: "Putin", cue: "said"}}},
		{"interrupted over a sentence end", "“Relations have great potential,” the Russian President Vladimir Putin said in his message. “I count on our joint work.”",
			[]want{{kind: "direct", text: "Relations have great potential,” the Russian President Vladimir Putin said in his message. “I count on our joint work.", speaker: "Vladimir Putin"}}},
		{"multi-paragraph quotation", "Putin said:\n“The first paragraph goes on here.\n“The second paragraph ends it.”",
			[]want{{kind: "direct", text: "The first paragraph goes on here.\n“The second paragraph ends it.", speaker: "Putin"}}},
		{"scare quote", `The so-called "deal" collapsed on Monday.`, nil},
		{"quoted title", `He watched "Meet The Press" on Sunday.`, nil},
		{"title of short words", `He read "The Old Man And The Sea" on the plane.`, nil},
		{"long title", `He watched "The Long Walk To Freedom Of The People Of South Africa And Beyond" on Sunday.`, nil},
		{"said that", `Putin said that Moscow was ready for dialogue.`,
			[]want{{kind: "indirect", text: "that Moscow was ready for dialogue", speaker: "Putin", cue: "said"}}},
		{"told addressee", `Putin told Trump on Sunday that Moscow was ready.`,
			[]want{{kind: "indirect", text: "that Moscow was ready", speaker: "Putin", cue: "told"}}},
		{"said without that", `Lavrov said Russia was ready for talks.`,
			[]want{{kind: "indirect", text: "Russia was ready for talks", speaker: "Lavrov"}}},
		{"partitive description", `"We will not comment," said one of the officials.`,
			[]want{{kind: "direct", speaker: "one of the officials", mention: "one of the officials"}}},
		{"according to", `According to Lavrov, the ball is now in Washington's court.`,
			[]want{{kind: "indirect", text: "the ball is now in Washington's court", speaker: "Lavrov", cue: "According to"}}},
		{"clause then cue", `The ball is now in Washington's court, Lavrov stressed.`,
			[]want{{kind: "indirect", text: "The ball is now in Washington's court", speaker: "Lavrov", cue: "stressed"}}},
		{"pronoun speaker", "Vladimir Putin spoke on Sunday. He said that Russia was ready.",
			[]want{{kind: "indirect", speaker: "Vladimir Putin", mention: "He"}}},
		{"description speaker", "Russian President Vladimir Putin met Trump. The Russian president said that talks would go on.",
			[]want{{kind: "indirect", speaker: "Vladimir Putin", mention: "The Russian president"}}},
		{"description with of", "Russian President Vladimir Putin wrote to Angela Merkel. In his message, the President of Russia noted the progress made.",
			[]want{{kind: "indirect", text: "the progress made", speaker: "Vladimir Putin", mention: "the President of Russia"}}},
		{"organisation speaker", "The Kremlin said that talks would go on.",
			[]want{{kind: "indirect", speaker: "Kremlin", mention: "The Kremlin"}}},
		{"relayed statement", `An official statement by the Kremlin said that "Vladimir Putin stressed that Russia is open to dialogue."`,
			[]want{{kind: "direct", text: "Vladimir Putin stressed that Russia is open to dialogue.", speaker: "Vladimir Putin", relayer: "Kremlin", cue: "stressed"}}},
		{"paragraph takes previous speaker", "Russian Foreign Minister Sergei Lavrov said that Russia was ready.\n“The issue should be addressed to Washington.”",
			[]want{
				{kind: "indirect", speaker: "Sergei Lavrov"},
				{kind: "direct", text: "The issue should be addressed to Washington.", speaker: "Sergei Lavrov", cue: "said"},
			}},
		{"inner cue yielding nothing", `Vladimir Putin said that he would not respond to the attacks.`,
			[]want{{kind: "indirect", text: "that he would not respond to the attacks", speaker: "Vladimir Putin"}}},
		{"long subject", `A person familiar with the planning for Thursday’s meeting says the discussion will focus on the delegates.`,
			[]want{{kind: "indirect", text: "the discussion will focus on the delegates", mention: "A person familiar with the planning for Thursday’s meeting"}}},
		{"apposition with a place", `Christopher Harvey, a delegate from Houston, Texas, said the turmoil was all part of the circus.`,
			[]want{{kind: "indirect", text: "the turmoil was all part of the circus", speaker: "Christopher Harvey"}}},
		{"coordinated cue", `John McCain survived five years in a Vietnamese prison and says such techniques are inhumane.`,
			[]want{{kind: "indirect", text: "such techniques are inhumane", speaker: "John McCain"}}},
		{"parenthetical cue", `Mike Pence spoke in Ohio. Time, Mr. Pence added, was on their side.`,
			[]want{{kind: "indirect", text: "Time, Mr. Pence added, was on their side", speaker: "Mike Pence"}}},
		{"post-posed with a time", `The couple were among the passengers, foreign ministry spokesman Benali Cherif said Thursday.`,
			[]want{{kind: "indirect", text: "The couple were among the passengers", speaker: "Benali Cherif"}}},
		{"according to a poll", `Trump received 37 percent and Clinton had 36 percent, according to the results.`,
			[]want{{kind: "indirect", text: "Trump received 37 percent and Clinton had 36 percent", mention: "the results"}}},
		{"proportion", `Two in three said they are less likely to vote Republican.`,
			[]want{{kind: "indirect", text: "they are less likely to vote Republican", mention: "Two in three"}}},
		{"participle", `The Russian president Vladimir Putin wrote to Xi, saying “Our relations have reached an unprecedented level.”`,
			[]want{{kind: "direct", speaker: "Vladimir Putin", cue: "saying"}}},
		{"apposition", `Bernie Sanders, a senator from Vermont, said that stagnation fuels anger.`,
			[]want{{kind: "indirect", text: "that stagnation fuels anger", speaker: "Bernie Sanders"}}},
		{"poll figures", `Nearly half said they prefer someone with experience.`,
			[]want{{kind: "indirect", text: "they prefer someone with experience", mention: "Nearly half"}}},
		{"participle after that-clause", `Putin explained that Russia had no choice, adding that sanctions would not work.`,
			[]want{
				{kind: "indirect", text: "that Russia had no choice", speaker: "Putin", cue: "explained"},
				{kind: "indirect", text: "that sanctions would not work", speaker: "Putin", cue: "adding", relayer: "-"},
			}},
		{"participle after a quotation", `Peskov said: “We are ready for talks on any subject,” adding that no date was set.`,
			[]want{
				{kind: "direct", text: "We are ready for talks on any subject,", speaker: "Peskov", cue: "said"},
				{kind: "indirect", text: "that no date was set", speaker: "Peskov", cue: "adding", relayer: "-"},
			}},
		{"told addressee without that", `Putin told Trump Russia was ready for talks.`,
			[]want{{kind: "indirect", text: "Russia was ready for talks", speaker: "Putin", cue: "told"}}},
		{"asked addressee whether", `Reporters asked Putin whether he would meet Trump.`,
			[]want{{kind: "indirect", text: "whether he would meet Trump", speaker: "Reporters", cue: "asked"}}},
		{"noun cue with a copula and colon", `Putin's message was clear: “We are ready for talks on any subject.”`,
			[]want{{kind: "direct", text: "We are ready for talks on any subject.", speaker: "Putin", mention: "Putin", cue: "message"}}},
		{"noun cue read", `“We are ready for talks on any subject,” the Kremlin statement read.`,
			[]want{{kind: "direct", text: "We are ready for talks on any subject,", speaker: "Kremlin", cue: "read"}}},
		{"colon after an adjunct, quotation next paragraph", "Vladimir Putin said on Sunday:\n“We are ready for talks on any subject.”",
			[]want{{kind: "direct", text: "We are ready for talks on any subject.", speaker: "Vladimir Putin", cue: "said"}}},
		{"relative clause inside the subject", `Mr. Smith, a senator who describes himself as a moderate, said the plan would fail.`,
			[]want{
				{kind: "indirect", text: "himself as a moderate", mention: "who"},
				{kind: "indirect", text: "the plan would fail", speaker: "Mr. Smith", cue: "said"},
			}},
		{"any cue with a that-clause after a comma", `Trump said he would bring back waterboarding, he clarified that it would be legal.`,
			[]want{
				{kind: "indirect", text: "he would bring back waterboarding", speaker: "Trump", cue: "said"},
				{kind: "indirect", text: "that it would be legal", cue: "clarified"},
			}},
		{"coordinated second cue", `The mayor noted the long history of trade between the towns and said that more work was needed.`,
			[]want{
				{kind: "indirect", text: "the long history of trade between the towns", speaker: "mayor", cue: "noted"},
				{kind: "indirect", text: "that more work was needed", speaker: "mayor", cue: "said"},
			}},
		{"coordinated expressed hope", `Jane Doe praised the long history of trade between the towns and expressed hope for further joint projects next year.`,
			[]want{
				{kind: "indirect", text: "the long history of trade between the towns", speaker: "Jane Doe", cue: "praised"},
				{kind: "indirect", text: "for further joint projects next year", speaker: "Jane Doe", cue: "expressed hope"},
			}},
		{"belief restated by a relative clause", `Still, the mayor hopes to build a new bridge, a view which the council has often repeated.`,
			[]want{{kind: "indirect", text: "the mayor hopes to build a new bridge", speaker: "council", cue: "has often repeated", relayer: "-"}}},
		{"relayed clause holding a participle's quotation", "The mayor also sent greetings to other towns, wishing “good luck to the people”, the council said.",
			[]want{
				{kind: "indirect", text: "The mayor also sent greetings to other towns, wishing “good luck to the people”", speaker: "council", cue: "said", relayer: "-"},
				{kind: "direct", text: "good luck to the people", speaker: "mayor", cue: "wishing", relayer: "council"},
			}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Extract(tc.in)
			checkSpans(t, tc.in, got)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d quotations, want %d: %s", len(got), len(tc.want), dump(got))
			}
			for i, w := range tc.want {
				g := got[i]
				check := func(what, want, got string) {
					t.Helper()
					if want == "" {
						return
					}
					if want == "-" {
						want = ""
					}
					if want != got {
						t.Errorf("quotation %d: %s = %q, want %q\n%s", i, what, got, want, dump(got2(g)))
					}
				}
				check("kind", w.kind, g.Kind)
				check("text", w.text, g.Text)
				check("speaker", w.speaker, name(g.Speaker))
				check("mention", w.mention, mention(g.Speaker))
				check("reported_by", w.relayer, name(g.ReportedBy))
				cue := ""
				if g.Cue != nil {
					cue = g.Cue.Text
				}
				check("cue", w.cue, cue)
			}
		})
	}
}

func got2(q verbatim.Quotation) []verbatim.Quotation { return []verbatim.Quotation{q} }

func name(m *verbatim.Mention) string {
	if m == nil {
		return ""
	}
	return m.Name
}

func mention(m *verbatim.Mention) string {
	if m == nil {
		return ""
	}
	return m.Mention
}

func dump(qs []verbatim.Quotation) string {
	s := ""
	for _, q := range qs {
		s += "  " + q.Kind + " " + q.Text + " [" + name(q.Speaker) + " <" + mention(q.Speaker) + "> rel " + name(q.ReportedBy) + "]\n"
	}
	return s
}

// TestConfidenceRanks checks that confidence orders attributions as documented.
func TestConfidenceRanks(t *testing.T) {
	named := Extract(`"We will win the vote next week," Putin said.`)
	pron := Extract("Vladimir Putin spoke. \"We will win the vote next week,\" he said.")
	none := Extract(`The crowd chanted "we will win the vote next week" all night long.`)
	if len(named) != 1 || len(pron) != 1 || len(none) != 1 {
		t.Fatalf("got %d, %d, %d quotations", len(named), len(pron), len(none))
	}
	if !(named[0].Confidence > pron[0].Confidence && pron[0].Confidence > none[0].Confidence) {
		t.Errorf("confidences named %.2f, pronoun %.2f, none %.2f: want decreasing", named[0].Confidence, pron[0].Confidence, none[0].Confidence)
	}
}
