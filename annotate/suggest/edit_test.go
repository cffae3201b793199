package suggest

import (
	"reflect"
	"strings"
	"testing"

	"claimdesk/annotate"
)

func TestParseWords(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"said, told,  declined   to", []string{"said", "told", "declined to"}},
		{"sagte\nerklärte,\r\n, SAGTE , Sagte", []string{"sagte", "erklärte"}},
		{" , \n", []string{}},
	} {
		got, err := ParseWords("speech verbs", c.text)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseWords(%q) = %q, %v; want %q", c.text, got, err, c.want)
		}
	}
	if _, err := ParseWords("speech verbs", strings.Repeat("x", 61)); annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), "speech verbs") {
		t.Errorf("a long entry: %v", err)
	}
	if _, err := ParseWords("titles", manyWords(501)); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("501 entries: %v", err)
	}
	list := DefaultRules().DenialVerbs
	if got, err := ParseWords("denial verbs", FormatWords(list)); err != nil || !reflect.DeepEqual(got, list) {
		t.Errorf("round trip: %q, %v", got, err)
	}
}

func manyWords(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("w", 1+i%50))
		b.WriteString(string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + ",")
	}
	return b.String()
}

func TestParseQuotes(t *testing.T) {
	got, err := ParseQuotes("“ ”, \" \n«   »,‚ ‘, \"")
	want := []QuotePair{{"“", "”"}, {`"`, `"`}, {"«", "»"}, {"‚", "‘"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseQuotes = %q, %v; want %q", got, err, want)
	}
	if _, err := ParseQuotes("“ ” „"); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("three marks: %v", err)
	}
	qs := DefaultRules().Quotes
	if got, err := ParseQuotes(FormatQuotes(qs)); err != nil || !reflect.DeepEqual(got, qs) {
		t.Errorf("round trip: %q, %v", got, err)
	}
}

// TestEncode keeps only what differs from the defaults, and RulesOf reads
// back the rules encoded, an emptied list as empty.
func TestEncode(t *testing.T) {
	if raw, err := Encode(DefaultRules()); err != nil || raw != nil {
		t.Errorf("the defaults encode as %s, %v; want nothing", raw, err)
	}
	r := DefaultRules()
	r.SpeechVerbs = append(r.SpeechVerbs, "sagte")
	r.Quotes = []QuotePair{{"„", "“"}}
	r.Pronouns = []string{}
	raw, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(raw); !strings.Contains(got, `"sagte"`) || strings.Contains(got, "denial_verbs") || !strings.Contains(got, `"pronouns":[]`) {
		t.Errorf("encoded %s", got)
	}
	back, err := RulesOf(raw)
	if err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("RulesOf(Encode(r)) = %+v, %v; want %+v", back, err, r)
	}
}
