package annotate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// NormalizeText turns the bytes of an imported text file into a document
// text: a leading UTF-8 byte order mark is dropped and CRLF (and lone CR)
// line ends become LF. Invalid UTF-8 is an EINVALID error.
func NormalizeText(b []byte) (string, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if err := CheckUTF8(b); err != nil {
		return "", err
	}
	s := string(b)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, nil
}

// CheckUTF8 returns an EINVALID error naming the byte offset of the first
// invalid UTF-8 sequence in b, or nil when b is valid UTF-8.
func CheckUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	return Errorf(EINVALID, "invalid UTF-8 at byte %d", FirstInvalidUTF8(b))
}

// FirstInvalidUTF8 returns the index of the first byte of b that does not
// begin a valid UTF-8 sequence, or len(b).
func FirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// TextSHA256 returns the hex SHA-256 of a document text. Documents without
// an id are identified by it on import.
func TextSHA256(text string) string {
	// The text's own bytes, not a copy ([]byte(text) copies it, and an
	// import hashes every text it reads): sha256.Sum256 only reads them.
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(text), len(text)))
	return hex.EncodeToString(sum[:])
}

// RuneCount returns the length of text in code points.
func RuneCount(text string) int { return utf8.RuneCountInString(text) }

// RuneIndex maps code-point offsets of one text to byte offsets in O(1)
// after an O(n) build. Build one per document when many spans are sliced.
type RuneIndex struct {
	text  string
	ascii bool
	bytes []int32 // bytes[i] = byte offset of code point i; len = runes+1
}

// NewRuneIndex indexes text.
func NewRuneIndex(text string) *RuneIndex {
	ix := &RuneIndex{text: text}
	n := utf8.RuneCountInString(text)
	if n == len(text) {
		ix.ascii = true
		return ix
	}
	ix.bytes = make([]int32, 0, n+1)
	for i := range text {
		ix.bytes = append(ix.bytes, int32(i))
	}
	ix.bytes = append(ix.bytes, int32(len(text)))
	return ix
}

// Len returns the text's length in code points.
func (ix *RuneIndex) Len() int {
	if ix.ascii {
		return len(ix.text)
	}
	return len(ix.bytes) - 1
}

// Byte returns the byte offset of code point offset r (0 <= r <= Len()).
func (ix *RuneIndex) Byte(r int) int {
	if ix.ascii {
		return r
	}
	return int(ix.bytes[r])
}

// Rune returns the code-point offset of byte offset b, which must fall on
// a code point boundary (or at the end of the text).
func (ix *RuneIndex) Rune(b int) int {
	if ix.ascii {
		return b
	}
	lo, hi := 0, len(ix.bytes)-1
	for lo < hi {
		m := (lo + hi) / 2
		if int(ix.bytes[m]) < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Slice returns text[start:end] in code points. The caller checks the
// bounds (0 <= start <= end <= Len()).
func (ix *RuneIndex) Slice(start, end int) string {
	return ix.text[ix.Byte(start):ix.Byte(end)]
}

// SliceRunes returns text[start:end] in code points, and false when the
// offsets fall outside the text or end < start. It needs no index and walks
// the text once; use a RuneIndex for many slices of one text.
func SliceRunes(text string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	i, bs, be := 0, -1, -1
	for b := range text {
		if i == start {
			bs = b
		}
		if i == end {
			be = b
			break
		}
		i++
	}
	if bs < 0 && i == start {
		bs = len(text)
	}
	if be < 0 && i == end {
		be = len(text)
	}
	if bs < 0 || be < 0 {
		return "", false
	}
	return text[bs:be], true
}
