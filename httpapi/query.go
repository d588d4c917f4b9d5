package httpapi

import (
	"net/http"
	"reflect"
	"strings"
)

// queryInput marks an endpoint input that is read from the URL query, one struct
// field per parameter named by its `query` tag and described by its `doc` tag.
type queryInput interface{ fromQuery() }

// decodeQuery fills the struct dst points to from r's query. Numbers are strict;
// an empty value counts as absent; a list takes commas or repeated parameters.
// Parameters it does not know are ignored, as caches and proxies add their own.
func decodeQuery(r *http.Request, dst any) error {
	values := r.URL.Query()
	v := reflect.ValueOf(dst).Elem()
	// Visible fields include those of an embedded query, which one input may extend.
	for _, f := range reflect.VisibleFields(v.Type()) {
		name := f.Tag.Get("query")
		if name == "" {
			continue
		}
		raw := nonEmpty(values[name])
		if len(raw) == 0 {
			continue
		}
		if err := setQueryField(v.FieldByIndex(f.Index), name, raw); err != nil {
			return err
		}
	}
	return nil
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func setQueryField(fv reflect.Value, name string, raw []string) error {
	if fv.Kind() != reflect.Slice && len(raw) > 1 {
		return malformed("query parameter %s is given more than once", name)
	}
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(raw[0])
	case reflect.Int, reflect.Int64:
		n, err := parseCount(name, raw[0])
		if err != nil {
			return err
		}
		fv.SetInt(n)
	case reflect.Bool:
		switch raw[0] {
		case "true":
			fv.SetBool(true)
		case "false":
			fv.SetBool(false)
		default:
			return malformed("query parameter %s must be true or false", name)
		}
	case reflect.Slice:
		for _, s := range raw {
			for part := range strings.SplitSeq(s, ",") {
				if part = strings.TrimSpace(part); part != "" {
					fv.Set(reflect.Append(fv, reflect.ValueOf(part).Convert(fv.Type().Elem())))
				}
			}
		}
	default:
		// Only the kinds above appear in query types; another is a programming error
		// that the OpenAPI test would also show.
		return malformed("query parameter %s cannot be read", name)
	}
	return nil
}
