package suggest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/annotate"
	"claimdesk/annotate/format"
)

// said is a suggestion as its texts: the actor, the statement, and
// whether it is a denial.
type said struct {
	actor, statement string
	denial           bool
}

func texts(text string, sugs []Suggestion) []said {
	rs := []rune(text)
	var out []said
	for _, s := range sugs {
		out = append(out, said{string(rs[s.Actor.Start:s.Actor.End]), string(rs[s.Statement.Start:s.Statement.End]), s.Denial})
	}
	return out
}

func TestSuggestPatterns(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		want []said
	}{
		// quotations with a speech verb
		{"curly, verb first", "“We will win,” said Mr Jafari.", []said{{"Mr Jafari", "We will win", false}}},
		{"curly, speaker first", "“We will win,” Mr Jafari said.", []said{{"Mr Jafari", "We will win", false}}},
		{"straight, speaker first", `"We will win," Mr Jafari said.`, []said{{"Mr Jafari", "We will win", false}}},
		{"straight, verb first", `"Prices will fall," said Ana Petrova, the union's leader.`, []said{{"Ana Petrova, the union's leader", "Prices will fall", false}}},
		{"guillemets", "«Nous gagnerons», said Mr Jafari.", []said{{"Mr Jafari", "Nous gagnerons", false}}},
		{"question mark", "“Why now?” asked nobody, and Ms Roe said nothing.", nil},
		{"exclamation", "“Never!” Ms Roe said.", []said{{"Ms Roe", "Never!", false}}},
		{"speaker before, colon", "Mr Jafari said: “We are ready to work with everyone.”", []said{{"Mr Jafari", "We are ready to work with everyone", false}}},
		{"speaker before, told reporters", "Mr Jafari told reporters: “We are ready.”", []said{{"Mr Jafari", "We are ready", false}}},
		{"role and name after the verb", "“No,” said its chair, Tomás Ibáñez.", []said{{"its chair, Tomás Ibáñez", "No", false}}},
		{"role after the verb", "“No,” said a ministry spokesman.", []said{{"a ministry spokesman", "No", false}}},
		{"nested quotes", "“He told me, ‘We need a month,’ and I believed him,” Ms Roe said.",
			[]said{{"Ms Roe", "He told me, ‘We need a month,’ and I believed him", false}}},
		{"straight inside curly", "“They called it \"a fantasy\" twice,” Ms Roe said.", []said{{"Ms Roe", "They called it \"a fantasy\" twice", false}}},
		{"paragraph-spanning", "“Passengers have waited.\n\n“They deserve better,” Ms Roe added.",
			[]said{{"Ms Roe", "Passengers have waited.\n\n“They deserve better", false}}},
		{"paragraph-spanning, straight", "\"Passengers have waited.\n\n\"They deserve better,\" Ms Roe added.",
			[]said{{"Ms Roe", "Passengers have waited.\n\n\"They deserve better", false}}},
		{"unclosed at a paragraph's end", "“Passengers have waited.\n\nThey deserve better,” Ms Roe added.", nil},
		{"he said", "Ms Roe arrived late. “Sorry for the delay,” she said.", []said{{"Ms Roe", "Sorry for the delay", false}}},
		{"he said: the nearest person", "Mr Kim met Ms Roe. Ms Roe spoke first. “We agree,” she said.", []said{{"Ms Roe", "We agree", false}}},
		{"he said: the title counts", "The minister, Mr Kim, arrived. “We agree,” he said.", []said{{"Mr Kim", "We agree", false}}},
		{"he said: not a place", "Ms Roe flew to New York. “It was long,” she said.", []said{{"Ms Roe", "It was long", false}}},
		{"he said: not an organisation", "Harbour Authority staff left. “It was long,” she said.", nil},
		{"he said: no one in the paragraph", "Ms Roe arrived.\n\n“Sorry,” she said.", nil},
		{"a full stop ends the quotation", "“We will win.” Mr Jafari left the room.", nil},
		{"no speech verb", "“We will win,” Mr Jafari thought.", nil},
		// indirect speech
		{"said that", "The ministry said on Tuesday that taxes would rise.", []said{{"The ministry", "taxes would rise", false}}},
		{"said, a clause", "China's defence ministry said it would send advisers.", []said{{"China's defence ministry", "it would send advisers", false}}},
		{"said, a bare noun phrase", "Priya Raman of the Avelin Institute said private operators cut costs.", []said{{"Priya Raman of the Avelin Institute", "private operators cut costs", false}}},
		{"told reporters that", "Mr Jafari told reporters that the offer was welcome.", []said{{"Mr Jafari", "the offer was welcome", false}}},
		{"told without that", "The coastguard told fishermen to stay in harbour.", nil},
		{"said in", "Mr Jafari said in Tehran.", nil},
		{"said alone", "Mr Jafari said.", nil},
		{"reported after", "Wang Yi made the offer in New York, Mr Jafari said.", []said{{"Mr Jafari", "Wang Yi made the offer in New York", false}}},
		{"reported after, verb first", "Wang Yi made the offer in New York, said Mr Jafari.", []said{{"Mr Jafari", "Wang Yi made the offer in New York", false}}},
		{"pronoun subject", "Ms Roe spoke. She said the plan was sound.", []said{{"Ms Roe", "the plan was sound", false}}},
		{"appositive, name first", "Hong Lei, a foreign ministry spokesman, would not say whether aid was sent.",
			[]said{{"Hong Lei, a foreign ministry spokesman", "would not say whether aid was sent", true}}},
		{"a clause after the name is no role", "“No,” said Tomás Ibáñez, adding that he was not consulted.", []said{{"Tomás Ibáñez", "No", false}}},
		{"appositive, role first", "The operator's chief executive, Tom Brandt, said the deal was costly.", []said{{"The operator's chief executive, Tom Brandt", "the deal was costly", false}}},
		{"two speakers in one sentence", "Ms Roe said the plan was good, while the city council warned that it was costly.",
			[]said{{"Ms Roe", "the plan was good", false}, {"the city council", "it was costly", false}}},
		{"two speakers with two quotations", "“Yes,” said Ms Roe. “No,” said Mr Kim.",
			[]said{{"Ms Roe", "Yes", false}, {"Mr Kim", "No", false}}},
		{"according to, first", "According to Ibrahim Jafari, China has offered help.", []said{{"Ibrahim Jafari", "China has offered help", false}}},
		{"according to, last", "China has offered help, according to Ibrahim Jafari, Iraq's foreign minister.", []said{{"Ibrahim Jafari, Iraq's foreign minister", "China has offered help", false}}},
		{"according to a lowercase source", "A meeting is planned, according to officials.", nil},
		// denials
		{"denied", "Korlan Mining denied that the spill reached the river.", []said{{"Korlan Mining", "denied that the spill reached the river", true}}},
		{"rejected", "The Port Authority rejected the account.", []said{{"The Port Authority", "rejected the account", true}}},
		{"declined to comment", "A spokeswoman for Zorya Logistics declined to comment on the talks.", []said{{"A spokeswoman for Zorya Logistics", "declined to comment on the talks", true}}},
		{"refused to", "The regional governor refused to say whether an inquiry would open.", []said{{"The regional governor", "refused to say whether an inquiry would open", true}}},
		{"said and declined", "The health office said it would publish results and declined to comment before then.",
			[]said{{"The health office", "it would publish results", false}, {"The health office", "declined to comment before then", true}}},
		{"a relative clause ends a denial", "The company rejected a report by the group, which said the river was dirty.",
			[]said{{"The company", "rejected a report by the group", true}}},
		{"passive", "The claim was rejected by the court.", nil},
		// not speech
		{"a headline", "Harbour Authority Denies Plan to Sell Docks", nil},
		{"the said", "The said photographs were taken near the gate.", nil},
		{"a relative pronoun", "It was a plan which said nothing.", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := texts(c.text, New(DefaultRules(), nil).Suggest(c.text))
			if !slices.Equal(got, c.want) {
				t.Errorf("Suggest(%q)\n got %+v\nwant %+v", c.text, got, c.want)
			}
		})
	}
}

