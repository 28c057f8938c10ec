package notebook

import (
	"fmt"
	"html"
	"strconv"
	"strings"
)

// ansiNames are the eight ANSI colours, as Jupyter names their classes
// (ansi-red-fg, ansi-red-intense-bg, …).
var ansiNames = [8]string{"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}

type ansiState struct {
	fg, bg          string // a class ("ansi-red-fg") or a style ("color:rgb(…)")
	bold, underline bool
	italic          bool
}

func (s ansiState) zero() bool { return s == ansiState{} }

func (s ansiState) open() string {
	var classes, styles []string
	add := func(v string) {
		if strings.Contains(v, ":") {
			styles = append(styles, v)
		} else if v != "" {
			classes = append(classes, v)
		}
	}
	add(s.fg)
	add(s.bg)
	if s.bold {
		classes = append(classes, "ansi-bold")
	}
	if s.italic {
		classes = append(classes, "ansi-italic")
	}
	if s.underline {
		classes = append(classes, "ansi-underline")
	}
	out := "<span"
	if len(classes) > 0 {
		out += ` class="` + strings.Join(classes, " ") + `"`
	}
	if len(styles) > 0 {
		out += ` style="` + strings.Join(styles, ";") + `"`
	}
	return out + ">"
}

// ansiHTML escapes text for HTML and turns its ANSI SGR sequences (colours,
// bold, italic, underline) into spans; other escape sequences are dropped.
func ansiHTML(text string) string {
	if !strings.Contains(text, "\x1b") {
		return html.EscapeString(text)
	}
	var b strings.Builder
	var st ansiState
	inSpan := false
	for len(text) > 0 {
		i := strings.IndexByte(text, '\x1b')
		if i < 0 {
			b.WriteString(html.EscapeString(text))
			break
		}
		b.WriteString(html.EscapeString(text[:i]))
		text = text[i+1:]
		if len(text) == 0 || text[0] != '[' {
			if len(text) > 0 {
				text = text[1:] // a two-byte escape
			}
			continue
		}
		// CSI: parameters, then one final byte in @–~.
		j := 1
		for j < len(text) && (text[j] < '@' || text[j] > '~') {
			j++
		}
		if j >= len(text) {
			break
		}
		params, final := text[1:j], text[j]
		text = text[j+1:]
		if final != 'm' {
			continue
		}
		next := st.apply(params)
		if next == st {
			continue
		}
		if inSpan {
			b.WriteString("</span>")
			inSpan = false
		}
		st = next
		if !st.zero() {
			b.WriteString(st.open())
			inSpan = true
		}
	}
	if inSpan {
		b.WriteString("</span>")
	}
	return b.String()
}

// apply returns the state after the SGR parameters params ("1;31").
func (s ansiState) apply(params string) ansiState {
	if params == "" {
		return ansiState{}
	}
	ps := strings.Split(params, ";")
	num := func(i int) int {
		if i >= len(ps) {
			return -1
		}
		n, err := strconv.Atoi(ps[i])
		if err != nil {
			return -1
		}
		return n
	}
	for i := 0; i < len(ps); i++ {
		n := num(i)
		switch {
		case n == 0:
			s = ansiState{}
		case n == 1:
			s.bold = true
		case n == 3:
			s.italic = true
		case n == 4:
			s.underline = true
		case n == 22:
			s.bold = false
		case n == 23:
			s.italic = false
		case n == 24:
			s.underline = false
		case n >= 30 && n <= 37:
			s.fg = "ansi-" + ansiNames[n-30] + "-fg"
		case n == 39:
			s.fg = ""
		case n >= 40 && n <= 47:
			s.bg = "ansi-" + ansiNames[n-40] + "-bg"
		case n == 49:
			s.bg = ""
		case n >= 90 && n <= 97:
			s.fg = "ansi-" + ansiNames[n-90] + "-intense-fg"
		case n >= 100 && n <= 107:
			s.bg = "ansi-" + ansiNames[n-100] + "-intense-bg"
		case n == 38 || n == 48:
			prop := "color"
			if n == 48 {
				prop = "background-color"
			}
			var v string
			switch num(i + 1) {
			case 5: // 256 colours
				v = color256(num(i+2), prop, n == 38)
				i += 2
			case 2: // true colour
				r, g, bl := num(i+2), num(i+3), num(i+4)
				if r >= 0 && g >= 0 && bl >= 0 {
					v = fmt.Sprintf("%s:rgb(%d,%d,%d)", prop, r&255, g&255, bl&255)
				}
				i += 4
			}
			if n == 38 {
				s.fg = v
			} else {
				s.bg = v
			}
		}
	}
	return s
}

// color256 returns the class or style of colour c of the 256-colour table.
func color256(c int, prop string, fg bool) string {
	suffix := "-bg"
	if fg {
		suffix = "-fg"
	}
	switch {
	case c < 0 || c > 255:
		return ""
	case c < 8:
		return "ansi-" + ansiNames[c] + suffix
	case c < 16:
		return "ansi-" + ansiNames[c-8] + "-intense" + suffix
	case c < 232:
		c -= 16
		level := func(v int) int {
			if v == 0 {
				return 0
			}
			return 55 + v*40
		}
		return fmt.Sprintf("%s:rgb(%d,%d,%d)", prop, level(c/36), level(c/6%6), level(c%6))
	}
	g := 8 + (c-232)*10
	return fmt.Sprintf("%s:rgb(%d,%d,%d)", prop, g, g, g)
}
