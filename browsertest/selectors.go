package browsertest

import (
	"encoding/json"
	"fmt"
)

// Elements are located by JavaScript expressions, which reach into the widget's
// shadow root where CSS selectors of the page cannot.

// quote makes a JavaScript string literal.
func quote(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// TestID is the page's first element with this data-testid; more narrows it with
// further CSS (such as `[data-author="agent"]`).
func TestID(id string, more ...string) string {
	return fmt.Sprintf("document.querySelector(%s)", quote(testIDSelector(id, more)))
}

// AllTestID is every element of the page with this data-testid, as an array.
func AllTestID(id string, more ...string) string {
	return fmt.Sprintf("[...document.querySelectorAll(%s)]", quote(testIDSelector(id, more)))
}

// WidgetRoot is the widget's shadow root (null until the widget has drawn itself).
const WidgetRoot = `(document.getElementById("parley-widget")?.shadowRoot ?? null)`

// InWidget is the first element with this data-testid inside the widget's shadow root.
func InWidget(id string, more ...string) string {
	return fmt.Sprintf("(%s?.querySelector(%s) ?? null)", WidgetRoot, quote(testIDSelector(id, more)))
}

// AllInWidget is every element with this data-testid inside the widget, as an array.
func AllInWidget(id string, more ...string) string {
	return fmt.Sprintf("[...(%s?.querySelectorAll(%s) ?? [])]", WidgetRoot, quote(testIDSelector(id, more)))
}

func testIDSelector(id string, more []string) string {
	sel := fmt.Sprintf("[data-testid=%s]", quote(id))
	for _, m := range more {
		sel += m
	}
	return sel
}

// Visible is a condition: the element exists and takes up space on the screen.
func Visible(elem string) string {
	return fmt.Sprintf("((e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')(%s)", elem)
}

// HasText is a condition: some element of the array has exactly this text content (trimmed).
func HasText(elems, text string) string {
	return fmt.Sprintf("%s.some((e) => e.textContent.trim() === %s)", elems, quote(text))
}

// JS quotes a Go string for use inside an expression.
func JS(s string) string { return quote(s) }

// HasMessage is a condition: some message element of the array holds a
// message-text with exactly this text.
func HasMessage(messages, text string) string {
	return fmt.Sprintf("%s.some((m) => [...m.querySelectorAll('[data-testid=\"message-text\"]')].some((e) => e.textContent.trim() === %s))", messages, quote(text))
}

// CountMessages counts the message elements of the array that hold this exact text.
func CountMessages(messages, text string) string {
	return fmt.Sprintf("%s.filter((m) => [...m.querySelectorAll('[data-testid=\"message-text\"]')].some((e) => e.textContent.trim() === %s)).length", messages, quote(text))
}

// LoadedImages counts the images among the elements' descendants (or the elements
// themselves) that have been decoded, optionally only those shown from blob: URLs.
func LoadedImages(elems string, blobOnly bool) string {
	return fmt.Sprintf(`%s.flatMap((e) => e.matches('[data-testid="message-image"]') ? [e] : [...e.querySelectorAll('[data-testid="message-image"]')])
  .filter((i) => i.complete && i.naturalWidth > 0 && (!%t || i.currentSrc.startsWith("blob:"))).length`, elems, blobOnly)
}

// LinkedFiles is the names of the file links (message-file) among the elements' descendants.
func LinkedFiles(elems string) string {
	return fmt.Sprintf(`%s.flatMap((e) => [...e.querySelectorAll('[data-testid="message-file"]')]).map((a) => a.textContent.trim())`, elems)
}
