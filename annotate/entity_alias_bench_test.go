package annotate

import (
	"fmt"
	"testing"
)

// BenchmarkEntityMatches: one keystroke in E's name field of a project
// with 10,000 actors of 3 aliases each (NewEntityCompleter: names and
// aliases folded once per dialog).
func BenchmarkEntityMatches(b *testing.B) {
	ents := make([]Entity, 10000)
	for i := range ents {
		ents[i] = Entity{ID: fmt.Sprint(i), Name: fmt.Sprintf("Zoé Person%d al-Name%d", i, i%97),
			Aliases: []string{fmt.Sprintf("Mr Person%d", i), fmt.Sprintf("the envoy %d", i), fmt.Sprintf("Minister %d of Name%d", i, i%89)}}
	}
	c := NewEntityCompleter(ents)
	for b.Loop() {
		c.Matches("name1")
	}
}
