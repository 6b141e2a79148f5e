package attribution

import (
	"strings"
	"testing"

	"github.com/verbatim/verbatim"
)

// novelFiller is invented dialogue that makes a snippet long enough, and
// rich enough in quotations, for the dialogue rules of fiction to apply.
func novelFiller() string {
	var b strings.Builder
	for b.Len() < dialogueMinBytes+2000 {
		b.WriteString("\n\n\"The lamps are lit along the harbour wall tonight,\" said the keeper.\n\n\"Then the boats will come in before the tide turns,\" said the boy.")
	}
	return b.String()
}

// TestFictionDialogue checks the dialogue rules of novels on invented
// snippets, each put before enough filler dialogue to read as fiction.
func TestFictionDialogue(t *testing.T) {
	filler := novelFiller()
	cases := []struct {
		name, text, quote, speaker string
	}{
		{"paragraph ending in said, announces the next",
			"Harriet Vane put down her cup, and, turning to the window, said,\n\n\"I shall not stay another hour in this house.\"",
			"I shall not stay another hour in this house.", "Harriet Vane"},
		{"a paragraph ending in a particle verb of speech announces the next",
			"Tom Quill came in. Agnes Moor sat all the time perfectly grave. Directly he had done speaking she burst out:\n\n\"But surely, if you care about the welfare of your sex at all.\"",
			"But surely, if you care about the welfare of your sex at all.", "Agnes Moor"},
		{"an announcing sentence with a pronoun subject",
			"Mr. Quill closed the ledger with a sigh. He looked at the clock for a long while, and then he said,\n\n\"We shall be late for the coach again.\"",
			"We shall be late for the coach again.", "Mr. Quill"},
		{"the subject named at the start of the paragraph speaks after a semicolon",
			"Miss Larch made no reply; she walked twice about the room, and at last, stopping before the fire, called out,\n\n\"Nobody in this house ever tells me anything at all!\"",
			"Nobody in this house ever tells me anything at all!", "Miss Larch"},
		{"a rank gives a man his gender",
			"Captain Rook came up the stairs. Clara Dunn stood by the open door of the parlour.\n\n\"The tide is turning early this evening,\" said he.",
			"The tide is turning early this evening,", "Captain Rook"}, // named with the rank, as "Mr. Rook" would be
		{"a given name shared with a man of known gender",
			"Edmund Marsh took his hat. Edmund Vole stood by the window with his back to the room.\n\nEdmund Vole turned his head at last. Ada Pike was watching the street.\n\n\"It will rain before the evening is out,\" said he.",
			"It will rain before the evening is out,", "Edmund Vole"},
		{"a quotation after narration with a named subject in its paragraph",
			"Mrs. Tallow folded the letter and began her account. \"The house was let to a sea captain in the spring of that year.\"",
			"The house was let to a sea captain in the spring of that year.", "Mrs. Tallow"},
		{"she said after narration with a named subject in its paragraph",
			"Mr. Brand left the room. Agnes Moor took up her sewing again. \"He will not come back tonight,\" she said.",
			"He will not come back tonight,", "Agnes Moor"},
		{"his wife is the Mrs. of his family",
			"Mrs. Hobb had gone to the market in the morning. Mr. Hobb put down his pipe and looked at the door.\n\n\"There is no bread in the house, and no fire in the grate,\" said his wife.",
			"There is no bread in the house, and no fire in the grate,", "Mrs. Hobb"},
		{"her father is the Mr. of her family",
			"Mr. Hobb was out in the yard. Clara Hobb closed the shutters.\n\n\"You should not go out tonight,\" said her father.",
			"You should not go out tonight,", "Mr. Hobb"},
		{"a dialogue verb the news lexicon lacks",
			"Agnes Moor sat by the window. Tom Quill stood at the door.\n\n\"I never heard of such a thing in all my life,\" returned Tom Quill.",
			"I never heard of such a thing in all my life,", "Tom Quill"},
		{"a verb that speaks with its particle",
			"Tom Quill sat by the window. Agnes Moor stood at the door.\n\n\"And after that there was nothing more to be done,\" Agnes Moor went on.",
			"And after that there was nothing more to be done,", "Agnes Moor"},
		{"an adverb of manner between the speaker and the verb",
			"Tom Quill sat silent by the fire, when Agnes Moor quietly said, \"You will catch a chill if you sit there all night.\"",
			"You will catch a chill if you sit there all night.", "Agnes Moor"},
		{"a clause set off between the name and the verb",
			"She was so pale that Tom Quill, shocked by the change in her, said, \"You must rest before we go any further.\"",
			"You must rest before we go any further.", "Tom Quill"},
		{"a sentence opening with an honorific has its subject",
			"Nobody spoke for a while.\n\nMrs. Tallow put down her cup. \"I have seen that man before, at the fair.\"",
			"I have seen that man before, at the fair.", "Mrs. Tallow"},
		{"the one addressed by name answers",
			"Agnes Moor sat by the fire, and Tom Quill stood at the window.\n\n\"Have you seen the letter from the bank, Agnes?\" said Tom Quill.\n\n\"I burned it an hour ago, before you came home.\"",
			"I burned it an hour ago, before you came home.", "Agnes Moor"},
		{"a bare turn after one known turn is the other participant's",
			"Agnes Moor sat by the fire. Tom Quill came in and shut the door behind him.\n\n\"It is bitterly cold on the road tonight,\" said Tom Quill.\n\n\"Then sit down by the fire and warm your hands before supper.\"",
			"Then sit down by the fire and warm your hands before supper.", "Agnes Moor"},
		{"a bare turn after narration is its subject's",
			"The boat was late, and the quay was empty.\n\nAgnes Moor walked to the end of the pier and looked out over the grey water for a long time.\n\n\"He will not come back now, whatever they say in the village.\"",
			"He will not come back now, whatever they say in the village.", "Agnes Moor"},
		{"she is the person the narration follows, not the latest one named",
			"Agnes Moor came into the room. She looked about her. She saw that the fire was low. She thought of Mrs. Dunn, who had gone to town. She rang the bell. She waited by the door.\n\n\"Nobody in this house ever answers a bell,\" said she.",
			"Nobody in this house ever answers a bell,", "Agnes Moor"},
		{"a name before its verb is a subject",
			"Mrs. Brand was asleep in her chair by the window. It was late, and Agnes Moor put her sewing away in the basket.\n\n\"I must be going home before the snow,\" said she.",
			"I must be going home before the snow,", "Agnes Moor"},
		// both women have spoken before, as people of a scene have: the
		// conversation model weighs how often someone has spoken, and
		// someone never heard before is an unlikely "she"
		{"she after a turn addressing a woman by name is that woman",
			"\"The kettle is on the hob,\" said Mrs. Dunn.\n\n\"Then we shall have tea before the coach comes,\" said Agnes Moor.\n\nAgnes Moor and Mrs. Dunn sat by the fire.\n\n\"Will you pour the tea, Mrs. Dunn?\" said Agnes Moor.\n\n\"I will, as soon as the water boils,\" said she.",
			"I will, as soon as the water boils,", "Mrs. Dunn"},
		{"a short turn of its own paragraph is speech",
			"Agnes Moor sat by the fire, and Tom Quill stood at the window.\n\n\"Did you post the letter to the bank this morning?\" said Tom Quill.\n\n\"I did.\"",
			"I did.", "Agnes Moor"},
		{"a conversation goes on over narration that names no subject",
			"Agnes Moor sat by the fire, and Tom Quill stood at the window.\n\n\"Did you post the letter to the bank this morning?\" said Tom Quill.\n\n\"I posted it before breakfast, as you asked me to.\"\n\nThere was a long silence in the room.\n\n\"Then they will have it by tomorrow at the latest.\"",
			"Then they will have it by tomorrow at the latest.", "Tom Quill"},
		{"a description of someone new speaks",
			"The crowd pressed round the cart.\n\n\"I saw him take it from the stall,\" said a great tall fellow, stepping forward.",
			"I saw him take it from the stall,", "great tall fellow"},
		{"a generic description in a conversation is one of its people",
			"Mr. Brand and Agnes Moor sat by the fire.\n\n\"The frost will be hard tonight,\" said Mr. Brand.\n\n\"Then the roses will suffer for it,\" said Agnes Moor.\n\n\"They always do in this valley,\" said the old gentleman.",
			"They always do in this valley,", "Mr. Brand"},
		{"a generic description no turn resolves is a he or she of the scene",
			"Tom Quill came into the kitchen. Agnes Moor was at the stove, and she did not turn round.\n\n\"Is there any supper left?\" said Tom Quill.\n\n\"There is bread, and there is cheese,\" said the girl, without looking up.",
			"There is bread, and there is cheese,", "Agnes Moor"},
		{"a turn that addresses someone by name is not theirs",
			"The night was cold. Agnes Moor sat by the fire.\n\nTom Quill came in and shut the door behind him.\n\n\"Well, Tom Quill, what have you to say for yourself?\"",
			"Well, Tom Quill, what have you to say for yourself?", "Agnes Moor"},
		{"a generic description is no one of the other gender the conversation gives",
			"Tom Quill stood at the door with his hat. Tom Quill took off his coat. Agnes Moor sat by the fire.\n\n\"Is there any supper left?\" said Tom Quill.\n\n\"There is bread, and there is cheese,\" said Agnes Moor.\n\n\"Then I will have both,\" said the young lady.",
			"Then I will have both,", "Agnes Moor"},
		{"the voice of someone is theirs",
			"Tom Quill knocked at the door of the cottage and waited in the rain.\n\n\"Who is there at this hour?\" called the voice of Agnes Moor from within.",
			"Who is there at this hour?", "Agnes Moor"},
		{"when the turn two back has no known speaker, the one four back speaks",
			"Tom Quill stood at the window.\n\n\"The coach is late again tonight,\" said Tom Quill.\n\n\"It is always late in the winter,\" said Agnes Moor.\n\n\"Then we had better not wait for it,\" I said.\n\n\"No, we had better walk,\" said Agnes Moor.\n\n\"It is six miles to the town by the road.\"",
			"It is six miles to the town by the road.", "Tom Quill"},
		{"he is the man who spoke lately, not the one merely named",
			"Tom Quill came into the kitchen. Agnes Moor was at the table.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\n\"Not yet,\" said Agnes Moor.\n\nThrough the window they could see the lanterns of Mr. Brand and Mr. Hobb in the yard.\n\n\"Then I shall walk to the town,\" he said.",
			"Then I shall walk to the town,", "Tom Quill"},
		{"Miss Bertram is a daughter, not Lady Bertram",
			"Lady Bertram sat on the sofa. Miss Bertram came in from the garden with her sister.\n\n\"Your best friend upon such an occasion,\" said Miss Bertram.\n\n\"I am glad to hear it,\" said Lady Bertram.",
			"Your best friend upon such an occasion,", "Miss Bertram"},
		{"Miss Bennet is not Mrs. Bennet",
			"Mrs. Bennet rang the bell. Miss Bennet took up her work.\n\n\"Jane, my dear, you must go on horseback,\" said Mrs. Bennet.\n\n\"I had much rather go in the coach,\" said Miss Bennet.",
			"I had much rather go in the coach,", "Miss Bennet"},
		{"a bare surname is the one man of that surname with an honorific",
			"Mr. Turton came into the club. Fielding stood by the door.\n\n\"And the Major brings us an excellent report,\" said Mr. Turton.\n\n\"Good morning; so you are back,\" said Turton icily.",
			"Good morning; so you are back,", "Mr. Turton"},
		{"a rank is an honorific: the bare surname is the Major, not Mrs. Callendar, and a plural title names nobody",
			"Major Callendar came into the club. Mesdames Callendar and Lesley drove to enquire. Mrs. Callendar sat down.\n\n\"Is she better?\" said Mrs. Callendar.\n\n\"Temperature,\" said Callendar.",
			"Temperature,", "Major Callendar"},
		{"a month the novel writes before a surname is a given name",
			"May Welland sat by Newland Archer. In May Newland went to Florida.\n\n\"It is late,\" said Newland Archer.\n\n\"I'm sorry you didn't find Ellen,\" May said as they drove home.",
			"I'm sorry you didn't find Ellen,", "May Welland"},
		{"a novel's quotation that reports someone is its speaker's, not relayed",
			"Then Catherine Morland sat down. John Thorpe came in.\n\n\"Have you read it?\" asked John Thorpe.\n\n\"Udolpho was written by Mrs. Radcliffe,\" said Catherine, with some hesitation.",
			"Udolpho was written by Mrs. Radcliffe,", "Catherine Morland"},
		{"a cue after a quotation that has its own cue introduces the next quotation",
			"Then Mr. Bounderby came. Then Louisa Gradgrind sat.\n\nAnd when Mr. Bounderby said, \"Good night, ma'am,\" she answered with great feeling, \"Thank you, sir.\"",
			"Good night, ma'am,", "Mr. Bounderby"},
		{"an uncued quotation goes on its paragraph's speaker",
			"Then Agnes Moor came in. Tom Quill stood at the bar.\n\n\"Is he here?\" asked Agnes Moor.\n\n\"No,\" replied Tom Quill; for it was he. \"Nobody has come in to-night.\"",
			"Nobody has come in to-night.", "Tom Quill"},
		{"a rank names its man",
			"Mrs. Callendar sat down. Major Callendar came into the club.\n\n\"Is she better?\" said Mrs. Callendar.\n\n\"Temperature,\" said Major Callendar.",
			"Temperature,", "Major Callendar"},
		{"a verb of manner after the quotation tags it",
			"Mrs. Dunn came in from the yard. Agnes Moor and Tom Quill sat by the fire.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\n\"Later and later, and never a word of it,\" yawned Mrs. Dunn, who was tired after her walk.",
			"Later and later, and never a word of it,", "Mrs. Dunn"},
		{"a verb of manner after the quotation and its speaker tags it",
			"Mrs. Dunn came in from the yard. Agnes Moor and Tom Quill sat by the fire.\n\n\"Is the coach in yet?\" asked Tom Quill.\n\n\"Later and later, and never a word of it,\" Mrs. Dunn yawned.",
			"Later and later, and never a word of it,", "Mrs. Dunn"},
		{"the other is the participant who did not speak last",
			"Mr. Quill and Mr. Brand stood at the gate in the rain.\n\n\"We shall not get home before dark,\" said Mr. Brand.\n\n\"Then we had better take the short road over the hill,\" said the other.",
			"Then we had better take the short road over the hill,", "Mr. Quill"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.text + filler
			qs := Extract(text)
			checkSpans(t, text, qs)
			for _, q := range qs {
				if q.Text != tc.quote {
					continue
				}
				if q.Speaker == nil {
					t.Fatalf("%q: no speaker, want %q", q.Text, tc.speaker)
				}
				if q.Speaker.Name != tc.speaker {
					t.Fatalf("%q: speaker %q <%s>, want %q", q.Text, q.Speaker.Name, q.Speaker.Mention, tc.speaker)
				}
				return
			}
			t.Fatalf("quotation %q not found", tc.quote)
		})
	}
}

