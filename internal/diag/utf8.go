package diag

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// CheckUTF8 reports, if src (the text of file) is not valid UTF-8, an
// error at the line and column of its first invalid byte, naming the bytes
// (a Latin-1 or Windows-1252 "é" is the usual cause), and returns false.
// lineOffset is added to the line, for text that starts inside a file.
func CheckUTF8(file string, src []byte, lineOffset int, dl *List) bool {
	if utf8.Valid(src) {
		return true
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := 1 + utf8.RuneCount(src[bytes.LastIndexByte(src[:off], '\n')+1:off])
	msg := fmt.Sprintf("not valid UTF-8: byte 0x%02X here starts no UTF-8 character", src[off])
	if src[off] >= 0xA0 {
		msg += fmt.Sprintf(" (in Latin-1 it is %q)", string(rune(src[off])))
	}
	dl.Add(Diagnostic{File: file, Line: line + lineOffset, Col: col,
		Msg:  msg,
		Hint: "save the file as UTF-8; a Latin-1 or Windows-1252 editor setting is the usual cause"})
	return false
}
