package httpapi

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// openAPI builds the OpenAPI 3.1 document of the routes, as JSON.
func openAPI(routes []route) ([]byte, error) {
	g := newSchemaGen()
	paths := map[string]schema{}
	for _, rt := range routes {
		if paths[rt.path] == nil {
			paths[rt.path] = schema{}
		}
		paths[rt.path][strings.ToLower(rt.method)] = operation(g, rt)
	}
	errBody := g.of(reflect.TypeFor[ErrorBody]())
	doc := schema{
		"openapi": "3.1.0",
		"info": schema{"title": "Parley API", "version": "1",
			"description": "The REST API of Parley. The console uses it and nothing else. Errors are {\"error\":{\"code\",\"message\"}}."},
		"paths": paths,
		"components": schema{
			"schemas":         g.components,
			"securitySchemes": securitySchemes(),
			"responses": schema{"Error": schema{"description": "An error; the code says which kind.",
				"content": schema{"application/json": schema{"schema": errBody}}}},
		},
	}
	return json.MarshalIndent(doc, "", "  ")
}

func securitySchemes() schema {
	return schema{
		"agentBearer":  schema{"type": "http", "scheme": "bearer", "description": "The token from /api/v1/auth/login."},
		"agentCookie":  schema{"type": "apiKey", "in": "cookie", "name": sessionCookie, "description": "Set by /api/v1/auth/login; unsafe methods also need the X-CSRF-Token header."},
		"visitorToken": schema{"type": "http", "scheme": "bearer", "description": "The token from /api/v1/widget/sessions."},
		"visitorQuery": schema{"type": "apiKey", "in": "query", "name": "token", "description": "The visitor token, where headers cannot be set (websockets)."},
	}
}

func operation(g *schemaGen, rt route) schema {
	op := schema{
		"operationId": operationID(rt),
		"summary":     rt.summary,
		"tags":        []string{tag(rt.path)},
		"responses":   responses(g, rt),
		"security":    security(rt.auth),
	}
	if rt.doc != "" {
		op["description"] = rt.doc
	}
	if params := parameters(g, rt); len(params) > 0 {
		op["parameters"] = params
	}
	switch {
	case rt.op.upload:
		file := schema{"type": "object", "required": []string{"file"},
			"properties": schema{"file": schema{"type": "string", "contentMediaType": "application/octet-stream"}}}
		op["requestBody"] = schema{"required": true, "content": schema{"multipart/form-data": schema{"schema": file}}}
	case hasBody(rt):
		op["requestBody"] = schema{"required": true, "content": schema{"application/json": schema{"schema": g.of(rt.op.in)}}}
	}
	return op
}

func hasBody(rt route) bool {
	return rt.op.upload || rt.op.in != nil && !rt.op.in.Implements(reflect.TypeFor[queryInput]())
}

// parameters lists the path's {names} and the fields of a query input.
func parameters(g *schemaGen, rt route) []schema {
	var out []schema
	for _, name := range pathNames(rt.path) {
		out = append(out, schema{"name": name, "in": "path", "required": true, "schema": pathSchema(rt.path)})
	}
	if rt.op.in == nil || hasBody(rt) {
		return out
	}
	for _, f := range reflect.VisibleFields(rt.op.in) {
		name := f.Tag.Get("query")
		if name == "" {
			continue
		}
		p := schema{"name": name, "in": "query", "required": false, "schema": g.of(f.Type)}
		if f.Type.Kind() == reflect.Slice {
			p["style"], p["explode"] = "form", false // a=x,y
		}
		if d := f.Tag.Get("doc"); d != "" {
			p["description"] = d
		}
		out = append(out, p)
	}
	return out
}

// pathSchema is the schema of a path's id: files have random string ids, the rest numbers.
func pathSchema(path string) schema {
	if strings.Contains(path, "/files/") {
		return schema{"type": "string", "pattern": "^f_[A-Za-z0-9_-]+$"}
	}
	return schema{"type": "integer", "format": "int64", "minimum": 1}
}

// pathNames lists the {wildcards} of a path pattern.
func pathNames(path string) []string {
	var names []string
	for seg := range strings.SplitSeq(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, strings.TrimSuffix(strings.Trim(seg, "{}"), "..."))
		}
	}
	return names
}

func responses(g *schemaGen, rt route) schema {
	out := schema{"default": errRef()}
	for _, status := range rt.op.success {
		r := schema{"description": http.StatusText(status)}
		switch {
		case status == http.StatusNoContent || status == http.StatusSwitchingProtocols:
		case rt.op.out != nil:
			r["content"] = schema{rt.op.produces: schema{"schema": g.of(rt.op.out)}}
		case rt.op.produces == "application/json":
			r["content"] = schema{rt.op.produces: schema{"schema": schema{"type": "object"}}}
		default:
			r["content"] = schema{rt.op.produces: schema{"schema": schema{"type": "string"}}}
		}
		out[strconv.Itoa(status)] = r
	}
	for _, status := range errorStatuses(rt) {
		out[strconv.Itoa(status)] = errRef()
	}
	return out
}

// errorStatuses lists the refusals a route can give for reasons of its shape.
func errorStatuses(rt route) []int {
	var out []int
	if hasBody(rt) {
		out = append(out, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity)
	} else if rt.op.in != nil {
		out = append(out, http.StatusBadRequest)
	}
	if rt.auth != authNone {
		out = append(out, http.StatusUnauthorized)
	}
	if rt.auth == authAgent {
		out = append(out, http.StatusForbidden)
	}
	if strings.Contains(rt.path, "{") {
		out = append(out, http.StatusNotFound)
	}
	if rt.path == "/readyz" {
		out = append(out, http.StatusServiceUnavailable)
	}
	return out
}

func errRef() schema { return schema{"$ref": "#/components/responses/Error"} }

func security(a authKind) []schema {
	switch a {
	case authAgent:
		return []schema{{"agentBearer": []string{}}, {"agentCookie": []string{}}}
	case authVisitor:
		return []schema{{"visitorToken": []string{}}, {"visitorQuery": []string{}}}
	}
	return []schema{}
}

// operationID makes a name from the method and path: GET /api/v1/chats/{id}/messages
// becomes getChatsByIdMessages.
func operationID(rt route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.method))
	for seg := range strings.SplitSeq(strings.TrimPrefix(rt.path, "/api/v1"), "/") {
		if seg == "" {
			continue
		}
		if strings.HasPrefix(seg, "{") {
			b.WriteString("By")
			seg = strings.Trim(seg, "{}.")
		}
		for word := range strings.FieldsFuncSeq(seg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			b.WriteString(strings.ToUpper(word[:1]) + word[1:])
		}
	}
	return b.String()
}

// tag groups operations by the first segment after /api/v1.
func tag(path string) string {
	rest, ok := strings.CutPrefix(path, "/api/v1/")
	if !ok {
		return "operations"
	}
	first, _, _ := strings.Cut(rest, "/")
	return first
}
