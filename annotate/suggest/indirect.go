package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"claimdesk/annotate"
)

// prepositions before a capitalised run make it a place, not a person.
var placePrepositions = map[string]bool{"in": true, "at": true, "of": true, "from": true, "to": true, "into": true,
	"near": true, "by": true, "for": true, "on": true, "across": true, "outside": true}

// maxLookBack is how many suggestions before a pronoun are searched for
// its person's span.
const maxLookBack = 32

// antecedent returns the nearest person mentioned before byte b in its
// paragraph: a title with a name ("Mr Jafari") or two or more capitalised
// words holding no organisation word and not after a preposition.
func (r *run) antecedent(b int) (brange, bool) {
	p, start := r.lay.para(b)
	list, ok := r.persons[p]
	if !ok {
		end := len(r.text)
		if p+1 < len(r.lay.paras) {
			end = r.lay.paras[p+1]
		}
		list = r.personsIn(start, end)
		r.persons[p] = list
	}
	// the last mention that ends before b (the list is in text order)
	best := sort.Search(len(list), func(i int) bool { return list[i].e > b }) - 1
	if best < 0 {
		return brange{}, false
	}
	m := list[best]
	// the person as a speaker suggested already ("The operator's chief
	// executive, Tom Brandt"), so that both statements share the span;
	// among the last few suggestions, which keeps it linear
	for i := len(r.out) - 1; i >= 0 && i >= len(r.out)-maxLookBack; i-- {
		if a := r.out[i].actor; a.s <= m.s && m.e <= a.e {
			return a, true
		}
	}
	return m, true
}

// personsIn returns the person mentions of text[start:end].
func (r *run) personsIn(start, end int) []brange {
	r.pbuf = tokenize(r.pbuf, r.text, start, end)
	toks := r.pbuf
	var out []brange
	for i := 0; i < len(toks); {
		a, j := r.capRun(toks, i)
		if j == i {
			i++
			continue
		}
		words := toks[i:j]
		// a sentence's first word "The" or "A" is not part of a name
		if get(determiners, words[0].w) {
			words = words[1:]
			if len(words) > 0 {
				a.s = words[0].s
			}
		}
		person := len(words) >= 2 || len(words) == 1 && i > 0 && r.titles[toks[i-1].w]
		if len(words) > 0 && r.titles[words[0].w] && len(words) >= 2 {
			person = true
		} else if len(words) > 0 && r.titles[words[0].w] {
			person = false
		}
		for _, w := range words {
			if r.orgWords[w.w] || w.w == "of" || w.w == "for" || w.w == "the" {
				person = false
			}
		}
		if i > 0 && placePrepositions[toks[i-1].w] && !(len(words) > 0 && r.titles[words[0].w]) {
			person = false
		}
		if person {
			out = append(out, a)
		}
		i = j
	}
	return out
}

// sentence suggests the indirect speech, "according to" and denials of
// the sentence text[start:end].
func (r *run) sentence(start, end int) {
	if end-start > maxSentence {
		return
	}
	r.sbuf = tokenize(r.sbuf, r.text, start, end)
	toks := r.sbuf
	if len(toks) == 0 || !r.ended(toks) {
		return // a headline, a byline: not a sentence of the story
	}
	var prev *found // the last suggestion of the sentence, for "and declined to"
	for v := 0; v < len(toks); v++ {
		if !toks[v].word || r.inQuote(toks[v].s) || r.verbs[toks[v].s] {
			continue
		}
		if n := match(r.according, toks, v); n > 0 {
			if f, ok := r.accordingTo(toks, v, n); ok {
				r.add(f)
			}
			continue
		}
		kind, n := Indirect, r.speechVerb(toks, v)
		if n == 0 {
			if n = match(r.denial, toks, v); n == 0 {
				continue
			}
			kind = Denial
		}
		cs := clauseStart(toks, v, r.conj)
		var actor brange
		ok := false
		if cs == v && cs > 0 && r.conj[toks[cs-1].w] && toks[cs-1].w == "and" && prev != nil {
			// "X said … and declined to …": the same speaker; the first
			// statement ends before "and"
			actor, ok = prev.actor, true
			r.cut(prev, toks[cs-1].s)
		} else if cs < v {
			actor, ok = r.subject(toks[cs:v])
		} else if cs == v && v > 0 && toks[v-1].w == "," {
			actor, ok = r.appositive(toks, v-1)
		}
		if !ok {
			if kind == Indirect && cs == v && cs > 0 && toks[cs-1].w == "," {
				// "…, said X."
				if a, j := r.capRun(toks, v+n); j > v+n && sentenceEnds(toks, j) {
					if f, ok := r.before(toks, cs-1, a, toks[v].s); ok {
						r.add(f)
					}
				}
			}
			continue
		}
		var f found
		switch {
		case kind == Denial:
			f = found{kind: Denial, actor: actor, denial: true, verb: toks[v].s,
				statement: brange{toks[v].s, r.clauseEnd(toks, v+n)}}
		case sentenceEnds(toks, v+n):
			// "…, X said."
			if cs == 0 || toks[cs-1].w != "," {
				continue
			}
			f, ok = r.before(toks, cs-1, actor, toks[v].s)
		default:
			var from int
			from, ok = r.complement(toks, v, n)
			if ok {
				f = found{kind: Indirect, actor: actor, verb: toks[v].s,
					statement: brange{toks[from].s, r.clauseEnd(toks, from)}}
			}
		}
		if !ok || f.statement.e <= f.statement.s {
			continue
		}
		before := len(r.out)
		r.add(f)
		if len(r.out) > before {
			prev = &r.out[len(r.out)-1]
		}
	}
}

