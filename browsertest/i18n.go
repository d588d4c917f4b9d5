package browsertest

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Dictionary is a front end's strings in one language: key → its text, or its
// plural forms for a key whose value is an object ("key.one", "key.other" …).
type Dictionary map[string]string

var (
	// 'key': 'text'  or  'key': "text"  or  'key': { one: '…', other: '…' }
	entryRE  = regexp.MustCompile(`(?s)'([\w.-]+)'\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\{((?:[^{}]|\{\w+\})*)\})`)
	formRE   = regexp.MustCompile(`(\w+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")`)
	paramRE  = regexp.MustCompile(`\{\w+\}`)
	escapeRE = regexp.MustCompile(`\\(.)`)
)

// ReadDictionary reads a TypeScript dictionary of the form the console uses:
// an object literal of quoted keys with string or plural-object values.
func ReadDictionary(path string) (Dictionary, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d := Dictionary{}
	for _, m := range entryRE.FindAllStringSubmatch(string(src), -1) {
		switch {
		case m[4] != "":
			for _, f := range formRE.FindAllStringSubmatch(m[4], -1) {
				d[m[1]+"."+f[1]] = unescape(f[2] + f[3])
			}
		default:
			d[m[1]] = unescape(m[2] + m[3])
		}
	}
	if len(d) == 0 {
		return nil, fmt.Errorf("%s: no entries found", path)
	}
	return d, nil
}

func unescape(s string) string { return escapeRE.ReplaceAllString(s, "$1") }

// Found is a text of a dictionary found on a screen.
type Found struct {
	Key   string // the dictionary's key
	Text  string // the part of its text that was found
	Shown string // the screen's text that holds it
}

// TextsShown returns the texts of lang that show in visible, which is what a
// screen displays: on a Russian screen, the English dictionary's texts found
// there are the ones left untranslated. Texts that the other language writes the
// same way (names, "E-mail" …) are not counted; parameters ({name}) split a text
// into the parts around them, and parts of fewer than three letters are too
// short to tell.
func TextsShown(visible []string, lang, other Dictionary) []Found {
	var found []Found
	for key, text := range lang {
		if other[key] == text {
			continue
		}
		for _, part := range paramRE.Split(text, -1) {
			part = strings.TrimFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if letters(part) < 3 {
				continue
			}
			for _, shown := range visible {
				if containsWord(shown, part) {
					found = append(found, Found{Key: key, Text: part, Shown: shown})
					break
				}
			}
		}
	}
	slices.SortFunc(found, func(a, b Found) int { return strings.Compare(a.Key, b.Key) })
	return found
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// containsWord says whether part occurs in s without letters right before or after it.
func containsWord(s, part string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], part)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(part)
		before, after := lastRune(s[:start]), firstRune(s[end:])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		i = start + 1
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return ' '
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return ' '
}

// VisibleTexts is an expression giving the texts a person sees on the page: the
// text of every rendered text node and the placeholders of empty fields, except
// inside elements matching skip (user content, such as message texts).
func VisibleTexts(skip string) string {
	return fmt.Sprintf(`(() => {
  const skip = %s, out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement, text = n.textContent.trim();
    if (!text || !el || (skip && el.closest(skip)) || el.closest("script, style, noscript")) continue;
    if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === "hidden") continue;
    out.push(text);
  }
  for (const f of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
    if (!f.value && f.getClientRects().length > 0) out.push(f.placeholder);
  }
  for (const s of document.querySelectorAll("select")) {
    if (s.getClientRects().length > 0 && s.selectedOptions[0]) out.push(s.selectedOptions[0].textContent.trim());
  }
  return out;
})()`, quote(skip))
}
