package browsertest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestReadDictionaryAndFindTexts(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) Dictionary {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := ReadDictionary(path)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	en := write("en.ts", `export const en = {
  'app.title': 'Parley',
  'login.submit': 'Sign in',
  'lists.count': { one: '{n} chat', other: '{n} chats' },
  'conv.typing': '{name} is typing…',
  'msg.quote': "It's \"here\"",
  'status.on': 'On',
};`)
	ru := write("ru.ts", `export const ru: Dict = {
  'app.title': 'Parley',
  'login.submit': 'Войти',
  'lists.count': { one: '{n} чат', few: '{n} чата', many: '{n} чатов', other: '{n} чата' },
  'conv.typing': '{name} печатает…',
  'msg.quote': 'Это «здесь»',
  'status.on': 'Вкл',
};`)
	want := Dictionary{"app.title": "Parley", "login.submit": "Sign in", "lists.count.one": "{n} chat", "lists.count.other": "{n} chats",
		"conv.typing": "{name} is typing…", "msg.quote": `It's "here"`, "status.on": "On"}
	if !reflect.DeepEqual(en, want) {
		t.Fatalf("read %v, want %v", en, want)
	}
	visible := []string{"Parley", "Войти", "3 chats", "Вера is typing…", "Chatsworth", "On"}
	got := TextsShown(visible, en, ru)
	wantLeaks := []Found{
		{Key: "conv.typing", Text: "is typing", Shown: "Вера is typing…"},
		{Key: "lists.count.other", Text: "chats", Shown: "3 chats"},
	}
	if !reflect.DeepEqual(got, wantLeaks) {
		t.Fatalf("leaks %+v, want %+v", got, wantLeaks)
	}
	if ruShown := TextsShown(visible, ru, en); len(ruShown) != 1 || ruShown[0].Key != "login.submit" {
		t.Fatalf("Russian texts shown %+v, want login.submit only", ruShown)
	}
}
