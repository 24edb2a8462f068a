// An export as one string, whatever its pieces are: text, or the UTF-8 bytes a worker thread
// formatted (exportLedger's parallel path).

export function pieceText(piece: string | Uint8Array): string {
  return typeof piece === 'string' ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('utf8');
}

export async function exportText(pieces: AsyncIterable<string | Uint8Array>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += pieceText(piece);
  return text;
}
