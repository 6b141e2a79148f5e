package verbatim

// Verdicts of POST /v1/verify, as the SPEC defines them.
const (
	Attested      = "attested"
	Misattributed = "misattributed"
	Unattributed  = "unattributed"
	Altered       = "altered"
	Unattested    = "unattested"
)

// How a claim matched a span of a source.
const (
	MatchExact    = "exact"    // the claim is the whole quotation
	MatchFragment = "fragment" // the claim is part of a longer span
	MatchElided   = "elided"   // the claim's parts around an ellipsis occur in order
	MatchNear     = "near"     // a close wording, with a diff
)

// Filter narrows the sources a claim is verified against. Dates are
// YYYY-MM-DD and inclusive; a source with no date fails any date filter.
type Filter struct {
	SourceIDs       []string `json:"source_ids,omitempty"`
	Publishers      []string `json:"publishers,omitempty"`
	PublishedAfter  string   `json:"published_after,omitempty"`
	PublishedBefore string   `json:"published_before,omitempty"`
}

// Claim is what a fact-checker asks about: did Speaker say Quote?
type Claim struct {
	Quote   string  `json:"quote"`
	Speaker string  `json:"speaker,omitempty"`
	Filter  *Filter `json:"filter,omitempty"`
}

// DiffOp is one step of the word-level difference between a claim and the
// source's wording. Op is equal, replace, insert (words the claim adds) or
// delete (source words the claim drops).
type DiffOp struct {
	Op     string `json:"op"`
	Claim  string `json:"claim"`
	Source string `json:"source"`
}

// Named is a speaker or relayer as an attestation shows it.
type Named struct {
	Name    string `json:"name"`
	Mention string `json:"mention"`
}

// Attestation is one span of a source that matches a claim.
type Attestation struct {
	Source     SourceRef `json:"source"`
	Text       string    `json:"text"`
	Start      int       `json:"start"`
	End        int       `json:"end"`
	Match      string    `json:"match"`
	Similarity float64   `json:"similarity"`
	Diff       []DiffOp  `json:"diff"`
	Kind       string    `json:"kind"`
	Speaker    *Named    `json:"speaker"`
	ReportedBy *Named    `json:"reported_by"`
	Cue        *string   `json:"cue"`
	Context    string    `json:"context"`
	// SpeakerMatch tells whether this span's speaker or relayer is the
	// claimed speaker; nil when no speaker was claimed or the span has none.
	SpeakerMatch *bool `json:"speaker_match"`
}

// Verification is the answer to a claim.
type Verification struct {
	Verdict        string        `json:"verdict"`
	Quote          string        `json:"quote"`
	ClaimedSpeaker *string       `json:"claimed_speaker"`
	SpeakerMatch   *bool         `json:"speaker_match"`
	Sources        int           `json:"sources"`
	FirstSeen      *string       `json:"first_seen"`
	Attestations   []Attestation `json:"attestations"`
}
