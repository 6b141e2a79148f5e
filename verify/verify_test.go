package verify

import (
	"context"
	"strings"
	"testing"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/align"
	"github.com/verbatim/verbatim/normalize"
)

// memStore is an in-memory Store: phrase and similar search by brute force.
type memStore struct{ docs []*verbatim.Document }

func (m *memStore) Get(id string) (*verbatim.Document, bool) {
	for _, d := range m.docs {
		if d.Source.ID == id {
			return d, true
		}
	}
	return nil, false
}

func (m *memStore) Phrase(_ context.Context, parts [][]string, f *verbatim.Filter, limit int) ([]string, error) {
	var ids []string
	for _, d := range m.docs {
		norms := normalize.Norms(normalize.Words(d.Source.Text))
		ok := true
		for _, p := range parts {
			if len(align.FindExact(p, norms)) == 0 {
				ok = false
			}
		}
		if ok && passes(d, f) {
			ids = append(ids, d.Source.ID)
		}
	}
	return ids, nil
}

func (m *memStore) Similar(_ context.Context, words []string, share float64, f *verbatim.Filter, limit int) ([]string, error) {
	var ids []string
	for _, d := range m.docs {
		set := map[string]bool{}
		for _, w := range normalize.Words(d.Source.Text) {
			set[w.Norm] = true
		}
		n := 0
		for _, w := range words {
			if set[w] {
				n++
			}
		}
		if float64(n) >= share*float64(len(words)) && passes(d, f) {
			ids = append(ids, d.Source.ID)
		}
	}
	return ids, nil
}

func passes(d *verbatim.Document, f *verbatim.Filter) bool {
	if f == nil {
		return true
	}
	if len(f.SourceIDs) > 0 {
		found := false
		for _, id := range f.SourceIDs {
			found = found || id == d.Source.ID
		}
		if !found {
			return false
		}
	}
	return true
}

// surnames matches a claimed name when its last word is the last word of the
// mention's entity name or the mention itself.
type surnames struct{}

func (surnames) Matches(claimed string, m *verbatim.Mention) bool {
	last := func(s string) string {
		f := strings.Fields(strings.ToLower(s))
		if len(f) == 0 {
			return ""
		}
		return f[len(f)-1]
	}
	c := last(claimed)
	return c != "" && (c == last(m.Name) || c == last(m.Mention))
}

// doc builds a document whose quotations are given by their exact text.
func doc(id, text string, quotes ...verbatim.Quotation) *verbatim.Document {
	d := &verbatim.Document{Source: verbatim.Source{ID: id, Title: id, Text: text}}
	for _, q := range quotes {
		i := strings.Index(text, q.Text)
		if i < 0 {
			panic("quotation not in text: " + q.Text)
		}
		q.Start, q.End = i, i+len(q.Text)
		if q.Speaker != nil {
			j := strings.Index(text, q.Speaker.Mention)
			q.Speaker.Start, q.Speaker.End = j, j+len(q.Speaker.Mention)
		}
		d.Quotations = append(d.Quotations, q)
	}
	return d
}

func speaker(name, mention string) *verbatim.Mention {
	return &verbatim.Mention{Name: name, Mention: mention}
}

func fixture() *memStore {
	pub := "2019-01-01"
	a := doc("kremlin", `An official statement by the Kremlin said that "Vladimir Putin stressed that Russia-US relations are the most important factor behind ensuring strategic stability and international security, and reaffirmed that Russia is open to dialogue." Moscow also said it wanted to discuss nuclear arms. The weather in Moscow was cold that day.`,
		verbatim.Quotation{Text: "Vladimir Putin stressed that Russia-US relations are the most important factor behind ensuring strategic stability and international security, and reaffirmed that Russia is open to dialogue.", Kind: verbatim.KindDirect,
			Speaker: speaker("Vladimir Putin", "Vladimir Putin"), ReportedBy: &verbatim.Mention{Name: "Kremlin", Mention: "the Kremlin"}},
		verbatim.Quotation{Text: "it wanted to discuss nuclear arms", Kind: verbatim.KindIndirect, Speaker: speaker("Moscow", "Moscow")},
	)
	a.Source.Published = &pub
	b := doc("lavrov", `“The issue should be addressed to Washington,” Lavrov said. “Both our president and his representatives have said that we are ready for the talks when Washington is ready for it.”`,
		verbatim.Quotation{Text: "The issue should be addressed to Washington,", Kind: verbatim.KindDirect, Speaker: speaker("Sergei Lavrov", "Lavrov")},
		verbatim.Quotation{Text: "Both our president and his representatives have said that we are ready for the talks when Washington is ready for it.", Kind: verbatim.KindDirect, Speaker: speaker("Sergei Lavrov", "Lavrov")},
	)
	return &memStore{docs: []*verbatim.Document{a, b}}
}

