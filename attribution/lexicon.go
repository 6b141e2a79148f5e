package attribution

import (
	_ "embed"
	"strings"
)

// Cue classes. A speech cue reports words; a tell cue takes an addressee
// before its content ("told Trump that …"); cognition and finding cues report
// beliefs and results, which a source attributes as much as words but which
// are less often quotable, so they rank lower.
const (
	cueSpeech uint8 = iota + 1
	cueTell
	cueCognition
	cueFinding
)

// Verb forms of a cue word.
const (
	formBase uint8 = iota + 1 // say
	formS                     // says
	formPast                  // said
	formIng                   // saying
)

type cueInfo struct {
	class uint8
	form  uint8
}

//go:embed lexicon/cues.txt
var cuesTxt string

//go:embed lexicon/gendergaptracker_quote_verbs.txt
var ggtVerbsTxt string

// cueWords maps every inflected cue verb (lower case) to its class and form.
var cueWords = buildCues()

// ggtExcluded are Gender Gap Tracker verbs Verbatim does not take as cues.
var ggtExcluded = set("release released releases releasing present presents presenting accept accepted")

// doubling lists the cue verbs that double their last consonant before -ed/-ing.
var doubling = set("admit quip snap beg brag commit refer prefer omit permit submit regret plan stop chat rebut")