// subordinators open a clause of circumstance, which a statement leaves
// out: "denied that …, after photographs circulated".
var subordinators = map[string]bool{"after": true, "before": true, "as": true, "because": true, "since": true,
	"although": true, "though": true, "despite": true, "amid": true, "following": true, "when": true, "until": true}

// attribution reports whether toks[i:] is a speaker and a speech verb that
// end the sentence ("Mr Hong said.", "said Mr Hong.").
func (r *run) attribution(toks []tok, i int) bool {
	if n := r.speechVerb(toks, i); n > 0 {
		_, j := r.capRun(toks, i+n)
		return j > i+n && sentenceEnds(toks, j)
	}
	for k := i + 1; k < len(toks) && k-i <= r.rules.MaxSubjectWords; k++ {
		if !toks[k-1].word {
			return false
		}
		if n := r.speechVerb(toks, k); n > 0 {
			return sentenceEnds(toks, k+n)
		}
	}
	return false
}

// relatives open a clause about what stands before them, not part of a
// statement: "rejected a report by the group, which said …".
var relatives = map[string]bool{"which": true, "who": true, "whose": true, "whom": true}

// appositive returns the speaker of a verb after "A, B," where the comma
// toks[comma] ends B, when one of the two is a name and the other
// describes it ("The operator's chief executive, Tom Brandt, said"; "Hong
// Lei, a foreign ministry spokesman, would not say"): both, as the
// codebook tags a name with the role the text gives it.
func (r *run) appositive(toks []tok, comma int) (brange, bool) {
	b := comma
	for b > 0 && toks[b-1].word {
		b--
	}
	if b == 0 || b == comma || toks[b-1].w != "," {
		return brange{}, false
	}
	a := clauseStart(toks, b-1, r.conj)
	if a == b-1 || comma-b > r.rules.MaxSubjectWords || b-1-a > r.rules.MaxSubjectWords {
		return brange{}, false
	}
	first, second := toks[a:b-1], toks[b:comma]
	whole := brange{toks[a].s, toks[comma-1].e} // the name with its role, as the codebook tags them
	if _, j := r.capRun(toks, b); j == comma && r.role(first) {
		return whole, true
	}
	if _, j := r.capRun(toks, a); j == b-1 && get(determiners, second[0].w) && r.role(second) {
		return whole, true
	}
	return brange{}, false
}

// role reports whether words describe someone: a noun phrase opening
// with a determiner or a capital, without a word of NotInSubject.
func (r *run) role(words []tok) bool {
	if len(words) == 0 {
		return false
	}
	c, _ := utf8.DecodeRuneInString(words[0].w)
	if !unicode.IsUpper(c) && !get(determiners, words[0].w) {
		return false
	}
	for _, w := range words {
		if !w.word || get(r.notInSubject, w.w) {
			return false
		}
	}
	return true
}

// cut ends the statement of f before byte b.
func (r *run) cut(f *found, b int) {
	if b > f.statement.s && b < f.statement.e {
		e := f.statement.s + len(trimEnd(r.text[f.statement.s:b]))
		for k := e; k < f.statement.e; k++ {
			r.taken[k] = false
		}
		f.statement.e = e
	}
}

