package api_test

import (
	"net/url"
	"strings"
	"testing"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/api"
)

func (e *env) speakers(t *testing.T) map[string]verbatim.Speaker {
	t.Helper()
	var sl api.SpeakerList
	r := e.do("GET", "/v1/speakers?limit=1000", "", "")
	if r.status != 200 {
		t.Fatalf("GET /v1/speakers = %d: %s", r.status, r.body)
	}
	r.decode(t, &sl)
	out := map[string]verbatim.Speaker{}
	for _, s := range sl.Speakers {
		out[s.Name] = s
	}
	return out
}

func (e *env) bySpeaker(t *testing.T, name string) api.QuotationList {
	t.Helper()
	var ql api.QuotationList
	r := e.do("GET", "/v1/quotations?limit=100&speaker="+url.QueryEscape(name), "", "")
	if r.status != 200 {
		t.Fatalf("?speaker=%s = %d: %s", name, r.status, r.body)
	}
	r.decode(t, &ql)
	return ql
}

func (e *env) verifyAs(t *testing.T, quote, speaker string) verbatim.Verification {
	t.Helper()
	var v verbatim.Verification
	body := `{"quote":` + jsonString(quote) + `,"speaker":` + jsonString(speaker) + `}`
	r := e.do("POST", "/v1/verify", "application/json", body)
	if r.status != 200 {
		t.Fatalf("verify %q as %q = %d: %s", quote, speaker, r.status, r.body)
	}
	r.decode(t, &v)
	return v
}

func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// GET /v1/speakers, ?speaker= and POST /v1/verify agree on the seed corpus:
// every listed entity, relayers included, finds exactly quotations +
// reported quotations by its name, and at least those by each alias.
func TestSpeakersAgreeWithSearch(t *testing.T) {
	e := newEnv(t, "")
	sp := e.speakers(t)
	for name, s := range sp {
		if got := e.bySpeaker(t, name).Total; got != s.Quotations+s.Reported {
			t.Errorf("%s: listed with %d quotations + %d reported, ?speaker= finds %d", name, s.Quotations, s.Reported, got)
		}
		for _, a := range s.Aliases {
			if got := e.bySpeaker(t, a).Total; got < s.Quotations+s.Reported {
				t.Errorf("%s: alias %q finds %d quotations, fewer than the entity's %d", name, a, got, s.Quotations+s.Reported)
			}
		}
	}

	// 1. the Kremlin relays five quotations and states two ("…, a sentiment
	// which the Kremlin has repeatedly stated"; "Putin also sent … greetings …,
	// the Kremlin said"): it is listed, with them apart
	k, ok := sp["Kremlin"]
	if !ok {
		t.Fatal("the Kremlin, relayer of 5 quotations, is not listed")
	}
	if k.Quotations != 2 || k.Reported != 5 || k.Sources != 2 {
		t.Errorf("Kremlin = %+v, want 2 quotations, 5 reported, 2 sources", k)
	}
	if r := e.do("GET", "/v1/speakers", "", ""); !strings.Contains(string(r.body), `"reported":`) {
		t.Errorf("no reported field in %s", r.body)
	}
	// 2. and 4. "Moscow and London agreed" counts for Moscow and for London
	if m := sp["Moscow"]; m.Quotations != 4 {
		t.Errorf("Moscow = %+v, want 4 quotations", m)
	}
	if _, ok := sp["Moscow and London"]; ok {
		t.Error(`"Moscow and London" is listed as one entity`)
	}
	l, ok := sp["London"]
	if !ok || l.Quotations != 1 {
		t.Errorf("London = %+v, %v; want 1 quotation", l, ok)
	}
	for name, s := range sp {
		if name != "London" && hasAliasAPI(s, "London") {
			t.Errorf("%s steals the alias London: %+v", name, s)
		}
	}
	if ql := e.bySpeaker(t, "London"); ql.Total != 1 || ql.Quotations[0].Quotation.Speaker.Mention != "Moscow and London" {
		t.Errorf("?speaker=London = %+v, want the one Moscow and London quotation", ql)
	}
	// 3. an organisation has no surname
	rs := sp["Raw Story"]
	if hasAliasAPI(rs, "Story") {
		t.Errorf("Raw Story has the alias Story: %+v", rs)
	}
	if got := e.bySpeaker(t, "Story").Total; got != 0 {
		t.Errorf("?speaker=Story finds %d quotations", got)
	}

	// POST /v1/verify matches the same speakers
	for _, tc := range []struct {
		quote, speaker, verdict string
	}{
		{"well-being and prosperity to the British people", "Kremlin", "attested"},
		{"well-being and prosperity to the British people", "the Kremlin", "attested"},
		{"to return some staff to their respective embassies", "London", "attested"},
		{"to return some staff to their respective embassies", "Moscow", "attested"},
		{"that Moscow and London had agreed to return some staff", "London", "misattributed"},
		{"that Moscow and London had agreed to return some staff", "Russia’s embassy in London", "attested"},
		{"that Moscow and London had agreed to return some staff", "Reuters", "attested"},
	} {
		if v := e.verifyAs(t, tc.quote, tc.speaker); v.Verdict != tc.verdict {
			t.Errorf("verify %q as %q = %s, want %s", tc.quote, tc.speaker, v.Verdict, tc.verdict)
		}
	}
	if v := e.verifyAs(t, "The Kremlin published a summary of Putin’s New Year’s letter", "Story"); v.SpeakerMatch == nil || *v.SpeakerMatch {
		t.Errorf(`verify of a Raw Story quotation as "Story": speaker_match %v, verdict %s`, v.SpeakerMatch, v.Verdict)
	}
}

func hasAliasAPI(s verbatim.Speaker, a string) bool {
	for _, x := range s.Aliases {
		if x == a {
			return true
		}
	}
	return false
}