// TestFictionNames checks what the names of a novel tell of its people.
func TestFictionNames(t *testing.T) {
	text := "Captain Rook walked up Harley Street to Barton Park with Countess Vell. Edmund Marsh took his hat. Edmund Marsh put on his coat, and Edmund Vole followed. Old Stephen Crane sat down. Old Stephen was tired. Tom Quill took his stick. Tom Quill lit his pipe. Mrs. Tom Quill was at home. India was far away, and he thought of India. New York was far, and New York was cold. The Grand Duchess smiled. They lived in Dunmore then. Dunmore was grey, and she was happy in Dunmore. They stayed at Lowick, wrote from Lowick, and dined at Lowick. The Marabar Hills rose. The River Arno ran below.\n\n\"It is late,\" said Edmund Marsh." + novelFiller()
	d := newDoc(text)
	want := map[string]struct {
		kind   uint8
		gender int8
	}{
		"Captain Rook":   {kindPerson, 1},  // a rank, named with it
		"Countess Vell":  {kindPerson, -1}, // a title in the name
		"Harley Street":  {kindOrg, 0},     // a place
		"Barton Park":    {kindOrg, 0},
		"Edmund Vole":    {kindPerson, 1},  // a given name shared with a man
		"Stephen Crane":  {kindPerson, 9},  // "Old" is no part of the name (9: any gender)
		"Tom Quill":      {kindPerson, 1},  // not made a woman by his wife's name
		"Mrs. Tom Quill": {kindPerson, -1}, // his wife
		"India":          {kindOrg, 0},     // a country
		"New York":       {kindOrg, 0},     // a place by its first word
		"Grand Duchess":  {kindPerson, 9},  // but not a title
		"Dunmore":        {kindOrg, 0},     // written after "in": a place
		"Lowick":         {kindOrg, 0},     // written after at/from: a place
		"Marabar Hills":  {kindOrg, 0},     // hills are a place
		"River Arno":     {kindOrg, 0},
	}
	for _, e := range d.ents {
		w, ok := want[e.name]
		if !ok {
			continue
		}
		delete(want, e.name)
		if e.kind != w.kind || e.gender != w.gender && w.gender != 9 {
			t.Errorf("%s: kind %d gender %d, want kind %d gender %d", e.name, e.kind, e.gender, w.kind, w.gender)
		}
	}
	for n := range want {
		t.Errorf("no entity %q", n)
	}
}