// TestSuggestCodePoints checks that offsets count code points, not bytes.
func TestSuggestCodePoints(t *testing.T) {
	text := "👩‍👩‍👧 Zoë wrote. “Ça va,” said Mr Ibáñez."
	sugs := New(DefaultRules(), nil).Suggest(text)
	if len(sugs) != 1 {
		t.Fatalf("got %d suggestions, want 1", len(sugs))
	}
	rs := []rune(text)
	want := strings.Index(text, "Ça va")
	if got := len(string(rs[:sugs[0].Statement.Start])); got != want {
		t.Errorf("statement starts at byte %d, want %d", got, want)
	}
	if got := string(rs[sugs[0].Actor.Start:sugs[0].Actor.End]); got != "Mr Ibáñez" {
		t.Errorf("actor %q, want Mr Ibáñez", got)
	}
}

// TestSuggestEntities checks that an actor naming a project's entity gets
// it: by name, or by a title with its last name when only one has it.
func TestSuggestEntities(t *testing.T) {
	ents := []annotate.Entity{{ID: "e1", Name: "Ibrahim Jafari"}, {ID: "e2", Name: "Wang Yi"}, {ID: "e3", Name: "China’s defence ministry"},
		{ID: "e4", Name: "Anna Kim"}, {ID: "e5", Name: "Tom Kim"}}
	for _, c := range []struct{ text, want string }{
		{"“Yes,” said Ibrahim Jafari.", "e1"},
		{"“Yes,” said Mr Jafari.", "e1"},
		{"China’s defence ministry declined to comment.", "e3"},
		{"“Yes,” said Mr Kim.", ""}, // two entities are called Kim
		{"“Yes,” said Mr Hong.", ""},
	} {
		sugs := New(DefaultRules(), ents).Suggest(c.text)
		if len(sugs) != 1 || sugs[0].Entity != c.want {
			t.Errorf("Suggest(%q) = %+v, want one with entity %q", c.text, sugs, c.want)
		}
	}
}

