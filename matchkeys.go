package parley

import (
	"slices"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// MatchKeys sets the keys the duplicate rules compare (R3.3) from c's phone,
// e-mail and name. A phone is keyed in E.164 when it parses as a valid number,
// in the region given for numbers written without a country code; an e-mail
// when it is a valid address, in lower case; a name when it has two words or
// more, written in Latin letters (Cyrillic transliterated) and folded so that
// common spellings of one name agree. Anything else gets an empty key, which
// never matches: it stays as typed and simply takes no part.
func (c *Contact) MatchKeys(region string) {
	c.PhoneKey, c.EmailKey, c.NameKey = PhoneKey(c.Phone, region), EmailKey(c.Email), NameKey(c.Name)
}

// PhoneKey is the E.164 form of a valid phone number, else empty.
func PhoneKey(phone, region string) string {
	phone = strings.TrimSpace(phone)
	if phone == "" {
		return ""
	}
	n, err := phonenumbers.Parse(phone, strings.ToUpper(region))
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return ""
	}
	return phonenumbers.Format(n, phonenumbers.E164)
}

// EmailKey is a valid address in lower case, else empty.
func EmailKey(email string) string {
	key, err := NormalizeEmail(email)
	if err != nil {
		return ""
	}
	return key
}

// NameKey is a name's words transliterated, folded and sorted, so that "Иван
// Петров", "Ivan Petrov" and "petrov ivan" agree; empty for fewer than two words.
func NameKey(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) < 2 {
		return ""
	}
	for i, w := range words {
		words[i] = foldLatin(transliterate(w))
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}

// cyrillicLatin transliterates Russian letters as passports do (ICAO 9303).
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y",
	'ь': "", 'э': "e", 'ю': "iu", 'я': "ia", 'і': "i", 'ї': "i", 'є': "e", 'ґ': "g",
}

func transliterate(w string) string {
	var b strings.Builder
	for _, r := range w {
		if lat, ok := cyrillicLatin[r]; ok {
			b.WriteString(lat)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// latinFolds join spellings that transliterations of one name differ by
// ("Yulia", "Iuliia", "Julija"; "Khristina", "Hristina"), longest first.
var latinFolds = strings.NewReplacer("shch", "sh", "kh", "h", "ts", "c", "tz", "c", "ph", "f", "w", "v",
	"x", "ks", "y", "i", "j", "i", "q", "k")

// foldLatin folds a transliterated word and collapses doubled letters.
func foldLatin(w string) string {
	w = latinFolds.Replace(w)
	out := make([]rune, 0, len(w))
	for _, r := range w {
		if len(out) > 0 && out[len(out)-1] == r {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