// TestFictionCommonWords checks which capitalised single words a novel
// takes for names: not those it mostly writes in lower case.
func TestFictionCommonWords(t *testing.T) {
	text := "It was perhaps late, perhaps too late, and perhaps nobody cared. The sun rose. He spoke to Rose, and then to Rose again, and asked Rose to stay." + novelFiller()
	d := newDoc(text)
	if !d.commonWord("perhaps") {
		t.Error("perhaps: not a common word")
	}
	if d.commonWord("rose") {
		t.Error("rose: a common word, but the text capitalises it as a name")
	}
}

// TestFictionBareSurname checks that a surname written alone in a novel is
// the man's of that surname, not the woman's.
func TestFictionBareSurname(t *testing.T) {
	text := "Josiah Grubb took his hat. Josiah Grubb lit his pipe. Lucy Grubb sat by the window.\n\nGrubb looked at the clock." + novelFiller()
	d := newDoc(text)
	wantEntityAt(t, d, text, "Grubb looked", "Josiah Grubb")
}

// TestFictionNarrator checks that "I said" in a novel told in the first
// person is the narrator's, named as the others address them.
func TestFictionNarrator(t *testing.T) {
	text := "I walked down to the harbour in the evening. Agnes Moor was on the quay.\n\n" +
		"\"Good evening, Tom Quill,\" said Agnes Moor. \"You are late tonight.\"\n\n" +
		"\"The coach was slow on the hill road,\" I said.\n\n" +
		"\"Then sit down and rest, Tom Quill, before you go on.\"\n\n" +
		"\"I cannot stay long this evening,\" I said.\n\n" +
		"\"You never can, Tom Quill,\" said Agnes Moor.\n\n" +
		"\"I will come back on Sunday, if the weather holds,\" I said."
	end := len(text)
	text += novelFiller()
	qs := Extract(text)
	n := 0
	for _, q := range qs {
		if q.Start < end && q.Speaker != nil && q.Speaker.Mention == "I" {
			n++
			if q.Speaker.Name != "Tom Quill" {
				t.Errorf("%q: speaker %q, want Tom Quill", q.Text, q.Speaker.Name)
			}
		}
	}
	if n != 3 {
		t.Errorf("%d quotations by I, want 3", n)
	}
}

