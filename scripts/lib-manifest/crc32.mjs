// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as used by PNG chunks and zip entries.
import zlib from "node:zlib";

let table;

function tableCrc32(bytes) {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 of a Buffer/Uint8Array; uses zlib.crc32 where this Node has it (20.15+). */
export function crc32(bytes) {
  return typeof zlib.crc32 === "function" ? zlib.crc32(bytes) >>> 0 : tableCrc32(bytes);
}
