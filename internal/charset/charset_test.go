package charset

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const (
	russian  = "Привет, мир! Это тестовая страница на русском языке. Новости дня: погода хорошая, все работают."
	japan    = "こんにちは世界。これは日本語のテストページです。今日の天気は晴れです。"
	chinese  = "你好世界。这是一个中文测试页面，我们用它来检查编码检测是否正确。"
	chineseT = "你好世界。這是一個中文測試頁面，我們用它來檢查編碼檢測是否正確。"
	korea    = "안녕하세요. 이것은 한국어 테스트 페이지입니다. 오늘 날씨가 좋습니다."
	french   = "Café crème brûlée, naïve façade — déjà vu à Besançon. Élève très âgé."
)

// page builds a small HTML page with the given head markup and body text.
func page(head, text string) string {
	return "<!DOCTYPE html>\n<html><head>" + head + "<title>Test</title></head>\n<body><article><h1>Title</h1><p>" +
		text + "</p><p>" + text + "</p></article></body></html>\n"
}

func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

// checkOutput asserts the invariants every Decode result satisfies.
func checkOutput(t *testing.T, out []byte) {
	t.Helper()
	assert.True(t, utf8.Valid(out), "output must be valid UTF-8")
	assert.NotContains(t, string(out), "\x00", "output must not contain NUL")
}

func TestDeclaredUTF8ButLegacy(t *testing.T) {
	meta := `<meta charset="utf-8">`
	tests := []struct {
		name string
		enc  encoding.Encoding
		text string
		want string
	}{
		{"windows-1251", charmap.Windows1251, russian, "windows-1251"},
		{"shift_jis", japanese.ShiftJIS, japan, "shift_jis"},
		{"gb18030", simplifiedchinese.GB18030, chinese, "gb18030"},
		{"euc-kr", korean.EUCKR, korea, "euc-kr"},
		{"windows-1252", charmap.Windows1252, french, "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encode(t, tt.enc, page(meta, tt.text))
			require.False(t, utf8.Valid(data))
			out, name := Decode(data, "")
			assert.Equal(t, tt.want, name)
			assert.Contains(t, string(out), tt.text)
			checkOutput(t, out)

			// The same with the declaration in the transport header.
			out, name = Decode(data, "text/html; charset=UTF-8")
			assert.Equal(t, tt.want, name)
			assert.Contains(t, string(out), tt.text)
		})
	}
}

func TestUndeclaredDetection(t *testing.T) {
	tests := []struct {
		name string
		enc  encoding.Encoding
		text string
	}{
		{"windows-1252", charmap.Windows1252, french},
		{"windows-1251", charmap.Windows1251, russian},
		{"koi8-r", charmap.KOI8R, russian},
		{"shift_jis", japanese.ShiftJIS, japan},
		{"euc-jp", japanese.EUCJP, japan},
		{"gb18030", simplifiedchinese.GB18030, chinese},
		{"big5", traditionalchinese.Big5, chineseT},
		{"euc-kr", korean.EUCKR, korea},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encode(t, tt.enc, page("", tt.text))
			out, name := Decode(data, "text/html")
			assert.Equal(t, tt.name, name)
			assert.Contains(t, string(out), tt.text)
			checkOutput(t, out)
		})
	}
}

func TestShortLegacySnippets(t *testing.T) {
	// A single accented word in an otherwise ASCII page.
	data := encode(t, charmap.Windows1252, page("", "Welcome to our café in town."))
	out, name := Decode(data, "")
	assert.Equal(t, "windows-1252", name)
	assert.Contains(t, string(out), "café")

	// A short Russian heading.
	data = encode(t, charmap.Windows1251, page("", "Главная страница"))
	out, name = Decode(data, "")
	assert.Equal(t, "windows-1251", name)
	assert.Contains(t, string(out), "Главная страница")
}