// TestFictionNameEdges checks the edges of a novel's names: a verb the
// text writes in lower case ends a name ("How Agnes Faced …"), a day of the
// week is no part of one, a sentence opener the text never capitalises after
// another word is none ("Lest Tom …"), and a first name alone is the person
// whose full name the text writes most when the others are written once.
func TestFictionNameEdges(t *testing.T) {
	text := "Chapter IX: How Agnes Faced the Storm\n\nShe faced the sea. He faced the wind. They faced the night.\n\n" +
		"I met Colonel Dunn Monday morning. Lest Tom should see her she turned away. Tom Quill took his hat.\n\n" +
		"Agnes Moor sat down. Agnes Moor took her cup. Agnes Moor rose. Agnes Pike came in.\n\nAgnes looked up. Freddy Moor came in. Freddy I do call unkind, she thought." + novelFiller()
	d := newDoc(text)
	names := map[string]bool{}
	for _, e := range d.ents {
		names[e.name] = true
	}
	for _, bad := range []string{"Agnes Faced", "Dunn Monday", "Lest Tom", "Freddy I"} {
		if names[bad] {
			t.Errorf("entity %q", bad)
		}
	}
	wantEntityAt(t, d, text, "Agnes looked", "Agnes Moor")
}

// TestFictionGenderVotes checks the genders a novel's pronouns give: a
// foreign honorific keeps a man from his wife's name ("Monsieur Pontellier"
// is not "Agnes Pontellier"), an object ("looked at him") gives no vote, and
// a kinship word is no part of a name ("Cousin Agnes").
func TestFictionGenderVotes(t *testing.T) {
	text := "Agnes Pontellier sat by the window. Monsieur Pontellier came in.\n\n" +
		"Agnes Pontellier looked at him. Agnes Pontellier looked at him again. Agnes Pontellier turned to him. Agnes Pontellier put down her book.\n\n" +
		"Cousin Agnes laughed." + novelFiller()
	d := newDoc(text)
	found := false
	for _, e := range d.ents {
		switch e.name {
		case "Agnes Pontellier":
			found = true
			if e.gender != -1 {
				t.Errorf("Agnes Pontellier: gender %d, want -1", e.gender)
			}
		case "Cousin Agnes":
			t.Error("entity Cousin Agnes")
		}
	}
	if !found {
		t.Error("no entity Agnes Pontellier")
	}
}

// TestFictionNameJunk checks three more edges of a novel's names: a
// contraction opening a sentence is none ("What'll Grubb …"), a nationality
// after a name is none ("teaching Agnes Italian"), and a heading's capitals
// ("GRUBB") are no acronym when the text writes the name after lower-case words.
func TestFictionNameJunk(t *testing.T) {
	text := "CHAPTER IV\n\nGRUBB AT HOME\n\nCHAPTER V\n\nDR. PIKE S VISITOR\n\n\"What'll Grubb say to that?\" asked the boy. He was teaching Agnes Italian. Agnes Moor laughed, and said Grubb was a fool, and went to see Grubb." + novelFiller()
	d := newDoc(text)
	for _, e := range d.ents {
		switch e.name {
		case "What'll Grubb", "Agnes Italian", "PIKE S", "Dr. PIKE S":
			t.Errorf("entity %q", e.name)
		case "Grubb":
			if e.kind == kindOrg {
				t.Error("Grubb: an organisation")
			}
		}
	}
}

