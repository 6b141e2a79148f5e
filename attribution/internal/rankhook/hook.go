// Package rankhook lets the speaker-ranker trainer (attribution/train) see
// the speaker candidates Extract weighs for each quotation, with their
// features, without widening the public API of package attribution.
package rankhook

// Candidate is one possible speaker of a quotation: the byte span of its
// mention, the entity name it resolves to, and the names of its features.
type Candidate struct {
	Start, End int
	Name       string
	Feats      []string
	Proper     bool // the rules' proper-name speaker found by a cue: Extract adds its margin to the score
}

// Quote is one quotation (byte span, before emission) and its speaker candidates.
type Quote struct {
	Start, End int
	Cands      []Candidate
}

// Observe, when set, receives the candidates of every quotation of each
// Extract call. It is for the single-threaded trainer only; production code
// leaves it nil.
var Observe func(qs []Quote)

// ObserveNovel, when set, receives the candidates the conversation model
// weighs for every direct quotation of a novel, the rules' choice first.
// Like Observe, it is for the single-threaded trainer only.
var ObserveNovel func(qs []Quote)

// ProperMargin is the lead another candidate needs over a proper-name
// speaker the rules found by a cue (Extract's properMargin), shared with
// the trainer's --cv.
const ProperMargin = 5.0
