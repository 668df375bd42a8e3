/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The console's forms work without this script: they post, and the server redirects back with a
 * message. The script only stops a second click from sending a form twice (two elections, two batches
 * of credentials) and, on the count page, reads a chosen file into its text area.
 */
const forms = [...document.querySelectorAll<HTMLFormElement>('form[method=post]')];
for (const form of forms) {
  form.addEventListener('submit', (ev) => {
    if (form.dataset.sent === 'true') ev.preventDefault();
    form.dataset.sent = 'true';
    form.setAttribute('aria-busy', 'true');
  });
}
// A page brought back with the browser's Back button may be sent again.
window.addEventListener('pageshow', () => {
  for (const form of forms) {
    delete form.dataset.sent;
    form.removeAttribute('aria-busy');
  }
});

/** A chosen file (a ballot file) is read into its text area, so it is sent like pasted text. */
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
