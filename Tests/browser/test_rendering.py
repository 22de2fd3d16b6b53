"""Content under review is shown, never run: the desk's renderers, exercised in the browser."""

RENDER = """
const done = arguments[arguments.length - 1];
import('/review/render.js').then((render) => {
  const desk = { api: () => Promise.reject(new Error('offline')), typeBySingular: () => null };
  const html = render.html('<p onclick="x()">Hi <img src=x onerror="window.pwned=1"><script>window.pwned=1</script>'
    + '<a href="javascript:alert(1)">bad</a> <a href="https://example.com/">good</a><style>body{}</style></p>');
  const md = render.markdown('# Head\\n\\nSome **bold** and [bad](javascript:alert(1)) and [ok](/x) <b>raw</b>\\n\\n- one\\n- two');
  const media = render.value(desk, [{ name: 'hero.jpg', mime: 'image/jpeg', url: '/uploads/hero.jpg',
    formats: { thumbnail: { url: '/uploads/thumbnail_hero.jpg' } } }, { name: 'far.jpg', mime: 'image/jpeg', url: 'https://elsewhere.example/far.jpg' }],
    { type: 'media' }, 'en');
  const blocks = render.blocks([{ type: 'heading', level: 2, children: [{ type: 'text', text: 'Blocks', bold: true }] },
    { type: 'paragraph', children: [{ type: 'link', url: 'javascript:x()', children: [{ type: 'text', text: 'no link' }] }] }]);
  done({ html: html.innerHTML, md: md.innerHTML, media: media.innerHTML, blocks: blocks.innerHTML, pwned: !!window.pwned });
}).catch((e) => done({ error: String(e) }));
"""


def test_rendering_keeps_content_inert(site, desk):
    desk.sign_in("erin")
    out = desk.driver.execute_async_script(RENDER)
    assert "error" not in out, out
    assert not out["pwned"]
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "<img", "<style"):
        assert dangerous not in out["html"] and dangerous not in out["md"] and dangerous not in out["blocks"], dangerous
    assert '<a href="https://example.com/"' in out["html"] and "Hi " in out["html"]
    assert "<h3>Head</h3>" in out["md"] and "<strong>bold</strong>" in out["md"] and '<a href="/x"' in out["md"]
    assert "&lt;b&gt;raw&lt;/b&gt;" in out["md"], "HTML in markdown stays text"
    assert "<li>one</li><li>two</li>" in out["md"]
    assert "<h4><strong>Blocks</strong></h4>" in out["blocks"] and "no link" in out["blocks"]
    assert 'src="/uploads/thumbnail_hero.jpg"' in out["media"], "a media file is shown by its thumbnail"
    assert out["media"].count("<img") == 1 and "far.jpg" in out["media"], "an image on another site is named, not loaded"
