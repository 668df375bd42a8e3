/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The admin console's forms call the JSON API: fields become a JSON body (or the roll a text/csv body),
 * the session's CSRF token goes in its header, and the answer is shown in the form's live region: an
 * error as an alert, a roll's validation report or the issued credentials as tables.
 */
interface Answer {
  readonly error?: string;
  readonly id?: string;
  readonly imported?: number;
  readonly errors?: readonly { line?: number; record?: string; message: string }[];
  readonly credentials?: readonly { voterId: string; credential: string }[];
  readonly emailed?: number;
  readonly posted?: number;
  readonly postalBatch?: string;
  readonly username?: string;
  readonly role?: string;
}

const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

function cellRow(cells: readonly string[], tag = 'td'): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of cells) tr.append(Object.assign(document.createElement(tag), { textContent: text }));
  return tr;
}

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const t = document.createElement('table');
  t.append(Object.assign(document.createElement('caption'), { textContent: caption }));
  t.createTHead().append(cellRow(head, 'th'));
  t.createTBody().append(...rows.map((r) => cellRow(r)));
  return t;
}

function body(form: HTMLFormElement): { text: string; type: string } {
  const data = new FormData(form);
  const csv = data.get('csv');
  if (form.dataset.kind === 'csv') return { text: typeof csv === 'string' ? csv : '', type: 'text/csv' };
  const json: Record<string, string> = {};
  for (const [k, v] of data) if (typeof v === 'string' && v !== '') json[k] = v;
  return { text: JSON.stringify(json), type: 'application/json' };
}

function show(out: HTMLElement, form: HTMLFormElement, ok: boolean, a: Answer): void {
  out.replaceChildren();
  if (!ok) {
    const alert = Object.assign(document.createElement('div'), { className: 'alert' });
    alert.setAttribute('role', 'alert');
    alert.append(Object.assign(document.createElement('p'), { textContent: a.error ?? 'the request failed' }));
    if (a.errors) alert.append(table('Rows to correct', ['Line', 'Problem'], a.errors.map((e) => [String(e.line ?? ''), e.record === undefined ? e.message : `${e.record}: ${e.message}`])));
    out.append(alert);
    return;
  }
  const then = form.dataset.then;
  if (then === 'reload') return location.reload();
  if (then === 'open-election' && a.id !== undefined) return location.assign(`/admin/elections/${encodeURIComponent(a.id)}`);
  const done = Object.assign(document.createElement('div'), { className: 'ok' });
  if (then === 'show-account') done.textContent = `Account ${a.username ?? ''} created (${(a.role ?? '').replace('_', ' ')}).`;
  if (then === 'show-roll') done.textContent = `Imported ${a.imported ?? 0} voters.`;
  if (then === 'show-credentials' && a.credentials) {
    done.append(`Issued ${a.credentials.length} credentials. They are shown once: hand them out now.`);
    done.append(table('Credentials', ['Voter', 'Credential'], a.credentials.map((c) => [c.voterId, c.credential])));
  } else if (then === 'show-credentials') done.textContent = `Emailed ${a.emailed ?? 0}; ${a.posted ?? 0} printed on postal ballot papers.`;
  if (then === 'show-credentials' && a.postalBatch !== undefined) done.append(' ', postalLink(form, a.postalBatch));
  out.append(done);
}

/** The printed papers are kept on the server for the print room; the console links to them for download. */
function postalLink(form: HTMLFormElement, batch: string): HTMLAnchorElement {
  const href = (form.dataset.api ?? '').replace(/credentials$/, `postal-batches/${encodeURIComponent(batch)}`);
  const link = Object.assign(document.createElement('a'), { href, textContent: 'Download the postal ballot papers (PDF)' });
  link.setAttribute('download', batch);
  return link;
}

async function submit(form: HTMLFormElement): Promise<void> {
  const out = form.querySelector<HTMLElement>('.output') ?? form;
  const button = form.querySelector('button');
  if (button) button.disabled = true;
  const { text, type } = body(form);
  try {
    const res = await fetch(form.dataset.api ?? '', { method: form.dataset.method ?? 'POST', body: text, headers: { 'content-type': type, 'x-csrf-token': csrf } });
    show(out, form, res.ok, (await res.json()) as Answer);
  } catch {
    show(out, form, false, { error: 'the server could not be reached' });
  } finally {
    if (button) button.disabled = false;
  }
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-api]')) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit(form);
  });
}

/** A chosen file (a roll, a ballot file) is read into its text area, so it is sent like pasted text. */
for (const input of document.querySelectorAll<HTMLInputElement>('input[type=file][data-into]')) {
  input.addEventListener('change', () => {
    const target = document.getElementById(input.dataset.into ?? '') as HTMLTextAreaElement | null;
    const name = document.getElementById(input.dataset.nameInto ?? '') as HTMLInputElement | null;
    const file = input.files?.[0];
    if (name && file) name.value = file.name;
    void file?.text().then((t) => {
      if (target) target.value = t;
    });
  });
}