func TestVerdicts(t *testing.T) {
	v := New(fixture(), surnames{}, DefaultConfig)
	tests := []struct {
		name, quote, speaker string
		verdict              string
		match                string
		kind                 string
		speakerMatch         *bool
		source               string
	}{
		{"exact fragment, right speaker", "Russia-US relations are the most important factor behind ensuring strategic stability", "Putin", verbatim.Attested, verbatim.MatchFragment, verbatim.KindDirect, ptr(true), "kremlin"},
		{"relayer matches too", "Russia-US relations are the most important factor", "Kremlin", verbatim.Attested, verbatim.MatchFragment, verbatim.KindDirect, ptr(true), "kremlin"},
		{"no speaker claimed", "russia us relations are the most important factor", "", verbatim.Attested, verbatim.MatchFragment, verbatim.KindDirect, nil, "kremlin"},
		{"whole quotation is exact", "The issue should be addressed to Washington", "Lavrov", verbatim.Attested, verbatim.MatchExact, verbatim.KindDirect, ptr(true), "lavrov"},
		{"other speaker", "The issue should be addressed to Washington", "Putin", verbatim.Misattributed, verbatim.MatchExact, verbatim.KindDirect, ptr(false), "lavrov"},
		{"narration only", "The weather in Moscow was cold that day", "Putin", verbatim.Unattributed, verbatim.MatchExact, verbatim.KindNarration, ptr(false), "kremlin"},
		{"ellipsis inside one quotation", "Both our president … are ready for the talks", "Lavrov", verbatim.Attested, verbatim.MatchElided, verbatim.KindDirect, ptr(true), "lavrov"},
		{"one word swapped", "Russia-US relations are the most crucial factor behind ensuring strategic stability", "Putin", verbatim.Altered, verbatim.MatchNear, verbatim.KindDirect, ptr(true), "kremlin"},
		{"one word added", "Both our president and his representatives have clearly said that we are ready for the talks", "Lavrov", verbatim.Altered, verbatim.MatchNear, verbatim.KindDirect, ptr(true), "lavrov"},
		{"indirect speech", "it wanted to discuss nuclear arms", "Moscow", verbatim.Attested, verbatim.MatchExact, verbatim.KindIndirect, ptr(true), "kremlin"},
		{"unrelated", "The central bank raised interest rates by half a point on Tuesday", "Putin", verbatim.Unattested, "", "", nil, ""},
		{"short claim is never altered", "ready talks", "", verbatim.Unattested, "", "", nil, ""},
		{"ellipsis where narration has none", "The weather in Moscow … was cold that day", "Putin", verbatim.Unattributed, verbatim.MatchExact, verbatim.KindNarration, ptr(false), "kremlin"},
		{"ellipsis where the quotation has none", "Both our president and his representatives ... have said that we are ready", "Lavrov", verbatim.Attested, verbatim.MatchFragment, verbatim.KindDirect, ptr(true), "lavrov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := v.Verify(context.Background(), verbatim.Claim{Quote: tt.quote, Speaker: tt.speaker})
			if err != nil {
				t.Fatal(err)
			}
			if res.Verdict != tt.verdict {
				t.Fatalf("verdict = %s, want %s (%+v)", res.Verdict, tt.verdict, res.Attestations)
			}
			if (res.SpeakerMatch == nil) != (tt.speakerMatch == nil) || (res.SpeakerMatch != nil && *res.SpeakerMatch != *tt.speakerMatch) {
				t.Errorf("speaker_match = %v, want %v", show(res.SpeakerMatch), show(tt.speakerMatch))
			}
			if tt.verdict == verbatim.Unattested {
				if len(res.Attestations) != 0 || res.Sources != 0 {
					t.Errorf("unattested with attestations: %+v", res.Attestations)
				}
				return
			}
			a := res.Attestations[0]
			if a.Match != tt.match || a.Kind != tt.kind || a.Source.ID != tt.source {
				t.Errorf("first attestation: match %s kind %s source %s, want %s %s %s", a.Match, a.Kind, a.Source.ID, tt.match, tt.kind, tt.source)
			}
			d, _ := fixture().Get(a.Source.ID)
			if d.Source.Text[a.Start:a.End] != a.Text {
				t.Errorf("text %q != source[%d:%d] %q", a.Text, a.Start, a.End, d.Source.Text[a.Start:a.End])
			}
			if !strings.Contains(a.Context, a.Text) {
				t.Errorf("context %q does not hold the span %q", a.Context, a.Text)
			}
			if res.Sources != 1 {
				t.Errorf("sources = %d, want 1", res.Sources)
			}
		})
	}
}