// TestDetectShortTexts checks the fallback detector on pages whose only
// non-ASCII text is a short phrase, as on navigation-heavy pages.
func TestDetectShortTexts(t *testing.T) {
	cases := []struct {
		name  string
		enc   encoding.Encoding
		texts []string
	}{
		{"windows-1252", charmap.Windows1252, []string{"© 2010 Company Inc. All rights reserved.", "Price: 10 € — “Special offer”", "Zürich", "Straße", "Ærø and Øresund", "ÉCOLE NATIONALE SUPÉRIEURE", "L'été à Montréal était très chaud", "Müller", "São Paulo é uma cidade", "Ça va très bien, merci beaucoup.", "El niño comió piñata y jalapeños en España.", "Smörgåsbord och köttbullar är gott", "naïve", "“Quoted” text — with dashes… and €5"}},
		{"windows-1251", charmap.Windows1251, []string{"НОВОСТИ И СОБЫТИЯ", "Здравствуйте! Добро пожаловать на наш сайт. Контакты и реквизиты компании.", "Київ, Львів, Харків, Одеса — найбільші міста України", "Copyright 2010 ООО «Ромашка»", "Москва", "Україна — це держава", "Главная", "Войти в систему", "Ошибка 404: страница не найдена"}},
		{"koi8-r", charmap.KOI8R, []string{"НОВОСТИ И СОБЫТИЯ", "Здравствуйте! Добро пожаловать на наш сайт.", "Москва", "Главная страница сайта", "Ошибка 404: страница не найдена", "Войти"}},
		{"shift_jis", japanese.ShiftJIS, []string{"2010年4月1日（木）", "Copyright 2010 株式会社", "日本語", "東京都", "ホームページ", "お問い合わせ", "株式会社テスト"}},
		{"euc-jp", japanese.EUCJP, []string{"日本語", "東京都", "ホームページ", "お問い合わせ", "株式会社テスト"}},
		{"gb18030", simplifiedchinese.GB18030, []string{"版权所有 2010", "2010年4月1日", "欢迎光临本站，请登录或注册。", "中文", "首页", "新闻中心", "联系我们", "北京市人民政府", "关于我们的公司"}},
		{"big5", traditionalchinese.Big5, []string{"版權所有", "歡迎光臨本站，請登入或註冊。", "中文", "首頁", "新聞中心", "聯絡我們", "台北市政府", "關於我們的公司"}},
		{"euc-kr", korean.EUCKR, []string{"저작권 2010", "환영합니다! 로그인 또는 회원가입을 해주세요.", "한국어", "서울", "홈페이지", "로그인", "대한민국 정부", "회원가입"}},
	}
	for _, c := range cases {
		for _, text := range c.texts {
			data := encode(t, c.enc, page("", text))
			out, name := Decode(data, "")
			assert.Equal(t, c.name, name, text)
			assert.Contains(t, string(out), text)
			checkOutput(t, out)
		}
	}
}

func TestUTF16WithoutBOM(t *testing.T) {
	src := page(`<meta charset="utf-16">`, french+" "+russian)
	for _, tt := range []struct {
		name  string
		order unicode.Endianness
	}{{"utf-16le", unicode.LittleEndian}, {"utf-16be", unicode.BigEndian}} {
		t.Run(tt.name, func(t *testing.T) {
			data := encode(t, unicode.UTF16(tt.order, unicode.IgnoreBOM), src)
			out, name := Decode(data, "")
			assert.Equal(t, tt.name, name)
			assert.Contains(t, string(out), french)
			assert.Contains(t, string(out), russian)
			checkOutput(t, out)

			// A wrong UTF-8 hint does not stop the NUL pattern check.
			out, name = Decode(data, "text/html; charset=utf-8")
			assert.Equal(t, tt.name, name)
			assert.Contains(t, string(out), russian)
		})
	}

	out, name := Decode([]byte("<\x00h\x00"), "")
	assert.Equal(t, "utf-16le", name)
	assert.Equal(t, "<h", string(out))
}

func TestUTF16HintNeedsUTF16Bytes(t *testing.T) {
	// A server claiming UTF-16 for an ASCII-based page is ignored, and the
	// page's own declaration is used.
	data := encode(t, charmap.Windows1251, page(`<meta charset="windows-1251">`, russian))
	out, name := Decode(data, "text/html; charset=utf-16")
	assert.Equal(t, "windows-1251", name)
	assert.Contains(t, string(out), russian)

	data = encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), page("", russian))
	out, name = Decode(data, "text/html; charset=utf-16")
	assert.Equal(t, "utf-16le", name)
	assert.Contains(t, string(out), russian)
}

