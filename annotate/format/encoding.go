package format

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"claimdesk/annotate"
)

// Encoding names, as the notices of a conversion give them.
const (
	encUTF16LE     = "UTF-16LE"
	encUTF16BE     = "UTF-16BE"
	encWindows1252 = "Windows-1252"
)

// decodeText returns the bytes of the text file name as UTF-8, and the
// name of the encoding it converted them from ("" when they were UTF-8):
//
//   - a UTF-16 byte order mark (FF FE or FE FF) makes the file UTF-16,
//     little- or big-endian; the mark is dropped;
//   - a UTF-8 byte order mark, or bytes that are valid UTF-8, make it UTF-8,
//     returned as it is;
//   - other bytes are read as Windows-1252 when they hold none of the bytes
//     that text in that encoding does not: NUL and the other C0 controls
//     but tab, line feed, vertical tab, form feed and carriage return, and
//     0x81, 0x8D, 0x8F, 0x90 and 0x9D, which Windows-1252 leaves undefined.
//
// A file that is neither is an EINVALID *annotate.LineError naming the
// file and the line and column of the first invalid UTF-8 sequence.
func decodeText(name string, data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(name, data, unicode.LittleEndian, encUTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(name, data, unicode.BigEndian, encUTF16BE)
	case utf8.Valid(data):
		return data, "", nil
	case bytes.HasPrefix(data, utf8BOM):
		return nil, "", invalidUTF8(name, data, "")
	}
	if i := non1252(data); i >= 0 {
		return nil, "", invalidUTF8(name, data, fmt.Sprintf("; not Windows-1252 text either (byte 0x%02X at byte %d)", data[i], i))
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", &annotate.LineError{File: name, Err: fmt.Errorf("convert from Windows-1252: %w", err)}
	}
	return out, encWindows1252, nil
}

// decodeUTF16 converts data, UTF-16 with a byte order mark in the given
// byte order, to UTF-8 without the mark. An odd last byte or an unpaired
// surrogate becomes U+FFFD. A NUL character is an EINVALID error: text
// holds none, but UTF-32, whose byte order mark starts like UTF-16's, and
// binary files do.
func decodeUTF16(name string, data []byte, order unicode.Endianness, encName string) ([]byte, string, error) {
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", &annotate.LineError{File: name, Err: annotate.Errorf(annotate.EINVALID, "convert from %s: %v", encName, err)}
	}
	if i := bytes.IndexByte(out, 0); i >= 0 {
		line := 1 + bytes.Count(out[:i], []byte("\n"))
		return nil, "", &annotate.LineError{File: name, Line: line, Err: annotate.Errorf(annotate.EINVALID,
			"a NUL character in %s text: not a text file, or not %s (UTF-32 is not read)", encName, encName)}
	}
	return out, encName, nil
}

// non1252 returns the index of the first byte of data that Windows-1252
// text does not hold (decodeText), or -1.
func non1252(data []byte) int {
	for i, c := range data {
		switch {
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
		case c < 0x20:
			return i
		case c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D:
			return i
		}
	}
	return -1
}

// invalidUTF8 returns the EINVALID *annotate.LineError of the first invalid
// UTF-8 sequence in data, naming its line and its column (in code points,
// 1-based) and its byte offset; more is added to the message.
func invalidUTF8(name string, data []byte, more string) error {
	at := len(data)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			at = i
			break
		}
		i += n
	}
	line := 1 + bytes.Count(data[:at], []byte("\n"))
	start := bytes.LastIndexByte(data[:at], '\n') + 1
	col := 1 + utf8.RuneCount(data[start:at])
	return &annotate.LineError{File: name, Line: line, Err: annotate.Errorf(annotate.EINVALID,
		"invalid UTF-8 at column %d (byte %d)%s", col, at, more)}
}

// decodeHTML returns the bytes of the HTML page name as UTF-8, and the name
// of the encoding it converted them from ("" when they were UTF-8). A byte
// order mark or valid UTF-8 decide as for a text file (decodeText); else
// the encoding a <meta> element declares in the page's first 1024 bytes,
// when it is not UTF-8; else Windows-1252 as for a text file.
func decodeHTML(name string, data []byte) ([]byte, string, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) ||
		bytes.HasPrefix(data, utf8BOM) || utf8.Valid(data) {
		return decodeText(name, data)
	}
	enc, encName, _ := charset.DetermineEncoding(data, "text/html")
	if enc == encoding.Nop || strings.EqualFold(encName, "utf-8") || encName == "windows-1252" {
		return decodeText(name, data)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", &annotate.LineError{File: name, Err: annotate.Errorf(annotate.EINVALID, "convert from %s: %v", encName, err)}
	}
	return out, encName, nil
}

// convertedNotice is the notice of the file name converted from the
// encoding enc: "news.txt: converted from Windows-1252". It names the file
// as the import does, with its folders: files of a folder import may share
// a base name.
func convertedNotice(name, enc string) string {
	return fmt.Sprintf("%s: converted from %s", name, enc)
}