func buildCues() map[string]cueInfo {
	m := make(map[string]cueInfo, 1500)
	put := func(w string, c cueInfo) {
		if old, ok := m[w]; ok && old.class <= c.class {
			return // keep the stronger (lower-numbered) class
		}
		m[w] = c
	}
	for _, line := range strings.Split(cuesTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		var class uint8
		switch f[1] {
		case "speech":
			class = cueSpeech
		case "tell":
			class = cueTell
		case "cognition":
			class = cueCognition
		case "finding":
			class = cueFinding
		default:
			continue
		}
		forms := strings.Split(f[0], "/")
		base := forms[0]
		put(base, cueInfo{class, formBase})
		put(thirdPerson(base), cueInfo{class, formS})
		put(ingForm(base), cueInfo{class, formIng})
		if len(forms) > 1 {
			for _, p := range forms[1:] {
				put(p, cueInfo{class, formPast})
			}
		} else {
			put(pastForm(base), cueInfo{class, formPast})
		}
	}
	// The Gender Gap Tracker list is already inflected; its words are speech
	// cues, except a few that mostly narrate ("released a report", "presented a plan").
	for _, w := range strings.Fields(ggtVerbsTxt) {
		w = strings.ToLower(w)
		if _, ok := m[w]; ok || ggtExcluded[w] {
			continue
		}
		form := formBase
		switch {
		case strings.HasSuffix(w, "ing"):
			form = formIng
		case strings.HasSuffix(w, "ed") || w == "said" || w == "told" || w == "wrote" || w == "thought" || w == "retold":
			form = formPast
		case strings.HasSuffix(w, "s"):
			form = formS
		}
		m[w] = cueInfo{cueSpeech, form}
	}
	return m
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") ||
		strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") || strings.HasSuffix(v, "o"):
		return v + "es"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

func pastForm(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	case doubling[v]:
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}

func ingForm(v string) string {
	switch {
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	case doubling[v]:
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Closed word classes used by the noun-phrase and clause rules.
var (
	determiners = set("the a an this these those his her its their our my your some many several any each every both all no another other such two three four five six one")
	possessives = set("his her its their our my your")
	pronounsP   = set("he she him i we you they it who which whom")
	personPron  = set("he she i we you who whom him")
	// adverbs and auxiliaries that may stand between a speaker and its cue ("Putin has also said").
	interveners = set("also has have had was were is are be been being will would could should can may might must did do does not never then later again once earlier previously recently repeatedly clearly further publicly privately reportedly separately firmly simply just only already even still subsequently finally immediately quickly flatly bluntly angrily quietly openly explicitly specifically initially originally often frequently always yet first last sometimes n't")
	// words that end a noun phrase when met going backwards or forwards.
	npStop = set("and or but nor so because if when while although though whether than as that which who whom whose where what how why said says say told tells to in on at with without into onto from after before during since until about against over under between through among per via across near like unlike not no yes is are was were be been being has have had do does did will would could should can may might must there here")
	// connectors allowed inside a noun phrase: "the President of Russia", "a spokesman for the campaign".
	npConnect = set("of for")
	// words that start a sentence but are no names.
	capStop  = set("the a an in on at but and or so if when while although though as after before during since until for of to from with by this that these those there here it its he she they we i you his her their our my your what who which how why where however meanwhile also yet still then now today yesterday tomorrow last next mr mrs ms dr not no yes one some many all both every each another other such even only just because according despite although since under over among about between through against into onto upon without within per than like unlike once whether both either neither nor")
	weekdays = set("monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december")
	// titles and role words that precede a name ("Russian President Vladimir Putin").
	titles = set("president vice prime minister foreign secretary sen senator rep representative gov governor mr mrs ms miss dr doctor chancellor pope king queen prince princess general gen lt col colonel capt captain sgt sir lord lady judge justice speaker director managing chief executive ambassador mayor premier commissioner attorney leader minority majority deputy press spokesman spokeswoman spokesperson ceo chairman chairwoman chair professor prof rev reverend father sister brother saint st federal national defense defence interior finance state health labour labor trade economy energy environment emperor empress chairperson founder co-founder candidate nominee former acting assistant associate senior counsel special envoy adviser advisor aide manager strategist pastor rabbi imam sheikh bishop archbishop cardinal dame mister madame mme monsieur herr frau comrade officer detective inspector superintendent agent captain admiral marshal sergeant corporal private lieutenant major commander sheriff coach councillor councilman councilwoman alderman congressman congresswoman assemblyman assemblywoman lawmaker legislator delegate treasurer comptroller auditor registrar dean provost rector principal president-elect secretary-general un fifa imf nato eu")
	// heads of descriptions that denote a person or organisation that speaks.
	roleHeads = set("president minister secretary senator governor spokesman spokeswoman spokesperson official officials leader leaders chancellor premier king queen pope prince diplomat diplomats ambassador mayor director chairman chairwoman chair ceo executive executives head chief commander general adviser advisers advisor aide aides analyst analysts expert experts source sources lawmaker lawmakers legislator legislators congressman congresswoman representative candidate nominee campaign candidate challenger rival rivals opponent opponents critic critics supporter supporters voter voters resident residents witness witnesses police prosecutor prosecutors lawyer lawyers attorney attorneys judge justice court researchers researcher scientist scientists economist economists strategist strategists manager managers spokespeople statement letter message report reports poll polls survey surveys study studies data daily newspaper paper agency ministry department government administration authorities authority office committee commission council party group organization organisation company firm network channel website agency outlet ally allies member members activist activists worker workers staff staffer staffers official woman man men women people person officer officers investigator investigators owner founder student students teacher professor doctor colleague colleagues friend friends wife husband mother father son daughter brother sister counterpart counterparts pollster pollsters observer observers commentator commentators columnist reporter reporters journalist journalists editor editors author authors writer organizers organiser organisers organizer group groups team union unions kremlin capital delegation embassy regime military army spokesmen representatives republicans democrats conservatives liberals progressives insiders aide officials democrat republican judge panel jury memo document filing release tweet post speech interview letter email emails emailed campaign")
	orgWords  = set("kremlin ministry department party committee council commission agency office administration government court congress senate house parliament duma post times news journal herald tribune guardian telegraph reuters ap afp bloomberg cnn bbc abc nbc cbs fox msnbc npr politico breitbart axios tass interfax ria xinhua university institute foundation association union group corporation corp inc co company bank fund campaign center centre network service services bureau pentagon embassy cabinet authority board police army navy forces assembly organization organisation league federation conference church society club team unit agency channel magazine website daily weekly gazette press")
	cities    = set("moscow washington beijing london paris berlin kiev kyiv tokyo damascus tehran ankara brussels pyongyang seoul jerusalem ottawa canberra delhi rome madrid warsaw minsk")
	femaleFN  = set("hillary theresa angela christine mary elizabeth anne ann jane sarah susan nancy karen linda barbara margaret patricia jennifer lisa michelle melania ivanka kellyanne sarah huma donna debbie elizabeth emma catherine kate victoria marine nicola jacinda ursula kamala carly condoleezza madeleine samantha nikki betsy elaine lynne lynn hope sally ruth maria laura julia emily olivia sophia grace alice lucy charlotte fanny harriet marianne eleanor jo joan judith helen rebecca rachel diana dianne dianne claire jill cynthia heather megyn katie kelly ann-marie evelyn lydia kitty georgiana caroline louisa jane isabel isabella catherine marian dorothy agnes edith daisy brett adela anne-marie jessica amy tina tammy gwen irene kirsten maxine tulsi stephanie wendy gennifer rosie megan paula ellen sheila")
	femaleT   = set("mrs ms miss lady queen princess madame mme dame sister mother wife daughter woman duchess countess baroness frau she her spokeswoman chairwoman congresswoman")
	maleT     = set("mr sir lord king prince monsieur herr brother father husband son man duke count baron he him his spokesman chairman congressman")
	// demonyms and countries map to one key so "the Russian president" meets "President of Russia".
	demonym = map[string]string{
		"russia": "ru", "russian": "ru", "russians": "ru",
		"us": "us", "u.s": "us", "u.s.": "us", "usa": "us", "american": "us", "americans": "us", "america": "us", "united": "us",
		"britain": "uk", "british": "uk", "uk": "uk", "u.k": "uk", "u.k.": "uk", "england": "uk", "english": "uk",
		"france": "fr", "french": "fr", "germany": "de", "german": "de", "china": "cn", "chinese": "cn",
		"syria": "sy", "syrian": "sy", "ukraine": "ua", "ukrainian": "ua", "japan": "jp", "japanese": "jp",
		"israel": "il", "israeli": "il", "iran": "ir", "iranian": "ir", "iraq": "iq", "iraqi": "iq",
		"india": "in", "indian": "in", "italy": "it", "italian": "it", "spain": "es", "spanish": "es",
		"canada": "ca", "canadian": "ca", "mexico": "mx", "mexican": "mx", "turkey": "tr", "turkish": "tr",
		"poland": "pl", "polish": "pl", "korea": "kr", "korean": "kr", "australia": "au", "australian": "au",
		"brazil": "br", "brazilian": "br", "egypt": "eg", "egyptian": "eg", "saudi": "sa", "cuba": "cu", "cuban": "cu",
		"scotland": "sc", "scottish": "sc", "ireland": "ie", "irish": "ie", "wales": "wa", "welsh": "wa",
	}
	// generic heads that may denote any titled person: "the Russian leader".
	leaderRoles = set("president prime minister chancellor premier king queen leader pope emperor")
	// prepositions that open an adjunct between a cue and its content or sentence end.
	adjunctPrep = set("in on at during to following after before from via through with last this earlier later yesterday today tonight over while when")
)

// maleFN are common men’s given names: in a novel a two-word name opening
// with one is a man’s. News leaves gender to titles and pronouns: on PolNeAR
// train the list cost 9 speakers, while novels need it ("Tom Quill").
var maleFN = set("john james william george charles thomas henry edward robert richard joseph david michael peter paul donald barack bernie ted marco jeb mitch chris tom tim jim bob bill joe jack harry fred frederick arthur albert alfred walter samuel benjamin daniel matthew andrew stephen steven philip anthony edmund edgar ralph hugh francis lewis oliver tony dick dan ben sam steve rand rick newt vladimir sergei dmitry boris nikolai ivan alexei mikhail jean pierre jacques francois hans karl otto luigi giovanni carlo mohammed ahmed ali hassan reggie jock cecil freddy cyril ronny harold herbert horace ernest percy reginald basil nigel gerald roger gilbert rupert julius augustus")