func TestISO2022JP(t *testing.T) {
	data := encode(t, japanese.ISO2022JP, page(`<meta http-equiv="Content-Type" content="text/html; charset=iso-2022-jp">`, japan))
	require.True(t, utf8.Valid(data), "ISO-2022-JP is 7-bit")
	out, name := Decode(data, "")
	assert.Equal(t, "iso-2022-jp", name)
	assert.Contains(t, string(out), japan)
	checkOutput(t, out)

	// Declared in the transport header instead.
	data = encode(t, japanese.ISO2022JP, page("", japan))
	out, name = Decode(data, `text/html; charset="ISO-2022-JP"`)
	assert.Equal(t, "iso-2022-jp", name)
	assert.Contains(t, string(out), japan)

	// Undeclared, recognized by its escape sequences.
	out, name = Decode(data, "")
	assert.Equal(t, "iso-2022-jp", name)
	assert.Contains(t, string(out), japan)
}

func TestContentTypeHint(t *testing.T) {
	data := encode(t, charmap.Windows1251, page("", russian))
	for _, ct := range []string{
		"text/html; charset=windows-1251",
		`text/html; charset="Windows-1251"`,
		"text/html;charset=cp1251",
		"text/html; charset = windows-1251 ; foo=bar",
		"text/html; foo=\"a b\"; CHARSET=windows-1251",
		"text/html; charset*=utf-8''windows-1251",
		"charset=windows-1251",
	} {
		out, name := Decode(data, ct)
		assert.Equal(t, "windows-1251", name, ct)
		assert.Contains(t, string(out), russian, ct)
	}

	// The transport header beats the page's declaration.
	data = encode(t, japanese.ShiftJIS, page(`<meta charset="euc-jp">`, japan))
	out, name := Decode(data, "text/html; charset=Shift_JIS")
	assert.Equal(t, "shift_jis", name)
	assert.Contains(t, string(out), japan)

	// An unknown transport label falls through to the meta declaration.
	data = encode(t, charmap.Windows1251, page(`<meta charset="windows-1251">`, russian))
	out, name = Decode(data, "text/html; charset=no-such-charset")
	assert.Equal(t, "windows-1251", name)
	assert.Contains(t, string(out), russian)
}

func TestBOMOverridesDeclarations(t *testing.T) {
	src := page(`<meta charset="windows-1251">`, french+" "+russian)

	data := append([]byte{0xEF, 0xBB, 0xBF}, src...)
	out, name := Decode(data, "text/html; charset=windows-1252")
	assert.Equal(t, "utf-8", name)
	assert.Equal(t, src, string(out))

	data = append([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), src)...)
	out, name = Decode(data, "text/html; charset=windows-1252")
	assert.Equal(t, "utf-16le", name)
	assert.Equal(t, src, string(out))

	data = append([]byte{0xFE, 0xFF}, encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), src)...)
	out, name = Decode(data, "")
	assert.Equal(t, "utf-16be", name)
	assert.Equal(t, src, string(out))
}

func TestMetaDeclaration(t *testing.T) {
	tests := []struct {
		name string
		head string
		enc  encoding.Encoding
		text string
		want string
	}{
		{"charset", `<meta charset="windows-1251">`, charmap.Windows1251, russian, "windows-1251"},
		{"unquoted", `<META CHARSET=koi8-r>`, charmap.KOI8R, russian, "koi8-r"},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">`, japanese.ShiftJIS, japan, "shift_jis"},
		{"http-equiv after content", `<meta content='text/html;charset="gb2312"' http-equiv=content-type>`, simplifiedchinese.GBK, chinese, "gbk"},
		{"latin1 label", `<meta charset="iso-8859-1">`, charmap.Windows1252, french, "windows-1252"},
		{"after other tags", `<link rel="stylesheet" href="a.css"><script src="x.js"></script><meta name="x" content="charset=no"><meta charset="euc-kr">`, korean.EUCKR, korea, "euc-kr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encode(t, tt.enc, page(tt.head, tt.text))
			// A Content-Type without a charset leaves the meta in charge.
			out, name := Decode(data, "text/html")
			assert.Equal(t, tt.want, name)
			assert.Contains(t, string(out), tt.text)
			checkOutput(t, out)
		})
	}
}

