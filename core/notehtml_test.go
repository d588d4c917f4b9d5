package core

import "testing"

func TestSanitizeNoteHTML(t *testing.T) {
	const rel = ` rel="noopener noreferrer" target="_blank"`
	cases := []struct {
		name, in, want string
		visible        bool
	}{
		{"plain text", "hello", "hello", true},
		{"text is escaped", "a < b & c > d", "a &lt; b &amp; c &gt; d", true},
		{"entities stay escaped", "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#60;b&#62;", "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &lt;b&gt;", true},
		{"quotes in text", `say "hi" it's`, "say &#34;hi&#34; it&#39;s", true},
		{"allowed formatting", "<p><b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><s>x</s><code>c</code></p>",
			"<p><b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><s>x</s><code>c</code></p>", true},
		{"lists and quotes", "<ul><li>a</li></ul><ol><li>b</li></ol><blockquote>q</blockquote><pre>p</pre>",
			"<ul><li>a</li></ul><ol><li>b</li></ol><blockquote>q</blockquote><pre>p</pre>", true},
		{"br", "a<br>b<br/>c", "a<br>b<br>c", true},
		{"tag names are lowercased", "<B>x</B>", "<b>x</b>", true},
		{"script dropped with its content", "a<script>alert(1)</script>b", "ab", true},
		{"script unclosed", "a<script>alert(1)", "a", true},
		{"script with attributes", `<script src="https://evil.example/x.js"></script>ok`, "ok", true},
		{"style dropped with its content", "<style>body{display:none}</style>x", "x", true},
		{"event handler on allowed tag", `<b onclick="alert(1)" class="x" style="color:red">x</b>`, "<b>x</b>", true},
		{"img onerror", `<img src="x" onerror="alert(1)">`, "", false},
		{"img onerror with good src", `<img src="https://example.com/a.png" onerror="alert(1)">`, `<img src="https://example.com/a.png">`, true},
		{"img from this server", `<img src="/api/v1/files/f_abc" alt="a &quot;pic&quot;">`, `<img src="/api/v1/files/f_abc" alt="a &#34;pic&#34;">`, true},
		{"img from another path of this server", `<img src="/api/v1/agents/1/deactivate">`, "", false},
		{"img path climbing out", `<img src="/api/v1/files/../agents">`, "", false},
		{"img protocol relative", `<img src="//evil.example/api/v1/files/x">`, "", false},
		{"img over http", `<img src="http://example.com/a.png">`, "", false},
		{"img data url", `<img src="data:image/svg+xml;base64,PHN2Zz4=">`, "", false},
		{"img without src", `<img alt="x">`, "", false},
		{"link http", `<a href="http://example.com/?a=1&amp;b=2">x</a>`, `<a href="http://example.com/?a=1&amp;b=2"` + rel + `>x</a>`, true},
		{"link https", `<a href="https://example.com">x</a>`, `<a href="https://example.com"` + rel + `>x</a>`, true},
		{"link mailto", `<a href="mailto:a@example.com">m</a>`, `<a href="mailto:a@example.com"` + rel + `>m</a>`, true},
		{"link's own target and rel replaced", `<a href="https://e.com" target="_self" rel="opener">x</a>`, `<a href="https://e.com"` + rel + `>x</a>`, true},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, "<a>x</a>", true},
		{"javascript link mixed case", `<a href="JaVaScRiPt:alert(1)">x</a>`, "<a>x</a>", true},
		{"javascript link with entities", `<a href="&#106;avascript:alert(1)">x</a>`, "<a>x</a>", true},
		{"javascript link with tab", "<a href=\"java\tscript:alert(1)\">x</a>", "<a>x</a>", true},
		{"javascript link with leading space", `<a href=" javascript:alert(1)">x</a>`, "<a>x</a>", true},
		{"data link", `<a href="data:text/html,<script>alert(1)</script>">x</a>`, "<a>x</a>", true},
		{"vbscript link", `<a href="vbscript:msgbox(1)">x</a>`, "<a>x</a>", true},
		{"relative link", `<a href="/api/v1/agents">x</a>`, "<a>x</a>", true},
		{"svg onload", `<svg onload="alert(1)"><circle r="1"/></svg>after`, "after", true},
		{"svg with script inside", `<svg><script>alert(1)</script><text>t</text></svg>`, "", false},
		{"math", `<math><mtext><img src=x onerror=alert(1)></mtext></math>ok`, "ok", true},
		{"iframe", `<iframe src="https://evil.example"></iframe>x`, "x", true},
		{"unknown tags keep their text", `<div><span class="x">kept</span></div>`, "kept", true},
		{"unknown tag with handler", `<details open ontoggle="alert(1)">d</details>`, "d", true},
		{"unclosed tags are closed", "<ul><li><b>x", "<ul><li><b>x</b></li></ul>", true},
		{"misnested tags", "<b><i>x</b>y</i>", "<b><i>x</i></b>y", true},
		{"stray end tags", "</b>x</p></script>", "x", true},
		{"comment dropped", "a<!-- <script>alert(1)</script> -->b", "ab", true},
		{"conditional comment", "<!--[if IE]><script>alert(1)</script><![endif]-->x", "x", true},
		{"doctype dropped", "<!DOCTYPE html>x", "x", true},
		{"broken tag", `<b x="<script>">y</b><img src="https://e.com/a.png"`, "<b>y</b>", true},
		{"attribute breaking out", `<a href='https://e.com/"onmouseover="alert(1)'>x</a>`, `<a href="https://e.com/&#34;onmouseover=&#34;alert(1)"` + rel + `>x</a>`, true},
		{"script split by nesting", "<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)", true},
		{"textarea content", "<textarea><img src=x onerror=alert(1)></textarea>t", "t", true},
		{"noscript content", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>z", "&#34;&gt;z", true},
		{"null byte", "a\x00b<b\x00>c</b>", "abc", true},
		{"only whitespace", "<p> </p>", "<p> </p>", false},
		{"empty", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, visible := SanitizeNoteHTML(c.in)
			if got != c.want || visible != c.visible {
				t.Errorf("SanitizeNoteHTML(%q)\n got %q, visible %v\nwant %q, visible %v", c.in, got, visible, c.want, c.visible)
			}
			// A second pass changes nothing: the output is its own sanitised form.
			if again, _ := SanitizeNoteHTML(got); again != got {
				t.Errorf("not stable: %q became %q", got, again)
			}
		})
	}
}