// TestRecordEntities checks that the record of a suggestion naming an
// entity holds the entity, so that a JSONL writer can write it.
func TestRecordEntities(t *testing.T) {
	ents := []annotate.Entity{{ID: "e1", Name: "Ibrahim Jafari", Kind: "person"}}
	text := "“Yes,” said Mr Jafari."
	rec := Record(annotate.Document{ID: "d", Text: text}, New(DefaultRules(), ents).Suggest(text),
		LabelsOf(annotate.DefaultRelationTypes()), Annotator, time.Now(), ents)
	var named int
	for _, s := range rec.Spans {
		if s.Entity == "e1" {
			named++
		}
	}
	if named != 1 || rec.Entities["e1"].Name != "Ibrahim Jafari" {
		t.Errorf("spans naming e1: %d; entities %v", named, rec.Entities)
	}
	var buf strings.Builder
	w := format.NewJSONLWriter(&buf)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Ibrahim Jafari") {
		t.Errorf("the JSONL does not name the entity: %s", buf.String())
	}
}

// TestLabelsOf checks that the labels come from the SOURCE link type.
func TestLabelsOf(t *testing.T) {
	def := LabelsOf(annotate.DefaultRelationTypes())
	if def != (Labels{annotate.LabelActor, annotate.LabelClaim, annotate.LabelDenial, annotate.RelationSource}) {
		t.Errorf("default labels %+v", def)
	}
	s, err := annotate.DefaultSchema().RenameLabel(annotate.LabelClaim, "STATEMENT")
	if err != nil {
		t.Fatal(err)
	}
	s, err = s.RenameLabel(annotate.LabelActor, "SPEAKER")
	if err != nil {
		t.Fatal(err)
	}
	if got := LabelsOf(s.Relations); got != (Labels{"SPEAKER", "STATEMENT", annotate.LabelDenial, annotate.RelationSource}) {
		t.Errorf("renamed labels %+v", got)
	}
	s, err = s.DeleteLabel(annotate.LabelDenial)
	if err != nil {
		t.Fatal(err)
	}
	l := LabelsOf(s.Relations)
	if l.Denial != "" {
		t.Errorf("without a denial label: %+v", l)
	}
	// a schema without denials: Record leaves denials out
	rec := Record(annotate.Document{ID: "d", Text: "Mr Kim denied it. “Yes,” said Ms Roe."},
		New(DefaultRules(), nil).Suggest("Mr Kim denied it. “Yes,” said Ms Roe."), l, Annotator, time.Time{}, nil)
	if len(rec.Relations) != 1 || len(rec.Spans) != 2 {
		t.Errorf("record without denials: %d spans, %d links", len(rec.Spans), len(rec.Relations))
	}
}

// TestRecordSharesActors checks that one actor mention with two
// statements is one span with two links, and that the spans and links
// pass the project's rules.
func TestRecordSharesActors(t *testing.T) {
	text := "Ms Roe spoke. She said the plan was sound. “It is cheap,” she said."
	doc := annotate.Document{ID: "d", Text: text}
	ts := annotate.DefaultRelationTypes()
	rec := Record(doc, New(DefaultRules(), nil).Suggest(text), LabelsOf(ts), Annotator, time.Now(), nil)
	if len(rec.Spans) != 3 || len(rec.Relations) != 2 {
		t.Fatalf("%d spans, %d links; want 3 and 2", len(rec.Spans), len(rec.Relations))
	}
	byID := map[string]annotate.Span{}
	for _, s := range rec.Spans {
		if err := s.Validate(annotate.RuneCount(text)); err != nil {
			t.Error(err)
		}
		if s.Annotator != Annotator {
			t.Errorf("annotator %q", s.Annotator)
		}
		byID[s.ID] = s
	}
	for _, r := range rec.Relations {
		if err := ts.CheckRelation(r, byID[r.From], byID[r.To]); err != nil {
			t.Error(err)
		}
	}
}

