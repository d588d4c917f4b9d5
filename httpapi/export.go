package httpapi

import (
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"parley"
	"parley/core"
)

// exportQuery is the filters of GET /api/v1/chats and the format of the file.
type exportQuery struct {
	Format  string             `query:"format" doc:"csv or xlsx"`
	State   []parley.ChatState `query:"state" doc:"comma-separated states: waiting, in_progress, completed; all when absent"`
	Queue   int64              `query:"queue" doc:"only the chats of this queue"`
	Owner   int64              `query:"owner" doc:"only the chats this agent owns"`
	Contact int64              `query:"contact" doc:"only this contact's chats, from every channel"`
	Deleted bool               `query:"deleted" doc:"true: the deleted chats instead, for those with a right over them"`
	Unread  bool               `query:"unread" doc:"true: only the chats with contact messages I have not read"`
}

func (exportQuery) fromQuery() {}

// searchExportQuery is the filters of GET /api/v1/search/chats and the format of the file.
type searchExportQuery struct {
	Format string `query:"format" doc:"csv or xlsx"`
	searchQuery
}

// exportHeaders name the columns of an export in each language the console
// speaks; the agent's language picks one.
var exportHeaders = map[string][]any{
	"en": {"Chat ID", "Created (UTC)", "State", "Queue", "Owner", "Contact", "Channel", "Topic",
		"Accepted (UTC)", "Completed (UTC)", "Messages"},
	"ru": {"Номер чата", "Создан (UTC)", "Состояние", "Очередь", "Оператор", "Контакт", "Канал", "Тема",
		"Принят (UTC)", "Завершён (UTC)", "Сообщений"},
}

// exportHeader is the header row in the language, English when it has none.
func exportHeader(lang string) []any {
	if h, ok := exportHeaders[lang]; ok {
		return h
	}
	return exportHeaders["en"]
}

// sheetWriter writes an export's rows as they come.
type sheetWriter interface {
	Row(cells []any) error
	Close() error
}

// exportFormat is how one format is sent.
type exportFormat struct {
	contentType string
	open        func(w io.Writer) (sheetWriter, error)
}

func exportFormatOf(name string) (exportFormat, bool) {
	switch name {
	case "csv":
		return exportFormat{"text/csv; charset=utf-8", newCSVSheet}, true
	case "xlsx":
		return exportFormat{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			func(w io.Writer) (sheetWriter, error) { return newXLSXWriter(w, "Chats") }}, true
	}
	return exportFormat{}, false
}

func (a *API) exportOp() op {
	o := raw("application/octet-stream", a.exportChats)
	o.in = reflect.TypeFor[exportQuery]()
	return o
}

func (a *API) searchExportOp() op {
	o := raw("application/octet-stream", a.exportSearch)
	o.in = reflect.TypeFor[searchExportQuery]()
	return o
}

// exportChats streams a chat list's chats as they are read, a page at a time:
// the response starts with the first page and never holds the whole list.
func (a *API) exportChats(w http.ResponseWriter, r *http.Request) error {
	who, err := agentOf(r)
	if err != nil {
		return err
	}
	var q exportQuery
	if err := decodeQuery(r, &q); err != nil {
		return err
	}
	format, ok := exportFormatOf(q.Format)
	if !ok {
		return parley.Errorf(parley.CodeInvalid, "format must be csv or xlsx, not %q", q.Format)
	}
	rows := a.svc.ExportChats(r.Context(), who.Viewer, core.ChatQuery{States: q.State, QueueID: q.Queue, OwnerID: q.Owner,
		ContactID: q.Contact, Deleted: q.Deleted, Unread: q.Unread})
	return a.streamExport(w, r, exportFile{format, q.Format, who.Agent.Language}, rows)
}

// exportSearch streams a search's hits, a page at a time.
func (a *API) exportSearch(w http.ResponseWriter, r *http.Request) error {
	who, err := agentOf(r)
	if err != nil {
		return err
	}
	var in searchExportQuery
	if err := decodeQuery(r, &in); err != nil {
		return err
	}
	format, ok := exportFormatOf(in.Format)
	if !ok {
		return parley.Errorf(parley.CodeInvalid, "format must be csv or xlsx, not %q", in.Format)
	}
	q, err := in.parse()
	if err != nil {
		return err
	}
	return a.streamExport(w, r, exportFile{format, in.Format, who.Agent.Language}, a.svc.ExportSearch(r.Context(), who.Viewer, q))
}

// exportFile is how an export is written: its format, the file name's
// extension, and the language of its header row.
type exportFile struct {
	format    exportFormat
	ext, lang string
}

// streamExport writes the rows as a file as they come.
func (a *API) streamExport(w http.ResponseWriter, r *http.Request, f exportFile, rows iter.Seq2[core.ExportRow, error]) error {
	format, ext, lang := f.format, f.ext, f.lang
	var sheet sheetWriter
	start := func() error {
		h := w.Header()
		h.Set("Content-Type", format.contentType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment",
			map[string]string{"filename": "chats-" + a.clock.Now().UTC().Format("20060102-150405") + "." + ext}))
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusOK)
		var err error
		if sheet, err = format.open(w); err == nil {
			err = sheet.Row(exportHeader(lang))
		}
		return err
	}
	for row, err := range rows {
		if err == nil && sheet == nil {
			err = start()
		}
		if err == nil {
			err = sheet.Row(exportCells(row))
		}
		if err != nil {
			return a.exportFailed(w, r, sheet != nil, err)
		}
	}
	if sheet == nil {
		if err := start(); err != nil {
			return a.exportFailed(w, r, true, err)
		}
	}
	if err := sheet.Close(); err != nil {
		return a.exportFailed(w, r, true, err)
	}
	return nil
}

// exportFailed reports an error: as the usual error response when nothing
// was sent yet, else by cutting the connection, so that the client sees a
// broken download rather than a file that merely looks shorter.
func (a *API) exportFailed(w http.ResponseWriter, r *http.Request, started bool, err error) error {
	if !started {
		return err
	}
	a.logInternal(r.Context(), r, err)
	if conn, _, herr := http.NewResponseController(w).Hijack(); herr == nil {
		_ = conn.Close() // the connection is being dropped: nothing to do about its error
	}
	return nil
}

// exportCells is one chat's row: ids and counts as numbers, the rest as text.
func exportCells(row core.ExportRow) []any {
	c := row.Chat
	return []any{c.ID, exportTime(&c.CreatedAt), string(c.State), row.Queue, row.Owner, c.Name, row.Channel, c.Topic,
		exportTime(c.AcceptedAt), exportTime(c.CompletedAt), c.LastSeq}
}

func exportTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}

// csvSheet writes rows as CSV after a byte order mark, by which spreadsheet
// programs know the file is UTF-8 (without it Excel misreads Cyrillic).
type csvSheet struct{ w *csv.Writer }

func newCSVSheet(w io.Writer) (sheetWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	return &csvSheet{w: csv.NewWriter(w)}, nil
}

func (s *csvSheet) Row(cells []any) error {
	rec := make([]string, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case int64:
			rec[i] = strconv.FormatInt(v, 10)
		default:
			rec[i] = csvText(fmt.Sprint(v))
		}
	}
	return s.w.Write(rec)
}

func (s *csvSheet) Close() error {
	s.w.Flush()
	return s.w.Error()
}

// csvText keeps a text cell from being taken for a formula: a spreadsheet
// program runs a cell that starts with =, +, - or @, and names and topics come
// from visitors.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