// TestFictionFirstNameTie checks whom a first name alone joins in a novel
// when two full names begin or end with it, each written once: the one
// whose other word the text writes often ("Agnes" of "Miss Moor"), not a
// one-off ("Madamsell Agnes"), nor a place ("Agnes Street").
func TestFictionFirstNameTie(t *testing.T) {
	text := "He wrote to Madamsell Agnes. She lived in Agnes Street. Agnes Moor came. Then Miss Moor sat down, and Miss Moor smiled, and said Miss Moor was tired.\n\nAgnes looked up." + novelFiller()
	d := newDoc(text)
	wantEntityAt(t, d, text, "Agnes looked", "Agnes Moor")
	// the full name of that first name written most, before one it ends
	text = "They read Henry Fielding. Then Henry Otway came. Then Henry Otway sat down by Mostyn Henry.\n\nHenry looked up." + novelFiller()
	d = newDoc(text)
	wantEntityAt(t, d, text, "Henry looked", "Henry Otway")
}

// TestFictionNameRepeats checks two juxtapositions of a novel's names: a
// word said twice ("Thomas Thomas Grubb") names the second, and two given
// names side by side, written so once ("with Agnes Tom came"), are two people.
func TestFictionNameRepeats(t *testing.T) {
	text := "He called out, Thomas Thomas Grubb, and Thomas Grubb came. Agnes Moor sat down and Agnes Moor rose. Tom Quill came and Tom Quill left. With Agnes Tom always came first." + novelFiller()
	d := newDoc(text)
	for _, e := range d.ents {
		if e.name == "Thomas Thomas Grubb" || e.name == "Agnes Tom" {
			t.Errorf("entity %q", e.name)
		}
	}
}

// TestFictionNoIndirectOverDirect: in a novel the clause a cue governs
// around a quotation is narration, no second quotation over its words.
func TestFictionNoIndirectOverDirect(t *testing.T) {
	text := "At last the Warden, who seemed to be a man of some consequence among them,\ncalled out, \"Sit down, every one of you, and hear me out!\" They all sat down." + novelFiller()
	qs := Extract(text)
	var direct int
	for _, q := range qs {
		if q.Start > 200 {
			break
		}
		if q.Kind != verbatim.KindDirect && strings.Contains(q.Text, "Sit down") {
			t.Errorf("indirect quotation over the direct one: %q", q.Text)
		}
		if strings.HasPrefix(q.Text, "Sit down") {
			direct++
			if q.Speaker == nil || q.Speaker.Name != "Warden" {
				t.Errorf("speaker %+v, want Warden", q.Speaker)
			}
		}
	}
	if direct != 1 {
		t.Errorf("%d direct quotations of Sit down, want 1", direct)
	}
}

// TestFictionTheNames: a character the novel calls "the Gatekeeper" is
// named so, article included.
func TestFictionTheNames(t *testing.T) {
	text := "The Gatekeeper looked up from his lantern. \"Who goes there at this hour?\" said the Gatekeeper.\n\n\"Only a traveller on the road,\" said Agnes Moor.\n\n\"Then pass, and be quick about it,\" said the Gatekeeper." + novelFiller()
	for _, q := range Extract(text) {
		if strings.HasPrefix(q.Text, "Then pass") {
			if q.Speaker == nil || q.Speaker.Name != "the Gatekeeper" {
				t.Errorf("speaker %+v, want the Gatekeeper", q.Speaker)
			}
			return
		}
	}
	t.Error("quotation not found")
}

// TestFictionCueAfterQuote: "“…,” said Quill as he left" is Quill's, and
// "as he left" no quotation of his.
func TestFictionCueAfterQuote(t *testing.T) {
	text := "Agnes Moor came into the hall. \"The old man is asleep at last,\" said Quill as he rang off.\n\n\"Is he?\" said Agnes Moor." + novelFiller()
	for _, q := range Extract(text) {
		if q.Start > 120 {
			break
		}
		if q.Text == "as he rang off" {
			t.Errorf("indirect quotation %q", q.Text)
		}
		if strings.HasPrefix(q.Text, "The old man") && (q.Speaker == nil || q.Speaker.Name != "Quill") {
			t.Errorf("speaker %+v, want Quill", q.Speaker)
		}
	}
}

// TestFictionAddresseeAfterQuote: in "“…?” she asked the Gryphon." the
// Gryphon is whom she asks, neither a quotation of hers nor its speaker;
// in "“…,” he told her." her is whom he tells.
func TestFictionAddresseeAfterQuote(t *testing.T) {
	for _, tail := range []string{".", ", smiling."} {
		text := "Agnes Moor sat down by the fire.\n\n\"What is his sorrow?\" she asked the Gryphon" + tail + novelFiller()
		found := false
		for _, q := range Extract(text) {
			if q.Start > 100 {
				break
			}
			if strings.Contains(q.Text, "Gryphon") {
				t.Errorf("%q: quotation %q", tail, q.Text)
			}
			if q.Text == "What is his sorrow?" {
				found = true
				if q.Cue == nil || q.Cue.Text != "asked" || q.Speaker == nil || q.Speaker.Mention != "she" {
					t.Errorf("%q: cue %+v, speaker %+v, want asked and she", tail, q.Cue, q.Speaker)
				}
			}
		}
		if !found {
			t.Errorf("%q: quotation not found", tail)
		}
	}
	// nor is the "her" of "he told her." content: the quotation is the cue's
	text := "Tom Quill came in. Agnes Moor sat down.\n\n\"Come for a walk with me,\" he told her." + novelFiller()
	if qs := Extract(text); len(qs) == 0 || qs[0].Text != "Come for a walk with me," || qs[0].Cue == nil || qs[0].Cue.Text != "told" {
		t.Errorf("got %+v, want the quotation with its cue told", qs[:min(len(qs), 1)])
	}
}

