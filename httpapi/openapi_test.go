package httpapi

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"parley/core"
)

// TestOpenAPI checks that the served document is OpenAPI 3.1 JSON describing every
// route of the table with its parameters, and that every reference resolves.
func TestOpenAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		rep := e.must(t, req{method: "GET", path: "/api/v1/openapi.json"}, http.StatusOK, nil)
		var doc struct {
			OpenAPI    string                                            `json:"openapi"`
			Info       struct{ Title, Version string }                   `json:"info"`
			Paths      map[string]map[string]openAPIOp                   `json:"paths"`
			Components struct{ Schemas, SecuritySchemes map[string]any } `json:"components"`
		}
		if err := json.Unmarshal(rep.body, &doc); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if doc.OpenAPI != "3.1.0" || doc.Info.Title == "" || doc.Info.Version == "" || len(doc.Components.Schemas) == 0 {
			t.Fatalf("top level: openapi %q, info %+v, %d schemas", doc.OpenAPI, doc.Info, len(doc.Components.Schemas))
		}
		ids := map[string]bool{}
		for _, rt := range e.api.routes {
			op, ok := doc.Paths[rt.path][strings.ToLower(rt.method)]
			if !ok {
				t.Errorf("%s is not in the document", rt.pattern())
				continue
			}
			if ids[op.OperationID] || op.OperationID == "" {
				t.Errorf("%s: operationId %q missing or repeated", rt.pattern(), op.OperationID)
			}
			ids[op.OperationID] = true
			if !slices.Equal(op.paramNames(), wantParams(rt)) {
				t.Errorf("%s: parameters %v, want %v", rt.pattern(), op.paramNames(), wantParams(rt))
			}
			if (op.RequestBody != nil) != hasBody(rt) {
				t.Errorf("%s: request body documented %v, want %v", rt.pattern(), op.RequestBody != nil, hasBody(rt))
			}
			if _, ok := op.Responses["default"]; !ok || len(op.Responses) < 2 {
				t.Errorf("%s: responses %v", rt.pattern(), op.Responses)
			}
		}
		if n := countOps(doc.Paths); n != len(e.api.routes) {
			t.Errorf("the document has %d operations, the table %d routes", n, len(e.api.routes))
		}
		checkRefs(t, rep.body)
	})
}

type openAPIOp struct {
	OperationID string                      `json:"operationId"`
	Parameters  []struct{ Name, In string } `json:"parameters"`
	RequestBody any                         `json:"requestBody"`
	Responses   map[string]any              `json:"responses"`
}

func (o openAPIOp) paramNames() []string {
	var names []string
	for _, p := range o.Parameters {
		names = append(names, p.In+":"+p.Name)
	}
	return names
}

// wantParams reads a route's parameters independently of the generator: the
// pattern's wildcards and the query tags of its input.
func wantParams(rt route) []string {
	var names []string
	for seg := range strings.SplitSeq(rt.path, "/") {
		if strings.HasPrefix(seg, "{") {
			names = append(names, "path:"+strings.Trim(seg, "{}"))
		}
	}
	if rt.op.in != nil && rt.op.in.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(rt.op.in) {
			if q := f.Tag.Get("query"); q != "" {
				names = append(names, "query:"+q)
			}
		}
	}
	return names
}

func countOps(paths map[string]map[string]openAPIOp) int {
	n := 0
	for _, ops := range paths {
		n += len(ops)
	}
	return n
}

// checkRefs fails t for every $ref that names no component.
func checkRefs(t *testing.T, raw []byte) {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok && !resolves(doc, ref) {
				t.Errorf("$ref %s does not resolve", ref)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
}

func resolves(doc map[string]any, ref string) bool {
	var cur any = doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[part]; !ok {
			return false
		}
	}
	return true
}

// TestSchema checks the generator's rules on the types the API sends.
func TestSchema(t *testing.T) {
	g := newSchemaGen()
	g.of(reflect.TypeFor[core.VisitorSession]())
	g.of(reflect.TypeFor[core.QueuePatch]())
	g.of(reflect.TypeFor[core.VisitorStart]())
	chat := g.components["Chat"]
	props := chat["properties"].(schema)
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"time", props["created_at"], schema{"type": "string", "format": "date-time"}},
		{"nullable time", props["accepted_at"], schema{"type": []string{"string", "null"}, "format": "date-time"}},
		{"nested struct", props["state_changed_by"], schema{"$ref": "#/components/schemas/Actor"}},
		{"nullable struct", g.components["VisitorSession"]["properties"].(schema)["chat"],
			schema{"anyOf": []schema{{"$ref": "#/components/schemas/Chat"}, {"type": "null"}}}},
		{"seconds", g.components["QueuePatch"]["properties"].(schema)["accept_timeout"],
			schema{"type": []string{"integer", "null"}, "format": "int64", "description": "a duration in whole seconds"}},
		{"slice", g.components["WidgetChannel"]["properties"].(schema)["prechat_fields"],
			schema{"type": "array", "items": schema{"$ref": "#/components/schemas/PrechatField"}}},
		{"map", g.components["Visitor"]["properties"].(schema)["utm"],
			schema{"type": "object", "additionalProperties": schema{"type": "string"}}},
		{"enum", props["state"], schema{"type": "string", "enum": []string{"waiting", "in_progress", "completed"}}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: %#v, want %#v", c.name, c.got, c.want)
		}
	}
	required := chat["required"].([]string)
	if !slices.Contains(required, "id") || slices.Contains(required, "owner_id") || slices.Contains(required, "offer_seq") {
		t.Errorf("Chat required = %v: want id, not the omitempty owner_id nor the hidden OfferSeq", required)
	}
	if _, ok := props["OfferSeq"]; ok {
		t.Errorf(`a json:"-" field is documented`)
	}
	if name := componentName(reflect.TypeFor[AgentList]()); name != "AgentSummaryItems" {
		t.Errorf("generic component name %q", name)
	}
}
