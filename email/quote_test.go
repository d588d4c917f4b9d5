package email

import "testing"

func TestStripQuotes(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no quote", "Hello\nthere", "Hello\nthere"},
		{"gmail top post", "Fine, thanks.\n\nOn Mon, Feb 5, 2024 at 10:00 AM Support <s@x.org> wrote:\n> How are you?\n>\n> Anna\n",
			"Fine, thanks."},
		{"gmail wrapped attribution", "Ok.\n\nOn Mon, Feb 5, 2024 at 10:00 AM Support <\ns@x.org> wrote:\n\n> q\n", "Ok."},
		{"bottom post", "On 05.02.2024 10:00, Support wrote:\n> Did it work?\n\nYes, it did.", "Yes, it did."},
		{"inline answers", "> Name?\nIvan\n> City?\nMoscow", "Ivan\nMoscow"},
		{"trailing quote block without attribution", "See below.\n\n> old text\n> more", "See below."},
		{"russian gmail", "Спасибо!\n\nпн, 5 февр. 2024 г. в 10:00, Поддержка <support@x.ru>:\n> Добрый день", "Спасибо!"},
		{"russian написал", "Да.\n\n05.02.2024 10:00, Иван Петров написал(а):\n> Вопрос", "Да."},
		{"yandex", "Хорошо\n\n05.02.2024, 10:00, \"Иван\" <ivan@ya.ru>:\n> текст", "Хорошо"},
		{"outlook separator", "Hi\n\n-----Original Message-----\nFrom: a\nold", "Hi"},
		{"outlook russian separator", "Привет\n\n----- Исходное сообщение -----\nОт: a", "Привет"},
		{"outlook header block", "Thanks\n\n________________________________\nFrom: Support <s@x.org>\nSent: Monday\nTo: me\n\nold",
			"Thanks"},
		{"from after blank", "Thanks\n\nFrom: Support <s@x.org>\nSent: Monday, 5 February\nSubject: Re\n\nold", "Thanks"},
		{"from line that is no header", "My notes\n\nFrom: the manual, page 3\nit says so", "My notes\n\nFrom: the manual, page 3\nit says so"},
		{"colleague wrote is no attribution", "My colleague wrote:\nit is broken", "My colleague wrote:\nit is broken"},
		{"attribution followed by unquoted history", "Ok\n\nOn Mon, 5 Feb 2024, Anna wrote:\nold text", "Ok"},
		{"nothing but quotes keeps all", "> only a quote", "> only a quote"},
		{"crlf", "Yes\r\n\r\n> q\r\n", "Yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stripQuotes(tt.in); got != tt.want {
				t.Errorf("stripQuotes(%q)\n= %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"entities and breaks", "<p>A &amp; B&nbsp;&lt;C&gt;</p><p>line1<br>line2</p>", "A & B <C>\n\nline1\nline2"},
		{"divs", "<div>one</div><div>two</div><div><br></div><div>three</div>", "one\ntwo\n\nthree"},
		{"hidden", "<head><title>T</title><style>x{}</style></head><body>hi<script>bad()</script></body>", "hi"},
		{"spaces collapse", "<p>  many\n   spaces\there </p>", "many spaces here"},
		{"blockquote", "<div>Yes</div><div>On Mon, 5 Feb 2024 Anna wrote:<br></div><blockquote><div>q1</div><div>q2</div></blockquote>",
			"Yes\nOn Mon, 5 Feb 2024 Anna wrote:\n> q1\n> q2"},
		{"list", "<ul><li>a</li><li>b</li></ul>", "a\nb"},
		{"unclosed tags", "<p>a<p>b<div>c", "a\n\nb\nc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlToText(tt.in); got != tt.want {
				t.Errorf("htmlToText(%q)\n= %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// A Gmail reply that came as HTML only loses its quote like a plain one.
func TestHTMLReplyStripped(t *testing.T) {
	in := `<div dir="ltr">Yes, it arrived.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">` +
		`On Tue, Feb 6, 2024 at 11:02 AM Support &lt;<a href="mailto:s@x.org">s@x.org</a>&gt; wrote:<br></div>` +
		`<blockquote class="gmail_quote"><div>Hello Bob,</div><div><br></div><div>we sent it.</div></blockquote></div>`
	if got := stripQuotes(htmlToText(in)); got != "Yes, it arrived." {
		t.Errorf("got %q", got)
	}
}