// before returns the suggestion of a statement that runs from the
// sentence's start to the comma toks[comma], said by actor.
func (r *run) before(toks []tok, comma int, actor brange, verb int) (found, bool) {
	s := toks[0].s
	if r.inQuote(s) || r.inQuote(toks[comma].s) {
		return found{}, false
	}
	e := s + len(trimEnd(r.text[s:toks[comma].s]))
	if e <= s {
		return found{}, false
	}
	return found{kind: Indirect, actor: actor, statement: brange{s, e}, verb: verb}, true
}

// sentenceEnds reports whether toks[i:] holds only marks that end a
// sentence.
func sentenceEnds(toks []tok, i int) bool {
	for ; i < len(toks); i++ {
		switch toks[i].w {
		case ".", "!", "?", "”", `"`, "»", ")":
		default:
			return false
		}
	}
	return true
}

// complement returns the token where the reported clause after the verb
// toks[v:v+n] starts: after "that" within a few words, or, for a speech
// verb that is not an object verb, the next word when it can start a
// clause (a pronoun, a determiner or a capitalised word).
func (r *run) complement(toks []tok, v, n int) (int, bool) {
	for k := v + n; k < len(toks) && k <= v+n+4; k++ {
		if !toks[k].word {
			break
		}
		if get(r.complementizers, toks[k].w) {
			return k + 1, k+1 < len(toks) && toks[k+1].word
		}
	}
	if match(r.object, toks, v) > 0 {
		return 0, false
	}
	k := v + n
	if k >= len(toks) || !toks[k].word {
		return 0, false
	}
	w := toks[k].w
	c, _ := utf8.DecodeRuneInString(w)
	lw := strings.ToLower(w)
	switch {
	case determiners[lw], lw == "it", lw == "he", lw == "she", lw == "they", lw == "we", lw == "there", lw == "this",
		lw == "no", lw == "all", lw == "some", lw == "its", lw == "his", lw == "her", lw == "their":
		return k, true
	case unicode.IsUpper(c) && !weekdays[w]:
		return k, true
	case !notClause[lw] && !r.notInSubject[lw]:
		return k, true // a bare noun phrase: "said private operators had …"
	}
	return 0, false
}

// notClause are words after a speech verb that do not start the clause it
// reports.
var notClause = map[string]bool{"in": true, "on": true, "at": true, "after": true, "before": true, "during": true,
	"with": true, "to": true, "for": true, "of": true, "by": true, "from": true, "so": true, "nothing": true,
	"yes": true, "as": true, "about": true, "through": true, "earlier": true, "later": true, "last": true,
	"yesterday": true, "today": true, "tomorrow": true, "also": true, "again": true, "only": true, "once": true,
	"repeatedly": true, "publicly": true, "privately": true, "recently": true, "previously": true, "separately": true,
	"late": true, "early": true, "next": true, "when": true, "while": true, "but": true, "and": true, "or": true,
	"goodbye": true, "hello": true, "sorry": true, "otherwise": true, "little": true, "more": true, "much": true}

// ended reports whether the sentence toks ends as a sentence of prose
// does, with a full stop, question or exclamation mark (perhaps inside a
// closing quotation mark): headlines and bylines do not.
func (r *run) ended(toks []tok) bool {
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i].w {
		case ".", "!", "?":
			return true
		case "”", `"`, "»", ")", "’":
			continue
		}
		return false
	}
	return false
}

// clauseEnd returns the byte where the statement starting at toks[from]
// ends: the sentence's end, or before ", while …", "; …" or ", according
// to", without the final marks.
func (r *run) clauseEnd(toks []tok, from int) int {
	e := len(toks)
	for k := from; k < len(toks); k++ {
		if toks[k].w == ";" {
			e = k
			break
		}
		if toks[k].w == "," && k+1 < len(toks) && (get(r.conj, toks[k+1].w) && toks[k+1].w != "and" ||
			get(relatives, toks[k+1].w) || get(subordinators, toks[k+1].w) || match(r.according, toks, k+1) > 0 ||
			r.attribution(toks, k+1)) {
			e = k
			break
		}
	}
	if e <= from {
		return toks[from].s
	}
	end := toks[e-1].e
	s := toks[from].s
	return s + len(trimEnd(r.text[s:end]))
}

// trimEnd trims the marks that end a sentence or clause, and spaces, off
// the end of s; a closing quotation mark stays when it closes one opened
// in s.
func trimEnd(s string) string {
	for {
		t := strings.TrimRightFunc(s, unicode.IsSpace)
		t = strings.TrimRight(t, ".,;:!?")
		if strings.HasSuffix(t, "”") && strings.Count(t, "“") < strings.Count(t, "”") {
			t = strings.TrimSuffix(t, "”")
		}
		if t == s {
			return t
		}
		s = t
	}
}

