// Package attribution finds quotations in a text and who they are
// attributed to: direct quotations (between quotation marks) and indirect
// speech (the clause a cue governs), with the cue, the speaker resolved to
// one entity per text, and the relayer of nested attributions. Registry
// merges speakers across texts. It uses the standard library only, and one
// tokenizing pass per text (no regular expressions), so it runs at several
// megabytes per second per core.
//
// Decisions the API's users can rely on:
//
//   - Offsets are UTF-8 byte offsets on rune boundaries; every Text, Cue,
//     Speaker.Mention and ReportedBy.Mention equals text[Start:End].
//   - A direct quotation's Text is what lies inside the marks, white space trimmed.
//     Marks pair within a family (double: " “ ” „ « »; single: ' ‘ ’ ‹ ›), so
//     mismatched glyphs such as "…” still pair, and an apostrophe never closes “…”.
//     The NYT archive's ” counts as a double mark.
//   - A quotation over several paragraphs (an opening mark on each, one closing mark
//     at the end) is one quotation spanning them all.
//   - A quotation interrupted by its attribution ("…," Putin said, "…", also across
//     the sentence end that follows the attribution) is one quotation from the start
//     of the first part to the end of the last; the cue and speaker mention lie inside
//     [Start, End). A quotation paragraph right after such a `"…," X said.` paragraph
//     is not merged; it takes X as its speaker instead.
//   - Scare quotes and titles are not speech: a quotation with no cue governing it
//     is dropped when it has three words or fewer, or is in title case (every word
//     capitalised bar short function words such as "of", "the", "and"), whatever
//     its length ("The Old Man and the Sea"); in fiction, title case is every
//     word of four letters or more capitalised, in eight words or fewer. Inside
//     indirect speech ("ready for “the most extensive
//     agenda”") a short quotation is kept, with the speaker of that speech.
//   - A quotation with no cue of its own that opens a paragraph takes the speaker of
//     the previous paragraph's last attribution (or of a "X said:" line before it).
//   - Relayed speech: when a quotation or reported clause opens with its own
//     attribution ("Vladimir Putin stressed that …") or a frame sits inside another
//     frame's reported words, the inner speaker is the Speaker and the outer one the
//     ReportedBy ("An official statement by the Kremlin").
//   - Speaker.Name is the fullest proper name the text uses for the entity ("Vladimir
//     Putin" for "he", "the Russian president", "Putin"); descriptions that match no
//     named entity keep their own words without the article ("spokesman for the
//     campaign"); unresolved pronouns give no Speaker. Outside fiction "I", "we" and
//     "you" (a writer's own words, an interviewee's answer, the reader addressed) are
//     a Speaker named by the pronoun itself; Registry does not merge such speakers
//     across sources.
//   - A learned speaker ranker (rank.go; weights in speaker_model.json, trained on
//     PolNeAR train by `go run ./attribution/train`) may replace the rules' speaker
//     with another person or organisation named nearby (in news also with another
//     mention of the same speaker, the one the attribution rests on: "as he urges"
//     rather than the full name a sentence before); it leaves relayed speech and
//     a cue's own proper-name subject (bar a clear lead) alone.
//   - In novels a second learned model, the conversation model (novelrank.go;
//     weights in novel_model.json, trained on the first 16 PDNC novels by
//     `go run ./attribution/train --pdnc ../shared/data/pdnc`), may then replace
//     the dialogue rules' speaker of a he/she, a description (resolved or not),
//     an uncued turn or a quotation left without one with another person of the
//     scene (named lately, a recent turn's speaker or addressee, the speaker a
//     cue of the next turns names, the next turn's addressee) that clearly
//     outscores it; a cue's named speaker stays.
//   - A quotation paragraph that carries over the previous paragraph's speaker also
//     carries its cue (outside the quotation's span).
//   - In novels, honorifics tell people apart ("Mr. Musgrove" ≠ "Mrs Musgrove") and
//     join a surname-only name ("Mrs. Sparsit"); a surname with an honorific is a
//     person of its own, not a full name of that surname ("Mr. Bennet" ≠ "Eliza
//     Bennet"), nor is "Miss Bertram" Lady Bertram; a rank is an honorific
//     ("Major Callendar", a man's); a bare surname is the one man the novel
//     writes with that surname and an honorific ("Turton"); a plural title
//     names nobody ("Mesdames Callendar and Lesley"); he/she
//     agree with a gender from titles, given names, trades or the pronouns that
//     follow the name. A description that speaks keeps the phrase that tells
//     who it is ("the gentleman in the white waistcoat", "Brenda's solicitor"),
//     and almost any past form next to a quotation and its speaker is a cue
//     ("“…,” yawned Mrs. Moore").
//   - A coordination of people ("Presidential candidates Hillary Clinton and Donald
//     Trump said") names its first person; the mention keeps the whole phrase, and
//     Registry counts the quotation for each person and matches a claim of any.
//     Epithets, gerunds and headline words ("Crooked", "Injecting", "Christie Is
//     Over …") and premodifiers before a title ("Florida Gov.") are no part of a
//     name; "Mr."/"Mrs." never join a person of the other gender.
//   - In fiction (long texts with many quotations, dialogue.go) a quotation
//     paragraph is a turn: an uncued turn after turns of A and B is A's, a "he
//     replied" right after B's turn is not B when someone else fits, and names
//     inside quotations are no antecedents of pronouns; a cue's he/she is
//     resolved among the people of the scene (named in the paragraph, recent,
//     the conversation's other participant, not the one addressed).
//   - Confidence ranks quotations: direct above indirect, speech cues above beliefs,
//     named speakers above descriptions above pronouns above speakers carried over
//     from an earlier paragraph, and no speaker lowest.
package attribution
