package format

// A CSV cell that begins with "=", "+", "-" or "@" is a formula to a
// spreadsheet (Excel, LibreOffice Calc, Google Sheets), which runs it when
// the file is opened: =HYPERLINK(…) sends data away, DDE formulas start
// programs. A tab or a carriage return first can hide such a cell. The
// CSV writers (csv, edges) therefore write those cells with a leading
// "'", as OWASP advises (CSV injection), which spreadsheets show as text
// and do not keep; `claimdesk export -raw` writes cells as they are.

// SpreadsheetSafe returns the CSV cell s with a "'" before it when it
// begins with "=", "+", "-", "@", a tab or a carriage return, else s.
func SpreadsheetSafe(s string) string {
	if s != "" && isFormulaStart(s[0]) {
		return "'" + s
	}
	return s
}

// SpreadsheetText is the inverse of SpreadsheetSafe: the cell's text
// without the "'" that SpreadsheetSafe put before it.
func SpreadsheetText(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && isFormulaStart(cell[1]) {
		return cell[1:]
	}
	return cell
}

func isFormulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// RawSetter is implemented by the writers of CSV formats (csv, edges):
// SetRaw(true), before the first record, makes them write every cell as
// it is, formulas included (export -raw); by default a cell that a
// spreadsheet would run as a formula gets a leading "'"
// (SpreadsheetSafe).
type RawSetter interface {
	SetRaw(raw bool)
}

// safeRow applies SpreadsheetSafe to every cell of row, unless raw.
func safeRow(row []string, raw bool) []string {
	if raw {
		return row
	}
	for i, c := range row {
		row[i] = SpreadsheetSafe(c)
	}
	return row
}