// TestFictionResumedQuote: the second part of a quotation after
// "observed Miss Larch, in a half whisper," is hers too, but not after
// "…, for Tom Quill cried out,".
func TestFictionResumedQuote(t *testing.T) {
	for _, text := range []string{
		"Tom Quill came into the hall.\n\n\"I am afraid, Mr. Quill,\" observed Miss Larch, in a half whisper,\n\"that this adventure has quite turned your head.\"\n\n\"Is it?\" said Agnes Moor.",
		"Tom Quill came into the hall. \"Oh, Mr. Vole,\" exclaimed Miss Larch, as he finished, \"I had just written to say so!\"\n\n\"Is it?\" said Agnes Moor.",
	} {
		found := false
		for _, q := range Extract(text + novelFiller()) {
			if strings.HasPrefix(q.Text, "that this") || strings.HasPrefix(q.Text, "I had just") {
				found = true
				if q.Speaker == nil || q.Speaker.Name != "Miss Larch" {
					t.Errorf("%q: speaker %+v, want Miss Larch", q.Text, q.Speaker)
				}
			}
		}
		if !found {
			t.Errorf("second part not found in %q", text)
		}
	}
	// but a cue of its own naming someone else in between keeps it apart
	text := "Tom Quill came into the hall.\n\n\"Stupid things!\" Agnes Moor began, but she stopped hastily, for Tom Quill cried out, \"Silence in the court!\""
	for _, q := range Extract(text + novelFiller()) {
		if strings.HasPrefix(q.Text, "Silence") && (q.Speaker == nil || q.Speaker.Name != "Tom Quill" || q.Cue == nil || q.Cue.Text != "cried") {
			t.Errorf("%q: cue %+v, speaker %+v, want cried and Tom Quill", q.Text, q.Cue, q.Speaker)
		}
	}
}

// TestFictionPhraseBeforeCue checks cues whose subject stands apart from
// them: across a short phrase ("his son at length reminded him"), and as
// the subject of a first verb of irregular past before "and" ("Mr. Quill
// laid his hand upon her arm, and timidly said").
func TestFictionPhraseBeforeCue(t *testing.T) {
	cases := []struct{ text, cue, mention string }{
		{"Mr. Quill remained by the window.\n\n\"I say, you know, it is nearly six,\" his son at length reminded him.", "reminded", "his son"},
		{"Agnes Moor sat down.\n\nMr. Quill laid his hand upon her arm, and timidly said, \"Consider, my dear: she is only a child!\"", "said", "Mr. Quill"},
	}
	for _, tc := range cases {
		qs := Extract(tc.text + novelFiller())
		if len(qs) == 0 || qs[0].Cue == nil || qs[0].Cue.Text != tc.cue || qs[0].Speaker == nil || qs[0].Speaker.Mention != tc.mention {
			t.Errorf("%q: got %+v, want cue %s and speaker %s", tc.text, qs[:min(len(qs), 1)], tc.cue, tc.mention)
		}
	}
}