func TestNearDiff(t *testing.T) {
	v := New(fixture(), surnames{}, DefaultConfig)
	res, err := v.Verify(context.Background(), verbatim.Claim{Quote: "Russia-US relations are the most crucial factor behind ensuring strategic stability"})
	if err != nil {
		t.Fatal(err)
	}
	a := res.Attestations[0]
	want := []verbatim.DiffOp{
		{Op: "equal", Claim: "Russia-US relations are the most", Source: "Russia-US relations are the most"},
		{Op: "replace", Claim: "crucial", Source: "important"},
		{Op: "equal", Claim: "factor behind ensuring strategic stability", Source: "factor behind ensuring strategic stability"},
	}
	if len(a.Diff) != len(want) {
		t.Fatalf("diff = %+v, want %+v", a.Diff, want)
	}
	for i := range want {
		if a.Diff[i] != want[i] {
			t.Errorf("diff[%d] = %+v, want %+v", i, a.Diff[i], want[i])
		}
	}
	if a.Text != "Russia-US relations are the most important factor behind ensuring strategic stability" {
		t.Errorf("source wording = %q", a.Text)
	}
	if a.Similarity < DefaultConfig.AlteredThreshold || a.Similarity >= 1 {
		t.Errorf("similarity = %v", a.Similarity)
	}
}

