package email

import (
	"regexp"
	"strings"
	"unicode"
)

// stripQuotes is a reply without the history it quotes: an attribution line
// ("On … wrote:") and the quoted block under it go, and so does any other
// block of "> " lines; a separator ("-----Original Message-----", or an
// Outlook header block "From: … Sent: …") ends the text. When nothing would
// be left, the whole text is kept.
func stripQuotes(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var keep []string
scan:
	for i := 0; i < len(lines); i++ {
		switch {
		case isSeparator(lines[i]) || isHeaderBlock(lines, i):
			break scan
		case attribution(lines, i) > 0:
			j := skipBlank(lines, i+attribution(lines, i))
			if j == len(lines) || !isQuoted(lines[j]) {
				break scan // history follows unquoted, to the end
			}
			i = endOfQuote(lines, j) - 1
		case isQuoted(lines[i]):
			i = endOfQuote(lines, i) - 1
		default:
			keep = append(keep, lines[i])
		}
	}
	for len(keep) > 0 && (isBlank(keep[len(keep)-1]) || isRule(keep[len(keep)-1])) {
		keep = keep[:len(keep)-1] // Outlook's rule above the header block
	}
	out := strings.TrimSpace(strings.Join(keep, "\n"))
	if out == "" {
		return strings.TrimSpace(text)
	}
	return out
}

func isQuoted(l string) bool { return strings.HasPrefix(strings.TrimLeft(l, " "), ">") }

// isRule is a line of underscores, as Outlook draws above a quoted header.
func isRule(l string) bool {
	l = strings.TrimSpace(l)
	return len(l) >= 5 && strings.Trim(l, "_") == ""
}

func isBlank(l string) bool { return strings.TrimSpace(l) == "" }

func skipBlank(lines []string, i int) int {
	for i < len(lines) && isBlank(lines[i]) {
		i++
	}
	return i
}

// endOfQuote is the index after a quoted block that starts at i; blank
// lines inside the block belong to it.
func endOfQuote(lines []string, i int) int {
	for i < len(lines) {
		j := skipBlank(lines, i)
		if j == len(lines) || !isQuoted(lines[j]) {
			return i
		}
		i = j + 1
	}
	return i
}

var separator = regexp.MustCompile(`(?i)^\s*-{2,}\s*(original message|исходное сообщение|оригинальное сообщение)\s*-{2,}\s*$`)

func isSeparator(l string) bool { return separator.MatchString(l) }

// attributionEnds end the line that introduces a quote, in English and
// Russian mailers (Gmail, Outlook, Thunderbird, Apple Mail, Yandex, Mail.ru).
var attributionEnds = []string{"wrote:", "написал:", "написала:", "написал(а):", "пишет:", ">:"}

// attribution is the number of lines (1–3: Gmail wraps long ones) of an
// attribution starting at i, or 0. To tell "On Monday, John <j@x.org>
// wrote:" from "my colleague wrote:", it must hold a digit or an address.
func attribution(lines []string, i int) int {
	joined := ""
	for n := 1; n <= 3 && i+n <= len(lines); n++ {
		l := strings.TrimSpace(lines[i+n-1])
		if l == "" || isQuoted(l) {
			return 0
		}
		joined = strings.TrimSpace(joined + " " + l)
		if endsAttribution(joined) && (strings.ContainsFunc(joined, unicode.IsDigit) || strings.Contains(joined, "@")) {
			return n
		}
		if n == 1 && !strings.HasPrefix(joined, "On ") && !strings.HasSuffix(joined, "<") {
			// Only "On …" lines, and lines broken before the address, wrap.
			return 0
		}
	}
	return 0
}

func endsAttribution(l string) bool {
	low := strings.ToLower(l)
	for _, e := range attributionEnds {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

var headerStarts = []string{"sent:", "date:", "to:", "subject:", "cc:", "отправлено:", "дата:", "кому:", "тема:", "копия:"}

// isHeaderBlock says line i starts a quoted message's header, Outlook style:
// "From:" after a blank or underscore line, with "Sent:", "To:" … under it.
func isHeaderBlock(lines []string, i int) bool {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(lines[i]), "*"))
	if i == 0 || !(strings.HasPrefix(l, "from:") || strings.HasPrefix(l, "от:")) {
		return false
	}
	prev := strings.TrimSpace(lines[i-1])
	if prev != "" && strings.Trim(prev, "_-") != "" {
		return false
	}
	for _, next := range lines[i+1 : min(len(lines), i+5)] {
		n := strings.ToLower(strings.Trim(strings.TrimSpace(next), "*"))
		for _, h := range headerStarts {
			if strings.HasPrefix(n, h) {
				return true
			}
		}
	}
	return false
}
