package httpapi

import (
	"net/http"

	"parley"
	"parley/core"
)

func (a *API) supervisor(r *http.Request, _ none) (core.SupervisorView, error) {
	return asAgent(r, func(by parley.Agent) (core.SupervisorView, error) { return a.svc.Supervisor(r.Context(), by) })
}
