/**
 * RFC 4180 rows: cells separated by commas; a cell in double quotes may hold commas, line breaks and
 * quotes written twice (""). These helpers only run on rows the parser has not seen before, so they
 * favour clarity over speed.
 */

/** Whether the text closes every quote it opens (a quoted cell may continue on the next line). */
export function quotesBalanced(text: string): boolean {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count += 1;
  return count % 2 === 0;
}

/** The cells of one row, or a description of the quoting mistake. */
export function splitRow(text: string): string[] | { problem: string } {
  const cells: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] === '"') {
      const cell = readQuotedCell(text, at);
      if ('problem' in cell) return cell;
      cells.push(cell.value);
      at = cell.next;
    } else {
      const comma = text.indexOf(',', at);
      const end = comma === -1 ? text.length : comma;
      const value = text.slice(at, end);
      if (value.includes('"')) return { problem: `a quote inside an unquoted cell (${JSON.stringify(value)}); quote the whole cell and double the inner quotes` };
      cells.push(value);
      at = end;
    }
    if (at >= text.length) return cells;
    at += 1; // past the comma
    if (at === text.length) {
      cells.push('');
      return cells;
    }
  }
}

function readQuotedCell(text: string, open: number): { value: string; next: number } | { problem: string } {
  let value = '';
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return { problem: 'a quoted cell is never closed' };
    value += text.slice(from, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      from = quote + 2;
      continue;
    }
    const next = quote + 1;
    if (next < text.length && text[next] !== ',') return { problem: 'text after the closing quote of a cell (a cell must end at its closing quote)' };
    return { value, next };
  }
}
