/**
 * Printable postal ballot papers: one A4 page per voter with the address block for a window envelope,
 * the contests with a box beside each candidate for the voter's numbers, and the credential as text and
 * as a QR code that opens the online booth, so the voter can choose either channel (only one counts).
 */
import type { PaperInput } from './delivery.ts';

export async function ballotPapersPdf(title: string, contests: readonly { title: string; ballot: readonly string[] }[], papers: readonly PaperInput[]): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const QRCode = await import('qrcode');
  const doc = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false, info: { Title: `${title}: ballot papers` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const p of papers) {
    doc.addPage();
    doc.fontSize(10).text(p.name).text(p.postalAddress);
    doc.moveDown(2).fontSize(16).text(title);
    doc.fontSize(10).text('Number the candidates in order of preference: 1 for your first choice, 2 for your second, and so on.');
    for (const c of contests) {
      doc.moveDown().fontSize(13).text(c.title).fontSize(11);
      for (const name of c.ballot) {
        const y = doc.y;
        doc.rect(doc.page.margins.left, y, 18, 14).stroke();
        doc.text(name, doc.page.margins.left + 28, y + 2);
        doc.x = doc.page.margins.left;
      }
    }
    const qr = await QRCode.toBuffer(p.voteUrl, { margin: 1, width: 120 });
    doc.moveDown(2).fontSize(10).text('Or vote online with this credential (one ballot counts, whichever arrives first):');
    doc.font('Courier').fontSize(12).text(p.credential).font('Helvetica');
    doc.image(qr, doc.page.margins.left, doc.y + 6, { width: 100 });
    doc.fontSize(8).text(`Voter ${p.voterId}`, doc.page.margins.left, doc.page.height - 80);
  }
  doc.end();
  return done;
}
