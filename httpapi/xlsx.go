package httpapi

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The fixed parts of a one-sheet workbook: the least a spreadsheet program
// needs to open it. The sheet itself holds inline strings, so no shared-string
// table has to be built (and held) before the rows can be written.
const (
	xlsxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`</Types>`
	xlsxRootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`
	xlsxWorkbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>`
	xlsxWorkbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`</Relationships>`
	xlsxSheetStart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	xlsxSheetEnd = `</sheetData></worksheet>`
)

// xlsxWriter writes a workbook of one sheet row by row into w: the zip entry
// of the sheet is compressed as the rows come, so a sheet of any length takes
// no more memory than a row.
type xlsxWriter struct {
	zw    *zip.Writer
	sheet *bufio.Writer
	rows  int
}

// newXLSXWriter writes the workbook's fixed parts and opens its sheet, named sheetName.
func newXLSXWriter(w io.Writer, sheetName string) (*xlsxWriter, error) {
	zw := zip.NewWriter(w)
	parts := []struct{ path, body string }{
		{"[Content_Types].xml", xlsxContentTypes},
		{"_rels/.rels", xlsxRootRels},
		{"xl/workbook.xml", fmt.Sprintf(xlsxWorkbook, xmlEscape(sheetName))},
		{"xl/_rels/workbook.xml.rels", xlsxWorkbookRels},
	}
	for _, p := range parts {
		f, err := zw.Create(p.path)
		if err == nil {
			_, err = io.WriteString(f, p.body)
		}
		if err != nil {
			return nil, err
		}
	}
	f, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return nil, err
	}
	x := &xlsxWriter{zw: zw, sheet: bufio.NewWriter(f)}
	_, err = x.sheet.WriteString(xlsxSheetStart)
	return x, err
}

// Row writes one row: int64 values as numbers, anything else as text.
func (x *xlsxWriter) Row(cells []any) error {
	x.rows++
	r := strconv.Itoa(x.rows)
	b := x.sheet
	b.WriteString(`<row r="` + r + `">`)
	for i, c := range cells {
		ref := columnName(i) + r
		switch v := c.(type) {
		case int64:
			b.WriteString(`<c r="` + ref + `"><v>` + strconv.FormatInt(v, 10) + `</v></c>`)
		default:
			b.WriteString(`<c r="` + ref + `" t="inlineStr"><is><t xml:space="preserve">` + xmlEscape(fmt.Sprint(v)) + `</t></is></c>`)
		}
	}
	_, err := b.WriteString(`</row>`)
	return err
}

// Close ends the sheet and the zip's directory.
func (x *xlsxWriter) Close() error {
	if _, err := x.sheet.WriteString(xlsxSheetEnd); err != nil {
		return err
	}
	if err := x.sheet.Flush(); err != nil {
		return err
	}
	return x.zw.Close()
}

// columnName is a sheet's name for the i-th column from 0: A … Z, AA, AB …
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// xmlEscape escapes text for XML; characters XML cannot hold (most control
// characters) become U+FFFD, as encoding/xml escapes them.
func xmlEscape(s string) string {
	var b strings.Builder
	// EscapeText fails only when its writer does, which a strings.Builder never does.
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