// TestFictionCueBack: in "“Good night,” he breathed. “Good night,” she
// murmured back to him." the second quotation is hers, with its cue, not
// the continuation of his, and "back to him" is nobody's words.
func TestFictionCueBack(t *testing.T) {
	snippet := "Tom Quill came in. Agnes Moor sat down.\n\n\"Good night,\" he breathed. \"Good night,\" she murmured back to him."
	var got []string
	for _, q := range Extract(snippet + novelFiller()) {
		if q.Start >= len(snippet) {
			break
		}
		cue, mention := "", ""
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		if q.Speaker != nil {
			mention = q.Speaker.Mention
		}
		got = append(got, q.Text+"|"+cue+"|"+mention)
	}
	want := []string{"Good night,|breathed|he", "Good night,|murmured|she"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestFictionAdverbialNoContent: in a novel's "At length, she spoke
// again." the adverbial is not words of hers.
func TestFictionAdverbialNoContent(t *testing.T) {
	snippet := "Tom Quill came in. Agnes Moor sat down. At length, she spoke again. \"I have just had a letter from Jane.\""
	for _, q := range Extract(snippet + novelFiller()) {
		if q.Start < len(snippet) && q.Kind == verbatim.KindIndirect {
			t.Errorf("indirect quotation %q", q.Text)
		}
	}
}

// TestLongSpeechKeepsItsCue: a speech of more tokens than a sentence may
// hold outside quotations stays one sentence with the "said he" after it.
func TestLongSpeechKeepsItsCue(t *testing.T) {
	speech := strings.Repeat("Let those who would be happy be firm, and let them keep their word. ", 20) + "Here is a nut,"
	text := "Tom Quill came in.\n\n\"" + speech + "\" said he, catching one down from an upper bough."
	for _, tail := range []string{"", novelFiller()} {
		qs := Extract(text + tail)
		if len(qs) == 0 || !strings.HasSuffix(qs[0].Text, "Here is a nut,") || qs[0].Cue == nil || qs[0].Cue.Text != "said" {
			t.Errorf("fiction %v: got %+v, want the speech with its cue said", tail != "", qs[:min(len(qs), 1)])
		}
	}
}

// TestFictionDialogueVerbAfterQuestion: "“…?” Denham inquired." is one
// sentence, Denham's, though the news cue lexicon lacks "inquired".
func TestFictionDialogueVerbAfterQuestion(t *testing.T) {
	text := "Agnes Moor came into the hall.\n\n\"It is time I went home,\" said Agnes Moor.\n\n\"Why do you say that?\" Denham inquired." + novelFiller()
	for _, q := range Extract(text) {
		if q.Text == "Why do you say that?" {
			if q.Speaker == nil || q.Speaker.Name != "Denham" {
				t.Errorf("speaker %+v, want Denham", q.Speaker)
			}
			return
		}
	}
	t.Error("quotation not found")
}

// TestFictionDescAdverb: "replied the coachman impatiently" is the
// coachman's, no "coachman impatiently".
func TestFictionDescAdverb(t *testing.T) {
	text := "Agnes Moor came into the yard.\n\n\"Is the coach late again?\" said Agnes Moor.\n\n\"It is always late on a Sunday,\" replied the coachman impatiently." + novelFiller()
	for _, q := range Extract(text) {
		if strings.HasPrefix(q.Text, "It is always late") {
			if q.Speaker == nil || q.Speaker.Name != "coachman" || q.Speaker.Mention != "the coachman" {
				t.Errorf("speaker %+v, want coachman (the coachman)", q.Speaker)
			}
			return
		}
	}
	t.Error("quotation not found")
}

// wantEntityAt checks that the name run starting where text first has at
// (a name and the word after it) belongs to the entity named want.
func wantEntityAt(t *testing.T, d *doc, text, at, want string) {
	t.Helper()
	label, _, _ := strings.Cut(at, " ")
	s := strings.Index(text, at)
	for i := range d.runs {
		if r := &d.runs[i]; r.s == s {
			if r.ent == nil || r.ent.name != want {
				t.Fatalf("%s: %v, want %s", label, r.ent, want)
			}
			return
		}
	}
	t.Fatalf("no run for %s", label)
}

// TestFictionMannerTag checks that in a novel a past form no lexicon knows
// as a verb of speech is the cue of the quotation it tags, before or after
// the speaker, and that one in narration is not; that an adjunct after the
// speaker ("against the gathering tumult") leaves the cue to the quotation;
// and that a cue before its quotation keeps it across an adjunct ("said to
// one of the servants, “…”") and after "and" and an adverb ("and soon
// afterwards said, “…”").
func TestFictionMannerTag(t *testing.T) {
	cases := []struct{ text, quote, cue string }{
		{"Mrs. Dunn came in.\n\n\"Later and later, and never a word of it,\" yawned Mrs. Dunn, who was tired.", "Later and later, and never a word of it,", "yawned"},
		{"Mrs. Dunn came in.\n\n\"Later and later, and never a word of it,\" Mrs. Dunn yawned.", "Later and later, and never a word of it,", "yawned"},
		{"Mrs. Turton stood up.\n\n\"He shall not,\" shouted Mrs. Turton against the gathering tumult.", "He shall not,", "shouted"},
		{"Mrs. Dunn came in. She said to one of the servants, \"Bring me the list of the singers!\"", "Bring me the list of the singers!", "said"},
		{"Then he turned away, saying in a tone of disappointment, \"Why, then, I have missed her!\"", "Why, then, I have missed her!", "saying"},
		{"Tom Quill sat down. He burst out with: \"She has just taken my tonga without my permission.\"", "She has just taken my tonga without my permission.", "burst out"},
		{"Her brother gave only a smile, and soon afterwards said, \"I do not quite know what to make of Miss Fanny.\"", "I do not quite know what to make of Miss Fanny.", "said"},
		{"Mrs. Norris talked on.\n\n\"Fanny must have a horse,\" was Edmund's only reply.", "Fanny must have a horse,", "reply"},
		{"Isabella Thorpe came in. Maria was sent away, and Isabella, embracing Catherine, thus began: \"Yes, my dear Catherine, it is so indeed.\"", "Yes, my dear Catherine, it is so indeed.", "began"},
		{"Edmund Bertram came in. Edmund almost immediately took the opportunity of saying, \"I cannot act.\"", "I cannot act.", "saying"},
		{"The croupier spun the wheel.\n\n\"Oui, Madame,\" was the croupier's polite reply.", "Oui, Madame,", "reply"},
		{"Mrs. Dunn came in.\n\n\"Later and later, and never a word of it.\" She walked to the window and opened the shutters.", "Later and later, and never a word of it.", ""},
	}
	filler := novelFiller()
	for _, tc := range cases {
		text := tc.text + filler
		q := quoteByText(t, Extract(text), tc.quote)
		got := ""
		if q.Cue != nil {
			got = text[q.Cue.Start:q.Cue.End]
		}
		if got != tc.cue {
			t.Errorf("%q: cue %q, want %q", tc.text, got, tc.cue)
		}
	}
}

// TestFictionShortTurns checks that a novel's short turn of dialogue is a
// quotation, though a short quotation in news with no cue is taken for
// scare quotes: one that opens its paragraph and ends a sentence inside
// its marks.
func TestFictionShortTurns(t *testing.T) {
	text := "Newland Archer found his mother.\n\n\"Has Janey told you?\"\n\n\"Yes.\" He tried to keep his tone as measured as her own.\n\n\"Ah!\" She applied her ear to the door once more." + novelFiller()
	qs := Extract(text)
	quoteByText(t, qs, "Yes.")
	quoteByText(t, qs, "Ah!")
}

// TestFictionSpeakerMentions checks the mention of a novel's speaker. A
// phrase that tells which person a description is belongs to it ("the
// gentleman in the white waistcoat"), a phrase of manner does not and no
// longer hides the speaker ("the clerk in a low voice"); a role the novel
// writes without an article speaks too ("said nanny"), and someone's
// description is not that someone ("said Brenda's solicitor"). A name's
// mention is the name, without the scenery or epithet narration puts
// before it ("In the car Daisy said", "said poor Lucy") or the degree word
// of an adverb after it ("Mary very gravely replied"), but with its
// article and "of" phrase ("the Queen of Hearts"). A phrase after a
// preposition is no speaker: in "but after a minute's silence burst out
// with" the subject of the verb before "but" speaks.
func TestFictionSpeakerMentions(t *testing.T) {
	cases := []struct{ text, quote, mention string }{
		{"Mr. Bumble came in.\n\n\"That boy will be hung,\" said the gentleman in the white waistcoat.", "That boy will be hung,", "the gentleman in the white waistcoat"},
		{"Mr. Bumble came in.\n\n\"None,\" replied the landlord of the Cripples; for it was he.", "None,", "the landlord of the Cripples"},
		{"John sat in the nursery.\n\n\"I'm sure I don't know,\" said nanny.", "I'm sure I don't know,", "nanny"},
		{"Brenda came in.\n\n\"We have our case now, all quite regular,\" said Brenda's solicitor.", "We have our case now, all quite regular,", "Brenda's solicitor"},
		{"Mr. Bumble came in.\n\n\"How do you propose to deal with the case, sir?\" inquired the clerk in a low voice.", "How do you propose to deal with the case, sir?", "the clerk"},
		{"Daisy and Tony drove home.\n\nIn the car Daisy said, \"Golly, what a house.\"", "Golly, what a house.", "Daisy"},
		{"Julia waited. At the same moment Mr. Crawford, approaching Julia, said, \"I hope I am not to lose my companion.\"", "I hope I am not to lose my companion.", "Mr. Crawford"},
		{"\"It is too late,\" said Kitty.\n\nTo this, Mary very gravely replied, \"Far be it from me.\"", "Far be it from me.", "Mary"},
		{"Lucy sat down.\n\n\"It is too late,\" said poor Lucy.", "It is too late,", "Lucy"},
		{"Alice sat down.\n\n\"Off with her head!\" said the Queen of Hearts.", "Off with her head!", "the Queen of Hearts"},
		{"Alice sat down.\n\n\"Your hair wants cutting,\" said the Hatter.", "Your hair wants cutting,", "the Hatter"},
		{"Mrs. Norris talked on. Then Edmund Bertram sat down.\n\n\"Fanny must have a horse,\" was Edmund's only reply.", "Fanny must have a horse,", "Edmund"},
		{"The croupier spun the wheel.\n\n\"Oui, Madame, the game is made,\" was the croupier's polite reply.", "Oui, Madame, the game is made,", "the croupier"},
		{"Tom Quill came in. Agnes Moor sat down.\n\n\"I am much obliged to you,\" was her answer.", "I am much obliged to you,", "her"},
		{"Oliver lay still.\n\n\"It is all over, Mrs. Thingummy,\" said the surgeon at last.", "It is all over, Mrs. Thingummy,", "the surgeon"},
		{"Tony Last signed the book.\n\nThe detective, registering below, remarked to his colleague, \"Looks like a put up job to me.\"", "Looks like a put up job to me.", "The detective"},
		{"Anne Elliot sat down. Then Mrs Smith came in.\n\nMrs Smith said, \"This is full of papers belonging to him.\"", "This is full of papers belonging to him.", "Mrs Smith"},
		{"Marianne Dashwood walked on.\n\n\"This is a very dirty lane.\"\n\n\"How strange!\" said Marianne to herself as she walked on.", "How strange!", "Marianne"},
		{"Isabella Thorpe came in. Maria was sent away, and Isabella, embracing Catherine, thus began: \"Yes, my dear Catherine, it is so indeed.\"", "Yes, my dear Catherine, it is so indeed.", "Isabella"},
		{"John Thorpe drove on.\n\n\"Shall not you be late at Devizes?\" said Catherine. He made no answer; but after a minute's silence burst out with, \"A famous good thing this marrying scheme.\"", "A famous good thing this marrying scheme.", "He"},
		{"Mr. Willoughby came in.\n\n\"I hope not,\" he replied, trying to look cheerful; and with a forced smile presently added, \"It is I who may rather expect to be ill.\"", "It is I who may rather expect to be ill.", "he"},
	}
	filler := novelFiller()
	for _, tc := range cases {
		q := quoteByText(t, Extract(tc.text+filler), tc.quote)
		if q.Speaker == nil || q.Speaker.Mention != tc.mention {
			t.Errorf("%q: speaker %+v, want the mention %q", tc.quote, q.Speaker, tc.mention)
		}
	}
}

// TestFictionNames checks names of a novel's people: surnames that are also
// words, after an honorific ("Mrs Last") or a given name ("Tony Last");
// a capitalised word after a given name no list knows, when the novel
// writes it after an honorific elsewhere ("Brenda Last" of a novel with its
// "Mr Last", not the "Brenda" of a maiden name written once); a first
// name alone its own person when two full names of it are written once
// each, but the one full name's when there is one; "Miss
// Quested" the one woman of that surname with a full name, but "Miss
// Bertram" her own among several;
// several lower-case particles ("Mr. van der Luyden"); and a man's
// honorific keeping his name apart from a woman's full name of that surname.
func TestFictionNameWords(t *testing.T) {
	cases := []struct{ text, at, want string }{
		{"Tony Last came down. Then Mrs Last sat at the table, and Tony Last smiled.", "Last sat", "Mrs Last"},
		{"Tony Last came down. Then Mrs Last sat at the table, and Tony Last smiled.", "Tony Last smiled", "Tony Last"},
		{"Mr Last came down. She was Brenda Rex once. Then Brenda Last sat at the table, Brenda Last of Hetton, and Brenda smiled.", "Brenda smiled", "Brenda Last"},
		{"She was Brenda Rex once. Then Brenda Last sat at the table, and Brenda smiled.", "Brenda smiled", "Brenda Rex"},
		{"Lady Mary Grierson came in, and Mary Maclean left. Then Mary sat at the table.", "Mary sat", "Mary"},
		{"Mary Maclean left. Then Mary sat at the table.", "Mary sat", "Mary Maclean"},
		{"Adela Quested came in. Then Miss Quested sat at the table.", "Quested sat", "Adela Quested"},
		{"Maria Bertram came in, and Julia Bertram. Then Miss Bertram sat at the table.", "Bertram sat", "Miss Bertram"},
		{"Tom Bertram came in. Then Mrs. Bertram sat at the table.", "Bertram sat", "Mrs. Bertram"},
		{"Then Mr. van der Luyden sat by the fire, and Archer stood.", "van der Luyden sat", "van der Luyden"},
		{"Louisa van der Luyden sat down. Then Mr. van der Luyden came in and looked at his wife.", "van der Luyden came", "van der Luyden"},
	}
	filler := novelFiller()
	for _, tc := range cases {
		text := tc.text + filler
		wantEntityAt(t, newDoc(text), text, tc.at, tc.want)
	}
}