func TestMetaDeclarationIgnored(t *testing.T) {
	for _, head := range []string{
		`<!-- <meta charset="windows-1251"> -->`,
		`<meta content="text/html; charset=windows-1251">`, // no http-equiv pragma
		`<meta charset="iso-2022-kr">`,                     // the replacement encoding
		`<meta charset="bogus">`,
	} {
		data := encode(t, charmap.Windows1252, page(head, french))
		out, name := Decode(data, "")
		assert.Equal(t, "windows-1252", name, head)
		assert.Contains(t, string(out), french, head)
	}
}

func TestMetaSpecialLabels(t *testing.T) {
	// utf-16 in a meta means utf-8.
	src := page(`<meta charset="utf-16">`, russian)
	out, name := Decode([]byte(src), "")
	assert.Equal(t, "utf-8", name)
	assert.Equal(t, src, string(out))

	// x-user-defined in a meta means windows-1252.
	data := encode(t, charmap.Windows1252, page(`<meta charset="x-user-defined">`, french))
	out, name = Decode(data, "")
	assert.Equal(t, "windows-1252", name)
	assert.Contains(t, string(out), french)
}

func TestValidUTF8IsReturnedAsIs(t *testing.T) {
	data := []byte(page(`<meta charset="utf-8">`, russian+japan))
	for _, ct := range []string{"", "text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1"} {
		out, name := Decode(data, ct)
		assert.Equal(t, "utf-8", name, ct)
		require.Len(t, out, len(data))
		assert.Same(t, &data[0], &out[0], "no copy expected for %q", ct)
	}

	// A stale legacy declaration on a UTF-8 page.
	data = []byte(page(`<meta charset="windows-1251">`, russian))
	out, name := Decode(data, "")
	assert.Equal(t, "utf-8", name)
	assert.Same(t, &data[0], &out[0])

	// Pure ASCII keeps its declared name and is not copied either.
	data = []byte(page(`<meta charset="windows-1252">`, "plain words"))
	out, name = Decode(data, "")
	assert.Equal(t, "windows-1252", name)
	assert.Same(t, &data[0], &out[0])

	out, name = Decode(nil, "")
	assert.Equal(t, "utf-8", name)
	assert.Empty(t, out)
}

func TestNULBytes(t *testing.T) {
	data := []byte("<html><body><p>hel\x00lo wor\x00ld — ünïcode\x00</p></body></html>")
	out, name := Decode(data, "")
	assert.Equal(t, "utf-8", name)
	assert.Contains(t, string(out), "hello world — ünïcode")
	checkOutput(t, out)
	assert.Contains(t, string(data), "\x00", "input must not be modified")

	// NULs in a legacy-encoded page.
	data = append(encode(t, charmap.Windows1251, page(`<meta charset="windows-1251">`, russian)), 0, 0)
	out, name = Decode(data, "")
	assert.Equal(t, "windows-1251", name)
	assert.Contains(t, string(out), russian)
	checkOutput(t, out)
}

func TestInvalidUTF8(t *testing.T) {
	// Mostly UTF-8 with stray bytes stays UTF-8, strays become U+FFFD.
	text := "Grüße aus Köln — schön und groß. Привет. "
	data := []byte(page(`<meta charset="utf-8">`, strings.Repeat(text, 5)+"broken\xff\xfe byte\xc3"))
	out, name := Decode(data, "")
	assert.Equal(t, "utf-8", name)
	assert.Contains(t, string(out), text)
	assert.Contains(t, string(out), "broken\uFFFD\uFFFD byte\uFFFD")
	checkOutput(t, out)

	// The same without any declaration.
	data = []byte(strings.Repeat(text, 5) + "\xff")
	out, name = Decode(data, "")
	assert.Equal(t, "utf-8", name)
	assert.Contains(t, string(out), text)
	checkOutput(t, out)

	// A BOM followed by invalid bytes.
	out, name = Decode([]byte("\xEF\xBB\xBFok\x80\x00"), "")
	assert.Equal(t, "utf-8", name)
	assert.Equal(t, "ok\uFFFD", string(out))
}

