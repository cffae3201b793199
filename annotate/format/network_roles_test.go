package format

import (
	"bytes"
	"context"
	"testing"

	"claimdesk/annotate"
)

// renamedSchema is the default schema with its labels renamed: ACTOR to
// SPEAKER, CLAIM to STATEMENT, DENIAL to REJECTION.
func renamedSchema(t *testing.T) (annotate.Schema, map[string]string) {
	t.Helper()
	names := map[string]string{"ACTOR": "SPEAKER", "CLAIM": "STATEMENT", "DENIAL": "REJECTION"}
	sc := annotate.DefaultSchema()
	for _, old := range []string{"ACTOR", "CLAIM", "DENIAL"} {
		var err error
		if sc, err = sc.RenameLabel(old, names[old]); err != nil {
			t.Fatal(err)
		}
	}
	return sc, names
}

// TestNetworkRenamedLabels checks that a project whose labels are renamed
// gets the same network and edges as one with the default labels: the
// writers ask the project's link types which labels are statements and
// actors, and which statements agree.
func TestNetworkRenamedLabels(t *testing.T) {
	sc, names := renamedSchema(t)
	var renamed []annotate.Record
	for _, rec := range networkRecords() {
		spans := make([]annotate.Span, len(rec.Spans))
		for i, s := range rec.Spans {
			s.Label = names[s.Label]
			spans[i] = s
		}
		rec.Spans = spans
		renamed = append(renamed, rec)
	}
	write := func(name, mode string, recs []annotate.Record, types annotate.RelationTypes) ([]byte, int) {
		var buf bytes.Buffer
		var w Writer
		opts := ExportOptions{Mode: mode, Opened: func(fw Writer) {
			w = fw
			fw.(SchemaSetter).SetSchema(nil, types)
		}}
		if err := ExportWith(context.Background(), &buf, name, opts, sliceSource(recs...), nil); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), w.(UnsourcedCounter).Unsourced()
	}
	for _, tt := range []struct{ format, mode string }{
		{"network", "affiliation"}, {"network", "congruence"}, {"network", "conflict"}, {"edges", ""},
	} {
		want, wantU := write(tt.format, tt.mode, networkRecords(), annotate.DefaultRelationTypes())
		got, gotU := write(tt.format, tt.mode, renamed, sc.Relations)
		if !bytes.Equal(got, want) || gotU != wantU {
			t.Errorf("%s %s with renamed labels (%d unsourced):\n%s\nwant (%d unsourced):\n%s", tt.format, tt.mode, gotU, got, wantU, want)
		}
		if bytes.Count(want, []byte("<edge")) == 0 && tt.format == "network" {
			t.Errorf("%s %s: no edges: the test compares nothing", tt.format, tt.mode)
		}
		// Without the project's types, the renamed labels are no statements.
		if none, _ := write(tt.format, tt.mode, renamed, nil); bytes.Equal(none, want) {
			t.Errorf("%s %s: renamed labels without their schema give the default network", tt.format, tt.mode)
		}
	}
}
