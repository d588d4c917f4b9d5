package realtime

import (
	"errors"
	"testing"

	"parley"
	"parley/realtime/realtimetest"
)

func TestDeactivatedAgentIsDisconnected(t *testing.T) {
	log := &realtimetest.Log{}
	h := startHub(t, log, HubOptions{})
	gone := subscribe(t, h, parley.Viewer{AgentID: 1, Role: parley.RoleAgent}, -1)
	other := subscribe(t, h, parley.Viewer{AgentID: 2, Role: parley.RoleAgent}, -1)
	deactivated := parley.NewEvent(parley.EventAgentUpdated, parley.AudienceStaff, parley.Agent{ID: 1, Role: parley.RoleAgent, Disabled: true})
	deactivated.AgentID = 1
	h.Deliver(log.Append(deactivated, staff(parley.EventMessageCreated)))
	if err := waitClosed(t, gone); !errors.Is(err, ErrRevoked) {
		t.Fatalf("deactivated agent's subscription ended with %v, want ErrRevoked", err)
	}
	readUntil(t, other, 2) // colleagues go on receiving
	if code, _ := closeCode(ErrRevoked); code != CloseRevoked {
		t.Fatalf("close code %d for a revoked subscription", code)
	}
}
