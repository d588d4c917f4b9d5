package httpapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unicode"

	"parley"
)

// schema is a JSON Schema (the 2020-12 dialect OpenAPI 3.1 uses), kept as a map
// so that it marshals with sorted keys and the document comes out the same every time.
type schema = map[string]any

// schemaGen derives JSON Schemas from Go types as encoding/json sees them: json
// tags name the properties, omitempty makes them optional, pointers add null,
// and every named struct becomes a component referenced by $ref.
type schemaGen struct {
	components map[string]schema
	names      map[reflect.Type]string
	taken      map[string]reflect.Type
}

func newSchemaGen() *schemaGen {
	return &schemaGen{components: map[string]schema{}, names: map[reflect.Type]string{}, taken: map[string]reflect.Type{}}
}

// of returns the schema of t, adding the components it needs.
func (g *schemaGen) of(t reflect.Type) schema {
	switch t {
	case reflect.TypeFor[time.Time]():
		return schema{"type": "string", "format": "date-time"}
	case reflect.TypeFor[json.RawMessage]():
		return schema{"description": "any JSON value"}
	case reflect.TypeFor[parley.Seconds]():
		return schema{"type": "integer", "format": "int64", "description": "a duration in whole seconds"}
	}
	if values := enumOf(t); values != nil {
		return schema{"type": "string", "enum": values}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(g.of(t.Elem()))
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		return schema{"$ref": "#/components/schemas/" + g.component(t)}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return schema{"type": "string", "contentEncoding": "base64"}
		}
		return schema{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return schema{"type": "object", "additionalProperties": g.of(t.Elem())}
	}
	return scalar(t.Kind())
}

func scalar(k reflect.Kind) schema {
	switch k {
	case reflect.String:
		return schema{"type": "string"}
	case reflect.Bool:
		return schema{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return schema{"type": "integer", "format": "int64"}
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return schema{"type": "integer", "format": "int32"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return schema{"type": "integer", "minimum": 0}
	case reflect.Float32, reflect.Float64:
		return schema{"type": "number"}
	}
	return schema{} // interfaces and the like: any value
}

// enumOf lists the values of the domain's closed string types that clients send.
func enumOf(t reflect.Type) []string {
	switch t {
	case reflect.TypeFor[parley.Role]():
		return []string{string(parley.RoleAgent), string(parley.RoleSupervisor), string(parley.RoleAdmin)}
	case reflect.TypeFor[parley.AgentStatus]():
		return []string{string(parley.StatusActive), string(parley.StatusInactive), string(parley.StatusPaused)}
	case reflect.TypeFor[parley.ChatState]():
		return []string{string(parley.ChatWaiting), string(parley.ChatInProgress), string(parley.ChatCompleted)}
	case reflect.TypeFor[parley.ErrorCode]():
		return []string{string(parley.CodeMalformed), string(parley.CodeInvalid), string(parley.CodeUnauthorized),
			string(parley.CodeForbidden), string(parley.CodeNotFound), string(parley.CodeConflict),
			string(parley.CodeTooLarge), string(parley.CodeUnsupported), string(parley.CodeRateLimited), string(parley.CodeInternal)}
	}
	return nil
}

// nullable lets s also be null.
func nullable(s schema) schema {
	switch typ := s["type"].(type) {
	case string:
		out := schema{}
		for k, v := range s {
			out[k] = v
		}
		out["type"] = []string{typ, "null"}
		return out
	case nil:
		if len(s) == 0 || s["description"] != nil && len(s) == 1 {
			return s // already anything, null included
		}
	}
	return schema{"anyOf": []schema{s, {"type": "null"}}}
}

// component names t's schema among the components, building it on first use.
func (g *schemaGen) component(t reflect.Type) string {
	if name, ok := g.names[t]; ok {
		return name
	}
	name := componentName(t)
	if other, ok := g.taken[name]; ok && other != t {
		pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
		name = string(unicode.ToUpper(rune(pkg[0]))) + pkg[1:] + name
	}
	g.names[t], g.taken[name] = name, t
	g.components[name] = schema{} // a placeholder, so that a recursive type ends
	g.components[name] = g.object(t)
	return name
}

// componentName is t's name, with a generic type's arguments in front:
// Items[parley.Agent] becomes AgentItems.
func componentName(t reflect.Type) string {
	name := t.Name()
	base, args, ok := strings.Cut(name, "[")
	if !ok {
		return name
	}
	var prefix strings.Builder
	for arg := range strings.SplitSeq(strings.TrimSuffix(args, "]"), ",") {
		arg = arg[strings.LastIndexAny(arg, "./*]")+1:]
		prefix.WriteString(arg)
	}
	return prefix.String() + base
}

// object is the schema of a struct's JSON object.
func (g *schemaGen) object(t reflect.Type) schema {
	props, required := schema{}, []string{}
	g.fields(t, props, &required)
	s := schema{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// fields adds t's JSON properties, flattening embedded structs as encoding/json does.
func (g *schemaGen) fields(t reflect.Type, props schema, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				g.fields(ft, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.of(ft)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}