// TestRulesOf checks the rules a schema keeps: the defaults where it says
// nothing, its lists where it gives them, and a loud error for a field
// that is not a rule; and that a project's own rules find other words.
func TestRulesOf(t *testing.T) {
	r, err := RulesOf(nil)
	if err != nil || !slices.Equal(r.SpeechVerbs, DefaultRules().SpeechVerbs) {
		t.Fatalf("RulesOf(nil) = %v, %v", r.SpeechVerbs, err)
	}
	r, err = RulesOf([]byte(`{"quotes":[{"open":"„","close":"“"}],"speech_verbs":["sagte"],"titles":["Herr"]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.DenialVerbs, DefaultRules().DenialVerbs) {
		t.Errorf("a list the schema leaves out is not the default: %v", r.DenialVerbs)
	}
	text := "„Wir gewinnen“, sagte Herr Kim."
	got := texts(text, New(r, nil).Suggest(text))
	if want := []said{{"Herr Kim", "Wir gewinnen", false}}; !slices.Equal(got, want) {
		t.Errorf("German rules: got %+v, want %+v", got, want)
	}
	for _, bad := range []string{`{"speech_verb":["x"]}`, `[1]`, `{"quotes":[{"open":"«"}]}`} {
		if _, err := RulesOf([]byte(bad)); annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("RulesOf(%s): error %v, want EINVALID", bad, err)
		}
	}
}

// TestSuggestAliases checks that an actor named by an alias of an entity
// (the text of a span that names it) gets the entity, with or without a
// title; that an alias two entities share names neither; that an alias
// of an unknown entity is left out; and that names win over aliases.
func TestSuggestAliases(t *testing.T) {
	ents := []annotate.Entity{{ID: "e1", Name: "People’s Republic of China"}, {ID: "e2", Name: "Ibrahim Jafari"}, {ID: "e3", Name: "Tom Kim"}}
	aliases := map[string][]string{
		"e1":   {"Beijing", "China", "the Chinese government"},
		"e2":   {"Jafari", "the Iraqi foreign minister", "Ibrahim Jafari"},
		"e3":   {"the minister", "Tom Kim"},
		"gone": {"Baghdad"},
	}
	aliases["e2"] = append(aliases["e2"], "the minister")
	for _, c := range []struct{ text, want string }{
		{"“Yes,” said Beijing.", "e1"},
		{"“Yes,” said BEIJING.", "e1"},
		{"The Chinese government denied the report.", "e1"},
		{"“Yes,” said Mr Jafari.", "e2"},
		{"“Yes,” said the Iraqi foreign minister.", "e2"},
		{"“Yes,” said the minister.", ""}, // the alias of e2 and e3
		{"“Yes,” said Baghdad.", ""},      // an alias of no entity the project has
		{"“Yes,” said Tom Kim.", "e3"},
	} {
		sugs := New(DefaultRules(), ents).WithAliases(aliases).Suggest(c.text)
		if len(sugs) != 1 || sugs[0].Entity != c.want {
			t.Errorf("Suggest(%q) = %+v, want one with entity %q", c.text, sugs, c.want)
		}
	}
	if sugs := New(DefaultRules(), ents).Suggest("“Yes,” said Beijing."); len(sugs) != 1 || sugs[0].Entity != "" {
		t.Errorf("without aliases: %+v", sugs)
	}
}

// TestPending leaves out the rejected suggestions, by their keys.
func TestPending(t *testing.T) {
	text := "“Yes,” said Mr Jafari. China’s defence ministry declined to comment."
	sugs := New(DefaultRules(), nil).Suggest(text)
	if len(sugs) != 2 {
		t.Fatalf("%d suggestions: %+v", len(sugs), sugs)
	}
	if got := Pending(sugs, nil); !slices.Equal(got, sugs) {
		t.Errorf("none rejected: %+v", got)
	}
	got := Pending(sugs, map[string]bool{sugs[0].Key(): true, "1-2>3-4:claim": true})
	if len(got) != 1 || got[0] != sugs[1] {
		t.Errorf("first rejected: %+v", got)
	}
	if k0, k1 := sugs[0].Key(), sugs[1].Key(); k0 == k1 || !strings.HasSuffix(k1, ":denial") {
		t.Errorf("keys %q, %q", k0, k1)
	}
}
