package annotate

import "testing"

func TestAfterSpanAdded(t *testing.T) {
	tests := []struct{ from, want Status }{
		{StatusTodo, StatusInProgress},
		{"", StatusInProgress},
		{StatusInProgress, StatusInProgress},
		{StatusDone, StatusDone},
	}
	for _, tt := range tests {
		if got := tt.from.AfterSpanAdded(); got != tt.want {
			t.Errorf("%q.AfterSpanAdded() = %q, want %q", tt.from, got, tt.want)
		}
	}
	// Adding more spans never changes the status again.
	for _, st := range Statuses {
		once := st.AfterSpanAdded()
		if twice := once.AfterSpanAdded(); twice != once {
			t.Errorf("%q: %q, then %q", st, once, twice)
		}
	}
}