func TestElidedDiffAndFirstSeen(t *testing.T) {
	v := New(fixture(), surnames{}, DefaultConfig)
	res, err := v.Verify(context.Background(), verbatim.Claim{Quote: "Russia-US relations are ... open to dialogue", Speaker: "Putin"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != verbatim.Attested || res.Attestations[0].Match != verbatim.MatchElided {
		t.Fatalf("got %s / %+v", res.Verdict, res.Attestations)
	}
	ops := res.Attestations[0].Diff
	if len(ops) != 3 || ops[0].Op != "equal" || ops[1].Op != "delete" || ops[2].Op != "equal" || ops[2].Source != "open to dialogue" {
		t.Errorf("diff = %+v", ops)
	}
	if res.FirstSeen == nil || *res.FirstSeen != "2019-01-01" {
		t.Errorf("first_seen = %v", show2(res.FirstSeen))
	}
}

func TestElidedAcrossQuotationsIsNotElided(t *testing.T) {
	v := New(fixture(), surnames{}, DefaultConfig)
	res, err := v.Verify(context.Background(), verbatim.Claim{Quote: "addressed to Washington ... ready for the talks"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Attestations {
		if a.Match == verbatim.MatchElided {
			t.Errorf("parts in two quotations matched as elided: %+v", a)
		}
	}
}

func TestValidate(t *testing.T) {
	v := New(fixture(), surnames{}, DefaultConfig)
	tests := []struct {
		name  string
		claim verbatim.Claim
		code  string
	}{
		{"empty", verbatim.Claim{Quote: ""}, verbatim.EInvalid},
		{"whitespace", verbatim.Claim{Quote: " \n\t "}, verbatim.EInvalid},
		{"punctuation only", verbatim.Claim{Quote: "“…”"}, verbatim.EInvalid},
		{"too long", verbatim.Claim{Quote: strings.Repeat("word ", 1000)}, verbatim.ETooLarge},
		{"bad utf-8", verbatim.Claim{Quote: "a\xffb"}, verbatim.EInvalid},
		{"bad date", verbatim.Claim{Quote: "a b", Filter: &verbatim.Filter{PublishedAfter: "2019-13-01"}}, verbatim.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := v.Verify(context.Background(), tt.claim)
			if got := verbatim.ErrorCode(err); err == nil || got != tt.code {
				t.Errorf("error %v (code %s), want code %s", err, got, tt.code)
			}
		})
	}
}

func ptr(b bool) *bool { return &b }

func show(b *bool) string {
	if b == nil {
		return "null"
	}
	if *b {
		return "true"
	}
	return "false"
}

func show2(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// TestElidedContiguousOnce checks that a claim with an ellipsis whose words
// are contiguous in the source is one attestation, not an exact and an
// elided one for the same span.
func TestElidedContiguousOnce(t *testing.T) {
	v := New(fixture(), surnames{}, DefaultConfig)
	res, err := v.Verify(context.Background(), verbatim.Claim{Quote: "we are ready … for the talks", Speaker: "Lavrov"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != verbatim.Attested || len(res.Attestations) != 1 {
		t.Fatalf("verdict %s with %d attestations, want attested with 1: %+v", res.Verdict, len(res.Attestations), res.Attestations)
	}
	if a := res.Attestations[0]; a.Match != verbatim.MatchFragment || a.Text != "we are ready for the talks" {
		t.Errorf("attestation %s %q", a.Match, a.Text)
	}
}

// TestNearClosestFirst checks that among close wordings the closest comes
// first, even when a less close one is a quotation.
func TestNearClosestFirst(t *testing.T) {
	store := &memStore{docs: []*verbatim.Document{
		doc("narrated", "The committee will vote on the budget proposal next Tuesday morning in Washington."),
		doc("quoted", "“The committee will not vote on the new budget proposal next Tuesday,” Smith said.",
			verbatim.Quotation{Text: "The committee will not vote on the new budget proposal next Tuesday,", Kind: verbatim.KindDirect, Speaker: speaker("John Smith", "Smith")}),
	}}
	v := New(store, surnames{}, DefaultConfig)
	res, err := v.Verify(context.Background(), verbatim.Claim{Quote: "The committee will vote on the budget proposal next Tuesday afternoon"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != verbatim.Altered || len(res.Attestations) != 2 {
		t.Fatalf("verdict %s with %d attestations, want altered with 2: %+v", res.Verdict, len(res.Attestations), res.Attestations)
	}
	if a, b := res.Attestations[0], res.Attestations[1]; a.Source.ID != "narrated" || a.Similarity <= b.Similarity {
		t.Errorf("first attestation %s at %v, then %s at %v; want the closest first", a.Source.ID, a.Similarity, b.Source.ID, b.Similarity)
	}
	if res.Sources != 2 {
		t.Errorf("sources = %d, want 2", res.Sources)
	}
}

// TestFirstSeenOrdersTimes checks that first_seen compares RFC 3339 times
// as instants, not as text.
func TestFirstSeenOrdersTimes(t *testing.T) {
	a := doc("a", "“We are ready for the talks,” Lavrov said.", verbatim.Quotation{Text: "We are ready for the talks,", Kind: verbatim.KindDirect, Speaker: speaker("Sergei Lavrov", "Lavrov")})
	b := doc("b", "“We are ready for the talks,” Lavrov told reporters.", verbatim.Quotation{Text: "We are ready for the talks,", Kind: verbatim.KindDirect, Speaker: speaker("Sergei Lavrov", "Lavrov")})
	c := doc("c", "Nobody said: we are ready for the talks.")
	pa, pb, pc := "2019-01-02T01:00:00+05:00", "2019-01-01T22:00:00Z", "2018-12-01"
	a.Source.Published, b.Source.Published, c.Source.Published = &pa, &pb, &pc
	v := New(&memStore{docs: []*verbatim.Document{a, b, c}}, surnames{}, DefaultConfig)
	res, err := v.Verify(context.Background(), verbatim.Claim{Quote: "we are ready for the talks", Speaker: "Lavrov"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != verbatim.Attested {
		t.Fatalf("verdict %s", res.Verdict)
	}
	// c is earlier but narration, which does not support attested.
	if res.FirstSeen == nil || *res.FirstSeen != pa {
		t.Errorf("first_seen = %s, want %s", show2(res.FirstSeen), pa)
	}
	if res.Sources != 3 {
		t.Errorf("sources = %d, want 3", res.Sources)
	}
}

// A quotation whose source names only a relayer is still someone's
// quotation: claimed for another speaker, it is misattributed.
func TestRelayerOnlyIsMisattributed(t *testing.T) {
	d := doc("relay", `The Kremlin said that "talks will resume in the spring" after the holidays.`,
		verbatim.Quotation{Text: "talks will resume in the spring", Kind: verbatim.KindDirect,
			ReportedBy: &verbatim.Mention{Name: "Kremlin", Mention: "The Kremlin"}})
	v := New(&memStore{docs: []*verbatim.Document{d}}, surnames{}, DefaultConfig)
	res, err := v.Verify(context.Background(), verbatim.Claim{Quote: "talks will resume in the spring", Speaker: "Lavrov"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != verbatim.Misattributed {
		t.Fatalf("verdict = %s, want misattributed", res.Verdict)
	}
}