// accordingTo suggests "according to X, …" (the statement after X) and
// "…, according to X" (the statement before it).
func (r *run) accordingTo(toks []tok, v, n int) (found, bool) {
	a, j := r.capRun(toks, v+n)
	if j == v+n {
		return found{}, false
	}
	first := v == 0 || v == 1 && !toks[0].word
	if !first {
		a, j = r.withRole(toks, a, j)
	}
	switch {
	case first:
		if j < len(toks) && toks[j].w == "," && j+1 < len(toks) && !r.inQuote(toks[j+1].s) {
			return found{kind: According, actor: a, verb: toks[v].s,
				statement: brange{toks[j+1].s, r.clauseEnd(toks, j+1)}}, true
		}
	case toks[v-1].w == ",":
		if j < len(toks) && toks[j].w != "," && toks[j].w != "." && toks[j].w != "(" {
			return found{}, false
		}
		f, ok := r.before(toks, v-1, a, toks[v].s)
		f.kind = According
		return f, ok
	}
	return found{}, false
}

// entityOf returns the id of the entity the actor text names: by a name
// or an explicit alias of the entity (annotate.Entity.Names, NameKey),
// with or without a title; else a title with the entity's last name ("Mr
// Jafari" for "Ibrahim Jafari") when only one entity has it; else by a
// text of the spans that name it (WithAliases), with or without a title,
// that only one entity has.
func (s *Suggester) entityOf(actor string) string {
	if len(s.entities) == 0 {
		return ""
	}
	key := annotate.NameKey(actor)
	f := strings.Fields(actor)
	bare := ""
	if len(f) >= 2 && s.titles[strings.TrimSuffix(f[0], ".")] {
		bare = annotate.NameKey(strings.Join(f[1:], " "))
	}
	if id := s.names[key]; id != "" {
		return id
	}
	if id := s.names[bare]; bare != "" && id != "" {
		return id
	}
	last, hits := "", 0
	if bare != "" && !strings.Contains(bare, " ") {
		for _, e := range s.entities {
			if nf := strings.Fields(annotate.NameKey(e.Name)); len(nf) >= 2 && nf[len(nf)-1] == bare {
				last, hits = e.ID, hits+1
			}
		}
	}
	if hits == 1 {
		return last
	}
	if id := s.aliases[key]; id != "" {
		return id
	}
	if bare != "" {
		return s.aliases[bare]
	}
	return ""
}

// entityNames maps the NameKey of each name of the entities to its
// entity's id: names first, then explicit aliases (annotate.Entity.Names);
// a name that two entities' names share goes to the first, and an alias
// two entities share, or that is another's name, to none that has it as
// an alias.
func entityNames(entities []annotate.Entity) map[string]string {
	m := make(map[string]string, len(entities))
	for _, e := range entities {
		if k := annotate.NameKey(e.Name); k != "" {
			if _, ok := m[k]; !ok {
				m[k] = e.ID
			}
		}
	}
	isName := make(map[string]bool, len(m))
	for k := range m {
		isName[k] = true
	}
	for _, e := range entities {
		for _, a := range e.Aliases {
			k := annotate.NameKey(a)
			if k == "" || isName[k] {
				continue
			}
			if id, ok := m[k]; ok && id != e.ID {
				m[k] = "" // two entities: neither
				continue
			}
			m[k] = e.ID
		}
	}
	return m
}

// WithAliases makes the suggester name an entity also by the texts of
// its mentions: entity id → other texts it goes by, the texts of the
// spans that coders made name it (store.Store.EntityMentions: "Beijing"
// tagged as China), so that a mention of an actor already named in the
// project gets its entity. They count after the entity's own names and
// aliases (annotate.Entity.Aliases), which New reads. A text two entities
// share names neither, and one of an entity s does not know is left out.
// It returns s, and is meant to be called before s is used.
func (s *Suggester) WithAliases(aliases map[string][]string) *Suggester {
	known := make(map[string]bool, len(s.entities))
	for _, e := range s.entities {
		known[e.ID] = true
	}
	s.aliases = map[string]string{}
	taken := map[string]bool{}
	for id, texts := range aliases {
		if !known[id] {
			continue
		}
		for _, t := range texts {
			k := annotate.NameKey(t)
			if k == "" || taken[k] && s.aliases[k] == id {
				continue
			}
			if taken[k] {
				s.aliases[k] = "" // two entities: neither
				continue
			}
			taken[k] = true
			s.aliases[k] = id
		}
	}
	return s
}
