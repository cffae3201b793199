package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"claimdesk/annotate"
)

// Kind is the pattern a suggestion was found by.
type Kind string

// The patterns.
const (
	Quote     Kind = "quote"     // a quotation with a speech verb and a speaker
	Indirect  Kind = "indirect"  // X said (that) …; …, X said
	According Kind = "according" // according to X, …; …, according to X
	Denial    Kind = "denial"    // X denied …; X declined to comment
)

// Range is a range of a text in code points, end exclusive.
type Range struct{ Start, End int }

// Suggestion is one attribution: an actor, what they state (a claim, or
// a denial when Denial is true), and the SOURCE link between them.
type Suggestion struct {
	Kind      Kind
	Actor     Range
	Statement Range
	Denial    bool
	// Entity is the id of the project's entity the actor names, "" none.
	Entity string
}

// Suggester finds attributions with a set of rules; it may be used by
// several goroutines at once.
type Suggester struct {
	rules                                         Rules
	speech, object, denial, according             phraseSet
	complementizers, pronouns, conj, notInSubject map[string]bool
	titles, orgWords                              map[string]bool
	entities                                      []annotate.Entity
	names                                         map[string]string // NameKey of a name or explicit alias → entity id; "" for two
	aliases                                       map[string]string // NameKey of a mention's text → entity id; "" for two
}

// New returns a Suggester with rules, which names the project's
// entities (by their names and aliases) on the actor spans it suggests.
func New(rules Rules, entities []annotate.Entity) *Suggester {
	s := &Suggester{rules: rules, entities: entities, names: entityNames(entities)}
	s.speech = phrases(rules.SpeechVerbs)
	s.object = phrases(rules.ObjectVerbs)
	s.denial = phrases(rules.DenialVerbs)
	s.according = phrases(rules.According)
	s.complementizers = lowerSet(rules.Complementizers)
	s.pronouns = lowerSet(rules.Pronouns)
	s.conj = lowerSet(rules.Conjunctions)
	s.notInSubject = lowerSet(rules.NotInSubject)
	s.titles = set(rules.Titles)
	s.orgWords = set(rules.OrgWords)
	if s.rules.MaxSubjectWords <= 0 {
		s.rules.MaxSubjectWords = 8
	}
	return s
}

// phraseSet is a list of phrases, lower case, by their first word.
type phraseSet map[string][][]string

func phrases(list []string) phraseSet {
	out := phraseSet{}
	for _, p := range list {
		if f := strings.Fields(strings.ToLower(p)); len(f) > 0 {
			out[f[0]] = append(out[f[0]], f)
		}
	}
	// longest first, so that "declined to" wins over a shorter entry
	for _, ps := range out {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	}
	return out
}

// get returns m's value for w in lower case, without allocating for a
// short ASCII word.
func get[V any](m map[string]V, w string) V {
	var buf [32]byte
	if len(w) <= len(buf) {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				return m[strings.ToLower(w)]
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return m[string(buf[:len(w)])]
	}
	return m[strings.ToLower(w)]
}

func lowerSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, w := range list {
		m[strings.ToLower(w)] = true
	}
	return m
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, w := range list {
		m[strings.TrimSuffix(w, ".")] = true
	}
	return m
}