func TestAlwaysValidOutput(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	cts := []string{"", "text/html; charset=utf-8", "text/html; charset=shift_jis", "text/html; charset=utf-16be", "text/html; charset=iso-2022-jp"}
	for i := 0; i < 300; i++ {
		n := rng.Intn(600)
		data := make([]byte, n)
		for j := range data {
			switch rng.Intn(4) {
			case 0:
				data[j] = byte(rng.Intn(256))
			case 1:
				data[j] = 0
			default:
				data[j] = byte('a' + rng.Intn(26))
			}
		}
		if i%3 == 0 {
			data = append([]byte(`<meta charset="euc-jp">`), data...)
		}
		out, name := Decode(data, cts[i%len(cts)])
		assert.NotEmpty(t, name)
		checkOutput(t, out)
	}
}

func TestPrescanDetails(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`<meta charset=utf-8>`, "utf-8"},
		{`<meta/charset="shift_jis"/>`, "shift_jis"},
		{`<!--><meta charset="koi8-r">`, "koi8-r"}, // "<!-->" is a whole comment
		{`<meta charset="koi8-r" charset="euc-kr">`, "koi8-r"},
		{`<div title="<meta charset=koi8-r>"><meta charset="euc-kr">`, "euc-kr"},
		{`<metadata charset="koi8-r">`, ""},
		{`<meta http-equiv="content-type" content="text/html; charset='big5'">`, "big5"},
		{`<meta http-equiv="content-type" content="charset=">`, ""},
		{`<meta http-equiv="content-type" content="text/html; charset=gbk; x">`, "gbk"},
		{`<? <meta charset=big5> ?><meta charset="euc-jp">`, "euc-jp"},
		{`<meta charset="koi8-r`, ""},
	}
	for _, tt := range tests {
		r := prescan([]byte(tt.in))
		assert.Equal(t, tt.want, r.name, tt.in)
	}
}

func TestContentTypeCharset(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"text/html", ""},
		{"text/html; charset=utf-8", "utf-8"},
		{`text/html; charset="utf-8"`, "utf-8"},
		{"text/html; CharSet=UTF-8;", "UTF-8"},
		{"text/html;;charset=koi8-r", "koi8-r"},
		{"text/html; charset=", ""},
		{"text/html; charset*=utf-8''shift_jis", "shift_jis"},
	}
	for _, tt := range tests {
		got, ok := contentTypeCharset(tt.in)
		assert.Equal(t, tt.want != "", ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestDecodeDoesNotModifyInput(t *testing.T) {
	data := encode(t, charmap.Windows1251, page(`<meta charset="utf-8">`, russian))
	orig := bytes.Clone(data)
	Decode(data, "")
	assert.Equal(t, orig, data)
}

// bigPage returns a realistic UTF-8 page of about size bytes.
func bigPage(size int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big page</title>` +
		`<link rel="stylesheet" href="/s.css"><script>var x = 1;</script></head><body><main>`)
	para := `<p class="text">The quick brown fox jumps over the lazy dog — naïve café, Grüße, ` +
		`Привет, こんにちは. <a href="/link?x=1&amp;y=2">A link</a> and more words here.</p>` + "\n"
	for b.Len() < size {
		b.WriteString(para)
	}
	b.WriteString("</main></body></html>\n")
	return []byte(b.String())
}

func TestBigPage(t *testing.T) {
	data := bigPage(200 << 10)
	allocs := testing.AllocsPerRun(20, func() {
		Decode(data, "text/html; charset=UTF-8")
		Decode(data, "")
	})
	assert.Zero(t, allocs)
}

func BenchmarkDecodeValidUTF8(b *testing.B) {
	data := bigPage(200 << 10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Decode(data, "text/html; charset=utf-8")
	}
}

func BenchmarkDecodeValidUTF8NoHint(b *testing.B) {
	data := bigPage(200 << 10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Decode(data, "")
	}
}

func BenchmarkDecodeDeclaredWindows1251(b *testing.B) {
	data := encode(b, charmap.Windows1251, strings.Repeat(page(`<meta charset="windows-1251">`, russian), 400))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Decode(data, "")
	}
}

func BenchmarkDecodeDetectShiftJIS(b *testing.B) {
	data := encode(b, japanese.ShiftJIS, strings.Repeat(page(`<meta charset="utf-8">`, japan), 400))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Decode(data, "")
	}
}
