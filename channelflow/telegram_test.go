package channelflow_test

import (
	"net/http"
	"testing"

	"parley"
	"parley/telegram/telegramtest"
)

const telegramSecret = "s3cret-Token_for-tests"

type telegramFake struct{ srv *telegramtest.Server }

func newTelegramFake(t *testing.T) *telegramFake {
	f := &telegramFake{srv: telegramtest.NewServer()}
	t.Cleanup(f.srv.Close)
	return f
}

func (f *telegramFake) channelType() parley.ChannelType { return parley.ChannelTelegram }
func (f *telegramFake) givesName() bool                 { return true }

func (f *telegramFake) config() (map[string]string, map[string]string) {
	return map[string]string{"base_url": f.srv.URL}, map[string]string{"bot_token": "4242:bot-token-secret", "secret_token": telegramSecret}
}

func (f *telegramFake) text(id, user, name, text string) ([]byte, http.Header) {
	return telegramtest.Delivery(telegramSecret, telegramtest.TextMessage(user, name, text, id))
}

func (f *telegramFake) forged([]byte) http.Header { return telegramtest.Header("not-the-secret") }

func (f *telegramFake) status(string, parley.DeliveryStatus) ([]byte, http.Header, bool) {
	return nil, nil, false // Telegram tells bots nothing of delivery
}

func (f *telegramFake) sent() []string {
	var out []string
	for _, m := range f.srv.Sent() {
		out = append(out, m.Text+m.Caption)
	}
	return out
}

func (f *telegramFake) failNext(n int, permanent bool) {
	if permanent {
		f.srv.FailNext(n, http.StatusBadRequest, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`)
		return
	}
	f.srv.FailNext(n, http.StatusBadGateway, `{"ok":false,"error_code":502,"description":"Bad Gateway"}`)
}

func TestTelegramChat(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) { runFlow(t, e, newTelegramFake(t)) })
}
