package httpapi

import (
	"net/http"
	"reflect"
)

// op is an endpoint's behaviour with the types that describe it.
type op struct {
	in, out  reflect.Type // nil when there is no body (in) or no JSON body (out)
	success  []int        // the statuses of success, first the usual one
	produces string       // the media type of a successful body
	upload   bool         // the body is multipart/form-data with a file, not JSON
	// serve is nil for routes that are only documented here and mounted with Handle.
	serve func(w http.ResponseWriter, r *http.Request) error
}

// none is the input or output of an endpoint without a body.
type none struct{}

// endpoint adapts a typed handler: it decodes In from the body or the query,
// calls fn and writes Out as JSON with the status that status picks.
func endpoint[In, Out any](success []int, status func(Out) int, fn func(w http.ResponseWriter, r *http.Request, in In) (Out, error)) op {
	o := op{in: typeOrNil[In](), out: typeOrNil[Out](), success: success, produces: "application/json"}
	o.serve = func(w http.ResponseWriter, r *http.Request) error {
		var in In
		if err := decodeInput(w, r, &in); err != nil {
			return err
		}
		out, err := fn(w, r, in)
		if err != nil {
			return err
		}
		writeJSON(w, status(out), out)
		return nil
	}
	return o
}

func decodeInput(w http.ResponseWriter, r *http.Request, in any) error {
	switch in.(type) {
	case *none:
		return nil
	case queryInput:
		return decodeQuery(r, in)
	}
	return decodeBody(w, r, in)
}

func typeOrNil[T any]() reflect.Type {
	t := reflect.TypeFor[T]()
	if t == reflect.TypeFor[none]() {
		return nil
	}
	return t
}

// ok answers 200 with fn's result.
func ok[In, Out any](fn func(r *http.Request, in In) (Out, error)) op {
	return choose([]int{http.StatusOK}, always[Out](http.StatusOK), fn)
}

// created answers 201 with what fn created.
func created[In, Out any](fn func(r *http.Request, in In) (Out, error)) op {
	return choose([]int{http.StatusCreated}, always[Out](http.StatusCreated), fn)
}

// noContent answers 204 when fn succeeds.
func noContent[In any](fn func(r *http.Request, in In) error) op {
	return choose([]int{http.StatusNoContent}, always[none](http.StatusNoContent),
		func(r *http.Request, in In) (none, error) { return none{}, fn(r, in) })
}

// choose answers with the status that status picks from fn's result, for
// handlers that need no ResponseWriter.
func choose[In, Out any](success []int, status func(Out) int, fn func(r *http.Request, in In) (Out, error)) op {
	return endpoint(success, status, func(_ http.ResponseWriter, r *http.Request, in In) (Out, error) { return fn(r, in) })
}

// always is a status chooser for endpoints with one success status.
func always[Out any](status int) func(Out) int { return func(Out) int { return status } }

// raw is an endpoint that writes its own plain response.
func raw(produces string, fn func(w http.ResponseWriter, r *http.Request) error) op {
	return op{success: []int{http.StatusOK}, produces: produces, serve: fn}
}

// mounted documents a route whose handler is mounted later with Handle.
func mounted(success int) op { return op{success: []int{success}} }
