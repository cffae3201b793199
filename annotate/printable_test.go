package annotate

import (
	"testing"

	"pgregory.net/rapid"
)

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, want, pictures string }{
		{"plain.jsonl", "plain.jsonl", "plain.jsonl"},
		{"x\x1b]0;pwned\a\x1b[2Jy.jsonl", `x\x1b]0;pwned\a\x1b[2Jy.jsonl`, "x␛]0;pwned␇␛[2Jy.jsonl"},
		{"two\nlines\r\tand tab", `two\nlines\r\tand tab`, "two␊lines␍␉and tab"},
		{"del\x7f c1\u0085 nul\x00", `del\x7f c1\u0085 nul\x00`, `del␡ c1\u0085 nul␀`},
		{"bidi \u202eevil\u202c \u2066x\u2069 \u200f", `bidi \u202eevil\u202c \u2066x\u2069 \u200f`, `bidi \u202eevil\u202c \u2066x\u2069 \u200f`},
		{"sep\u2028par\u2029bom\ufeff", `sep\u2028par\u2029bom\ufeff`, `sep\u2028par\u2029bom\ufeff`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`, `bad \xff\xfe utf-8`},
		{"Wang Yi 王毅 إبراهيم 👩‍👩‍👧 e\u0301 C:\\Users\\new", "Wang Yi 王毅 إبراهيم 👩‍👩‍👧 e\u0301 C:\\Users\\new", "Wang Yi 王毅 إبراهيم 👩‍👩‍👧 e\u0301 C:\\Users\\new"},
	} {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := ControlPictures(c.in); got != c.pictures {
			t.Errorf("ControlPictures(%q) = %q, want %q", c.in, got, c.pictures)
		}
	}
}

// Whatever the input, Printable's result holds no control character nor
// anything else it escapes, and is its own Printable; so is
// ControlPictures'.
func TestPrintableProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(rapid.String(), rapid.StringMatching(`[\x00-\x20\x7f-\x9f\x{2028}\x{202e}a\\]*`)).Draw(t, "s")
		for name, f := range map[string]func(string) string{"Printable": Printable, "ControlPictures": ControlPictures} {
			got := f(s)
			for i, r := range got {
				if needsEscape(r, len(string(r))) && !(r == 0xfffd && got[i:i+3] == "\uFFFD") {
					t.Fatalf("%s(%q) = %q holds %U", name, s, got, r)
				}
			}
			if again := f(got); again != got {
				t.Fatalf("%s is not idempotent: %q, then %q", name, got, again)
			}
		}
	})
}
