// A QR code drawn as vector shapes in a react-pdf page: the `qrcode` package encodes the text (mode,
// version, error correction, masking); this only paints its module matrix, one path for all dark
// modules, with the 4-module quiet zone the standard asks for. Vector, so it prints sharp at any size.
import { Path, Rect, Svg } from "@react-pdf/renderer";
import QRCode from "qrcode";

const QUIET_ZONE = 4;

/** The SVG path of a QR code's dark modules (one unit square each), and the matrix size. */
export function qrModulesPath(text: string): { size: number; d: string } {
  // Level M (15 %) as SAT's and DIAN's samples use; the URL fits a version 6–7 symbol.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    // Runs of dark modules in a row become one rectangle: fewer path segments, same picture.
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return { size, d: parts.join("") };
}

export function QrCode({ text, size }: { text: string; size: number }) {
  const { size: modules, d } = qrModulesPath(text);
  const extent = modules + QUIET_ZONE * 2;
  return (
    <Svg width={size} height={size} viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${extent} ${extent}`}>
      <Rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={extent} height={extent} fill="#ffffff" />
      <Path d={d} fill="#000000" />
    </Svg>
  );
}