// match returns the number of tokens of the first phrase of list that
// toks[i:] starts with, or 0.
func match(list phraseSet, toks []tok, i int) int {
	if i >= len(toks) || !toks[i].word {
		return 0
	}
	for _, p := range get(list, toks[i].w) {
		if i+len(p) > len(toks) {
			continue
		}
		ok := true
		for k, w := range p[1:] {
			t := toks[i+1+k]
			if !t.word || !strings.EqualFold(t.w, w) {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// brange is a range in bytes.
type brange struct{ s, e int }

// found is a suggestion in bytes.
type found struct {
	kind      Kind
	actor     brange
	statement brange
	denial    bool
	verb      int // byte offset of the verb, so that one verb makes one suggestion
}

// run is the state of one Suggest call.
type run struct {
	*Suggester
	text    string
	lay     layout
	quotes  []quote
	persons map[int][]brange // person mentions by paragraph
	out     []found
	verbs   map[int]bool // verbs used
	taken   []bool       // bytes inside a statement suggested

	// token buffers: of a sentence, around a quotation, of a paragraph
	sbuf, qbuf, pbuf []tok
}

// maxStatement and maxContext bound, in bytes, a statement and the text
// around a quotation that is read for its speaker, and maxSentence the
// sentences read for indirect speech and denials: longer ones are not
// prose, and the bounds keep the work linear in the text.
const (
	maxStatement = 3000
	maxContext   = 400
	maxSentence  = 5000
)

// Suggest returns the attributions it finds in text, in the order of
// their statements.
func (s *Suggester) Suggest(text string) []Suggestion {
	r := &run{Suggester: s, text: text, lay: newLayout(text), persons: map[int][]brange{}, verbs: map[int]bool{}}
	r.quotes = findQuotes(text, s.rules.Quotes)
	// in the order of the text, so that "he said" finds the speakers
	// suggested before it: the quotations opened in or before a sentence,
	// then the sentence
	qi := 0
	for i := 0; i+1 < len(r.lay.sents); i++ {
		for ; qi < len(r.quotes) && r.quotes[qi].os < r.lay.sents[i+1]; qi++ {
			r.quotation(r.quotes[qi])
		}
		r.sentence(r.lay.sents[i], r.lay.sents[i+1])
	}
	for ; qi < len(r.quotes); qi++ {
		r.quotation(r.quotes[qi])
	}
	sort.SliceStable(r.out, func(i, j int) bool { return r.out[i].statement.s < r.out[j].statement.s })
	rn := runeOffsets(text, r.out)
	out := make([]Suggestion, 0, len(r.out))
	for _, f := range r.out {
		out = append(out, Suggestion{
			Kind:      f.kind,
			Actor:     Range{rn[f.actor.s], rn[f.actor.e]},
			Statement: Range{rn[f.statement.s], rn[f.statement.e]},
			Denial:    f.denial,
			Entity:    s.entityOf(text[f.actor.s:f.actor.e]),
		})
	}
	return out
}

// runeOffsets returns the code-point offsets of the byte offsets of the
// suggestions, counting the text's code points once.
func runeOffsets(text string, fs []found) map[int]int {
	bs := make([]int, 0, 4*len(fs))
	for _, f := range fs {
		bs = append(bs, f.actor.s, f.actor.e, f.statement.s, f.statement.e)
	}
	sort.Ints(bs)
	out := make(map[int]int, len(bs))
	at, n := 0, 0
	for _, b := range bs {
		n += utf8.RuneCountInString(text[at:b])
		at = b
		out[b] = n
	}
	return out
}

// inQuote reports whether byte b is inside a quotation's marks.
func (r *run) inQuote(b int) bool {
	i := sort.Search(len(r.quotes), func(i int) bool { return r.quotes[i].qe > b })
	return i < len(r.quotes) && r.quotes[i].os <= b
}

// quotation suggests the attribution of a quotation: a speaker and a
// speech verb after it ("…," said X; "…," X said) or before it (X said:
// "…").
func (r *run) quotation(q quote) {
	// the sentence after the closing mark: after "?”" or "!”" Unicode
	// segmentation may start a new one there
	b := q.qe
	for b < len(r.text)-1 && isSpaceByte(r.text[b]) {
		b++
	}
	_, se := r.lay.sentence(min(b, len(r.text)-1))
	end := min(se, q.qe+maxContext)
	for _, p := range r.rules.Quotes { // the attribution ends where another quotation starts
		if k := strings.Index(r.text[q.qe:end], p.Open); k >= 0 {
			end = q.qe + k
		}
	}
	if q.open {
		r.qbuf = tokenize(r.qbuf, r.text, q.qe, end)
		toks := r.qbuf
		i := 0
		if i < len(toks) && toks[i].w == "," {
			i++
		}
		// "…," said X
		if n := r.speechVerb(toks, i); n > 0 {
			if a, ok := r.nameAfter(toks, i+n); ok {
				r.add(found{kind: Quote, actor: a, statement: brange{q.cs, q.ce}, verb: toks[i].s})
				return
			}
		}
		// "…," X said
		for k := i + 1; k < len(toks) && k-i <= r.rules.MaxSubjectWords; k++ {
			if !toks[k-1].word {
				break
			}
			if n := r.speechVerb(toks, k); n > 0 {
				if a, ok := r.subject(toks[i:k]); ok {
					r.add(found{kind: Quote, actor: a, statement: brange{q.cs, q.ce}, verb: toks[k].s})
				}
				return
			}
		}
	}
	// X said: "…"
	bs, _ := r.lay.sentence(q.os)
	if q.os-bs > maxContext {
		return
	}
	r.qbuf = tokenize(r.qbuf, r.text, bs, q.os)
	toks := r.qbuf
	n := len(toks)
	if n < 2 || (toks[n-1].w != ":" && toks[n-1].w != ",") {
		return
	}
	for v := n - 2; v >= 0 && v >= n-5; v-- {
		if r.inQuote(toks[v].s) {
			return
		}
		if k := r.speechVerb(toks, v); k > 0 && v+k <= n-1 {
			for w := v + k; w < n-1; w++ {
				if !toks[w].word {
					return
				}
			}
			cs := clauseStart(toks, v, r.conj)
			if a, ok := r.subject(toks[cs:v]); ok {
				r.add(found{kind: Quote, actor: a, statement: brange{q.cs, q.ce}, verb: toks[v].s})
			}
			return
		}
	}
}

// speechVerb returns the tokens of a speech or object verb at toks[i].
func (r *run) speechVerb(toks []tok, i int) int {
	if n := match(r.speech, toks, i); n > 0 {
		return n
	}
	return match(r.object, toks, i)
}

// add records a suggestion unless its verb made one already or its
// statement overlaps one.
func (r *run) add(f found) {
	if r.verbs[f.verb] || f.actor.e <= f.actor.s || f.statement.e <= f.statement.s {
		return
	}
	if f.actor.s < f.statement.e && f.statement.s < f.actor.e || f.statement.e-f.statement.s > maxStatement {
		return
	}
	if r.taken == nil {
		r.taken = make([]bool, len(r.text))
	}
	for b := f.statement.s; b < f.statement.e; b++ {
		if r.taken[b] {
			return
		}
	}
	for b := f.statement.s; b < f.statement.e; b++ {
		r.taken[b] = true
	}
	r.verbs[f.verb] = true
	r.out = append(r.out, f)
}

// clauseStart returns the index of the first token of the clause that
// ends before toks[v]: after the last mark or conjunction before it.
func clauseStart(toks []tok, v int, conj map[string]bool) int {
	i := v
	for i > 0 {
		t := toks[i-1]
		if !t.word && t.w != "." || t.word && conj[t.w] {
			break
		}
		i--
	}
	return i
}

// trailing words that say when, not who
var whenWords = map[string]bool{"yesterday": true, "today": true, "also": true, "again": true, "later": true,
	"earlier": true, "previously": true, "repeatedly": true, "flatly": true, "firmly": true, "strongly": true}
var weekdays = map[string]bool{"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true}

// subject returns the speaker named by words, the subject of a speech
// verb: a pronoun stands for the nearest person before it in the
// paragraph; other words must start with a capital, hold no word of
// NotInSubject and be at most MaxSubjectWords long.
func (r *run) subject(words []tok) (brange, bool) {
	for len(words) > 0 {
		last := words[len(words)-1]
		switch {
		case get(whenWords, last.w):
			words = words[:len(words)-1]
			continue
		case len(words) >= 2 && weekdays[last.w] && words[len(words)-2].w == "on":
			words = words[:len(words)-2]
			continue
		}
		break
	}
	if len(words) == 0 || len(words) > r.rules.MaxSubjectWords {
		return brange{}, false
	}
	if len(words) == 1 && get(r.pronouns, words[0].w) {
		return r.antecedent(words[0].s)
	}
	first, _ := utf8.DecodeRuneInString(words[0].w)
	if !unicode.IsUpper(first) && !(determiners[words[0].w] && len(words) >= 2) {
		return brange{}, false
	}
	if len(words) == 1 && get(determiners, words[0].w) {
		return brange{}, false // "The said photographs"
	}
	for _, w := range words {
		if !w.word && w.w != "." || get(r.notInSubject, w.w) || get(r.pronouns, w.w) {
			return brange{}, false
		}
	}
	return brange{words[0].s, words[len(words)-1].e}, true
}

// determiners open a noun phrase that names a speaker by role.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "his": true, "her": true, "their": true, "our": true}

// nameAfter returns the speaker named after a verb at toks[i:]: a run of
// capitalised words ("Mr Jafari") with the role that may follow it to the
// clause's end, or a phrase by role followed by a name in commas ("its
// chair, Tomás Ibáñez"), or a phrase by role alone ("a ministry
// spokesman") when it ends the clause.
func (r *run) nameAfter(toks []tok, i int) (brange, bool) {
	if i >= len(toks) || !toks[i].word {
		return brange{}, false
	}
	if a, j := r.capRun(toks, i); j > i {
		a, j = r.ofPhrase(toks, a, j)
		a, _ = r.withRole(toks, a, j)
		return a, true
	}
	if !get(determiners, toks[i].w) {
		return brange{}, false
	}
	j := i
	for j < len(toks) && toks[j].word && j-i < r.rules.MaxSubjectWords {
		if get(r.notInSubject, toks[j].w) {
			return brange{}, false
		}
		j++
	}
	if j < len(toks) && toks[j].w == "," {
		if a, k := r.capRun(toks, j+1); k > j+1 {
			return brange{toks[i].s, a.e}, true
		}
	}
	if j == len(toks) || !toks[j].word && (toks[j].w == "." || toks[j].w == "," || toks[j].w == ";") {
		return brange{toks[i].s, toks[j-1].e}, true
	}
	return brange{}, false
}

// ofPhrase returns the name a, which ends before toks[j], with an "of"
// phrase that follows it to the clause's end ("Paul Okoro of the national
// weather service."), and the index after it; a and j as they are when
// none follows.
func (r *run) ofPhrase(toks []tok, a brange, j int) (brange, int) {
	if j >= len(toks) || toks[j].w != "of" {
		return a, j
	}
	k := j + 1
	for k < len(toks) && k-j <= r.rules.MaxSubjectWords && toks[k].word {
		if get(r.notInSubject, toks[k].w) || get(r.pronouns, toks[k].w) {
			return a, j
		}
		k++
	}
	if k == j+1 || !sentenceEnds(toks, k) && toks[k].w != "," {
		return a, j
	}
	return brange{a.s, toks[k-1].e}, k
}

// withRole returns the name a, which ends before toks[j], with the role
// that follows it in commas to the end of the clause ("Ana Petrova,
// general secretary of the union." or "… (in Arabic: …)"), and the index
// after it; a and j as they are when no role follows.
func (r *run) withRole(toks []tok, a brange, j int) (brange, int) {
	if j >= len(toks) || toks[j].w != "," {
		return a, j
	}
	k := j + 1
	for k < len(toks) && k-j <= r.rules.MaxSubjectWords && toks[k].word {
		if get(r.notInSubject, toks[k].w) || get(r.pronouns, toks[k].w) {
			return a, j
		}
		k++
	}
	if k == j+1 || k < len(toks) && toks[k].w != "." && toks[k].w != "(" && toks[k].w != ";" {
		return a, j
	}
	return brange{a.s, toks[k-1].e}, k
}

// capRun returns the run of capitalised words at toks[i:] (with "of",
// "the", "for" between capitalised words), and the index after it.
func (r *run) capRun(toks []tok, i int) (brange, int) {
	j := i
	for j < len(toks) && toks[j].word {
		c, _ := utf8.DecodeRuneInString(toks[j].w)
		if unicode.IsUpper(c) {
			j++
			if j < len(toks) && toks[j].w == "." && r.titles[toks[j-1].w] {
				j++
			}
			continue
		}
		if (toks[j].w == "of" || toks[j].w == "the" || toks[j].w == "for") && j > i && j+1 < len(toks) && toks[j+1].word {
			c2, _ := utf8.DecodeRuneInString(toks[j+1].w)
			if unicode.IsUpper(c2) || toks[j+1].w == "the" {
				j++
				continue
			}
		}
		break
	}
	for j > i && !toks[j-1].word { // no trailing mark
		j--
	}
	for j > i && (toks[j-1].w == "of" || toks[j-1].w == "the" || toks[j-1].w == "for") {
		j--
	}
	if j == i {
		return brange{}, i
	}
	return brange{toks[i].s, toks[j-1].e}, j
}
