package parley

import "testing"

func TestMatchKeys(t *testing.T) {
	phones := []struct{ in, region, want string }{
		{"+7 (912) 345-67-89", "", "+79123456789"},
		{"8 912 345 67 89", "RU", "+79123456789"},
		{"89123456789", "RU", "+79123456789"},
		{"8 912 345 67 89", "", ""}, // no country code and no region: kept as typed, never matches
		{"+1 650-253-0000", "RU", "+16502530000"},
		{"12345", "RU", ""},
		{"not a phone", "RU", ""},
		{"", "RU", ""},
	}
	for _, c := range phones {
		if got := PhoneKey(c.in, c.region); got != c.want {
			t.Errorf("PhoneKey(%q, %q) = %q, want %q", c.in, c.region, got, c.want)
		}
	}
	emails := []struct{ in, want string }{
		{" Ivan@Shop.Example ", "ivan@shop.example"},
		{"ivan@", ""},
		{"Ivan <ivan@shop.example>", ""},
	}
	for _, c := range emails {
		if got := EmailKey(c.in); got != c.want {
			t.Errorf("EmailKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	same := [][]string{
		{"Иван Петров", "Ivan Petrov", "petrov ivan", "PETROV, Ivan"},
		{"Юлия Кузнецова", "Yulia Kuznetsova", "Iuliia Kuznetsova", "Julija Kuznecova"},
		{"Христина Ходжаева", "Khristina Khodzhaeva", "Hristina Hodzhaeva"},
	}
	for _, group := range same {
		for _, name := range group[1:] {
			if NameKey(name) != NameKey(group[0]) || NameKey(name) == "" {
				t.Errorf("NameKey(%q) = %q, want %q's %q", name, NameKey(name), group[0], NameKey(group[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"Иван Петров", "Иван Сидоров"}, {"Ivan Petrov", "Ivana Petrova"}} {
		if NameKey(pair[0]) == NameKey(pair[1]) {
			t.Errorf("%q and %q should differ, both %q", pair[0], pair[1], NameKey(pair[0]))
		}
	}
	for _, one := range []string{"Ivan", "", "  ", "42 17"} {
		if k := NameKey(one); k != "" {
			t.Errorf("NameKey(%q) = %q, want none for fewer than two words", one, k)
		}
	}
}
