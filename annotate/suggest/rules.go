// Package suggest proposes attributions: who says what in a news text.
// It finds, sentence by sentence, quotations with a speech verb and a
// speaker, indirect speech ("X said that …", "according to X, …") and
// denials ("X denied …", "X declined to comment"), and suggests for each
// an actor span, a statement span (a claim or a denial) and a SOURCE link
// between them. The words it looks for are data (Rules), with English
// defaults; the labels and link type come from the project's schema
// (LabelsOf). It is rule-based and tuned for precision: a suggestion it
// is unsure of is not made.
package suggest

import (
	"bytes"
	"encoding/json"
	"strings"

	"claimdesk/annotate"
)

// Rules are the words and marks the suggester looks for. A project keeps
// its own in its schema ("suggest" in the schema file: RulesOf), as JSON
// with the field names below; lists it leaves out keep the defaults. Words are
// matched as whole words, case-insensitively except where a rule says
// otherwise; an entry of several words ("declined to") matches those
// words in a row.
type Rules struct {
	// Quotes are the quotation marks, each an opening and a closing mark
	// (the same for straight quotes).
	Quotes []QuotePair `json:"quotes"`
	// SpeechVerbs introduce what someone says ("said", "warned"): after a
	// quotation with the speaker ("…," said X; "…," X said), before one
	// ("X said: "…""), or before indirect speech ("X said (that) …").
	SpeechVerbs []string `json:"speech_verbs"`
	// ObjectVerbs introduce speech addressed to someone ("told"): indirect
	// speech only with "that" ("X told reporters that …").
	ObjectVerbs []string `json:"object_verbs"`
	// DenialVerbs make a denial of what follows them ("denied",
	// "declined to").
	DenialVerbs []string `json:"denial_verbs"`
	// According introduces a source after the statement or before it
	// ("according to X").
	According []string `json:"according"`
	// Complementizers start the reported clause after a speech verb
	// ("that").
	Complementizers []string `json:"complementizers"`
	// Pronouns stand for the nearest person mentioned before them in the
	// paragraph ("he", "she").
	Pronouns []string `json:"pronouns"`
	// Titles come before a person's name ("Mr", "Minister"), matched
	// with their case.
	Titles []string `json:"titles"`
	// OrgWords mark a run of capitalised words as an organisation or a
	// place rather than a person ("Ministry", "Council"), with their case.
	OrgWords []string `json:"org_words"`
	// Conjunctions join two clauses of one sentence, each with its own
	// speaker ("while the council warned …").
	Conjunctions []string `json:"conjunctions"`
	// NotInSubject are words that show that what stands before a verb is
	// a clause rather than the name of a speaker ("would", "which").
	NotInSubject []string `json:"not_in_subject"`
	// MaxSubjectWords is the most words a speaker may have.
	MaxSubjectWords int `json:"max_subject_words"`
}

// QuotePair is a pair of quotation marks.
type QuotePair struct {
	Open  string `json:"open"`
	Close string `json:"close"`
}

// DefaultRules returns the English rules.
func DefaultRules() Rules {
	return Rules{
		Quotes: []QuotePair{{"“", "”"}, {`"`, `"`}, {"«", "»"}},
		SpeechVerbs: []string{"said", "says", "added", "adds", "claimed", "claims", "insisted", "insists",
			"warned", "warns", "stated", "states", "argued", "argues", "wrote", "writes", "noted", "notes",
			"explained", "announced", "asserted", "maintained", "maintains", "replied", "stressed", "acknowledged",
			"admitted", "alleged", "told"},
		ObjectVerbs:     []string{"told", "tells", "assured", "informed", "reminded"},
		DenialVerbs:     []string{"denied", "denies", "rejected", "rejects", "dismissed", "dismisses", "declined to", "declines to", "refused to", "refuses to", "would not say", "would not comment"},
		According:       []string{"according to"},
		Complementizers: []string{"that"},
		Pronouns:        []string{"he", "she"},
		Titles: []string{"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir", "Dame",
			"Minister", "President", "Prime", "Senator", "Governor", "Mayor", "General", "Gen.", "Judge", "Chancellor", "Secretary"},
		OrgWords: []string{"Ministry", "Department", "Authority", "Council", "Office", "Agency", "Group", "Union", "Institute",
			"Company", "Corporation", "Bank", "Party", "Government", "Committee", "Commission", "Court", "Police", "Army",
			"University", "Association", "Federation", "Organisation", "Organization", "Logistics", "Inc", "Ltd", "News",
			"Times", "Post", "Press", "Reuters", "Nations", "Republic", "Kingdom", "States", "City", "County", "Water"},
		Conjunctions: []string{"while", "but", "whereas", "and"},
		NotInSubject: []string{"that", "which", "who", "whom", "whose", "would", "will", "could", "should", "can", "may", "might",
			"must", "is", "was", "are", "were", "be", "been", "has", "had", "have", "did", "does", "do", "not", "if", "when",
			"because", "although", "though", "where", "said", "says", "told", "it", "they", "we", "i", "you", "there", "this",
			"these", "those", "what", "how", "why"},
		MaxSubjectWords: 8,
	}
}

// RulesOf returns the rules a project's schema keeps (annotate.Schema's
// Suggest, as JSON): the English defaults with the lists the JSON gives
// replaced; the defaults when it is empty. Its error is EINVALID for JSON
// that is not such an object (an unknown field included).
func RulesOf(raw json.RawMessage) (Rules, error) {
	r := DefaultRules()
	if len(bytes.TrimSpace(raw)) == 0 {
		return r, nil
	}
	var given Rules // decoded apart: decoding into the defaults would mix old list items in
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&given); err != nil {
		return Rules{}, annotate.Errorf(annotate.EINVALID, "the suggester's rules (\"suggest\" in the schema): %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if given.Quotes != nil {
		r.Quotes = given.Quotes
	}
	for _, f := range []struct{ to, from *[]string }{
		{&r.SpeechVerbs, &given.SpeechVerbs}, {&r.ObjectVerbs, &given.ObjectVerbs}, {&r.DenialVerbs, &given.DenialVerbs},
		{&r.According, &given.According}, {&r.Complementizers, &given.Complementizers}, {&r.Pronouns, &given.Pronouns},
		{&r.Titles, &given.Titles}, {&r.OrgWords, &given.OrgWords}, {&r.Conjunctions, &given.Conjunctions},
		{&r.NotInSubject, &given.NotInSubject},
	} {
		if *f.from != nil {
			*f.to = *f.from
		}
	}
	if given.MaxSubjectWords > 0 {
		r.MaxSubjectWords = given.MaxSubjectWords
	}
	for _, q := range r.Quotes {
		if q.Open == "" || q.Close == "" {
			return Rules{}, annotate.Errorf(annotate.EINVALID, "the suggester's rules: a quotation mark pair needs an open and a close mark")
		}
	}
	return r, nil
}
