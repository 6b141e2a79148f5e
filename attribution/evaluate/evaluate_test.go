package evaluate

import (
	"os"
	"path/filepath"
	"testing"
)

var dataDir = filepath.Join("..", "..", "..", "shared", "data")

// Floors are the figures reached on PolNeAR dev and PDNC when the rules were
// last tuned, minus a small margin. Raise them when extraction improves;
// never lower them.
const (
	floorDirectF1    = 0.920 // reached 0.926 (0.927 before the quantifier-subject, lexicon and tokenizer changes)
	floorIndirectF1  = 0.684 // reached 0.691 (0.687 before participle, told-without-that and noun-cue fixes; 0.676 before quantifier subjects, endorse/oppose/seek, coordinated-clause cuts and decimal numbers; 0.655 before long subjects, coordinated cues, parenthetical and headline attributions)
	floorAllF1       = 0.760 // reached 0.767
	floorSpeakerAcc  = 0.893 // reached 0.901-0.902 (0.900 before coordinated second cues and kept outer attributions; 0.896 before nested frames ended at the outer cue and possessive candidates; 0.880 before I/we/you speakers, post-posed speakers over a quotation's opening words, ranked headlines, quantifier subjects and the tokenizer fixes; 0.874 before other mentions of the rules' entity could win in news, 0.872 before the ranker's features conjoined with the kind of the rules' speaker, 0.867 before the ranker's clause-role features, 0.812 before the ranker)
	floorTopBucketP  = 0.935 // precision at confidence >= 0.85, reached 0.936 (0.941 before the seed-article fixes, 0.942 before the last round)
	floorPDNCRecallX = 0.982 // Explicit recall, reached 0.990 (0.986 before a novel's short turns stopped being taken for scare quotes; 0.983 before verbs of manner and adjuncts before quotations; 0.970 before the novel rounds; 0.959 before this round: decimal numbers as one token, mostly)
	floorPDNCSpkX    = 0.940 // Explicit speaker accuracy, reached 0.946 (0.944 before the name fixes of "Miss Quested", a first name of two full names, "Brenda Last", cues after long speeches and addressees after a quotation; 0.939 before the conversation model looked ahead, novels' quotations stopped relaying and the cue and name fixes of that round; 0.935 before descriptions kept their phrases; 0.933 before verbs of manner and surname words; 0.927 before the conversation model, "Miss Bertram" and "Turton"; 0.894 before three rounds of novel dialogue and entity rules; 0.883 before this round: decimal numbers as one token, mostly; 0.873 before novels kept "Mr. Bennet" apart from "Eliza Bennet", 0.845 before gold aliases counted)
	floorPDNCRecallA = 0.978 // Anaphoric recall, reached 0.985 (0.984 before "murmured back to him" and long speeches; 0.979 before short turns; 0.976 before verbs of manner and adjuncts before quotations; 0.957 before the novel rounds; 0.944 before this round)
	floorPDNCSpkA    = 0.594 // Anaphoric speaker accuracy, reached 0.600 (0.597 before the name fixes and "was her answer" of that round; over more, shorter quotations since short turns count; 0.573 before the conversation model looked ahead to the next turns' cues, addressees and he/she) (0.569 before verbs of manner and surname words; 0.542 before the conversation model; 0.539 before salience of recent speakers; 0.349 before three rounds of novel dialogue and entity rules; 0.342 before this round; 0.275 before novels kept honorific surnames apart and resolved he/she among the scene's people, 0.274 before the ranker's clause-role features)
)

func TestPolNeARDev(t *testing.T) {
	root := filepath.Join(dataDir, "polnear")
	if _, err := os.Stat(filepath.Join(root, "data", "dev")); err != nil {
		t.Skip("PolNeAR not available")
	}
	r, err := EvalPolNeAR(root, "dev", Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, df := r.Direct()
	_, _, inf := r.Indirect()
	_, _, af := r.All()
	top := r.Buckets[len(r.Buckets)-1]
	t.Logf("direct F1 %.3f, indirect F1 %.3f, all F1 %.3f, speaker %.3f, top-bucket P %.3f", df, inf, af, r.SpeakerAccuracy(), ratio(top.Match, top.Pred))
	for _, c := range []struct {
		what       string
		got, floor float64
	}{
		{"direct F1", df, floorDirectF1},
		{"indirect F1", inf, floorIndirectF1},
		{"all F1", af, floorAllF1},
		{"speaker accuracy", r.SpeakerAccuracy(), floorSpeakerAcc},
		{"top-bucket precision", ratio(top.Match, top.Pred), floorTopBucketP},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.3f fell below %.3f", c.what, c.got, c.floor)
		}
	}
	// confidence must rank: the top bucket is at least as precise as the bottom one
	if b0 := r.Buckets[0]; b0.Pred > 0 && ratio(b0.Match, b0.Pred) > ratio(top.Match, top.Pred) {
		t.Errorf("low-confidence precision %.3f above high-confidence %.3f", ratio(b0.Match, b0.Pred), ratio(top.Match, top.Pred))
	}
}

func TestPolNeARRefusesTest(t *testing.T) {
	if _, err := LoadPolNeAR(filepath.Join(dataDir, "polnear"), "test"); err == nil {
		t.Error("the test split was not refused")
	}
}

func TestPDNC(t *testing.T) {
	root := filepath.Join(dataDir, "pdnc")
	if _, err := os.Stat(filepath.Join(root, "data")); err != nil {
		t.Skip("PDNC not available")
	}
	if testing.Short() {
		t.Skip("PDNC takes a few seconds")
	}
	r, err := EvalPDNC(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x, a := r.Types["Explicit"], r.Types["Anaphoric"]
	if x == nil || a == nil {
		t.Fatalf("quote types missing: %v", r.Types)
	}
	t.Logf("Explicit recall %.3f speaker %.3f; Anaphoric recall %.3f speaker %.3f", x.Recall(), x.Accuracy(), a.Recall(), a.Accuracy())
	if x.Recall() < floorPDNCRecallX || x.Accuracy() < floorPDNCSpkX || a.Recall() < floorPDNCRecallA || a.Accuracy() < floorPDNCSpkA {
		t.Errorf("PDNC figures fell below their floors")
	}
}

func TestBratParsing(t *testing.T) {
	dir := t.TempDir()
	text := "Zoë said “hi” to them.\nMore."
	ann := "T1\tSource 0 3\tZoë\nT2\tCue 4 8\tsaid\nT3\tContent 9 13;14 16\t“hi” to\nnot a line\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
	p := filepath.Join(dir, "a.ann")
	if err := os.WriteFile(p, []byte(ann), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := readAnn(p, text)
	if err != nil || len(g) != 1 {
		t.Fatalf("readAnn = %v, %v", g, err)
	}
	if got := text[g[0].Source[0].S:g[0].Source[0].E]; got != "Zoë" {
		t.Errorf("source %q", got)
	}
	if len(g[0].Content) != 2 || text[g[0].Content[0].S:g[0].Content[0].E] != "“hi”" || !g[0].Direct {
		t.Errorf("content %+v", g[0])
	}
}
