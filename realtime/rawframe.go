package realtime

import "encoding/binary"

// finalText is the first byte of a whole text message in one frame: FIN and
// opcode 1, no reserved bits, since no extension is ever negotiated.
const finalText = 0x81

// appendTextFrame appends payload as one text frame the way a server sends it
// (RFC 6455, section 5.2): unmasked, with the shortest length encoding.
func appendTextFrame(b, payload []byte) []byte {
	n := len(payload)
	switch {
	case n <= 125:
		b = append(b, finalText, byte(n))
	case n <= 0xffff:
		b = append(b, finalText, 126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, finalText, 127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	return append(b, payload...)
}
